//! The actor that keeps running: a refused `put` is the reply, not the actor's end.

use tokio::sync::mpsc;

use crate::actor::{Command, Shelf};

/// Serves requests until every handle is dropped; each refusal goes back to its caller.
pub async fn serve(mut requests: mpsc::Receiver<Command>) {
    let mut shelf = Shelf::default();
    while let Some(command) = requests.recv().await {
        match command {
            Command::Put { key, value, reply } => {
                // A caller that stopped waiting dropped its receiver; the actor goes on.
                let _ = reply.send(shelf.put(key, value));
            }
            Command::Get { key, reply } => {
                let _ = reply.send(shelf.get(&key));
            }
        }
    }
}
