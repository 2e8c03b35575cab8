//! The project's commands, behind `cargo xtask`.
//!
//! Two commands matter to a newcomer (see the README): `cargo xtask book` measures every lab
//! and builds the book from the results, and `cargo xtask test` runs every check CI runs. The
//! others are their parts, exposed so that each can be run alone: `report` redraws tables and
//! plots from existing measurements, `console` refreshes the tokio-console snapshots,
//! `generate` rewrites the files derived from the catalogue.
//!
//! Each module is one concept:
//!
//! | module | what it knows |
//! | --- | --- |
//! | [`cli`] | the command line |
//! | [`workspace`] | where the workspace and its target directory are; how to run cargo |
//! | [`book`] | the measurement pipeline, lab by lab |
//! | [`bench`] | running one lab's criterion bench and probe |
//! | [`record`] | what a measurement run remembers about itself (its mode) |
//! | [`report`] | criterion's output → tables, with the checks that refuse stale numbers |
//! | [`plot`] | criterion's output → SVG plots |
//! | [`generate`] | the files derived from the catalogue (the book's index, the root manifest's labs) |
//! | [`console`] | tokio-console snapshots, through the `console-capture` tool |
//! | [`stalls`] | the stall detector's overhead and its verdict on every lab's demo |
//! | [`workshop_sample`] | the Workshop chapter's sample of real runner output |
//! | [`new_lab`] | `cargo xtask new-lab`: a new lab from the templates, in the common layout |
//! | [`mdbook`] | the pinned mdBook: install, build |
//! | [`scan`] | the static scanner: a crate's scan, the self-check on the labs, the corpus |
//! | [`test`] | every check, in CI's order |
//! | [`head_start`] | the last steps' tools, compiled at low priority while the first steps run |

pub mod bench;
pub mod book;
pub mod cli;
pub mod console;
pub mod generate;
pub mod head_start;
pub mod mdbook;
pub mod new_lab;
pub mod plot;
pub mod record;
pub mod report;
pub mod scan;
pub mod stalls;
pub mod test;
pub mod workshop_sample;
pub mod workspace;
