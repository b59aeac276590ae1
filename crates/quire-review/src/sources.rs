//! Which files of a folder are sources: everything a researcher drops in
//! `sources/` that quire reads, in the order it reads them — not the
//! files that travel with sources (a saved web page's folder of frames,
//! scripts and images, a snapshot's style sheets, Word's owner files and
//! backups, a folder's README or licence).

use crate::{attachments, ReviewError};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Every source file under the given roots, skipping hidden files,
/// quire's own folders and what travels with sources: bibliographic
/// files first, so that the full texts an export attaches to its records
/// are linked before they are read; each group sorted by path.
pub(crate) fn collect_files(roots: &[PathBuf]) -> Result<Vec<PathBuf>, ReviewError> {
    let mut files = BTreeSet::new();
    for root in roots {
        if !root.exists() {
            return Err(ReviewError::Missing {
                path: root.display().to_string(),
            });
        }
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .into_iter()
            .filter_entry(|e| {
                let name = e.file_name().to_string_lossy();
                e.depth() == 0
                    || !(name.starts_with('.') || name == "out" || is_saved_page_folder(e.path()))
            });
        for entry in walker.flatten() {
            let name = entry.file_name().to_string_lossy();
            if entry.file_type().is_file()
                && !name.starts_with('.')
                && !is_lock_or_system_file(&name)
                && !is_licence_note(&name)
                && !is_page_asset(entry.path())
            {
                files.insert(entry.into_path());
            }
        }
    }
    let (full_texts, lists): (Vec<PathBuf>, Vec<PathBuf>) = files
        .into_iter()
        .partition(|f| attachments::is_full_text(f));
    Ok(lists.into_iter().chain(full_texts).collect())
}

/// "~$report.docx": the owner file Word keeps beside a document while it
/// is open (LibreOffice's ".~lock…#" is hidden already), "~" backups,
/// and the files Windows leaves in folders (`Thumbs.db`, `desktop.ini`).
fn is_lock_or_system_file(name: &str) -> bool {
    name.starts_with("~$")
        || name.ends_with('~')
        || name.eq_ignore_ascii_case("thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

/// SOURCES.md / README files describe a folder; they are not sources.
fn is_licence_note(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    upper == "SOURCES.MD" || upper == "README.MD" || upper == "LICENSE" || upper == "LICENCE"
}

/// The folder a browser's "Save Page As… (complete)" writes beside the
/// page — `Article_files` next to `Article.html` (`_Dateien`,
/// `_fichiers`, `_archivos`, `_arquivos`, `_file` in other languages) —
/// holds its frames, ads and widgets as HTML of their own: not sources.
fn is_saved_page_folder(dir: &Path) -> bool {
    const SUFFIXES: [&str; 6] = [
        "_files",
        "_file",
        "_Dateien",
        "_fichiers",
        "_archivos",
        "_arquivos",
    ];
    let (Some(name), Some(parent)) = (dir.file_name().and_then(|n| n.to_str()), dir.parent())
    else {
        return false;
    };
    SUFFIXES.iter().any(|suffix| {
        name.strip_suffix(suffix).is_some_and(|page| {
            !page.is_empty()
                && ["html", "htm", "xhtml", "shtml"]
                    .iter()
                    .any(|ext| parent.join(format!("{page}.{ext}")).is_file())
        })
    })
}

/// Images, style sheets, scripts, fonts and media: what a web snapshot or
/// a reference manager's attachment folder carries beside the text.
fn is_page_asset(path: &Path) -> bool {
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return false;
    };
    matches!(
        ext.to_ascii_lowercase().as_str(),
        "css"
            | "js"
            | "mjs"
            | "map"
            | "png"
            | "jpg"
            | "jpeg"
            | "gif"
            | "svg"
            | "webp"
            | "ico"
            | "bmp"
            | "tif"
            | "tiff"
            | "avif"
            | "woff"
            | "woff2"
            | "ttf"
            | "otf"
            | "eot"
            | "mp3"
            | "mp4"
            | "m4a"
            | "wav"
            | "webm"
            | "ogg"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str) {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "x").unwrap();
    }

    fn names(dir: &Path) -> Vec<String> {
        collect_files(&[dir.to_path_buf()])
            .unwrap()
            .iter()
            .map(|p| p.strip_prefix(dir).unwrap().display().to_string())
            .collect()
    }

    #[test]
    fn a_saved_web_page_is_one_source() {
        let tmp = tempfile::tempdir().unwrap();
        for name in [
            "Torkham closed - Dawn.html",
            "Torkham closed - Dawn_files/saved_resource.html",
            "Torkham closed - Dawn_files/widget_iframe.html",
            "Torkham closed - Dawn_files/app.js",
            "Torkham closed - Dawn_files/logo.png",
            // A folder of that name without its page is the user's own.
            "interview_files/notes.md",
        ] {
            write(tmp.path(), name);
        }
        assert_eq!(
            names(tmp.path()),
            ["Torkham closed - Dawn.html", "interview_files/notes.md"]
        );
    }

    #[test]
    fn exports_come_before_full_texts_and_assets_are_passed_over() {
        let tmp = tempfile::tempdir().unwrap();
        for name in [
            "files/12/khan.pdf",
            "files/13/snapshot.html",
            "files/13/style.css",
            "files/13/figure1.JPG",
            "zotero.ris",
            "~$draft.docx",
            "README.md",
            "Thumbs.db",
            "files/13/desktop.ini",
        ] {
            write(tmp.path(), name);
        }
        assert_eq!(
            names(tmp.path()),
            ["zotero.ris", "files/12/khan.pdf", "files/13/snapshot.html"]
        );
    }
}
