//! Right: `for_each_concurrent(MAX_IN_FLIGHT)`, the values gathered into a shared `Vec`.

use std::sync::Mutex;

use futures_util::stream::{self, StreamExt};

use crate::api::{Api, MAX_IN_FLIGHT};

/// Fetches every id's item; their values in any order, or the first error.
pub async fn fetch_all(api: &Api, ids: Vec<u64>) -> anyhow::Result<Vec<u64>> {
    let values = Mutex::new(Vec::with_capacity(ids.len()));
    let first_error = Mutex::new(None);
    stream::iter(ids)
        .for_each_concurrent(MAX_IN_FLIGHT, |id| {
            let (values, first_error) = (&values, &first_error);
            async move {
                match api.item(id).await {
                    Ok(value) => values.lock().expect("no holder panics").push(value),
                    Err(error) => {
                        first_error.lock().expect("no holder panics").get_or_insert(error);
                    }
                }
            }
        })
        .await;
    match first_error.into_inner().expect("no holder panics") {
        Some(error) => Err(error),
        None => Ok(values.into_inner().expect("no holder panics")),
    }
}
