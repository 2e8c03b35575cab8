//! `connections.md`: what each variant costs the server and the kernel, counted.

use std::sync::Arc;

use client_per_request::{Job, Limits, Variant, Variants, job, server, sockets};

/// Runs of the job per measurement, through one client ...
pub const RUNS: usize = 16;
/// ... of this many GETs each (the bench's iteration).
pub const REQUESTS: usize = 64;
/// The concurrencies measured.
pub const CONCURRENCY: [usize; 3] = [1, 8, 64];

/// One variant at one concurrency.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    /// The variant.
    pub variant: Variant,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Connections the server accepted over the `RUNS` runs.
    pub connections: usize,
    /// The client's sockets to the server in `TIME_WAIT` afterwards, less those before.
    pub time_wait: usize,
    /// This process's open sockets with the client still alive, less those before the server
    /// started (both ends of every open connection, and the listener).
    pub open_sockets: usize,
}

/// Every variant at every concurrency.
pub async fn measure() -> anyhow::Result<Vec<Row>> {
    let mut rows = Vec::new();
    for &concurrency in &CONCURRENCY {
        for &variant in Variant::all() {
            rows.push(one(variant, concurrency).await?);
        }
    }
    Ok(rows)
}

async fn one(variant: Variant, concurrency: usize) -> anyhow::Result<Row> {
    let total = RUNS * REQUESTS;
    let sockets_before = sockets::open_sockets()?;
    let api = server::start_with(Limits {
        max_connections: total + 1,
        max_requests: total,
    })
    .await?;
    let port = api.addr().port();
    let before = sockets::to_port(port, sockets::TIME_WAIT)?;
    let client = variant.build()?;
    for _ in 0..RUNS {
        let run = Job {
            requests: REQUESTS,
            concurrency,
        };
        job::run(Arc::clone(&client), &api.url(), run).await?;
    }
    // Let the pool's connection tasks finish closing what they were told to close: a few
    // turns of the scheduler, not a timed wait (the table reads what is left either way).
    for _ in 0..16 {
        tokio::task::yield_now().await;
    }
    let after = sockets::to_port(port, sockets::TIME_WAIT)?;
    let open = sockets::open_sockets()?;
    Ok(Row {
        variant,
        concurrency,
        connections: api.counts().connections,
        time_wait: after.saturating_sub(before),
        open_sockets: open.saturating_sub(sockets_before),
    })
}

/// The table, narrow: five short columns.
pub fn table(rows: &[Row]) -> String {
    let mut out = format!(
        "{RUNS} runs of the job, {REQUESTS} GETs each ({} in all), through one client per \
         row, against a fresh loopback server:\n\n\
         | variant | in flight | connections | TIME_WAIT | open sockets |\n\
         | --- | ---: | ---: | ---: | ---: |\n",
        RUNS * REQUESTS
    );
    for row in rows {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            row.variant.name(),
            row.concurrency,
            row.connections,
            row.time_wait,
            row.open_sockets
        ));
    }
    out.push_str(
        "\n*connections*: accepted by the server. *TIME_WAIT*: the client's ends of closed \
         connections to this server, read from `/proc/net/tcp` right after the last run (a \
         connection still closing is not yet there). *open sockets*: this process's socket \
         descriptors in `/proc/self/fd`, client still alive, less those open before the server \
         started: the server's listener and both ends of every connection kept open.\n",
    );
    out
}
