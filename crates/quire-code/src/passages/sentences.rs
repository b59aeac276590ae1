//! Sentences of a passage, as the model's splitter finds them
//! ([`quire_model::sentences`]), with their text: used to cut over-long
//! paragraphs into passages of a readable size.

/// Split `text` into sentence slices with their byte offsets.
pub fn sentences(text: &str) -> Vec<(usize, &str)> {
    quire_model::sentences::sentences(text)
        .into_iter()
        .map(|(start, end)| (start, &text[start..end]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_stops_not_on_abbreviations() {
        let t = "Mr. Khan met U.S. officials. They agreed. \"Peace now!\" he said. President George W. Bush spoke.";
        let s: Vec<&str> = sentences(t).into_iter().map(|(_, s)| s).collect();
        assert_eq!(
            s,
            vec![
                "Mr. Khan met U.S. officials.",
                "They agreed.",
                "\"Peace now!\" he said.",
                "President George W. Bush spoke."
            ]
        );
    }

    #[test]
    fn lower_case_after_stop_is_not_a_boundary() {
        assert_eq!(sentences("approx. three years. Then").len(), 2);
        assert!(sentences("  ").is_empty());
    }
}
