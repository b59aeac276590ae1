//! Store tests: migrations, transactions, decisions.

use super::*;
use quire_model::{Decision, DecisionLabel, Document, ScreeningStage, Work};

fn work(id: &str, title: &str) -> Work {
    Work {
        id: id.into(),
        title: title.into(),
        year: Some(2021),
        ..Default::default()
    }
}

#[test]
fn insert_read_and_unique_ids() {
    let mut store = Store::in_memory().unwrap();
    let tx = store.transaction().unwrap();
    assert_eq!(
        tx.insert_work(&work("khan2021", "Border")).unwrap(),
        "khan2021"
    );
    assert_eq!(
        tx.insert_work(&work("khan2021", "Another")).unwrap(),
        "khan2021-2"
    );
    tx.put_document(&Document {
        work_id: "khan2021".into(),
        text: "body".into(),
        format: "md".into(),
        ..Default::default()
    })
    .unwrap();
    tx.commit().unwrap();
    assert_eq!(store.count_works().unwrap(), 2);
    assert_eq!(store.count_documents().unwrap(), 1);
    assert_eq!(
        store.get_work("khan2021-2").unwrap().unwrap().title,
        "Another"
    );
    assert_eq!(store.document("khan2021").unwrap().unwrap().text, "body");
    assert_eq!(store.generation().unwrap(), 1);
    assert_eq!(store.work_keys().unwrap()[0].title_key, "border");
}

#[test]
fn dropped_transaction_rolls_back() {
    let mut store = Store::in_memory().unwrap();
    {
        let tx = store.transaction().unwrap();
        tx.insert_work(&work("a", "A")).unwrap();
        // dropped without commit: an interrupted import
    }
    assert_eq!(store.count_works().unwrap(), 0);
    assert_eq!(store.generation().unwrap(), 0);
}

#[test]
fn reopen_keeps_data_and_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(".quire/quire.db");
    {
        let mut store = Store::open(&path).unwrap();
        let tx = store.transaction().unwrap();
        tx.insert_work(&work("a", "A")).unwrap();
        tx.record_file(
            &FileRecord {
                path: "sources/a.bib".into(),
                hash: "h1".into(),
                format: Some("bibtex".into()),
                records: 2,
                added: 1,
                merged: 0,
                skipped: 1,
                imported_at: "2026-11-26T00:00:00Z".into(),
            },
            &[SkipRecord {
                file: "sources/a.bib".into(),
                line: Some(7),
                message: "missing title".into(),
            }],
        )
        .unwrap();
        tx.commit().unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.count_works().unwrap(), 1);
    assert_eq!(
        store.file_hash("sources/a.bib").unwrap().as_deref(),
        Some("h1")
    );
    assert_eq!(
        store.skips().unwrap()[0].to_string(),
        "sources/a.bib:7: missing title"
    );
}

#[test]
fn decisions_latest_wins_and_undo_retracts() {
    let mut store = Store::in_memory().unwrap();
    let d = |id: &str, label| Decision {
        work_id: id.into(),
        stage: ScreeningStage::Abstract,
        reviewer: "ana".into(),
        label,
        reason: None,
        note: None,
        at: "t".into(),
    };
    store
        .record_decision(&d("w1", DecisionLabel::Exclude))
        .unwrap();
    store
        .record_decision(&d("w1", DecisionLabel::Include))
        .unwrap();
    store
        .record_decision(&d("w2", DecisionLabel::Maybe))
        .unwrap();
    let now = store.decisions(ScreeningStage::Abstract).unwrap();
    assert_eq!(now.len(), 2);
    assert_eq!(now[0].label, DecisionLabel::Include);
    assert_eq!(
        store
            .undo_decision(ScreeningStage::Abstract, "ana")
            .unwrap()
            .as_deref(),
        Some("w2")
    );
    assert_eq!(store.decisions(ScreeningStage::Abstract).unwrap().len(), 1);
    assert!(store
        .decisions(ScreeningStage::Fulltext)
        .unwrap()
        .is_empty());
}

#[test]
fn manual_codes_are_not_duplicated() {
    let mut store = Store::in_memory().unwrap();
    let code = (
        "w1".to_string(),
        3,
        "threat_landscape".to_string(),
        "ana".to_string(),
    );
    assert_eq!(
        store
            .add_manual_codes(&[code.clone(), code.clone()])
            .unwrap(),
        1
    );
    assert_eq!(store.manual_codes().unwrap(), vec![code]);
}

#[test]
fn reviewer_records_move_to_a_new_id_without_doubling_codes() {
    let mut store = Store::in_memory().unwrap();
    let code = |work: &str, passage| {
        (
            work.to_string(),
            passage,
            "border".to_string(),
            "ana".to_string(),
        )
    };
    store
        .add_manual_codes(&[code("old", 0), code("old", 1), code("new", 1)])
        .unwrap();
    store
        .record_decision(&Decision::new(
            "old",
            ScreeningStage::Abstract,
            "ana",
            DecisionLabel::Include,
            "t",
        ))
        .unwrap();
    let tx = store.transaction().unwrap();
    let reviewed = tx.reviewed_work_ids().unwrap();
    assert_eq!(reviewed, ["old", "new"].map(String::from).into());
    // One decision and one code move; the code "new" had already stays single.
    assert_eq!(tx.move_reviewer_records("old", "new").unwrap(), 2);
    assert_eq!(tx.reviewed_work_ids().unwrap(), ["new".to_string()].into());
    tx.commit().unwrap();
    assert_eq!(
        store.manual_codes().unwrap(),
        [code("new", 0), code("new", 1)]
    );
    let decisions = store.decisions(ScreeningStage::Abstract).unwrap();
    assert_eq!(decisions[0].work_id, "new");
}

#[test]
fn forgetting_a_file_takes_back_only_what_it_gave() {
    let from = |id: &str, files: &[&str]| {
        let mut w = work(id, id);
        w.provenance = files
            .iter()
            .map(|f| quire_model::Provenance {
                file: f.to_string(),
                line: Some(1),
                record: None,
            })
            .collect();
        w
    };
    let doc = |id: &str, file: &str| Document {
        work_id: id.into(),
        text: "body".into(),
        format: "md".into(),
        file: file.into(),
        ..Default::default()
    };
    let mut store = Store::in_memory().unwrap();
    let tx = store.transaction().unwrap();
    // "a_b.ris" holds a LIKE wildcard: it must not match "axb.ris".
    tx.insert_work(&from("solo", &["sources/a_b.ris"])).unwrap();
    tx.insert_work(&from("shared", &["sources/a_b.ris", "sources/c.md"]))
        .unwrap();
    tx.insert_work(&from("other", &["sources/axb.ris"]))
        .unwrap();
    tx.put_document(&doc("solo", "sources/a_b.ris")).unwrap();
    tx.put_document(&doc("shared", "sources/a_b.ris")).unwrap();
    tx.commit().unwrap();

    let tx = store.transaction().unwrap();
    let mut touched = tx.forget_file("sources/a_b.ris").unwrap();
    touched.sort();
    assert_eq!(touched, ["shared", "solo"]);
    tx.commit().unwrap();
    assert!(store.get_work("solo").unwrap().is_none());
    let shared = store.get_work("shared").unwrap().unwrap();
    let files: Vec<&str> = shared.provenance.iter().map(|p| p.file.as_str()).collect();
    assert_eq!(files, ["sources/c.md"]);
    assert!(store.document("shared").unwrap().is_none());
    assert!(store.get_work("other").unwrap().is_some());
    assert_eq!(store.count_documents().unwrap(), 0);
}

#[test]
fn attachment_links_keep_their_read_state_and_go_with_their_export() {
    let mut store = Store::in_memory().unwrap();
    let tx = store.transaction().unwrap();
    tx.insert_work(&work("khan2024", "Border")).unwrap();
    tx.insert_work(&work("ali2019", "Frontier")).unwrap();
    let pdf = "sources/export/files/12/khan.pdf";
    tx.attach_file(pdf, "khan2024", "sources/export/export.ris")
        .unwrap();
    assert_eq!(
        tx.attachment(pdf).unwrap(),
        Some(Attachment {
            work_id: "khan2024".into(),
            read: false
        })
    );
    tx.mark_attachment_read(pdf).unwrap();
    // The export read again names the same work: the file stays read.
    tx.attach_file(pdf, "khan2024", "sources/export/export.ris")
        .unwrap();
    assert!(tx.attachment(pdf).unwrap().unwrap().read);
    // Another work now: the file must be read into it.
    tx.attach_file(pdf, "ali2019", "sources/export/export.ris")
        .unwrap();
    assert!(!tx.attachment(pdf).unwrap().unwrap().read);
    // No link to a work that is not stored.
    tx.attach_file("sources/x.pdf", "gone", "sources/export/export.ris")
        .unwrap();
    assert_eq!(tx.attachment("sources/x.pdf").unwrap(), None);
    // Forgetting the export takes its links.
    tx.forget_file("sources/export/export.ris").unwrap();
    assert_eq!(tx.attachment(pdf).unwrap(), None);
    tx.commit().unwrap();
}
