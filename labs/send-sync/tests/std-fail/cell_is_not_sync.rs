// `Cell<T>` is not `Sync`: `set` through a shared reference, from two threads, would race.
// (It *is* `Send`: see std-pass/cells_are_send.rs.)
use std::cell::Cell;

fn assert_sync<T: Sync>() {}

fn main() {
    assert_sync::<Cell<u32>>();
}
