// Seed 000's table: `*const T` is not `Send` (nor `Sync`): the compiler cannot know who else
// points at the same memory, so only an `unsafe impl` can promise it.
fn assert_send<T: Send>() {}

fn main() {
    assert_send::<*const u32>();
}
