//! The limit: the body read straight off the socket, with no HTTP client at all.
//!
//! What no download through reqwest can beat on this machine is the loopback connection
//! itself: the server's bytes through the kernel into the writer. [`RawTcp`] sends a GET by
//! hand over a connection it keeps alive, reads the status line and headers, then copies exactly `Content-Length` bytes from
//! the socket into the writer with `tokio::io::copy_buf`, straight out of one large read
//! buffer. It is what `fixed` does minus reqwest
//! and hyper's client side (their parsing, their buffers, their pool), so the bench's ratio
//! of `fixed` to it is the price of a real client.
//!
//! It understands only what this lab's server says (HTTP/1.1, a `Content-Length`, no chunked
//! encoding): a floor to measure against, not a client to copy.

use anyhow::{Context, bail, ensure};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

/// The socket's read buffer: large reads, as hyper makes them once a body is flowing.
const READ_BUFFER: usize = 256 << 10;
use tokio::net::TcpStream;
use tokio::sync::Mutex;

use crate::contract::{Download, Saving, Sink};

/// A hand-written HTTP/1.1 GET over one kept-alive TCP connection.
///
/// The connection is kept between downloads, as reqwest's pool keeps its own: a fresh
/// connection would start with the kernel's small initial buffers and window, and the floor
/// would then lose to the client it is meant to bound.
#[derive(Debug, Default)]
pub struct RawTcp {
    connection: Mutex<Option<(String, BufReader<TcpStream>)>>,
}

impl Download for RawTcp {
    fn download<'a>(
        &'a self,
        _client: &'a reqwest::Client,
        url: &'a str,
        sink: Sink<'a>,
    ) -> Saving<'a> {
        Box::pin(async move {
            let url = reqwest::Url::parse(url)?;
            let host = url.host_str().context("a URL with a host")?;
            let port = url.port().context("the lab's server always has a port")?;
            let authority = format!("{host}:{port}");
            let mut slot = self.connection.lock().await;
            let mut stream = match slot.take() {
                Some((to, stream)) if to == authority => stream,
                _ => BufReader::with_capacity(READ_BUFFER, TcpStream::connect((host, port)).await?),
            };
            let request = format!("GET {} HTTP/1.1\r\nHost: {authority}\r\n\r\n", url.path());
            stream.get_mut().write_all(request.as_bytes()).await?;

            let mut line = String::new();
            stream.read_line(&mut line).await?;
            if !line.starts_with("HTTP/1.1 200") {
                bail!("the server answered {:?}", line.trim_end());
            }
            let mut length = None;
            loop {
                line.clear();
                stream.read_line(&mut line).await?;
                let header = line.trim_end();
                if header.is_empty() {
                    break;
                }
                if let Some((name, value)) = header.split_once(':')
                    && name.eq_ignore_ascii_case("content-length")
                {
                    length = Some(value.trim().parse::<u64>()?);
                }
            }
            let length = length.context("this floor needs a Content-Length")?;
            // `copy_buf` writes straight from the reader's buffer: one copy, socket to writer.
            let copied = tokio::io::copy_buf(&mut (&mut stream).take(length), sink).await?;
            sink.flush().await?;
            ensure!(
                copied == length,
                "the body ended after {copied} of {length} bytes"
            );
            // Only a connection whose body was read to its end can carry the next request.
            *slot = Some((authority, stream));
            Ok(copied)
        })
    }
}
