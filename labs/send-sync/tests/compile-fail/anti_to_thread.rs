// The lab's `anti` converter (`Rc<RefCell<_>>`) handed to a host thread.
use send_sync::Converter;
use send_sync::anti::Anti;
use send_sync::ffi;

fn main() {
    let converter = Anti::open(ffi::open());
    std::thread::spawn(move || converter.convert("hello"))
        .join()
        .unwrap();
}
