//! `evidence.xlsx`: the evidence table, the works × categories matrix and
//! the list of sources, one sheet each, with bold frozen headers and
//! filters so a reviewer can sort and filter in a spreadsheet.

use crate::error::ReportError;
use crate::evidence::{EvidenceRow, HEADERS};
use crate::input::ReportInput;
use rust_xlsxwriter::{Color, Format, FormatBorder, Note, Workbook, Worksheet, XlsxError};
use std::path::Path;

/// Excel refuses longer strings in a cell.
const MAX_CELL_CHARS: usize = 32_000;

pub fn write_xlsx(
    input: &ReportInput,
    rows: &[EvidenceRow],
    path: &Path,
) -> Result<(), ReportError> {
    build(input, rows, path).map_err(|source| ReportError::Xlsx {
        path: path.to_path_buf(),
        source,
    })
}

fn build(input: &ReportInput, rows: &[EvidenceRow], path: &Path) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDCE6F1))
        .set_border_bottom(FormatBorder::Thin);
    let wrap = Format::new().set_text_wrap();

    evidence_sheet(book.add_worksheet(), rows, &header, &wrap)?;
    matrix_sheet(book.add_worksheet(), input, &header)?;
    sources_sheet(book.add_worksheet(), input, &header)?;
    book.save(path)
}

fn header_row(ws: &mut Worksheet, names: &[&str], format: &Format) -> Result<(), XlsxError> {
    for (c, name) in names.iter().enumerate() {
        ws.write_string_with_format(0, col(c), *name, format)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn evidence_sheet(
    ws: &mut Worksheet,
    rows: &[EvidenceRow],
    header: &Format,
    wrap: &Format,
) -> Result<(), XlsxError> {
    ws.set_name("evidence")?;
    header_row(ws, &HEADERS, header)?;
    for (i, r) in rows.iter().enumerate() {
        let row = (i + 1) as u32;
        ws.write_string(row, 0, &r.work_id)?;
        ws.write_string(row, 1, &r.citation)?;
        if let Some(y) = r.year {
            ws.write_number(row, 2, y)?;
        }
        ws.write_string(row, 3, &r.source_type)?;
        ws.write_string(row, 4, &r.category)?;
        ws.write_string(row, 5, &r.category_label)?;
        ws.write_number(row, 6, (r.score as f64 * 1000.0).round() / 1000.0)?;
        ws.write_string(row, 7, &r.origin)?;
        ws.write_string(row, 8, &r.evidence)?;
        ws.write_number(row, 9, r.passage as f64)?;
        if let Some(p) = r.page {
            ws.write_number(row, 10, p as f64)?;
        }
        ws.write_number(row, 11, r.offset as f64)?;
        ws.write_string(row, 12, &r.heading)?;
        ws.write_string_with_format(row, 13, clip(&r.quote), wrap)?;
    }
    let widths = [
        18.0, 24.0, 6.0, 10.0, 22.0, 24.0, 7.0, 8.0, 30.0, 8.0, 6.0, 8.0, 20.0, 90.0,
    ];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(col(c), *w)?;
    }
    ws.autofilter(0, 0, rows.len() as u32, col(HEADERS.len() - 1))?;
    Ok(())
}

/// Works × categories: the number of coded passages in each cell.
fn matrix_sheet(ws: &mut Worksheet, input: &ReportInput, header: &Format) -> Result<(), XlsxError> {
    ws.set_name("matrix")?;
    let categories = &input.synthesis.categories;
    let mut names: Vec<&str> = vec!["work_id", "citation"];
    names.extend(categories.iter().map(|c| c.label.as_str()));
    header_row(ws, &names, header)?;
    let works = input.included_works();
    let cells = input.synthesis.evidence.by_work_and_category();
    for (i, work) in works.iter().enumerate() {
        let row = (i + 1) as u32;
        ws.write_string(row, 0, &work.id)?;
        ws.write_string(row, 1, input.citation(work))?;
        for (j, cat) in categories.iter().enumerate() {
            let cell = cells
                .get(&(work.id.as_str(), cat.id.as_str()))
                .copied()
                .filter(|c| c.passages > 0);
            let count = cell.map_or(0, |c| c.passages);
            ws.write_number(row, col(j + 2), count as f64)?;
            // The strongest passage behind the count, as a cell note.
            if let Some(c) = cell {
                let tip = crate::sections::strongest_tip(&c.strongest);
                ws.insert_note(row, col(j + 2), &Note::new(tip).set_author("quire"))?;
            }
        }
    }
    ws.set_column_width(0, 18.0)?;
    ws.set_column_width(1, 28.0)?;
    for j in 0..categories.len() {
        ws.set_column_width(col(j + 2), 16.0)?;
    }
    ws.autofilter(0, 0, works.len() as u32, col(names.len() - 1))?;
    Ok(())
}

/// One row per included work: the bibliographic record and its source type.
fn sources_sheet(
    ws: &mut Worksheet,
    input: &ReportInput,
    header: &Format,
) -> Result<(), XlsxError> {
    ws.set_name("sources")?;
    let names = [
        "work_id",
        "citation",
        "title",
        "authors",
        "year",
        "kind",
        "source_type",
        "source_type_rule",
        "container",
        "publisher",
        "doi",
        "url",
    ];
    header_row(ws, &names, header)?;
    let works = input.included_works();
    for (i, w) in works.iter().enumerate() {
        let row = (i + 1) as u32;
        let authors: Vec<String> = w.authors.iter().map(|a| a.display_short()).collect();
        let texts = [
            w.id.clone(),
            input.citation(w),
            w.title.clone(),
            authors.join("; "),
        ];
        for (c, t) in texts.iter().enumerate() {
            ws.write_string(row, col(c), clip(t))?;
        }
        if let Some(y) = w.year {
            ws.write_number(row, 4, y)?;
        }
        let rest = [
            Some(w.kind.as_str()),
            Some(w.source_type.as_str()),
            w.source_type_rule.as_deref(),
            w.container.as_deref(),
            w.publisher.as_deref(),
            w.doi.as_deref(),
            w.url.as_deref(),
        ];
        for (c, t) in rest.iter().enumerate() {
            if let Some(t) = t {
                ws.write_string(row, col(c + 5), clip(t))?;
            }
        }
    }
    for (c, w) in [
        18.0, 24.0, 50.0, 30.0, 6.0, 10.0, 10.0, 24.0, 28.0, 24.0, 24.0, 30.0,
    ]
    .iter()
    .enumerate()
    {
        ws.set_column_width(col(c), *w)?;
    }
    ws.autofilter(0, 0, works.len() as u32, col(names.len() - 1))?;
    Ok(())
}

fn col(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

fn clip(text: &str) -> &str {
    match text.char_indices().nth(MAX_CELL_CHARS) {
        Some((cut, _)) => &text[..cut],
        None => text,
    }
}
