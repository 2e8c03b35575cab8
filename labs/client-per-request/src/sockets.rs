//! What the kernel holds for the client: TCP sockets by state, and this process's file
//! descriptors, read from `/proc` at run time (Linux).
//!
//! `/proc/net/tcp` and `/proc/net/tcp6` list every TCP socket of the network namespace,
//! other processes' included, so every count here is filtered by the server's port: a socket
//! *to* the server (remote port = the server's) is the client's end. A closed connection
//! whose client closed first stays in `TIME_WAIT` on the client's end for 60 s on Linux,
//! holding its ephemeral port; such sockets belong to no process any more (their inode is 0),
//! which is why they are counted by port and not through `/proc/self/fd`.

use std::io;

/// One line of `/proc/net/tcp{,6}`: the ports and the state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TcpSocket {
    /// Local port.
    pub local_port: u16,
    /// Remote port.
    pub remote_port: u16,
    /// The kernel's state number (`01` established, `06` time-wait, ...).
    pub state: u8,
}

/// The kernel's number for `TIME_WAIT`.
pub const TIME_WAIT: u8 = 0x06;
/// The kernel's number for `ESTABLISHED`.
pub const ESTABLISHED: u8 = 0x01;

/// Every TCP socket of this network namespace, IPv4 and IPv6.
pub fn tcp_sockets() -> io::Result<Vec<TcpSocket>> {
    let mut sockets = parse(&std::fs::read_to_string("/proc/net/tcp")?);
    // A kernel without IPv6 has no tcp6 file; that is no socket, not an error.
    if let Ok(text) = std::fs::read_to_string("/proc/net/tcp6") {
        sockets.extend(parse(&text));
    }
    Ok(sockets)
}

/// Parses the table: a header line, then `sl local rem st ...` with `addr:port` in hex.
fn parse(text: &str) -> Vec<TcpSocket> {
    let port = |field: &str| {
        let (_, port) = field.rsplit_once(':')?;
        u16::from_str_radix(port, 16).ok()
    };
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let mut fields = line.split_whitespace().skip(1);
            let (local, remote, state) = (fields.next()?, fields.next()?, fields.next()?);
            Some(TcpSocket {
                local_port: port(local)?,
                remote_port: port(remote)?,
                state: u8::from_str_radix(state, 16).ok()?,
            })
        })
        .collect()
}

/// The client ends of connections to `port` in `state`.
pub fn to_port(port: u16, state: u8) -> io::Result<usize> {
    Ok(tcp_sockets()?
        .iter()
        .filter(|s| s.remote_port == port && s.state == state)
        .count())
}

/// The client ends of connections to `port`, in any state (open, closing or `TIME_WAIT`).
pub fn all_to_port(port: u16) -> io::Result<usize> {
    Ok(tcp_sockets()?
        .iter()
        .filter(|s| s.remote_port == port)
        .count())
}

/// This process's open file descriptors that are sockets.
pub fn open_sockets() -> io::Result<usize> {
    let mut sockets = 0;
    for entry in std::fs::read_dir("/proc/self/fd")? {
        // A descriptor closed between the listing and the readlink is simply gone.
        if let Ok(target) = std::fs::read_link(entry?.path())
            && target.to_string_lossy().starts_with("socket:")
        {
            sockets += 1;
        }
    }
    Ok(sockets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_kernel_table() {
        let text = "  sl  local_address rem_address   st tx_queue rx_queue\n   \
                    0: 0100007F:1F90 0100007F:C350 06 00000000:00000000\n   \
                    1: 00000000000000000000000001000000:0050 00000000000000000000000001000000:D431 01 0\n";
        assert_eq!(
            parse(text),
            [
                TcpSocket {
                    local_port: 0x1F90,
                    remote_port: 0xC350,
                    state: TIME_WAIT
                },
                TcpSocket {
                    local_port: 0x50,
                    remote_port: 0xD431,
                    state: ESTABLISHED
                },
            ]
        );
    }
}
