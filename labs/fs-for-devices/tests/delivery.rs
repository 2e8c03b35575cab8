//! Every variant delivers exactly the lines written, in order, however the writes split them
//! and however many reads are cancelled along the way (proptest draws both).

use fs_for_devices::{Fifo, Variant, Variants, lines, settled};
use proptest::prelude::*;

/// Cases per variant: each one makes a FIFO and reads it for real.
const CASES: u32 = 24;

fn messages() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[a-z]{0,12}", 1..12)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn every_line_arrives_once_in_order(
        messages in messages(),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
        cancels in prop::collection::vec(any::<bool>(), 12),
    ) {
        let mut text = String::new();
        for message in &messages {
            text.push_str(message);
            text.push('\n');
        }
        // The writes, split at the drawn points (partial lines included).
        let mut points: Vec<usize> = cuts.iter().map(|i| i.index(text.len() + 1)).collect();
        points.extend([0, text.len()]);
        points.sort_unstable();
        points.dedup();
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        for &variant in Variant::all() {
            let got = runtime.block_on(async {
                let mut fifo = Fifo::new().unwrap();
                let mut lines = lines(variant.open(fifo.path()).await.unwrap());
                let mut got = Vec::new();
                for (i, pair) in points.windows(2).enumerate() {
                    if cancels[i % cancels.len()] {
                        // A read that finds a whole line returns it; one that waits (on a silent
                        // port or a partial line) is cancelled once its reader waits.
                        tokio::select! {
                            biased;
                            line = lines.next_line() => got.extend(line.unwrap()),
                            census = settled(&fifo) => { census.unwrap(); }
                        }
                    }
                    fifo.write(&text.as_bytes()[pair[0]..pair[1]]).unwrap();
                }
                fifo.hang_up();
                while let Some(line) = lines.next_line().await.unwrap() {
                    got.push(line);
                }
                got
            });
            prop_assert_eq!(&got, &messages, "{}", variant);
        }
    }
}
