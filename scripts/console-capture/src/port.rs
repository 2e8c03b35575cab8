//! Which loopback port the demo serves tokio-console on.
//!
//! Every demo binds console-subscriber to 127.0.0.1 only: a demo is not a server, and nothing
//! outside this machine should be able to read its tasks. Two captures (or a capture and a
//! tokio-console session someone left open) must not fight over one port, so by default each
//! run asks the kernel for a free one.

use std::net::{Ipv4Addr, SocketAddr, TcpListener};

use anyhow::{Context, Result, bail};

/// The address a demo serves on, for `port`.
pub fn loopback(port: u16) -> SocketAddr {
    SocketAddr::from((Ipv4Addr::LOCALHOST, port))
}

/// A port that was free a moment ago: bind port 0, read what the kernel chose, release it.
///
/// Between the release and the demo's own bind another process could take it; the demo then
/// fails with its own "cannot serve tokio-console" message, which the capture passes on.
pub fn free() -> Result<u16> {
    let listener = TcpListener::bind(loopback(0)).context("cannot bind any port on 127.0.0.1")?;
    Ok(listener.local_addr()?.port())
}

/// Checks that `port` is free before a demo is started on it, and says what to do if not.
pub fn check(port: u16) -> Result<()> {
    if let Err(err) = TcpListener::bind(loopback(port)) {
        bail!(
            "port {port} on 127.0.0.1 is not available ({err}): is another demo or a \
             tokio-console session still running? Stop it, pick another port with --port, or \
             leave --port out to use a free one"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_port_in_use_is_reported_with_what_to_do() {
        let taken = TcpListener::bind(loopback(0)).unwrap();
        let port = taken.local_addr().unwrap().port();
        let err = check(port).unwrap_err().to_string();
        assert!(
            err.contains(&format!("port {port}")) && err.contains("--port"),
            "{err}"
        );
        drop(taken);
        assert!(check(free().unwrap()).is_ok());
    }
}
