//! Statute citations as requests and classes write them (`CA PC 459`, `TX PC 49.04`,
//! `CA PC 245(a)(1)`): one normal form, and the sections a subdivision belongs to.
//!
//! The form is free text: a jurisdiction, a code and a section, separated by spaces, with
//! subdivisions in parentheses. Normalizing makes letters upper case, joins runs of white space
//! into one space and removes white space before a parenthesis, so `ca pc 245 (a)` and
//! `CA PC 245(a)` are the same statute.

/// The longest statute text accepted, in bytes.
pub(crate) const MAX_STATUTE_LEN: usize = 120;

/// Why a statute's text is not a statute; `Display` gives the English words that follow
/// "statute `X`".
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum StatuteProblem {
    /// Longer than 120 characters: no citation is.
    #[error("is longer than 120 characters")]
    TooLong,
    /// Holds a control character (a line break, a tab, a NUL).
    #[error("holds a control character")]
    ControlCharacter,
    /// Nothing but spaces.
    #[error("is empty")]
    Empty,
    /// Has no code followed by a section (`CA PC 245(a)(1)` has both).
    #[error("names no code and section")]
    NoCodeAndSection,
}

/// The normal form of a statute, or why it is not one.
pub(crate) fn normalize(text: &str) -> Result<String, StatuteProblem> {
    if text.len() > MAX_STATUTE_LEN {
        return Err(StatuteProblem::TooLong);
    }
    if text.chars().any(char::is_control) {
        return Err(StatuteProblem::ControlCharacter);
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() && !word.starts_with('(') {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_uppercase));
    }
    if out.is_empty() {
        return Err(StatuteProblem::Empty);
    }
    if !out.contains(' ') {
        return Err(StatuteProblem::NoCodeAndSection);
    }
    Ok(out)
}

/// The statute and the sections it subdivides, most specific first: `CA PC 245(a)(1)`,
/// `CA PC 245(a)`, `CA PC 245`.
pub(crate) fn sections(statute: &str) -> impl Iterator<Item = &str> {
    let mut next = Some(statute);
    std::iter::from_fn(move || {
        let current = next?;
        next = current.strip_suffix(')').and_then(|rest| rest.rfind('(').map(|open| &current[..open])).filter(|s| !s.is_empty());
        Some(current)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_form_joins_spaces_and_upper_cases() {
        assert_eq!(normalize("  ca  pc 245 (a)(1) ").as_deref(), Ok("CA PC 245(a)(1)".to_uppercase().as_str()));
        assert_eq!(normalize("TX PC 49.04").as_deref(), Ok("TX PC 49.04"));
        assert_eq!(normalize(""), Err(StatuteProblem::Empty));
        assert_eq!(normalize("459"), Err(StatuteProblem::NoCodeAndSection));
        assert!(normalize(&"x ".repeat(100)).is_err());
    }

    #[test]
    fn sections_strip_subdivisions_from_the_end() {
        let found: Vec<&str> = sections("CA PC 245(A)(1)").collect();
        assert_eq!(found, ["CA PC 245(A)(1)", "CA PC 245(A)", "CA PC 245"]);
        // A section number with a dot is one section, not a subdivision: 245.5 is not under 245.
        assert_eq!(sections("CA PC 245.5").collect::<Vec<_>>(), ["CA PC 245.5"]);
    }
}
