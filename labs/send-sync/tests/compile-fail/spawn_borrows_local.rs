// Seed 002's snippet, with `tokio::spawn`: the task may outlive `data`, so the borrow is
// refused (E0373). The reason is `'static`, not `Send`: `&Vec<i32>` is `Send`.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let data = vec![1, 2, 3];
    let task = tokio::spawn(async {
        println!("{:?}", data);
    });
    task.await.unwrap();
}
