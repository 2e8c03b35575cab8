//! What each variant loses, counted exactly on a paused clock.

use std::time::Duration;

use cancel_safety::traffic::{Loss, Schedule, command, on_paused_clock, replay};
use cancel_safety::{Variant, Variants};
use evidence::number::count;

/// The issue's command, and where the first piece of it ends in the issue (`{"cmd":"he`).
pub const COMMAND: &str = r#"{"cmd":"hello"}"#;
/// The tick and the gap of the split experiment: one tick falls in every gap.
const SPLIT_TICK: Duration = Duration::from_millis(10);
const SPLIT_GAP: Duration = Duration::from_millis(15);

/// One variant against every split of [`COMMAND`].
#[derive(Debug, Clone)]
pub struct Splits {
    pub variant: Variant,
    /// Split points tried: after every byte of the command but the last.
    pub tried: usize,
    /// Splits after which the command did not arrive intact.
    pub torn: usize,
    /// Bytes lost over all splits.
    pub bytes_lost: usize,
}

/// Every variant against every split of [`COMMAND`], a tick inside each gap.
pub fn splits() -> anyhow::Result<Vec<Splits>> {
    let mut all = Vec::new();
    for &variant in Variant::all() {
        let mut result = Splits {
            variant,
            tried: 0,
            torn: 0,
            bytes_lost: 0,
        };
        for at in 1..=COMMAND.len() {
            let schedule = Schedule::default().split_line(COMMAND, at, SPLIT_GAP);
            let report = on_paused_clock(replay(variant, schedule, SPLIT_TICK))?;
            let loss = Loss::of(&[COMMAND.to_string()], &report);
            result.tried += 1;
            result.torn += loss.torn();
            result.bytes_lost += loss.bytes_lost;
        }
        all.push(result);
    }
    Ok(all)
}

/// Commands in the traffic, one every [`LINE_EVERY`]: 14 s of traffic.
const LINES: usize = 1_000;
/// A command starts every 14 ms: about 71 commands per second.
const LINE_EVERY: Duration = Duration::from_millis(14);
/// Its two pieces are 2 ms apart: the first is `{"cmd":"he` (10 bytes).
const GAP: Duration = Duration::from_millis(2);
const FIRST_PIECE: usize = 10;
/// Tick periods: 1, 10, 100 and 500 ticks per second.
pub const PERIODS_MS: [u64; 4] = [1_000, 100, 10, 2];

/// One variant at one tick rate, over the whole traffic.
#[derive(Debug, Clone, Copy)]
pub struct Rate {
    pub variant: Variant,
    pub period: Duration,
    pub loss: Loss,
    /// Ticks the loop handled.
    pub ticks: u64,
    /// Seconds of traffic (virtual time).
    pub seconds: f64,
}

impl Rate {
    pub fn ticks_per_second(&self) -> f64 {
        1.0 / self.period.as_secs_f64()
    }

    pub fn bytes_lost_per_second(&self) -> f64 {
        self.loss.bytes_lost as f64 / self.seconds
    }

    pub fn torn_per_second(&self) -> f64 {
        self.loss.torn() as f64 / self.seconds
    }
}

/// The traffic: every command cut after its first ten bytes.
///
/// The writer starts 1 ms late, so its writes fall on odd milliseconds and the ticks (every
/// period an even number of ms) on even ones: no write and tick ever land on the same instant,
/// where `select!`'s random choice of branch would make the count vary from run to run. A tick
/// lands inside a gap when it falls on its middle millisecond, so a period of `p` ms tears
/// about one command in `p / 2` (every one at 2 ms).
fn traffic() -> (Vec<String>, Schedule) {
    let written: Vec<String> = (0..LINES).map(command).collect();
    let schedule = written.iter().fold(
        Schedule::default().pause(Duration::from_millis(1)),
        |s, line| s.split_line(line, FIRST_PIECE, GAP).pause(LINE_EVERY - GAP),
    );
    (written, schedule)
}

/// Every variant at every tick rate of [`PERIODS_MS`].
pub fn rates() -> anyhow::Result<Vec<Rate>> {
    let (written, schedule) = traffic();
    let seconds = (LINE_EVERY * LINES as u32).as_secs_f64();
    let mut all = Vec::new();
    for period in PERIODS_MS.map(Duration::from_millis) {
        for &variant in Variant::all() {
            let report = on_paused_clock(replay(variant, schedule.clone(), period))?;
            all.push(Rate {
                variant,
                period,
                loss: Loss::of(&written, &report),
                ticks: report.ticks,
                seconds,
            });
        }
    }
    Ok(all)
}

pub fn render_splits(splits: &[Splits]) -> String {
    let mut out = String::from(
        "| variant | splits tried | command torn | bytes lost |\n| --- | ---: | ---: | ---: |\n",
    );
    for s in splits {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            s.variant,
            s.tried,
            s.torn,
            count(s.bytes_lost as u64)
        ));
    }
    out.push_str(&format!(
        "\n`{COMMAND}` and its newline cut after byte 1, 2, ..., {} (the last split leaves only \
         the newline for the second piece), the pieces {} ms apart, a tick every {} ms, on a \
         paused clock.",
        COMMAND.len(),
        SPLIT_GAP.as_millis(),
        SPLIT_TICK.as_millis()
    ));
    out
}

pub fn render_rates(rates: &[Rate]) -> String {
    let mut out = String::from(
        "| ticks/s | `anti`: torn/s | `anti`: bytes lost/s | `kept-buffer`: bytes lost/s | every fix: bytes lost |\n\
         | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for period in PERIODS_MS.map(Duration::from_millis) {
        let at = |variant: Variant| {
            rates
                .iter()
                .find(|r| r.variant == variant && r.period == period)
                .expect("every variant at every rate")
        };
        let (anti, kept) = (at(Variant::Anti), at(Variant::KeptBuffer));
        let fixes: usize = Variant::fixes().map(|v| at(v).loss.bytes_lost).sum();
        out.push_str(&format!(
            "| {} | {:.1} | {:.1} | {:.1} | {} |\n",
            anti.ticks_per_second(),
            anti.torn_per_second(),
            anti.bytes_lost_per_second(),
            kept.bytes_lost_per_second(),
            count(fixes as u64)
        ));
    }
    let fixes: Vec<String> = Variant::fixes().map(|v| format!("`{v}`")).collect();
    out.push_str(&format!(
        "\n{} commands, one every {} ms ({:.0} s of traffic), each written as `{{\"cmd\":\"he` \
         and the rest {} ms later; replayed on a paused clock, so every count is exact and the \
         same on every run. *Every fix* is the sum over {}.",
        count(LINES as u64),
        LINE_EVERY.as_millis(),
        (LINE_EVERY * LINES as u32).as_secs_f64(),
        GAP.as_millis(),
        fixes.join(", ")
    ));
    out
}
