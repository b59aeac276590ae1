//! Citations in notes: the notes-and-bibliography style of history,
//! international relations and most policy writing cites a work in a
//! footnote or endnote by its author and title ("1. Ahmed Rashid, *Descent
//! into Chaos* (New York: Viking, 2008), 45." and later "Rashid, *Descent
//! into Chaos*, 50."), not by an author–date parenthesis. A reference
//! whose author and title a note names is cited, so the check does not
//! call it uncited.

use crate::fields::Reference;
use quire_model::notes::{markdown_note, numbered_note};

/// The notes of a manuscript: Markdown note definitions (`[^3]: …`) and
/// numbered note lines ("12. Ahmed Rashid, …", "12 See …", "12See …"),
/// with their 1-based line numbers.
pub(crate) fn note_lines<'a>(lines: &[&'a str]) -> Vec<(usize, &'a str)> {
    lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| note_text(l.trim()).map(|t| (i + 1, t)))
        .collect()
}

/// A note that cannot be a numbered reference: a Markdown note's
/// definition, or a page note whose number is glued to its first word
/// ("1Ahmed Rashid, …"; a list numbers "1. Rashid" or "[1] Rashid").
pub(crate) fn is_marked_note(line: &str) -> bool {
    let line = line.trim_start();
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let mut rest = line[digits..].chars();
    line.starts_with("[^")
        || ((1..=3).contains(&digits)
            && rest.next().is_some_and(char::is_uppercase)
            && rest.next().is_some_and(char::is_lowercase))
}

/// The text of a note line, without its label or number.
fn note_text(line: &str) -> Option<&str> {
    markdown_note(line).or_else(|| numbered_note(line).map(|(_, text)| text))
}

/// For each reference, whether a note names it: its first author's
/// family name (or an organisation's first word) and, after it in the
/// same note, the first significant word of its title.
pub(crate) fn cited_in_notes(references: &[Reference], notes: &[(usize, &str)]) -> Vec<bool> {
    references
        .iter()
        .map(|r| {
            let (Some(name), Some(word)) = (first_name_word(r), first_title_word(r)) else {
                return false;
            };
            notes
                .iter()
                .any(|(_, note)| names_after(note, &name, &word))
        })
        .collect()
}

/// The word a note names the first author by: the family name.
fn first_name_word(r: &Reference) -> Option<String> {
    let family = &r.authors.first()?.family;
    let word = family.split_whitespace().find(|w| w.chars().count() >= 2)?;
    Some(
        word.trim_matches(|c: char| !c.is_alphanumeric())
            .to_string(),
    )
}

/// The title's first word of five letters or more, lower-cased: a short
/// note keeps at least that of the title ("Rashid, *Descent*, 50.").
fn first_title_word(r: &Reference) -> Option<String> {
    r.title
        .as_deref()?
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 5)
        .map(str::to_lowercase)
}

/// `name` as a whole word in `note`, and `title_word` after it (case
/// folded, as a word's start: "Descent" for "descent").
fn names_after(note: &str, name: &str, title_word: &str) -> bool {
    note.match_indices(name).any(|(at, _)| {
        let before = note[..at].chars().next_back();
        let after = note[at + name.len()..].chars().next();
        let whole =
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric);
        whole
            && note[at + name.len()..]
                .to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.starts_with(title_word))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_model::Person;

    fn reference(family: &str, title: &str) -> Reference {
        Reference {
            authors: vec![Person {
                family: family.into(),
                ..Default::default()
            }],
            title: Some(title.into()),
            ..Default::default()
        }
    }

    #[test]
    fn notes_are_markdown_definitions_and_numbered_lines() {
        let lines = [
            "Trade fell.[^1]",
            "[^1]: Ahmed Rashid, *Descent into Chaos* (New York: Viking, 2008), 45.",
            "12. Rashid, *Descent into Chaos*, 50.",
            "3See Crisis Group, Asia Report No. 335.",
            "2021 was a hard year.",
        ];
        let notes: Vec<&str> = note_lines(&lines).into_iter().map(|(_, t)| t).collect();
        assert_eq!(
            notes,
            [
                "Ahmed Rashid, *Descent into Chaos* (New York: Viking, 2008), 45.",
                "Rashid, *Descent into Chaos*, 50.",
                "See Crisis Group, Asia Report No. 335."
            ]
        );
    }

    #[test]
    fn a_note_naming_author_and_title_cites_the_work() {
        let refs = [
            reference(
                "Rashid",
                "Descent into Chaos: The United States and the Failure",
            ),
            reference("Haddad", "The Durand Line: Border, State and Society"),
            reference("Rashid", "Taliban: Militant Islam, Oil and Fundamentalism"),
        ];
        let notes = [
            (5, "Rashid, *Descent*, 50."),
            (6, "See the Taliban's own statement."),
        ];
        assert_eq!(cited_in_notes(&refs, &notes), [true, false, false]);
    }
}
