//! One set of colours for every plot in the book.
//!
//! A reader learns the colours once: `anti` is always red, `fixed` always green, `limit` (the
//! bare primitive a fix is measured against) always grey, and every other variant takes the
//! next colour of a palette that avoids those three. The colours are plain RGB triples, so the
//! report (plotters) and any lab's own plots share them without this crate drawing anything.

/// An RGB colour.
pub type Rgb = (u8, u8, u8);

/// The anti-pattern.
pub const ANTI: Rgb = (214, 39, 40);
/// The reference fix.
pub const FIXED: Rgb = (44, 160, 44);
/// What the machine allows: the row a fix is measured against.
pub const LIMIT: Rgb = (110, 110, 110);
/// Every other variant, in order: blue, orange, purple, brown, cyan, olive.
pub const OTHERS: [Rgb; 6] = [
    (31, 119, 180),
    (255, 127, 14),
    (148, 103, 189),
    (140, 86, 75),
    (23, 190, 207),
    (188, 189, 34),
];

/// The colours of `variants`, in their order: the named ones fixed, the rest from [`OTHERS`].
pub fn colours(variants: &[&str]) -> Vec<Rgb> {
    let mut others = OTHERS.iter().cycle();
    variants
        .iter()
        .map(|&variant| match variant {
            "anti" => ANTI,
            "fixed" => FIXED,
            "limit" => LIMIT,
            _ => *others.next().expect("a cycle never ends"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anti_fixed_and_limit_keep_their_colours_wherever_they_stand() {
        let colours = colours(&["shed", "fixed", "anti", "limit", "actor"]);
        assert_eq!(colours, vec![OTHERS[0], FIXED, ANTI, LIMIT, OTHERS[1]]);
    }
}
