//! The root package of the workspace. It has no code of its own: it owns `benches/`, where
//! criterion compares each lab's anti-pattern with its fix, and `tests/`, where the checks
//! that span every lab (the catalogue is complete, the book is in sync) live.
