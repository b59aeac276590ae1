//! End-to-end tests: index a handful of works in memory, then query them.

use std::collections::HashSet;

use quire_index::{IndexError, SearchIndex, SearchOptions};
use quire_model::{Document, Person, SourceType, Work, WorkKind};

fn work(id: &str, title: &str, year: i32, abstract_text: &str) -> Work {
    Work {
        id: id.into(),
        title: title.into(),
        year: Some(year),
        abstract_text: Some(abstract_text.into()),
        kind: WorkKind::Article,
        source_type: SourceType::Secondary,
        authors: vec![Person::new("Siddiqi", Some("Ayesha".into()))],
        ..Default::default()
    }
}

/// A small corpus about Pakistan–Afghanistan security, one work per
/// feature under test.
fn corpus() -> Vec<(Work, Option<Document>)> {
    let mut statement = work(
        "un-2022",
        "Statement to the General Assembly",
        2022,
        "Pakistan calls for intelligence sharing with Kabul against the TTP.",
    );
    statement.kind = WorkKind::Statement;
    statement.source_type = SourceType::Primary;
    statement.authors = vec![Person::organisation("Government of Pakistan")];

    let mut ttp = work(
        "ttp-2020",
        "The Tehrik-i-Taliban Pakistan after Doha",
        2020,
        "A history of the movement and its sanctuaries across the border.",
    );
    ttp.keywords = vec!["militancy".into(), "sanctuaries".into()];
    ttp.authors = vec![Person::new("Rashid", Some("Ahmed".into()))];

    let durand = work(
        "durand-2009",
        "Fencing the frontier",
        2009,
        "The Durand Line was drawn in 1893 and Kabul never recognised it.",
    );
    let fence = work(
        "fence-2019",
        "Border management and the fence",
        2019,
        "Durand was a British official; the line itself is discussed elsewhere.",
    );
    let sharing_reversed = work(
        "reversed-2021",
        "Cooperation between services",
        2021,
        "Sharing of intelligence between the two services remains rare.",
    );
    let mut deep = work(
        "deep-2023",
        "A survey of regional politics",
        2023,
        "Trade, water and migration in South Asia.",
    );
    let filler = "Regional trade and migration are discussed at length. ".repeat(80);
    let document = Document {
        work_id: "deep-2023".into(),
        text: format!("{filler}Only on the last page does it mention drones once."),
        format: "txt".into(),
        ..Default::default()
    };
    deep.container = Some("Asian Survey".into());
    let drones = work(
        "drones-2018",
        "Drones over Waziristan",
        2018,
        "Strikes by unmanned aircraft and their effect on the TTP.",
    );
    vec![
        (statement, None),
        (ttp, None),
        (durand, None),
        (fence, None),
        (sharing_reversed, None),
        (deep, Some(document)),
        (drones, None),
    ]
}

fn index() -> SearchIndex {
    let index = SearchIndex::in_memory().unwrap();
    index.rebuild(corpus(), "gen-1").unwrap();
    index
}

fn ids(index: &SearchIndex, query: &str) -> Vec<String> {
    let mut ids: Vec<String> = index
        .search(query, &SearchOptions::default())
        .unwrap_or_else(|e| panic!("{query}: {e}"))
        .into_iter()
        .map(|h| h.id)
        .collect();
    ids.sort();
    ids
}

fn query_error(index: &SearchIndex, query: &str) -> String {
    match index.search(query, &SearchOptions::default()) {
        Err(IndexError::Query { message }) => message,
        other => panic!("expected a query error for {query:?}, got {other:?}"),
    }
}

#[test]
fn bare_words_must_all_occur() {
    let index = index();
    assert_eq!(
        ids(&index, "durand line"),
        vec!["durand-2009", "fence-2019"]
    );
    assert_eq!(ids(&index, "durand recognised"), vec!["durand-2009"]);
}

#[test]
fn phrases_keep_word_order() {
    let index = index();
    assert_eq!(ids(&index, r#""intelligence sharing""#), vec!["un-2022"]);
    assert_eq!(ids(&index, r#""durand line""#), vec!["durand-2009"]);
    assert_eq!(
        ids(&index, "intelligence sharing"),
        vec!["reversed-2021", "un-2022"]
    );
}

#[test]
fn hyphenated_words_and_accents_match_as_phrases() {
    let index = index();
    assert_eq!(ids(&index, "Tehrik-i-Taliban"), vec!["ttp-2020"]);
    assert_eq!(ids(&index, "TEHRĪK-I-TALIBAN"), vec!["ttp-2020"]);
    assert!(ids(&index, "Taliban-i-Tehrik").is_empty());
}

#[test]
fn boolean_operators_and_precedence() {
    let index = index();
    assert_eq!(
        ids(&index, "fence OR drones"),
        vec!["deep-2023", "drones-2018", "fence-2019"]
    );
    // AND binds tighter than OR: fence OR (drones AND strikes).
    assert_eq!(
        ids(&index, "fence OR drones AND strikes"),
        vec!["drones-2018", "fence-2019"]
    );
    assert_eq!(
        ids(&index, "(fence OR drones) AND strikes"),
        vec!["drones-2018"]
    );
    assert_eq!(
        ids(&index, "(fencing OR drones) AND strikes"),
        vec!["drones-2018"]
    );
    assert_eq!(ids(&index, "durand NOT british"), vec!["durand-2009"]);
    assert_eq!(ids(&index, "durand -british"), vec!["durand-2009"]);
    assert_eq!(ids(&index, "durand AND NOT 1893"), vec!["fence-2019"]);
    assert_eq!(
        ids(&index, r#"ttp -"intelligence sharing""#),
        vec!["drones-2018"]
    );
    // NOT alone excludes from everything.
    assert_eq!(ids(&index, "NOT durand").len(), corpus().len() - 2);
    // Lowercase "or" is a word, not an operator.
    assert!(ids(&index, "fence or drones").is_empty());
}

#[test]
fn the_issue_example_query() {
    let index = index();
    let query = r#""intelligence sharing" AND (TTP OR "Tehrik-i-Taliban") year:2019.."#;
    assert_eq!(ids(&index, query), vec!["un-2022"]);
}

#[test]
fn fields() {
    let index = index();
    assert_eq!(ids(&index, "title:fence"), vec!["fence-2019"]);
    assert_eq!(ids(&index, "abstract:fence"), Vec::<String>::new());
    assert_eq!(
        ids(&index, r#"title:"border management""#),
        vec!["fence-2019"]
    );
    assert_eq!(
        ids(&index, "title:(fencing OR drones)"),
        vec!["drones-2018", "durand-2009"]
    );
    assert_eq!(ids(&index, "fulltext:drones"), vec!["deep-2023"]);
    assert_eq!(ids(&index, "author:rashid"), vec!["ttp-2020"]);
    assert_eq!(ids(&index, r#"author:"ahmed rashid""#), vec!["ttp-2020"]);
    assert_eq!(ids(&index, "keyword:militancy"), vec!["ttp-2020"]);
    assert_eq!(ids(&index, "container:asian"), vec!["deep-2023"]);
    assert_eq!(ids(&index, "kind:statement"), vec!["un-2022"]);
    assert_eq!(ids(&index, "source_type:primary"), vec!["un-2022"]);
    assert_eq!(ids(&index, "id:ttp-2020"), vec!["ttp-2020"]);
    assert_eq!(ids(&index, "ttp -kind:statement"), vec!["drones-2018"]);
}

#[test]
fn year_ranges_open_and_closed() {
    let index = index();
    assert_eq!(ids(&index, "year:2021"), vec!["reversed-2021"]);
    assert_eq!(
        ids(&index, "year:2019..2021"),
        vec!["fence-2019", "reversed-2021", "ttp-2020"]
    );
    assert_eq!(ids(&index, "year:2022.."), vec!["deep-2023", "un-2022"]);
    assert_eq!(
        ids(&index, "year:..2018"),
        vec!["drones-2018", "durand-2009"]
    );
    assert_eq!(ids(&index, "durand year:..2010"), vec!["durand-2009"]);
}

#[test]
fn since_option_filters_without_changing_order() {
    let index = index();
    let opts = SearchOptions {
        since: Some(2019),
        ..Default::default()
    };
    let hits = index.search("ttp", &opts).unwrap();
    let ids: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, vec!["un-2022"]);
}

#[test]
fn allowed_ids_restrict_the_hits() {
    let index = index();
    let allowed: HashSet<String> = ["fence-2019".to_string()].into();
    let opts = SearchOptions {
        allowed_ids: Some(&allowed),
        ..Default::default()
    };
    let hits = index.search("durand", &opts).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, "fence-2019");
    let none = HashSet::new();
    let opts = SearchOptions {
        allowed_ids: Some(&none),
        ..Default::default()
    };
    assert!(index.search("durand", &opts).unwrap().is_empty());
    assert_eq!(index.count("durand", &opts).unwrap(), 0);
}

#[test]
fn title_match_outranks_a_deep_fulltext_match() {
    let index = index();
    let hits = index.search("drones", &SearchOptions::default()).unwrap();
    let ids: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, vec!["drones-2018", "deep-2023"]);
    assert!(hits[0].score > hits[1].score);
}

#[test]
fn hits_carry_display_fields() {
    let index = index();
    let hits = index.search("tehrik", &SearchOptions::default()).unwrap();
    assert_eq!(hits.len(), 1);
    let hit = &hits[0];
    assert_eq!(hit.title, "The Tehrik-i-Taliban Pakistan after Doha");
    assert_eq!(hit.year, Some(2020));
    assert_eq!(hit.first_author.as_deref(), Some("Rashid, A."));
    assert_eq!(hit.kind, WorkKind::Article);
}

#[test]
fn snippets_highlight_the_matched_words() {
    let index = index();
    let hits = index
        .search(r#""intelligence sharing" kabul"#, &SearchOptions::default())
        .unwrap();
    let snippet = &hits[0].snippet;
    let marked: Vec<&str> = snippet
        .highlights
        .iter()
        .map(|&(s, e)| &snippet.text[s..e])
        .collect();
    assert_eq!(marked, vec!["intelligence", "sharing", "Kabul"]);
    assert!(snippet.to_html().contains("<b>Kabul</b>"));
    assert!(snippet.to_terminal().contains("\x1b[1mKabul\x1b[0m"));

    // A deep full-text match: the snippet comes from the full text, cut
    // around the match.
    let hits = index
        .search("fulltext:drones", &SearchOptions::default())
        .unwrap();
    let snippet = &hits[0].snippet;
    assert!(snippet.text.starts_with('…'), "{}", snippet.text);
    let (s, e) = snippet.highlights[0];
    assert_eq!(&snippet.text[s..e], "drones");

    // Excluded words are never highlighted.
    let hits = index
        .search("durand -british", &SearchOptions::default())
        .unwrap();
    let snippet = &hits[0].snippet;
    assert!(snippet
        .highlights
        .iter()
        .all(|&(s, e)| &snippet.text[s..e] == "Durand"));

    // An author-only match shows the opening of the abstract, unmarked.
    let hits = index
        .search("author:rashid", &SearchOptions::default())
        .unwrap();
    assert!(hits[0]
        .snippet
        .text
        .starts_with("A history of the movement"));
    assert!(hits[0].snippet.highlights.is_empty());
}

#[test]
fn malformed_queries_are_errors_not_panics() {
    let index = index();
    for (query, expected) in [
        (r#""intelligence sharing"#, "quote is never closed"),
        ("(ttp OR drones", "'(' is never closed"),
        ("ttp)", "no matching '('"),
        ("year:abc", "not a year"),
        ("year:", "no value"),
        ("colour:red", "unknown field"),
        ("ttp AND", "ends where a word was expected"),
        ("AND ttp", "operator"),
        ("kind:nonsense", "unknown kind"),
        ("source_type:tertiary", "unknown source type"),
        ("ttp && OR drones", "operator"),
        ("!!!", "no searchable words"),
    ] {
        let message = query_error(&index, query);
        assert!(message.contains(expected), "{query}: {message}");
        assert!(message.contains("column"), "{query}: {message}");
    }
}

#[test]
fn blank_query_lists_everything() {
    let index = index();
    assert_eq!(ids(&index, "").len(), corpus().len());
}

#[test]
fn rebuild_is_idempotent_and_records_the_generation() {
    let index = index();
    let before = ids(&index, "ttp OR durand");
    index.rebuild(corpus(), "gen-2").unwrap();
    assert_eq!(ids(&index, "ttp OR durand"), before);
    let status = index.status().unwrap();
    assert_eq!(status.docs, corpus().len() as u64);
    assert_eq!(status.generation.as_deref(), Some("gen-2"));
    assert!(status.is_current("gen-2"));
    assert!(!status.is_current("gen-1"));
}

#[test]
fn adding_an_indexed_id_replaces_it_and_delete_removes_it() {
    let index = index();
    let mut writer = index.writer(50_000_000).unwrap();
    let mut changed = work(
        "durand-2009",
        "Fencing the frontier, revised",
        2009,
        "No line.",
    );
    changed.title.push_str(" edition");
    writer.add(&changed, None).unwrap();
    writer.delete("drones-2018");
    writer.commit().unwrap();
    assert_eq!(ids(&index, "title:revised"), vec!["durand-2009"]);
    assert!(ids(&index, r#""durand line""#).is_empty());
    assert!(ids(&index, "title:drones").is_empty());
    assert_eq!(index.status().unwrap().docs, corpus().len() as u64 - 1);
    // A commit without a generation leaves the index's state unknown.
    assert_eq!(index.status().unwrap().generation, None);
}

#[test]
fn repeated_ids_in_a_fresh_bulk_load_keep_the_last() {
    let index = SearchIndex::in_memory().unwrap();
    let mut writer = index.writer(50_000_000).unwrap();
    writer
        .add(&work("a", "first title", 2020, ""), None)
        .unwrap();
    writer
        .add(&work("a", "second title", 2020, ""), None)
        .unwrap();
    writer.commit().unwrap();
    assert_eq!(ids(&index, "title"), vec!["a"]);
    assert!(ids(&index, "first").is_empty());
}

#[test]
fn on_disk_index_persists_and_recreate_empties_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    {
        let index = SearchIndex::open_or_create(&path).unwrap();
        index.rebuild(corpus(), "disk-1").unwrap();
    }
    let index = SearchIndex::open_or_create(&path).unwrap();
    assert_eq!(
        ids(&index, "durand line"),
        vec!["durand-2009", "fence-2019"]
    );
    assert_eq!(
        index.status().unwrap().generation.as_deref(),
        Some("disk-1")
    );
    drop(index);
    let index = SearchIndex::recreate(&path).unwrap();
    assert_eq!(index.status().unwrap().docs, 0);

    // recreate refuses to delete a directory that is not an index.
    let other = dir.path().join("notes");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("thesis.md"), "mine").unwrap();
    assert!(matches!(
        SearchIndex::recreate(&other),
        Err(IndexError::NotAnIndex { .. })
    ));
    assert!(other.join("thesis.md").exists());
}

/// Excluding a phrase probes tantivy's phrase scorer in ways that trip its
/// debug assertions unless guarded; one segment per work makes every
/// segment-boundary case occur.
#[test]
fn excluded_phrases_work_in_every_segment_layout() {
    let index = SearchIndex::in_memory().unwrap();
    let mut writer = index.writer(50_000_000).unwrap();
    for (work, document) in corpus() {
        writer.add(&work, document.as_ref()).unwrap();
        writer.commit().unwrap();
    }
    assert_eq!(
        ids(&index, r#"ttp -"intelligence sharing""#),
        vec!["drones-2018"]
    );
    assert_eq!(
        ids(
            &index,
            r#"NOT "durand line" NOT "intelligence sharing" year:2019.."#
        ),
        vec!["deep-2023", "fence-2019", "reversed-2021", "ttp-2020"]
    );
    assert_eq!(
        ids(
            &index,
            r#""durand line" OR ("intelligence sharing" -"general assembly")"#
        ),
        vec!["durand-2009"]
    );
}

#[test]
fn chinese_and_arabic_text_is_found_by_any_of_its_words() {
    let index = SearchIndex::in_memory().unwrap();
    let chinese = work(
        "zh-2022",
        "阿富汗安全局势与中巴经济走廊",
        2022,
        "本文分析了二〇二一年后阿富汗的安全局势。恐怖主义威胁仍然存在。",
    );
    let arabic = work(
        "ar-2023",
        "الأمن في أفغانستان بعد الانسحاب",
        2023,
        "التهديدات الإرهابية على الحدود",
    );
    index
        .rebuild(vec![(chinese, None::<Document>), (arabic, None)], "gen-1")
        .unwrap();
    // A word inside a run of characters with no spaces, a longer one as
    // a phrase of pairs, a character alone, and a word of a spaced script.
    assert_eq!(ids(&index, "安全"), ["zh-2022"]);
    assert_eq!(ids(&index, "经济走廊"), ["zh-2022"]);
    assert_eq!(ids(&index, "title:走廊"), ["zh-2022"]);
    assert!(ids(&index, "走廊经济").is_empty(), "pairs keep their order");
    assert_eq!(ids(&index, "الحدود"), ["ar-2023"]);
}
