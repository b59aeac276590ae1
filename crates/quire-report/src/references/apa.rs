//! The APA 7 reference list, rendered through CSL by hayagriva with its
//! bundled `apa` style: quire's works are converted to hayagriva entries and
//! the style does all the formatting. No citation style is written by hand.

use hayagriva::archive::{locales, ArchivedStyle};
use hayagriva::citationberg::{FontStyle, Style};
use hayagriva::types::{
    Date, EntryType, FormatString, MaybeTyped, Numeric, PageRanges, Person as HPerson, Publisher,
    QualifiedUrl,
};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, ElemChild,
    ElemChildren, Entry,
};
use quire_model::{Person, Work, WorkKind};
use std::str::FromStr;

/// A run of reference text with the one formatting APA needs: italics
/// (journal and book titles, volume numbers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub italic: bool,
}

/// One formatted reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub work_id: String,
    pub spans: Vec<Span>,
}

impl Reference {
    /// The reference as plain text (italics dropped).
    pub fn plain(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

/// Render the works' APA 7 reference list, in APA order (author, year).
///
/// hayagriva's citation disambiguation marks at most one group of
/// same-author-same-year works with year suffixes (2021a, 2021b) per pass,
/// and stops after three passes: in a list with four or more such groups
/// the rest kept a bare year while the in-text citations carried letters.
/// So the whole list is rendered once for its order, and every group of
/// works that could share an in-text citation (same first author, same year)
/// is rendered again on its own, where its suffixes are always assigned.
pub fn apa_references(works: &[Work]) -> Vec<Reference> {
    let mut references = render(works);
    for group in citation_groups(works) {
        let members: Vec<Work> = group.iter().map(|&i| works[i].clone()).collect();
        for rendered in render(&members) {
            if let Some(slot) = references
                .iter_mut()
                .find(|r| r.work_id == rendered.work_id)
            {
                *slot = rendered;
            }
        }
    }
    letter_undated(works, &mut references);
    references
}

/// APA letters undated works of one author too — "(n.d.-a)", "(n.d.-b)" —
/// but the style only letters dates. The letters are the ones the in-text
/// citations carry (`cite_all`), so text and list agree by construction.
fn letter_undated(works: &[Work], references: &mut [Reference]) {
    let refs: Vec<&Work> = works.iter().collect();
    let cites = quire_synthesis::cite_apa::cite_all(&refs);
    for (work, cite) in works.iter().zip(&cites) {
        if !cite.year.starts_with("n.d.-") {
            continue;
        }
        let Some(reference) = references.iter_mut().find(|r| r.work_id == work.id) else {
            continue;
        };
        if let Some(span) = reference
            .spans
            .iter_mut()
            .find(|s| s.text.contains("(n.d.)"))
        {
            span.text = span.text.replacen("(n.d.)", &format!("({})", cite.year), 1);
        }
    }
}

/// Indices of works that may render the same author–date citation: same
/// first author (or none) and same year, groups of two or more only.
fn citation_groups(works: &[Work]) -> Vec<Vec<usize>> {
    let mut groups: std::collections::BTreeMap<(String, Option<i32>), Vec<usize>> =
        Default::default();
    for (i, work) in works.iter().enumerate() {
        let first = work
            .authors
            .first()
            .map(|p| quire_model::normalize::fold(&p.family))
            .unwrap_or_default();
        let year = work_date(work).map(|d| d.year);
        groups.entry((first, year)).or_default().push(i);
    }
    groups.into_values().filter(|g| g.len() > 1).collect()
}

/// One pass of hayagriva's bibliography driver over `works`.
fn render(works: &[Work]) -> Vec<Reference> {
    let entries: Vec<Entry> = works.iter().map(to_entry).collect();
    let Some(style) = apa_style() else {
        return Vec::new();
    };
    let locales = locales();
    let mut driver = BibliographyDriver::new();
    for entry in &entries {
        driver.citation(CitationRequest::from_items(
            vec![CitationItem::with_entry(entry)],
            &style,
            &locales,
        ));
    }
    let rendered = driver.finish(BibliographyRequest {
        style: &style,
        locale: None,
        locale_files: &locales,
    });
    rendered
        .bibliography
        .map(|bib| {
            bib.items
                .into_iter()
                .map(|item| Reference {
                    work_id: item.key,
                    spans: merge_spans(flatten(&item.content)),
                })
                .collect()
        })
        .unwrap_or_default()
}

fn apa_style() -> Option<hayagriva::citationberg::IndependentStyle> {
    match ArchivedStyle::AmericanPsychologicalAssociation.get() {
        Style::Independent(style) => Some(style),
        Style::Dependent(_) => None,
    }
}

/// Walk hayagriva's rendered element tree into flat text spans.
fn flatten(children: &ElemChildren) -> Vec<Span> {
    let mut out = Vec::new();
    for child in &children.0 {
        match child {
            ElemChild::Text(t) => out.push(Span {
                text: t.text.clone(),
                italic: t.formatting.font_style == FontStyle::Italic,
            }),
            ElemChild::Elem(e) => out.extend(flatten(&e.children)),
            ElemChild::Markup(m) => out.push(Span {
                text: m.clone(),
                italic: false,
            }),
            ElemChild::Link { text, .. } => out.push(Span {
                text: text.text.clone(),
                italic: text.formatting.font_style == FontStyle::Italic,
            }),
            ElemChild::Transparent { .. } => {}
        }
    }
    out
}

/// Join neighbouring spans of the same style, so markup stays small.
fn merge_spans(spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans.into_iter().filter(|s| !s.text.is_empty()) {
        match out.last_mut() {
            Some(last) if last.italic == span.italic => last.text.push_str(&span.text),
            _ => out.push(span),
        }
    }
    out
}

/// Convert a quire work into a hayagriva entry keyed by the work id.
pub fn to_entry(work: &Work) -> Entry {
    let mut entry = Entry::new(&work.id, entry_type(work.kind));
    entry.set_title(FormatString::with_value(work.title.trim()));
    if !work.authors.is_empty() {
        entry.set_authors(work.authors.iter().map(to_person).collect());
    }
    if let Some(date) = work_date(work) {
        entry.set_date(date);
    }
    if let Some(pages) = &work.pages {
        let pages = pages.replace("--", "-");
        entry.set_page_range(
            MaybeTyped::<PageRanges>::from_str(&pages).unwrap_or_else(|e| match e {}),
        );
    }
    if let Some(doi) = work.doi.as_deref().and_then(quire_model::normalize::doi) {
        entry.set_doi(doi);
    } else if let Some(url) = work
        .url
        .as_deref()
        .and_then(|u| QualifiedUrl::from_str(u).ok())
    {
        entry.set_url(url);
    }
    attach_container(work, &mut entry);
    entry
}

fn entry_type(kind: WorkKind) -> EntryType {
    match kind {
        WorkKind::Article | WorkKind::News => EntryType::Article,
        WorkKind::Report | WorkKind::Statement => EntryType::Report,
        WorkKind::Book => EntryType::Book,
        WorkKind::Chapter => EntryType::Chapter,
        WorkKind::Legislation => EntryType::Legislation,
        WorkKind::Web => EntryType::Web,
        WorkKind::Encyclopedia => EntryType::Entry,
        WorkKind::Thesis => EntryType::Thesis,
        WorkKind::Other => EntryType::Misc,
    }
}

/// Journals, newspapers, edited books and websites are hayagriva parents;
/// volume and issue belong to the parent, the publisher to whichever entry
/// APA prints it for.
fn attach_container(work: &Work, entry: &mut Entry) {
    let publisher = work
        .publisher
        .as_deref()
        .map(|p| Publisher::new(Some(FormatString::with_value(p)), None));
    let parent_type = match work.kind {
        WorkKind::Article => Some(EntryType::Periodical),
        // APA dates a newspaper article to the day; with only a year the
        // style leaves a dangling comma ("2024,"), so cite it like a
        // periodical article instead.
        WorkKind::News if has_month(work) => Some(EntryType::Newspaper),
        WorkKind::News => Some(EntryType::Periodical),
        WorkKind::Chapter => Some(EntryType::Book),
        WorkKind::Web => Some(EntryType::Web),
        WorkKind::Encyclopedia => Some(EntryType::Reference),
        _ => None,
    };
    let container = work.container.as_deref().filter(|c| !c.trim().is_empty());
    match (parent_type, container) {
        (Some(kind), Some(title)) => {
            let mut parent = Entry::new(&work.id, kind);
            parent.set_title(FormatString::with_value(title));
            set_numbers(work, &mut parent);
            if let Some(p) = publisher {
                parent.set_publisher(p);
            }
            entry.set_parents(vec![parent]);
        }
        _ => {
            set_numbers(work, entry);
            // Reports and statements without a publisher: APA prints the
            // series or issuing body, which ingest keeps as the container.
            let issuer = publisher.or_else(|| {
                container.map(|c| Publisher::new(Some(FormatString::with_value(c)), None))
            });
            if let Some(p) = issuer {
                entry.set_publisher(p);
            }
        }
    }
}

fn set_numbers(work: &Work, entry: &mut Entry) {
    if let Some(v) = &work.volume {
        entry.set_volume(numeric(v));
    }
    if let Some(i) = &work.issue {
        entry.set_issue(numeric(i));
    }
}

fn numeric(text: &str) -> MaybeTyped<Numeric> {
    MaybeTyped::<Numeric>::from_str(text.trim()).unwrap_or_else(|e| match e {})
}

fn to_person(p: &Person) -> HPerson {
    HPerson {
        name: p.family.trim().to_string(),
        given_name: if p.literal {
            None
        } else {
            p.given.as_ref().map(|g| g.trim().to_string())
        },
        prefix: None,
        suffix: None,
        comma_suffix: false,
        alias: None,
    }
}

fn has_month(work: &Work) -> bool {
    work_date(work).is_some_and(|d| d.month.is_some())
}

/// The full date when it parses, else the year alone.
fn work_date(work: &Work) -> Option<Date> {
    work.date
        .as_deref()
        .and_then(|d| Date::from_str(d.trim()).ok())
        .or_else(|| work.year.map(Date::from_year))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Work {
        Work {
            id: "khan2021".into(),
            kind: WorkKind::Article,
            title: "Border management after the withdrawal".into(),
            authors: vec![
                Person::new("Khan", Some("Ayesha".into())),
                Person::new("Ali", Some("Bilal Ahmed".into())),
            ],
            year: Some(2021),
            container: Some("Journal of Peace Research".into()),
            volume: Some("58".into()),
            issue: Some("3".into()),
            pages: Some("112--130".into()),
            doi: Some("https://doi.org/10.1177/0022343321999999".into()),
            ..Default::default()
        }
    }

    #[test]
    fn journal_article_renders_in_apa7() {
        let refs = apa_references(&[article()]);
        assert_eq!(refs.len(), 1);
        assert_eq!(
            refs[0].plain(),
            "Khan, A., & Ali, B. A. (2021). Border management after the withdrawal. \
             Journal of Peace Research, 58(3), 112–130. \
             https://doi.org/10.1177/0022343321999999"
        );
        // The journal title and volume are italic in APA.
        assert!(refs[0]
            .spans
            .iter()
            .any(|s| s.italic && s.text.contains("Journal of Peace Research")));
    }

    #[test]
    fn organisation_report_keeps_its_name_whole() {
        let work = Work {
            id: "mofa2023".into(),
            kind: WorkKind::Statement,
            title: "Statement on border security".into(),
            authors: vec![Person::organisation(
                "Ministry of Foreign Affairs of Pakistan",
            )],
            year: Some(2023),
            ..Default::default()
        };
        let refs = apa_references(&[work]);
        assert_eq!(
            refs[0].plain(),
            "Ministry of Foreign Affairs of Pakistan. (2023). Statement on border security."
        );
    }

    /// Four authors with two same-year works each: every pair gets its
    /// letters (hayagriva alone suffixed only the first three groups).
    #[test]
    fn every_same_author_year_group_gets_suffixes() {
        let mut works = Vec::new();
        for author in ["Ahmed", "Baig", "Chaudhry", "Durrani"] {
            for title in ["First report", "Second report"] {
                works.push(Work {
                    id: format!("{author}-{title}"),
                    kind: WorkKind::Report,
                    title: title.into(),
                    authors: vec![Person::organisation(author)],
                    year: Some(2022),
                    ..Default::default()
                });
            }
        }
        let refs = apa_references(&works);
        assert_eq!(refs.len(), 8);
        for r in &refs {
            let text = r.plain();
            assert!(
                text.contains("(2022a)") || text.contains("(2022b)"),
                "no year suffix in {text}"
            );
        }
    }

    /// Two undated works of one author: "(n.d.-a)" and "(n.d.-b)" in the
    /// list, as in the text.
    #[test]
    fn undated_works_of_one_author_are_lettered() {
        let works: Vec<Work> = ["Sandwich estimators", "Clustered covariances"]
            .iter()
            .map(|t| Work {
                id: t.to_string(),
                kind: WorkKind::Report,
                title: t.to_string(),
                authors: vec![Person::new("Zeileis", Some("Achim".into()))],
                ..Default::default()
            })
            .collect();
        let refs = apa_references(&works);
        let texts: Vec<String> = refs.iter().map(Reference::plain).collect();
        assert!(
            texts[0].starts_with("Zeileis, A. (n.d.-a). Clustered"),
            "{texts:?}"
        );
        assert!(
            texts[1].starts_with("Zeileis, A. (n.d.-b). Sandwich"),
            "{texts:?}"
        );
    }
}
