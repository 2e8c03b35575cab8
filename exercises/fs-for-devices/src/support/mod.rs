//! What the tests run your port on, copied from the lab (`labs/fs-for-devices`): a real FIFO
//! made with `mkfifo` in a temporary directory ([`Fifo`]), and the census that says, from
//! `/proc`, where each reader of it waits ([`census`]: on a thread in `read(2)`, or on the
//! reactor). You do not need to change anything here.

mod census;
mod fifo;

pub use census::{
    Census, SETTLE_BOUND, busy_blocking_threads, census, queued_blocking_jobs, settled, until,
};
pub use fifo::Fifo;
