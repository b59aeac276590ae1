//! Citation checking on manuscripts written from the example corpus topic:
//! a clean one (no false alarm) and one with seeded errors (each found).

use std::path::Path;

use quire_cite::check::{check_file, CitationStyle, ProblemKind};
use quire_cite::parse::ReferenceParser;

/// Check a manuscript given as text, with the shipped parser.
fn check_text(text: &str) -> quire_cite::check::CheckReport {
    let refs = ReferenceParser::new().unwrap().parse_text(text).unwrap();
    quire_cite::check::check(text, refs, CitationStyle::Apa)
}

/// Each problem's kind and reference.
fn kinds(report: &quire_cite::check::CheckReport) -> Vec<(ProblemKind, Option<usize>)> {
    report
        .problems
        .iter()
        .map(|p| (p.kind, p.reference))
        .collect()
}

fn data(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

#[test]
fn clean_manuscript_has_no_problems() {
    let parser = ReferenceParser::new().unwrap();
    let report = check_file(&data("clean.md"), &parser, CitationStyle::Apa).unwrap();
    assert_eq!(report.references.len(), 10);
    assert_eq!(report.citations.len(), 13);
    assert!(report.problems.is_empty(), "{}", report.to_text());
    assert!(report.matches.iter().all(Option::is_some));
}

#[test]
fn seeded_errors_are_each_found() {
    let parser = ReferenceParser::new().unwrap();
    let report = check_file(&data("seeded.md"), &parser, CitationStyle::Apa).unwrap();
    let find = |kind: ProblemKind, needle: &str| {
        report
            .problems
            .iter()
            .find(|p| {
                p.kind == kind
                    && (p.citation.as_deref().unwrap_or("").contains(needle)
                        || p.message.contains(needle))
            })
            .unwrap_or_else(|| panic!("no {kind:?} for {needle}:\n{}", report.to_text()))
            .clone()
    };
    let p = find(ProblemKind::NameMismatch, "Siddigi");
    assert_eq!((p.line, p.reference), (4, Some(9)));
    assert_eq!(p.suggestion.as_deref(), Some("Siddiqi & Mahmood, 2021"));
    let p = find(ProblemKind::YearMismatch, "Kuchins");
    assert_eq!(p.suggestion.as_deref(), Some("Kuchins & Sanderson, 2010"));
    let p = find(ProblemKind::Ambiguous, "Okafor");
    assert_eq!(p.line, 6);
    let p = find(ProblemKind::NoReference, "Zaman");
    assert_eq!(p.reference, None);
    let p = find(ProblemKind::UncitedReference, "Lindqvist");
    assert_eq!(p.reference, Some(5));
    let p = find(ProblemKind::DuplicateReference, "9 and 11");
    assert_eq!(p.reference, Some(11));
    find(ProblemKind::Style, "Haddad");
    find(ProblemKind::Style, "Brennan and Cole");
    assert_eq!(report.problems.len(), 8, "{}", report.to_text());
}

#[test]
fn json_report_has_the_documented_shape() {
    let parser = ReferenceParser::new().unwrap();
    let report = check_file(&data("seeded.md"), &parser, CitationStyle::Apa).unwrap();
    let v = report.to_json();
    let c = &v["citations"][0];
    assert_eq!(c["text"], "Rashid, 2022");
    assert_eq!(c["line"], 4);
    assert_eq!(c["authors"][0], "Rashid");
    assert_eq!(c["year"], "2022");
    assert_eq!(c["reference"], 8);
    let r = &v["references"][7];
    assert_eq!(r["index"], 8);
    assert_eq!(r["authors"][0], "Rashid");
    let p = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "name_mismatch")
        .unwrap();
    assert_eq!(p["citation"], "Siddigi & Mahmood, 2021");
    assert_eq!(p["reference"], 9);
    let nr = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "no_reference")
        .unwrap();
    assert!(nr["reference"].is_null());
}

#[test]
fn numeric_citations_match_numbered_lists() {
    let text = "Trade fell [1], then rose [2\u{2013}3] and [5].\n\nReferences\n\n[1] Ruiz, A. (2017). Borders of trade. Journal of Peace, 3(1), 1-9.\n[2] Okafor, B. (2021). Water wars. Routledge.\n[3] Haddad, R. (2020). Oil and state. Polity.\n[4] Cole, M. (2018). Unused work. Polity.\n";
    let report = check_text(text);
    let kinds = kinds(&report);
    assert_eq!(
        kinds,
        vec![
            (ProblemKind::NoReference, None),
            (ProblemKind::UncitedReference, Some(4))
        ]
    );
}

#[test]
fn a_reference_without_year_and_with_a_dash_far_in_is_checked() {
    // No year: the first 120 bytes are read as the author zone, and here
    // byte 120 falls inside the em dash.
    let title = "The effectiveness of computer reminders for improving quality assessment \
                 for point-of-care testing in general practice\u{2014}A randomized controlled trial.";
    assert!(!title.is_char_boundary(120));
    let text = format!("Reminders work (Smith, 2020).\n\nReferences\n\n{title} (n.d.).\n");
    let report = check_text(&text);
    assert_eq!(report.citations.len(), 1);
}

#[test]
fn year_letters_after_z_match_their_own_reference() {
    // The 27th and 28th works of one author-year are 2021aa and 2021ab.
    let text = "Strikes rose (The White House, 2021z; The White House, 2021aa). \
                Talks failed (The White House, 2021ab).\n\nReferences\n\n\
                The White House. (2021z, March 2). Statement on strikes. The White House.\n\
                The White House. (2021aa, March 9). Statement on more strikes. The White House.\n\
                The White House. (2021ab, May 1). Statement on the talks. The White House.\n";
    let parser = ReferenceParser::new().unwrap();
    let refs = parser.parse_text(text).unwrap();
    let suffixes: Vec<Option<&str>> = refs.iter().map(|r| r.year_suffix.as_deref()).collect();
    assert_eq!(suffixes, [Some("z"), Some("aa"), Some("ab")]);
    let report = quire_cite::check::check(text, refs, CitationStyle::Apa);
    assert_eq!(report.matches, [Some(1), Some(2), Some(3)]);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

#[test]
fn names_in_scripts_without_capitals_are_cited_and_matched() {
    let text = "Attacks rose (الخطيب, 2023). The corridor matters (王, 2022).\n\n\
                References\n\n\
                الخطيب, أحمد. (2023). الأمن في أفغانستان بعد الانسحاب.\n\
                王伟. (2022). 阿富汗安全局势与中巴经济走廊. 国际问题研究.\n";
    let report = check_text(text);
    assert_eq!(report.matches, [Some(1), Some(2)], "{:?}", report.citations);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

#[test]
fn a_long_title_cited_for_an_authorless_work_is_matched() {
    // The cited words run past the first 120 bytes of the entry.
    let text = "Fit matters (\u{201c}Examining the Relationship Between Individual Characteristics, Product Characteristics, and Media Richness Fit on Consumer Channel\u{2026}\u{201d}, n.d.).\n\n\
                References\n\n\
                *Examining the Relationship Between Individual Characteristics, Product Characteristics, and Media Richness Fit on Consumer Channel Preference*. (n.d.).\n\n\
                *Examining the Relationship Between Individual Characteristics and Trust*. (n.d.).\n";
    let report = check_text(text);
    assert_eq!(report.matches, [Some(1)], "{:?}", report.problems);
}

#[test]
fn a_quoted_title_with_parentheses_stays_one_citation() {
    let text = "Formats vary (\u{201c}EPC markup language (EPML)\u{2026}\u{201d}, n.d.). \
                As one report put it, \u{201c}the fence held (Khan, 2021)\u{201d} for a year. \
                An \u{201c}open quote (Ali, 2020) never closes.\n\n\
                References\n\n\
                *EPC markup language (EPML): an XML-based interchange format*. (n.d.).\n\n\
                Khan, A. (2021). Border fencing. Asian Survey.\n\n\
                Ali, B. (2020). Open quotes. Polity.\n";
    let report = check_text(text);
    assert_eq!(
        report.matches,
        [Some(1), Some(2), Some(3)],
        "{:?}",
        report.citations
    );
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

#[test]
fn unreadable_manuscript_is_an_error_naming_the_file() {
    let parser = ReferenceParser::new().unwrap();
    let err = check_file(
        Path::new("/nonexistent/draft.md"),
        &parser,
        CitationStyle::Apa,
    )
    .unwrap_err();
    assert!(err.to_string().contains("/nonexistent/draft.md"));
}

/// A real, openly licensed paper (see tests/data/SOURCES.md): every
/// citation matched, every reference cited, nothing flagged but the APA
/// style points of a journal that does not use APA.
#[test]
fn a_real_statistics_paper_checks_clean() {
    let parser = ReferenceParser::new().unwrap();
    let report = check_file(&data("lmer.pdf"), &parser, CitationStyle::None).unwrap();
    assert_eq!(report.references.len(), 46, "{}", report.to_text());
    assert!(report.citations.len() >= 50, "{}", report.to_text());
    assert!(
        report.matches.iter().all(Option::is_some),
        "{}",
        report.to_text()
    );
    assert!(report.problems.is_empty(), "{}", report.to_text());
    let apa = check_file(&data("lmer.pdf"), &parser, CitationStyle::Apa).unwrap();
    assert!(apa.problems.iter().all(|p| p.kind == ProblemKind::Style));
}

/// A manuscript in the notes-and-bibliography style: its notes cite by
/// author and title, and their parentheses hold publication facts.
#[test]
fn notes_that_name_author_and_title_cite_the_work() {
    let text = "# Border politics after 2021\n\n\
        Pakistan fenced the border after 2017.[^1] Trade through Torkham fell by half,[^2] \
        and the Taliban denied hosting the TTP.[^3]\n\n\
        [^1]: Ahmed Rashid, *Descent into Chaos* (New York: Viking, 2008), 45.\n\
        [^2]: Ayesha Siddiqi and Kamran Mahmood, \"Pakistan's Western Border Policy,\" \
        *Strategic Studies* 41, no. 4 (2021): 1–19.\n\
        [^3]: Rashid, *Descent into Chaos*, 50.\n\n\
        ## Bibliography\n\n\
        Haddad, Rami. *The Durand Line: Border, State and Society*. Oxford: Oxford University Press, 2020.\n\n\
        Rashid, Ahmed. *Descent into Chaos: The United States and the Failure of Nation Building*. \
        New York: Viking, 2008.\n\n\
        Siddiqi, Ayesha, and Kamran Mahmood. \"Pakistan's Western Border Policy after the US \
        Withdrawal.\" *Strategic Studies* 41, no. 4 (2021): 1–19.\n";
    let report = check_text(text);
    // Only the work no note names is reported, and "(New York: Viking,
    // 2008)" is no citation.
    assert_two_of_three_cited_in_notes(&report);
    assert!(report.to_text().contains("2 references cited in notes"));
}

/// A numbered list's entries name their own authors and titles: they are
/// no notes, and an uncited entry is still reported.
#[test]
fn a_numbered_lists_entries_are_no_notes() {
    let text = "Fencing grew [1].\n\nReferences\n\n\
        1. Rashid A. Descent into chaos. New York: Viking; 2008.\n\
        2. Haddad R. The Durand Line: border, state and society. Oxford: OUP; 2020.\n";
    let report = check_text(text);
    assert!(report.cited_in_notes.is_empty());
    let uncited: Vec<Option<usize>> = report
        .problems
        .iter()
        .filter(|p| p.kind == ProblemKind::UncitedReference)
        .map(|p| p.reference)
        .collect();
    assert_eq!(uncited, [Some(2)], "{}", report.to_text());
}

/// The notes style in a PDF: the page's footnotes ("1Ahmed Rashid, …")
/// stand under the bibliography; they are notes, not entries, and they
/// cite two of its three works.
#[test]
fn a_pdf_in_the_notes_style_checks_right() {
    let parser = ReferenceParser::new().unwrap();
    let report = check_file(&data("notes-style.pdf"), &parser, CitationStyle::Apa).unwrap();
    assert_two_of_three_cited_in_notes(&report);
}

/// The notes-style manuscripts' outcome: of three works, notes cite the
/// second and third, and only the first is reported, as uncited.
fn assert_two_of_three_cited_in_notes(report: &quire_cite::check::CheckReport) {
    assert_eq!(report.references.len(), 3, "{}", report.to_text());
    assert_eq!(report.cited_in_notes, [2, 3], "{}", report.to_text());
    assert_eq!(
        kinds(report),
        [(ProblemKind::UncitedReference, Some(1))],
        "{}",
        report.to_text()
    );
}

#[test]
fn an_authorless_work_whose_title_holds_its_year_is_cited_by_its_title() {
    // Works named after their files ("ungdc-2016-tuv.txt"): the year
    // inside the title is not where the author zone ends.
    let text =
        "One (\u{201c}ungdc-2016-tuv\u{201d}, 2016), two (\u{201c}ungdc-2016-jam\u{201d}, 2016) \
                and three (\u{201c}Budget 2024\u{201d}, 2024).\n\n## References\n\n\
                Budget 2024. (2024). Ministry of Finance.\n\n\
                ungdc-2016-jam. (2016).\n\nungdc-2016-tuv. (2016).\n";
    let report = check_text(text);
    assert_eq!(kinds(&report), vec![], "{:?}", report.problems);
    assert_eq!(report.matches, [Some(3), Some(2), Some(1)]);
}

#[test]
fn organisations_by_abbreviation_and_undated_narrative_citations_match() {
    // "International Crisis Group [ICG]" introduces an abbreviation; UNAMA
    // is the initials of a name with "in" in it; "Rashid (n.d.)" is a
    // narrative citation of an undated work; a name runs on over "in".
    let parser = ReferenceParser::new().unwrap();
    let report = check_file(&data("org-abbreviations.md"), &parser, CitationStyle::Apa).unwrap();
    let cited: Vec<(String, Option<usize>)> = report
        .citations
        .iter()
        .zip(&report.matches)
        .map(|(c, m)| (c.text.clone(), *m))
        .collect();
    for (text, reference) in [
        ("International Crisis Group [ICG], 2022", 2),
        ("ICG, 2022", 2),
        ("UNAMA (2023)", 8),
        ("United Nations Assistance Mission in Afghanistan (2024)", 9),
        ("Rashid (n.d.)", 4),
    ] {
        assert!(
            cited.contains(&(text.to_string(), Some(reference))),
            "{text}: {cited:?}"
        );
    }
    // Only the seeded error is reported.
    assert_eq!(
        kinds(&report),
        vec![(ProblemKind::YearMismatch, Some(10))],
        "{}",
        report.to_text()
    );
}

#[test]
fn style_points_and_a_heading_over_a_narrative_citation() {
    // "# Style" over "Yousaf & Bano (2022)" is no part of the names; each
    // APA point is reported once, the misspelt names as near matches.
    let parser = ReferenceParser::new().unwrap();
    let report = check_file(&data("style-points.md"), &parser, CitationStyle::Apa).unwrap();
    let style: Vec<(usize, &str)> = report
        .problems
        .iter()
        .filter(|p| p.kind == ProblemKind::Style)
        .map(|p| (p.line, p.suggestion.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        style,
        [
            (3, "Yousaf and Bano (2022)"),
            (3, "Yousaf & Bano, 2022"),
            (4, "Haddad et al., 2020"),
            (5, "Khan, 2020"),
            (5, "Ali, 2021"),
        ],
        "{}",
        report.to_text()
    );
    let near: Vec<&str> = report
        .problems
        .iter()
        .filter(|p| p.kind == ProblemKind::NameMismatch)
        .filter_map(|p| p.suggestion.as_deref())
        .collect();
    assert_eq!(near, ["Siddiqa, 2019", "Siddiqa, 2019"]);
    // "(Ruiz, 2017: 5)": a page after a colon.
    assert_eq!(report.citations.len(), 10);
}

#[test]
fn year_letters_the_list_lacks_or_does_not_have_are_reported() {
    let parser = ReferenceParser::new().unwrap();
    let report = check_file(&data("year-letters.md"), &parser, CitationStyle::Apa).unwrap();
    let found: Vec<(ProblemKind, usize, &str)> = report
        .problems
        .iter()
        .map(|p| (p.kind, p.line, p.suggestion.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        found,
        [
            (ProblemKind::YearMismatch, 5, "UNHCR, 2023a"),
            (ProblemKind::Style, 5, "Brennan and Cole (2018)"),
            (ProblemKind::YearMismatch, 6, "Mahsud, 2021"),
            (
                ProblemKind::DuplicateReference,
                12,
                "remove it; it repeats reference 1"
            ),
        ],
        "{}",
        report.to_text()
    );
    assert!(report.problems[0]
        .message
        .contains("2023a, 2023b, not 2023c"));
    // "Mahsud (2021a)" still finds its reference.
    assert_eq!(report.matches.iter().filter(|m| m.is_some()).count(), 9);
}

/// A Chicago author–date manuscript: no comma before the year, bare pages
/// after it, "and" inside brackets. Its citations all match, APA's style
/// points are not held against it (and it says so), and a swapped pair
/// of letters is a misspelt name, not a missing reference.
#[test]
fn a_chicago_manuscript_is_checked_without_apa_style_points() {
    let text = "# Draft\n\nThe army fights to the end (Fair 2014, 45). A bargain was proposed \
        (Rubin and Rashid 2008; Jones 2007). Yusuf (2014) collects the views. Khan (2022, 50) \
        describes the fence. Others disagree (Fiar 2014).\n\nBibliography\n\n\
        Fair, C. Christine. 2014. *Fighting to the End: The Pakistan Army's Way of War*. Oxford: Oxford University Press.\n\n\
        Jones, Seth G. 2007. \"Pakistan's Dangerous Game.\" *Survival* 49 (1): 15–32.\n\n\
        Rubin, Barnett R., and Ahmed Rashid. 2008. \"From Great Game to Grand Bargain.\" *Foreign Affairs* 87 (6): 30–44.\n\n\
        Yusuf, Moeed, ed. 2014. *Pakistan's Counterterrorism Challenge*. Washington, DC: Georgetown University Press.\n\n\
        Khan, Ayesha. 2022. \"Border Fencing and Its Discontents.\" In *The Durand Line Revisited*, edited by Imran Ali and Sara Malik, 45–67. Karachi: Oxford University Press.\n";
    let report = check_text(text);
    assert_eq!(report.citations.len(), 6);
    assert_eq!(
        kinds(&report),
        [(ProblemKind::NameMismatch, Some(1))],
        "{}",
        report.to_text()
    );
    assert!(report.style_note.is_some());
    assert_eq!(report.citations[0].locator.as_deref(), Some("45"));
}
