//! Workshop exercise: `tokio::fs` on a pipe or a device. Edit `src/serial.rs`, then run
//! `cargo workshop`.

// `cargo workshop verify` builds the reference fix instead of your file through this feature.
#[cfg_attr(feature = "reference", path = "../solution/serial.rs")]
mod serial;

pub use serial::SerialPort;
