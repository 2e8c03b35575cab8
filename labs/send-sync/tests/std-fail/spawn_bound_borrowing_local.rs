// Seed 002: a spawned future that borrows a local "won't compile". A function with
// `tokio::spawn`'s bounds (`F: Future + Send + 'static`), std only, so rustc alone can check
// it; spawn_borrows_local.rs is the same with Tokio itself.
use std::future::Future;

fn spawn<F: Future + Send + 'static>(_future: F) {}

fn main() {
    let data = vec![1, 2, 3];
    spawn(async {
        println!("{:?}", data);
    });
}
