//! Citations by key, as pandoc writes them — `[@khan2022, p. 4]`,
//! `[see @khan2022; @ali2021]`, `[-@khan2022]`, narrative `@khan2022
//! argues` — checked against the bibliography files the manuscript names
//! in its YAML front matter (`bibliography: refs.bib`, or a list) or that
//! are given on the command line (BibTeX/BibLaTeX, CSL-JSON or RIS, read by
//! quire-ingest; the key is the BibTeX key, CSL `id` or RIS `ID`).
//!
//! A key with no entry is `no_reference` (with the closest key, so a typo
//! such as `kahn2022` points at `khan2022`); two cited keys for the same
//! work are `duplicate_reference` (the rendered list would show it twice).
//! Entries never cited are not problems: pandoc prints only the cited
//! ones, and one shared bibliography usually serves many papers.
//! Code spans, fenced code blocks, e-mail addresses and `\@` are not
//! citations; any other `@word` is, for pandoc as for this check.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use quire_model::{Person, Work};
use regex::Regex;

use super::intext::Citation;
use super::{same_work, CheckReport, Problem, ProblemKind};
use crate::error::{CiteError, Result};
use crate::fields::Reference;

/// One cited key where it stands in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyCitation {
    pub key: String,
    /// The citation as written: the whole bracket, or `@key` in running text.
    pub text: String,
    /// 1-based line of the manuscript.
    pub line: usize,
    /// What follows the key inside the bracket: "p. 4", "chap. 2".
    pub locator: Option<String>,
    /// `@key` in running text ("@khan2022 argues").
    pub narrative: bool,
}

/// The entries of a manuscript's bibliography files, by key.
#[derive(Debug, Clone, Default)]
pub struct Bibliography {
    /// The files read, as named in messages.
    pub files: Vec<String>,
    pub entries: Vec<(String, Work)>,
    /// Entries that could not be read: "refs.bib:12: malformed @article entry".
    pub unreadable: Vec<String>,
}

impl Bibliography {
    /// Read bibliography files; a file that cannot be read at all is an
    /// error naming it, a malformed entry in it is noted and skipped.
    pub fn read(paths: &[PathBuf]) -> Result<Bibliography> {
        let mut bib = Bibliography::default();
        for path in paths {
            let shown = path.display().to_string();
            let import = quire_ingest::read_file(path, &shown).map_err(|e| CiteError::Format {
                path: path.clone(),
                format: "bibliography",
                message: e.to_string(),
            })?;
            for record in import.records {
                let key = record
                    .work
                    .provenance
                    .iter()
                    .find_map(|p| p.record.clone())
                    .unwrap_or_else(|| record.work.id.clone());
                bib.entries.push((key, record.work));
            }
            bib.unreadable
                .extend(import.skipped.iter().map(ToString::to_string));
            bib.files.push(shown);
        }
        Ok(bib)
    }
}

/// The bibliography files a Markdown manuscript's front matter names,
/// relative to the manuscript's folder.
pub fn front_matter_bibliographies(text: &str, manuscript: &Path) -> Vec<PathBuf> {
    let (Some(front), _, _) = quire_ingest::markdown::split_front_matter(text) else {
        return Vec::new();
    };
    let Ok(serde_yaml_ng::Value::Mapping(map)) = serde_yaml_ng::from_str(front) else {
        return Vec::new();
    };
    let names: Vec<String> = match map.get("bibliography") {
        Some(serde_yaml_ng::Value::String(s)) => vec![s.clone()],
        Some(serde_yaml_ng::Value::Sequence(list)) => list
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    };
    let folder = manuscript.parent().unwrap_or(Path::new(""));
    names.iter().map(|n| folder.join(n)).collect()
}

fn key_re() -> &'static Regex {
    static KEY: OnceLock<Regex> = OnceLock::new();
    // Pandoc's citation key: starts with a letter, digit or `_`, may hold
    // internal punctuation, ends on a letter, digit or `_`; or `@{any}`.
    KEY.get_or_init(|| {
        Regex::new(r"(^|[^\w\\])(-?)@(\{[^{}]+\}|[\w](?:[\w:.#$%&+?<>~/-]*[\w])?)")
            .expect("built-in pattern is valid")
    })
}

fn bracket_re() -> &'static Regex {
    static BRACKET: OnceLock<Regex> = OnceLock::new();
    BRACKET.get_or_init(|| Regex::new(r"\[[^\[\]]*\]").expect("built-in pattern is valid"))
}

/// Every key citation of a Markdown text, in order.
pub fn find_key_citations(text: &str) -> Vec<KeyCitation> {
    let (_, _, body_line) = quire_ingest::markdown::split_front_matter(text);
    let mut out = Vec::new();
    let mut fence: Option<&str> = None;
    for (i, raw) in text.lines().enumerate().skip(body_line - 1) {
        let trimmed = raw.trim_start();
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if let Some(f) = ["```", "~~~"].into_iter().find(|f| trimmed.starts_with(f)) {
            fence = Some(f);
            continue;
        }
        let line = blank_links(&blank_code_spans(raw));
        out.extend(citations_in_line(&line, i + 1));
    }
    out
}

/// The line with its `code spans` blanked out, same length.
fn blank_code_spans(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    for c in line.chars() {
        if c == '`' {
            in_code = !in_code;
            out.push(' ');
        } else if in_code {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// The line with web addresses blanked out (an `@` in a URL is no
/// citation), same length.
fn blank_links(line: &str) -> String {
    static URL: OnceLock<Regex> = OnceLock::new();
    let url = URL.get_or_init(|| {
        Regex::new(r"(?:https?://|mailto:|www\.)[^\s)>\]]+").expect("built-in pattern is valid")
    });
    url.replace_all(line, |m: &regex::Captures| " ".repeat(m[0].len()))
        .into_owned()
}

fn citations_in_line(line: &str, line_no: usize) -> Vec<KeyCitation> {
    let mut found: Vec<(usize, KeyCitation)> = Vec::new();
    let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
    for bracket in bracket_re().find_iter(line) {
        let inner = &bracket.as_str()[1..bracket.as_str().len() - 1];
        // A Markdown link's text, "[see here](url)", cites nothing.
        if line[bracket.end()..].starts_with('(') {
            continue;
        }
        let parts: Vec<KeyCitation> = inner
            .split(';')
            .filter_map(|part| {
                let caps = key_re().captures(part)?;
                let key_match = caps.get(3)?;
                let locator = part[key_match.end()..]
                    .trim_start_matches([',', ' '])
                    .trim();
                Some(KeyCitation {
                    key: unbrace(key_match.as_str()),
                    text: bracket.as_str().to_string(),
                    line: line_no,
                    locator: (!locator.is_empty()).then(|| locator.to_string()),
                    narrative: false,
                })
            })
            .collect();
        if !parts.is_empty() {
            taken.push(bracket.range());
            found.extend(parts.into_iter().map(|c| (bracket.start(), c)));
        }
    }
    for caps in key_re().captures_iter(line) {
        let Some(key) = caps.get(3) else { continue };
        if taken.iter().any(|r| r.contains(&key.start())) {
            continue;
        }
        found.push((
            key.start(),
            KeyCitation {
                key: unbrace(key.as_str()),
                text: format!("@{}", key.as_str()),
                line: line_no,
                locator: None,
                narrative: true,
            },
        ));
    }
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, c)| c).collect()
}

fn unbrace(key: &str) -> String {
    key.strip_prefix('{')
        .and_then(|k| k.strip_suffix('}'))
        .unwrap_or(key)
        .to_string()
}

/// Check key citations against the bibliography.
pub fn check_keys(citations: &[KeyCitation], bib: &Bibliography) -> CheckReport {
    let by_key: HashMap<&str, usize> = bib
        .entries
        .iter()
        .enumerate()
        .rev() // the first entry of a key wins, as in pandoc
        .map(|(i, (k, _))| (k.as_str(), i))
        .collect();
    let mut report = CheckReport {
        bibliography: bib.files.clone(),
        ..CheckReport::default()
    };
    // Cited entries in order of first citation: the paper's reference list.
    let mut listed: HashMap<usize, usize> = HashMap::new();
    let mut cited_keys: Vec<String> = Vec::new();
    for c in citations {
        let matched = by_key.get(c.key.as_str()).map(|&entry| {
            let next = listed.len() + 1;
            let index = *listed.entry(entry).or_insert(next);
            if index == next {
                let (key, work) = &bib.entries[entry];
                report.references.push(reference(key, work, c.line));
                cited_keys.push(key.clone());
            }
            index
        });
        let work = matched.and_then(|i| report.references.get(i - 1));
        report.citations.push(Citation {
            text: c.text.clone(),
            line: c.line,
            authors: work
                .map(|r| r.authors.iter().map(|a| a.family.clone()).collect())
                .unwrap_or_else(|| vec![c.key.clone()]),
            et_al: false,
            year: work.and_then(|r| r.year).map(|y| y.to_string()),
            locator: c.locator.clone(),
            narrative: c.narrative,
            numbers: Vec::new(),
            connector: None,
            initials: false,
            comma_before_year: false,
        });
        report.matches.push(matched);
        if matched.is_none() {
            report.problems.push(missing_key(c, bib));
        }
    }
    report
        .problems
        .extend(duplicate_keys(&report.references, &cited_keys));
    report
}

/// Two cited keys for one work: the rendered list would show it twice.
fn duplicate_keys(refs: &[Reference], keys: &[String]) -> Vec<Problem> {
    let mut out = Vec::new();
    for j in 0..refs.len() {
        if let Some(i) = (0..j).find(|&i| same_work(&refs[i], &refs[j])) {
            out.push(Problem {
                kind: ProblemKind::DuplicateReference,
                citation: Some(format!("@{}", keys[j])),
                line: refs[j].line,
                reference: Some(j + 1),
                suggestion: Some(format!("@{}", keys[i])),
                message: format!(
                    "@{} and @{} are the same work, so the reference list would show it twice: {}",
                    keys[i],
                    keys[j],
                    refs[j].title.as_deref().unwrap_or("")
                ),
            });
        }
    }
    out
}

/// A cited entry as a reference of the report.
fn reference(key: &str, work: &Work, first_cited: usize) -> Reference {
    let names: Vec<&str> = work.authors.iter().map(|p| p.family.as_str()).collect();
    let year = work.year.map_or("n.d.".to_string(), |y| y.to_string());
    Reference {
        text: format!("@{key}: {} ({year}). {}", names.join(", "), work.title),
        line: first_cited,
        authors: work.authors.clone(),
        year: work.year,
        title: Some(work.title.clone()),
        container: work.container.clone(),
        doi: work.doi.clone(),
        url: work.url.clone(),
        kind: work.kind,
        ..Reference::default()
    }
}

fn missing_key(c: &KeyCitation, bib: &Bibliography) -> Problem {
    let closest = closest_key(&c.key, bib);
    let files = if bib.files.is_empty() {
        "no bibliography (name it in the front matter, `bibliography: refs.bib`, or give --bibliography FILE)".to_string()
    } else {
        bib.files.join(", ")
    };
    let mut message = format!("no entry `{}` in {files}", c.key);
    if let Some((key, work)) = &closest {
        message.push_str(&format!("; closest is `{key}` ({})", label(work)));
    }
    if let Some(first) = bib.unreadable.first() {
        message.push_str(&format!(
            "; {} entries could not be read, first: {first}",
            bib.unreadable.len()
        ));
    }
    if c.narrative && closest.is_none() {
        message.push_str(" (pandoc reads every @word as a citation; write \\@ if it is not one)");
    }
    Problem {
        kind: ProblemKind::NoReference,
        citation: Some(c.text.clone()),
        line: c.line,
        reference: None,
        suggestion: closest.map(|(key, _)| format!("@{key}")),
        message,
    }
}

/// The key most like `key`: the same but for case, else within two edits
/// (and a third of its length).
fn closest_key<'a>(key: &str, bib: &'a Bibliography) -> Option<(String, &'a Work)> {
    let lower = key.to_lowercase();
    bib.entries
        .iter()
        .map(|(k, w)| (strsim::levenshtein(&lower, &k.to_lowercase()), k, w))
        .filter(|(d, k, _)| *d <= 2 && *d * 3 <= k.chars().count())
        .min_by_key(|(d, _, _)| *d)
        .map(|(_, k, w)| (k.clone(), w))
}

/// "Khan & Ali, 2022" for messages.
fn label(work: &Work) -> String {
    let names: Vec<&str> = work
        .authors
        .iter()
        .map(|p: &Person| p.family.as_str())
        .collect();
    let who = match names.as_slice() {
        [] => work.title.chars().take(40).collect(),
        [one] => one.to_string(),
        [a, b] => format!("{a} & {b}"),
        [a, ..] => format!("{a} et al."),
    };
    format!(
        "{who}, {}",
        work.year.map_or("n.d.".into(), |y| y.to_string())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<(String, usize, Option<String>, bool)> {
        find_key_citations(text)
            .into_iter()
            .map(|c| (c.key, c.line, c.locator, c.narrative))
            .collect()
    }

    #[test]
    fn finds_bracketed_narrative_and_suppressed_citations() {
        let text = "---\ntitle: Draft\nbibliography: refs.bib\n---\n\
                    As @khan2022 argues [see @ali2021, p. 4; -@khan2022].\n\
                    Mail ali@example.org or write \\@home; see [the site](https://x.org/@me).\n\
                    `@notakey` in code, and @{odd key} too.\n```\n@fenced\n```\n";
        assert_eq!(
            keys(text),
            vec![
                ("khan2022".into(), 5, None, true),
                ("ali2021".into(), 5, Some("p. 4".into()), false),
                ("khan2022".into(), 5, None, false),
                ("odd key".into(), 7, None, true),
            ]
        );
    }

    #[test]
    fn trailing_punctuation_is_not_part_of_a_key() {
        let found = keys("Shown by @khan2022. And @ali:2021, too.");
        let names: Vec<&str> = found.iter().map(|k| k.0.as_str()).collect();
        assert_eq!(names, ["khan2022", "ali:2021"]);
    }

    fn work(key: &str, family: &str, year: i32, title: &str) -> (String, Work) {
        let work = Work {
            id: key.into(),
            title: title.into(),
            authors: vec![Person::new(family, Some("A.".into()))],
            year: Some(year),
            ..Default::default()
        };
        (key.into(), work)
    }

    #[test]
    fn missing_keys_get_the_closest_and_cited_copies_are_duplicates() {
        let bib = Bibliography {
            files: vec!["refs.bib".into()],
            entries: vec![
                work("khan2022", "Khan", 2022, "The TTP after the fall of Kabul"),
                work("khan2022b", "Khan", 2022, "The TTP after the fall of Kabul"),
                work("unused", "Other", 2001, "Never cited here"),
            ],
            unreadable: Vec::new(),
        };
        let text = "See [@kahn2022], [@khan2022] and [@khan2022b]; @nobody2020 too.\n";
        let report = check_keys(&find_key_citations(text), &bib);
        assert_eq!(report.matches, vec![None, Some(1), Some(2), None]);
        assert_eq!(report.references.len(), 2, "only cited entries are listed");
        let kinds: Vec<(ProblemKind, Option<&str>)> = report
            .problems
            .iter()
            .map(|p| (p.kind, p.suggestion.as_deref()))
            .collect();
        assert_eq!(kinds[0], (ProblemKind::NoReference, Some("@khan2022")));
        assert_eq!(kinds[1].0, ProblemKind::NoReference);
        assert_eq!(
            kinds[2],
            (ProblemKind::DuplicateReference, Some("@khan2022"))
        );
        assert_eq!(kinds.len(), 3);
        assert!(report.problems[0]
            .message
            .contains("closest is `khan2022` (Khan, 2022)"));
    }
}
