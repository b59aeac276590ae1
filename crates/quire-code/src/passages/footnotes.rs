//! Footnotes of paginated text (a PDF's text layer). A report's notes sit
//! at the foot of each page (or, in the order some PDF writers draw, at
//! its top), so the text layer sets them in the middle of the body: a
//! paragraph broken by a page is cut in two by a block of "12 See …"
//! lines, and the note markers stay glued to the body's words
//! ("closures.12 The"). This module finds such blocks and the markers
//! that point to them, so the splitter can keep the notes out of the
//! body's paragraphs (they become passages of their own, headed
//! "Notes") and drop the markers from the body's text.
//!
//! A block of notes is recognised by its shape, never by a line alone:
//! lines that open with consecutive numbers ("12 See …", "12See …"; n,
//! n+1, …, wrapped lines of a note between them), standing at the top or
//! the foot of a page, whose first note and at least half of whose notes
//! have their marks in the body of that page or the one before — each
//! mark written once in the document ("lme4" is no mark) and the marks in
//! the order of their notes. A numbered list at the end of a page has no
//! marks in the body, so it stays text; a numbered section heading above
//! the notes ("3 Conclusion") is left out of the block.

use super::lines::{Line, LineKind};
use quire_model::notes::numbered_note;
use std::ops::Range;

/// Lines a note may wrap over, below its numbered first line.
const MAX_WRAPPED_LINES: usize = 4;

/// Mark the lines of every page's footnote block as
/// [`LineKind::Footnote`] and record the body's markers of those notes
/// in [`Line::skips`]. `pages` are the line ranges of the pages.
pub fn mark(lines: &mut [Line<'_>], pages: &[Range<usize>], document: &str) {
    // Notes found on earlier pages: their markers are taken.
    let mut claimed: Vec<u32> = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        let Some(candidate) = block_at_edge(lines, page.clone()) else {
            continue;
        };
        // Markers are looked for in the body of this page and of the one
        // before (a marker on a page's last line may see its note carried
        // over), but not those of notes found already. The block starts at
        // the topmost numbered line whose note a marker points to, with
        // markers for at least half its notes: numbered lines above it
        // ("3 Conclusion", a section heading) are the body's.
        let pages_lines = pages[p.saturating_sub(1)..=p]
            .iter()
            .flat_map(|r| r.clone());
        let found = (0..candidate.len())
            .filter(|&s| candidate[s].1.is_some())
            .find_map(|s| {
                let block = &candidate[s..];
                let mut marked = markers_outside(lines, pages_lines.clone(), block, document);
                marked.retain(|m| !claimed.contains(&m.2));
                let first_marked = marked.iter().any(|m| Some(m.2) == block[0].1);
                let numbers = block.iter().filter(|(_, n)| n.is_some()).count();
                // Markers come in the order of their notes.
                let in_order = marked.windows(2).all(|w| w[0].2 < w[1].2);
                (first_marked && in_order && marked.len() * 2 >= numbers)
                    .then(|| (block.to_vec(), marked))
            });
        let Some((block, marked)) = found else {
            continue;
        };
        for &(k, number) in &block {
            lines[k].kind = LineKind::Footnote(number);
        }
        claimed.extend(block.iter().filter_map(|&(_, n)| n));
        for (k, range, _) in marked {
            lines[k].skips.push(range);
        }
    }
}

/// The markers of the block's notes in the text lines of `body` that are
/// not the block's: (line, byte range, number).
fn markers_outside(
    lines: &[Line<'_>],
    body: impl Iterator<Item = usize>,
    block: &[(usize, Option<u32>)],
    document: &str,
) -> Vec<(usize, Range<usize>, u32)> {
    let numbers: Vec<u32> = block.iter().filter_map(|&(_, n)| n).collect();
    body.filter(|&k| lines[k].kind == LineKind::Text && !block.iter().any(|&(b, _)| b == k))
        .flat_map(|k| {
            markers(lines[k].text, &numbers)
                .into_iter()
                .map(move |(r, n)| (k, r, n))
        })
        // "lme4", "CO2", "ASN.1" recur; a marker is written once.
        .filter(|(k, r, _)| occurs_once(document, marker_token(lines[*k].text, r.clone())))
        .collect()
}

/// The word a marker is glued to, with the marker: "closures.12".
fn marker_token(line: &str, marker: Range<usize>) -> &str {
    let start = line[..marker.start]
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + 1);
    &line[start..marker.end]
}

/// Whether `token` occurs in `document` once, not followed by a digit.
fn occurs_once(document: &str, token: &str) -> bool {
    let mut seen = 0;
    for (i, _) in document.match_indices(token) {
        let next = document.as_bytes().get(i + token.len());
        if !next.is_some_and(u8::is_ascii_digit) {
            seen += 1;
            if seen > 1 {
                return false;
            }
        }
    }
    seen == 1
}

/// The lines of a page's block of notes, each with its number (`None`
/// for a note's wrapped lines): at the foot of the page (after it only
/// artefacts and blanks) or at its top (before it only artefacts and
/// blanks, and closed by a blank line).
fn block_at_edge(lines: &[Line<'_>], page: Range<usize>) -> Option<Vec<(usize, Option<u32>)>> {
    let content: Vec<usize> = page
        .filter(|&k| !matches!(lines[k].kind, LineKind::Artefact))
        .collect();
    foot_block(lines, &content).or_else(|| top_block(lines, &content))
}

/// Walk up from the page's last text line to the first line of a run of
/// consecutive note numbers.
fn foot_block(lines: &[Line<'_>], content: &[usize]) -> Option<Vec<(usize, Option<u32>)>> {
    let texts: Vec<usize> = content
        .iter()
        .copied()
        .filter(|&k| lines[k].kind == LineKind::Text)
        .collect();
    // The numbered lines, from the bottom up, must count down by one; a
    // note may wrap over a few lines.
    let mut first_of_block = None;
    let mut expected: Option<u32> = None;
    let mut wrapped = 0;
    for (pos, &k) in texts.iter().enumerate().rev() {
        match note_number(lines[k].text) {
            Some(n) if expected.is_none_or(|e| e == n) => {
                first_of_block = Some(pos);
                wrapped = 0;
                expected = n.checked_sub(1).filter(|&e| e > 0);
                if expected.is_none() {
                    break;
                }
            }
            _ => {
                wrapped += 1;
                if wrapped > MAX_WRAPPED_LINES {
                    break;
                }
            }
        }
    }
    let start = first_of_block?;
    Some(numbered(lines, &texts[start..]))
}

/// A run of consecutive note numbers from the page's first text line to
/// the first blank line after it.
fn top_block(lines: &[Line<'_>], content: &[usize]) -> Option<Vec<(usize, Option<u32>)>> {
    let first = *content
        .iter()
        .find(|&&k| lines[k].kind != LineKind::Blank)?;
    note_number(lines[first].text)?;
    let block: Vec<usize> = content
        .iter()
        .copied()
        .skip_while(|&k| k != first)
        .take_while(|&k| lines[k].kind == LineKind::Text)
        .collect();
    let notes = numbered(lines, &block);
    // Every numbered line of the block must follow the one before.
    let numbers: Vec<u32> = notes.iter().filter_map(|&(_, n)| n).collect();
    numbers
        .windows(2)
        .all(|w| w[1] == w[0] + 1)
        .then_some(notes)
}

fn numbered(lines: &[Line<'_>], block: &[usize]) -> Vec<(usize, Option<u32>)> {
    let mut expected: Option<u32> = None;
    block
        .iter()
        .map(|&k| {
            let n = note_number(lines[k].text).filter(|&n| expected.is_none_or(|e| e == n));
            if let Some(n) = n {
                expected = Some(n + 1);
            }
            (k, n)
        })
        .collect()
}

/// "12 See International Crisis Group …" → 12 (see
/// [`quire_model::notes::numbered_note`]).
pub fn note_number(line: &str) -> Option<u32> {
    numbered_note(line).map(|(n, _)| n)
}

/// The bytes of a note's first line that hold its number: "12 " of
/// "12 See …", "3. " of "3. “Pakistan …".
pub fn number_prefix(line: &str) -> Range<usize> {
    let text = numbered_note(line).map_or(line, |(_, text)| text);
    0..line.len() - text.len()
}

/// The markers of `numbers` in a body line: digits glued to the end of a
/// word or a closing mark ("closures.12 The", "Kabul12,", "”3") and
/// followed by a space, a mark or the line's end. Byte ranges in `line`.
fn markers(line: &str, numbers: &[u32]) -> Vec<(Range<usize>, u32)> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let before = line[..start].chars().next_back();
        let glued = before.is_some_and(|c| c.is_alphabetic() || ".,;:)”’\"".contains(c));
        let dotted_number = matches!(before, Some('.' | ',' | ':'))
            && is_number_head(word_before(&line[..start - 1]));
        let after = line[i..].chars().next();
        let ends = after.is_none_or(|c| c.is_whitespace() || ".,;:)".contains(c));
        // After a full stop a marker closes the sentence: the next one
        // opens with a capital ("ASN.1 structure" is a name).
        let next_word = line[i..].trim_start().chars().next();
        let opens_sentence = next_word.is_none_or(|c| c.is_uppercase() || "\"“‘([".contains(c));
        if !glued || dotted_number || !ends || (before == Some('.') && !opens_sentence) {
            continue;
        }
        if let Ok(n) = line[start..i].parse::<u32>() {
            if numbers.contains(&n) {
                out.push((start..i, n));
            }
        }
    }
    out
}

/// The word that ends `text` (after its last space).
fn word_before(text: &str) -> &str {
    text.rsplit(char::is_whitespace).next().unwrap_or("")
}

/// Whether digits after "word." read as a number rather than a note
/// marker: a document symbol ("A/70/PV.23"), a decimal ("3.5", "1,200"),
/// a locator ("p.12", "No.5", "art.2").
fn is_number_head(word: &str) -> bool {
    const LOCATORS: &[&str] = &[
        "p", "pp", "no", "nos", "vol", "para", "paras", "art", "arts", "ch", "sec", "fig", "s",
        "op", "cf", "v",
    ];
    let bare = word.trim_start_matches(['(', '[']);
    bare.contains('/')
        || bare.ends_with(|c: char| c.is_ascii_digit())
        || LOCATORS.contains(&bare.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_digits_glued_to_a_word_or_a_stop() {
        let line = "the closures.12 The TTP2 and A/70/PV.23 of 3.5 per cent, COVID-19 in 2021 \
                    (p.4) and the TTP.7 Then ASN.1 structure";
        let found: Vec<u32> = markers(line, &[1, 2, 4, 5, 7, 12, 19, 23])
            .into_iter()
            .map(|(r, n)| {
                assert_eq!(line[r].parse::<u32>().ok(), Some(n));
                n
            })
            .collect();
        assert_eq!(found, [12, 2, 7]);
    }

    #[test]
    fn a_marker_is_written_once() {
        let doc = "fit with lme4 and then lme4 again; the TTP.7 Then";
        assert!(!occurs_once(doc, "lme4"));
        assert!(occurs_once(doc, "TTP.7"));
        assert!(occurs_once("note 12 and 123", "12"));
        assert_eq!(marker_token("the TTP.7 Then", 8..9), "TTP.7");
    }
}
