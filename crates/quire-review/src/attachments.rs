//! The full texts a reference manager's export attached to its records
//! (Zotero's "Export Files" folder, JabRef's and Better BibTeX's file
//! links): each is read into its record's work, whatever title the file
//! itself carries, instead of standing beside it as a work of its own.
//!
//! Importing an export links the files its records name
//! ([`link_named_files`]); a linked file is then read — after the export,
//! also when it lies outside the folders being imported, and again when it
//! had been imported on its own before the export arrived — and merged
//! into the linked work (`import::store_record`).

use crate::ReviewDir;
use quire_ingest::{detect_format, Format};
use quire_store::{Store, StoreTx};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// A file an export attached to a record that is not there to read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingAttachment {
    /// The export, as the review shows it.
    pub named_by: String,
    /// Where the export says the file is, as the review shows paths.
    pub file: String,
}

/// Link every full text the export's records name (`named`: each stored
/// work's id and the files its record names) to that work — also the
/// files not there yet, which are read when they appear — and return the
/// files to read now. Files quire does not read as a full text (images,
/// EPUB) are passed over.
pub(crate) fn link_named_files(
    tx: &StoreTx<'_>,
    review: &ReviewDir,
    export: &Path,
    export_shown: &str,
    named: &[(String, Vec<String>)],
) -> Result<Vec<PathBuf>, quire_store::StoreError> {
    let mut to_read = Vec::new();
    for (work_id, files) in named {
        for file in files {
            let path = resolve(export, file);
            if !is_full_text(&path) {
                continue;
            }
            tx.attach_file(&review.shown(&path), work_id, export_shown)?;
            if path.is_file() {
                to_read.push(path);
            }
        }
    }
    Ok(to_read)
}

/// Attached files not yet read into their works that are there now (they
/// appeared after their export was read), and those still missing.
pub(crate) fn unread(
    review: &ReviewDir,
    store: &Store,
) -> Result<(Vec<PathBuf>, Vec<MissingAttachment>), quire_store::StoreError> {
    let mut present = Vec::new();
    let mut missing = Vec::new();
    for (file, named_by) in store.unread_attachments()? {
        let path = review.root.join(&file);
        if path.is_file() {
            present.push(path);
        } else {
            missing.push(MissingAttachment { named_by, file });
        }
    }
    Ok((present, missing))
}

/// A file as an export names it: absolute, or relative to the export's
/// folder (Zotero writes `files/12/khan.pdf` beside the export). EndNote's
/// `internal-pdf://123/khan.pdf` lives in the `PDF` folder of the
/// library's `.Data` folder beside the export; Mendeley writes absolute
/// paths without their leading `/`. A path from another machine (a
/// Windows `C:\Users\…\storage\AB12CD34\khan.pdf`, another user's home)
/// that is not there is looked for beside the export by its last folders
/// (see [`moved_with_the_export`]).
pub(crate) fn resolve(export: &Path, named: &str) -> PathBuf {
    let found = resolve_as_named(export, named);
    if found.exists() {
        return found;
    }
    let folder = export.parent().unwrap_or(Path::new("."));
    moved_with_the_export(folder, named).unwrap_or(found)
}

/// The file a path from another machine names, when the library's folder
/// was copied beside the export: the longest tail of the path, at least
/// its folder and file name ("AB12CD34/khan.pdf" — Zotero calls many files
/// "Full Text PDF.pdf", so the name alone would be a guess), that exists
/// under `folder`. Both `/` and `\` separate folders.
fn moved_with_the_export(folder: &Path, named: &str) -> Option<PathBuf> {
    let parts: Vec<&str> = named
        .split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != "." && *p != "..")
        .collect();
    (2..=parts.len())
        .rev()
        .map(|n| parts[parts.len() - n..].iter().collect::<PathBuf>())
        .map(|tail| folder.join(tail))
        .find(|p| p.is_file())
}

/// [`resolve`] as the export names the file, before looking elsewhere.
fn resolve_as_named(export: &Path, named: &str) -> PathBuf {
    let folder = export.parent().unwrap_or(Path::new("."));
    if let Some(rest) = named
        .get(15..)
        .filter(|_| named[..15].eq_ignore_ascii_case("internal-pdf://"))
    {
        return endnote_data_folders(folder)
            .map(|data| data.join("PDF").join(rest))
            .find(|p| p.is_file())
            .unwrap_or_else(|| folder.join(rest));
    }
    let path = Path::new(named);
    if path.is_absolute() {
        return path.to_path_buf();
    }
    let beside = folder.join(path);
    let rooted = Path::new("/").join(path);
    if !beside.exists() && rooted.is_file() {
        return rooted;
    }
    beside
}

/// The `*.Data` folders of EndNote libraries in `folder`.
fn endnote_data_folders(folder: &Path) -> impl Iterator<Item = PathBuf> {
    std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_dir()
                && p.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("data"))
        })
}

/// A file quire reads as one document's full text, told by its name.
pub(crate) fn is_full_text(path: &Path) -> bool {
    detect_format(path, b"").is_some_and(Format::is_full_text)
}

/// Whether a full text in `incoming` format should replace the one a work
/// holds: a record's PDF is its text rather than the web page Zotero
/// saves beside it as a "Snapshot".
pub(crate) fn is_better_full_text(incoming: &str, stored: Option<&str>) -> bool {
    fn rank(format: &str) -> u8 {
        match format {
            "pdf" => 3,
            "docx" => 2,
            "html" => 1,
            _ => 0,
        }
    }
    stored.is_none_or(|s| rank(incoming) > rank(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::import;
    use quire_model::Protocol;

    /// A Zotero export with its files: an HTML snapshot and a Markdown
    /// full text whose own titles differ from their records', a record
    /// naming a file that is not there, and a PDF link to a web page.
    const EXPORT: &str = "TY  - RPRT\r\nTI  - The Durand Line after the withdrawal\r\n\
        AU  - Rahimi, Omar\r\nPY  - 2023\r\nPB  - Kabul Policy Institute\r\n\
        L1  - files/7/notes.md\r\nL1  - files/7/rahimi-2023.txt\r\nL1  - files/8/snapshot.html\r\nER  - \r\n\r\n\
        TY  - JOUR\r\nTI  - Trade at Torkham\r\nAU  - Ali, Imran\r\nPY  - 2022\r\n\
        L1  - files/9/missing.pdf\r\nL1  - https://example.org/ali.pdf\r\nER  - \r\n";

    fn write(dir: &Path, name: &str, text: &str) {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn zotero_review(dir: &Path) -> ReviewDir {
        write(dir, "review.toml", "[review]\ntitle = \"t\"\n");
        write(
            dir,
            "sources/zotero/files/7/notes.md",
            "---\ntitle: Working notes\nyear: 2020\n---\n\nThe fence runs 2,600 km.\n",
        );
        write(
            dir,
            "sources/zotero/files/7/rahimi-2023.txt",
            "Mr. President,\n\nThe border crossings were closed for weeks.\n",
        );
        write(
            dir,
            "sources/zotero/files/8/snapshot.html",
            "<html><head><title>Kabul Policy Institute | Publications</title></head>\
             <body><main><p>Trade through Torkham fell by half after the fence went up.</p></main></body></html>",
        );
        ReviewDir::at(dir).unwrap()
    }

    #[test]
    fn an_exports_files_are_read_into_its_records() {
        let tmp = tempfile::tempdir().unwrap();
        let review = zotero_review(tmp.path());
        // Named "zotero.ris", it sorts after "files/": lists go first anyway.
        write(tmp.path(), "sources/zotero/zotero.ris", EXPORT);
        let summary = import(&review, &Protocol::default(), &[], &crate::NoProgress).unwrap();
        assert_eq!(summary.added, 2, "two records, no work of their files");
        assert_eq!(summary.attached, 3);
        assert!(
            summary.named_after_file.is_empty(),
            "attached files are named by their records"
        );
        assert_eq!(
            summary.missing_attachments,
            [MissingAttachment {
                named_by: "sources/zotero/zotero.ris".into(),
                file: "sources/zotero/files/9/missing.pdf".into()
            }]
        );
        let store = Store::open(&review.db_path()).unwrap();
        assert_eq!(store.count_works().unwrap(), 2);
        let report = store
            .works()
            .unwrap()
            .into_iter()
            .find(|w| w.publisher.is_some())
            .unwrap();
        assert_eq!(report.title, "The Durand Line after the withdrawal");
        assert_eq!(report.year, Some(2023), "the record's metadata comes first");
        assert_eq!(report.provenance.len(), 4);
        let text = store.document(&report.id).unwrap().unwrap();
        assert_eq!(text.format, "html", "a web page rather than bare notes");
        assert!(text.text.contains("fell by half"));

        let again = import(&review, &Protocol::default(), &[], &crate::NoProgress).unwrap();
        assert_eq!((again.added, again.attached), (0, 0), "nothing new");
    }

    #[test]
    fn files_imported_before_their_export_move_into_its_records() {
        let tmp = tempfile::tempdir().unwrap();
        let review = zotero_review(tmp.path());
        let first = import(&review, &Protocol::default(), &[], &crate::NoProgress).unwrap();
        assert_eq!(first.added, 3, "each file a work of its own");
        write(tmp.path(), "sources/zotero/zotero.ris", EXPORT);
        let summary = import(&review, &Protocol::default(), &[], &crate::NoProgress).unwrap();
        assert_eq!(summary.attached, 3);
        assert!(summary.changed_files.is_empty(), "the files did not change");
        let store = Store::open(&review.db_path()).unwrap();
        let titles: Vec<String> = store
            .works()
            .unwrap()
            .into_iter()
            .map(|w| w.title)
            .collect();
        assert_eq!(titles.len(), 2, "{titles:?}");
        assert!(!titles.iter().any(|t| t == "Working notes"), "{titles:?}");
    }

    #[test]
    fn a_missing_file_put_in_place_later_joins_its_record() {
        let tmp = tempfile::tempdir().unwrap();
        let review = zotero_review(tmp.path());
        let export = EXPORT.replace("files/9/missing.pdf", "files/9/ali-2022.md");
        write(tmp.path(), "sources/zotero/zotero.ris", &export);
        let first = import(&review, &Protocol::default(), &[], &crate::NoProgress).unwrap();
        assert_eq!(first.missing_attachments.len(), 1);
        assert_eq!(
            first.missing_attachments[0].file,
            "sources/zotero/files/9/ali-2022.md"
        );

        write(
            tmp.path(),
            "sources/zotero/files/9/ali-2022.md",
            "---\ntitle: Draft\n---\n\nTrucks waited for days at Torkham.\n",
        );
        let second = import(&review, &Protocol::default(), &[], &crate::NoProgress).unwrap();
        assert_eq!((second.added, second.attached), (0, 1));
        assert!(second.missing_attachments.is_empty());
        let store = Store::open(&review.db_path()).unwrap();
        assert_eq!(store.count_works().unwrap(), 2);
        assert_eq!(store.count_documents().unwrap(), 2);
    }

    #[test]
    fn an_attached_file_outside_the_sources_is_read_too() {
        let tmp = tempfile::tempdir().unwrap();
        let review = zotero_review(tmp.path());
        let elsewhere = tmp.path().join("Zotero/storage/AB12/Ali 2022.md");
        write(
            tmp.path(),
            "Zotero/storage/AB12/Ali 2022.md",
            "Trucks waited for days at Torkham.\n",
        );
        let export = EXPORT.replace(
            "files/9/missing.pdf",
            &format!("file://{}", elsewhere.display()).replace(' ', "%20"),
        );
        write(tmp.path(), "sources/zotero/zotero.ris", &export);
        let summary = import(&review, &Protocol::default(), &[], &crate::NoProgress).unwrap();
        assert_eq!(summary.attached, 4);
        assert!(summary.missing_attachments.is_empty());
        let store = Store::open(&review.db_path()).unwrap();
        assert_eq!(store.count_works().unwrap(), 2);
        assert_eq!(store.count_documents().unwrap(), 2);
    }

    #[test]
    fn names_resolve_beside_the_export() {
        let export = Path::new("/r/sources/zotero/Export.ris");
        assert_eq!(
            resolve(export, "files/12/khan.pdf"),
            Path::new("/r/sources/zotero/files/12/khan.pdf")
        );
        assert_eq!(resolve(export, "/home/a/b.pdf"), Path::new("/home/a/b.pdf"));
        assert!(is_full_text(Path::new("a/b.PDF")));
        let tmp = tempfile::tempdir().unwrap();
        write(
            tmp.path(),
            "My EndNote Library.Data/PDF/2231851870/Khan.pdf",
            "%PDF",
        );
        assert_eq!(
            resolve(
                &tmp.path().join("export.ris"),
                "internal-pdf://2231851870/Khan.pdf"
            ),
            tmp.path()
                .join("My EndNote Library.Data/PDF/2231851870/Khan.pdf")
        );
        assert!(is_full_text(Path::new("snapshot.html")));
        assert!(!is_full_text(Path::new("figure.png")));
        assert!(!is_full_text(Path::new("refs.bib")));
    }

    /// A Zotero library exported on Windows, or on another user's machine,
    /// and copied with its `storage` folder beside the export.
    #[test]
    fn paths_from_another_machine_are_found_beside_the_export() {
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), "storage/AB12CD34/Khan 2021.pdf", "%PDF");
        write(tmp.path(), "storage/ZZ99/Full Text PDF.pdf", "%PDF");
        let export = tmp.path().join("Exported Items.ris");
        let khan = tmp.path().join("storage/AB12CD34/Khan 2021.pdf");
        for named in [
            r"C:\Users\me\Zotero\storage\AB12CD34\Khan 2021.pdf",
            "/home/other/Zotero/storage/AB12CD34/Khan 2021.pdf",
            "Users/other/Zotero/storage/AB12CD34/Khan 2021.pdf",
        ] {
            assert_eq!(resolve(&export, named), khan, "{named}");
        }
        // The file name alone is not enough: another record's folder.
        let elsewhere = r"C:\Users\me\Zotero\storage\QQ11\Full Text PDF.pdf";
        assert_ne!(
            resolve(&export, elsewhere),
            tmp.path().join("storage/ZZ99/Full Text PDF.pdf")
        );
        assert!(!resolve(&export, elsewhere).exists());
    }

    #[test]
    fn a_pdf_is_preferred_to_a_snapshot() {
        assert!(is_better_full_text("pdf", Some("html")));
        assert!(!is_better_full_text("html", Some("pdf")));
        assert!(!is_better_full_text("pdf", Some("pdf")));
        assert!(is_better_full_text("html", None));
    }
}
