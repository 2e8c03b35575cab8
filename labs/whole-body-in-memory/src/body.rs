//! The body every download fetches: bytes anyone can compute from their offset.
//!
//! A test of a download has to know what should arrive without keeping a copy of it (a copy
//! of a 512 MiB body would be the very memory this lab measures), and the server must not
//! hold it either. So the body is a pattern: chunks of [`CHUNK`] bytes, each opening with
//! its own offset (eight bytes, big-endian) and then the same fixed filler of pseudo-random
//! bytes. The offset makes every chunk unique, so a chunk written twice, dropped or out of
//! order is caught; the filler is a `static`, so the server sends it without copying and the
//! [`Checker`] compares it a slice at a time, fast enough that checking does not dominate
//! what the bench measures.

use hyper::body::Bytes;

/// The size of the body's chunks, and of the server's writes.
pub const CHUNK: usize = 64 * 1024;

/// Bytes of a chunk's header: its offset in the body.
const HEADER: usize = 8;

/// The rest of every chunk: pseudo-random bytes, the same in each (a xorshift, made at
/// compile time).
static FILLER: [u8; CHUNK] = filler();

const fn filler() -> [u8; CHUNK] {
    let mut bytes = [0; CHUNK];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut i = 0;
    while i < CHUNK {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        bytes[i] = state as u8;
        i += 1;
    }
    bytes
}

/// The byte at `offset` of every body.
pub fn byte_at(offset: u64) -> u8 {
    let pos = (offset % CHUNK as u64) as usize;
    if pos < HEADER {
        (offset - pos as u64).to_be_bytes()[pos]
    } else {
        FILLER[pos]
    }
}

/// The chunk of the body that starts at `start` (a multiple of [`CHUNK`]) and is `len` bytes
/// long, as the two pieces the server sends: the header, then the filler (not copied).
pub fn chunk(start: u64, len: usize) -> [Bytes; 2] {
    debug_assert!(start.is_multiple_of(CHUNK as u64) && len <= CHUNK);
    let header = start.to_be_bytes();
    let head = len.min(HEADER);
    [
        Bytes::copy_from_slice(&header[..head]),
        Bytes::from_static(&FILLER[head..len.max(head)]),
    ]
}

/// Checks a body as it arrives, in constant memory.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Checker {
    /// Bytes seen so far.
    pub received: u64,
    /// Offset of the first byte that differed from the pattern, if any did.
    pub first_mismatch: Option<u64>,
}

impl Checker {
    /// Takes the next bytes of the body.
    pub fn feed(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            let offset = self.received;
            let pos = (offset % CHUNK as u64) as usize;
            let run = bytes.len().min(CHUNK - pos);
            let (piece, rest) = bytes.split_at(run);
            if self.first_mismatch.is_none() {
                self.first_mismatch = mismatch(offset, pos, piece);
            }
            self.received += run as u64;
            bytes = rest;
        }
    }

    /// Whether exactly the body of `len` bytes arrived, every byte in its place.
    pub fn is_body_of(&self, len: u64) -> bool {
        self.received == len && self.first_mismatch.is_none()
    }
}

/// The offset of the first wrong byte of `piece`, which starts at `offset` (`pos` into its
/// chunk) and does not cross into the next chunk.
fn mismatch(offset: u64, pos: usize, piece: &[u8]) -> Option<u64> {
    let header_end = HEADER.saturating_sub(pos).min(piece.len());
    let (header, filler) = piece.split_at(header_end);
    if let Some(i) = (0..header.len()).find(|&i| header[i] != byte_at(offset + i as u64)) {
        return Some(offset + i as u64);
    }
    let from = pos + header_end;
    if filler == &FILLER[from..from + filler.len()] {
        return None;
    }
    let i = filler
        .iter()
        .zip(&FILLER[from..])
        .position(|(a, b)| a != b)
        .expect("unequal slices of one length differ somewhere");
    Some(offset + (header_end + i) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(start: u64, len: usize) -> Vec<u8> {
        chunk(start, len).concat()
    }

    #[test]
    fn the_pieces_the_server_sends_are_the_pattern() {
        for len in [0, 3, HEADER, CHUNK] {
            let sent = body(3 * CHUNK as u64, len);
            let expected: Vec<u8> = (0..len as u64)
                .map(|i| byte_at(3 * CHUNK as u64 + i))
                .collect();
            assert_eq!(sent, expected, "a chunk of {len} bytes");
        }
    }

    #[test]
    fn a_body_fed_in_any_split_checks_out() {
        let whole: Vec<u8> = (0..3).flat_map(|i| body(i * CHUNK as u64, CHUNK)).collect();
        for split in [1, 7, 8, 9, 4_097, CHUNK, CHUNK + 1] {
            let mut checker = Checker::default();
            for piece in whole.chunks(split) {
                checker.feed(piece);
            }
            assert!(
                checker.is_body_of(3 * CHUNK as u64),
                "split every {split}: {checker:?}"
            );
        }
    }

    #[test]
    fn a_repeated_or_skipped_chunk_is_a_mismatch_at_its_header() {
        let mut repeated = Checker::default();
        repeated.feed(&body(0, CHUNK));
        repeated.feed(&body(0, CHUNK));
        // The second chunk's header says 0 where CHUNK belongs: the first byte that differs.
        let at = repeated.first_mismatch.expect("a repeated chunk is caught");
        assert!(
            (CHUNK as u64..(CHUNK + HEADER) as u64).contains(&at),
            "{at}"
        );

        let mut skipped = Checker::default();
        skipped.feed(&body(0, CHUNK));
        skipped.feed(&body(2 * CHUNK as u64, CHUNK));
        assert!(!skipped.is_body_of(2 * CHUNK as u64));
    }

    #[test]
    fn a_changed_filler_byte_is_found_where_it_is() {
        let mut bytes = body(0, CHUNK);
        bytes[1_000] ^= 1;
        let mut checker = Checker::default();
        checker.feed(&bytes);
        assert_eq!(checker.first_mismatch, Some(1_000));
    }

    #[test]
    fn a_short_body_is_not_the_body() {
        let mut checker = Checker::default();
        checker.feed(&body(0, 10));
        assert!(!checker.is_body_of(11));
        assert!(checker.is_body_of(10));
    }
}
