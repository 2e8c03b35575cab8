// Seed 000's "bad" FFI converter, shaped as the guide writes it: what fails is `Sync`.
use std::cell::RefCell;

#[allow(dead_code)]
struct State {
    calls: u64,
}

#[allow(dead_code)]
struct Converter {
    state: RefCell<State>,
}

fn assert_sync<T: Sync>() {}

fn main() {
    assert_sync::<Converter>();
}
