//! The files a reference manager attached to a record — its full text —
//! as its export names them: RIS `L1` links and the BibTeX/BibLaTeX
//! `file` field in the forms Zotero, JabRef and Better BibTeX write.
//!
//! Readers only decode what the export says into paths (absolute, or
//! relative to the export's folder, as Zotero's "Export Files" writes
//! `files/12/khan.pdf`); finding the files and attaching them to their
//! works is the importer's job.

/// A RIS `L1` value as a path: `file://` URLs are decoded
/// (`file:///home/a%20b.pdf` → `/home/a b.pdf`), plain paths kept; web
/// links (`https://…/khan.pdf`) are no local file.
pub fn from_link(value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if value.len() > 7 && value[..7].eq_ignore_ascii_case("file://") {
        return url::Url::parse(value)
            .ok()
            .and_then(|u| u.to_file_path().ok())
            .map(|p| p.display().to_string())
            .or_else(|| Some(value[7..].to_string()));
    }
    // EndNote's link into its library's `.Data/PDF` folder, resolved by
    // the importer.
    if value.len() > 15 && value[..15].eq_ignore_ascii_case("internal-pdf://") {
        return Some(value.to_string());
    }
    if value.contains("://") {
        return None;
    }
    Some(value.to_string())
}

/// A BibTeX `file` field as paths. Zotero and JabRef write
/// `description:path:type` entries joined by `;`, with `\:`, `\;` and
/// `\\` escaping those characters in a part; Better BibTeX writes bare
/// paths joined by `;`. A Windows drive's unescaped colon (`C:/x.pdf`)
/// stays in the path.
pub fn from_bibtex_file_field(value: &str) -> Vec<String> {
    split_unescaped(value, ';')
        .into_iter()
        .filter(|entry| !entry.is_empty())
        .filter_map(|entry| {
            if entry
                .get(..7)
                .is_some_and(|s| s.eq_ignore_ascii_case("file://"))
            {
                return from_link(&entry);
            }
            let parts = split_unescaped(&entry, ':');
            let path = match parts.len() {
                0 => return None,
                2 if looks_like_description(&parts) => unescape(&parts[1]),
                1 | 2 => unescape(&entry),
                // `description:path:type`; a path's own unescaped colons
                // (a Windows drive) rejoin.
                n => parts[1..n - 1]
                    .iter()
                    .map(|p| unescape(p))
                    .collect::<Vec<_>>()
                    .join(":"),
            };
            from_link(&path)
        })
        .collect()
}

/// Two parts are a description and a path, unless the first is a drive
/// letter: `C:/papers/x.pdf` is one path.
fn looks_like_description(parts: &[String]) -> bool {
    !(parts[0].len() == 1 && parts[0].chars().all(|c| c.is_ascii_alphabetic()))
}

/// Split at `sep` where no backslash escapes it; the parts, trimmed,
/// keep their escapes (and may be empty: JabRef's description often is).
fn split_unescaped(value: &str, sep: char) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            current.push(c);
            if let Some(next) = chars.next() {
                current.push(next);
            }
        } else if c == sep {
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    parts.push(current);
    parts.into_iter().map(|p| p.trim().to_string()).collect()
}

/// `\:` → `:`, `\;` → `;`, `\\` → `\`; any other backslash is kept (a
/// Windows path written unescaped).
fn unescape(part: &str) -> String {
    let mut out = String::with_capacity(part.len());
    let mut chars = part.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(&next)) if matches!(next, ':' | ';' | '\\') => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ris_links_become_paths() {
        assert_eq!(
            from_link("files/12/Khan_2024.pdf").as_deref(),
            Some("files/12/Khan_2024.pdf")
        );
        assert_eq!(
            from_link("file:///home/ayesha/Zotero/storage/AB12/Khan%20et%20al.pdf").as_deref(),
            Some("/home/ayesha/Zotero/storage/AB12/Khan et al.pdf")
        );
        assert_eq!(from_link("https://example.org/khan.pdf"), None);
        assert_eq!(
            from_link("internal-pdf://2231851870/Khan-2024.pdf").as_deref(),
            Some("internal-pdf://2231851870/Khan-2024.pdf")
        );
        assert_eq!(from_link("  "), None);
    }

    #[test]
    fn zotero_and_jabref_file_fields_become_paths() {
        // Zotero with "Export Files": a PDF and a web snapshot.
        assert_eq!(
            from_bibtex_file_field(
                "Full Text PDF:files/12/Khan - 2024 - Pakistan.pdf:application/pdf;Snapshot:files/13/snapshot.html:text/html"
            ),
            vec!["files/12/Khan - 2024 - Pakistan.pdf", "files/13/snapshot.html"]
        );
        // Zotero without it: the stored copy, escaped.
        assert_eq!(
            from_bibtex_file_field(
                r"Full Text:C\:\\Users\\ali\\Zotero\\storage\\X1\\a\;b.pdf:application/pdf"
            ),
            vec![r"C:\Users\ali\Zotero\storage\X1\a;b.pdf"]
        );
        // JabRef: an empty description.
        assert_eq!(
            from_bibtex_file_field(":papers/rashid2010.pdf:PDF"),
            vec!["papers/rashid2010.pdf"]
        );
    }

    #[test]
    fn bare_paths_and_drive_letters_stay_whole() {
        // Better BibTeX.
        assert_eq!(
            from_bibtex_file_field("/home/ali/papers/a.pdf; /home/ali/papers/b.pdf"),
            vec!["/home/ali/papers/a.pdf", "/home/ali/papers/b.pdf"]
        );
        assert_eq!(
            from_bibtex_file_field("C:/papers/x.pdf"),
            vec!["C:/papers/x.pdf"]
        );
        assert_eq!(
            from_bibtex_file_field("file:///srv/papers/a%20b.pdf"),
            vec!["/srv/papers/a b.pdf"]
        );
        assert!(from_bibtex_file_field("").is_empty());
    }
}
