//! How a note's line opens, in the texts quire reads: a Markdown note's
//! definition (`[^3]: …`, as the Word and HTML readers write notes) or a
//! numbered note ("12 See …", "3. “Pakistan …", and "1See …" where a PDF's
//! text layer lost the space after a raised number). The passage splitter,
//! the PDF text layer and the citation check all read notes by these.

/// Largest note number: a line opening with a year ("2021 was …") is no
/// note.
const MAX_NOTE: u32 = 999;

/// The text of a Markdown note's definition: "[^3]: Dawn, 12 May." →
/// "Dawn, 12 May.".
pub fn markdown_note(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("[^")?;
    let close = rest.find("]:")?;
    let label = &rest[..close];
    let is_label =
        !label.is_empty() && label.len() <= 10 && label.bytes().all(|b| b.is_ascii_alphanumeric());
    is_label.then(|| rest[close + 2..].trim())
}

/// A numbered note's number and text: "12 See Crisis Group …" → (12, "See
/// Crisis Group …"). The number has at most three digits and is followed
/// by a space, a full stop and a space, or (glued) a capital; the text
/// opens with a capital, a quote or a bracket. A table of contents' line
/// ("2 Methods . . . 14") is none.
pub fn numbered_note(line: &str) -> Option<(u32, &str)> {
    if line.contains(". . .") || line.contains("....") {
        return None;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 || line.starts_with('0') {
        return None;
    }
    let rest = &line[digits..];
    let text = if rest.starts_with(char::is_uppercase) {
        rest
    } else {
        rest.strip_prefix(". ")
            .or_else(|| rest.strip_prefix(' '))?
            .trim_start()
    };
    let opens = text
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || "\"“‘'([".contains(c));
    let n: u32 = line[..digits].parse().ok()?;
    (opens && n <= MAX_NOTE).then_some((n, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_open_with_a_label_or_a_small_number_before_a_capital() {
        assert_eq!(markdown_note("[^e2]: Dawn, 12 May."), Some("Dawn, 12 May."));
        assert_eq!(markdown_note("[^a b]: no"), None);
        assert_eq!(
            numbered_note("12 See International Crisis Group"),
            Some((12, "See International Crisis Group"))
        );
        assert_eq!(
            numbered_note("3. “Pakistan closes Torkham”, Dawn"),
            Some((3, "“Pakistan closes Torkham”, Dawn"))
        );
        assert_eq!(
            numbered_note("4United Nations"),
            Some((4, "United Nations"))
        );
        assert_eq!(numbered_note("2021 was a year of change"), None);
        assert_eq!(numbered_note("12 militants were killed"), None);
        assert_eq!(numbered_note("07 See"), None);
        assert_eq!(numbered_note("2 Methods . . . . . 14"), None);
    }
}
