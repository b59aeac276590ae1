//! The text of a PDF page as lines and paragraphs: pdf-extract reports
//! each glyph with its position, and this output decides where words,
//! lines and paragraphs break.
//!
//! pdf-extract's own plain-text output starts a paragraph (a blank line)
//! whenever the next line is more than 1.5 font sizes down. Text set with
//! looser leading — a web page printed to PDF, a manuscript at 1.5 or
//! double spacing — then has a blank line after every line, and no
//! paragraph can be told from a line. Here a blank line needs a gap
//! clearly larger than the page's usual line advance (the smallest seen
//! twice so far on the page), so paragraphs stay paragraphs whatever the
//! leading.

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// A gap this many times the usual line advance starts a paragraph.
const PARAGRAPH_GAP: f64 = 1.15;
/// Before the page shows its usual advance: a paragraph when the gap is
/// more than this many font sizes (pdf-extract's rule).
const FIRST_GAP_IN_FONT_SIZES: f64 = 1.5;
/// A glyph this far (in font sizes) after the previous one's end starts a
/// new word. pdf-extract's 0.1 splits words of headings at kerning gaps
/// ("Referen ces", "A p p en dix" in a browser's PDF of a report); word
/// spaces are a quarter of a font size or more, and a browser's PDF of the
/// afpak report has no gap between 0.1 and 0.2 that is a word space.
const WORD_GAP_IN_FONT_SIZES: f64 = 0.15;
/// On a page whose text has its own space characters (browsers, office
/// suites), a gap makes a space only when it is this wide (a table's
/// cells): narrower ones are a font's widths misread ("C ontents").
const SPACED_TEXT_GAP_IN_FONT_SIZES: f64 = 0.6;

/// One page read by pdf-extract: its glyphs as they come, laid out into
/// text by [`LineText::finish`] once the body's type size is known, which
/// takes the document's pages together (a page of long notes and little
/// text must not take its notes' size for the body's).
pub struct LineText {
    out: String,
    page_height: f64,
    /// The page's glyphs, laid out when the page ends; their text in
    /// `glyph_text` (one buffer per page, not a string per glyph).
    glyphs: Vec<Glyph>,
    glyph_text: String,
    word_start: bool,
    /// Where the page's notes stand at its foot (see [`NoteFoot`]).
    foot: NoteFoot,
}

/// A long note that TeX breaks across pages goes on at the foot of the
/// next page, in the notes' size and without a number. What a page's
/// text tells about that, so that the rest can go back to its note (see
/// `pdf::extract`): byte offsets into the page's text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NoteFoot {
    /// Where the page's last note ends, when the page ends with one
    /// (above a page number).
    pub note_end: Option<usize>,
    /// The lines at the page's foot set in the notes' size, below the
    /// body, that open no numbered note: the rest of a note from the page
    /// before, if that page ended with one.
    pub rest: Option<std::ops::Range<usize>>,
}

/// One laid-out line of a page.
struct LaidLine {
    text: String,
    /// The median size of its glyphs.
    size: f64,
    words: usize,
    /// A paragraph starts with it.
    paragraph: bool,
    /// Where it starts and ends across the page.
    x: f64,
    end: f64,
    /// Bytes at its start that are a raised note mark (see `raised_lead`).
    raised_lead: usize,
}

/// One glyph as pdf-extract reports it, in page coordinates (y down).
struct Glyph {
    /// Byte range of the glyph's text in `LineText::glyph_text`.
    text: (usize, usize),
    x: f64,
    y: f64,
    /// Where the glyph ends (x plus its advance).
    end: f64,
    size: f64,
    /// The glyph begins a word of the content stream.
    word_start: bool,
}

/// What stands between two glyphs.
#[derive(PartialEq)]
enum Break {
    None,
    Space,
    /// A new line, `gap` points further down (or up).
    Line {
        gap: f64,
    },
}

impl Default for LineText {
    fn default() -> Self {
        LineText::new()
    }
}

impl LineText {
    pub fn new() -> LineText {
        LineText {
            out: String::new(),
            page_height: 0.0,
            glyphs: Vec::new(),
            glyph_text: String::new(),
            word_start: false,
            foot: NoteFoot::default(),
        }
    }

    /// Count the page's glyphs by type size (in half points) into `sizes`.
    pub fn count_sizes(&self, sizes: &mut std::collections::HashMap<i64, usize>) {
        for g in &self.glyphs {
            *sizes.entry(half_points(g.size)).or_default() += 1;
        }
    }

    /// The page's text, laid out with `body` as the body's type size (see
    /// [`body_size`]), and where its notes stand at its foot.
    pub fn finish(mut self, body: Option<f64>) -> (String, NoteFoot) {
        self.flush_page(body);
        (self.out, self.foot)
    }

    /// What stands between glyph `a` and the next glyph `b`.
    fn between(a: &Glyph, b: &Glyph, word_gap: f64) -> Break {
        if !b.word_start {
            return Break::None;
        }
        let down = (b.y - a.y).abs();
        let moved_back = b.x < a.end;
        if down > b.size * 0.5 && (moved_back || down > b.size * FIRST_GAP_IN_FONT_SIZES) {
            Break::Line { gap: down }
        } else if b.x > a.end + b.size * word_gap {
            Break::Space
        } else {
            Break::None
        }
    }

    /// Write the page: lines, and a blank line where a paragraph starts:
    /// where the gap is clearly larger than the page's line advance within
    /// a paragraph, or where a line is indented from its margin and the
    /// next comes back to it (typesetters that keep no space between
    /// paragraphs, such as TeX, indent their first lines).
    ///
    /// The line advance is measured in font sizes of the line it opens,
    /// so the title, the abstract, the body and the notes of one page,
    /// each in its own size, share one measure; the usual advance is the
    /// smallest seen twice (else the smallest seen): not the most
    /// frequent, since in a list of one- and two-line entries the gaps
    /// between entries outnumber the lines within them.
    fn flush_page(&mut self, body: Option<f64>) {
        let lines = self.lay_out();
        let lines = match body {
            Some(body) => notes_to_foot(raised_marks_back(lines, body), body),
            None => lines,
        };
        let foot = body.map(|body| FootRun::of(&lines, body));
        let last_note = foot.as_ref().and_then(FootRun::last_note_line);
        let rest = foot.as_ref().and_then(FootRun::rest);
        let mut previous_heading: Option<f64> = None;
        for (k, line) in lines.iter().enumerate() {
            if rest.as_ref().is_some_and(|r| r.start == k) {
                self.foot.rest = Some(self.out.len()..self.out.len());
            }
            if foot.as_ref().is_some_and(|f| f.continues_note(k, &lines)) {
                join_note_line(&mut self.out, &line.text);
            } else {
                self.write_line(line, body, &mut previous_heading);
            }
            if last_note == Some(k) {
                self.foot.note_end = Some(self.out.len());
            }
            if rest.as_ref().is_some_and(|r| r.contains(&k)) {
                if let Some(range) = &mut self.foot.rest {
                    range.end = self.out.len();
                }
            }
        }
        if previous_heading.is_some() {
            self.out.push_str("\n\n");
        }
        self.glyphs.clear();
        self.glyph_text.clear();
    }

    /// Write one line: on the heading line above when it goes on with it,
    /// else after a line break (a blank line before a paragraph).
    fn write_line(
        &mut self,
        line: &LaidLine,
        body: Option<f64>,
        previous_heading: &mut Option<f64>,
    ) {
        let heading = body.is_some_and(|body| is_heading(line, body));
        match (heading, *previous_heading) {
            // A heading set over two lines is one heading.
            (true, Some(size)) if (line.size - size).abs() < 0.5 => {
                self.out.push(' ');
            }
            (true, _) => {
                self.separate(true);
                self.out.push_str("# ");
            }
            (false, Some(_)) => self.separate(true),
            (false, None) => self.separate(line.paragraph),
        }
        self.out.push_str(&line.text);
        *previous_heading = heading.then_some(line.size);
    }

    /// A line break before the next line, blank when a paragraph starts
    /// (none at the start of the page).
    fn separate(&mut self, paragraph: bool) {
        if self.out.is_empty() || self.out.ends_with("\n\n") {
            return;
        }
        if !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        if paragraph {
            self.out.push('\n');
        }
    }

    /// The page's glyphs as lines: words and spaces, line breaks, and
    /// where paragraphs start (see `flush_page`'s rules).
    fn lay_out(&self) -> Vec<LaidLine> {
        let spaces = self
            .glyphs
            .iter()
            .filter(|g| &self.glyph_text[g.text.0..g.text.1] == " ")
            .count();
        let word_gap = if spaces * 20 >= self.glyphs.len() {
            SPACED_TEXT_GAP_IN_FONT_SIZES
        } else {
            WORD_GAP_IN_FONT_SIZES
        };
        let breaks: Vec<Break> = self
            .glyphs
            .windows(2)
            .map(|w| Self::between(&w[0], &w[1], word_gap))
            .collect();
        let usual = self.usual_advance(&breaks);
        let starts: Vec<usize> = (0..self.glyphs.len())
            .filter(|&i| i == 0 || matches!(breaks[i - 1], Break::Line { .. }))
            .collect();
        let mut lines: Vec<LaidLine> = starts
            .iter()
            .enumerate()
            .map(|(n, &start)| {
                let end = starts.get(n + 1).copied().unwrap_or(self.glyphs.len());
                self.line(start..end, &breaks, usual)
            })
            .collect();
        self.mark_indented_paragraphs(&starts, &mut lines);
        lines
    }

    /// One line of glyphs `range`, and whether a gap before it starts a
    /// paragraph.
    fn line(
        &self,
        range: std::ops::Range<usize>,
        breaks: &[Break],
        usual: Option<f64>,
    ) -> LaidLine {
        let first = &self.glyphs[range.start];
        let paragraph = match range.start.checked_sub(1).map(|b| &breaks[b]) {
            Some(Break::Line { gap }) => {
                let size = first.size.max(f64::EPSILON);
                match usual {
                    Some(usual) => gap / size > usual * PARAGRAPH_GAP,
                    None => *gap > size * FIRST_GAP_IN_FONT_SIZES,
                }
            }
            _ => false,
        };
        let mut text = String::new();
        let mut words = 1;
        for i in range.clone() {
            if i > range.start && breaks[i - 1] == Break::Space {
                text.push(' ');
                words += 1;
            }
            let g = &self.glyphs[i];
            text.push_str(&self.glyph_text[g.text.0..g.text.1]);
        }
        let mut sizes: Vec<f64> = self.glyphs[range.clone()].iter().map(|g| g.size).collect();
        sizes.sort_by(f64::total_cmp);
        let size = sizes.get(sizes.len() / 2).copied().unwrap_or(0.0);
        LaidLine {
            raised_lead: self.raised_lead(range.clone(), size, &text),
            text,
            size,
            words,
            paragraph,
            x: first.x,
            end: self.glyphs[range.end - 1].end,
        }
    }

    /// The bytes of a line's text that are a note's mark raised at its
    /// start: digits set small and above the line's baseline. The text
    /// layer puts a mark at a line's end on the next line (two columns of
    /// TeX), where it reads as a number opening a sentence ("1 Within").
    fn raised_lead(&self, range: std::ops::Range<usize>, size: f64, text: &str) -> usize {
        let glyphs = &self.glyphs[range];
        let Some(baseline) = glyphs.iter().find(|g| g.size >= size * 0.95).map(|g| g.y) else {
            return 0;
        };
        let raised = glyphs
            .iter()
            .take_while(|g| {
                let digit = self.glyph_text[g.text.0..g.text.1]
                    .bytes()
                    .all(|b| b.is_ascii_digit());
                digit && g.size < size * 0.8 && g.y < baseline - size * 0.2
            })
            .count();
        // Each digit is one byte of the text, which starts with them.
        if (1..=3).contains(&raised) && glyphs.len() > raised {
            raised
        } else {
            0
        }
        .min(text.len())
    }

    /// Paragraphs told by their indented first line, for typesetters that
    /// keep no space between paragraphs (TeX): a line set in from its
    /// margin by one to four font sizes, the next line back at the margin,
    /// the line before at the margin too, short of the right edge and
    /// ending a sentence. Not on a page where such lines are common: there
    /// the indent is a hanging one (a bibliography), which sets in every
    /// line but an entry's first.
    fn mark_indented_paragraphs(&self, starts: &[usize], lines: &mut [LaidLine]) {
        let margins = self.margins(starts);
        let mut ends: Vec<f64> = lines.iter().map(|l| l.end).collect();
        ends.sort_by(f64::total_cmp);
        let right_edge = ends.get(ends.len() * 9 / 10).copied().unwrap_or(0.0);
        let indents: Vec<Option<f64>> = (0..lines.len())
            .map(|n| indent_margin(&lines[n], lines.get(n + 1), &margins))
            .collect();
        let common = indents.iter().filter(|m| m.is_some()).count();
        if common * 100 > lines.len() * MAX_INDENTED_PERCENT {
            return;
        }
        for n in 1..lines.len() {
            let (Some(margin), prev) = (indents[n], &lines[n - 1]) else {
                continue;
            };
            let size = lines[n].size.max(f64::EPSILON);
            let prev_at_margin = (prev.x - margin).abs() <= size * 0.5;
            let prev_short = prev.end < right_edge - size * SHORT_LINE_IN_FONT_SIZES;
            let prev_ends = prev
                .text
                .trim_end()
                .ends_with(['.', '?', '!', ':', '"', '”', '’', ')']);
            if prev_at_margin && prev_short && prev_ends {
                lines[n].paragraph = true;
            }
        }
    }

    /// The page's usual line advance in font sizes (see `flush_page`).
    fn usual_advance(&self, breaks: &[Break]) -> Option<f64> {
        // In twentieths of a font size; less than 0.9 is no line advance
        // (a raised note number, a subscript).
        let mut advances: Vec<i64> = breaks
            .iter()
            .enumerate()
            .filter_map(|(i, b)| match b {
                Break::Line { gap } => {
                    let size = self.glyphs[i + 1].size;
                    (size > 0.0).then(|| (gap / size * 20.0).round() as i64)
                }
                _ => None,
            })
            .filter(|&a| a >= 18)
            .collect();
        advances.sort_unstable();
        let twice = advances.windows(2).find(|w| w[0] == w[1]).map(|w| w[0]);
        twice.or(advances.first().copied()).map(|a| a as f64 / 20.0)
    }

    /// The x positions where lines start at least three times on the page
    /// (a column's left edge), in whole points.
    fn margins(&self, starts: &[usize]) -> Vec<f64> {
        let mut xs: Vec<i64> = starts
            .iter()
            .map(|&i| self.glyphs[i].x.round() as i64)
            .collect();
        xs.sort_unstable();
        let mut margins = Vec::new();
        for run in xs.chunk_by(|a, b| b - a <= 1) {
            if run.len() >= MARGIN_LINES {
                margins.push(run[0] as f64);
            }
        }
        margins
    }
}

/// The page's lines with its blocks of notes moved to its foot: in two
/// columns TeX sets each column's notes at the column's foot, which the
/// text layer gives in the middle of the page, cutting a paragraph of the
/// second column off the first. A block of notes is set smaller than the
/// body and opens with a number ("1See …", "12 Interview …"); it goes
/// before a last line that is a page number.
fn notes_to_foot(lines: Vec<LaidLine>, body: f64) -> Vec<LaidLine> {
    let small = |l: &LaidLine| l.size <= body * NOTE_SIZE && l.size > 0.0;
    let opens_note = |l: &LaidLine| quire_model::notes::numbered_note(&l.text).is_some();
    let mut in_note = vec![false; lines.len()];
    let mut k = 0;
    while k < lines.len() {
        if small(&lines[k]) && opens_note(&lines[k]) {
            while k < lines.len() && small(&lines[k]) {
                in_note[k] = true;
                k += 1;
            }
        } else {
            k += 1;
        }
    }
    // Notes already at the foot stay where they are.
    let last_body = (0..lines.len())
        .rev()
        .find(|&k| !in_note[k] && !is_page_number(&lines[k].text));
    if !in_note
        .iter()
        .enumerate()
        .any(|(k, &n)| n && last_body.is_some_and(|b| k < b))
    {
        return lines;
    }
    let page_number_last = lines.last().is_some_and(|l| is_page_number(&l.text));
    let mut body_lines = Vec::with_capacity(lines.len());
    let mut notes = Vec::new();
    let mut page_number = None;
    let count = lines.len();
    for (k, mut line) in lines.into_iter().enumerate() {
        if in_note[k] {
            if notes.is_empty() || !in_note[k - 1] {
                line.paragraph = true;
            }
            notes.push(line);
        } else if page_number_last && k + 1 == count {
            page_number = Some(line);
        } else {
            body_lines.push(line);
        }
    }
    body_lines.extend(notes);
    body_lines.extend(page_number);
    body_lines
}

/// The run of lines at a page's foot (above a page number) set in the
/// notes' size: `start..end`, and where its first numbered note opens
/// (`own`; `end` when none does). Lines before `own` are the rest of a
/// note from the page before; lines from `own` on are the page's notes.
struct FootRun {
    start: usize,
    own: usize,
    end: usize,
    /// A line of the body stands right above the run.
    body_above: bool,
}

impl FootRun {
    fn of(lines: &[LaidLine], body: f64) -> FootRun {
        let small = |l: &LaidLine| l.size <= body * NOTE_SIZE && l.size > 0.0;
        let end = match lines.last() {
            Some(l) if is_page_number(&l.text) => lines.len() - 1,
            _ => lines.len(),
        };
        let mut start = end;
        while start > 0 && small(&lines[start - 1]) {
            start -= 1;
        }
        let own = (start..end).find(|&k| opens_note(&lines[k])).unwrap_or(end);
        FootRun {
            start,
            own,
            end,
            body_above: start > 0 && lines[start - 1].size >= body * BODY_SIZE,
        }
    }

    /// The lines that may be the rest of the last page's note.
    fn rest(&self) -> Option<std::ops::Range<usize>> {
        (self.body_above && self.start < self.own).then_some(self.start..self.own)
    }

    /// The page's last line, when it ends one of the page's notes.
    fn last_note_line(&self) -> Option<usize> {
        (self.own < self.end).then(|| self.end - 1)
    }

    /// Whether line `k` goes on with the note above it: it is written on
    /// that note's line, so that a note is one line of the text layer
    /// however many the page set it over. (The lines of a rest are joined
    /// only if they go back to their note: see `pdf::rejoin_broken_notes`.)
    fn continues_note(&self, k: usize, lines: &[LaidLine]) -> bool {
        self.own < k && k < self.end && !opens_note(&lines[k])
    }
}

fn opens_note(line: &LaidLine) -> bool {
    quire_model::notes::numbered_note(&line.text).is_some()
}

/// Append `line` to the note line `out` ends with, as the text layer's
/// lines are joined elsewhere (`pdf::repair_lines`, the passage
/// splitter): a word broken at the line's end ("coopera-" + "tion") loses
/// its hyphen; a compound broken after its hyphen or en dash ("Afghan-" +
/// "Pakistan", "post-" + "2015", "China–" + "Pakistan") keeps it, with
/// no space; anything else is joined by a space.
pub(crate) fn join_note_line(out: &mut String, line: &str) {
    out.truncate(out.trim_end().len());
    let line = line.trim_start();
    let mut rev = out.chars().rev();
    let (last, before) = (rev.next(), rev.next());
    let after_word = before.is_some_and(char::is_alphanumeric);
    let next_lower = line.starts_with(char::is_lowercase);
    match last {
        Some('-') if after_word && next_lower && before.is_some_and(char::is_alphabetic) => {
            out.pop();
        }
        Some('-') if after_word && !next_lower => {}
        Some('–') if after_word => {}
        _ => out.push(' '),
    }
    out.push_str(line);
}

/// A raised note mark that opens a line of the body ends the line before
/// (see `LineText::raised_lead`). A note's own number, raised at the
/// start of its smaller line, stays.
fn raised_marks_back(mut lines: Vec<LaidLine>, body: f64) -> Vec<LaidLine> {
    let is_body = |l: &LaidLine| l.size >= body * BODY_SIZE;
    for n in 1..lines.len() {
        let lead = lines[n].raised_lead;
        // The body's line before, past a column's notes set between.
        let before = (0..n).rev().find(|&k| is_body(&lines[k]));
        if let (true, true, Some(before)) = (lead > 0, is_body(&lines[n]), before) {
            let mark: String = lines[n].text.drain(..lead).collect();
            lines[n].text = lines[n].text.trim_start().to_string();
            lines[before].text.push_str(&mark);
        }
    }
    lines
}

/// How close to the body's size a line of the body is set (at least).
const BODY_SIZE: f64 = 0.95;

/// How much smaller than the body notes are set (at most).
const NOTE_SIZE: f64 = 0.92;

/// A line that is only a page number: "12", "xii".
fn is_page_number(line: &str) -> bool {
    let t = line.trim();
    (1..=4).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
}

/// A font size in half points, to count sizes.
fn half_points(size: f64) -> i64 {
    (size * 2.0).round() as i64
}

/// A heading: set clearly larger than the body, short, with a letter.
fn is_heading(line: &LaidLine, body: f64) -> bool {
    line.size >= body * HEADING_SIZE
        && line.words <= HEADING_MAX_WORDS
        && line.text.chars().any(char::is_alphabetic)
}

/// How much larger than the body a heading is set.
const HEADING_SIZE: f64 = 1.15;
/// The most words of a heading's line.
const HEADING_MAX_WORDS: usize = 14;

/// A line ending this many font sizes before the right edge is short.
const SHORT_LINE_IN_FONT_SIZES: f64 = 3.0;

/// Line starts at one x, at least this often, make a margin.
const MARGIN_LINES: usize = 3;

/// The margin a line is set in from by one to four font sizes (more is
/// centred, or a quotation's own margin), the next line being back at
/// that margin (a quotation sets in every line). Any margin will do:
/// notes set in from the text's margin make one of their own.
fn indent_margin(line: &LaidLine, next_line: Option<&LaidLine>, margins: &[f64]) -> Option<f64> {
    margins.iter().copied().find(|&margin| {
        let indent = line.x - margin;
        let back = next_line.is_none_or(|n| (n.x - margin).abs() <= line.size * 0.5);
        indent >= line.size * 0.8 && indent <= line.size * 4.0 && back
    })
}

/// Above this share of indented lines a page's indent is a hanging one.
const MAX_INDENTED_PERCENT: usize = 25;

/// The body's type size, from the counts of [`LineText::count_sizes`]
/// over the document: the largest size set at least
/// [`BODY_SHARE_OF_COMMONEST`] as often as the commonest. Usually the
/// body is the commonest; but a paper whose notes run longer than its
/// text (law reviews, a short report with long notes) sets more glyphs in
/// the notes' size, and the body is then the larger of the two. Titles
/// and headings are set larger but far less often.
pub fn body_size(sizes: &std::collections::HashMap<i64, usize>) -> Option<f64> {
    let commonest = sizes.values().copied().max()?;
    sizes
        .iter()
        .filter(|&(_, &n)| n as f64 >= commonest as f64 * BODY_SHARE_OF_COMMONEST)
        .map(|(&size, _)| size)
        .max()
        .map(|size| size as f64 / 2.0)
}

/// See [`body_size`].
const BODY_SHARE_OF_COMMONEST: f64 = 0.4;

impl OutputDev for LineText {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.page_height = media_box.ury - media_box.lly;
        self.glyphs.clear();
        self.glyph_text.clear();
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        // Page coordinates with y growing downwards, as pdf-extract's
        // output flips them.
        let (x, y) = (trm.m31, self.page_height - trm.m32);
        let size_x = font_size * (trm.m11 + trm.m21);
        let size_y = font_size * (trm.m12 + trm.m22);
        let size = (size_x * size_y).abs().sqrt();
        let start = self.glyph_text.len();
        self.glyph_text.push_str(char);
        self.glyphs.push(Glyph {
            text: (start, self.glyph_text.len()),
            x,
            y,
            end: x + width * size,
            size,
            word_start: std::mem::take(&mut self.word_start),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.word_start = true;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of one page of 10-point glyphs half a font size wide,
    /// each given as (text, x, y from the bottom, begins a word).
    fn page_text(glyphs: &[(String, f64, f64, bool)]) -> String {
        let sized: Vec<(String, f64, f64, bool, f64)> = glyphs
            .iter()
            .map(|(c, x, y, w)| (c.clone(), *x, *y, *w, 10.0))
            .collect();
        page_text_sized(&sized)
    }

    /// A page of `glyphs` (text, x, y, opens a word, size) as pdf-extract
    /// reports it, read and not yet laid out.
    fn page_read(glyphs: &[(String, f64, f64, bool, f64)]) -> LineText {
        let mut out = LineText::new();
        let page = MediaBox {
            llx: 0.0,
            lly: 0.0,
            urx: 600.0,
            ury: 800.0,
        };
        out.begin_page(1, &page, None).unwrap();
        for (c, x, y, word_start, size) in glyphs {
            if *word_start {
                out.begin_word().unwrap();
            }
            let trm = Transform::row_major(1.0, 0.0, 0.0, 1.0, *x, *y);
            out.output_character(&trm, 0.5, 0.0, *size, c).unwrap();
        }
        out.end_page().unwrap();
        out
    }

    /// Like `page_text`, each glyph with its font size.
    fn page_text_sized(glyphs: &[(String, f64, f64, bool, f64)]) -> String {
        let out = page_read(glyphs);
        let mut sizes = std::collections::HashMap::new();
        out.count_sizes(&mut sizes);
        out.finish(body_size(&sizes)).0
    }

    /// A line of text set the way TeX sets it: `words` from `x` at height
    /// `y` in `size`-point type (each letter half its size wide).
    fn set(words: &str, x: f64, y: f64, size: f64) -> Vec<(String, f64, f64, bool, f64)> {
        let mut out = Vec::new();
        let mut at = x;
        for word in words.split(' ') {
            for (k, c) in word.chars().enumerate() {
                out.push((c.to_string(), at, y, k == 0, size));
                at += size * 0.5;
            }
            at += size * 0.3;
        }
        out
    }

    #[test]
    fn headings_set_large_are_marked_and_tex_paragraphs_told_by_their_indent() {
        // A title over two lines in 17 points, then body text in 11 points
        // at TeX's leading (1.24 font sizes), no space between paragraphs:
        // the second paragraph's first line is set in by 1.5 font sizes.
        let mut glyphs = set("Border Security after", 100.0, 760.0, 17.0);
        glyphs.extend(set("the Withdrawal", 100.0, 740.0, 17.0));
        let body = [
            (
                72.0,
                "The border was closed for weeks and trade across it fell by half in",
            ),
            (
                72.0,
                "the first year after the withdrawal of foreign forces.",
            ),
            (
                88.5,
                "Talks resumed in the spring, when both sides agreed to reopen the",
            ),
            (
                72.0,
                "crossing for traders and for families with papers from either side.",
            ),
            (
                72.0,
                "Officials met every month at the border post to settle disputes and",
            ),
            (
                72.0,
                "to agree on fees for the trucks that waited there for many days.",
            ),
        ];
        for (k, (x, words)) in body.iter().enumerate() {
            glyphs.extend(set(words, *x, 700.0 - k as f64 * 13.6, 11.0));
        }
        let text = page_text_sized(&glyphs);
        assert_eq!(
            text,
            "# Border Security after the Withdrawal\n\n\
             The border was closed for weeks and trade across it fell by half in\n\
             the first year after the withdrawal of foreign forces.\n\n\
             Talks resumed in the spring, when both sides agreed to reopen the\n\
             crossing for traders and for families with papers from either side.\n\
             Officials met every month at the border post to settle disputes and\n\
             to agree on fees for the trucks that waited there for many days."
        );
    }

    fn laid(text: &str, size: f64, raised_lead: usize) -> LaidLine {
        LaidLine {
            text: text.to_string(),
            size,
            words: text.split(' ').count(),
            paragraph: false,
            x: 72.0,
            end: 300.0,
            raised_lead,
        }
    }

    #[test]
    fn a_columns_notes_go_to_the_foot_and_raised_marks_back_to_their_line() {
        // Column one: body, its notes (smaller), then column two's text,
        // whose first mark the text layer set at the start of a line.
        let lines = vec![
            laid(
                "Trade through Torkham fell by half in the first year, and the",
                10.0,
                0,
            ),
            laid("crossing closed for weeks at a time.", 10.0, 0),
            laid("1See Crisis Group, Asia Report No. 335, 2023.", 8.0, 1),
            laid("2Dawn, 12 September 2023.", 8.0, 1),
            laid(
                "1 Officials met at the border post every month to agree on",
                10.0,
                1,
            ),
            laid("fees.2", 10.0, 0),
            laid("1", 10.0, 0),
        ];
        let lines = notes_to_foot(raised_marks_back(lines, 10.0), 10.0);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Trade through Torkham fell by half in the first year, and the",
                "crossing closed for weeks at a time.1",
                "Officials met at the border post every month to agree on",
                "fees.2",
                "1See Crisis Group, Asia Report No. 335, 2023.",
                "2Dawn, 12 September 2023.",
                "1",
            ]
        );
        assert!(lines[4].paragraph);
    }

    #[test]
    fn the_body_is_the_larger_of_two_common_sizes_whatever_the_notes_hold() {
        let sizes = |pairs: &[(i64, usize)]| pairs.iter().copied().collect();
        // Body 10 pt, notes 8 pt, a title 17 pt: the body is the commonest.
        assert_eq!(
            body_size(&sizes(&[(20, 10_000), (16, 1_500), (34, 40)])),
            Some(10.0)
        );
        // Notes that outrun the text (a law review's page) do not make the
        // body a heading.
        assert_eq!(
            body_size(&sizes(&[(16, 1_500), (20, 1_200), (34, 40)])),
            Some(10.0)
        );
        assert_eq!(body_size(&sizes(&[])), None);
    }

    #[test]
    fn each_note_is_one_line_and_a_page_foot_tells_where_notes_stand() {
        // Body, then two notes at the foot, the first over three lines
        // with a word broken at a line end, then a page number.
        let mut glyphs = set("The border closed for weeks at a time.1", 72.0, 700.0, 10.0);
        glyphs.extend(set(
            "1See International Crisis Group, Pakistan's Hard",
            72.0,
            600.0,
            8.0,
        ));
        glyphs.extend(set(
            "Policy on Afghanistan, Asia Report No. 335 (Brus-",
            72.0,
            590.0,
            8.0,
        ));
        glyphs.extend(set("sels: ICG, 2023), on the coopera-", 72.0, 580.0, 8.0));
        glyphs.extend(set("tion that failed.", 72.0, 570.0, 8.0));
        glyphs.extend(set("2Dawn, 12 September 2023.", 72.0, 560.0, 8.0));
        glyphs.extend(set("4", 72.0, 530.0, 10.0));
        let (text, foot) = page_read(&glyphs).finish(Some(10.0));
        let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            lines,
            [
                "The border closed for weeks at a time.1",
                "1See International Crisis Group, Pakistan's Hard Policy on Afghanistan, \
                 Asia Report No. 335 (Brussels: ICG, 2023), on the cooperation that failed.",
                "2Dawn, 12 September 2023.",
                "4",
            ]
        );
        // The page ends with a note (note 2), and nothing at its foot is
        // the rest of a note from the page before.
        let note_end = foot.note_end.expect("the page ends with a note");
        assert!(
            text[..note_end].ends_with("\n2Dawn, 12 September 2023."),
            "{text}"
        );
        assert_eq!(foot.rest, None);
    }

    #[test]
    fn join_note_line_reads_on_as_a_wrapped_line_does() {
        let joined = |a: &str, b: &str| {
            let mut out = a.to_string();
            join_note_line(&mut out, b);
            out
        };
        assert_eq!(
            joined("the coopera-", "tion failed"),
            "the cooperation failed"
        );
        assert_eq!(
            joined("the Afghan-", "Pakistan border"),
            "the Afghan-Pakistan border"
        );
        assert_eq!(joined("the post-", "2015 agenda"), "the post-2015 agenda");
        assert_eq!(
            joined("China–Afghanistan–", "Pakistan talks"),
            "China–Afghanistan–Pakistan talks"
        );
        assert_eq!(joined("ICG, 2023), ", "p. 28."), "ICG, 2023), p. 28.");
        assert_eq!(joined("pages 12 -", "14"), "pages 12 - 14");
    }

    #[test]
    fn text_with_its_own_spaces_is_not_split_at_a_misread_width() {
        // A browser's PDF: space characters between words, every glyph
        // placed on its own, "C" read narrower than it is (a gap of 0.3
        // font sizes before "o").
        let mut glyphs = Vec::new();
        let mut x = 50.0;
        for (k, c) in "Contents of the report".chars().enumerate() {
            glyphs.push((c.to_string(), x, 700.0, true, 10.0));
            x += if k == 0 { 8.0 } else { 5.0 };
        }
        assert_eq!(page_text_sized(&glyphs), "Contents of the report");
        // Without space characters (TeX), the gap is the word space.
        let tex: Vec<_> = glyphs.into_iter().filter(|g| g.0 != " ").collect();
        assert!(page_text_sized(&tex).starts_with("C ontents"));
    }

    #[test]
    fn a_hanging_indent_is_no_paragraph_indent() {
        // A bibliography: each entry's second line set in.
        let entries = [
            (
                72.0,
                "Haddad, R., Qureshi, S., & Ahmadzai, N. (2020). The Durand Line.",
            ),
            (88.5, "Oxford University Press."),
            (
                72.0,
                "Rashid, A. (2022). Descent into chaos revisited: Afghanistan.",
            ),
            (88.5, "Penguin."),
            (
                72.0,
                "Siddiqi, A., & Mahmood, K. (2021). Pakistan's western border.",
            ),
            (88.5, "Strategic Studies, 41(4), 1-19."),
        ];
        let mut glyphs = Vec::new();
        for (k, (x, words)) in entries.iter().enumerate() {
            glyphs.extend(set(words, *x, 700.0 - k as f64 * 13.6, 11.0));
        }
        assert!(!page_text_sized(&glyphs).contains("\n\n"));
    }

    /// Lay out `lines` (each a list of words) at `leading` points per line,
    /// with an extra `gap` before the lines whose index is in `breaks`.
    fn render(lines: &[&[&str]], leading: f64, gap: f64, breaks: &[usize]) -> String {
        let mut glyphs = Vec::new();
        let mut y = 750.0;
        for (i, words) in lines.iter().enumerate() {
            if i > 0 {
                y -= leading + if breaks.contains(&i) { gap } else { 0.0 };
            }
            let mut x = 50.0;
            for word in *words {
                for (k, c) in word.chars().enumerate() {
                    glyphs.push((c.to_string(), x, y, k == 0));
                    x += 5.0;
                }
                x += 3.0; // a word space: 0.3 of the font size
            }
        }
        page_text(&glyphs)
    }

    #[test]
    fn loose_leading_keeps_paragraphs_apart_from_lines() {
        let lines: &[&[&str]] = &[
            &["one", "line"],
            &["two"],
            &["three"],
            &["new", "para"],
            &["five"],
        ];
        // Set at 1.6 times the font size, paragraphs 0.8 apart more: only
        // the paragraph break is a blank line (pdf-extract made every one).
        assert_eq!(
            render(lines, 16.0, 8.0, &[3]),
            "one line\ntwo\nthree\n\nnew para\nfive"
        );
        // Set tight, entries 0.4 apart more (a bibliography): the same.
        assert_eq!(
            render(lines, 12.0, 4.0, &[3]),
            "one line\ntwo\nthree\n\nnew para\nfive"
        );
    }

    #[test]
    fn list_entries_outnumbering_their_lines_stay_apart() {
        let lines: &[&[&str]] = &[
            &["a1"],
            &["a2"],
            &["b1"],
            &["c1"],
            &["d1"],
            &["e1"],
            &["e2"],
        ];
        assert_eq!(
            render(lines, 12.0, 4.0, &[2, 3, 4, 5]),
            "a1\na2\n\nb1\n\nc1\n\nd1\n\ne1\ne2"
        );
    }

    #[test]
    fn kerning_gaps_do_not_split_words() {
        // "Ap" with a gap of 0.12 font sizes (kerning), then a word space.
        let glyphs =
            [("A", 50.0), ("p", 56.2), ("x", 64.0)].map(|(c, x)| (c.to_string(), x, 700.0, true));
        assert_eq!(page_text(&glyphs), "Ap x");
    }
}
