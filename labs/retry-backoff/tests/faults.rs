//! Every variant does what its `faults()` says, no more and no less: the rules of the contract
//! (`properties`), run on the grid of configurations and seeds, find exactly the faults the
//! variant owns up to. An overflow counts as a panic in a debug build and as a wrapped, shorter
//! wait in a release build; `faults()` says which, by the build it runs in.

use evidence::Variants;
use retry_backoff::properties::{GRID_SEEDS, check_loop, check_policy, found, grid};
use retry_backoff::{Faults, Variant};

fn quiet_panics() {
    // The checks catch the variants' panics on purpose; their messages are noise here.
    std::panic::set_hook(Box::new(|_| {}));
}

#[test]
fn every_variant_has_exactly_the_faults_it_claims() {
    quiet_panics();
    let configs = grid();
    let wrong: Vec<String> = Variant::all()
        .iter()
        .filter_map(|&v| {
            let found = found(v, &configs, &GRID_SEEDS);
            (found != v.faults())
                .then(|| format!("{v}: claims {:?}\n   found {found:?}", v.faults()))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_variant_waits_above_its_own_curve_or_retries_a_404() {
    quiet_panics();
    for &v in Variant::all() {
        for config in grid() {
            let policy = check_policy(v.policy(), &config, [5, 6]);
            assert_eq!(policy.above_ceiling, None, "{v}");
            assert_eq!(check_loop(v, &config, 5).retries_404, None, "{v}");
        }
    }
}

#[test]
fn the_fix_and_the_crate_are_the_only_correct_variants() {
    let correct: Vec<Variant> = Variant::correct().collect();
    assert_eq!(correct, [Variant::Fixed, Variant::Backon]);
    assert!(Variant::Anti.faults() != Faults::default());
}
