//! What an idle port holds, per variant, on both runtime flavours: readers that have each read
//! one message and wait for the next, as an agent's port does between messages.

mod common;

use common::{FLAVOURS, reader, runtime};
use fs_for_devices::{
    Fifo, Variant, Variants, busy_blocking_threads, queued_blocking_jobs, settled,
};
use tokio::runtime::Handle;

/// Ports per test: more than one, so "one per port" cannot pass for "one".
const PORTS: usize = 3;

#[test]
fn an_idle_port_holds_what_its_variant_declares() {
    for flavour in FLAVOURS {
        for &variant in Variant::all() {
            let faults = variant.faults();
            runtime(flavour, 16).block_on(async {
                let fifos: Vec<Fifo> = (0..PORTS).map(|_| Fifo::new().unwrap()).collect();
                let mut readers = Vec::new();
                for fifo in &fifos {
                    readers.push(reader(variant, fifo).await);
                }
                for (fifo, received) in fifos.iter().zip(&mut readers) {
                    fifo.write(b"hello\n").unwrap();
                    assert_eq!(received.recv().await, Some(Some("hello".into())));
                }
                let (mut in_read, mut on_reactor) = (0, 0);
                for fifo in &fifos {
                    let census = settled(fifo).await.unwrap();
                    in_read += census.in_read;
                    on_reactor += census.on_reactor;
                }
                let expected_in_read = if faults.holds_thread { PORTS } else { 0 };
                assert_eq!(
                    in_read, expected_in_read,
                    "{variant} on {flavour:?}: threads in read(2)"
                );
                assert_eq!(
                    on_reactor,
                    PORTS - expected_in_read,
                    "{variant} on {flavour:?}: on the reactor"
                );
                let busy = busy_blocking_threads(&Handle::current());
                if faults.holds_pool_thread {
                    // At least: a thread that just finished a read may not have counted itself
                    // idle yet; the parked ones are certain.
                    assert!(
                        busy >= PORTS,
                        "{variant} on {flavour:?}: {busy} pool threads busy"
                    );
                } else {
                    assert_eq!(busy, 0, "{variant} on {flavour:?}: pool threads busy");
                }
            });
        }
    }
}

#[test]
fn at_the_pools_cap_file_work_waits_for_the_silent_ports() {
    for flavour in FLAVOURS {
        for &variant in Variant::all() {
            let holds_pool = variant.faults().holds_pool_thread;
            // The cap is the number of ports: a variant that takes a pool thread per idle port
            // takes all of them.
            runtime(flavour, PORTS).block_on(async {
                let fifos: Vec<Fifo> = (0..PORTS).map(|_| Fifo::new().unwrap()).collect();
                let mut readers = Vec::new();
                for fifo in &fifos {
                    readers.push(reader(variant, fifo).await);
                    settled(fifo).await.unwrap();
                }
                let dir = tempfile::tempdir().unwrap();
                let metadata = tokio::spawn(tokio::fs::metadata(dir.path().to_owned()));
                if holds_pool {
                    // The job is queued, and stays queued: no pool thread will come free.
                    fs_for_devices::until(&fifos[0], |_| {
                        queued_blocking_jobs(&Handle::current()) >= 1
                    })
                    .await
                    .unwrap();
                    assert!(!metadata.is_finished(), "{variant}: the file job ran");
                    for (fifo, received) in fifos.iter().zip(&mut readers) {
                        fifo.write(b"wake\n").unwrap();
                        assert_eq!(received.recv().await, Some(Some("wake".into())));
                    }
                }
                // Without pool threads held it completes with every port still silent; with
                // them, only once a message freed a thread.
                assert!(metadata.await.unwrap().unwrap().is_dir(), "{variant}");
                for received in &mut readers {
                    assert!(
                        received.try_recv().is_err(),
                        "{variant}: a message nobody wrote"
                    );
                }
            });
        }
    }
}
