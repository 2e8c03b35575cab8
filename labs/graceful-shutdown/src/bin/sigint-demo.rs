//! The demo under a name no other lab's binary has, for `tests/sigint.rs`.
//!
//! Every lab's demo is a binary called `demo`, and in a workspace-wide build cargo puts them
//! all at one path (`target/debug/demo`), so `CARGO_BIN_EXE_demo` can name another lab's
//! demo. The SIGINT test must interrupt this lab's, whichever was built last.

#[path = "demo.rs"]
mod demo;

fn main() -> std::process::ExitCode {
    demo::main()
}
