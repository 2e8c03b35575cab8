//! A lab's variants, named once.
//!
//! Every lab has a `Variant` enum (`anti`, `fixed`, and the named fixes and wrong fixes) that
//! derives clap's `ValueEnum`. clap already knows each variant's kebab-case name and their
//! order, so this trait reads both from it instead of a hand-kept `ALL` array and a `match`
//! of names beside it: add a variant to the enum and it is in every list.

use clap::ValueEnum;

/// The list and the names of a lab's variants, as clap's `ValueEnum` derives them.
pub trait Variants: ValueEnum + Copy + 'static {
    /// Every variant, in declaration order (the anti-pattern first, by convention).
    fn all() -> &'static [Self] {
        Self::value_variants()
    }

    /// The name used on command lines, in bench ids and in the book: `thread-local`.
    fn name(self) -> String {
        self.to_possible_value()
            .expect("no lab variant is skipped on the command line")
            .get_name()
            .to_owned()
    }

    /// The variant with this name, or an error that lists the valid names.
    fn named(name: &str) -> Result<Self, String> {
        Self::from_str(name, false).map_err(|_| {
            let valid: Vec<String> = Self::all().iter().map(|v| v.name()).collect();
            format!(
                "unknown variant `{name}`; valid variants: {}",
                valid.join(", ")
            )
        })
    }
}

impl<T: ValueEnum + Copy + 'static> Variants for T {}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, clap::ValueEnum)]
    enum Variant {
        Anti,
        Fixed,
        ThreadLocal,
    }

    #[test]
    fn names_and_order_come_from_value_enum() {
        assert_eq!(
            Variant::all(),
            [Variant::Anti, Variant::Fixed, Variant::ThreadLocal]
        );
        assert_eq!(Variant::ThreadLocal.name(), "thread-local");
        assert_eq!(Variant::named("fixed"), Ok(Variant::Fixed));
        let err = Variant::named("nope").unwrap_err();
        assert!(err.contains("anti, fixed, thread-local"), "{err}");
    }
}
