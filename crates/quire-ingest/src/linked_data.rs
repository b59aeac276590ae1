//! A web page's schema.org description of itself in JSON-LD
//! (`<script type="application/ld+json">`): news sites, think tanks and
//! blogs state a `NewsArticle`'s headline, authors, date and publisher
//! there, often more cleanly than in `<meta>` tags (where the author may
//! be a profile link, or missing).
//!
//! The fields come out under `ld:` keys beside the page's meta tags, so
//! the HTML reader weighs them with the rest.

use scraper::{Html, Selector};
use serde_json::Value;

/// schema.org types that describe one work.
const WORK_TYPES: &[&str] = &[
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "Article",
    "ScholarlyArticle",
    "Report",
    "BlogPosting",
    "SocialMediaPosting",
    "LiveBlogPosting",
    "Legislation",
];

/// `(key, value)` pairs of the first work the page's JSON-LD describes:
/// `ld:headline`, `ld:author` (one pair per author), `ld:datepublished`,
/// `ld:publisher`, `ld:url`, `ld:description`. Unreadable JSON is passed
/// over: the page's other metadata still counts.
pub(crate) fn work_fields(html: &Html) -> Vec<(String, String)> {
    let Ok(sel) = Selector::parse(r#"script[type="application/ld+json"]"#) else {
        return Vec::new();
    };
    html.select(&sel)
        .filter_map(|script| serde_json::from_str::<Value>(&script.text().collect::<String>()).ok())
        .find_map(|value| first_work(&value).map(fields))
        .unwrap_or_default()
}

/// The first object of a work type, looking through arrays and `@graph`.
fn first_work(value: &Value) -> Option<&Value> {
    match value {
        Value::Array(items) => items.iter().find_map(first_work),
        Value::Object(map) => {
            if is_work(map.get("@type")) {
                return Some(value);
            }
            map.get("@graph").and_then(first_work)
        }
        _ => None,
    }
}

fn is_work(ty: Option<&Value>) -> bool {
    match ty {
        Some(Value::String(t)) => WORK_TYPES.contains(&t.as_str()),
        Some(Value::Array(ts)) => ts.iter().any(|t| is_work(Some(t))),
        _ => false,
    }
}

fn fields(work: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut put = |key: &str, value: Option<String>| {
        if let Some(v) = value
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
        {
            out.push((format!("ld:{key}"), v));
        }
    };
    put(
        "headline",
        text(work.get("headline")).or_else(|| text(work.get("name"))),
    );
    for author in names(work.get("author")) {
        put("author", Some(author));
    }
    put("datepublished", text(work.get("datePublished")));
    put("publisher", names(work.get("publisher")).into_iter().next());
    put(
        "url",
        text(work.get("url")).or_else(|| match work.get("mainEntityOfPage") {
            Some(Value::Object(page)) => text(page.get("@id")).or_else(|| text(page.get("url"))),
            other => text(other),
        }),
    );
    put("description", text(work.get("description")));
    out
}

/// A string value (the first of an array of strings).
fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Array(items) => items.iter().find_map(|v| text(Some(v))),
        _ => None,
    }
}

/// The names of a person, an organisation, or a list of them. A bare
/// string is a name unless it is a link to a profile page.
fn names(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().flat_map(|v| names(Some(v))).collect(),
        Some(Value::Object(map)) => text(map.get("name")).into_iter().collect(),
        Some(Value::String(s)) if !s.contains("://") => vec![s.clone()],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields_of(json: &str) -> Vec<(String, String)> {
        let page = format!(
            r#"<html><head><script type="application/ld+json">{json}</script></head><body></body></html>"#
        );
        work_fields(&Html::parse_document(&page))
    }

    #[test]
    fn a_news_article_gives_headline_authors_date_and_publisher() {
        let got = fields_of(
            r#"{"@context":"https://schema.org","@type":"NewsArticle",
                "headline":"Pakistan closes Torkham border crossing",
                "author":[{"@type":"Person","name":"Tahir Khan"},{"@type":"Person","name":"Zahid Gishkori"}],
                "datePublished":"2023-09-06T08:00:00+05:00",
                "publisher":{"@type":"Organization","name":"DAWN.COM"},
                "mainEntityOfPage":{"@type":"WebPage","@id":"https://www.dawn.com/news/1774221"}}"#,
        );
        let get = |k: &str| -> Vec<&str> {
            got.iter()
                .filter(|(key, _)| key == k)
                .map(|(_, v)| v.as_str())
                .collect()
        };
        assert_eq!(
            get("ld:headline"),
            ["Pakistan closes Torkham border crossing"]
        );
        assert_eq!(get("ld:author"), ["Tahir Khan", "Zahid Gishkori"]);
        assert_eq!(get("ld:datepublished"), ["2023-09-06T08:00:00+05:00"]);
        assert_eq!(get("ld:publisher"), ["DAWN.COM"]);
        assert_eq!(get("ld:url"), ["https://www.dawn.com/news/1774221"]);
    }

    #[test]
    fn the_article_is_found_in_a_graph_and_profile_links_are_no_names() {
        let got = fields_of(
            r#"{"@context":"https://schema.org","@graph":[
                {"@type":"WebSite","name":"Crisis Group"},
                {"@type":["Report","CreativeWork"],"name":"Pakistan's Hard Policy Choices in Afghanistan",
                 "author":"https://www.crisisgroup.org/who-we-are/people"}]}"#,
        );
        assert_eq!(
            got,
            [(
                "ld:headline".to_string(),
                "Pakistan's Hard Policy Choices in Afghanistan".to_string()
            )]
        );
        assert!(fields_of("{not json").is_empty());
    }
}
