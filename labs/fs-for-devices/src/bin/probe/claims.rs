//! The verdicts on the guides' claims, each drawn from what this run's experiments counted;
//! the verdict is computed from the counts, never typed.

use evidence::Verdict;
use evidence::number::duration;
use fs_for_devices::Variant;

use crate::experiments::{self, Cancelled, DefaultCap, Flavour, Shutdown};

/// What the probe measured before judging.
pub struct Evidence {
    pub cancelled: Vec<(Variant, Cancelled)>,
    pub cap: DefaultCap,
    pub anti_shutdown: Shutdown,
}

impl Evidence {
    /// The verdict on claim `id`, or `None` for a claim this lab does not know.
    pub fn judge(&self, id: &str) -> Option<Verdict> {
        Some(match id {
            "virtio-serial-select-loop" => self.select_loop(),
            "blocking-pool-for-files" => self.pool_for_files(),
            "tokio-fs-current-thread" => current_thread(),
            _ => return None,
        })
    }

    fn select_loop(&self) -> Verdict {
        let Some((_, anti)) = self.cancelled.iter().find(|(v, _)| *v == Variant::Anti) else {
            return Verdict::not_measured("no cancellation experiment for `anti`");
        };
        let measured = format!(
            "After the timer branch won (the read dropped), {} thread stayed in `read(2)` on the \
             port; the next read on the same `File` got `{}`. After the port was dropped, {} \
             thread still read it, and a new port got {} of two lines written. Dropping the \
             runtime {}.",
            anti.in_read_after_cancel,
            anti.kept_port_got.as_deref().unwrap_or("nothing"),
            anti.in_read_after_drop,
            anti.new_port_got
                .as_deref()
                .map_or("nothing".into(), |l| format!("`{l}`")),
            if self.anti_shutdown.returned_before_data {
                "returned at once".to_string()
            } else {
                format!(
                    "waited for the silent port (still waiting after {})",
                    duration(self.anti_shutdown.waited)
                )
            },
        );
        let holds = anti.in_read_after_cancel > 0 || anti.in_read_after_drop > 0;
        if holds {
            Verdict::explained(
                measured,
                "It works; it is not async I/O.",
                "While the same `File` is read again nothing is lost (the abandoned read fills \
                 its buffer), but every silent port holds a blocking thread in `read(2)` for as \
                 long as it is silent, the timer's win cannot stop that read, a dropped port's \
                 read takes the next message for nobody, and the runtime cannot shut down until \
                 the host writes. `pipe::Receiver` or `AsyncFd` waits on the reactor instead.",
            )
        } else {
            Verdict::new(measured, "True: no thread stayed behind.")
        }
    }

    fn pool_for_files(&self) -> Verdict {
        let cap = &self.cap;
        let measured = format!(
            "{} silent `anti` ports on a runtime with the default pool: {} blocking threads \
             started, {} of them in `read(2)` on the port; a `tokio::fs::metadata` call then \
             {} ({} jobs queued for a thread).",
            cap.ports,
            cap.threads,
            cap.in_read,
            if cap.file_op_served {
                "was served"
            } else {
                "waited for a port to speak"
            },
            cap.queued,
        );
        if cap.threads < cap.ports && !cap.file_op_served {
            Verdict::explained(
                measured,
                format!(
                    "The cap is {}; for a port it is a count of silent ports.",
                    cap.threads
                ),
                "Tokio's default `max_blocking_threads` is 512, and a file operation takes one \
                 thread for as long as it runs: microseconds on a disk file, as long as the \
                 other side is silent on a pipe or a device. At the cap, every `spawn_blocking` \
                 and every file operation of the process queues behind the silent ports.",
            )
        } else {
            Verdict::new(
                measured,
                "True: the pool served file work beside the ports.",
            )
        }
    }
}

/// `tokio-fs-current-thread`: idle `anti` ports on a current-thread runtime.
fn current_thread() -> Verdict {
    let ports = 4;
    match experiments::idle(Variant::Anti, Flavour::CurrentThread, ports) {
        Err(err) => Verdict::not_measured(format!("the experiment failed: {err:#}")),
        Ok(idle) => {
            let measured = format!(
                "{ports} idle `anti` ports on a current-thread runtime: {} threads in `read(2)`, \
                 {} blocking-pool threads busy (Tokio's metrics).",
                idle.in_read, idle.pool_busy
            );
            if idle.in_read == ports && idle.pool_busy >= ports {
                Verdict::explained(
                    measured,
                    "True.",
                    "A current-thread runtime still has a blocking pool; `tokio::fs` runs every \
                     read there, one thread per read in flight.",
                )
            } else {
                Verdict::new(measured, "False.")
            }
        }
    }
}

/// `default-cap.md`: 513 ports against Tokio's default pool.
pub fn default_cap_text(cap: &DefaultCap) -> String {
    format!(
        "{} `anti` ports, all silent, on a runtime built with Tokio's defaults: the pool started \
         **{} threads**, {} of them in `read(2)` on the FIFO, and a `tokio::fs::metadata` call \
         asked then {} (blocking jobs queued: {}). Every port's read was released by the \
         FIFO's hang-up at the end.\n",
        cap.ports,
        cap.threads,
        cap.in_read,
        if cap.file_op_served {
            "was served"
        } else {
            "waited until the hang-up"
        },
        cap.queued,
    )
}
