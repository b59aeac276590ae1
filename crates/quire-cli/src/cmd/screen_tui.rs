//! The full-screen screening UI (ratatui on crossterm), used when stdin and
//! stdout are terminals: single-key actions, a reason picker for
//! exclusions, a note input, the record with key terms highlighted and the
//! stopping status. The decisions themselves go through
//! [`Session`], shared with the line prompt.

use anyhow::Result;
use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind};
use quire_model::{DecisionLabel, Work};
use quire_screen::keyword::highlight_spans;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph, Wrap};
use ratatui::Frame;

use super::screen::{status_text, Session};

const HELP: &str =
    "i include  e exclude  m maybe  u undo  n note  s skip  q quit  ↑/↓ PgUp/PgDn scroll";
const REASON_HELP: &str = "↑/↓ or number: pick  type: own reason  Enter: exclude  Esc: cancel";
const NOTE_HELP: &str = "Enter: keep note for the next decision  Esc: cancel";

/// What the keyboard is talking to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Mode {
    Browse,
    /// Choosing an exclusion reason: a protocol reason, or typed text.
    Reason {
        selected: usize,
        typed: String,
    },
    Note {
        text: String,
    },
}

/// Everything drawn on one frame, so drawing needs no store.
pub(crate) struct View<'v> {
    pub work: Option<&'v Work>,
    pub terms: &'v [String],
    pub status: String,
    pub reasons: &'v [String],
    pub note: Option<&'v str>,
    pub mode: &'v Mode,
    pub message: Option<&'v str>,
    /// Rows of the record scrolled past (a long abstract).
    pub scroll: u16,
}

/// Runs the UI until the reviewer quits. The terminal is restored on
/// return, on error (the guard's drop) and on panic (ratatui's hook).
pub(crate) fn run(session: &mut Session) -> Result<u8> {
    let mut terminal = ratatui::try_init()?;
    let _restore = RestoreOnDrop;
    let mut mode = Mode::Browse;
    let mut message: Option<String> = None;
    let mut scroll: u16 = 0;
    loop {
        let mut max_scroll = 0;
        terminal.draw(|frame| {
            max_scroll = draw(
                frame,
                &View {
                    work: session.current(),
                    terms: session.terms(),
                    status: status_text(session.status()),
                    reasons: session.reasons(),
                    note: session.pending_note(),
                    mode: &mode,
                    message: message.as_deref(),
                    scroll,
                },
            )
        })?;
        scroll = scroll.min(max_scroll);
        if let Event::Key(key) = event::read()? {
            if key.kind != KeyEventKind::Press {
                continue;
            }
            if let Some(to) = scroll_key(&mode, key.code, scroll) {
                scroll = to.min(max_scroll);
                continue;
            }
            message = None;
            let before = session.current().map(|w| w.id.clone());
            match on_key(session, &mut mode, key)? {
                Outcome::Quit => return Ok(0),
                Outcome::Message(m) => message = Some(m),
                Outcome::Continue => {}
            }
            // A new record is read from its top.
            if session.current().map(|w| &w.id) != before.as_ref() {
                scroll = 0;
            }
        }
    }
}

/// Rows a page-key scrolls.
const PAGE_ROWS: u16 = 10;

/// Where a scrolling key moves the record pane (browsing only; in the
/// reason picker the arrows choose a reason).
fn scroll_key(mode: &Mode, code: KeyCode, scroll: u16) -> Option<u16> {
    if *mode != Mode::Browse {
        return None;
    }
    match code {
        KeyCode::Down | KeyCode::Char('j') => Some(scroll.saturating_add(1)),
        KeyCode::Up | KeyCode::Char('k') => Some(scroll.saturating_sub(1)),
        KeyCode::PageDown | KeyCode::Char(' ') => Some(scroll.saturating_add(PAGE_ROWS)),
        KeyCode::PageUp => Some(scroll.saturating_sub(PAGE_ROWS)),
        KeyCode::Home => Some(0),
        _ => None,
    }
}

struct RestoreOnDrop;

impl Drop for RestoreOnDrop {
    fn drop(&mut self) {
        ratatui::restore();
    }
}

#[derive(Debug, PartialEq)]
pub(crate) enum Outcome {
    Continue,
    Message(String),
    Quit,
}

/// Applies one key press to the session in the current mode.
pub(crate) fn on_key(session: &mut Session, mode: &mut Mode, key: KeyEvent) -> Result<Outcome> {
    match mode {
        Mode::Browse => browse_key(session, mode, key.code),
        Mode::Reason { selected, typed } => {
            let n = session.reasons().len();
            match key.code {
                KeyCode::Esc => *mode = Mode::Browse,
                KeyCode::Up => *selected = selected.saturating_sub(1),
                KeyCode::Down if *selected + 1 < n => *selected += 1,
                KeyCode::Backspace => {
                    typed.pop();
                }
                // A digit picks a listed reason unless a reason is being typed.
                KeyCode::Char(c)
                    if typed.is_empty()
                        && c.to_digit(10).is_some_and(|d| d >= 1 && (d as usize) <= n) =>
                {
                    let d = c.to_digit(10).unwrap_or(1) as usize;
                    let reason = session.reasons()[d - 1].clone();
                    *mode = Mode::Browse;
                    session.decide(DecisionLabel::Exclude, Some(reason))?;
                }
                KeyCode::Char(c) => typed.push(c),
                KeyCode::Enter => {
                    let reason = if !typed.trim().is_empty() {
                        Some(typed.trim().to_string())
                    } else {
                        session.reasons().get(*selected).cloned()
                    };
                    *mode = Mode::Browse;
                    session.decide(DecisionLabel::Exclude, reason)?;
                }
                _ => {}
            }
            Ok(Outcome::Continue)
        }
        Mode::Note { text } => {
            match key.code {
                KeyCode::Esc => *mode = Mode::Browse,
                KeyCode::Backspace => {
                    text.pop();
                }
                KeyCode::Char(c) => text.push(c),
                KeyCode::Enter => {
                    session.note(std::mem::take(text));
                    *mode = Mode::Browse;
                }
                _ => {}
            }
            Ok(Outcome::Continue)
        }
    }
}

fn browse_key(session: &mut Session, mode: &mut Mode, code: KeyCode) -> Result<Outcome> {
    let on_record = session.current().is_some();
    match code {
        KeyCode::Char('q') | KeyCode::Esc => return Ok(Outcome::Quit),
        KeyCode::Char('u') => {
            return Ok(match session.undo()? {
                Some(id) => Outcome::Message(format!("undone: {id}")),
                None => Outcome::Message("nothing to undo".to_string()),
            })
        }
        KeyCode::Char('i') if on_record => session.decide(DecisionLabel::Include, None)?,
        KeyCode::Char('m') if on_record => session.decide(DecisionLabel::Maybe, None)?,
        KeyCode::Char('s') if on_record => session.skip(),
        KeyCode::Char('e') if on_record => {
            *mode = Mode::Reason {
                selected: 0,
                typed: String::new(),
            }
        }
        KeyCode::Char('n') if on_record => {
            *mode = Mode::Note {
                text: session.pending_note().unwrap_or_default().to_string(),
            }
        }
        _ => {}
    }
    Ok(Outcome::Continue)
}

/// Record pane, status bar and key help; the reason picker or the note
/// input on top when open. Returns how far the record can scroll.
pub(crate) fn draw(frame: &mut Frame, view: &View) -> u16 {
    let [record, status, help] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(3),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    let text = record_text(view);
    let inner_height = record.height.saturating_sub(2);
    let rows = wrapped_rows(&text, record.width.saturating_sub(2));
    let max_scroll = rows.saturating_sub(inner_height);
    let scroll = view.scroll.min(max_scroll);
    // Say where the reader is when the record does not fit.
    let title = if max_scroll == 0 {
        " quire screen ".to_string()
    } else if scroll < max_scroll {
        format!(
            " quire screen · rows {}–{} of {rows} · ↓ more ",
            scroll + 1,
            scroll + inner_height
        )
    } else {
        format!(" quire screen · rows {}–{rows} of {rows} ", scroll + 1)
    };
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(Block::default().borders(Borders::ALL).title(title)),
        record,
    );
    let status_line = match view.message {
        Some(m) => format!("{m} · {}", view.status),
        None => view.status.clone(),
    };
    frame.render_widget(
        Paragraph::new(status_line)
            .wrap(Wrap { trim: true })
            .block(Block::default().borders(Borders::ALL).title(" status ")),
        status,
    );
    let help_text = match view.mode {
        Mode::Browse => HELP,
        Mode::Reason { .. } => REASON_HELP,
        Mode::Note { .. } => NOTE_HELP,
    };
    frame.render_widget(
        Paragraph::new(help_text).style(Style::default().add_modifier(Modifier::REVERSED)),
        help,
    );
    match view.mode {
        Mode::Browse => {}
        Mode::Reason { selected, typed } => {
            draw_reasons(frame, record, view.reasons, *selected, typed)
        }
        Mode::Note { text } => draw_note(frame, record, text),
    }
    max_scroll
}

/// Rows `text` takes wrapped at `width` columns, word by word as the
/// paragraph wraps it (a word longer than a row is cut).
fn wrapped_rows(text: &Text<'_>, width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let rows: usize = text
        .lines
        .iter()
        .map(|line| {
            let content: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            let mut rows = 1;
            let mut used = 0;
            for word in content.split(' ') {
                let w = word.chars().count();
                let need = if used == 0 { w } else { used + 1 + w };
                if need <= width {
                    used = need;
                } else {
                    rows += (w.max(1) - 1) / width + usize::from(used > 0);
                    used = w - (w.max(1) - 1) / width * width;
                }
            }
            rows
        })
        .sum();
    u16::try_from(rows).unwrap_or(u16::MAX)
}

fn record_text<'t>(view: &View<'t>) -> Text<'t> {
    let Some(work) = view.work else {
        return Text::from("Every record is screened. (u undo, q quit)");
    };
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let authors: Vec<&str> = work.authors.iter().map(|p| p.family.as_str()).collect();
    let mut lines = vec![
        Line::from(highlighted(&work.title, view.terms, bold)),
        Line::from(format!(
            "{} ({}) {}",
            authors.join(", "),
            work.year.map(|y| y.to_string()).unwrap_or_default(),
            work.container.clone().unwrap_or_default()
        )),
        Line::default(),
    ];
    if let Some(text) = &work.abstract_text {
        lines.push(Line::from(highlighted(text, view.terms, Style::default())));
    }
    if let Some(note) = view.note {
        lines.push(Line::default());
        lines.push(Line::from(format!("note: {note}")));
    }
    Text::from(lines)
}

/// `text` as spans, key terms in yellow bold.
fn highlighted<'t>(text: &'t str, terms: &[String], base: Style) -> Vec<Span<'t>> {
    let mark = base.fg(Color::Yellow).add_modifier(Modifier::BOLD);
    let mut spans = Vec::new();
    let mut at = 0;
    for (a, b) in highlight_spans(text, terms) {
        spans.push(Span::styled(&text[at..a], base));
        spans.push(Span::styled(&text[a..b], mark));
        at = b;
    }
    spans.push(Span::styled(&text[at..], base));
    spans
}

fn draw_reasons(frame: &mut Frame, over: Rect, reasons: &[String], selected: usize, typed: &str) {
    let area = centred(over, reasons.len() as u16 + 5);
    frame.render_widget(Clear, area);
    let [list, input] = Layout::vertical([Constraint::Min(1), Constraint::Length(3)]).areas(area);
    let items: Vec<ListItem> = reasons
        .iter()
        .enumerate()
        .map(|(i, r)| ListItem::new(format!("{}. {r}", i + 1)))
        .collect();
    let mut state = ListState::default().with_selected((!reasons.is_empty()).then_some(selected));
    frame.render_stateful_widget(
        List::new(items)
            .highlight_style(Style::default().add_modifier(Modifier::REVERSED))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(" exclusion reason "),
            ),
        list,
        &mut state,
    );
    frame.render_widget(
        Paragraph::new(format!("{typed}_")).block(
            Block::default()
                .borders(Borders::ALL)
                .title(" or type your own "),
        ),
        input,
    );
}

fn draw_note(frame: &mut Frame, over: Rect, text: &str) {
    let area = centred(over, 3);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(format!("{text}_"))
            .wrap(Wrap { trim: false })
            .block(Block::default().borders(Borders::ALL).title(" note ")),
        area,
    );
}

/// A box `height` rows high (at most `over`'s), 80% wide, centred in `over`.
fn centred(over: Rect, height: u16) -> Rect {
    let height = height.min(over.height);
    let width = (over.width * 4 / 5).max(over.width.min(20));
    Rect {
        x: over.x + (over.width - width) / 2,
        y: over.y + (over.height - height) / 2,
        width,
        height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmd::screen::tests::{setup, store, stored, work, works};
    use crate::cmd::screen::{features, Session};
    use quire_screen::{stopping_status, LearnerConfig, StoppingConfig};
    use ratatui::backend::TestBackend;
    use ratatui::buffer::Buffer;
    use ratatui::Terminal;

    /// The view of `work` while browsing, with nothing else on screen.
    fn browsing(work: Option<&Work>, scroll: u16) -> View<'_> {
        View {
            work,
            terms: &[],
            status: String::new(),
            reasons: &[],
            note: None,
            mode: &Mode::Browse,
            message: None,
            scroll,
        }
    }

    fn render(view: &View) -> Buffer {
        let mut terminal = Terminal::new(TestBackend::new(100, 24)).unwrap();
        terminal
            .draw(|f| {
                draw(f, view);
            })
            .unwrap();
        terminal.backend().buffer().clone()
    }

    fn rows(buffer: &Buffer) -> Vec<String> {
        let area = buffer.area;
        (0..area.height)
            .map(|y| (0..area.width).map(|x| buffer[(x, y)].symbol()).collect())
            .collect()
    }

    fn contains(buffer: &Buffer, text: &str) -> bool {
        rows(buffer).iter().any(|r| r.contains(text))
    }

    #[test]
    fn the_record_status_and_key_help_are_drawn_with_key_terms_highlighted() {
        let w = work("w1", "A carbon tax in Sweden", "Effects on emissions.");
        let terms = vec!["carbon tax".to_string()];
        let status = stopping_status(&[true, false], 10, &StoppingConfig::default());
        let buffer = render(&View {
            work: Some(&w),
            terms: &terms,
            status: status_text(&status),
            reasons: &[],
            note: Some("check the sample"),
            mode: &Mode::Browse,
            message: Some("undone: w9"),
            scroll: 0,
        });
        for text in [
            "A carbon tax in Sweden",
            "Okafor (2021) Energy Policy",
            "Effects on emissions.",
            "note: check the sample",
            "screened 2 | included 1",
            "undone: w9",
            HELP,
        ] {
            assert!(
                contains(&buffer, text),
                "{text} not drawn:\n{}",
                rows(&buffer).join("\n")
            );
        }
        let (y, row) = rows(&buffer)
            .into_iter()
            .enumerate()
            .find(|(_, r)| r.contains("A carbon tax"))
            .unwrap();
        // Columns, not bytes: the border is a multi-byte character.
        let column = |needle: &str| row[..row.find(needle).unwrap()].chars().count() as u16;
        let (x, a) = (column("carbon"), column("A carbon"));
        assert_eq!(
            buffer[(x, y as u16)].fg,
            Color::Yellow,
            "key term highlighted"
        );
        assert_ne!(buffer[(a, y as u16)].fg, Color::Yellow, "other words plain");
    }

    #[test]
    fn the_reason_picker_lists_the_protocol_reasons_and_the_typed_one() {
        let w = work("w1", "Bus lanes", "Travel times.");
        let reasons = vec!["wrong population".to_string(), "not a study".to_string()];
        let mode = Mode::Reason {
            selected: 1,
            typed: "off top".to_string(),
        };
        let buffer = render(&View {
            work: Some(&w),
            terms: &[],
            status: String::new(),
            reasons: &reasons,
            note: None,
            mode: &mode,
            message: None,
            scroll: 0,
        });
        for text in [
            "1. wrong population",
            "2. not a study",
            "off top_",
            REASON_HELP,
        ] {
            assert!(
                contains(&buffer, text),
                "{text} not drawn:\n{}",
                rows(&buffer).join("\n")
            );
        }
    }

    #[test]
    fn the_end_of_screening_is_drawn() {
        let buffer = render(&browsing(None, 0));
        assert!(contains(&buffer, "Every record is screened."));
    }

    #[test]
    fn a_long_abstract_scrolls() {
        let long: String = (1..=120)
            .map(|k| format!("Sentence {k} of a long abstract on bus lanes."))
            .collect::<Vec<_>>()
            .join(" ");
        let w = work("w1", "Bus lanes", &long);
        let view = |scroll| browsing(Some(&w), scroll);
        let top = render(&view(0));
        assert!(contains(&top, "Sentence 1 of"));
        assert!(contains(&top, "↓ more"), "{}", rows(&top).join("\n"));
        assert!(!contains(&top, "Sentence 120 of"));
        // Far past the end: clamped to the last rows, which are drawn.
        let bottom = render(&view(u16::MAX));
        assert!(
            contains(&bottom, "Sentence 120 of"),
            "{}",
            rows(&bottom).join("\n")
        );
        assert!(!contains(&bottom, "↓ more"));
        let mut terminal = Terminal::new(TestBackend::new(100, 24)).unwrap();
        let mut max = 0;
        terminal.draw(|f| max = draw(f, &view(0))).unwrap();
        assert!(max > 0);
        // A short record does not scroll.
        let short = work("w2", "Bus lanes", "Travel times.");
        terminal
            .draw(|f| {
                max = draw(
                    f,
                    &View {
                        work: Some(&short),
                        ..view(0)
                    },
                )
            })
            .unwrap();
        assert_eq!(max, 0);
    }

    #[test]
    fn arrows_scroll_when_browsing_and_choose_in_the_reason_picker() {
        assert_eq!(scroll_key(&Mode::Browse, KeyCode::Down, 3), Some(4));
        assert_eq!(scroll_key(&Mode::Browse, KeyCode::Up, 0), Some(0));
        assert_eq!(scroll_key(&Mode::Browse, KeyCode::PageDown, 3), Some(13));
        assert_eq!(scroll_key(&Mode::Browse, KeyCode::Char('i'), 3), None);
        let picking = Mode::Reason {
            selected: 0,
            typed: String::new(),
        };
        assert_eq!(scroll_key(&picking, KeyCode::Down, 3), None);
    }

    #[test]
    fn wrapped_rows_counts_as_the_paragraph_wraps() {
        let text = Text::from(vec![Line::from("aaaa bbbb cccc"), Line::default()]);
        assert_eq!(wrapped_rows(&text, 9), 3);
        assert_eq!(wrapped_rows(&text, 14), 2);
        assert_eq!(wrapped_rows(&Text::from("abcdefghij"), 4), 3);
    }

    fn press(s: &mut Session, mode: &mut Mode, keys: &str) -> Outcome {
        let mut last = Outcome::Continue;
        for c in keys.chars() {
            let code = match c {
                '\n' => KeyCode::Enter,
                '^' => KeyCode::Up,
                'v' => KeyCode::Down,
                c => KeyCode::Char(c),
            };
            last = on_key(s, mode, KeyEvent::from(code)).unwrap();
        }
        last
    }

    #[test]
    fn single_keys_drive_the_session() {
        let tmp = tempfile::tempdir().unwrap();
        let x = features(&works(), &setup().terms);
        let mut s = Session::new(
            &x,
            LearnerConfig::default(),
            store(tmp.path()),
            works(),
            setup(),
        )
        .unwrap();
        let mut mode = Mode::Browse;
        // exclude with listed reason 2, exclude with a typed reason, move
        // down the list and confirm, note then include, then quit.
        press(&mut s, &mut mode, "e2");
        press(&mut s, &mut mode, "eoff topic\n");
        press(&mut s, &mut mode, "ev\n");
        press(&mut s, &mut mode, "nsee table 3\ni");
        assert_eq!(mode, Mode::Browse);
        let d = stored(tmp.path());
        let got: Vec<(DecisionLabel, Option<&str>, Option<&str>)> = d
            .iter()
            .map(|d| (d.label, d.reason.as_deref(), d.note.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                (DecisionLabel::Exclude, Some("not a study"), None),
                (DecisionLabel::Exclude, Some("off topic"), None),
                (DecisionLabel::Exclude, Some("not a study"), None),
                (DecisionLabel::Include, None, Some("see table 3")),
            ]
        );
        assert_eq!(
            press(&mut s, &mut mode, "u"),
            Outcome::Message(format!("undone: {}", d[3].work_id))
        );
        assert_eq!(stored(tmp.path()).len(), 3);
        assert_eq!(press(&mut s, &mut mode, "q"), Outcome::Quit);
    }
}
