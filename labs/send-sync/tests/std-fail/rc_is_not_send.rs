// Seed 000's table: `Rc<T>` is neither `Send` nor `Sync`. Its count is a plain integer.
use std::rc::Rc;

fn assert_send<T: Send>() {}

fn main() {
    assert_send::<Rc<u32>>();
}
