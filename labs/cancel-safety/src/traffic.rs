//! The peer's side: lines written in pieces, with pauses between the pieces, and a run of
//! one variant against them.
//!
//! A [`Schedule`] is what the network does to a peer's writes: the bytes of its lines, cut
//! into pieces, each piece followed by a pause. [`replay`] plays a schedule into one end of a
//! `tokio::io::duplex` pipe from a task of its own, closes it (end of stream), and serves the
//! other end with a variant. On a paused clock ([`on_paused_clock`]) the pauses and the ticks
//! cost no real time and happen in the same order on every run, so a torn line is a
//! deterministic, repeatable result rather than a flake.
//!
//! [`Loss`] compares what was written with what a variant delivered.

use std::future::Future;
use std::io;
use std::time::Duration;

use tokio::io::{AsyncWrite, AsyncWriteExt};

use crate::contract::Report;
use crate::variants::Variant;

/// The pipe's buffer: larger than any schedule the lab writes between two reads, so the
/// writer never waits for the reader and the pauses alone set the timing.
const PIPE: usize = 64 * 1024;

/// Bytes written in pieces, each followed by a pause.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schedule {
    pieces: Vec<Piece>,
}

/// One write, and how long the writer waits after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// What is written at once.
    pub bytes: Vec<u8>,
    /// The pause before the next piece (or before closing the stream).
    pub pause_after: Duration,
}

impl Schedule {
    /// Writes `bytes` at once, after whatever was scheduled before.
    pub fn write(mut self, bytes: impl Into<Vec<u8>>) -> Schedule {
        self.pieces.push(Piece {
            bytes: bytes.into(),
            pause_after: Duration::ZERO,
        });
        self
    }

    /// Waits `pause` after the last write (or before the first one).
    pub fn pause(mut self, pause: Duration) -> Schedule {
        match self.pieces.last_mut() {
            Some(last) => last.pause_after += pause,
            None => self = self.write(Vec::new()).pause(pause),
        }
        self
    }

    /// `line` and its newline in two pieces, `gap` apart: the first `at` bytes, then the rest.
    pub fn split_line(self, line: &str, at: usize, gap: Duration) -> Schedule {
        let bytes = with_newline(line);
        let at = at.min(bytes.len());
        self.write(bytes[..at].to_vec())
            .pause(gap)
            .write(bytes[at..].to_vec())
    }

    /// `lines` as one stream of bytes, cut into pieces of `sizes` bytes (cycled, each at least
    /// one byte), each piece followed by the next of `pauses` (cycled; none if empty).
    pub fn chunked(lines: &[String], sizes: &[usize], pauses: &[Duration]) -> Schedule {
        let stream: Vec<u8> = lines.iter().flat_map(|line| with_newline(line)).collect();
        let mut schedule = Schedule::default();
        let (mut start, mut piece) = (0, 0);
        while start < stream.len() {
            let size = sizes
                .get(piece % sizes.len().max(1))
                .copied()
                .unwrap_or(usize::MAX);
            let end = start.saturating_add(size.max(1)).min(stream.len());
            let pause = match pauses {
                [] => Duration::ZERO,
                _ => pauses[piece % pauses.len()],
            };
            schedule = schedule.write(stream[start..end].to_vec()).pause(pause);
            (start, piece) = (end, piece + 1);
        }
        schedule
    }

    /// Every byte the schedule writes.
    pub fn bytes(&self) -> usize {
        self.pieces.iter().map(|p| p.bytes.len()).sum()
    }

    /// The pieces, in order.
    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    /// Writes every piece into `writer`, pausing after each, then shuts it down.
    pub async fn play<W: AsyncWrite + Unpin>(self, mut writer: W) -> io::Result<()> {
        for piece in self.pieces {
            writer.write_all(&piece.bytes).await?;
            writer.flush().await?;
            if !piece.pause_after.is_zero() {
                tokio::time::sleep(piece.pause_after).await;
            }
        }
        writer.shutdown().await
    }
}

/// `line` followed by its newline, as bytes.
fn with_newline(line: &str) -> Vec<u8> {
    let mut bytes = line.as_bytes().to_vec();
    bytes.push(b'\n');
    bytes
}

/// Plays `schedule` into a pipe from a task of its own and serves the other end with
/// `variant`, a tick every `tick`.
pub async fn replay(variant: Variant, schedule: Schedule, tick: Duration) -> io::Result<Report> {
    let (peer, ours) = tokio::io::duplex(PIPE);
    let writer = tokio::spawn(schedule.play(peer));
    let report = variant.serve(ours, tick).await?;
    writer.await.map_err(io::Error::other)??;
    Ok(report)
}

/// Runs `future` to completion on a fresh current-thread runtime whose clock is paused: time
/// moves only when every task is waiting, straight to the next timer.
pub fn on_paused_clock<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("a current-thread runtime with a paused clock")
        .block_on(future)
}

/// The command a peer sends as line `seq`, in the seed's JSON style.
pub fn command(seq: usize) -> String {
    format!(r#"{{"cmd":"hello","seq":{seq}}}"#)
}

/// What a variant delivered, against what was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loss {
    /// Lines written.
    pub written: usize,
    /// Lines delivered exactly as written, at the same position.
    pub intact: usize,
    /// Bytes written but never delivered (line endings not counted).
    pub bytes_lost: usize,
}

impl Loss {
    /// Compares `written` with `report.lines`.
    pub fn of(written: &[String], report: &Report) -> Loss {
        let intact = written
            .iter()
            .zip(&report.lines)
            .filter(|(w, d)| w == d)
            .count();
        let written_bytes: usize = written.iter().map(String::len).sum();
        Loss {
            written: written.len(),
            intact,
            bytes_lost: written_bytes.saturating_sub(report.bytes()),
        }
    }

    /// Lines that did not arrive intact.
    pub fn torn(&self) -> usize {
        self.written - self.intact
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chunked_schedule_writes_every_byte_once_in_order() {
        let lines = vec!["ab".to_string(), String::new(), "cde".to_string()];
        let schedule = Schedule::chunked(&lines, &[2, 3], &[Duration::from_millis(1)]);
        let written: Vec<u8> = schedule
            .pieces()
            .iter()
            .flat_map(|p| p.bytes.clone())
            .collect();
        assert_eq!(written, b"ab\n\ncde\n");
        let sizes: Vec<usize> = schedule.pieces().iter().map(|p| p.bytes.len()).collect();
        assert_eq!(sizes, [2, 3, 2, 1]);
    }

    #[test]
    fn a_split_line_is_two_pieces_with_the_gap_between() {
        let gap = Duration::from_millis(5);
        let schedule = Schedule::default().split_line("hello", 2, gap);
        assert_eq!(schedule.pieces()[0].bytes, b"he");
        assert_eq!(schedule.pieces()[0].pause_after, gap);
        assert_eq!(schedule.pieces()[1].bytes, b"llo\n");
    }
}
