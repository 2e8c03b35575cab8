//! Every lab's demo under tokio-console, written once.
//!
//! A demo built with its lab's `console` feature serves its tasks to tokio-console, so a
//! reader can watch the anti-pattern and its fix live and `console-capture` can record the
//! chapters' snapshots. Each demo flattens [`ConsoleArgs`] into its command line and calls
//! [`ConsoleArgs::serve`] before its workload and [`ConsoleArgs::hold`] (or
//! [`ConsoleArgs::hold_async`]) after it. Built without the feature, both are no-ops (`--hold`
//! says why), and none of console-subscriber's gRPC stack is compiled.
//!
//! Two decisions a reader may question:
//!
//! - the server binds to 127.0.0.1 whatever the environment says: a demo is not a server;
//! - console-subscriber binds in a background thread and only logs a failure, so a port in use
//!   would go unnoticed; [`ConsoleArgs::serve`] tries the port first and fails with a message
//!   that says what to do.

use std::net::SocketAddr;
use std::time::Duration;

/// The flags every demo takes for tokio-console.
#[derive(Debug, Clone, clap::Args)]
pub struct ConsoleArgs {
    /// With `--features console`: seconds to stay alive after the workload, for tokio-console.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u64).range(0..=600))]
    pub hold: u64,
    /// With `--features console`: the loopback port tokio-console connects to (not 0: the
    /// reader has to know the port to connect, and console-subscriber would not say which it got).
    #[arg(long, default_value_t = 6669, value_parser = clap::value_parser!(u16).range(1..))]
    pub console_port: u16,
}

impl ConsoleArgs {
    /// The loopback address the console server listens on.
    pub fn address(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.console_port))
    }

    /// Starts the tokio-console server, or says why it cannot; does nothing without the
    /// `console` feature.
    pub fn serve(&self) -> anyhow::Result<()> {
        #[cfg(feature = "console")]
        {
            let address = self.address();
            if let Err(err) = std::net::TcpListener::bind(address) {
                anyhow::bail!(
                    "cannot serve tokio-console on {address}: {err}. Is another demo still \
                     running? Stop it, or pick another port with --console-port"
                );
            }
            console_subscriber::ConsoleLayer::builder()
                .server_addr(address)
                .init();
        }
        Ok(())
    }

    /// Keeps the process alive for `--hold` seconds so tokio-console can read its final state
    /// (a deadlocked thread included). For demos whose workload ran outside async code.
    pub fn hold(&self) {
        if self.announce() {
            #[expect(
                clippy::disallowed_methods,
                reason = "a plain thread waiting, not async code"
            )]
            std::thread::sleep(Duration::from_secs(self.hold));
        }
    }

    /// [`ConsoleArgs::hold`] for demos that are already inside a Tokio runtime.
    pub async fn hold_async(&self) {
        if self.announce() {
            tokio::time::sleep(Duration::from_secs(self.hold)).await;
        }
    }

    /// Says whether there is anything to hold for, and prints the line `console-capture`
    /// waits for: the workload is over.
    fn announce(&self) -> bool {
        if self.hold == 0 {
            return false;
        }
        if cfg!(not(feature = "console")) {
            eprintln!("--hold only helps with tokio-console: rebuild with `--features console`");
            return false;
        }
        println!(
            "holding for {} s: connect with `tokio-console http://{}`",
            self.hold,
            self.address()
        );
        true
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::ConsoleArgs;

    #[derive(Debug, Parser)]
    struct Demo {
        #[command(flatten)]
        console: ConsoleArgs,
    }

    #[test]
    fn port_zero_is_refused_and_the_hold_is_bounded() {
        assert!(Demo::try_parse_from(["demo", "--console-port", "0"]).is_err());
        assert!(Demo::try_parse_from(["demo", "--hold", "601"]).is_err());
        let demo = Demo::try_parse_from(["demo", "--console-port", "7000"]).unwrap();
        assert_eq!(demo.console.address().to_string(), "127.0.0.1:7000");
    }
}
