// The other half of the table's `Rc` row: a shared `&Rc` could clone it from two threads.
use std::rc::Rc;

fn assert_sync<T: Sync>() {}

fn main() {
    assert_sync::<Rc<u32>>();
}
