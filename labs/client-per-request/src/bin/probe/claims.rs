//! The verdicts on the guide's claims, each from an experiment run here against the loopback
//! server; every verdict is computed from what the experiment saw, never typed.

use client_per_request::{Variant, guide, server};

use crate::connections::{REQUESTS, RUNS, Row};

/// What the claim experiments saw.
#[derive(Debug)]
pub struct Experiments {
    rows: Vec<Row>,
    /// `http2_prior_knowledge()` against the HTTP/1.1 server: the error, or the status.
    prior_knowledge: String,
    prior_knowledge_failed: bool,
    /// Requests the server's handler saw from the prior-knowledge client.
    prior_knowledge_requests: usize,
    nodelay_default: bool,
    nodelay_off_prints: bool,
}

impl Experiments {
    /// Runs the experiments the connection table does not already answer.
    pub async fn run(rows: &[Row]) -> anyhow::Result<Experiments> {
        let api = server::start().await?;
        let client = guide::as_printed().build()?;
        let sent = client.get(server::item_url(&api, 0)).send().await;
        let (prior_knowledge, failed) = match sent {
            Ok(response) => (format!("status {}", response.status()), false),
            Err(error) => (error_chain(&error), true),
        };
        // reqwest prints `tcp_nodelay: true` in a builder's Debug only when it is on.
        let nodelay_default =
            format!("{:?}", reqwest::Client::builder()).contains("tcp_nodelay: true");
        let nodelay_off_prints =
            format!("{:?}", reqwest::Client::builder().tcp_nodelay(false)).contains("tcp_nodelay");
        Ok(Experiments {
            rows: rows.to_vec(),
            prior_knowledge,
            prior_knowledge_failed: failed,
            prior_knowledge_requests: api.counts().requests,
            nodelay_default,
            nodelay_off_prints,
        })
    }

    fn connections(&self, variant: Variant, concurrency: usize) -> Option<usize> {
        self.rows
            .iter()
            .find(|r| r.variant == variant && r.concurrency == concurrency)
            .map(|r| r.connections)
    }

    /// The verdict on claim `id`.
    pub fn judge(&self, id: &str) -> Option<evidence::Verdict> {
        use evidence::Verdict;
        let total = RUNS * REQUESTS;
        Some(match id {
            "client-new-recreates-pool" => {
                let (Some(anti), Some(fixed)) = (
                    self.connections(Variant::Anti, 1),
                    self.connections(Variant::Fixed, 1),
                ) else {
                    return Some(Verdict::not_measured("no connection counts"));
                };
                let measured = format!(
                    "{total} GETs one at a time: a client per request made the server accept \
                     {anti} connections, one shared client {fixed}."
                );
                if anti == total && fixed < anti {
                    Verdict::explained(
                        measured,
                        "True.",
                        "A `Client` is its pool: a new one is empty, so each request connects, \
                         and dropping it closes the connection (the client's end then waits in \
                         TIME_WAIT, see the table).",
                    )
                } else {
                    Verdict::new(measured, "Not shown by this run.")
                }
            }
            "pool-max-idle-reuses" => {
                let (Some(fixed), Some(guide), Some(guide8)) = (
                    self.connections(Variant::Fixed, 64),
                    self.connections(Variant::GuidePool, 64),
                    self.connections(Variant::GuidePool, 8),
                ) else {
                    return Some(Verdict::not_measured("no connection counts"));
                };
                let measured = format!(
                    "{RUNS} runs of {REQUESTS} GETs: with 64 in flight the guide's client \
                     opened {guide} connections, reqwest's defaults {fixed}; with 8 in flight \
                     the guide's client opened {guide8}."
                );
                if guide > fixed {
                    Verdict::explained(
                        measured,
                        "Misleading.",
                        "Reuse comes from sharing one client; reqwest's default already keeps \
                         every idle connection for 90 s. A cap of 8 only limits reuse: a job \
                         with more than 8 requests in flight closes the surplus after each \
                         burst and reconnects in the next.",
                    )
                } else {
                    Verdict::new(measured, "True, and no different from the defaults.")
                }
            }
            "tcp-nodelay" => {
                let measured = format!(
                    "`Debug` of reqwest {}'s default `ClientBuilder` shows `tcp_nodelay: true`: \
                     {}; after `.tcp_nodelay(false)` it shows it: {}.",
                    "0.13", self.nodelay_default, self.nodelay_off_prints
                );
                if self.nodelay_default && !self.nodelay_off_prints {
                    Verdict::explained(
                        measured,
                        "True, and redundant.",
                        "reqwest sets TCP_NODELAY on its connections by default, so the line \
                         changes nothing. (Read from the client's configuration, not from the \
                         socket: reading a socket option of reqwest's connection needs its \
                         file descriptor, which reqwest does not expose.)",
                    )
                } else {
                    Verdict::new(measured, "reqwest's default is not what the guide assumes.")
                }
            }
            "http2-prior-knowledge" => {
                let measured = format!(
                    "Against an HTTP/1.1-only server (hyper's, as many behind a plain-HTTP \
                     proxy are): the request returned `{}`; requests the server saw: {}.",
                    self.prior_knowledge, self.prior_knowledge_requests
                );
                if self.prior_knowledge_failed && self.prior_knowledge_requests == 0 {
                    Verdict::explained(
                        measured,
                        "False as a default.",
                        "Prior knowledge skips the negotiation: the client speaks HTTP/2 from \
                         the first byte, and a server that does not fails every request. Over \
                         HTTPS, ALPN lets the two ends agree on HTTP/2 when both offer it \
                         (this lab has no TLS, so that part is not run here). HTTP/1.1 with a shared pool multiplexes \
                         by opening one connection per request in flight.",
                    )
                } else {
                    Verdict::new(measured, "The request did not fail.")
                }
            }
            _ => return None,
        })
    }
}

/// An error and its sources on one line, as reqwest's `Display` shows only the top.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    text.replace('|', "/")
}
