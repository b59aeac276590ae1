//! Sections on what the evidence lacks and what it rests on: knowledge
//! gaps (matrices with thin cells highlighted, gap statements) and the
//! balance of primary and secondary sources.

use super::quote;
use crate::charts::{bars::stacked_bars, bars::Bar, Chart};
use crate::input::ReportInput;
use crate::render::{Block, Cell, Section, Table};
use quire_synthesis::{CountMatrix, ThinCell};

/// Knowledge gaps: category × year and × source type with thin cells
/// highlighted, the thin cells in words, and gaps the sources state.
pub fn gaps(input: &ReportInput) -> Section {
    let g = &input.synthesis.gaps;
    let mut blocks = vec![Block::Note(
        "Cells count distinct works; highlighted cells are the thin ones the synthesis called out."
            .into(),
    )];
    let mut thin: Vec<String> = g.thin_cells.iter().map(|t| t.sentence.clone()).collect();
    thin.extend(missing_accusers(input));
    if !thin.is_empty() {
        blocks.push(Block::Subheading("Thin evidence".into()));
        blocks.push(Block::List(thin));
    }
    blocks.push(Block::Table(matrix_table(
        input,
        &g.by_year,
        &g.thin_cells,
        "Works per category and year",
    )));
    blocks.push(Block::Table(matrix_table(
        input,
        &g.by_source_type,
        &g.thin_cells,
        "Works per category and source type",
    )));
    if !g.stated.is_empty() {
        blocks.push(Block::Subheading("Gaps the sources state".into()));
        for s in g.stated.iter().take(25) {
            let cats: Vec<String> = s
                .categories
                .iter()
                .map(|c| input.category_label(c))
                .collect();
            let label = if cats.is_empty() {
                format!("“{}”", s.cue)
            } else {
                format!("“{}” · {}", s.cue, cats.join(", "))
            };
            blocks.push(quote(label, &s.source));
        }
    }
    Section {
        id: "gaps".into(),
        title: "Knowledge gaps".into(),
        blocks,
    }
}

/// "No included work voices the accusations Pakistan answers (accusers it
/// names: India, United States; others unnamed): see Debates." One line
/// per accused actor.
fn missing_accusers(input: &ReportInput) -> Vec<String> {
    // (accused, named accusers, whether some accuser is unnamed)
    let mut by_accused: Vec<(&str, Vec<&str>, bool)> = Vec::new();
    for u in &input.synthesis.debates.unvoiced {
        let at = match by_accused.iter().position(|a| a.0 == u.accused_name) {
            Some(at) => at,
            None => {
                by_accused.push((&u.accused_name, Vec::new(), false));
                by_accused.len() - 1
            }
        };
        let entry = &mut by_accused[at];
        if u.accuser_name.is_empty() {
            entry.2 = true;
        } else {
            entry.1.push(&u.accuser_name);
        }
    }
    by_accused
        .into_iter()
        .map(|(accused, named, unnamed)| {
            let accusers = match (named.is_empty(), unnamed) {
                (true, _) => "its accusers not named".to_string(),
                (false, false) => format!("accusers it names: {}", named.join(", ")),
                (false, true) => format!("accusers it names: {}; others unnamed", named.join(", ")),
            };
            format!(
                "No included work voices the accusations {accused} answers ({accusers}): see \
                 \u{201c}Accusations answered but not voiced\u{201d} under Debates."
            )
        })
        .collect()
}

fn matrix_table(input: &ReportInput, m: &CountMatrix, thin: &[ThinCell], caption: &str) -> Table {
    let mut header = vec!["Category".to_string()];
    header.extend(m.columns.iter().cloned());
    let rows = m
        .rows
        .iter()
        .enumerate()
        .map(|(r, cat)| {
            let mut row = vec![Cell::text(input.category_label(cat))];
            row.extend(m.columns.iter().enumerate().map(|(c, col)| {
                let n = m.works.get(r).and_then(|v| v.get(c)).copied().unwrap_or(0);
                let is_thin = thin.iter().any(|t| &t.category == cat && &t.column == col);
                if is_thin {
                    Cell::thin(n)
                } else {
                    Cell::number(n)
                }
            }));
            row
        })
        .collect();
    Table {
        caption: caption.into(),
        header,
        rows,
    }
}

/// Primary vs secondary: per category, how much evidence rests on primary
/// sources, with the strongest primary passages.
pub fn sources(input: &ReportInput) -> Section {
    let rows_in = &input.synthesis.sources.rows;
    // "Unknown" only when some coded passage's source type is unknown.
    let unknown = rows_in.iter().any(|r| r.unknown_passages > 0);
    let bars: Vec<Bar> = rows_in
        .iter()
        .map(|r| {
            let mut values = vec![r.primary_passages, r.secondary_passages];
            if unknown {
                values.push(r.unknown_passages);
            }
            Bar {
                label: input.category_label(&r.category),
                values,
            }
        })
        .collect();
    let mut series = vec![("primary", "#0072B2"), ("secondary", "#E69F00")];
    if unknown {
        series.push(("unknown", "#BBBBBB"));
    }
    let mut header = vec!["Category", "Primary passages", "Secondary passages"];
    if unknown {
        header.push("Unknown");
    }
    header.extend(["Primary works", "Secondary works", "Primary share"]);
    let mut blocks = vec![
        Block::Chart(Chart {
            name: "source-types".into(),
            title: "Coded passages per category by source type".into(),
            svg: stacked_bars(
                "Coded passages per category by source type",
                &bars,
                &series,
                "passages",
            ),
        }),
        Block::Table(Table {
            caption: String::new(),
            header: header.into_iter().map(String::from).collect(),
            rows: rows_in
                .iter()
                .map(|r| {
                    let mut row = vec![
                        Cell::text(input.category_label(&r.category)),
                        Cell::number(r.primary_passages),
                        Cell::number(r.secondary_passages),
                    ];
                    if unknown {
                        row.push(Cell::number(r.unknown_passages));
                    }
                    row.extend([
                        Cell::number(r.primary_works),
                        Cell::number(r.secondary_works),
                        Cell::number(format!("{:.0}%", r.primary_share * 100.0)),
                    ]);
                    row
                })
                .collect(),
        }),
    ];
    for r in rows_in.iter().filter(|r| !r.primary_examples.is_empty()) {
        blocks.push(Block::Subheading(format!(
            "{}: what primary sources say",
            input.category_label(&r.category)
        )));
        for p in &r.primary_examples {
            blocks.push(quote("", p));
        }
    }
    Section {
        id: "sources".into(),
        title: "Primary and secondary sources".into(),
        blocks,
    }
}
