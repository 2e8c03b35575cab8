//! The download server: the workspace's loopback HTTP/1.1 server, answering with bodies of any
//! size that it never holds in memory.
//!
//! `GET /body/<len>` answers `200` with a `Content-Length: <len>` body of the pattern in
//! [`crate::body`], produced one [`CHUNK`](crate::body::CHUNK) at a time (a header and a filler it does not
//! copy) as hyper asks for it:
//! hyper polls the body only when the socket can take more, so a client that stops reading
//! stops the server too (that is TCP's backpressure, reaching all the way back here). The
//! server's own memory is one chunk per open download, whatever the size, so the heap a
//! measurement sees growing is the client's.
//!
//! Two more answers test a download's error handling: `GET /cut/<len>` promises `<len>` bytes
//! and fails after half of them (hyper then closes the connection mid-body, as a server that
//! crashed would), and any other path is `404`.
//!
//! Each chunk is announced to an *observer* before it is made: the tests sample the heap
//! there, so the moment the body is being received is one the sampling cannot miss.

use std::io;
use std::pin::Pin;
use std::sync::Arc;

use futures_util::stream::{self, Stream, StreamExt};
use http_body_util::StreamBody;
use hyper::body::{Bytes, Frame};
use hyper::{Response, StatusCode, header};
use loopback_http::Limits;
/// The running server; dropping it stops it.
pub use loopback_http::Server;

use crate::body::{CHUNK, chunk};

/// Called before every chunk the server sends.
pub type Observer = Arc<dyn Fn() + Send + Sync>;

/// The body stream of every answer.
type Chunks = Pin<Box<dyn Stream<Item = Result<Frame<Bytes>, io::Error>> + Send>>;

/// Starts the server with an observer that does nothing.
pub async fn start() -> io::Result<Server> {
    start_observed(Arc::new(|| {})).await
}

/// Starts the server; `observer` runs before each chunk of every body.
pub async fn start_observed(observer: Observer) -> io::Result<Server> {
    // Few requests: every download here is one request, and a body can be large.
    let limits = Limits {
        max_connections: 1_000,
        max_requests: 10_000,
    };
    Server::start_with(limits, move |request| {
        let observer = Arc::clone(&observer);
        let path = request.uri().path().to_string();
        async move { answer(&path, observer) }
    })
    .await
}

/// The URL of a body of `len` bytes.
pub fn body_url(server: &Server, len: u64) -> String {
    format!("{}body/{len}", server.url())
}

/// The URL of a body that promises `len` bytes and breaks off half-way.
pub fn cut_url(server: &Server, len: u64) -> String {
    format!("{}cut/{len}", server.url())
}

/// The URL of a path the server does not have.
pub fn missing_url(server: &Server) -> String {
    format!("{}missing", server.url())
}

fn answer(path: &str, observer: Observer) -> Response<StreamBody<Chunks>> {
    let parse = |prefix: &str| {
        path.strip_prefix(prefix)
            .and_then(|n| n.parse::<u64>().ok())
    };
    let (len, cut) = match (parse("/body/"), parse("/cut/")) {
        (Some(len), _) => (len, false),
        (_, Some(len)) => (len, true),
        _ => return not_found(),
    };
    let sent = if cut { len / 2 } else { len };
    let chunks = stream::iter((0..sent).step_by(CHUNK))
        .flat_map(move |start| {
            observer();
            let len = CHUNK.min((sent - start) as usize);
            stream::iter(chunk(start, len))
        })
        .map(|piece| Ok(Frame::data(piece)));
    let chunks: Chunks = if cut {
        let broken = stream::once(async { Err(io::Error::other("the server broke off")) });
        chunks.chain(broken).boxed()
    } else {
        chunks.boxed()
    };
    Response::builder()
        .header(header::CONTENT_LENGTH, len)
        .body(StreamBody::new(chunks))
        .expect("a length header and a stream make a response")
}

fn not_found() -> Response<StreamBody<Chunks>> {
    let chunks: Chunks =
        stream::once(async { Ok(Frame::data(Bytes::from_static(b"no such body"))) }).boxed();
    Response::builder()
        .status(StatusCode::NOT_FOUND)
        .body(StreamBody::new(chunks))
        .expect("a status and a stream make a response")
}
