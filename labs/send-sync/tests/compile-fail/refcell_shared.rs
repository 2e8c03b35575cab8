// The lab's `refcell` converter shared by two threads: not `Sync`, whatever the guide says
// about `Send`.
use send_sync::Converter;
use send_sync::ffi;
use send_sync::refcell::RefCellConverter;

fn main() {
    let converter = RefCellConverter::open(ffi::open());
    std::thread::scope(|scope| {
        scope.spawn(|| converter.convert("left"));
        scope.spawn(|| converter.convert("right"));
    });
}
