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
use rayon::prelude::*;
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
/// The whole list is rendered once for its order; each reference's text
/// is rendered on its own. Rendered together, hayagriva's disambiguation
/// garbles entries: two authors of one family name with different given
/// names lose their initials ("Rubin." for "Rubin, B." and "Rubin, B. R."),
/// and same-author-same-year letters go to at most three groups, in an
/// order of its own. The letters are then set from the in-text citations
/// (`apply_citation_years`).
pub fn apa_references(works: &[Work]) -> Vec<Reference> {
    let Some(style) = apa_style() else {
        return Vec::new();
    };
    let locales = locales();
    // hayagriva sorts the list by comparing rendered sort keys: given the
    // works nearly in APA order already, its merge sort finds long runs
    // and compares far fewer pairs (the order itself is hayagriva's).
    let mut presorted: Vec<&Work> = works.iter().collect();
    presorted.sort_by_cached_key(|w| apa_order_key(w));
    let order = render(&presorted, &style, &locales);
    let by_id: std::collections::HashMap<&str, &Work> =
        works.iter().map(|w| (w.id.as_str(), w)).collect();
    // Each reference on its own: independent, so rendered on every core.
    let mut references: Vec<Reference> = order
        .par_iter()
        .filter_map(|listed| {
            let work = *by_id.get(listed.work_id.as_str())?;
            render(&[work], &style, &locales).into_iter().next()
        })
        .collect();
    apply_citation_years(works, &mut references);
    references
}

/// Roughly APA's order: first author (or title when there is none),
/// year, title, all folded to lower case.
fn apa_order_key(work: &Work) -> (String, i32, String) {
    let title = quire_model::normalize::title_key(&work.title);
    let author = work
        .first_author_family()
        .map(quire_model::normalize::title_key)
        .unwrap_or_else(|| title.clone());
    (author, work.year.unwrap_or(i32::MAX), title)
}

/// The in-text citations' year labels (`cite_all`: "2021a", "n.d.-b") are
/// the list's, so that text and list agree by construction. hayagriva
/// letters same-author-same-year works in an order of its own (by title
/// for some types, by date for others), not at all when the authors' given
/// names differ ("Barnett" and "Barnett R." Rubin), and never undated
/// works; so each reference's date label is set to the citation's, and
/// each lettered group is put in letter order.
fn apply_citation_years(works: &[Work], references: &mut [Reference]) {
    let refs: Vec<&Work> = works.iter().collect();
    let cites = quire_synthesis::cite_apa::cite_all(&refs);
    let position: std::collections::HashMap<String, usize> = references
        .iter()
        .enumerate()
        .map(|(i, r)| (r.work_id.clone(), i))
        .collect();
    let mut groups: std::collections::BTreeMap<(&str, String), Vec<(&str, &str)>> =
        Default::default();
    for (work, cite) in works.iter().zip(&cites) {
        let bare = work
            .year
            .map(|y| y.to_string())
            .unwrap_or_else(|| "n.d.".into());
        if cite.year == bare {
            continue;
        }
        if let Some(&at) = position.get(&work.id) {
            relabel_year(&mut references[at], &bare, &cite.year);
        }
        groups
            .entry((cite.authors.as_str(), bare))
            .or_default()
            .push((work.id.as_str(), cite.year.as_str()));
    }
    for mut members in groups.into_values() {
        // "2021b" before "2021aa": shorter labels first.
        members.sort_by_key(|&(_, label)| (label.len(), label));
        let mut slots: Vec<usize> = members
            .iter()
            .filter_map(|&(id, _)| position.get(id).copied())
            .collect();
        slots.sort_unstable();
        let in_order: Vec<Reference> = members
            .iter()
            .filter_map(|&(id, _)| position.get(id).map(|&at| references[at].clone()))
            .collect();
        for (slot, reference) in slots.into_iter().zip(in_order) {
            references[slot] = reference;
        }
    }
}

/// Replace the date label "(2021" / "(2021b" / "(n.d." of a rendered
/// reference with "(label". The date is the parenthesis that follows the
/// author part ("Rubin, B. (2020)."), so an occurrence right after a full
/// stop is preferred to one inside a title ("Resolution 2593 (2021)");
/// else the last one.
fn relabel_year(reference: &mut Reference, bare: &str, label: &str) {
    let opening = format!("({bare}");
    // (span, byte offset, length of the old label with its letters)
    let mut found: Vec<(usize, usize, usize, bool)> = Vec::new();
    for (k, span) in reference.spans.iter().enumerate() {
        for (at, _) in span.text.match_indices(&opening) {
            let rest = &span.text[at + opening.len()..];
            let letters = rest
                .char_indices()
                .find(|&(_, c)| !(c.is_ascii_lowercase() || c == '-'))
                .map_or(rest.len(), |(i, _)| i);
            if !rest[letters..].starts_with([')', ',']) {
                continue; // "(20213" or a title's "(2021 edition"
            }
            let before = if at > 0 {
                span.text[..at].to_string()
            } else {
                k.checked_sub(1)
                    .map(|j| reference.spans[j].text.clone())
                    .unwrap_or_default()
            };
            let after_stop = before.trim_end().is_empty() || before.trim_end().ends_with('.');
            found.push((k, at, opening.len() + letters, after_stop));
        }
    }
    let chosen = found.iter().find(|f| f.3).or_else(|| found.last()).copied();
    if let Some((k, at, len, _)) = chosen {
        reference.spans[k]
            .text
            .replace_range(at..at + len, &format!("({label}"));
    }
}

/// One pass of hayagriva's bibliography driver over `works`.
fn render(
    works: &[&Work],
    style: &hayagriva::citationberg::IndependentStyle,
    locales: &[hayagriva::citationberg::Locale],
) -> Vec<Reference> {
    let entries: Vec<Entry> = works.iter().map(|w| to_entry(w)).collect();
    let mut driver = BibliographyDriver::new();
    for entry in &entries {
        driver.citation(CitationRequest::from_items(
            vec![CitationItem::with_entry(entry)],
            style,
            locales,
        ));
    }
    let rendered = driver.finish(BibliographyRequest {
        style,
        locale: None,
        locale_files: locales,
    });
    rendered
        .bibliography
        .map(|bib| {
            bib.items
                .into_iter()
                .map(|item| Reference {
                    work_id: item.key,
                    spans: without_empty_date_parts(merge_spans(flatten(&item.content))),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The style prints a web page's or other document's date as "(year,
/// month day)"; with the year alone it leaves "(2021,)". No reference has
/// a comma before a closing parenthesis, so it is dropped.
fn without_empty_date_parts(mut spans: Vec<Span>) -> Vec<Span> {
    for span in &mut spans {
        if span.text.contains(",)") {
            span.text = span.text.replace(",)", ")");
        }
    }
    spans
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
    let mut entry = Entry::new(&work.id, entry_type(work));
    entry.set_title(FormatString::with_value(work.title.trim()));
    // An edited book is listed by its editors: "Khan, A. (Ed.). (2021)."
    let edited =
        work.kind == WorkKind::Book && !work.editors.is_empty() && work.authors == work.editors;
    if edited {
        entry.set_editors(work.editors.iter().map(to_person).collect());
    } else if !work.authors.is_empty() {
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
    if work.kind == WorkKind::Thesis {
        entry.set_genre(FormatString::with_value(thesis_genre(work)));
    }
    if let Some(edition) = work
        .edition
        .as_deref()
        .and_then(quire_model::normalize::edition)
    {
        entry.set_edition(numeric(&edition));
    }
    attach_container(work, &mut entry);
    entry
}

/// The CSL type a work is rendered as. Legislation with an author (a UN
/// resolution, a ministry's ordinance) is cited as its author's document,
/// "United Nations Security Council. (2021). Resolution 2593 …", as APA
/// cites UN resolutions; the legislation type would drop the author the
/// in-text citation names.
fn entry_type(work: &Work) -> EntryType {
    match work.kind {
        WorkKind::Legislation if !work.authors.is_empty() => EntryType::Report,
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
    // APA omits a publisher that is the author itself ("International
    // Crisis Group. (2023). … International Crisis Group." says it twice).
    let publisher = work
        .publisher
        .as_deref()
        .filter(|p| !is_the_author(work, p))
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
            if !work.editors.is_empty() {
                parent.set_editors(work.editors.iter().map(to_person).collect());
            }
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

/// What APA puts in a thesis's brackets before the university: the genre
/// the record gave, else what its type says ("phdthesis", "mastersthesis").
fn thesis_genre(work: &Work) -> String {
    if let Some(genre) = work.citation_genre() {
        return genre;
    }
    let code = work.genre.as_deref().unwrap_or("").to_ascii_lowercase();
    if code.contains("master") {
        "Master's thesis".into()
    } else if code.contains("phd") || code.contains("doctor") {
        "Doctoral dissertation".into()
    } else {
        "Thesis".into()
    }
}

/// Whether `publisher` names the work's only author (an organisation).
fn is_the_author(work: &Work, publisher: &str) -> bool {
    let key = |s: &str| quire_model::normalize::title_key(s.trim_start_matches("The "));
    match work.authors.as_slice() {
        [only] if only.given.is_none() || only.literal => key(&only.family) == key(publisher),
        _ => false,
    }
}

fn set_numbers(work: &Work, entry: &mut Entry) {
    // A report's number is its own, after its genre: APA's "(Special
    // Report No. 494)", "(Asia Report No. 320)", not a volume.
    if entry.entry_type() == &EntryType::Report {
        // The genre only with a number: alone, APA would bracket it
        // ("[Government report]"), and a review's source-type label
        // ("official_statement") is no description of a letter or a
        // proclamation.
        if let Some(number) = work.volume.as_deref().or(work.issue.as_deref()) {
            entry.set_keyed_serial_number("serial", number.trim().to_string());
            if let Some(genre) = work.citation_genre() {
                entry.set_genre(FormatString::with_value(genre));
            }
        }
        return;
    }
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

    #[test]
    fn a_chapter_names_its_books_editors() {
        let work = Work {
            id: "rashid".into(),
            kind: WorkKind::Chapter,
            title: "The Taliban return".into(),
            authors: vec![Person::new("Rashid", Some("Ahmed".into()))],
            editors: vec![
                Person::new("Khan", Some("Ayesha".into())),
                Person::new("Ali", Some("Bilal".into())),
            ],
            year: Some(2021),
            container: Some("Afghanistan after the Americans".into()),
            pages: Some("15-38".into()),
            publisher: Some("Hurst".into()),
            ..Default::default()
        };
        assert_eq!(
            apa_references(&[work])[0].plain(),
            "Rashid, A. (2021). The Taliban return. In A. Khan & B. Ali (Eds.), \
             Afghanistan after the Americans (pp. 15–38). Hurst."
        );
    }

    #[test]
    fn a_thesis_says_what_it_is() {
        // As the CSL APA style has it: the genre in brackets, the university after.
        let work = Work {
            id: "waziri".into(),
            kind: WorkKind::Thesis,
            title: "Tribal elders and the state in Khyber Pakhtunkhwa".into(),
            authors: vec![Person::new("Waziri", Some("Farah".into()))],
            year: Some(2019),
            publisher: Some("University of Peshawar".into()),
            genre: Some("phdthesis".into()),
            ..Default::default()
        };
        assert_eq!(
            apa_references(&[work])[0].plain(),
            "Waziri, F. (2019). Tribal elders and the state in Khyber Pakhtunkhwa \
             [Doctoral dissertation]. University of Peshawar."
        );
    }

    #[test]
    fn a_later_edition_is_named() {
        let book = |edition: &str| Work {
            id: "siddiqa".into(),
            kind: WorkKind::Book,
            title: "Military Inc.".into(),
            authors: vec![Person::new("Siddiqa", Some("Ayesha".into()))],
            year: Some(2017),
            edition: Some(edition.into()),
            publisher: Some("Pluto Press".into()),
            ..Default::default()
        };
        for (edition, shown) in [
            ("2", "Military Inc. (2nd ed.). Pluto Press."),
            ("2nd ed.", "Military Inc. (2nd ed.). Pluto Press."),
            ("Second", "Military Inc. (2nd ed.). Pluto Press."),
            ("1st", "Military Inc. Pluto Press."),
        ] {
            let text = apa_references(&[book(edition)])[0].plain();
            assert!(text.ends_with(shown), "{edition}: {text}");
        }
    }

    #[test]
    fn an_edited_book_is_listed_by_its_editors() {
        let khan = Person::new("Khan", Some("Ayesha".into()));
        let work = Work {
            id: "khan".into(),
            kind: WorkKind::Book,
            title: "Afghanistan after the Americans".into(),
            authors: vec![khan.clone()],
            editors: vec![khan],
            year: Some(2021),
            publisher: Some("Hurst".into()),
            ..Default::default()
        };
        assert_eq!(
            apa_references(&[work])[0].plain(),
            "Khan, A. (Ed.). (2021). Afghanistan after the Americans. Hurst."
        );
    }

    #[test]
    fn a_publisher_that_is_the_author_is_not_repeated() {
        let page = |publisher: &str| Work {
            id: "icg".into(),
            kind: WorkKind::Report,
            title: "Pakistan's border fence".into(),
            authors: vec![Person::organisation("International Crisis Group")],
            year: Some(2023),
            publisher: Some(publisher.into()),
            ..Default::default()
        };
        let refs = apa_references(&[page("International Crisis Group")]);
        assert_eq!(
            refs[0].plain(),
            "International Crisis Group. (2023). Pakistan's border fence."
        );
        let refs = apa_references(&[page("Brookings Institution")]);
        assert!(
            refs[0].plain().ends_with("Brookings Institution."),
            "{}",
            refs[0].plain()
        );
    }

    #[test]
    fn a_report_number_follows_its_genre() {
        let work = Work {
            id: "jadoon".into(),
            kind: WorkKind::Report,
            title: "The TTP after the Taliban takeover".into(),
            authors: vec![Person::new("Jadoon", Some("Amira".into()))],
            year: Some(2022),
            volume: Some("494".into()),
            genre: Some("Special Report".into()),
            publisher: Some("United States Institute of Peace".into()),
            ..Default::default()
        };
        let refs = apa_references(std::slice::from_ref(&work));
        assert_eq!(
            refs[0].plain(),
            "Jadoon, A. (2022). The TTP after the Taliban takeover (Special Report No. 494). \
             United States Institute of Peace."
        );
        // The same number is CSL's and BibTeX's `number`.
        let csl = crate::references::csl_json::item(&work);
        assert_eq!(
            (csl["number"].as_str(), csl.get("volume")),
            (Some("494"), None)
        );
        let bib = crate::references::bibtex::to_bibtex(std::slice::from_ref(&work));
        assert!(
            bib.contains("number = {494}") && bib.contains("type = {Special Report}"),
            "{bib}"
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

    /// The list's letters are the in-text citations' (dated first, then by
    /// title), also where hayagriva would letter otherwise or not at all,
    /// and the list shows a group in letter order.
    #[test]
    fn list_letters_are_the_in_text_letters() {
        let report = |id: &str, title: &str, date: &str, kind: WorkKind| Work {
            id: id.into(),
            kind,
            title: title.into(),
            authors: vec![Person::organisation("International Crisis Group")],
            year: Some(2021),
            date: Some(date.into()),
            ..Default::default()
        };
        let chapter = |id: &str, given: &str, title: &str| Work {
            id: id.into(),
            kind: WorkKind::Chapter,
            title: title.into(),
            authors: vec![Person::new("Rubin", Some(given.into()))],
            year: Some(2020),
            container: Some("The Oxford Handbook of Afghanistan".into()),
            ..Default::default()
        };
        let works = vec![
            report(
                "icg-nov",
                "Pakistan's hard policy choices",
                "2021-11",
                WorkKind::Web,
            ),
            report(
                "icg-aug",
                "Regional security after the withdrawal",
                "2021-08-31",
                WorkKind::Report,
            ),
            chapter("rubin-b", "Barnett R.", "Regional actors"),
            chapter("rubin-a", "Barnett", "A record of the war"),
        ];
        let refs = apa_references(&works);
        let borrowed: Vec<&Work> = works.iter().collect();
        let cites = quire_synthesis::cite_apa::cite_all(&borrowed);
        for (work, cite) in works.iter().zip(&cites) {
            let text = refs.iter().find(|r| r.work_id == work.id).unwrap().plain();
            assert!(
                text.contains(&format!("({}", cite.year)),
                "{} cited as {} but listed as {text}",
                work.id,
                cite.year
            );
        }
        let order: Vec<&str> = refs.iter().map(|r| r.work_id.as_str()).collect();
        let pos = |id: &str| order.iter().position(|&o| o == id).unwrap();
        assert!(pos("icg-aug") < pos("icg-nov"), "{order:?}");
        assert!(pos("rubin-a") < pos("rubin-b"), "{order:?}");
        // Two given names of one family keep their initials.
        let text = |id: &str| refs[pos(id)].plain();
        assert!(
            text("rubin-a").starts_with("Rubin, B. (2020a)."),
            "{}",
            text("rubin-a")
        );
        assert!(
            text("rubin-b").starts_with("Rubin, B. R. (2020b)."),
            "{}",
            text("rubin-b")
        );
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

#[cfg(test)]
mod kinds {
    use super::*;

    fn resolution(kind: WorkKind, authors: Vec<Person>) -> Work {
        Work {
            id: "res".into(),
            kind,
            title: "Resolution 2593 (2021)".into(),
            authors,
            year: Some(2021),
            ..Default::default()
        }
    }

    #[test]
    fn a_resolution_is_listed_under_its_author() {
        let unsc = vec![Person::organisation("United Nations Security Council")];
        let refs = apa_references(&[resolution(WorkKind::Legislation, unsc)]);
        assert_eq!(
            refs[0].plain(),
            "United Nations Security Council. (2021). Resolution 2593 (2021)."
        );
    }

    #[test]
    fn a_year_alone_leaves_no_comma_in_the_date() {
        for kind in [WorkKind::Other, WorkKind::Web] {
            let refs = apa_references(&[resolution(kind, vec![])]);
            let text = refs[0].plain();
            assert!(text.contains("(2021)") && !text.contains(",)"), "{text}");
        }
    }
}
