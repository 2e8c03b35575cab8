//! The lab's probe (being written).

fn main() {}
