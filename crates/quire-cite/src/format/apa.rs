//! APA (7th edition) reference-list text, rendered through CSL by hayagriva
//! from the CSL-JSON items — not a hand-written formatter.

use hayagriva::archive::{locales, ArchivedStyle};
use hayagriva::citationberg::json::Item;
use hayagriva::citationberg::Style;
use hayagriva::{
    BibliographyDriver, BibliographyRequest, BufWriteFormat, CitationItem, CitationRequest,
};

use crate::error::{CiteError, Result};
use crate::fields::Reference;

/// APA's style dates a speech "(Year, Month Day)"; with the year alone the
/// style leaves "(2017,)". Such a speech is rendered as a report, which
/// has the same parts (author, date, title, publisher) — the CSL-JSON
/// export keeps the type "speech".
fn speech_dated_by_year_as_report(mut item: serde_json::Value) -> serde_json::Value {
    let year_only = item
        .pointer("/issued/date-parts/0")
        .and_then(|parts| parts.as_array())
        .is_some_and(|parts| parts.len() == 1);
    if year_only && item.get("type").and_then(|t| t.as_str()) == Some("speech") {
        item["type"] = serde_json::Value::from("report");
    }
    item
}

/// The references as APA text, one entry a line, in APA order.
pub fn to_string(references: &[Reference]) -> Result<String> {
    let items: Vec<Item> = super::csl::items(references)
        .into_iter()
        .map(speech_dated_by_year_as_report)
        .map(serde_json::from_value)
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| CiteError::Render(e.to_string()))?;
    let Style::Independent(style) = ArchivedStyle::AmericanPsychologicalAssociation.get() else {
        return Err(CiteError::Render(
            "the APA style in the archive is not independent".into(),
        ));
    };
    let locales = locales();
    let mut driver = BibliographyDriver::new();
    for item in &items {
        driver.citation(CitationRequest::from_items(
            vec![CitationItem::with_entry(item)],
            &style,
            &locales,
        ));
    }
    let rendered = driver.finish(BibliographyRequest::new(&style, None, &locales));
    let mut out = String::new();
    for entry in rendered.bibliography.map(|b| b.items).unwrap_or_default() {
        entry
            .content
            .write_buf(&mut out, BufWriteFormat::Plain)
            .map_err(|e| CiteError::Render(e.to_string()))?;
        out.push('\n');
    }
    Ok(out)
}
