//! Checking a manuscript's in-text citations against its reference list.
//!
//! Every citation is matched to a reference ([`matching`]); what does not
//! fit becomes a [`Problem`]: `no_reference`, `name_mismatch` (with the
//! spelling the list has), `year_mismatch`, `ambiguous` (needs 2023a/b),
//! `uncited_reference`, `duplicate_reference` (same work listed twice, even
//! with the authors in another order or another venue), and APA `style`
//! points (et al. for three or more authors, "&" inside parentheses and
//! "and" in running text, no initials). Bracketed numbers count as
//! citations only when the list is numbered (or nothing is author–date):
//! in an author–date paper `[1]` is program output or an equation.

pub mod intext;
pub mod matching;
mod notes;
pub mod pandoc;
pub mod report;

use quire_model::normalize::{fold, title_key};
use serde::Serialize;

use crate::fields::Reference;
use crate::section::find_section;
use intext::{find_citations, Citation};
use matching::{name_fit_keyed, year_fits, NameFit};

/// The kinds of problem, named as in the JSON output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    NoReference,
    NameMismatch,
    YearMismatch,
    Ambiguous,
    UncitedReference,
    DuplicateReference,
    Style,
}

impl ProblemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::NoReference => "no_reference",
            ProblemKind::NameMismatch => "name_mismatch",
            ProblemKind::YearMismatch => "year_mismatch",
            ProblemKind::Ambiguous => "ambiguous",
            ProblemKind::UncitedReference => "uncited_reference",
            ProblemKind::DuplicateReference => "duplicate_reference",
            ProblemKind::Style => "style",
        }
    }
}

/// One problem found, with where it is and what would fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub kind: ProblemKind,
    /// The citation as written, or None for problems of the reference list.
    pub citation: Option<String>,
    pub line: usize,
    /// 1-based position in the reference list, or None.
    pub reference: Option<usize>,
    pub suggestion: Option<String>,
    pub message: String,
}

/// The citation style whose rules the `style` checks apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CitationStyle {
    #[default]
    Apa,
    /// Match and report, but apply no style rules.
    None,
}

/// The outcome of checking one manuscript.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    pub citations: Vec<Citation>,
    /// For each citation, the 1-based reference it was matched to.
    pub matches: Vec<Option<usize>>,
    pub references: Vec<Reference>,
    pub problems: Vec<Problem>,
    /// The bibliography files checked against, when the manuscript cites
    /// by key (pandoc's `[@key]`); empty for a reference list in the text.
    pub bibliography: Vec<String>,
    /// 1-based references that notes cite by author and title (the notes
    /// and bibliography style), whether or not a citation also does.
    pub cited_in_notes: Vec<usize>,
    /// Why APA style points were not checked, when they were asked for.
    pub style_note: Option<String>,
}

/// Read a manuscript, parse its reference list and check its citations.
pub fn check_file(
    path: &std::path::Path,
    parser: &crate::parse::ReferenceParser,
    style: CitationStyle,
) -> crate::Result<CheckReport> {
    check_file_with(path, parser, style, &[])
}

/// [`check_file`], for a manuscript that may cite by key (pandoc's
/// `[@key]`): when it has a bracketed key citation, or names or is given
/// bibliography files
/// (`bibliography:` in its front matter, `bibliographies` here), its key
/// citations are checked against those files ([`pandoc`]); otherwise its
/// author–date or numeric citations against its own reference list.
pub fn check_file_with(
    path: &std::path::Path,
    parser: &crate::parse::ReferenceParser,
    style: CitationStyle,
    bibliographies: &[std::path::PathBuf],
) -> crate::Result<CheckReport> {
    let m = crate::manuscript::read_manuscript(path)?;
    let mut files = bibliographies.to_vec();
    if m.format == "md" || m.format == "txt" {
        files.extend(pandoc::front_matter_bibliographies(&m.text, path));
        let keys = pandoc::find_key_citations(&m.text);
        // A bracketed `[@key]` is pandoc's and nothing else's; a lone
        // `@name` may be a handle in a paper with a reference list.
        if keys.iter().any(|k| !k.narrative) || !files.is_empty() {
            let bib = pandoc::Bibliography::read(&files)?;
            return Ok(pandoc::check_keys(&keys, &bib));
        }
    }
    let references = parser.parse_text(&m.text)?;
    Ok(check(&m.text, references, style))
}

/// Check a manuscript's text, given its parsed reference list.
pub fn check(text: &str, references: Vec<Reference>, style: CitationStyle) -> CheckReport {
    let lines: Vec<&str> = text.lines().collect();
    let section = find_section(&lines);
    // Without a References (Bibliography, Works Cited …) heading the parser
    // reads the whole text as a list; for a manuscript that is prose, not
    // references, so there is no list to check against.
    let references = if section.heading_line.is_some() {
        references
    } else {
        Vec::new()
    };
    let body_end = section.heading_line.map_or(lines.len(), |h| h - 1);
    let body = lines[..body_end].join("\n");
    let mut found = find_citations(&body, 1);
    // Appendices after the list are text too: a work cited only in an
    // appendix table is cited.
    if section.heading_line.is_some() && section.end_line < lines.len() {
        let appendix = lines[section.end_line..].join("\n");
        found.extend(find_citations(&appendix, section.end_line + 1));
    }
    let citations = numeric_only_if_numbered(found, &references);
    let citations = rejoin_organisations(citations, &references);
    let mut report = CheckReport {
        references,
        ..CheckReport::default()
    };
    let style = match style {
        CitationStyle::Apa if !writes_apa_commas(&citations) => {
            report.style_note = Some(
                "APA style points not checked: the citations put no comma between names and \
                 year (Chicago or Harvard author–date)"
                    .into(),
            );
            CitationStyle::None
        }
        style => style,
    };
    let mut cited = vec![false; report.references.len()];
    let keys: Vec<matching::ReferenceKey> = report
        .references
        .iter()
        .map(matching::ReferenceKey::new)
        .collect();
    for c in &citations {
        let (matched, mut problems) = match_citation(c, &report.references, &keys, style);
        if let Some(i) = matched {
            cited[i - 1] = true;
        }
        for i in c
            .numbers
            .iter()
            .filter_map(|&n| numeric_target(n, &report.references))
        {
            cited[i - 1] = true;
        }
        for p in &problems {
            if let Some(i) = p.reference {
                cited[i - 1] = true;
            }
        }
        report.matches.push(matched);
        report.problems.append(&mut problems);
    }
    report.citations = citations;
    // Notes cite by author and title (notes and bibliography style).
    // The list's own numbered entries are no notes; a Markdown note or a
    // PDF's page note ("1Ahmed Rashid, …", its number glued on) under the
    // list is.
    let in_list = |line: usize| {
        section.heading_line.is_some()
            && (section.first_line..section.end_line).contains(&(line - 1))
    };
    let note_lines: Vec<(usize, &str)> = notes::note_lines(&lines)
        .into_iter()
        .filter(|&(line, _)| !in_list(line) || notes::is_marked_note(lines[line - 1]))
        .collect();
    let in_notes = notes::cited_in_notes(&report.references, &note_lines);
    for (i, cited_here) in in_notes.into_iter().enumerate() {
        if cited_here {
            cited[i] = true;
            report.cited_in_notes.push(i + 1);
        }
    }
    // A copy of a cited work is reported as a duplicate, not as uncited.
    let groups = AuthorGroups::new(&report.references);
    for i in 0..cited.len() {
        if !cited[i]
            && groups.peers(i).iter().any(|&j| {
                j != i && cited[j] && same_work(&report.references[i], &report.references[j])
            })
        {
            cited[i] = true;
        }
    }
    report.problems.extend(uncited(&report.references, &cited));
    report
        .problems
        .extend(duplicates(&report.references, &groups));
    report
}

/// "(Government of Antigua and Barbuda, 2015)" cites one organisation,
/// not "Government of Antigua" and "Barbuda": where the last two names,
/// joined again by the word between them, are an organisation that
/// authors a work of the list, they are one name, and the "and" is no
/// APA style point.
fn rejoin_organisations(mut citations: Vec<Citation>, refs: &[Reference]) -> Vec<Citation> {
    let organisations = matching::organisation_names(refs);
    for c in &mut citations {
        let n = c.authors.len();
        let Some(word) = c.connector.clone().filter(|_| n >= 2) else {
            continue;
        };
        let joined = format!("{} {word} {}", c.authors[n - 2], c.authors[n - 1]);
        if organisations.contains(&matching::org_key(&joined)) {
            c.authors.truncate(n - 2);
            c.authors.push(joined);
            c.connector = None;
        }
    }
    citations
}

fn short(c: &Citation) -> String {
    c.text.clone()
}

/// Match one citation; the matched reference and any problems.
fn match_citation(
    c: &Citation,
    refs: &[Reference],
    keys: &[matching::ReferenceKey],
    style: CitationStyle,
) -> (Option<usize>, Vec<Problem>) {
    if !c.numbers.is_empty() {
        return match_numeric(c, refs);
    }
    let problem =
        |kind, reference: Option<usize>, suggestion: Option<String>, message: String| Problem {
            kind,
            citation: Some(short(c)),
            line: c.line,
            reference,
            suggestion,
            message,
        };
    let cited = matching::CitedKey::new(c);
    // Names are compared only with the references of the cited year first:
    // the whole list is read only when that finds no single match.
    let mut exact: Vec<usize> = refs
        .iter()
        .enumerate()
        .filter(|(i, r)| year_fits(c, r) && name_fit_keyed(&cited, &keys[*i]) == NameFit::Exact)
        .map(|(i, _)| i + 1)
        .collect();
    // Copies of one work are a duplicate_reference, not an ambiguity.
    if exact.len() > 1
        && exact
            .iter()
            .all(|&i| same_work(&refs[i - 1], &refs[exact[0] - 1]))
    {
        exact.truncate(1);
    }
    // "(Bates 2015)" is Bates alone, not "Bates & Maechler (2015)": when
    // several fit, the ones with as many authors as the citation names win.
    if exact.len() > 1 {
        let same_count: Vec<usize> = exact
            .iter()
            .copied()
            .filter(|&i| author_count_fits(c, &refs[i - 1]))
            .collect();
        if same_count.len() == 1 {
            exact = same_count;
        }
    }
    let year = c.year.clone().unwrap_or_default();
    let who = c.authors.join(" & ");
    match exact.as_slice() {
        [one] => {
            let r = &refs[one - 1];
            let mut problems = style_problems(c, r, *one, style);
            // "Mahsud (2021a)" for the one Mahsud 2021 of the list: the
            // letter is a slip, or the list lost the letters it needs.
            if year_letter(&year).is_some() && r.year.is_some() && r.year_suffix.is_none() {
                let ry = ref_year(r);
                problems.push(problem(
                    ProblemKind::YearMismatch,
                    Some(*one),
                    Some(format!("{}, {ry}", spelled_names(c, r))),
                    format!("{who} is in the reference list as {ry}, without the letter of {year}"),
                ));
            }
            return (Some(*one), problems);
        }
        [first, ..] => {
            let list = exact
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            let msg = format!("{who} {year} fits references {list}; mark them {year}a, {year}b in the list and the text");
            return (
                None,
                vec![problem(
                    ProblemKind::Ambiguous,
                    Some(*first),
                    Some(format!("{}, {year}a", c.authors[0])),
                    msg,
                )],
            );
        }
        [] => {}
    }
    let fits: Vec<(usize, NameFit, bool)> = refs
        .iter()
        .zip(keys)
        .enumerate()
        .map(|(i, (r, k))| (i + 1, name_fit_keyed(&cited, k), year_fits(c, r)))
        .collect();
    if let Some(f) = fits.iter().find(|f| f.1 == NameFit::Exact) {
        let r = &refs[f.0 - 1];
        let ry = ref_year(r);
        // Every year the list has for these names ("2023a, 2023b"), the
        // first of them suggested.
        let mut years: Vec<String> = fits
            .iter()
            .filter(|g| g.1 == NameFit::Exact)
            .map(|g| ref_year(&refs[g.0 - 1]))
            .collect();
        years.dedup();
        let msg = format!(
            "{who} is in the reference list as {}, not {year}",
            years.join(", ")
        );
        let names = spelled_names(c, r);
        return (
            None,
            vec![problem(
                ProblemKind::YearMismatch,
                Some(f.0),
                Some(format!("{names}, {ry}")),
                msg,
            )],
        );
    }
    if let Some(f) = fits.iter().find(|f| f.1 == NameFit::Near && f.2) {
        let r = &refs[f.0 - 1];
        let spelled = spelled_names(c, r);
        let msg = format!(
            "no reference by {who}; reference {} has {spelled}, {year}",
            f.0
        );
        return (
            None,
            vec![problem(
                ProblemKind::NameMismatch,
                Some(f.0),
                Some(format!("{spelled}, {year}")),
                msg,
            )],
        );
    }
    let near_any = fits.iter().find(|f| f.1 == NameFit::Near);
    let suggestion = near_any.map(|f| {
        format!(
            "{}, {}",
            spelled_names(c, &refs[f.0 - 1]),
            ref_year(&refs[f.0 - 1])
        )
    });
    let msg = match &suggestion {
        Some(s) => format!("no reference for {who} {year}; closest is {s}"),
        None => format!("no reference for {who} {year}"),
    };
    (
        None,
        vec![problem(ProblemKind::NoReference, None, suggestion, msg)],
    )
}

pub(crate) fn ref_year(r: &Reference) -> String {
    match (r.year, &r.date_note) {
        (Some(y), _) => format!("{y}{}", r.year_suffix.as_deref().unwrap_or_default()),
        (None, Some(n)) => match &r.year_suffix {
            Some(s) => format!("{n}-{s}"),
            None => n.clone(),
        },
        _ => "no year".into(),
    }
}

/// The reference's spelling of the cited names: "Siddiqi", "Brennan & Cole".
fn spelled_names(c: &Citation, r: &Reference) -> String {
    let fams: Vec<&str> = r.authors.iter().map(|a| a.family.as_str()).collect();
    match (fams.len(), c.et_al) {
        (0, _) => c.authors.join(" & "),
        (1, _) => fams[0].to_string(),
        (_, true) => format!("{} et al.", fams[0]),
        (2, false) => format!("{} & {}", fams[0], fams[1]),
        _ => format!("{} et al.", fams[0]),
    }
}

/// The 1-based reference that number `n` points at: the entry numbered `n`
/// in a numbered list, else the `n`th entry.
fn numeric_target(n: usize, refs: &[Reference]) -> Option<usize> {
    if refs.iter().any(|r| r.number.is_some()) {
        let label = n.to_string();
        refs.iter()
            .position(|r| r.number.as_deref() == Some(label.as_str()))
            .map(|i| i + 1)
    } else {
        (1..=refs.len()).contains(&n).then_some(n)
    }
}

/// As many authors as the citation names; "et al." stands for three or more.
fn author_count_fits(c: &Citation, r: &Reference) -> bool {
    if c.et_al {
        r.et_al || r.authors.len() >= 3
    } else {
        r.authors.len() == c.authors.len()
    }
}

/// "[1]" in an author–date paper is R output, a list marker or an
/// equation, not a citation: numeric citations are kept when the reference
/// list is numbered, or when the text has no author–date citation at all.
fn numeric_only_if_numbered(citations: Vec<Citation>, refs: &[Reference]) -> Vec<Citation> {
    let numbered =
        !refs.is_empty() && refs.iter().filter(|r| r.number.is_some()).count() * 2 >= refs.len();
    let author_date = citations.iter().any(|c| c.numbers.is_empty());
    if numbered || !author_date {
        return citations;
    }
    citations
        .into_iter()
        .filter(|c| c.numbers.is_empty())
        .collect()
}

fn match_numeric(c: &Citation, refs: &[Reference]) -> (Option<usize>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut first = None;
    for &n in &c.numbers {
        match numeric_target(n, refs) {
            Some(i) => {
                first.get_or_insert(i);
            }
            None => problems.push(Problem {
                kind: ProblemKind::NoReference,
                citation: Some(c.text.clone()),
                line: c.line,
                reference: None,
                suggestion: None,
                message: format!(
                    "[{n}] has no entry in the reference list ({} entries)",
                    refs.len()
                ),
            }),
        }
    }
    (first, problems)
}

/// Whether the manuscript writes author–date citations the APA way, with
/// a comma before the year: not when at least three bracketed citations
/// name authors and more than two thirds of them have no comma.
fn writes_apa_commas(citations: &[Citation]) -> bool {
    let bracketed: Vec<&Citation> = citations
        .iter()
        .filter(|c| !c.narrative && !c.authors.is_empty() && c.year.is_some())
        .collect();
    let with_comma = bracketed.iter().filter(|c| c.comma_before_year).count();
    bracketed.len() < 3 || with_comma * 3 >= bracketed.len()
}

/// The letter of "2021a" or "n.d.-b", if the year has one.
fn year_letter(year: &str) -> Option<&str> {
    let letters = year
        .strip_prefix("n.d.-")
        .unwrap_or_else(|| year.trim_start_matches(|c: char| c.is_ascii_digit()));
    (!letters.is_empty() && letters.chars().all(|c| c.is_ascii_lowercase())).then_some(letters)
}

/// APA rules for an author–date citation matched to `r`.
fn style_problems(c: &Citation, r: &Reference, index: usize, style: CitationStyle) -> Vec<Problem> {
    if style == CitationStyle::None {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut add = |suggestion: String, message: String| {
        out.push(Problem {
            kind: ProblemKind::Style,
            citation: Some(c.text.clone()),
            line: c.line,
            reference: Some(index),
            suggestion: Some(suggestion),
            message,
        })
    };
    let n = r.authors.len();
    let year = c.year.clone().unwrap_or_default();
    let first = c.authors.first().cloned().unwrap_or_default();
    if (n >= 3 || r.et_al) && !c.et_al && c.authors.len() >= 2 {
        add(
            format!("{first} et al., {year}"),
            "APA: cite works by three or more authors as the first author and \"et al.\"".into(),
        );
    }
    if n == 2 && c.et_al {
        let both = spelled_names(
            &Citation {
                et_al: false,
                ..c.clone()
            },
            r,
        );
        add(
            format!("{both}, {year}"),
            "APA: name both authors of a two-author work; \"et al.\" is for three or more".into(),
        );
    }
    if n == 1 && !r.et_al && c.et_al {
        add(
            format!("{first}, {year}"),
            "APA: a work by one author is cited by that name alone; \"et al.\" is for three or more"
                .into(),
        );
    }
    match (c.connector.as_deref(), c.narrative) {
        (Some("and"), false) => add(
            c.text.replace(" and ", " & "),
            "APA: join authors with \"&\" inside parentheses".into(),
        ),
        (Some("&"), true) => add(
            c.text.replace(", & ", " and ").replace(" & ", " and "),
            "APA: join authors with \"and\" in running text".into(),
        ),
        _ => {}
    }
    if c.initials {
        add(
            format!("{}, {year}", c.authors.join(" & ")),
            "APA: no initials in in-text citations (unless two first authors share a surname)"
                .into(),
        );
    }
    out
}

fn uncited(refs: &[Reference], cited: &[bool]) -> Vec<Problem> {
    refs.iter()
        .zip(cited)
        .enumerate()
        .filter(|(_, (_, c))| !**c)
        .map(|(i, (r, _))| Problem {
            kind: ProblemKind::UncitedReference,
            citation: None,
            line: r.line,
            reference: Some(i + 1),
            suggestion: Some("cite it or remove it".into()),
            message: format!("reference {} is never cited: {}", i + 1, clip(&r.text, 80)),
        })
        .collect()
}

fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

fn work_key(r: &Reference) -> (String, Vec<String>) {
    let mut names: Vec<String> = r.authors.iter().map(|a| fold(&a.family)).collect();
    names.sort();
    (title_key(r.title.as_deref().unwrap_or("")), names)
}

fn same_work(a: &Reference, b: &Reference) -> bool {
    let (ta, aa) = work_key(a);
    let (tb, ab) = work_key(b);
    if ta.len() < 8 || tb.len() < 8 || aa != ab {
        return false;
    }
    // One title of an author in two years is a series (an annual report,
    // a yearly statement), not one work listed twice.
    if matches!((a.year, b.year), (Some(x), Some(y)) if x != y) {
        return false;
    }
    let wa = title_words(a.title.as_deref().unwrap_or(""));
    let wb = title_words(b.title.as_deref().unwrap_or(""));
    // Numbers tell editions, sessions and volumes apart ("74th session" is
    // not "75th session"), however close the rest of the title is.
    let numbers = |w: &[String]| -> Vec<String> {
        let mut n: Vec<String> = w
            .iter()
            .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
            .cloned()
            .collect();
        n.sort();
        n
    };
    if numbers(&wa) != numbers(&wb) || numbers_differ(a, b) {
        return false;
    }
    // Every word must have a near twin on the other side (typos and OCR
    // slips allowed), or one title must be the other plus a subtitle:
    // "History of Afghanistan" and "History of Pakistan" are close as
    // strings but name different things.
    let near_same = unmatched_words(&wa, &wb) == 0 && unmatched_words(&wb, &wa) == 0;
    let subtitle_dropped = starts_with_words(&wa, &wb) || starts_with_words(&wb, &wa);
    (near_same && strsim::normalized_levenshtein(&ta, &tb) >= 0.85) || subtitle_dropped
}

/// Whether the numbers of two entries (besides the year) say they are
/// different works: neither entry's numbers are all found in the other's.
/// "session 74" and "session 79", volumes 12 and 13, "Asia Report No. 326"
/// and "No. 327" — whatever field the parser put them in. One entry
/// giving more (an issue, a DOI) than the other proves nothing.
fn numbers_differ(a: &Reference, b: &Reference) -> bool {
    let numbers = |r: &Reference| -> std::collections::BTreeSet<String> {
        let year = r.year.map(|y| y.to_string());
        r.text
            .split(|c: char| !c.is_ascii_digit())
            .filter(|run| !run.is_empty())
            .map(|run| run.trim_start_matches('0').to_string())
            .filter(|run| Some(run) != year.as_ref())
            .collect()
    };
    let (na, nb) = (numbers(a), numbers(b));
    !na.is_subset(&nb) && !nb.is_subset(&na)
}

/// Whether `long` begins with all of `short` (four words at least, so a
/// bare place name is not taken for a shortened title).
fn starts_with_words(short: &[String], long: &[String]) -> bool {
    short.len() >= 4
        && short.len() < long.len()
        && short
            .iter()
            .zip(long)
            .all(|(s, l)| s == l || strsim::normalized_levenshtein(s, l) >= 0.8)
}

/// Content words of a title, folded (stop words and single letters dropped).
fn title_words(title: &str) -> Vec<String> {
    const STOP: &[&str] = &[
        "a", "an", "and", "the", "of", "in", "on", "for", "to", "at", "by", "with",
    ];
    // "U.S." is "US" and "Pakistan's" one word, whatever the apostrophe.
    let title: String = fold(title)
        .chars()
        .filter(|c| !matches!(c, '.' | '\'' | '\u{2019}'))
        .collect();
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1 && !STOP.contains(w))
        .map(str::to_string)
        .collect()
}

/// How many of `words` have no near twin (Levenshtein similarity ≥ 0.8,
/// numbers exactly) among `other`.
fn unmatched_words(words: &[String], other: &[String]) -> usize {
    words
        .iter()
        .filter(|w| {
            !other.iter().any(|o| {
                o == *w
                    || !w.chars().any(|c| c.is_ascii_digit())
                        && strsim::normalized_levenshtein(w, o) >= 0.8
            })
        })
        .count()
}

/// Same work twice: near-identical titles and the same set of authors, in
/// any order, whatever the venue.
/// The references grouped by their set of authors: copies of one work
/// share it (`same_work`), so only a group's members are compared, not
/// every pair of a long list.
struct AuthorGroups {
    /// Group of each reference.
    of: Vec<usize>,
    /// Members of each group, in list order.
    members: Vec<Vec<usize>>,
}

impl AuthorGroups {
    fn new(refs: &[Reference]) -> AuthorGroups {
        let mut ids: std::collections::HashMap<Vec<String>, usize> =
            std::collections::HashMap::new();
        let mut groups = AuthorGroups {
            of: Vec::with_capacity(refs.len()),
            members: Vec::new(),
        };
        for (j, r) in refs.iter().enumerate() {
            let next = ids.len();
            let g = *ids.entry(work_key(r).1).or_insert(next);
            if g == groups.members.len() {
                groups.members.push(Vec::new());
            }
            groups.members[g].push(j);
            groups.of.push(g);
        }
        groups
    }

    /// The references with the same authors as reference `i` (itself too).
    fn peers(&self, i: usize) -> &[usize] {
        &self.members[self.of[i]]
    }
}

fn duplicates(refs: &[Reference], groups: &AuthorGroups) -> Vec<Problem> {
    let mut out = Vec::new();
    for j in 0..refs.len() {
        for &i in groups.peers(j).iter().take_while(|&&i| i < j) {
            if same_work(&refs[i], &refs[j]) {
                out.push(Problem {
                    kind: ProblemKind::DuplicateReference,
                    citation: None,
                    line: refs[j].line,
                    reference: Some(j + 1),
                    suggestion: Some(format!("remove it; it repeats reference {}", i + 1)),
                    message: format!(
                        "references {} and {} are the same work: {}",
                        i + 1,
                        j + 1,
                        clip(refs[i].title.as_deref().unwrap_or(""), 70)
                    ),
                });
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_model::Person;

    fn reference(author: &str, title: &str) -> Reference {
        Reference {
            authors: vec![Person::organisation(author)],
            title: Some(title.into()),
            year: Some(2021),
            ..Default::default()
        }
    }

    #[test]
    fn a_typo_or_a_dropped_subtitle_is_the_same_work() {
        let a = reference(
            "Crisis Group",
            "Pakistan's Hard Policy Choices in Afghanistan",
        );
        let typo = reference(
            "Crisis Group",
            "Pakistans Hard Policy Choises in Afghanistan",
        );
        let subtitle = reference(
            "Crisis Group",
            "Pakistan's Hard Policy Choices in Afghanistan: After the Withdrawal",
        );
        assert!(same_work(&a, &typo));
        assert!(same_work(&a, &subtitle));
    }

    #[test]
    fn close_titles_naming_different_things_are_different_works() {
        let pairs = [
            (
                "History of Afghanistan (Wikipedia lead summary)",
                "History of Pakistan (Wikipedia lead summary)",
            ),
            (
                "Afghanistan (Wikipedia lead summary)",
                "Pakistan (Wikipedia lead summary)",
            ),
            (
                "Statement by Pakistan in the General Debate of the 74th session",
                "Statement by Pakistan in the General Debate of the 75th session",
            ),
            (
                "Afghanistan (Wikipedia lead summary)",
                "History of Afghanistan (Wikipedia lead summary)",
            ),
        ];
        for (x, y) in pairs {
            assert!(
                !same_work(&reference("W", x), &reference("W", y)),
                "{x} / {y}"
            );
        }
    }

    #[test]
    fn an_organisation_is_not_matched_inside_a_longer_name() {
        let text = "Niger spoke (Government of Niger, 2018), as did Nigeria (Government of Nigeria, 2018).\n\nReferences\n\n";
        let mut niger = reference("Government of Niger", "Statement by Niger");
        niger.year = Some(2018);
        let mut nigeria = reference("Government of Nigeria", "Statement by Nigeria");
        nigeria.year = Some(2018);
        let report = check(text, vec![niger, nigeria], CitationStyle::Apa);
        assert_clean(&report, &[Some(1), Some(2)]);
    }

    #[test]
    fn one_title_in_two_years_is_a_series() {
        let mut a = reference(
            "Government of Niger",
            "Statement by Niger in the General Debate",
        );
        let mut b = a.clone();
        a.year = Some(2018);
        b.year = Some(2019);
        assert!(!same_work(&a, &b));
        b.year = None;
        assert!(same_work(&a, &b));
    }

    #[test]
    fn different_numbers_in_the_entries_are_different_works() {
        let entry = |text: &str| {
            let mut r = reference("BRA", "Statement by BRA in the General Debate");
            r.text = text.into();
            r
        };
        let s74 = entry("BRA. (2021). Statement by BRA in the General Debate, session 74.");
        let s79 = entry("BRA. (2021). Statement by BRA in the General Debate, session 79.");
        assert!(!same_work(&s74, &s79));
        // One entry giving more numbers (issue, pages, DOI) proves nothing.
        let bare = entry("BRA. (2021). Statement by BRA in the General Debate.");
        let fuller = entry("BRA. (2021). Statement by BRA in the General Debate, session 74, 1–3.");
        assert!(same_work(&s74, &bare));
        assert!(same_work(&s74, &fuller));
    }

    #[test]
    fn one_author_citation_prefers_the_one_author_reference() {
        let text = "Intro (Bates 2015) and (Bates and Maechler 2015).\n\nReferences\n\n";
        let mut a = reference("Crisis Group", "MixedModels: A Julia package");
        a.authors = vec![Person::new("Bates", Some("D".into()))];
        a.year = Some(2015);
        let mut b = reference("Crisis Group", "Matrix: sparse and dense matrix classes");
        b.authors = vec![
            Person::new("Bates", Some("D".into())),
            Person::new("Maechler", Some("M".into())),
        ];
        b.year = Some(2015);
        let report = check(text, vec![a, b], CitationStyle::None);
        assert_clean(&report, &[Some(1), Some(2)]);
    }

    #[test]
    fn bracketed_numbers_in_an_author_date_paper_are_not_citations() {
        let text = "Models (Bates 2015).\n\n> gl(3, 2)\n[1] 1 1 2 2 3 3\n\nReferences\n\n";
        let mut a = reference("Crisis Group", "MixedModels: A Julia package");
        a.authors = vec![Person::new("Bates", Some("D".into()))];
        a.year = Some(2015);
        let report = check(text, vec![a], CitationStyle::None);
        assert_eq!(report.citations.len(), 1, "{}", report.to_text());
        assert!(report.problems.is_empty(), "{}", report.to_text());
    }

    #[test]
    fn an_organisation_named_with_and_is_one_author() {
        let text = "Islands speak (Government of Antigua and Barbuda, 2021) as \
                    Government of Trinidad & Tobago (2021) did, and (Brennan and Cole, 2021).\n\n\
                    References\n\n";
        let antigua = reference("Government of Antigua and Barbuda", "Statement");
        let trinidad = reference("Government of Trinidad and Tobago", "Another statement");
        let mut two = reference("X", "A third work");
        two.authors = vec![
            Person::new("Brennan", Some("A".into())),
            Person::new("Cole", Some("B".into())),
        ];
        let report = check(text, vec![antigua, trinidad, two], CitationStyle::Apa);
        assert_eq!(
            report.citations[0].authors,
            ["Government of Antigua and Barbuda"]
        );
        assert_eq!(report.matches, vec![Some(1), Some(2), Some(3)]);
        // The two-author citation keeps its style point; the organisations have none.
        let styles: Vec<_> = report
            .problems
            .iter()
            .filter_map(|p| p.citation.clone())
            .collect();
        assert_eq!(styles, ["Brennan and Cole, 2021"], "{}", report.to_text());
    }

    #[test]
    fn a_work_cited_only_in_an_appendix_is_cited() {
        let text = "Body (Bates 2015).\n\n## References\n\nBates, D. (2015). One.\n\nCole, E. (2016). Two.\n\n## Appendix: matrix\n\n| (Cole, 2016) | 3 |\n";
        let mut a = reference("Crisis Group", "One");
        a.authors = vec![Person::new("Bates", Some("D".into()))];
        a.year = Some(2015);
        let mut b = reference("Crisis Group", "Two");
        b.authors = vec![Person::new("Cole", Some("E".into()))];
        b.year = Some(2016);
        let report = check(text, vec![a, b], CitationStyle::None);
        assert_eq!(
            report.matches,
            vec![Some(1), Some(2)],
            "{}",
            report.to_text()
        );
        assert_eq!(report.citations[1].line, 11);
        assert!(report.problems.is_empty(), "{}", report.to_text());
    }

    #[test]
    fn a_manuscript_without_a_reference_list_has_none() {
        let text = "A note on time series (Tsay 2005).\n\nMore text on packages and data.\n";
        let stray = reference("Crisis Group", "A note on time series");
        let report = check(text, vec![stray], CitationStyle::None);
        assert!(report.references.is_empty());
        assert_eq!(report.problems.len(), 1);
        assert_eq!(report.problems[0].kind, ProblemKind::NoReference);
        assert!(report.to_text().contains("no reference list found"));
    }

    /// Every citation matched as `expected`, and no problem.
    fn assert_clean(report: &CheckReport, expected: &[Option<usize>]) {
        assert_eq!(report.matches, expected, "{}", report.to_text());
        assert!(report.problems.is_empty(), "{}", report.to_text());
    }
}
