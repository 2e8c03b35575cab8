// The table's condition "RefCell is not Send if T is not Sync" names the wrong trait:
// `MutexGuard<u32>` is `Sync` but not `Send`, and so `RefCell<MutexGuard<u32>>` is not `Send`.
use std::cell::RefCell;
use std::sync::MutexGuard;

fn assert_send<T: Send>() {}
fn assert_sync<T: Sync>() {}

fn main() {
    assert_sync::<MutexGuard<'static, u32>>();
    assert_send::<RefCell<MutexGuard<'static, u32>>>();
}
