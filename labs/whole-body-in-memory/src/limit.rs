//! The limit: the body read straight off the socket, with no HTTP client at all.
//!
//! What no download through reqwest can beat on this machine is the loopback connection
//! itself: the server's bytes through the kernel into the writer. [`RawTcp`] sends a GET by
//! hand, reads the status line and headers, then copies exactly `Content-Length` bytes from
//! the socket into the writer with `tokio::io::copy`. It is what `fixed` does minus reqwest
//! and hyper's client side (their parsing, their buffers, their pool), so the bench's ratio
//! of `fixed` to it is the price of a real client.
//!
//! It understands only what this lab's server says (HTTP/1.1, a `Content-Length`, no chunked
//! encoding): a floor to measure against, not a client to copy.

use anyhow::{Context, bail, ensure};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use crate::contract::{Download, Saving, Sink};

/// A hand-written HTTP/1.1 GET over a fresh TCP connection.
#[derive(Debug, Default)]
pub struct RawTcp;

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
            let stream = TcpStream::connect((host, port)).await?;
            let mut stream = BufReader::new(stream);
            let request = format!(
                "GET {} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n",
                url.path()
            );
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
            let copied = tokio::io::copy(&mut (&mut stream).take(length), sink).await?;
            ensure!(copied == length, "the body ended after {copied} of {length} bytes");
            Ok(copied)
        })
    }
}
