//! End-to-end: write the report of the small fixture review and check
//! every file a reader gets.

mod fixture;

use quire_report::{write_report, PrismaCounts, ReportFiles, ReportInput};
use serde_json::Value;

fn write(works: &[quire_model::Work]) -> (tempfile::TempDir, ReportFiles) {
    write_with(works, |_| {})
}

/// The report of the fixture with hand codes among the codings and,
/// if given, the encoder the trained coder read.
fn write_hand_coded(encoder: Option<&str>) -> String {
    let mut codings = fixture::codings();
    let first = codings[0].clone();
    codings.push(quire_model::Coding::manual(
        first.work_id,
        first.passage,
        first.category,
        "ana".into(),
    ));
    let (_dir, files) = write_report_of(&fixture::works(), &codings, encoder, |_| {});
    read(&files.markdown)
}

/// [`write`], with the synthesis changed by `edit` first.
fn write_with(
    works: &[quire_model::Work],
    edit: impl FnOnce(&mut quire_synthesis::Synthesis),
) -> (tempfile::TempDir, ReportFiles) {
    write_report_of(works, &fixture::codings(), None, edit)
}

fn write_report_of(
    works: &[quire_model::Work],
    codings: &[quire_model::Coding],
    encoder: Option<&str>,
    edit: impl FnOnce(&mut quire_synthesis::Synthesis),
) -> (tempfile::TempDir, ReportFiles) {
    let protocol = fixture::protocol();
    let passages = fixture::passages();
    let mut synthesis = fixture::synthesis(&protocol, works);
    edit(&mut synthesis);
    let prisma = PrismaCounts {
        identified: 9,
        duplicates_removed: 2,
        screened: 7,
        excluded: 2,
        exclusion_reasons: vec![("off topic".into(), 2)],
        included: 5,
        fulltext_assessed: None,
    };
    let input = ReportInput {
        protocol: &protocol,
        works,
        passages: &passages,
        codings,
        synthesis: &synthesis,
        prisma: &prisma,
        encoder,
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let files = write_report(&input, &dir.path().join("out")).expect("report written");
    (dir, files)
}

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn writes_every_file() {
    let (_dir, files) = write(&fixture::works());
    let names: Vec<String> = files
        .all()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for expected in [
        "report.html",
        "report.md",
        "evidence.csv",
        "evidence.xlsx",
        "references.bib",
        "references.ris",
        "references.json",
        "references.txt",
        "prisma.svg",
        "timeline.svg",
        "themes.svg",
        "source-types.svg",
        "actors.svg",
        "synthesis.json",
    ] {
        assert!(
            names.contains(&expected.to_string()),
            "{expected} not written"
        );
    }
    for p in files.all() {
        assert!(
            std::fs::metadata(p).unwrap().len() > 100,
            "{} is nearly empty",
            p.display()
        );
    }
    assert!(files
        .charts
        .iter()
        .all(|c| c.parent().unwrap().ends_with("charts")));
}

#[test]
fn html_is_self_contained_and_has_every_section() {
    let (_dir, files) = write(&fixture::works());
    let html = read(&files.html);
    let lower = html.to_lowercase();
    for external in [
        "src=",
        "href=\"http",
        "href='http",
        "<link",
        "@import",
        "url(http",
        "<script",
    ] {
        assert!(!lower.contains(external), "external resource: {external}");
    }
    for id in [
        "protocol",
        "prisma",
        "corpus",
        "evidence",
        "synthesis",
        "themes",
        "debates",
        "gaps",
        "sources",
        "actors",
        "references",
    ] {
        assert!(
            html.contains(&format!("<section id=\"{id}\">")),
            "section {id} missing"
        );
        assert!(
            html.contains(&format!("href=\"#{id}\"")),
            "toc entry {id} missing"
        );
    }
    assert_eq!(html.matches("<svg").count(), 5, "five inline charts");
    // Both sides of the debate, quoted and cited.
    assert!(html.contains("Pakistan accuses elements in Afghanistan"));
    assert!(html.contains("The Islamic Emirate denies"));
    assert!(html.contains("(Islamic Emirate of Afghanistan, 2023)"));
    // An accusation answered but not voiced: under Debates, and named
    // among the gaps.
    assert!(html.contains("<h3>Accusations answered but not voiced</h3>"));
    assert!(html.contains(
        "Pakistan · accuser: India · Post-withdrawal threat landscape · 2 sentences in 1 work"
    ));
    assert!(html.contains(
        "No included work voices the accusations Pakistan answers (accusers it names: India)"
    ));
    // Thin cells are highlighted.
    assert_eq!(html.matches("class=\"num thin\"").count(), 2);
    // The APA list with italics from CSL.
    assert!(html.contains("<i>Journal of Strategic Studies</i>, <i>45</i>(2), 201–229."));
    // The written synthesis cites with pages, before the final period.
    assert!(html.contains("cross-border attacks” (Khan &amp; Ali, 2022, p. 203)."));
}

#[test]
fn text_from_sources_is_escaped() {
    let mut works = fixture::works();
    works[0].title = "<script>alert('x')</script> & the TTP".into();
    let (_dir, files) = write(&works);
    let html = read(&files.html);
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; the TTP"));
    let md = read(&files.markdown);
    assert!(md.contains("\\<script\\>"));
    let bib = read(&files.references[0]);
    assert!(bib.contains("\\&"), "BibTeX escapes the ampersand: {bib}");
}

#[test]
fn markdown_has_the_same_sections_and_tables() {
    let (_dir, files) = write(&fixture::works());
    let md = read(&files.markdown);
    assert!(md.starts_with("# Pakistan–Afghanistan security cooperation"));
    for title in [
        "## 1. Protocol and selection",
        "## 7. Debates",
        "## 11. References",
    ] {
        assert!(md.contains(title), "{title} missing");
    }
    assert!(md.contains("![PRISMA-style flow of records through the review](charts/prisma.svg)"));
    assert!(md.contains("| Category | 2022 | 2023 | 2024 |"));
    assert!(md.contains("**0** ⚠"));
    assert!(md.contains("*Journal of Strategic Studies*, *45*(2), 201–229."));
}

#[test]
fn evidence_csv_has_one_row_per_coding_of_included_works() {
    let (_dir, files) = write(&fixture::works());
    let mut reader = csv::Reader::from_path(&files.evidence_csv).unwrap();
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "work_id");
    assert_eq!(&headers[13], "quote");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // 11 codings, one of them on rashid2008, which is outside the selection.
    assert_eq!(rows.len(), 10);
    assert!(rows.iter().all(|r| &r[0] != "rashid2008"));
    let first = &rows[0];
    assert_eq!(&first[0], "khan2022");
    assert_eq!(&first[1], "(Khan & Ali, 2022)");
    assert_eq!(&first[4], "threat_landscape");
    assert_eq!(&first[8], "TTP; safe havens");
    assert_eq!(&first[10], "203");
    assert!(first[13].starts_with("Since the Taliban takeover"));
    // Ordered by work (report order), then passage, then category.
    let icg: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| &r[0] == "icg2022")
        .map(|r| (&r[9], &r[4]))
        .collect();
    assert_eq!(
        icg,
        [
            ("0", "cooperation_initiatives"),
            ("0", "challenges_opportunities"),
            ("1", "cooperation_initiatives")
        ]
    );
}

#[test]
fn xlsx_has_three_sheets_with_the_expected_rows() {
    let (_dir, files) = write(&fixture::works());
    let bytes = std::fs::read(&files.evidence_xlsx).unwrap();
    assert_eq!(&bytes[..2], b"PK", "an xlsx is a zip archive");
    let workbook = zip_entry(&bytes, "xl/workbook.xml");
    for sheet in ["evidence", "matrix", "sources"] {
        assert!(
            workbook.contains(&format!("name=\"{sheet}\"")),
            "sheet {sheet} missing"
        );
    }
    // Header + 10 evidence rows; header + 5 works in the matrix and sources.
    assert_eq!(
        zip_entry(&bytes, "xl/worksheets/sheet1.xml")
            .matches("<row ")
            .count(),
        11
    );
    assert_eq!(
        zip_entry(&bytes, "xl/worksheets/sheet2.xml")
            .matches("<row ")
            .count(),
        6
    );
    assert_eq!(
        zip_entry(&bytes, "xl/worksheets/sheet3.xml")
            .matches("<row ")
            .count(),
        6
    );
    assert!(zip_entry(&bytes, "xl/worksheets/sheet1.xml").contains("state=\"frozen\""));
    // The matrix's counts carry their strongest passage as a note.
    let notes = zip_entry(&bytes, "xl/comments1.xml");
    assert!(notes.contains("Strongest: "), "{notes}");
}

#[test]
fn evidence_matrix_counts_show_their_strongest_passage() {
    let (_dir, files) = write(&fixture::works());
    let html = read(&files.html);
    let matrix = &html[html.find("id=\"evidence\"").unwrap()..];
    let cell = matrix
        .split("<td class=\"num\" title=\"")
        .nth(1)
        .expect("a count with a tip");
    assert!(
        cell.starts_with("Strongest: “"),
        "{}",
        &cell[..cell.len().min(200)]
    );
}

/// Read one member of a zip archive (stored or deflated) with the zip
/// crate that rust_xlsxwriter already depends on.
fn zip_entry(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    out
}

#[test]
fn csl_json_items_have_the_required_keys() {
    let (_dir, files) = write(&fixture::works());
    let json: Value = serde_json::from_str(&read(&files.references[2])).unwrap();
    let items = json.as_array().unwrap();
    assert_eq!(items.len(), 5);
    for item in items {
        for key in ["id", "type", "title", "issued"] {
            assert!(item.get(key).is_some(), "{key} missing in {item}");
        }
    }
    let khan = items.iter().find(|i| i["id"] == "khan2022").unwrap();
    assert_eq!(khan["type"], "article-journal");
    assert_eq!(khan["author"][0]["family"], "Khan");
    assert_eq!(khan["author"][0]["given"], "Ayesha");
    assert_eq!(khan["issued"]["date-parts"][0][0], 2022);
    assert_eq!(khan["container-title"], "Journal of Strategic Studies");
    assert_eq!(khan["DOI"], "10.1080/01402390.2022.0000001");
    let mofa = items.iter().find(|i| i["id"] == "mofa2023").unwrap();
    assert_eq!(
        mofa["author"][0]["literal"],
        "Ministry of Foreign Affairs of Pakistan"
    );
    assert_eq!(mofa["URL"], "https://mofa.gov.pk/statement-2023-03");
    // A format's type code is no genre; a front-matter label is spelt out.
    assert!(khan.get("genre").is_none(), "{khan}");
    assert_eq!(mofa["genre"], "Official statement");
}

#[test]
fn apa_text_list_is_sorted_and_complete() {
    let (_dir, files) = write(&fixture::works());
    let txt = read(&files.references[3]);
    let entries: Vec<&str> = txt.split("\n\n").filter(|e| !e.trim().is_empty()).collect();
    assert_eq!(entries.len(), 5);
    assert!(entries[0].starts_with("International Crisis Group. (2022)."));
    assert_eq!(
        entries[4],
        "Yusufzai, M. (2024). Torkham reopens after border talks. Dawn."
    );
    let ris = read(&files.references[1]);
    assert_eq!(ris.matches("ER  - ").count(), 5);
    assert!(ris.contains("TY  - NEWS\nID  - dawn2024"));
}

#[test]
fn works_outside_the_selection_are_named_not_cited() {
    let (_dir, files) = write(&fixture::works());
    let md = read(&files.markdown);
    let row = md
        .lines()
        .find(|l| l.contains("| out |"))
        .expect("the excluded work has a row in the selection table");
    assert!(row.starts_with("| *Descent into chaos* |"), "{row}");
    // Nowhere is the excluded work cited: it is not in the reference list.
    assert!(!md.contains("(Rashid, 2008)"), "cited though not listed");
}

#[test]
fn tables_name_works_by_citation_and_title() {
    let (_dir, files) = write(&fixture::works());
    let md = read(&files.markdown);
    // Selection table and evidence matrix: two organisations' works of one
    // year must be told apart without the reference list.
    let label = "(Khan & Ali, 2022) *The TTP after the fall of Kabul*";
    let rows = md
        .lines()
        .filter(|l| l.starts_with(&format!("| {label} |")));
    assert_eq!(rows.count(), 2, "selection table and evidence matrix");
}

#[test]
fn interests_an_actor_states_itself_are_marked() {
    let (_dir, files) = write(&fixture::works());
    let md = read(&files.markdown);
    assert!(md.contains(
        "- seek a peaceful, stable and connected Afghanistan — in its own words (Ministry of Foreign Affairs of Pakistan, 2023)"
    ), "{}", md.lines().filter(|l| l.contains("connected Afghanistan")).collect::<Vec<_>>().join("\n"));
    assert!(md.contains("- wants stability on the CPEC route (International Crisis Group, 2022"));
}

#[test]
fn a_debated_category_points_to_both_sides_under_its_summary() {
    let (_dir, files) = write(&fixture::works());
    let md = read(&files.markdown);
    let synthesis = &md[md
        .find("## 5. Synthesis by category")
        .expect("synthesis section")..];
    let synthesis = &synthesis[..synthesis.find("\n## 6.").unwrap_or(synthesis.len())];
    let notes: Vec<&str> = synthesis
        .lines()
        .filter(|l| l.starts_with("*Debated between the sources"))
        .collect();
    assert_eq!(notes.len(), 1, "{synthesis}");
    assert!(
        notes[0].contains("Tehrik-i-Taliban Pakistan, (") && notes[0].contains(") against ("),
        "{}",
        notes[0]
    );
}

#[test]
fn interests_off_the_subject_are_counted_not_listed() {
    let (_dir, files) = write(&fixture::works());
    let md = read(&files.markdown);
    assert!(!md.contains("panda trade"), "an aside is listed");
    assert!(
        md.contains("1 more in synthesis.json, found in passages coded with no category"),
        "{}",
        md.lines()
            .filter(|l| l.contains("synthesis.json"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn source_types_without_unknowns_show_no_unknown_column() {
    let (_dir, files) = write(&fixture::works());
    let md = read(&files.markdown);
    let header = md
        .lines()
        .find(|l| l.starts_with("| Category | Primary passages |"))
        .expect("the source-type table");
    assert!(!header.contains("Unknown"), "{header}");
    let svg = std::fs::read_to_string(
        files
            .charts
            .iter()
            .find(|p| p.ends_with("source-types.svg"))
            .unwrap(),
    )
    .unwrap();
    assert!(!svg.contains(">unknown<"), "legend has unknown");
}

#[test]
fn a_large_review_lists_the_rule_per_work_in_an_appendix() {
    let (_dir, files) = write(&fixture::works());
    let md = read(&files.markdown);
    assert!(md.contains("### The rule applied to each work"));
    assert!(!md.contains("Appendix"));

    let (_dir, files) = write_with(&fixture::works(), |s| {
        add_recency(s, "old", 40, 2001, quire_synthesis::RecencyStatus::Out)
    });
    let md = read(&files.markdown);
    assert!(!md.contains("### The rule applied to each work"));
    assert!(md.contains("The rule applied to each of the 46 works is listed in the appendix"));
    let appendix = md.find("## 12. Appendix").expect("appendix section");
    assert!(appendix > md.find("## 11. References").expect("references"));
    assert!(
        md[appendix..].contains("| old-39 |"),
        "every work has its row"
    );
}

#[test]
fn a_review_of_many_works_puts_its_evidence_matrix_in_an_appendix() {
    let mut works = fixture::works();
    let template = works[0].clone();
    for i in 0..100 {
        let mut w = template.clone();
        w.id = format!("extra-{i}");
        w.title = format!("Extra work {i}");
        works.push(w);
    }
    let (_dir, files) = write_with(&works, |s| {
        add_recency(
            s,
            "extra",
            100,
            2022,
            quire_synthesis::RecencyStatus::Recent,
        )
    });
    let md = read(&files.markdown);
    let findings = &md[md.find("## 4. Evidence matrix").expect("section")..];
    let findings = &findings[..findings.find("## 5.").expect("next section")];
    assert!(
        findings.contains("| Category | Works | Passages | Most passages |"),
        "{findings}"
    );
    assert!(
        !findings.contains("Extra work"),
        "no per-work rows among the findings"
    );
    // Section numbers depend on whether citation problems got a section.
    let heading = |title: &str| {
        md.lines()
            .position(|l| l.starts_with("## ") && l.ends_with(title))
            .unwrap_or_else(|| panic!("no heading {title}"))
    };
    assert!(heading(". Appendix: evidence matrix") > heading(". References"));
}

/// `n` more works `{prefix}-{i}` of `year` in the selection table.
fn add_recency(
    s: &mut quire_synthesis::Synthesis,
    prefix: &str,
    n: usize,
    year: i32,
    status: quire_synthesis::RecencyStatus,
) {
    for i in 0..n {
        s.recency.works.push(quire_synthesis::RecencyEntry {
            work_id: format!("{prefix}-{i}"),
            year: Some(year),
            cited_by: 0,
            status,
            selected: status != quire_synthesis::RecencyStatus::Out,
            reason: format!("from {year}"),
        });
    }
}

#[test]
fn a_selection_that_kept_no_work_includes_none() {
    let (_dir, files) = write_with(&fixture::works(), |s| {
        s.works.clear();
        s.evidence.cells.clear();
        for entry in &mut s.recency.works {
            entry.status = quire_synthesis::RecencyStatus::Out;
            entry.selected = false;
        }
    });
    let md = read(&files.markdown);
    assert!(md.contains("No work is included in the review"), "{md}");
    assert!(md.contains("*0 works, APA 7th edition"));
    // The fixture's hand-made synthesis still quotes works; only the list
    // and the matrix follow the selection here.
    assert_eq!(files.citation_check.references, 0);
}

#[test]
fn a_title_holding_a_year_is_no_citation() {
    let mut works = fixture::works();
    works[0].title = "Statement by Pakistan in the General Debate (2021)".into();
    let (_dir, files) = write(&works);
    let md = read(&files.markdown);
    assert!(md.contains("*Statement by Pakistan in the General Debate (2021)*"));
    assert!(
        !files
            .citation_check
            .report
            .citations
            .iter()
            .any(|c| c.text.contains("Debate")),
        "{:?}",
        files.citation_check.problems
    );
}

#[test]
fn with_no_debate_the_answered_accusations_are_announced() {
    let (_dir, files) = write_with(&fixture::works(), |s| s.debates.debates.clear());
    let md = read(&files.markdown);
    assert!(
        md.contains("No opposing positions were found between the included works; below are"),
        "{md}"
    );
    assert!(md.contains("### Accusations answered but not voiced"));
    let (_dir, files) = write_with(&fixture::works(), |s| {
        s.debates.debates.clear();
        s.debates.unvoiced.clear();
    });
    let md = read(&files.markdown);
    assert!(md.contains("No opposing positions were found between the included works.\n"));
    assert!(!md.contains("Accusations answered but not voiced"));
}

#[test]
fn the_methods_say_how_passages_were_coded() {
    let (_dir, files) = write(&fixture::works());
    let md = read(&files.markdown);
    assert!(
        md.contains("Passages were coded automatically against this framework"),
        "{md}"
    );
    assert!(md.contains("No passage was coded by hand."));
    let trained = write_hand_coded(None);
    assert!(
        trained.contains("1 passage was given categories by hand (by ana)")
            && trained.contains("over each passage's words and codebook score"),
        "{trained}"
    );
    let embedded = write_hand_coded(Some("all-MiniLM-L6-v2"));
    assert!(
        embedded.contains("sentence embedding (all-MiniLM-L6-v2) and codebook score"),
        "{embedded}"
    );
}
