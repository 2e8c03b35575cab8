//! The floor the fix cannot beat: HTTP/1.1 written by hand over connections kept open.
//!
//! No client library: a request is one `write_all` of a GET, the response is read up to its
//! `Content-Length`, and the connection goes back on a stack for the next request. It does
//! what a pool must do and nothing else (no header map, no URL parsing, no redirect or timeout
//! machinery, no connection task), so `fixed` minus `limit` is what reqwest and hyper's client
//! cost on top of the round trip. It handles only this lab's server's answers.

use std::net::SocketAddr;
use std::sync::Mutex;

use anyhow::{Context, bail};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::contract::{ApiClient, Fetch, Fetched};

/// Kept-alive connections to one server, reused last-in first-out.
#[derive(Debug)]
pub struct RawPool {
    addr: SocketAddr,
    // A std `Mutex`: held for a push or a pop, never across an await.
    idle: Mutex<Vec<TcpStream>>,
}

impl RawPool {
    /// A pool for the server at `addr`, empty until the first request.
    pub fn new(addr: SocketAddr) -> RawPool {
        RawPool {
            addr,
            idle: Mutex::new(Vec::new()),
        }
    }

    async fn get(&self, url: &str) -> Fetched {
        // The path is what follows `http://host:port`.
        let path = url
            .splitn(4, '/')
            .nth(3)
            .map_or("/".to_string(), |p| format!("/{p}"));
        let idle = self.idle.lock().expect("no holder panics").pop();
        let mut stream = match idle {
            Some(stream) => stream,
            None => {
                let stream = TcpStream::connect(self.addr).await?;
                // As reqwest does by default: a request is one write, never held back.
                stream.set_nodelay(true)?;
                stream
            }
        };
        let request = format!("GET {path} HTTP/1.1\r\nhost: {}\r\n\r\n", self.addr);
        stream.write_all(request.as_bytes()).await?;
        let body = read_response(&mut stream).await?;
        self.idle.lock().expect("no holder panics").push(stream);
        Ok(body)
    }
}

/// Reads one response with a `Content-Length` body; returns the body's length.
async fn read_response(stream: &mut TcpStream) -> Fetched {
    let mut buf = Vec::with_capacity(256);
    let mut chunk = [0u8; 1024];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = std::str::from_utf8(&buf[..end]).context("response head is not UTF-8")?;
            if !head.starts_with("HTTP/1.1 2") {
                bail!("status line {:?}", head.lines().next());
            }
            let length: usize = head
                .lines()
                .find_map(|line| {
                    let (name, value) = line.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse().ok())?
                })
                .context("no content-length")?;
            let have = buf.len() - (end + 4);
            if have > length {
                bail!("more bytes than one response (the server does not pipeline)");
            }
            let mut rest = vec![0u8; length - have];
            stream.read_exact(&mut rest).await?;
            return Ok(length);
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            bail!("connection closed before the response head ended");
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

impl ApiClient for RawPool {
    fn fetch<'a>(&'a self, url: &'a str) -> Fetch<'a> {
        Box::pin(self.get(url))
    }
}
