//! The full-screen screening UI (ratatui on crossterm), used when stdin and
//! stdout are terminals: single-key actions, a reason picker for
//! exclusions, a note input, the record with key terms highlighted and the
//! stopping status. The decisions themselves go through
//! [`Session`](super::screen::Session), shared with the line prompt.

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

const HELP: &str = "i include  e exclude  m maybe  u undo  n note  s skip  q quit";
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
}

/// Runs the UI until the reviewer quits. The terminal is restored on
/// return, on error (the guard's drop) and on panic (ratatui's hook).
pub(crate) fn run(session: &mut Session) -> Result<u8> {
    let mut terminal = ratatui::try_init()?;
    let _restore = RestoreOnDrop;
    let mut mode = Mode::Browse;
    let mut message: Option<String> = None;
    loop {
        terminal.draw(|frame| {
            draw(
                frame,
                &View {
                    work: session.current(),
                    terms: session.terms(),
                    status: status_text(session.status()),
                    reasons: session.reasons(),
                    note: session.pending_note(),
                    mode: &mode,
                    message: message.as_deref(),
                },
            )
        })?;
        if let Event::Key(key) = event::read()? {
            if key.kind != KeyEventKind::Press {
                continue;
            }
            message = None;
            match on_key(session, &mut mode, key)? {
                Outcome::Quit => return Ok(0),
                Outcome::Message(m) => message = Some(m),
                Outcome::Continue => {}
            }
        }
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
/// input on top when open.
pub(crate) fn draw(frame: &mut Frame, view: &View) {
    let [record, status, help] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(3),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    frame.render_widget(
        Paragraph::new(record_text(view))
            .wrap(Wrap { trim: false })
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(" quire screen "),
            ),
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

    fn render(view: &View) -> Buffer {
        let mut terminal = Terminal::new(TestBackend::new(100, 24)).unwrap();
        terminal.draw(|f| draw(f, view)).unwrap();
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
        let buffer = render(&View {
            work: None,
            terms: &[],
            status: String::new(),
            reasons: &[],
            note: None,
            mode: &Mode::Browse,
            message: None,
        });
        assert!(contains(&buffer, "Every record is screened."));
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
