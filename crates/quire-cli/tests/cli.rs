//! End-to-end tests of the `quire` binary on small reviews made in temp dirs.

use assert_cmd::Command;
use std::path::Path;

fn quire(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("quire").unwrap();
    cmd.arg("-C").arg(dir).arg("-q");
    cmd
}

fn status_json(dir: &Path) -> serde_json::Value {
    let out = quire(dir)
        .args(["status", "--format", "json"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

fn search_json(dir: &Path, query: &str) -> serde_json::Value {
    let out = quire(dir)
        .args(["search", query, "--format", "json"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A new review holding the two RIS records, imported.
fn imported_review(tmp: &Path) -> std::path::PathBuf {
    let dir = init(tmp);
    std::fs::write(dir.join("sources/a.ris"), RIS).unwrap();
    quire(&dir).arg("import").assert().success();
    dir
}

fn init(tmp: &Path) -> std::path::PathBuf {
    let dir = tmp.join("rev");
    Command::cargo_bin("quire")
        .unwrap()
        .arg("init")
        .arg(&dir)
        .assert()
        .success();
    dir
}

/// `quire -C DIR import` with its summary (not quiet).
fn import_verbose(dir: &Path) -> std::process::Output {
    Command::cargo_bin("quire")
        .unwrap()
        .arg("-C")
        .arg(dir)
        .arg("import")
        .output()
        .unwrap()
}

/// Exit status 0, or the test fails showing what quire printed on stderr.
fn assert_success(out: &std::process::Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `quire -q review DIR`, which must succeed.
fn review(dir: &Path) {
    let out = Command::cargo_bin("quire")
        .unwrap()
        .args(["-q", "review"])
        .arg(dir)
        .output()
        .unwrap();
    assert_success(&out);
}

const RIS: &str = "TY  - JOUR\r\nAU  - Siddiqi, Ayesha\r\nTI  - Border fencing and the Durand Line\r\nPY  - 2021\r\nJO  - Asian Survey\r\nAB  - Pakistan fenced the Durand Line after 2017.\r\nER  - \r\n\r\nTY  - RPRT\r\nAU  - Rashid, Ahmed\r\nTI  - Intelligence sharing against the TTP\r\nPY  - 2023\r\nER  - \r\n";

const BIB: &str = "@article{siddiqi2021,\n  author = {Siddiqi, Ayesha},\n  title = {Border Fencing and the {Durand} Line},\n  journal = {Asian Survey},\n  year = {2021}\n}\n\n@article{broken,\n  author = {Nobody},\n  title = {Unclosed\n\n@book{khan2019,\n  author = {Khan, Imran and M{\\\"u}ller, Jan},\n  title = {Strategic Depth Revisited},\n  year = {2019},\n  publisher = {Oxford University Press}\n}\n";

#[test]
fn init_import_status_search_and_reimport() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = init(tmp.path());
    std::fs::write(dir.join("sources/a.ris"), RIS).unwrap();
    std::fs::write(dir.join("sources/b.bib"), BIB).unwrap();

    // The malformed BibTeX entry is skipped and reported; exit status 1.
    let out = quire(&dir).arg("import").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("sources/b.bib:"),
        "skip names the file and line: {stdout}"
    );
    assert!(stdout.contains("1 duplicates merged"), "{stdout}");

    let s = status_json(&dir);
    assert_eq!(s["works"], 3, "{s}");
    assert_eq!(s["duplicates_merged"], 1);
    assert_eq!(s["index"]["current"], true);

    let h = search_json(&dir, "durand line");
    assert_eq!(h.as_array().unwrap().len(), 1, "{h}");
    let h = search_json(
        &dir,
        "\"intelligence sharing\" AND (TTP OR \"Tehrik-i-Taliban\") year:2019..",
    );
    assert_eq!(h[0]["title"], "Intelligence sharing against the TTP", "{h}");
    // The table piped: matched words marked **so**, no terminal escapes.
    let table = quire(&dir)
        .args(["search", "durand line", "--format", "table"])
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(table.contains("**Durand**"), "{table}");
    assert!(!table.contains('\x1b'), "{table}");

    // Re-importing the same files adds nothing.
    let again = quire(&dir).arg("import").output().unwrap();
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 works added"));
    let s = status_json(&dir);
    assert_eq!(s["works"], 3);
}

#[test]
fn bad_files_are_reported_and_good_ones_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = init(tmp.path());
    std::fs::write(dir.join("sources/good.ris"), RIS).unwrap();
    std::fs::write(dir.join("sources/empty.bib"), "").unwrap();
    std::fs::write(
        dir.join("sources/junk.ris"),
        [0u8, 159, 146, 150, 0, 0, 1, 2, 3],
    )
    .unwrap();
    let out = quire(&dir).arg("import").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout.contains("empty.bib"), "{stdout}");
    assert!(stdout.contains("junk.ris"), "{stdout}");
    let s = status_json(&dir);
    assert_eq!(s["works"], 2);
}

#[test]
fn index_rebuild_after_losing_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = imported_review(tmp.path());
    std::fs::remove_dir_all(dir.join(".quire/index")).unwrap();
    quire(&dir).args(["index", "--rebuild"]).assert().success();
    let h = search_json(&dir, "fencing");
    assert_eq!(h.as_array().unwrap().len(), 1);
}

#[test]
fn an_index_of_an_older_analyzer_is_flagged_and_rebuilt_by_the_next_import() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = imported_review(tmp.path());
    // What an older quire wrote: the store generation alone.
    let generation = dir.join(".quire/index.generation");
    let recorded = std::fs::read_to_string(&generation).unwrap();
    let store_generation = recorded.split_whitespace().next().unwrap().to_string();
    std::fs::write(&generation, &store_generation).unwrap();
    assert_eq!(status_json(&dir)["index"]["current"], false);
    let out = quire(&dir).args(["search", "fencing"]).output().unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not up to date"),
        "{out:?}"
    );
    quire(&dir).arg("import").assert().success();
    assert_eq!(status_json(&dir)["index"]["current"], true);
    let out = quire(&dir).args(["search", "fencing"]).output().unwrap();
    assert!(out.stderr.is_empty(), "{out:?}");
}

#[test]
fn an_import_with_no_source_files_says_where_they_go() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = init(tmp.path());
    let out = quire(&dir).arg("import").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("no source files"), "{stdout}");
    assert!(stdout.contains("sources/ folder"), "{stdout}");
}

#[test]
fn query_syntax_errors_are_reported_not_panics() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = imported_review(tmp.path());
    let out = quire(&dir)
        .args(["search", "(durand AND"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn commands_outside_a_review_say_so() {
    let tmp = tempfile::tempdir().unwrap();
    let out = quire(tmp.path()).arg("status").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a quire review"));
}

const MANUSCRIPT: &str = "# Border politics\n\nPakistan fenced the border (Siddiqi, 2021).\n\n## References\n\nRashid, A. (2023). Intelligence sharing against the TTP. Islamabad Policy Institute.\n\nSiddiqi, A. (2021). Border fencing and the Durand Line. Asian Survey, 61(4), 601-625.\n\nYousaf, K., & Bano, S. (2022). Refugees and the politics of return. Journal of Refugee Studies, 35(2), 77-95.\n";

#[test]
fn cite_parse_with_the_stacked_labeller() {
    let tmp = tempfile::tempdir().unwrap();
    let ms = tmp.path().join("previous-review.md");
    std::fs::write(&ms, MANUSCRIPT).unwrap();
    let run = |stacked: bool| {
        let mut cmd = Command::cargo_bin("quire").unwrap();
        cmd.args(["cite", "parse"]).arg(&ms);
        if stacked {
            cmd.arg("--stacked");
        }
        let out = cmd.output().unwrap();
        assert_success(&out);
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let (one, two) = (run(false), run(true));
    assert_eq!(two.as_array().unwrap().len(), one.as_array().unwrap().len());
    assert_eq!(two[0]["author"][0]["family"], one[0]["author"][0]["family"]);
}

#[test]
fn cite_parse_to_apa_keeps_undated_entries_apart_and_ends_its_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let ms = tmp.path().join("refs.md");
    std::fs::write(
        &ms,
        "## References\n\nKhan, A. (2020). Border politics after the withdrawal. Oxford University Press.\n\n\
         United Nations. Charter of the United Nations. San Francisco: United Nations.\n\n\
         Ali, B. (2021). Trade at Torkham. *Asian Survey*, 61(3), 1\u{2013}20.\n\n\
         Rashid, Ahmed. Taliban: Militant Islam, Oil and Fundamentalism in Central Asia. New Haven: Yale University Press.\n",
    )
    .unwrap();
    let out = Command::cargo_bin("quire")
        .unwrap()
        .args(["cite", "parse", "--to", "apa"])
        .arg(&ms)
        .output()
        .unwrap();
    assert_success(&out);
    let apa = String::from_utf8_lossy(&out.stdout);
    assert!(apa.ends_with('\n'), "{apa:?}");
    let lines: Vec<&str> = apa.lines().collect();
    assert_eq!(lines.len(), 4, "{apa}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("United Nations. (n.d.). Charter")),
        "{apa}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Ali, B. (2021). Trade at Torkham. Asian Survey")),
        "{apa}"
    );
}

#[test]
fn import_references_from_a_manuscript() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = imported_review(tmp.path());
    let ms = tmp.path().join("previous-review.md");
    std::fs::write(&ms, MANUSCRIPT).unwrap();
    let out = quire(&dir)
        .args(["import", "--references"])
        .arg(&ms)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    // Two of the three references are already in the review (from a.ris).
    let s = status_json(&dir);
    assert_eq!(s["works"], 3, "{stdout}");
    // Importing the same manuscript again adds nothing.
    let again = quire(&dir)
        .args(["import", "--references"])
        .arg(&ms)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 works added"));
}

#[test]
fn review_writes_the_report_for_the_example() {
    let tmp = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/afpak");
    let dir = tmp.path().join("afpak");
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    std::fs::copy(example.join("review.toml"), dir.join("review.toml")).unwrap();
    for entry in std::fs::read_dir(example.join("sources")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join("sources").join(path.file_name().unwrap())).unwrap();
    }
    review(&dir);
    for file in [
        "report.html",
        "report.md",
        "evidence.csv",
        "evidence.xlsx",
        "references.bib",
        "references.ris",
        "references.json",
        "passages.jsonl",
        "citation-check.json",
    ] {
        assert!(dir.join("out").join(file).is_file(), "{file} missing");
    }
    // The report checked its own citations before it was written: every
    // in-text citation has its reference (year letters included), every
    // reference is cited, none is listed twice.
    let check: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("out/citation-check.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(check["references"].as_array().unwrap().len(), 51);
    assert!(check["citations"].as_array().unwrap().len() > 100);
    assert_eq!(check["problems"], serde_json::json!([]), "{check:#}");
    // The report as a reader gets it, in HTML (its notes above the list
    // no longer in italics), passes `quire cite check` too.
    let out = Command::cargo_bin("quire")
        .unwrap()
        .args(["cite", "check", "--format", "json"])
        .arg(dir.join("out/report.html"))
        .output()
        .unwrap();
    let html_check: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(html_check["references"].as_array().unwrap().len(), 51);
    assert_eq!(
        html_check["problems"],
        serde_json::json!([]),
        "{html_check:#}"
    );
    assert_eq!(out.status.code(), Some(0));
    let html = std::fs::read_to_string(dir.join("out/report.html")).unwrap();
    assert!(html.contains("Pakistan–Afghanistan security cooperation"));
    assert!(
        !html.contains("src=\"http"),
        "the report must be self-contained"
    );
    let s = status_json(&dir);
    assert_eq!(
        s["works"], 51,
        "the 51 documents are 51 works: nothing wrongly merged"
    );
    // A new review started from this one's bibliography gets all 51
    // works: the notes above the list are no entry, year letters ("2026a")
    // keep titles apart, and the corpus DOI the UN statements share
    // merges none of them.
    let next = tmp.path().join("next");
    let out = Command::cargo_bin("quire")
        .unwrap()
        .arg("init")
        .arg(&next)
        .output()
        .unwrap();
    assert_success(&out);
    let out = quire(&next)
        .args(["import", "--references"])
        .arg(dir.join("out/report.md"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("51 records read, 51 works added"),
        "{stdout}"
    );
}

#[test]
fn screening_decisions_are_stored_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = imported_review(tmp.path());
    // include the first record, exclude the second with reason 1, then quit.
    let out = quire(&dir)
        .args(["screen", "--reviewer", "ann"])
        .write_stdin("i\ne\n1\nq\n")
        .output()
        .unwrap();
    assert_success(&out);
    let store = quire_store::Store::open(&dir.join(".quire/quire.db")).unwrap();
    let decisions = store
        .decisions(quire_model::ScreeningStage::Abstract)
        .unwrap();
    assert_eq!(decisions.len(), 2);
    assert!(decisions.iter().all(|d| d.reviewer == "ann"));
    assert_eq!(decisions[1].label, quire_model::DecisionLabel::Exclude);
    assert!(decisions[1].reason.is_some());
}

#[test]
fn screening_simulation_reports_the_metrics() {
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("labels.csv");
    let mut text = String::from("id,title,abstract,label_included\n");
    for i in 0..80 {
        let relevant = i % 10 == 3;
        let topic = if relevant {
            "border security cooperation Pakistan Afghanistan"
        } else {
            "crop yields irrigation soil"
        };
        text.push_str(&format!(
            "{i},Study {i} of {topic},\"An abstract about {topic}, case {i}.\",{}\n",
            u8::from(relevant)
        ));
    }
    std::fs::write(&csv, text).unwrap();
    let out = Command::cargo_bin("quire")
        .unwrap()
        .args(["screen", "--simulate"])
        .arg(&csv)
        .args(["--seed", "1", "--format", "json"])
        .output()
        .unwrap();
    assert_success(&out);
    let m: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "n@95",
        "n@100",
        "wss@95",
        "wss@100",
        "recall@10%",
        "seconds",
    ] {
        assert!(m.get(key).is_some(), "{key} missing in {m}");
    }
    // The 8 relevant records are separable: all found well before the end.
    assert!(m["n@100"].as_u64().unwrap() <= 20, "{m}");
}

#[test]
fn notes_attach_to_the_decision_and_fulltext_sees_only_included() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = imported_review(tmp.path());
    // Before any inclusion there is nothing to screen at full text.
    let out = quire(&dir)
        .args(["screen", "--stage", "fulltext"])
        .write_stdin("q\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // A note, then include the first record; exclude the second.
    quire(&dir)
        .args(["screen", "--reviewer", "ann"])
        .write_stdin("n\nkey source on fencing\ni\ne\n\nq\n")
        .assert()
        .success();
    let store = quire_store::Store::open(&dir.join(".quire/quire.db")).unwrap();
    let d = store
        .decisions(quire_model::ScreeningStage::Abstract)
        .unwrap();
    assert_eq!(d[0].label, quire_model::DecisionLabel::Include);
    assert_eq!(d[0].note.as_deref(), Some("key source on fencing"));
    drop(store);
    // Full text: only the included record is offered; include it.
    quire(&dir)
        .args(["screen", "--stage", "fulltext", "--reviewer", "ann"])
        .write_stdin("i\nq\n")
        .assert()
        .success();
    let store = quire_store::Store::open(&dir.join(".quire/quire.db")).unwrap();
    let full = store
        .decisions(quire_model::ScreeningStage::Fulltext)
        .unwrap();
    assert_eq!(full.len(), 1);
    assert_eq!(full[0].work_id, d[0].work_id);
    drop(store);
    // The decisions flow into the report's PRISMA counts.
    quire(&dir).arg("report").assert().success();
    let md = std::fs::read_to_string(dir.join("out/report.md")).unwrap();
    assert!(md.contains("Full texts assessed"), "{md}");
    assert!(md.contains("excluded: screening"), "{md}");
}

#[test]
fn code_files_without_a_codebook_says_how_to_name_one() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("notes.md"),
        "TTP fighters cross the border.\n",
    )
    .unwrap();
    let code = |args: &[&str]| {
        Command::cargo_bin("quire")
            .unwrap()
            .current_dir(tmp.path())
            .arg("code")
            .args(args)
            .output()
            .unwrap()
    };
    let out = code(&["notes.md"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no codebook") && err.contains("--codebook"),
        "{err}"
    );
    // A named codebook that is not there: said once, with its path.
    let out = code(&["notes.md", "--codebook", "nothere.toml"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nothere.toml: cannot read"), "{err}");
    assert_eq!(err.matches("(os error 2)").count(), 1, "{err}");
}

#[test]
fn code_files_trained_on_hand_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let codebook = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/afpak/review.toml");
    let text = "Islamabad says TTP fighters cross the border from safe havens in Afghanistan and attack its posts.\n\n\
                Traders at Torkham wait for days while the crossing is closed, and the bilateral trade falls.\n\n\
                The two governments agreed to share intelligence and to meet every quarter on border security.\n";
    std::fs::write(tmp.path().join("notes.md"), text).unwrap();
    std::fs::write(
        tmp.path().join("codes.csv"),
        "work_id,passage,category,coder\nnotes,0,threat_landscape,ana\nnotes,1,challenges_opportunities,ana\nnotes,2,cooperation_initiatives,ana\n",
    )
    .unwrap();
    let out = Command::cargo_bin("quire")
        .unwrap()
        .current_dir(tmp.path())
        .args(["code", "notes.md", "--train", "codes.csv", "--codebook"])
        .arg(&codebook)
        .output()
        .unwrap();
    assert_success(&out);
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["codes"][0]["category"], "threat_landscape");
    // A code naming a category the codebook lacks is an error, not a silent skip.
    std::fs::write(
        tmp.path().join("bad.csv"),
        "work_id,passage,category,coder\nnotes,0,no_such_category,ana\n",
    )
    .unwrap();
    Command::cargo_bin("quire")
        .unwrap()
        .current_dir(tmp.path())
        .args(["code", "notes.md", "--train", "bad.csv", "--codebook"])
        .arg(&codebook)
        .assert()
        .failure();
}

/// The report checks its own citations on a corpus unlike the example:
/// two undated works of one author (n.d.-a/b), a work without an author
/// (cited by title), an organisation whose name starts in lower case.
/// Two recent reports whose bibliographies cite an older book make it
/// seminal under the example's rule (cited by at least 2 works of the
/// corpus); an older book nobody cites stays out.
#[test]
fn full_text_bibliographies_make_older_works_seminal() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rev");
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/afpak/review.toml");
    std::fs::copy(example, dir.join("review.toml")).unwrap();
    std::fs::write(
        dir.join("sources/older.bib"),
        "@book{khan2005, author = {Khan, Ayesha}, title = {The Durand Line and the Making of the Frontier}, \
         year = {2005}, publisher = {Oxford University Press}}\n\n\
         @book{rashid2000, author = {Rashid, Ahmed}, title = {Taliban: Militant Islam, Oil and Fundamentalism in Central Asia}, \
         year = {2000}, publisher = {Yale University Press}}\n",
    )
    .unwrap();
    let report = |title: &str, year: i32, entry: &str| {
        format!(
            "---\ntitle: {title}\nyear: {year}\nauthors:\n- Bilal Ali\n---\n\n\
             The fence along the Durand Line changed trade at Torkham (Khan, 2005).\n\n\
             ## References\n\n{entry}\n"
        )
    };
    std::fs::write(
        dir.join("sources/fence.md"),
        report(
            "Fencing the frontier",
            2021,
            "Khan, A. (2005). *The Durand Line and the making of the frontier*. Oxford University Press.",
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("sources/trade.md"),
        report(
            "Trade at Torkham",
            2022,
            "[1] A. Khan, The Durand Line and the Making of the Frontier. Oxford: OUP, 2005.",
        ),
    )
    .unwrap();
    quire(&dir).arg("import").assert().success();
    let ids = |query: &str| -> Vec<String> {
        let out = quire(&dir)
            .args(["search", query, "--selected", "--format", "json"])
            .output()
            .unwrap();
        assert_success(&out);
        let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        hits.as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(
        ids("durand").contains(&"khan2005".to_string()),
        "{:?}",
        ids("durand")
    );
    assert!(
        !ids("taliban").contains(&"rashid2000".to_string()),
        "{:?}",
        ids("taliban")
    );
}

#[test]
fn report_citations_check_clean_on_undated_and_authorless_works() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rev");
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/afpak/review.toml");
    std::fs::copy(example, dir.join("review.toml")).unwrap();
    let body = "Pakistan and Afghanistan discussed border security, the TTP and refugees after the withdrawal. \
                Intelligence sharing and trade at Torkham were on the agenda of the talks in Kabul.";
    let docs = [
        (
            "a",
            "title: Border talks in Kabul\nauthors:\n- Ayesha Siddiqa",
        ),
        (
            "b",
            "title: Refugees at Torkham\nauthors:\n- Ayesha Siddiqa",
        ),
        ("c", "title: Notes on the Durand Line"),
        (
            "d",
            "title: Security digest\nauthors:\n- iCET Research Team",
        ),
    ];
    for (id, meta) in docs {
        std::fs::write(
            dir.join("sources").join(format!("{id}.md")),
            format!("---\nid: {id}\n{meta}\n---\n\n{body}\n"),
        )
        .unwrap();
    }
    review(&dir);
    let check: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("out/citation-check.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        check["references"].as_array().unwrap().len(),
        4,
        "{check:#}"
    );
    assert_eq!(check["problems"], serde_json::json!([]), "{check:#}");
    let md = std::fs::read_to_string(dir.join("out/report.md")).unwrap();
    assert!(md.contains("(n.d.-a)") && md.contains("(n.d.-b)"), "{md}");
}

/// Same-author-same-year works whose dates differ in precision, two
/// authors of one family name, a UN resolution and an undated work with a
/// year in its title: the report's in-text citations and its reference
/// list still agree, work by work.
#[test]
fn report_letters_and_names_agree_between_text_and_list() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = init(tmp.path());
    let csl = r#"[
      {"id": "icg-nov", "type": "webpage", "title": "Pakistan's hard policy choices",
       "author": [{"literal": "International Crisis Group"}], "issued": {"date-parts": [[2021, 11]]}},
      {"id": "icg-aug", "type": "report", "title": "Regional security after the withdrawal",
       "author": [{"literal": "International Crisis Group"}], "issued": {"date-parts": [[2021, 8, 31]]}},
      {"id": "rubin-a", "type": "chapter", "title": "Regional actors and the Durand Line",
       "container-title": "The Oxford Handbook of Afghanistan",
       "author": [{"family": "Rubin", "given": "Barnett"}], "issued": {"date-parts": [[2020]]}},
      {"id": "rubin-b", "type": "chapter", "title": "A record of the war",
       "container-title": "The Oxford Handbook of Afghanistan",
       "author": [{"family": "Rubin", "given": "Barnett R."}], "issued": {"date-parts": [[2020]]}},
      {"id": "unsc", "type": "legislation", "title": "Resolution 2593 (2021)",
       "author": [{"literal": "United Nations Security Council"}], "issued": {"date-parts": [[2021, 8, 30]]}},
      {"id": "nd", "type": "report", "title": "Border security after 2021",
       "author": [{"family": "Siddiqa", "given": "Ayesha"}, {"family": "Khan", "given": "Imran"}]}
    ]"#;
    std::fs::write(dir.join("sources/works.json"), csl).unwrap();
    quire(&dir).arg("import").assert().success();
    review(&dir);
    let check: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("out/citation-check.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(check["problems"], serde_json::json!([]), "{check:#}");
    // Each work's label in the selection table is its label in the list.
    let md = std::fs::read_to_string(dir.join("out/report.md")).unwrap();
    for (cited, listed) in [
        (
            "| (International Crisis Group, 2021a) *Regional security after the withdrawal* |",
            "International Crisis Group. (2021a). *Regional security after the withdrawal*.",
        ),
        (
            "| (International Crisis Group, 2021b) *Pakistan's hard policy choices* |",
            "International Crisis Group. (2021b, November). *Pakistan's hard policy choices*.",
        ),
        (
            "| (United Nations Security Council, 2021) *Resolution 2593 (2021)* |",
            "United Nations Security Council. (2021). *Resolution 2593 (2021)*.",
        ),
    ] {
        assert!(md.contains(cited), "{cited} not in\n{md}");
        assert!(md.contains(listed), "{listed} not in\n{md}");
    }
    assert!(md.contains("Rubin, B. (2020"), "{md}");
    assert!(md.contains("Rubin, B. R. (2020"), "{md}");
}

#[test]
fn every_command_has_a_description_and_an_example_in_its_help() {
    let commands: &[&[&str]] = &[
        &["init"],
        &["import"],
        &["search"],
        &["status"],
        &["index"],
        &["screen"],
        &["code"],
        &["report"],
        &["review"],
        &["cite", "parse"],
        &["cite", "check"],
    ];
    for args in commands {
        let out = Command::cargo_bin("quire")
            .unwrap()
            .args(*args)
            .arg("--help")
            .output()
            .unwrap();
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{args:?} --help failed");
        let first = help.lines().next().unwrap_or("");
        assert!(!first.starts_with("Usage"), "{args:?} has no description");
        assert!(help.contains("Example"), "{args:?} has no example:\n{help}");
    }
    let top = Command::cargo_bin("quire")
        .unwrap()
        .arg("--help")
        .output()
        .unwrap();
    let top = String::from_utf8_lossy(&top.stdout);
    for line in top
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
    {
        let mut words = line.split_whitespace();
        let (Some(_name), rest) = (words.next(), words.next()) else {
            continue;
        };
        assert!(rest.is_some(), "command without a description: {line:?}");
    }
}

#[test]
fn cite_check_reads_pandoc_keys_and_the_bibliography_option() {
    let tmp = tempfile::tempdir().unwrap();
    let paper = tmp.path().join("paper.md");
    std::fs::write(&paper, "# Draft\n\nThe TTP regrouped [@khan2022, p. 4].\n").unwrap();
    let bib = tmp.path().join("refs.json");
    std::fs::write(
        &bib,
        r#"[{"id": "khan2022", "type": "article-journal", "title": "The TTP after Kabul", "author": [{"family": "Khan", "given": "Ayesha"}], "issued": {"date-parts": [[2022]]}}]"#,
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let mut cmd = Command::cargo_bin("quire").unwrap();
        cmd.args(["cite", "check"]).arg(&paper).args(extra);
        cmd.args(["--format", "json"]).output().unwrap()
    };
    // Without a bibliography the key cannot be found: a problem, exit 1.
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["problems"][0]["kind"], "no_reference");
    // With it, the citation matches: exit 0.
    let out = run(&["--bibliography", bib.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["citations"][0]["reference"], 1);
    assert_eq!(json["citations"][0]["authors"][0], "Khan");
    assert_eq!(json["bibliography"].as_array().unwrap().len(), 1);
}

/// The passages `quire code FILE` writes: (heading, text).
fn coded_passages(file: &Path) -> Vec<(Option<String>, String)> {
    let codebook = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/afpak/review.toml");
    let out = Command::cargo_bin("quire")
        .unwrap()
        .args(["-q", "code", "--format", "jsonl", "--codebook"])
        .arg(&codebook)
        .arg(file)
        .output()
        .unwrap();
    assert_success(&out);
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["heading"].as_str().map(str::to_string),
                v["text"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn a_long_note_broken_across_pages_is_one_note_after_the_body() {
    // The note runs longer than the body's text on its page (whose type
    // size must still be the body's) and TeX carries its end to the foot
    // of the next page.
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let passages = coded_passages(&data.join("broken-note.pdf"));
    let headings: Vec<&str> = passages.iter().filter_map(|(h, _)| h.as_deref()).collect();
    assert!(
        headings
            .iter()
            .all(|h| ["1 Introduction", "2 Conclusion", "Notes"].contains(h)),
        "{headings:?}"
    );
    let (notes, body): (Vec<_>, Vec<_>) = passages
        .iter()
        .partition(|(h, _)| h.as_deref() == Some("Notes"));
    let body: Vec<&str> = body.iter().map(|(_, t)| t.as_str()).collect();
    let notes: String = notes
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(body.len(), 5, "{body:#?}");
    assert!(body.iter().any(|t| t.starts_with("Security officials")
        && t.ends_with("Islamabad fenced most of it after 2017, which Kabul opposed.")));
    assert!(body
        .iter()
        .all(|t| !t.contains("Durand and Amir") && !t.contains("commissions")));
    for part in [
        "The line was agreed in 1893 between Mortimer Durand",
        "proposed joint commissions on the border",
        "will outlast the present quarrel.",
        "A short second note on the trilateral talks.",
    ] {
        assert!(notes.contains(part), "{part} not in the notes: {notes}");
    }
}

#[test]
fn a_pdflatex_paper_reads_in_paragraphs_with_its_notes_apart() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let passages = coded_passages(&data.join("tex-paper.pdf"));
    let headings: Vec<&str> = passages.iter().filter_map(|(h, _)| h.as_deref()).collect();
    for h in [
        "Abstract",
        "1 Introduction",
        "2 The threat landscape",
        "4 Conclusion",
        "Notes",
    ] {
        assert!(headings.contains(&h), "{h} not among {headings:?}");
    }
    let body: Vec<&str> = passages
        .iter()
        .filter(|(h, _)| h.as_deref() != Some("Notes"))
        .map(|(_, t)| t.as_str())
        .collect();
    // The first paragraph whole, its note marks gone, the line broken at
    // "(TTP)" joined; no note in the body.
    assert!(
        body.iter()
            .any(|t| t.starts_with("When the Taliban entered Kabul")
                && t.contains("western border. Within a year")
                && t.contains("Tehrik-i-Taliban Pakistan (TTP) in Khyber")
                && t.ends_with("the problem was Pakistan’s own.")),
        "{body:#?}"
    );
    assert!(body
        .iter()
        .all(|t| !t.contains("International Crisis Group")));
    // Each passage says its page, so a quote can be found in the PDF.
    let out = Command::cargo_bin("quire")
        .unwrap()
        .args(["-q", "code", "--format", "jsonl", "--codebook"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/afpak/review.toml"))
        .arg(data.join("tex-paper.pdf"))
        .output()
        .unwrap();
    let pages: Vec<u64> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok()?["page"].as_u64())
        .collect();
    assert_eq!(pages.len(), passages.len());
    assert_eq!((pages.first(), pages.iter().max()), (Some(&1), Some(&2)));
    let notes: String = passages
        .iter()
        .filter(|(h, _)| h.as_deref() == Some("Notes"))
        .map(|(_, t)| t.as_str())
        .collect();
    for note in [
        "See International Crisis Group",
        "Dawn, 12 September 2023",
        "Asfandyar Mir",
    ] {
        assert!(notes.contains(note), "{note} not in the notes: {notes}");
    }
    // Title, author and year come from the page: the PDF has no info.
    let tmp = tempfile::tempdir().unwrap();
    let dir = init(tmp.path());
    std::fs::copy(data.join("tex-paper.pdf"), dir.join("sources/paper.pdf")).unwrap();
    quire(&dir).arg("import").assert().success();
    let hits = search_json(&dir, "strategic depth");
    let hit = &hits[0];
    assert_eq!(
        hit["title"],
        "Pakistan and the Afghan Taliban after 2021: Cooperation under Strain"
    );
    assert_eq!(hit["year"], 2024);
    assert_eq!(hit["first_author"], "Khan, A.", "{hit}");
}

#[test]
fn an_office_report_keeps_its_33_notes_out_of_its_paragraphs() {
    // Each note of `make_office_report.py` opens with one of these.
    const OPENINGS: &[&str] = &[
        "See International Crisis Group",
        "Interview with a senior",
        "Dawn (Karachi)",
        "United Nations Security Council, report",
        "Asfandyar Mir",
        "Pak Institute for Peace Studies",
        "Ministry of Foreign Affairs of Pakistan",
        "UNHCR, Afghanistan situation",
    ];
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let passages = coded_passages(&data.join("office-report.pdf"));
    let (notes, body): (Vec<_>, Vec<_>) = passages
        .iter()
        .partition(|(h, _)| h.as_deref() == Some("Notes"));
    let notes: String = notes.iter().map(|(_, t)| t.as_str()).collect();
    let count: usize = OPENINGS.iter().map(|o| notes.matches(o).count()).sum();
    assert_eq!(count, 33, "{notes}");
    for (_, text) in &body {
        assert!(
            OPENINGS.iter().all(|o| !text.contains(o)),
            "a note in the body: {text}"
        );
        // No note mark left on the body's words ("sharply.1 Islamabad").
        assert!(
            !text
                .split(' ')
                .any(|w| w.contains('.') && w.ends_with(|c: char| c.is_ascii_digit())),
            "a note mark in: {text}"
        );
    }
    let headings: Vec<&str> = body.iter().filter_map(|(h, _)| h.as_deref()).collect();
    assert!(headings.contains(&"Border management"), "{headings:?}");
}

#[test]
fn hand_codes_go_from_a_suggestion_sheet_into_the_review_and_out_again() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = imported_review(tmp.path());
    let sheet = quire(&dir)
        .args(["code", "--format", "csv"])
        .output()
        .unwrap();
    assert_success(&sheet);
    let sheet = String::from_utf8(sheet.stdout).unwrap();
    let mut lines = sheet.lines();
    assert_eq!(lines.next(), Some("work_id,passage,category,coder"));
    let first = lines.next().unwrap();
    assert!(first.ends_with(",auto"), "{first}");
    // The reviewer recodes the first passage and signs it; the suggestion
    // rows stay in the sheet as they were.
    let (work, rest) = first.split_once(',').unwrap();
    let passage = rest.split(',').next().unwrap();
    // A category the codebook lacks is reported and not kept.
    let edited = format!(
        "work_id,passage,category,coder\n{work},{passage},threats,ana\n{work},{passage},terrorism,ana\n{first}\n{}\n",
        lines.collect::<Vec<_>>().join("\n")
    );
    let csv = tmp.path().join("sheet.csv");
    std::fs::write(&csv, edited).unwrap();
    let out = quire(&dir)
        .args(["code", "--train"])
        .arg(&csv)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "the foreign category is a problem"
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("1 hand codes") && said.contains("(1 new)"),
        "{said}"
    );
    assert!(said.contains("suggestions (coder `auto`)"), "{said}");
    assert!(
        said.contains("category the codebook does not have (e.g. `terrorism`"),
        "{said}"
    );
    assert_eq!(
        status_json(&dir)["hand_codes"],
        serde_json::json!({"ana": 1})
    );

    let exported = tmp.path().join("hand.csv");
    let out = quire(&dir)
        .args(["code", "--export-codes"])
        .arg(&exported)
        .output()
        .unwrap();
    assert_success(&out);
    assert_eq!(
        std::fs::read_to_string(&exported).unwrap(),
        format!("work_id,passage,category,coder\n{work},{passage},threats,ana\n")
    );
    // The report codes that passage by hand.
    quire(&dir).arg("report").assert().success();
    let evidence = std::fs::read_to_string(dir.join("out/evidence.csv")).unwrap();
    assert!(
        evidence.lines().any(|l| l.starts_with(&format!("{work},"))
            && l.contains(",threats,")
            && l.contains(",manual,")),
        "{evidence}"
    );
    let out = quire(&dir).arg("report").output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("coding: trained on 1 hand codes\n"), "{said}");
    // An encoder named in review.toml that this build cannot use (no
    // `encoder` feature, or no model there): said, and the report is
    // written without embeddings.
    let toml = std::fs::read_to_string(dir.join("review.toml")).unwrap();
    std::fs::write(
        dir.join("review.toml"),
        format!("{toml}\n[coding]\nencoder = \"models/all-MiniLM-L6-v2\"\n"),
    )
    .unwrap();
    let out = quire(&dir).arg("report").output().unwrap();
    assert_success(&out);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("coding: trained on 1 hand codes without embeddings: ")
            && said.contains("all-MiniLM-L6-v2"),
        "{said}"
    );
    std::fs::write(dir.join("review.toml"), &toml).unwrap();
    // The category renamed afterwards: the report still runs, and says
    // which hand codes it left out.
    let toml = std::fs::read_to_string(dir.join("review.toml")).unwrap();
    std::fs::write(
        dir.join("review.toml"),
        toml.replace("id = \"threats\"", "id = \"threat_landscape\""),
    )
    .unwrap();
    let out = quire(&dir).arg("report").output().unwrap();
    assert_success(&out);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("hand codes left out") && said.contains("1 of `threats`"),
        "{said}"
    );
}

/// A Zotero export with "Export Files": the BibTeX names each record's
/// PDF, whose own title page says something else; the PDF becomes the
/// record's full text, not a second work.
#[test]
fn a_zotero_exports_pdf_is_its_records_full_text() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = init(tmp.path());
    let export = dir.join("sources/My Library");
    std::fs::create_dir_all(export.join("files/3")).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/office-report.pdf"),
        export.join("files/3/Rahimi - 2023 - Border.pdf"),
    )
    .unwrap();
    std::fs::write(
        export.join("My Library.bib"),
        "@techreport{rahimi_border_2023,\n\ttitle = {Border closures and trade},\n\t\
         author = {Rahimi, Omar},\n\tyear = {2023},\n\tinstitution = {Kabul Policy Institute},\n\t\
         file = {Full Text PDF:files/3/Rahimi - 2023 - Border.pdf:application/pdf;\
         Snapshot:files/4/snapshot.html:text/html},\n}\n",
    )
    .unwrap();
    let out = import_verbose(&dir);
    assert_success(&out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("1 full text read into the record an export attaches it to"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "sources/My Library/My Library.bib: sources/My Library/files/4/snapshot.html"
        ),
        "the missing snapshot is named: {stdout}"
    );
    let status = status_json(&dir);
    assert_eq!(
        (status["works"].as_u64(), status["documents"].as_u64()),
        (Some(1), Some(1))
    );
    let hits = search_json(&dir, "Torkham");
    assert_eq!(hits[0]["title"], "Border closures and trade", "{hits}");
}

/// A scan has no text layer: its work is kept (named after the file, year
/// from the name), the skip is reported, and no empty "full text" is
/// counted as a document.
#[test]
fn a_scan_is_a_work_without_a_document() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = init(tmp.path());
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/scan.pdf"),
        dir.join("sources/khan-2021-torkham.pdf"),
    )
    .unwrap();
    let out = import_verbose(&dir);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a skip is reported in the status"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("no text layer"), "{stdout}");
    let status = status_json(&dir);
    assert_eq!(
        (status["works"].as_u64(), status["documents"].as_u64()),
        (Some(1), Some(0))
    );
}
