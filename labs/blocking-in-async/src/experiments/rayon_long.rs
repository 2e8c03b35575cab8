//! A long parallel job beside the heartbeat: a rayon iterator run inline, and handed to rayon
//! with `rayon::spawn`.

use std::time::Duration;

use evidence::Variants;

use crate::contract::Job;
use crate::heartbeat::Lateness;
use crate::load::{self, Monitors};
use crate::runtime::Flavor;
use crate::variants::Variant;

/// A long parallel job, inline or handed to rayon, beside the heartbeat.
#[derive(Debug, Clone)]
pub struct RayonRun {
    /// `rayon-inline` or `rayon-oneshot`.
    pub variant: Variant,
    /// The runtime flavour.
    pub flavor: Flavor,
    /// The heartbeat's lateness.
    pub lateness: Lateness,
}

/// One client sends parallel jobs (each `job.rounds` of CPU over rayon's pool) back to back
/// for `run`, inline and through `rayon::spawn`, on both flavours.
pub fn rayon_long(job: &Job, run: Duration) -> std::io::Result<Vec<RayonRun>> {
    let mut results = Vec::new();
    for &flavor in Flavor::all() {
        for variant in [Variant::RayonInline, Variant::RayonOneshot] {
            let runtime = flavor.runtime()?;
            let monitors = Monitors::new(Duration::from_micros(50), Duration::from_micros(50));
            let steady = runtime.block_on(load::steady(variant, 1, run, job, &monitors));
            results.push(RayonRun {
                variant,
                flavor,
                lateness: steady.lateness,
            });
        }
    }
    Ok(results)
}
