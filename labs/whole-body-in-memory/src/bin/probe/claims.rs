//! `claims.md`: a verdict on each claim of the catalogue entry, from this run's numbers.

use evidence::number::bytes;
use evidence::{Group, Ratio, Verdict};

use crate::Run;
use crate::table::find;

/// What the claims are judged from.
pub struct Facts<'a> {
    /// Every download the probe measured.
    pub runs: &'a [Run],
    /// Criterion's `file` group: `fixed` into a bare `tokio::fs::File` and into a buffered one.
    pub file: anyhow::Result<Group>,
}

/// A download that held less than this share of the body did not hold the body.
const WHOLE: f64 = 0.9;

impl Facts<'_> {
    /// The verdict on the claim `id`, or `None` for a claim this probe does not know.
    pub fn judge(&self, id: &str) -> Option<Verdict> {
        Some(match id {
            "bytes-loads-everything" => self.holds_whole("anti", "`bytes()`", true),
            "chunk-loop-streams" => self.chunk_loop(),
            "stream-rows-large-results" => {
                self.holds_whole("collected", "Streaming and then collecting", false)
            }
            "tokio-file-per-chunk" => self.bare_file(),
            _ => return None,
        })
    }

    /// The largest body measured and the run of `name` on it.
    fn largest(&self, name: &str) -> Option<&Run> {
        let len = self.runs.iter().map(|r| r.held.len).max()?;
        find(self.runs, name, len)
    }

    /// Whether `name` held the whole body; `warns` says whether the claim warns of that (its
    /// verdict is then `True`) or recommends the code (then `False`).
    fn holds_whole(&self, name: &str, what: &str, warns: bool) -> Verdict {
        let Some(run) = self.largest(name) else {
            return Verdict::not_measured(format!("no `{name}` download was measured"));
        };
        let share = run.held.peak_heap as f64 / run.held.len as f64;
        let measured = format!(
            "A {} body: `{name}` held {} of heap at its peak ({:.0}% of the body).",
            bytes(run.held.len as f64),
            bytes(run.held.peak_heap as f64),
            share * 100.0
        );
        if share >= WHOLE {
            let verdict = if warns {
                "True."
            } else {
                "False as the guide writes it."
            };
            Verdict::explained(
                measured,
                verdict,
                format!(
                    "{what} keeps the whole body in memory before the first byte is written: \
                     streaming helps only if each piece is handled and dropped as it arrives."
                ),
            )
        } else {
            Verdict::explained(
                measured,
                "Not reproduced.",
                format!("{what} held less than the body in this run."),
            )
        }
    }

    fn chunk_loop(&self) -> Verdict {
        let fixed: Vec<&Run> = self.runs.iter().filter(|r| r.download == "fixed").collect();
        let (Some(small), Some(large)) = (
            fixed.iter().min_by_key(|r| r.held.len),
            fixed.iter().max_by_key(|r| r.held.len),
        ) else {
            return Verdict::not_measured("no `fixed` download was measured");
        };
        let most = fixed.iter().map(|r| r.held.peak_heap).max().unwrap_or(0);
        let measured = format!(
            "`fixed` held at most {} of heap for bodies from {} to {} ({} on the largest).",
            bytes(most as f64),
            bytes(small.held.len as f64),
            bytes(large.held.len as f64),
            bytes(large.held.peak_heap as f64),
        );
        // Flat: the largest body costs no more than twice the smallest's peak, and less than a
        // tenth of itself.
        let flat = large.held.peak_heap <= 2 * small.held.peak_heap.max(1)
            && (large.held.peak_heap as f64) < large.held.len as f64 / 10.0;
        if flat {
            Verdict::explained(
                measured,
                "True.",
                "The heap stays flat whatever the size: a chunk in hand and hyper's buffers.",
            )
        } else {
            Verdict::explained(
                measured,
                "Not reproduced.",
                "The heap grew with the body in this run.",
            )
        }
    }

    fn bare_file(&self) -> Verdict {
        let group = match &self.file {
            Ok(group) => group,
            Err(err) => return Verdict::not_measured(format!("no criterion results: {err:#}")),
        };
        let load = group
            .loads()
            .first()
            .map(|l| l.to_string())
            .unwrap_or_default();
        let (Some(bare), Some(buffered)) = (
            group.get("guide-bare-file", &load),
            group.get("fixed", &load),
        ) else {
            return Verdict::not_measured("the `file` group lacks `guide-bare-file` or `fixed`");
        };
        let ratio = Ratio::of(&bare.headline(), &buffered.headline());
        let measured = format!(
            "A {load} MiB body written chunk by chunk into a bare `tokio::fs::File` took {} as \
             long as through a 256 KiB `BufWriter` ({}).",
            ratio.with_range(),
            ratio.separation(),
        );
        if ratio.separated && ratio.point > 1.15 {
            Verdict::explained(
                measured,
                "Right on memory, dear in time.",
                "Each write of a network-sized chunk is a trip to the blocking pool; a buffer in \
                 front of the file makes them a few large writes.",
            )
        } else {
            Verdict::explained(
                measured,
                "True.",
                "A bare file cost about the same as a buffered one here.",
            )
        }
    }
}
