// What the guides' table marks as not `Send` and is: a value that one thread holds at a time
// needs no synchronisation, whatever it does through `&self`.
use std::cell::{Cell, RefCell};
use std::sync::Mutex;

fn assert_send<T: Send>() {}
fn assert_sync<T: Sync>() {}

#[allow(dead_code)]
struct State {
    calls: u64,
}

// Seed 000's anti-pattern #3, "RefCell not Send".
#[allow(dead_code)]
struct Converter {
    state: RefCell<State>,
}

fn main() {
    assert_send::<Cell<u32>>();
    assert_send::<RefCell<u32>>();
    // `Cell<u32>` is not `Sync`, and the `RefCell` around it is `Send` all the same.
    assert_send::<RefCell<Cell<u32>>>();
    assert_send::<Converter>();
    // A mutex makes a `Send` value `Sync`.
    assert_sync::<Mutex<Cell<u32>>>();
    assert_sync::<Mutex<Converter>>();
    // And moved to another thread, the converter is used there.
    let converter = Converter {
        state: RefCell::new(State { calls: 0 }),
    };
    let calls = std::thread::spawn(move || {
        converter.state.borrow_mut().calls += 1;
        converter.state.borrow().calls
    })
    .join()
    .unwrap();
    assert_eq!(calls, 1);
}
