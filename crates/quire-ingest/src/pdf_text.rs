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

/// Plain text of the pages written so far.
pub struct LineText<'a> {
    out: &'a mut String,
    page_height: f64,
    /// The page's glyphs, laid out when the page ends; their text in
    /// `glyph_text` (one buffer per page, not a string per glyph).
    glyphs: Vec<Glyph>,
    glyph_text: String,
    word_start: bool,
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

impl<'a> LineText<'a> {
    pub fn new(out: &'a mut String) -> LineText<'a> {
        LineText {
            out,
            page_height: 0.0,
            glyphs: Vec::new(),
            glyph_text: String::new(),
            word_start: false,
        }
    }

    /// What stands between glyph `a` and the next glyph `b`.
    fn between(a: &Glyph, b: &Glyph) -> Break {
        if !b.word_start {
            return Break::None;
        }
        let down = (b.y - a.y).abs();
        let moved_back = b.x < a.end;
        if down > b.size * 0.5 && (moved_back || down > b.size * FIRST_GAP_IN_FONT_SIZES) {
            Break::Line { gap: down }
        } else if b.x > a.end + b.size * WORD_GAP_IN_FONT_SIZES {
            Break::Space
        } else {
            Break::None
        }
    }

    /// Write the page: lines, and a blank line where the gap is clearly
    /// larger than the page's line advance within a paragraph (the
    /// smallest advance seen twice; else the smallest seen: not the most
    /// frequent, since in a list of one- and two-line entries the gaps
    /// between entries outnumber the lines within them).
    fn flush_page(&mut self) {
        let breaks: Vec<Break> = self
            .glyphs
            .windows(2)
            .map(|w| Self::between(&w[0], &w[1]))
            .collect();
        let mut advances: Vec<i64> = breaks
            .iter()
            .filter_map(|b| match b {
                Break::Line { gap } => Some((gap * 10.0).round() as i64),
                _ => None,
            })
            .collect();
        advances.sort_unstable();
        let twice = advances.windows(2).find(|w| w[0] == w[1]).map(|w| w[0]);
        let usual = twice.or(advances.first().copied()).map(|a| a as f64 / 10.0);
        for (i, glyph) in self.glyphs.iter().enumerate() {
            if i > 0 {
                match &breaks[i - 1] {
                    Break::None => {}
                    Break::Space => self.out.push(' '),
                    Break::Line { gap } => {
                        let paragraph = match usual {
                            Some(usual) => *gap > usual * PARAGRAPH_GAP,
                            None => *gap > glyph.size * FIRST_GAP_IN_FONT_SIZES,
                        };
                        self.out.push_str(if paragraph { "\n\n" } else { "\n" });
                    }
                }
            }
            self.out
                .push_str(&self.glyph_text[glyph.text.0..glyph.text.1]);
        }
        self.glyphs.clear();
        self.glyph_text.clear();
    }
}

impl OutputDev for LineText<'_> {
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
        self.flush_page();
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
        let mut text = String::new();
        let mut out = LineText::new(&mut text);
        let page = MediaBox {
            llx: 0.0,
            lly: 0.0,
            urx: 600.0,
            ury: 800.0,
        };
        out.begin_page(1, &page, None).unwrap();
        for (c, x, y, word_start) in glyphs {
            if *word_start {
                out.begin_word().unwrap();
            }
            let trm = Transform::row_major(1.0, 0.0, 0.0, 1.0, *x, *y);
            out.output_character(&trm, 0.5, 0.0, 10.0, c).unwrap();
        }
        out.end_page().unwrap();
        text
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
