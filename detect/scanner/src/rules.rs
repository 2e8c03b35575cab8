//! The rules: one per lab where a static rule makes sense, each named by the lab's catalogue
//! id so that a finding, its chapter and its entry in `anti-patterns/` share one name.
//!
//! A rule ships on by default only when its precision on the labelled corpus of real crates
//! (`detect/scanner/corpus/`) is at least [`PRECISION_BAR`]; below that it is experimental,
//! off unless asked for, and the scanner chapter prints its figure. The corpus check
//! (`cargo xtask scan --corpus`) fails when a rule's default disagrees with its measured
//! precision, so this table cannot drift away from the evidence.

/// The precision a rule needs on the labelled corpus to be on by default.
pub const PRECISION_BAR: f64 = 0.90;

/// One rule of the scanner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The catalogue id of the lab that teaches the pattern.
    pub id: &'static str,
    /// One line: what the rule flags.
    pub summary: &'static str,
    /// What to do instead, shown as the finding's help.
    pub help: &'static str,
    /// On unless the config or the command line turns it off.
    pub default_enabled: bool,
}

impl Rule {
    /// The lab's chapter, relative to the book's root (`labs/<id>.html` once built).
    pub fn chapter(&self) -> String {
        format!("book/src/labs/{}.md", self.id)
    }

    /// Off by default because its measured precision is below the bar.
    pub fn experimental(&self) -> bool {
        !self.default_enabled
    }
}

/// Every rule, in catalogue order of the labs they belong to.
pub const RULES: &[Rule] = &[
    Rule {
        id: "runtime-per-call",
        summary: "a Tokio runtime built in code that runs per call (a method, a loop, a callback), not at start-up",
        help: "build the runtime once (in `main`, or lazily in a `static OnceLock`) and share it; enter it with `block_on` or a `Handle`",
        default_enabled: true,
    },
    Rule {
        id: "blocking-in-async",
        summary: "a blocking call (std sleep, `std::fs`, blocking `std::net`, `std::process` waits, `reqwest::blocking`, `block_on`) inside async code",
        help: "use the async API (`tokio::time::sleep`, `tokio::fs`, `tokio::net`, `tokio::process`), or move the call to `tokio::task::spawn_blocking`",
        default_enabled: true,
    },
    Rule {
        id: "unbounded-channels",
        summary: "an unbounded async channel: nothing slows the producer when the consumer falls behind",
        help: "use a bounded channel (`mpsc::channel(n)`) and decide what a full queue means: wait (backpressure) or drop and count",
        default_enabled: false,
    },
    Rule {
        id: "cancel-safety",
        summary: "a method that is not cancel safe (it loses data when dropped half-way) used as a `select!` branch in a loop",
        help: "keep the partial state outside the loop: a framed reader (`lines().next_line()`, `FramedRead`), or a pinned future created once before the loop",
        default_enabled: true,
    },
    Rule {
        id: "timers-in-loops",
        summary: "a timer created inside a `select!` in a loop: every iteration starts a new one, so it fires only after a quiet spell",
        help: "create the timer once before the loop (`let sleep = sleep(d); tokio::pin!(sleep);` and branch on `&mut sleep`), or use `tokio::time::interval`",
        default_enabled: true,
    },
    Rule {
        id: "graceful-shutdown",
        summary: "a shutdown signal (`notified()`, `ctrl_c()`) recreated in a `select!` loop: a signal sent between iterations is missed",
        help: "create the future once before the loop and pin it, or use a `CancellationToken` / `watch` channel, whose state outlives a single wait",
        default_enabled: false,
    },
    Rule {
        id: "broadcast-lagged",
        summary: "a broadcast receive loop that stops at the first error, including `RecvError::Lagged`, which is not the end of the channel",
        help: "match the error: `Err(RecvError::Lagged(n))` means `n` messages were skipped and the next `recv` works; only `Closed` ends the loop",
        default_enabled: true,
    },
    Rule {
        id: "detached-tasks",
        summary: "a spawned task whose result is an error nobody reads: the `JoinHandle` is dropped and the task returns a `Result`",
        help: "keep the handle (a `JoinSet` or `TaskTracker`) and look at its result, or handle the error inside the task",
        default_enabled: true,
    },
    Rule {
        id: "retry-backoff",
        summary: "a retry delay grown with unchecked `pow`, a shift or repeated doubling: it overflows (a panic in debug builds) or grows without a cap",
        help: "cap the exponent before computing (`attempt.min(10)`), use `checked_pow`/`saturating_mul`, and clamp the delay with `.min(max)`",
        default_enabled: true,
    },
    Rule {
        id: "client-per-request",
        summary: "an HTTP client built per request (in a loop, a per-call closure or a `&self` method): each one opens its own connection pool and TLS sessions",
        help: "build the client once and clone it (a `reqwest::Client` is an `Arc` inside); pass it in or keep it in shared state",
        default_enabled: true,
    },
];

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// Every rule id, in order.
pub fn ids() -> Vec<&'static str> {
    RULES.iter().map(|r| r.id).collect()
}
