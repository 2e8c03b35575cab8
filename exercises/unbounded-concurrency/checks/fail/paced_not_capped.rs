//! Wrong: a rate instead of a cap: one request started every 2 ms, on the reasoning that an
//! item takes about 10 ms, so about five are in flight. Until the items are slower than
//! that guess, when requests pile up. Caught by
//! `the_server_never_has_more_than_the_cap_in_flight_whatever_the_size`.

use std::time::Duration;

use crate::api::Api;

/// Fetches every id's item; their values in any order, or the first error.
pub async fn fetch_all(api: &Api, ids: Vec<u64>) -> anyhow::Result<Vec<u64>> {
    let mut ticks = tokio::time::interval(Duration::from_millis(2));
    let mut handles = Vec::with_capacity(ids.len());
    for id in ids {
        ticks.tick().await;
        handles.push(tokio::spawn(api.item(id)));
    }
    let mut values = Vec::with_capacity(handles.len());
    for handle in handles {
        values.push(handle.await??);
    }
    Ok(values)
}
