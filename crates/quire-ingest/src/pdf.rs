//! PDF full texts: the text layer, page by page, with page offsets, and the
//! title/author/keywords of the document information dictionary.
//!
//! Words broken across line ends ("coopera-\ntion") are joined again. A PDF
//! without a text layer (a scan) gives a work with an empty Document and a
//! skip message, so the user knows to OCR it. Extraction runs behind
//! `catch_unwind`: the PDF libraries can panic on malformed files, and a
//! bad PDF must never take the import down.

use crate::front_matter;
use crate::ids::{self, clean};
use crate::pdf_text::{body_size, LineText, NoteFoot};
use crate::{Emit, IngestError};
use pdf_extract::{Dictionary, Document as PdfDocument, Object};
use quire_model::{normalize, Document, Work, WorkKind};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// What the PDF gave: per-page text, info-dictionary fields, page problems.
#[derive(Default)]
struct Extracted {
    pages: Vec<String>,
    title: Option<String>,
    author: Option<String>,
    keywords: Option<String>,
    bad_pages: Vec<(u32, String)>,
}

pub(crate) fn read(bytes: &[u8], emit: &mut Emit<'_>) -> Result<(), IngestError> {
    if !bytes.starts_with(b"%PDF-") {
        let why = if bytes.is_empty() {
            "it is empty"
        } else {
            "it does not start with %PDF-"
        };
        return Err(IngestError::unusable(
            emit.file,
            format!("not a PDF: {why}"),
        ));
    }
    let extracted = quietly(|| extract(bytes))
        .ok_or_else(|| {
            IngestError::unusable(
                emit.file,
                "the PDF reader (pdf-extract) failed on this file",
            )
        })?
        .map_err(|e| IngestError::unusable(emit.file, format!("cannot read the PDF: {e}")))?;
    for (page, why) in &extracted.bad_pages {
        emit.skip(None, format!("page {page}: no text extracted ({why})"));
    }
    let (text, page_starts) = join_pages(&extracted.pages);
    if text.trim().is_empty() {
        emit.skip(
            None,
            "the PDF has no text layer (a scan?); imported without full text",
        );
    }
    let text = if garbled(&text) {
        emit.skip(None, format!("{GARBLED}; imported without full text"));
        String::new()
    } else {
        text
    };
    let work = metadata(&extracted, &text, emit.file);
    let document = Document {
        work_id: work.id.clone(),
        text,
        format: "pdf".into(),
        page_starts,
        file: emit.file.to_string(),
    };
    emit.record(work, Some(document), 1, None);
    Ok(())
}

/// The text layer of a PDF as one string: pages joined by a blank line,
/// words broken across line ends joined again. For readers that want the
/// text only, such as the reference-list parser; a malformed PDF is an
/// error, never a panic.
pub fn text_layer(bytes: &[u8]) -> Result<String, String> {
    if !bytes.starts_with(b"%PDF-") {
        return Err("not a PDF: it does not start with %PDF-".into());
    }
    let extracted = quietly(|| extract(bytes))
        .ok_or_else(|| "the PDF reader (pdf-extract) failed on this file".to_string())?
        .map_err(|e| format!("cannot read the PDF: {e}"))?;
    let (text, _) = join_pages(&extracted.pages);
    if text.trim().is_empty() && !extracted.bad_pages.is_empty() {
        return Err(format!(
            "the PDF reader (pdf-extract) could not read its pages ({} of {})",
            extracted.bad_pages.len(),
            extracted.pages.len()
        ));
    }
    if text.trim().is_empty() {
        return Err("the PDF has no text layer (a scan?); run OCR first".into());
    }
    if garbled(&text) {
        return Err(GARBLED.into());
    }
    Ok(text)
}

const GARBLED: &str = "the PDF's text layer reads as symbols (its fonts have no Unicode mapping); export the text another way or run OCR";

/// Text whose letters are mostly symbols: fonts embedded without a
/// Unicode mapping come out as dingbats or private-use characters.
fn garbled(text: &str) -> bool {
    let (mut letters, mut symbols) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        if c.is_alphanumeric() {
            letters += 1;
        } else if matches!(c, '\u{2700}'..='\u{27BF}' | '\u{E000}'..='\u{F8FF}' | '\u{2600}'..='\u{26FF}')
        {
            symbols += 1;
        }
    }
    symbols > 20 && symbols * 2 > letters
}

fn extract(bytes: &[u8]) -> Result<Extracted, String> {
    let doc = PdfDocument::load_mem(bytes).map_err(|e| e.to_string())?;
    if doc.is_encrypted() {
        return Err("it is encrypted".into());
    }
    let info = info_dict(&doc);
    let field = |key: &[u8]| info.and_then(|d| d.get(key).ok()).and_then(text_string);
    let mut out = Extracted {
        title: field(b"Title"),
        author: field(b"Author"),
        keywords: field(b"Keywords"),
        ..Default::default()
    };
    let page_count = doc.get_pages().len() as u32;
    // The body's type size is judged on the first pages together (see
    // `pdf_text::body_size`); they wait, their glyphs held, until it is
    // known, and the pages after are laid out as they are read.
    let mut sizes = std::collections::HashMap::new();
    // None until judged; then the size, if any page had text.
    let mut body: Option<Option<f64>> = None;
    let mut waiting: Vec<(u32, Result<LineText, String>)> = Vec::new();
    let mut raw_pages: Vec<(String, NoteFoot)> = Vec::with_capacity(page_count as usize);
    for page in 1..=page_count {
        let read = read_page(&doc, page);
        if let Some(judged) = body {
            raw_pages.push(lay_out_page(&doc, page, read, judged, &mut out.bad_pages));
            continue;
        }
        if let Ok(output) = &read {
            output.count_sizes(&mut sizes);
        }
        waiting.push((page, read));
        if waiting.len() == PAGES_FOR_BODY_SIZE || page == page_count {
            let judged = body_size(&sizes);
            body = Some(judged);
            for (page, read) in waiting.drain(..) {
                raw_pages.push(lay_out_page(&doc, page, read, judged, &mut out.bad_pages));
            }
        }
    }
    rejoin_broken_notes(&mut raw_pages);
    out.pages = raw_pages
        .iter()
        .map(|(text, _)| repair_lines(&unligature(text)))
        .collect();
    Ok(out)
}

/// Pages read before the body's type size is judged.
const PAGES_FOR_BODY_SIZE: usize = 30;

/// One page's glyphs. Each page is read apart: one the PDF library cannot
/// handle (it panics on some font maps) costs that page, not the document.
fn read_page(doc: &PdfDocument, page: u32) -> Result<LineText, String> {
    let mut output = LineText::new();
    match quietly(|| pdf_extract::output_doc_page(doc, &mut output, page)) {
        Some(Ok(())) => Ok(output),
        Some(Err(e)) => Err(format!("{e:?}")),
        None => Err("the PDF reader failed on this page".to_string()),
    }
}

/// A page's text and foot; a page pdf-extract could not read is read by
/// lopdf's own, simpler extraction, which often manages (a malformed font
/// map, say) — but it may drop the spaces a typesetter makes by kerning,
/// and words run together are worse than a page reported missing.
fn lay_out_page(
    doc: &PdfDocument,
    page: u32,
    read: Result<LineText, String>,
    body: Option<f64>,
    bad_pages: &mut Vec<(u32, String)>,
) -> (String, NoteFoot) {
    let laid_out = read.and_then(|output| {
        quietly(|| output.finish(body)).ok_or_else(|| "the page's layout failed".to_string())
    });
    match laid_out {
        Ok(page_text) => page_text,
        Err(why) => match quietly(|| doc.extract_text(&[page])) {
            Some(Ok(fallback)) if spaced(&fallback) => (fallback, NoteFoot::default()),
            _ => {
                bad_pages.push((page, why));
                (String::new(), NoteFoot::default())
            }
        },
    }
}

/// A note TeX broke across a page goes on at the foot of the next page,
/// unnumbered: that rest goes back to the end of the note, so it is
/// neither cut short nor read as the body's text. A note that ended on a
/// full stop is left alone unless the lines below open in lower case: a
/// caption or a table's source line may sit at a page's foot too.
fn rejoin_broken_notes(pages: &mut [(String, NoteFoot)]) {
    for p in 1..pages.len() {
        let (before, after) = pages.split_at_mut(p);
        let (prev_text, prev_foot) = &mut before[p - 1];
        let (text, foot) = &mut after[0];
        let (Some(at), Some(rest)) = (prev_foot.note_end, foot.rest.clone()) else {
            continue;
        };
        let (Some(moved), Some(note)) = (text.get(rest.clone()), prev_text.get(..at)) else {
            continue;
        };
        let moved = moved.trim().to_string();
        let opens_lower = moved.chars().next().is_some_and(char::is_lowercase);
        if moved.is_empty() || (note.trim_end().ends_with(['.', '!', '?']) && !opens_lower) {
            continue;
        }
        // On the note's own line, read on where the page cut its sentence
        // (the text layer writes each note as one line).
        let mut joined = prev_text[..at].to_string();
        for line in moved.lines().filter(|l| !l.trim().is_empty()) {
            crate::pdf_text::join_note_line(&mut joined, line);
        }
        joined.push_str(&prev_text[at..]);
        *prev_text = joined;
        text.replace_range(rest.clone(), "");
        // This page's own last note, below the rest, moved up with it.
        if let Some(end) = foot.note_end.as_mut().filter(|end| **end >= rest.end) {
            *end -= rest.len();
        }
    }
}

/// Text with words apart: mean word length of an ordinary prose page is
/// about five letters; run-together text has far longer "words".
fn spaced(text: &str) -> bool {
    let (words, letters) = text
        .split_whitespace()
        .fold((0usize, 0usize), |(w, l), word| {
            (w + 1, l + word.chars().count())
        });
    words >= 20 && letters <= words * 9
}

/// Typeset ligatures back to their letters ("Aﬃliation" → "Affiliation",
/// "ﬁxed" → "fixed"), so that search, coding and headings see words.
fn unligature(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| ('\u{FB00}'..='\u{FB06}').contains(&c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            other => out.push(other),
        }
    }
    std::borrow::Cow::Owned(out)
}

thread_local! {
    /// Set while the PDF library runs: its panics are caught and reported
    /// as a page or file that could not be read, so the default hook's
    /// message and backtrace would only be noise.
    static EXPECTING_PANIC: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Run `f`, catching a panic (None) without printing it. The process-wide
/// panic hook is wrapped once; outside `quietly` it behaves as before.
fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !EXPECTING_PANIC.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    EXPECTING_PANIC.with(|e| e.set(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    EXPECTING_PANIC.with(|e| e.set(false));
    result.ok()
}

fn info_dict(doc: &PdfDocument) -> Option<&Dictionary> {
    let info = doc.trailer.get(b"Info").ok()?;
    doc.dereference(info).ok()?.1.as_dict().ok()
}

/// A PDF text string: UTF-16BE with a BOM, else PDFDocEncoding (read as
/// Latin-1, which agrees on the printable range).
fn text_string(obj: &Object) -> Option<String> {
    let bytes = obj.as_str().ok()?;
    let text = match bytes.strip_prefix(b"\xFE\xFF") {
        Some(utf16) => encoding_rs::UTF_16BE
            .decode_without_bom_handling(utf16)
            .0
            .into_owned(),
        None => bytes.iter().map(|&b| b as char).collect(),
    };
    clean(&text)
}

/// Join words hyphenated across line ends and squeeze runs of blank lines.
/// "coopera-\ntion" → "cooperation"; "Afghan-\nPakistan" keeps its hyphen
/// and line break (the next line starts with a capital: a real compound).
pub fn repair_lines(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    let mut joined = false;
    for (i, raw) in lines.iter().enumerate() {
        let line = if joined { raw.trim_start() } else { raw };
        if line.is_empty() {
            blank_run += 1;
            if blank_run == 1 && !out.is_empty() {
                out.push('\n');
            }
            joined = false;
            continue;
        }
        blank_run = 0;
        if !joined && !out.is_empty() {
            out.push('\n');
        }
        let next = lines.get(i + 1).map(|l| l.trim_start()).unwrap_or("");
        match hyphen_stem(line) {
            Some(stem) if next.starts_with(|c: char| c.is_lowercase()) => {
                out.push_str(stem);
                joined = true;
            }
            _ => {
                out.push_str(line);
                joined = false;
            }
        }
    }
    out.trim().to_string()
}

/// The line without its trailing hyphen when it ends in "letter-".
fn hyphen_stem(line: &str) -> Option<&str> {
    let stem = line.strip_suffix('-')?;
    stem.chars()
        .last()
        .filter(|c| c.is_alphabetic())
        .map(|_| stem)
}

/// Pages joined by a blank line; the byte offsets where pages 2, 3, ... start.
fn join_pages(pages: &[String]) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut starts = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        if i > 0 {
            text.push_str("\n\n");
            starts.push(text.len());
        }
        text.push_str(page);
    }
    (text, starts)
}

fn metadata(x: &Extracted, text: &str, file: &str) -> Work {
    // The first page's first heading (set larger than the text) is the
    // title; else an opening line that stands alone as one; else the
    // file's name (a page of body text opens with no title).
    let first_page = x.pages.first().map(String::as_str).unwrap_or("");
    let first_line = front_matter::title_heading(first_page)
        .or_else(|| front_matter::standalone_title(text))
        .map(|l| l.chars().take(200).collect::<String>());
    let title = x
        .title
        .clone()
        .filter(|t| !ids::is_junk_title(t))
        .or(first_line)
        .unwrap_or_else(|| ids::file_stem(file));
    let authors: Vec<_> = x
        .author
        .as_deref()
        .filter(|a| !crate::names::is_junk_author(a))
        .or_else(|| front_matter::printed_authors(first_page))
        .map(front_matter::people)
        .unwrap_or_default();
    let mut work = Work {
        kind: WorkKind::Other,
        title,
        authors,
        keywords: x
            .keywords
            .as_deref()
            .map(ids::split_keywords)
            .unwrap_or_default(),
        doi: own_doi(&x.pages),
        // Only a year the document prints for itself: the info
        // dictionary's CreationDate is when the file was made (a vignette
        // rebuilt in 2022 of a 2015 article), and a wrong year would keep
        // the PDF from merging with its bibliographic record.
        year: x
            .pages
            .first()
            .and_then(|p| ids::printed_year(before_references(p))),
        ..Default::default()
    };
    work.id = ids::work_id(None, &work);
    work
}

/// The first DOI printed on the first page, if any.
fn dois(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace()
        .filter(|w| w.contains("10."))
        .filter_map(|w| normalize::doi(w.trim_start_matches(|c: char| !c.is_ascii_alphanumeric())))
}

/// The document's own DOI: printed on its first page, and not one it cites
/// — a cited DOI turns up again in the reference list, while the own DOI
/// is either on the first page alone or in the running footer of most
/// pages. Taking a cited DOI would merge the PDF with the work it cites.
fn own_doi(pages: &[String]) -> Option<String> {
    let first = before_references(pages.first()?);
    let rest = &pages[1..];
    dois(first).find(|doi| {
        let later = rest.iter().filter(|p| dois(p).any(|d| &d == doi)).count();
        later == 0 || later >= 2 && later * 2 >= rest.len()
    })
}

/// The page up to a reference-list heading: a short paper's first page
/// may hold its whole reference list, and the DOIs there are cited ones.
fn before_references(page: &str) -> &str {
    let mut offset = 0;
    for line in page.split_inclusive('\n') {
        let heading = line
            .trim()
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ')
            .trim_end_matches(':')
            .to_lowercase();
        if matches!(
            heading.as_str(),
            "references"
                | "bibliography"
                | "works cited"
                | "literature"
                | "literature cited"
                | "sources"
        ) {
            return &page[..offset];
        }
        offset += line.len();
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_printed_for_the_document_not_the_years_it_cites() {
        let page = "Title\nJournal of Statistical Software\nOctober 2015, Volume 67\n\
                    As Rashid (2022) and Khan (2019) show.";
        assert_eq!(ids::printed_year(page), Some(2015));
        let page = "Received 12 March 2014; accepted 2 May 2015\nPublished online: 3 June 2015\n© 2016 Taylor & Francis";
        assert_eq!(ids::printed_year(page), Some(2016));
        let page = "Published online: 3 June 2015\nA long line of running text that mentions August 2021 in passing, as papers do.";
        assert_eq!(ids::printed_year(page), Some(2015));
        let page = "The withdrawal of foreign forces in August 2021 changed the calculus of every neighbour.";
        assert_eq!(ids::printed_year(page), None);
        assert_eq!(
            ids::printed_year("As Rashid (2022) shows, in 2021 the Taliban …"),
            None
        );
        assert_eq!(ids::printed_year("© 2999 Nobody"), None);
        // A year alone under the title and the author (LaTeX's \date).
        let page = "# Fences and Ferries\n\n# Samina Qureshi\n\n2023\n\n# 1 Introduction\n\nText.";
        assert_eq!(ids::printed_year(page), Some(2023));
        // Not a year further down the page, nor a page number.
        let page = "Title\nA\nB\nC\nD\nE\nF\nG\nH\n2023\n";
        assert_eq!(ids::printed_year(page), None);
        assert_eq!(ids::printed_year("Title\n\n12\n"), None);
    }

    #[test]
    fn a_doi_in_the_reference_list_of_the_first_page_is_not_the_own() {
        let page = "A short paper\ndoi:10.1234/own.5\nText (Brennan, 2018).\n\nReferences\n\
                    Brennan, T. (2018). Title. Asian Security. https://doi.org/10.1080/cited.1\n";
        assert_eq!(
            own_doi(&[page.to_string()]).as_deref(),
            Some("10.1234/own.5")
        );
        let without = "A short paper\nText (Brennan, 2018).\n\n2. References:\n\
                       Brennan, T. (2018). https://doi.org/10.1080/cited.1\n";
        assert_eq!(own_doi(&[without.to_string()]), None);
    }

    #[test]
    fn repairs_hyphenation() {
        assert_eq!(
            repair_lines("security coopera-\n  tion between\n\n\n\nKabul and Islam-\nabad"),
            "security cooperation between\n\nKabul and Islamabad"
        );
        assert_eq!(
            repair_lines("the Afghan-\nPakistan border"),
            "the Afghan-\nPakistan border"
        );
        assert_eq!(
            repair_lines("ends with a dash -\nnext"),
            "ends with a dash -\nnext"
        );
        assert_eq!(repair_lines("last-"), "last-");
    }

    /// A real case: lme4's PLSvGLS vignette, typeset with fonts that have
    /// no Unicode mapping, extracts as dingbats.
    #[test]
    fn symbol_soup_is_garbled_text() {
        assert!(garbled(
            "P❡♥❛❧✐③❡❞ ❧❡❛st sq✉❛r❡s ✈❡rs✉s ❣❡♥❡r❛❧✐③❡❞ ❧❡❛st sq✉❛r❡s r❡♣r❡s❡♥t❛t✐♦♥s"
        ));
        assert!(!garbled(
            "Security cooperation between Kabul and Islamabad ✓ ✓"
        ));
    }

    #[test]
    fn run_together_text_is_not_spaced() {
        let prose = "The details are the same compared to the earlier model, and the estimates of the covariance follow the sandwich formula given above in the text.";
        assert!(spaced(prose));
        assert!(!spaced(&prose.replace(' ', "").repeat(3)));
    }

    #[test]
    fn a_cited_doi_is_not_the_documents_own() {
        let page = |s: &str| s.to_string();
        // Own DOI on page 1 only.
        let pages = [
            page("Title doi:10.1234/own.1"),
            page("Body"),
            page("References: x"),
        ];
        assert_eq!(own_doi(&pages).as_deref(), Some("10.1234/own.1"));
        // Cited on page 1 and listed in the references: not the own DOI.
        let pages = [
            page("Intro citing doi:10.2307/2938229"),
            page("Body"),
            page("Andrews (1991). Econometrica. doi:10.2307/2938229"),
        ];
        assert_eq!(own_doi(&pages), None);
        // Own DOI in every page's footer.
        let pages = [
            page("p1 doi:10.1/own"),
            page("p2 doi:10.1/own"),
            page("p3 doi:10.1/own"),
        ];
        assert_eq!(own_doi(&pages).as_deref(), Some("10.1/own"));
    }

    /// A page's text with its foot: the note ending at the first `⟩`, the
    /// rest of a note between `⟨` and `⟩` (markers removed).
    fn page(marked: &str) -> (String, NoteFoot) {
        let mut foot = NoteFoot::default();
        let mut text = String::new();
        let mut rest_start = None;
        for c in marked.chars() {
            match c {
                '⟨' => rest_start = Some(text.len()),
                '⟩' => match rest_start.take() {
                    Some(start) => foot.rest = Some(start..text.len()),
                    None => foot.note_end = Some(text.len()),
                },
                _ => text.push(c),
            }
        }
        (text, foot)
    }

    #[test]
    fn a_note_broken_by_a_page_gets_its_rest_back() {
        let mut pages = vec![
            page("Body of page one.1\n\n1The line was agreed in 1893, and Kabul has never⟩\n\n1"),
            page("The next page's body goes on.⟨\n\naccepted it as a border, nor did the Taliban\nin 2021.⟩\n\n2"),
        ];
        rejoin_broken_notes(&mut pages);
        assert_eq!(
            pages[0].0,
            "Body of page one.1\n\n1The line was agreed in 1893, and Kabul has never \
             accepted it as a border, nor did the Taliban in 2021.\n\n1"
        );
        assert_eq!(pages[1].0, "The next page's body goes on.\n\n2");
    }

    #[test]
    fn small_lines_under_a_finished_note_stay_where_they_are() {
        // A note that ended on a full stop, and a caption-like line in the
        // notes' size at the next page's foot: not the note's rest.
        let mut pages = vec![
            page("Body.1\n\n1Dawn, 12 May 2023.⟩\n\n1"),
            page("More body.⟨\n\nSource: UNHCR, 2023.⟩\n\n2"),
            // A page without a note at its foot gives nothing to the next.
            page("Body without notes.\n\n3"),
            page("Body.⟨\n\nthe rest of nothing⟩\n\n4"),
        ];
        let before = pages.clone();
        rejoin_broken_notes(&mut pages);
        assert_eq!(pages, before);
    }

    #[test]
    fn ligatures_become_letters() {
        assert_eq!(
            unligature("A\u{FB03}liation: \u{FB01}xed e\u{FB00}ects"),
            "Affiliation: fixed effects"
        );
    }

    #[test]
    fn junk_titles() {
        assert!(ids::is_junk_title("Microsoft Word - draft3.docx"));
        assert!(ids::is_junk_title("Document1"));
        assert!(ids::is_junk_title("PowerPoint Presentation"));
        assert!(!ids::is_junk_title("Border Security"));
        assert!(!ids::is_junk_title("Documenting the Durand Line"));
        for account in [
            "Administrator",
            "Windows User",
            "jsmith",
            "user01",
            "HP",
            " ",
        ] {
            assert!(crate::names::is_junk_author(account), "{account}");
        }
        for author in ["Ayesha Siddiqa", "Khan, Imran", "UNAMA", "Brookings"] {
            assert!(!crate::names::is_junk_author(author), "{author}");
        }
        assert_eq!(
            dois("see doi:10.1080/0954.2021.1 here").next().as_deref(),
            Some("10.1080/0954.2021.1")
        );
    }
}
