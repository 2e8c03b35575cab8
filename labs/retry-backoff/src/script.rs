//! What a server answers: the same rules for the loopback HTTP server ([`crate::server`]) and
//! the in-memory one ([`crate::memory`]), so a test can say "429, then 200" once and run it on
//! either.

use std::time::Duration;

use reqwest::StatusCode;

/// The rule a server answers by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Script {
    /// Request `i` (from 0) gets `first[i]`; every request after those gets `then`.
    Statuses {
        /// The first answers, in order.
        first: Vec<StatusCode>,
        /// Every answer after them.
        then: StatusCode,
    },
    /// Down for `outage` (503 to everything), then at most `per_window` successes in each
    /// `window` (counted from the start), 429 to the rest: a rate-limited service coming back.
    RateLimited {
        /// How long it is down.
        outage: Duration,
        /// Successes it allows per window once up.
        per_window: u32,
        /// The window's length.
        window: Duration,
    },
}

impl Script {
    /// `failures` answers of `status`, then 200 for ever.
    pub fn fails(failures: usize, status: StatusCode) -> Script {
        Script::Statuses {
            first: vec![status; failures],
            then: StatusCode::OK,
        }
    }

    /// `status` to every request.
    pub fn always(status: StatusCode) -> Script {
        Script::Statuses {
            first: Vec::new(),
            then: status,
        }
    }
}

/// A server's memory: what came when, and what the script needs to decide.
#[derive(Debug, Default)]
pub struct Log {
    /// When each request arrived, since the server started.
    pub arrivals: Vec<Duration>,
    /// Successes answered in each window (the rate-limited script).
    admitted: Vec<u32>,
}

impl Log {
    /// Records a request arriving at `at` and returns the answer `script` gives it.
    pub fn answer(&mut self, script: &Script, at: Duration) -> StatusCode {
        let index = self.arrivals.len();
        self.arrivals.push(at);
        match script {
            Script::Statuses { first, then } => first.get(index).copied().unwrap_or(*then),
            Script::RateLimited {
                outage,
                per_window,
                window,
            } => {
                if at < *outage {
                    return StatusCode::SERVICE_UNAVAILABLE;
                }
                let slot = (at.as_nanos() / window.as_nanos().max(1)) as usize;
                if self.admitted.len() <= slot {
                    self.admitted.resize(slot + 1, 0);
                }
                if self.admitted[slot] < *per_window {
                    self.admitted[slot] += 1;
                    StatusCode::OK
                } else {
                    StatusCode::TOO_MANY_REQUESTS
                }
            }
        }
    }

    /// The most requests that arrived within one `window` (windows aligned on the start),
    /// among those from `from` on.
    pub fn peak(&self, window: Duration, from: Duration) -> usize {
        let mut counts = std::collections::BTreeMap::new();
        for &at in self.arrivals.iter().filter(|&&at| at >= from) {
            *counts
                .entry(at.as_nanos() / window.as_nanos().max(1))
                .or_insert(0) += 1;
        }
        counts.values().copied().max().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rate_limit_admits_so_many_per_window_after_the_outage() {
        let script = Script::RateLimited {
            outage: Duration::from_secs(1),
            per_window: 2,
            window: Duration::from_millis(100),
        };
        let mut log = Log::default();
        let at = |ms| Duration::from_millis(ms);
        let answers: Vec<u16> = [0, 999, 1_000, 1_010, 1_020, 1_100]
            .map(|ms| log.answer(&script, at(ms)).as_u16())
            .to_vec();
        assert_eq!(answers, [503, 503, 200, 200, 429, 200]);
        assert_eq!(log.peak(at(100), at(0)), 3);
        assert_eq!(log.peak(at(100), at(1_100)), 1);
    }
}
