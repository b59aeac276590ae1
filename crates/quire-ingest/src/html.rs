//! HTML full texts: metadata from `<meta>` tags (Highwire `citation_*`,
//! Dublin Core `DC.*`, Open Graph), the page's schema.org JSON-LD
//! ([`crate::linked_data`]) and its canonical address (or the one a
//! browser noted when saving it), body text as blank-line-separated blocks.
//!
//! Scripts, styles, navigation, headers and footers are dropped, and
//! when the page marks its content (`<main>`, `role="main"`, a single
//! `<article>`) only that is read: cookie banners and "related" lists
//! stay out. Every block element (paragraph, list item, heading, table
//! row, ...) becomes its own block, so passages can later be cut at
//! paragraph boundaries; headings are written as Markdown `#` lines, so
//! they label the passages that follow, and the marks of notes
//! ("sharply.<sup>1</sup>") as Markdown notes (`[^1]`), which the passage
//! splitter leaves out of the words.

use crate::ids::{self, clean};
use crate::names::person_from_display;
use crate::{Emit, IngestError};
use ego_tree::iter::Edge;
use quire_model::{normalize, Document, Work, WorkKind};
use scraper::{Html, Node, Selector};
use std::collections::HashMap;

/// Elements whose text is not part of the work.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "svg",
    "template", "iframe", "head", "select",
];

/// Elements that start a new block of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "caption",
    "br",
    "hr",
    "address",
    "details",
    "summary",
];

pub(crate) fn read(text: &str, emit: &mut Emit<'_>) -> Result<(), IngestError> {
    let html = Html::parse_document(text);
    let meta = meta_tags(&html, text);
    let body = body_text(&html);
    let mut work = metadata(&html, &meta);
    if work.title.is_empty() {
        if body.trim().is_empty() {
            emit.skip(None, "HTML page has no title and no text");
            return Ok(());
        }
        // A page without <title>: its first <h1>, else its opening line
        // if it stands alone as a title, else the file's name.
        work.title = crate::front_matter::title_heading(&body)
            .or_else(|| crate::front_matter::standalone_title(&body))
            .and_then(clean)
            .map(|line| line.chars().take(200).collect())
            .unwrap_or_else(|| ids::file_stem(emit.file));
    }
    let key = meta
        .get("citation_id")
        .or(meta.get("dc.identifier"))
        .map(|s| s.to_string());
    work.id = ids::work_id(key.as_deref(), &work);
    let document = Document {
        work_id: work.id.clone(),
        text: body,
        format: "html".into(),
        page_starts: Vec::new(),
        file: emit.file.to_string(),
    };
    emit.record(work, Some(document), 1, key);
    Ok(())
}

/// `<meta name|property=... content=...>`, keys lowercased, with the
/// JSON-LD fields (`ld:…`), `<link rel="canonical">` (`link:canonical`)
/// and the address a browser notes in a saved page (`saved-from`);
/// repeated keys (several `citation_author`) joined with a unit separator.
fn meta_tags(html: &Html, text: &str) -> HashMap<String, String> {
    let mut out: HashMap<String, String> = HashMap::new();
    let mut add = |name: &str, content: &str| {
        let Some(content) = clean(content) else {
            return;
        };
        out.entry(name.to_ascii_lowercase())
            .and_modify(|v| {
                v.push('\u{1f}');
                v.push_str(&content);
            })
            .or_insert(content);
    };
    if let Ok(sel) = Selector::parse("meta") {
        for el in html.select(&sel) {
            let name = el
                .attr("name")
                .or(el.attr("property"))
                .or(el.attr("itemprop"));
            if let (Some(name), Some(content)) = (name, el.attr("content")) {
                add(name, content);
            }
        }
    }
    for (key, value) in crate::linked_data::work_fields(html) {
        add(&key, &value);
    }
    if let Ok(sel) = Selector::parse(r#"link[rel="canonical"]"#) {
        if let Some(href) = html.select(&sel).find_map(|el| el.attr("href")) {
            add("link:canonical", href);
        }
    }
    if let Some(url) = saved_from(text) {
        add("saved-from", url);
    }
    out
}

/// `<!-- saved from url=(0052)https://www.dawn.com/news/1774221 -->`, the
/// mark Chromium and Internet Explorer put at the top of a saved page
/// (the number is the address's length, not always right: the address
/// runs to the space before `-->`).
fn saved_from(text: &str) -> Option<&str> {
    const MARK: &str = "saved from url=(";
    let at = text.find(MARK).filter(|&at| at < 4096)? + MARK.len();
    let rest = &text[at..];
    let url = rest[rest.find(')')? + 1..].split_whitespace().next()?;
    url.contains("://").then_some(url)
}

fn metadata(html: &Html, meta: &HashMap<String, String>) -> Work {
    let first = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| meta.get(*k))
            .and_then(|v| v.split('\u{1f}').next())
            .map(str::to_string)
    };
    let all = |keys: &[&str]| -> Vec<String> {
        keys.iter()
            .find_map(|k| meta.get(*k))
            .map(|v| v.split('\u{1f}').map(str::to_string).collect())
            .unwrap_or_default()
    };
    let title = first(&["citation_title", "dc.title", "og:title", "ld:headline"])
        .or_else(|| element_text(html, "title"))
        .or_else(|| element_text(html, "h1"))
        .unwrap_or_default();
    let date_text = first(&[
        "citation_publication_date",
        "citation_date",
        "citation_online_date",
        "dc.date",
        "article:published_time",
        "ld:datepublished",
        "date",
    ]);
    let kind = if meta.contains_key("citation_journal_title") {
        WorkKind::Article
    } else if meta.contains_key("citation_technical_report_institution") {
        WorkKind::Report
    } else {
        WorkKind::Web
    };
    Work {
        kind,
        title,
        // `article:author` is often a link to a profile page: no name.
        authors: all(&[
            "citation_author",
            "dc.creator",
            "ld:author",
            "author",
            "article:author",
        ])
        .iter()
        .filter(|a| !a.contains("://"))
        .filter_map(|a| person_from_display(a))
        .collect(),
        year: date_text.as_deref().and_then(ids::year_in),
        date: date_text
            .as_deref()
            .and_then(ids::iso_from_text)
            .filter(|d| d.len() > 4),
        container: first(&["citation_journal_title", "citation_conference_title"]),
        volume: first(&["citation_volume"]),
        issue: first(&["citation_issue"]),
        pages: ids::page_range(
            first(&["citation_firstpage"]).as_deref(),
            first(&["citation_lastpage"]).as_deref(),
        ),
        publisher: first(&[
            "citation_publisher",
            "citation_technical_report_institution",
            "dc.publisher",
            "og:site_name",
            "ld:publisher",
        ]),
        doi: ["citation_doi", "dc.identifier", "prism.doi"]
            .iter()
            .filter_map(|k| meta.get(*k))
            .find_map(|v| normalize::doi(v)),
        url: first(&[
            "citation_public_url",
            "citation_abstract_html_url",
            "og:url",
            "ld:url",
            "link:canonical",
            "saved-from",
        ]),
        abstract_text: first(&[
            "citation_abstract",
            "dc.description",
            "description",
            "og:description",
            "ld:description",
        ]),
        keywords: first(&["citation_keywords", "keywords", "dc.subject"])
            .map(|k| ids::split_keywords(&k))
            .unwrap_or_default(),
        language: first(&["citation_language", "dc.language"]).or_else(|| html_lang(html)),
        ..Default::default()
    }
}

fn element_text(html: &Html, name: &str) -> Option<String> {
    let sel = Selector::parse(name).ok()?;
    let el = html.select(&sel).next()?;
    clean(&el.text().collect::<String>())
}

fn html_lang(html: &Html) -> Option<String> {
    html.root_element().attr("lang").and_then(clean)
}

/// The visible text of the content, one block per paragraph-like
/// element, blocks separated by a blank line. Walks the tree without
/// recursion, so deeply nested junk cannot overflow the stack.
fn body_text(html: &Html) -> String {
    let root = content_root(html);
    let mut blocks: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut skipping = 0usize;
    // The note marks being skipped (innermost last).
    let mut marks: Vec<ego_tree::NodeId> = Vec::new();
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) if SKIP.contains(&e.name()) => skipping += 1,
                Node::Element(e) if BLOCKS.contains(&e.name()) => {
                    flush(&mut current, &mut blocks, "")
                }
                Node::Element(_) if skipping == 0 => {
                    if let Some(mark) = note_mark(node, &current) {
                        // Written as Markdown writes a note's mark, which
                        // the passage splitter leaves out of the text.
                        current.push_str(&mark);
                        marks.push(node.id());
                        skipping += 1;
                    }
                }
                Node::Text(t) if skipping == 0 => current.push_str(t),
                _ => {}
            },
            Edge::Close(node) => match node.value() {
                Node::Element(e) if SKIP.contains(&e.name()) => {
                    skipping = skipping.saturating_sub(1)
                }
                Node::Element(e) if BLOCKS.contains(&e.name()) => {
                    flush(&mut current, &mut blocks, heading_mark(e.name()))
                }
                Node::Element(_) if marks.last() == Some(&node.id()) => {
                    marks.pop();
                    skipping = skipping.saturating_sub(1)
                }
                _ => {}
            },
        }
    }
    flush(&mut current, &mut blocks, "");
    blocks.join("\n\n")
}

/// The Markdown mark (`[^12]`) for an element that marks a note in the
/// text: a link to an anchor on the page holding nothing but the note's
/// number ("1", "[1]") inside `<sup>` or pointing to a note ("#fn1",
/// "#_ftn1", "#endnote-1"), a bare `<sup>12</sup>` after a word
/// ("sharply<sup>12</sup>", not "km<sup>2</sup>"), or a note's link back
/// to its mark ("↩", "#fnref1"), which gives an empty mark.
fn note_mark(node: ego_tree::NodeRef<'_, Node>, before: &str) -> Option<String> {
    let element = scraper::ElementRef::wrap(node)?;
    let name = element.value().name();
    if name == "a" && is_back_link(element) {
        return Some(String::new());
    }
    let number = note_number(element)?;
    let marks = match name {
        "a" => is_note_link(element),
        "sup" => {
            let has_link = element
                .children()
                .any(|c| scraper::ElementRef::wrap(c).is_some_and(|e| e.value().name() == "a"));
            has_link || after_a_word(before)
        }
        _ => false,
    };
    marks.then(|| format!("[^{number}]"))
}

/// A note's number: the element's whole text is 1–3 digits, bare or in
/// square brackets.
fn note_number(element: scraper::ElementRef<'_>) -> Option<u32> {
    let text: String = element.text().collect();
    let digits = text.trim().trim_start_matches('[').trim_end_matches(']');
    let ok = (1..=3).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| digits.parse().ok()).flatten()
}

/// A link to an anchor on the page that reads as a note: inside `<sup>`,
/// or its target or class says "fn", "ftn", "note" or "footnote".
fn is_note_link(a: scraper::ElementRef<'_>) -> bool {
    let Some(target) = a.value().attr("href").and_then(|h| h.strip_prefix('#')) else {
        return false;
    };
    let in_sup = a
        .parent()
        .and_then(scraper::ElementRef::wrap)
        .is_some_and(|p| p.value().name() == "sup");
    let says_note = |s: &str| {
        let s = s.to_ascii_lowercase();
        s.contains("fn") || s.contains("ftn") || s.contains("note")
    };
    in_sup || says_note(target) || a.value().attr("class").is_some_and(says_note)
}

/// A note's link back to where it is marked: "↩", or "#fnref1".
fn is_back_link(a: scraper::ElementRef<'_>) -> bool {
    let target = a.value().attr("href").unwrap_or("");
    let text: String = a.text().collect();
    target.starts_with('#')
        && (matches!(text.trim(), "↩" | "↩︎" | "^" | "↑")
            || target.to_ascii_lowercase().contains("fnref")
            || target.to_ascii_lowercase().contains("ftnref"))
}

/// The text so far ends with a word of three letters or more, or a mark
/// that closes a sentence or a quote: where a note's number is set.
fn after_a_word(before: &str) -> bool {
    let last = before.chars().next_back();
    if last.is_some_and(|c| ".,;:)”’\"".contains(c)) {
        return true;
    }
    before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .count()
        >= 3
}

/// Where the page's own content is: its `<main>` (or `role="main"`), else
/// its one `<article>`, else the whole body.
fn content_root(html: &Html) -> scraper::ElementRef<'_> {
    let all = |css: &str| -> Vec<scraper::ElementRef<'_>> {
        Selector::parse(css)
            .map(|s| html.select(&s).collect())
            .unwrap_or_default()
    };
    let main = all("main, [role=main]");
    let articles = all("article");
    if let [main] = main.as_slice() {
        return *main;
    }
    if let [article] = articles.as_slice() {
        return *article;
    }
    all("body")
        .first()
        .copied()
        .unwrap_or_else(|| html.root_element())
}

/// The Markdown mark a heading element's text is written with.
fn heading_mark(element: &str) -> &'static str {
    match element {
        "h1" => "# ",
        "h2" => "## ",
        "h3" => "### ",
        "h4" | "h5" | "h6" => "#### ",
        _ => "",
    }
}

fn flush(current: &mut String, blocks: &mut Vec<String>, mark: &str) {
    if let Some(block) = clean(current) {
        blocks.push(format!("{mark}{block}"));
    }
    current.clear();
}
