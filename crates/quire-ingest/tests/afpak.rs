//! The example corpus of the repository (examples/afpak/sources, 51
//! Markdown files with YAML front matter) must import cleanly.

use quire_ingest::read_file;
use quire_model::WorkKind;
use std::path::PathBuf;

#[test]
fn all_51_afpak_sources_import_cleanly() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/afpak/sources");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples/afpak/sources")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 51);
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let im = read_file(path, &name).unwrap_or_else(|e| panic!("{e}"));
        assert!(im.skipped.is_empty(), "{name}: {:?}", im.skipped);
        assert_eq!(im.records.len(), 1, "{name}");
        let r = &im.records[0];
        let w = &r.work;
        assert_eq!(
            format!("{}.md", w.id),
            name,
            "id comes from the front matter"
        );
        assert!(
            !w.title.is_empty() && w.year.is_some() && w.url.is_some(),
            "{name}: {w:?}"
        );
        assert!(w.licence.is_some() && w.publisher.is_some(), "{name}");
        assert_eq!(w.authors.len(), 1, "{name}");
        let author = &w.authors[0];
        assert!(
            !author.family.contains('('),
            "{name}: role not stripped: {author:?}"
        );
        let expected_kind = match w.genre.as_deref() {
            Some("official_statement") => WorkKind::Statement,
            Some("government_report") => WorkKind::Report,
            Some("encyclopedia") => WorkKind::Encyclopedia,
            other => panic!("{name}: unexpected source_type {other:?}"),
        };
        assert_eq!(w.kind, expected_kind, "{name}");
        if name.starts_with("wh-") || name.starts_with("wikipedia-") {
            assert!(
                author.literal,
                "{name}: {author:?} should be an organisation"
            );
        } else {
            assert!(
                !author.literal && author.given.is_some(),
                "{name}: {author:?}"
            );
        }
        let doc = r.document.as_ref().expect("a full text");
        assert!(doc.text.len() > 200, "{name}");
        assert!(
            !doc.text.starts_with("---"),
            "{name}: front matter leaked into the text"
        );
    }
}
