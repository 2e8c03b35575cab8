// Seed 000's table: `*const T` is neither `Send` nor `Sync`: the compiler cannot know who else
// points at the same memory, so only an `unsafe impl` can promise either.
fn assert_send<T: Send>() {}
fn assert_sync<T: Sync>() {}

fn main() {
    assert_send::<*const u32>();
    assert_sync::<*const u32>();
}
