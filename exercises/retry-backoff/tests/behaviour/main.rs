//! The exercise's tests, in one binary (each check of `cargo workshop verify` builds it once):
//! the policy's properties (`policy`) and the loop against a loopback server (`loopback`).

mod loopback;
mod policy;
