//! The actor that unwraps: the first rejected `put` panics, and the actor is gone for good.

use tokio::sync::mpsc;

use crate::actor::{Command, Shelf};

/// Serves requests until every handle is dropped, or until the first rejected `put`.
pub async fn serve(mut requests: mpsc::Receiver<Command>) {
    let mut shelf = Shelf::default();
    while let Some(command) = requests.recv().await {
        match command {
            Command::Put { key, value, reply } => {
                // "Cannot fail in practice": one duplicate key ends the actor's task here.
                shelf.put(key, value).unwrap();
                let _ = reply.send(Ok(()));
            }
            Command::Get { key, reply } => {
                let _ = reply.send(shelf.get(&key));
            }
        }
    }
}
