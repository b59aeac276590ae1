//! Passages: cutting a document (or an abstract) into the paragraph-sized
//! spans that are coded against the framework.
//!
//! What counts as a paragraph depends on where the text came from, so the
//! splitter reads lines rather than trusting blank lines alone:
//! - hard-wrapped lines (Markdown scraped at ~72 columns, PDF text) are
//!   joined, and words hyphenated across a break are rejoined;
//! - a line of 40 words or more is a paragraph of its own (speeches stored
//!   one paragraph per line);
//! - runs of short sentence-per-line text are grouped until a blank line,
//!   heading or courtesy line ("Mr. President,") closes them;
//! - headings (`#`, ALL CAPS, short title-like lines) label what follows;
//! - artefacts go: page numbers, running headers/footers of paginated
//!   text, `\###` end marks, HTML comments, datelines;
//! - a PDF's footnotes leave the body: a paragraph broken by a page and
//!   its block of notes reads on, the notes' markers are dropped from the
//!   body's words, and each page's notes follow the body as passages
//!   headed "Notes" (`footnotes`);
//! - paragraphs longer than `max_words` are cut at sentence boundaries into
//!   balanced pieces; fragments shorter than `min_words` are merged into a
//!   neighbour ("as follows:" into the next, a trailing remark into the
//!   previous) and courtesy lines are dropped.
//!
//! Every passage keeps its exact byte span in the document text.

mod clean;
mod footnotes;
mod lines;
mod sentences;
mod structured;

pub use lines::{body_start, front_matter_id, is_courtesy, is_page_number};
pub use sentences::sentences;

use clean::Cleaned;
use lines::{Line, LineKind};
use quire_model::notes::markdown_note;
use quire_model::{Document, Passage};

/// How big a passage may get, and how small a fragment may stay alone.
#[derive(Debug, Clone, Copy)]
pub struct SplitOptions {
    /// Paragraphs longer than this are cut at sentence boundaries.
    pub max_words: usize,
    /// Fragments shorter than this are merged into a neighbour.
    pub min_words: usize,
    /// A line at least this long is taken as a paragraph by itself.
    pub paragraph_line_words: usize,
}

impl Default for SplitOptions {
    fn default() -> Self {
        SplitOptions {
            max_words: 200,
            min_words: 12,
            paragraph_line_words: 40,
        }
    }
}

/// Cut a document's full text into passages, with page numbers when the
/// document is paginated.
pub fn split_document(doc: &Document) -> Vec<Passage> {
    let one_page = [doc.text.len()];
    let page_starts = page_starts(doc, &one_page);
    let mut out = split_with(
        &doc.work_id,
        &doc.text,
        page_starts,
        SplitOptions::default(),
    );
    for p in &mut out {
        p.page = doc.page_of(p.start);
    }
    out
}

/// Where a document's pages start. A PDF of one page has no page start,
/// yet it is paginated (a running head, a page number, notes at its
/// foot): a break at the end of its text (`one_page`) makes it a text of
/// pages.
fn page_starts<'a>(doc: &'a Document, one_page: &'a [usize; 1]) -> &'a [usize] {
    if doc.page_starts.is_empty() && doc.format == "pdf" {
        one_page
    } else {
        &doc.page_starts
    }
}

/// The notes of a document, each as one line of text: the footnotes a
/// PDF sets at its pages' feet (found as the splitter finds them) and
/// Markdown notes (`[^3]: …`, as the Word and HTML readers write them).
/// Notes cite their sources, so they serve as a reference list.
pub fn notes(doc: &Document) -> Vec<String> {
    // Only a paginated text has notes at its pages' feet; any other is
    // read for Markdown notes alone, without classifying its lines.
    if doc.format != "pdf" && doc.page_starts.is_empty() {
        return doc
            .text
            .lines()
            .filter_map(|l| markdown_note(l.trim()))
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect();
    }
    let one_page = [doc.text.len()];
    let lines = lines::classify(
        &doc.text,
        body_start(&doc.text),
        page_starts(doc, &one_page),
    );
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    // Under a "Notes" or "Endnotes" heading, a report's endnotes: each
    // opens with its number.
    let mut endnotes = false;
    for line in &lines {
        match &line.kind {
            LineKind::Heading(h) => {
                open = false;
                endnotes = is_notes_heading(h);
            }
            LineKind::Text if endnotes => match footnotes::note_number(line.text) {
                Some(_) => {
                    out.push(line.text[footnotes::number_prefix(line.text).end..].to_string());
                    open = true;
                }
                None => match out.last_mut() {
                    Some(note) if open => {
                        note.push(' ');
                        note.push_str(line.text);
                    }
                    _ => {}
                },
            },
            &LineKind::Footnote(number) => {
                let text = match number {
                    Some(_) => &line.text[footnotes::number_prefix(line.text).end..],
                    None => line.text,
                };
                match out.last_mut() {
                    Some(note) if open && number.is_none() => {
                        note.push(' ');
                        note.push_str(text);
                    }
                    _ => out.push(text.to_string()),
                }
                open = true;
            }
            LineKind::Blank | LineKind::Artefact => {}
            _ => {
                open = false;
                if let Some(text) = markdown_note(line.text) {
                    out.push(text.to_string());
                }
            }
        }
    }
    out.retain(|n| !n.trim().is_empty());
    out
}

/// "Notes", "Endnotes", "5 Notes": the heading of a report's endnotes.
fn is_notes_heading(heading: &str) -> bool {
    let bare = heading
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ')
        .trim_end_matches(':')
        .trim()
        .to_lowercase();
    matches!(bare.as_str(), "notes" | "endnotes" | "end notes")
}

/// Cut plain or Markdown text (front matter skipped) into passages.
pub fn split_text(work_id: &str, text: &str) -> Vec<Passage> {
    split_with(work_id, text, &[], SplitOptions::default())
}

/// Cut an abstract: usually one passage, more if it is long; a
/// structured abstract ("BACKGROUND: … METHODS: …", on one line or
/// several) is cut at its labels, each part headed by its label.
pub fn split_abstract(work_id: &str, abstract_text: &str) -> Vec<Passage> {
    let parts = structured::parts(abstract_text);
    if parts.is_empty() {
        return split_text(work_id, abstract_text);
    }
    let mut out: Vec<Passage> = Vec::new();
    for part in parts {
        let offset = part.text.start;
        for mut p in split_text(work_id, &abstract_text[part.text]) {
            p.ordinal = out.len();
            p.start += offset;
            p.end += offset;
            p.heading = Some(part.label.clone());
            out.push(p);
        }
    }
    out
}

/// The splitter with explicit page starts and options.
pub fn split_with(
    work_id: &str,
    text: &str,
    page_starts: &[usize],
    opts: SplitOptions,
) -> Vec<Passage> {
    let lines = lines::classify(text, body_start(text), page_starts);
    let (blocks, notes) = group_lines(&lines, text, opts);
    let mut blocks = merge_fragments(blocks, opts);
    // A page's footnotes follow the body, as a report's endnotes would.
    blocks.extend(notes.into_iter().filter(|n| n.clean.word_count() >= 4));
    let mut out = Vec::new();
    for block in blocks {
        for (a, b) in balanced_cuts(&block.clean, opts.max_words) {
            let (start, end) = block.clean.raw_span(a, b);
            let piece = block.clean.text[a..b].trim();
            if piece.is_empty() {
                continue;
            }
            out.push(Passage {
                work_id: work_id.to_string(),
                ordinal: out.len(),
                start,
                end,
                heading: block.heading.clone(),
                text: piece.to_string(),
                page: None,
            });
        }
    }
    out
}

/// A paragraph in the making.
struct Block {
    clean: Cleaned,
    heading: Option<String>,
    /// First block after a heading or a courtesy line: never merged backwards.
    opens_section: bool,
    /// Its last raw line ended mid-sentence (a paragraph broken by a page).
    open_end: bool,
    /// Its first line is the first text of a page.
    after_page: bool,
    /// Raw lines joined into it, and the characters of the last one.
    lines: usize,
    last_line_chars: usize,
}

/// Heading of the passages made of a page's footnotes.
const NOTES_HEADING: &str = Passage::NOTES_HEADING;

/// The body's paragraphs, and the footnotes of each page (one block a
/// page), apart.
fn group_lines(lines: &[Line<'_>], text: &str, opts: SplitOptions) -> (Vec<Block>, Vec<Block>) {
    let mut blocks: Vec<Block> = Vec::new();
    let mut notes: Vec<Block> = Vec::new();
    // Whether the last line that was not blank was a footnote's.
    let mut in_notes = false;
    let mut current: Option<Block> = None;
    let mut heading: Option<String> = None;
    let mut section_break = true;
    let mut page_break = false;
    let close = |current: &mut Option<Block>, blocks: &mut Vec<Block>| {
        if let Some(b) = current.take() {
            blocks.push(b);
        }
    };
    for line in lines {
        page_break |= line.new_page;
        if line.new_page {
            in_notes = false;
        }
        if let LineKind::Footnote(number) = line.kind {
            if !in_notes {
                notes.push(Block {
                    clean: Cleaned::default(),
                    heading: Some(NOTES_HEADING.to_string()),
                    opens_section: true,
                    open_end: false,
                    after_page: false,
                    lines: 0,
                    last_line_chars: 0,
                });
            }
            in_notes = true;
            if let Some(block) = notes.last_mut() {
                // The note's number goes; its text is the note.
                let skip = number.map(|_| footnotes::number_prefix(line.text));
                block
                    .clean
                    .join_line_skipping(line.text, line.start, text, skip.as_slice());
            }
            continue;
        }
        if line.kind != LineKind::Blank {
            in_notes = false;
        }
        match &line.kind {
            LineKind::Blank => close(&mut current, &mut blocks),
            LineKind::Artefact | LineKind::Footnote(_) => {}
            LineKind::Heading(h) => {
                close(&mut current, &mut blocks);
                heading = Some(h.clone());
                section_break = true;
            }
            LineKind::Courtesy => {
                close(&mut current, &mut blocks);
                section_break = true;
            }
            LineKind::Text => {
                let words = line.text.split_whitespace().count();
                let long = words >= opts.paragraph_line_words;
                // A page that starts after a finished sentence starts a paragraph.
                let new_page = std::mem::take(&mut page_break);
                let page_para = new_page && current.as_ref().is_some_and(|b| !b.open_end);
                if long || page_para || clean::is_list_item(line.text) {
                    close(&mut current, &mut blocks);
                }
                let block = current.get_or_insert_with(|| Block {
                    clean: Cleaned::default(),
                    heading: heading.clone(),
                    opens_section: std::mem::take(&mut section_break),
                    open_end: false,
                    after_page: new_page,
                    lines: 0,
                    last_line_chars: 0,
                });
                block
                    .clean
                    .join_line_skipping(line.text, line.start, text, &line.skips);
                // Judged on the cleaned text: a footnote marker after the
                // full stop ("markets.3") does not leave it open.
                block.open_end = !ends_sentence(&block.clean.text);
                block.lines += 1;
                block.last_line_chars = line.text.chars().count();
                if long {
                    close(&mut current, &mut blocks);
                }
            }
        }
    }
    close(&mut current, &mut blocks);
    (join_broken_paragraphs(blocks, text), notes)
}

/// A paragraph that ends mid-sentence and is followed, after a blank (a page
/// break whose header was dropped), by one starting in lower case, is one
/// paragraph; so is one followed by the first text of the next page (a
/// sentence may go on with a name: "… the crossing at / Torkham"). In a
/// text layer that sets a blank line after every line, a block whose last
/// line is a full line goes on in the next one, whatever the case it
/// opens with ("… the Tehrik-i-Taliban Pakistan / (TTP) in Khyber"): only
/// a paragraph's last line falls short.
fn join_broken_paragraphs(blocks: Vec<Block>, document: &str) -> Vec<Block> {
    let full_line = interleaved_full_line(&blocks);
    let mut out: Vec<Block> = Vec::new();
    for b in blocks {
        let lower = b.clean.text.chars().next().is_some_and(char::is_lowercase);
        let paragraph_goes_on = |prev: &Block| {
            let broken = prev.open_end
                && (lower
                    || (b.after_page && prev.clean.word_count() >= PARAGRAPH_BEFORE_PAGE_WORDS));
            // A full line, or a long one that ends mid-sentence.
            let full = full_line.is_some_and(|full| {
                let at = prev.last_line_chars * 10;
                at >= full * 9 || (prev.open_end && at >= full * 6)
            });
            broken || full
        };
        match out.last_mut() {
            Some(prev) if !b.opens_section && paragraph_goes_on(prev) => {
                prev.clean.append_continuation(&b.clean, document);
                prev.open_end = b.open_end;
                prev.lines += b.lines;
                prev.last_line_chars = b.last_line_chars;
            }
            _ => out.push(b),
        }
    }
    out
}

/// When the text layer sets a blank line after every line of text (some
/// PDF writers do), the length of a full line; else None. Told by the
/// blocks: nearly all are one line, lines are of print width, and many
/// end mid-sentence (text stored one paragraph a line, like speeches,
/// ends its lines with a sentence).
fn interleaved_full_line(blocks: &[Block]) -> Option<usize> {
    let prose: Vec<&Block> = blocks
        .iter()
        .filter(|b| b.clean.word_count() >= INTERLEAVED_MIN_WORDS)
        .collect();
    if prose.len() < INTERLEAVED_MIN_BLOCKS {
        return None;
    }
    let single: Vec<&&Block> = prose.iter().filter(|b| b.lines == 1).collect();
    let open = single.iter().filter(|b| b.open_end).count();
    let mut widths: Vec<usize> = single.iter().map(|b| b.last_line_chars).collect();
    widths.sort_unstable();
    let full = *widths.get(widths.len() * 3 / 4)?;
    let interleaved = single.len() * 10 >= prose.len() * 8
        && open * 10 >= single.len() * 3
        && full <= PRINT_LINE_MAX_CHARS;
    interleaved.then_some(full)
}

/// Words of a block counted as prose when telling an interleaved layer.
const INTERLEAVED_MIN_WORDS: usize = 5;
/// Blocks of prose needed to tell one.
const INTERLEAVED_MIN_BLOCKS: usize = 8;
/// Characters of the longest printed line (a page's width of text).
const PRINT_LINE_MAX_CHARS: usize = 130;

/// Words a paragraph must have before a page break to be continued by
/// the next page's first text whatever its case: a cover page's last
/// line ("Asia Report N°335") goes on with nothing.
const PARAGRAPH_BEFORE_PAGE_WORDS: usize = 12;

/// Merge fragments shorter than `min_words`: a lead-in ending with ':' joins
/// the next paragraph, other fragments the previous one in the same section
/// (or the next when there is none); tiny leftovers are dropped, and so
/// are fragments alone in their section that are no sentence.
fn merge_fragments(blocks: Vec<Block>, opts: SplitOptions) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut carry: Option<Block> = None;
    for mut b in blocks {
        if let Some(mut c) = carry.take() {
            if c.heading == b.heading {
                c.clean.append(&b.clean);
                c.open_end = b.open_end;
                b = c;
            } else if ends_sentence(&c.clean.text) {
                out.push(c);
            }
            // Else a short run of words that is no sentence, alone in
            // its section: a title page's author and affiliation, a date.
        }
        let words = b.clean.word_count();
        if words >= opts.min_words {
            out.push(b);
            continue;
        }
        let lead_in = b.clean.text.trim_end().ends_with(':');
        let prev_fits = out.last().is_some_and(|p| {
            p.heading == b.heading
                && !b.opens_section
                && p.clean.word_count() + words <= opts.max_words
        });
        if !lead_in && prev_fits {
            if let Some(prev) = out.last_mut() {
                prev.clean.append(&b.clean);
            }
        } else {
            carry = Some(b);
        }
    }
    if let Some(c) = carry {
        if c.clean.word_count() >= 4 || out.is_empty() {
            out.push(c);
        }
    }
    out
}

/// Cut points (byte ranges of the cleaned text) so that no piece exceeds
/// `max_words` unless one sentence alone does; pieces are balanced in size.
fn balanced_cuts(clean: &Cleaned, max_words: usize) -> Vec<(usize, usize)> {
    let text = &clean.text;
    let total = clean.word_count();
    if total <= max_words {
        return vec![(0, text.len())];
    }
    let sents = sentences(text);
    let pieces = total.div_ceil(max_words);
    let target = total as f64 / pieces as f64;
    let mut cuts = Vec::new();
    let mut start = 0;
    let mut words_in = 0usize;
    for (k, (off, s)) in sents.iter().enumerate() {
        let w = s.split_whitespace().count();
        let next_off = sents.get(k + 1).map(|(o, _)| *o);
        // Close the piece here if adding this sentence gets us nearer the
        // target than stopping before it would.
        if words_in > 0 && (words_in + w) as f64 - target > target - words_in as f64 {
            cuts.push((start, *off));
            start = *off;
            words_in = 0;
        }
        words_in += w;
        if next_off.is_none() {
            cuts.push((start, text.len()));
        }
    }
    cuts
}

fn ends_sentence(line: &str) -> bool {
    let l = line.trim_end_matches(['*', '_', ' ']);
    l.ends_with(['.', '?', '!', '"', '”', '’', ')', ':', ';', '…'])
}

#[cfg(test)]
mod tests;
