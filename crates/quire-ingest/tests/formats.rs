//! Every importer on realistic and malformed fixtures.

use quire_ingest::{read_file, FileImport, Format, IngestError};
use quire_model::{Person, WorkKind};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn import(name: &str) -> FileImport {
    read_file(&fixture(name), name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn skipped(import: &FileImport) -> Vec<String> {
    import.skipped.iter().map(|s| s.to_string()).collect()
}

#[test]
fn bibtex_realistic_decodes_latex() {
    let im = import("realistic.bib");
    assert_eq!(im.format, Format::Bibtex);
    assert!(im.skipped.is_empty(), "{:?}", skipped(&im));
    assert_eq!(im.records.len(), 4);
    let w = &im.records[0].work;
    assert_eq!(w.id, "siddiqa2022durand");
    assert_eq!(
        w.title,
        "The Durand Line after 2021: Border Fencing and Pakistan–Afghanistan Relations"
    );
    assert_eq!(w.authors[0], Person::new("Siddiqá", Some("Ayesha".into())));
    assert_eq!(w.authors[1], Person::new("Müller", Some("Jörg".into())));
    assert_eq!(w.authors[2].family, "van der Berg");
    assert_eq!(w.container.as_deref(), Some("Journal of Peace Research"));
    assert_eq!(w.pages.as_deref(), Some("401–419"));
    assert_eq!(w.doi.as_deref(), Some("10.1177/00223433221080001"));
    assert_eq!(w.keywords, vec!["Durand Line", "border security", "TTP"]);
    assert_eq!((w.kind, w.year), (WorkKind::Article, Some(2022)));
    assert_eq!(w.provenance[0].line, Some(4));
    assert_eq!(w.provenance[0].record.as_deref(), Some("Siddiqa2022durand"));

    let wb = &im.records[1].work;
    assert_eq!(wb.title, "Afghanistan Economic Monitor: Français et Garçon");
    assert_eq!(wb.authors, vec![Person::organisation("World Bank")]);
    assert_eq!(
        (wb.kind, wb.date.as_deref()),
        (WorkKind::Report, Some("2023-04-12"))
    );
    assert_eq!(im.records[2].work.kind, WorkKind::Web);
    let ch = &im.records[3].work;
    assert_eq!((ch.kind, ch.year), (WorkKind::Chapter, Some(2008)));
    assert_eq!(
        ch.container.as_deref(),
        Some("The US and the Failure of Nation Building")
    );
}

#[test]
fn bibtex_malformed_entries_are_skipped_with_lines() {
    let im = import("malformed.bib");
    let titles: Vec<&str> = im.records.iter().map(|r| r.work.title.as_str()).collect();
    assert_eq!(titles, vec!["First good entry", "Second good entry"]);
    let msgs = skipped(&im);
    assert_eq!(msgs.len(), 3, "{msgs:?}");
    assert!(
        msgs[0].starts_with("malformed.bib:") && msgs[0].contains("malformed @article entry"),
        "{msgs:?}"
    );
    assert_eq!(msgs[1], "malformed.bib:12: @article{notitle}: no title");
    assert!(
        msgs[2].starts_with("malformed.bib:1") && msgs[2].contains("undefinedmacro"),
        "{msgs:?}"
    );
}

#[test]
fn ris_is_lenient() {
    let im = import("realistic.ris");
    assert_eq!(im.format, Format::Ris);
    let titles: Vec<&str> = im.records.iter().map(|r| r.work.title.as_str()).collect();
    assert_eq!(
        titles,
        vec![
            "Pakistan and the Afghan Taliban: an uneasy alliance",
            "Regional Security after the Withdrawal",
            "A record without an end tag",
            "Final record, file ends without ER",
        ]
    );
    let w = &im.records[0].work;
    assert_eq!(w.authors.len(), 2);
    assert_eq!(w.authors[1], Person::new("Siddiqa", Some("Ayesha".into())));
    assert_eq!((w.year, w.pages.as_deref()), (Some(2022), Some("601–625")));
    assert_eq!(w.container.as_deref(), Some("Asian Survey"));
    assert_eq!(w.keywords, vec!["TTP", "Durand Line", "border fencing"]);
    assert_eq!(
        w.abstract_text.as_deref(),
        Some("The alliance between Islamabad and the Taliban broke down after US-Pakistan relations changed.")
    );
    assert_eq!(w.doi.as_deref(), Some("10.1525/as.2022.62.4.601"));
    assert_eq!(w.provenance[0].line, Some(3));
    let report = &im.records[1].work;
    assert_eq!(report.kind, WorkKind::Report);
    assert_eq!(
        report.authors,
        vec![Person::organisation("International Crisis Group")]
    );
    assert_eq!(report.date.as_deref(), Some("2021-08-31"));
    assert_eq!(report.abstract_text.as_deref(), Some("A report."));
    let chapter = &im.records[2].work;
    assert_eq!(chapter.kind, WorkKind::Chapter);
    assert_eq!(
        chapter.container.as_deref(),
        Some("The Oxford Handbook of Afghanistan")
    );
    assert_eq!(
        skipped(&im),
        vec!["realistic.ris:34: record has no title (TI/T1)"]
    );
}

#[test]
fn latin1_and_utf16_files() {
    let im = import("latin1.ris");
    assert_eq!(im.records[0].work.title, "Économie et sécurité au Pakistan");
    assert_eq!(im.records[0].work.authors[0].family, "Siddiqá");
    let im = import("utf16.bib");
    assert_eq!(im.records[0].work.title, "Fixing Failed States — Kābul");
}

#[test]
fn whole_file_errors_are_clear() {
    let err = read_file(&fixture("junk.ris"), "junk.ris").unwrap_err();
    assert!(matches!(err, IngestError::Binary { .. }), "{err}");
    assert!(
        err.to_string().starts_with("junk.ris: binary data"),
        "{err}"
    );
    let err = read_file(&fixture("empty.bib"), "empty.bib").unwrap_err();
    assert_eq!(err.to_string(), "empty.bib: empty file, nothing to import");
    let err = read_file(&fixture("nope.bib"), "nope.bib").unwrap_err();
    assert!(matches!(err, IngestError::Io { .. }));
    // A document format quire does not read says how to make it one.
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("brief.doc");
    std::fs::write(&doc, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 Word 97 binary").unwrap();
    let err = read_file(&doc, "sources/brief.doc").unwrap_err();
    assert!(
        err.to_string()
            .ends_with("(a word-processor document: save it as .docx or PDF)"),
        "{err}"
    );
}

#[test]
fn size_limit_for_whole_file_formats() {
    let opts = quire_ingest::ReadOptions {
        max_file_bytes: 100,
    };
    let err = quire_ingest::read_file_with(
        &fixture("realistic.bib"),
        "realistic.bib",
        &opts,
        &mut |_| {},
    )
    .unwrap_err();
    assert!(matches!(err, IngestError::TooLarge { .. }));
    assert!(
        err.to_string()
            .contains("over the 100-byte limit for bibtex files"),
        "{err}"
    );
    // Streaming formats are not limited.
    let mut n = 0;
    quire_ingest::read_file_with(&fixture("realistic.ris"), "r.ris", &opts, &mut |_| n += 1)
        .unwrap();
    assert_eq!(n, 5);
}

#[test]
fn csl_json_items_of_all_types() {
    let im = import("realistic.json");
    assert_eq!(im.format, Format::CslJson);
    let w: Vec<_> = im.records.iter().map(|r| &r.work).collect();
    assert_eq!(w.len(), 5);
    assert_eq!(w[0].id, "haqqani2023");
    assert_eq!(w[0].authors[1].family, "van der Berg");
    assert_eq!(
        (w[0].year, w[0].date.as_deref()),
        (Some(2023), Some("2023-02-14"))
    );
    assert_eq!(w[0].volume.as_deref(), Some("46"));
    assert_eq!(w[0].keywords, vec!["Taliban", "Pakistan", "TTP"]);
    assert_eq!(w[0].provenance[0].line, Some(2));
    assert_eq!(w[1].kind, WorkKind::Report);
    assert!(w[1].authors[0].literal);
    assert_eq!(w[1].date.as_deref(), Some("2022-12-31"));
    assert_eq!(
        w[1].id,
        "un-office-for-the-co-2022-afghanistan-humanitarian-needs-overview"
    );
    assert_eq!((w[2].kind, w[2].year), (WorkKind::Legislation, Some(2021)));
    assert_eq!((w[3].kind, w[3].year), (WorkKind::Statement, Some(2021)));
    assert_eq!(w[3].keywords, vec!["withdrawal", "Afghanistan"]);
    assert_eq!(w[4].authors[0].family, "Rubin");
    let msgs = skipped(&im);
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    assert_eq!(
        msgs[0],
        "realistic.json:45: record 5: invalid type: map, expected a string or a number"
    );
    assert_eq!(msgs[1], "realistic.json:47: record 6: item has no `title`");
}

#[test]
fn csl_json_single_object_and_truncated_array() {
    let im = import("single.json");
    assert_eq!(im.records.len(), 1);
    assert_eq!(im.records[0].work.date.as_deref(), Some("2024-05"));
    let im = import("truncated.json");
    assert_eq!(im.records.len(), 1);
    assert_eq!(
        skipped(&im),
        vec!["truncated.json:3: record 2 is cut off (file ends inside it)"]
    );
}

#[test]
fn openalex_jsonl() {
    let im = import("openalex.jsonl");
    assert_eq!(im.format, Format::OpenAlexJsonl);
    let w: Vec<_> = im.records.iter().map(|r| &r.work).collect();
    assert_eq!(w.len(), 3);
    assert_eq!(w[0].id, "W4200000001");
    assert_eq!(w[0].openalex_id.as_deref(), Some("W4200000001"));
    assert_eq!(
        w[0].abstract_text.as_deref(),
        Some("The Taliban takeover changed the Taliban calculus.")
    );
    assert_eq!(w[0].references, vec!["W100", "W200"]);
    assert_eq!(
        w[0].authors[0],
        Person::new("Siddiqa", Some("Ayesha".into()))
    );
    assert_eq!(w[0].container.as_deref(), Some("Strategic Analysis"));
    assert_eq!(w[0].pages.as_deref(), Some("150–166"));
    assert_eq!(w[0].doi.as_deref(), Some("10.1080/09700161.2022.2030001"));
    assert_eq!(w[0].keywords, vec!["Taliban"]);
    assert_eq!(w[1].title, "Border fencing on the Durand Line");
    assert_eq!(w[1].keywords, vec!["Border"]);
    assert_eq!(w[2].provenance[0].line, Some(7));
    let msgs = skipped(&im);
    assert_eq!(msgs.len(), 3, "{msgs:?}");
    assert!(msgs[0].starts_with("openalex.jsonl:4: "), "{msgs:?}");
    assert_eq!(msgs[1], "openalex.jsonl:5: work has no `title`");
    assert!(
        msgs[2].starts_with("openalex.jsonl:6: invalid type"),
        "{msgs:?}"
    );
}

#[test]
fn markdown_with_and_without_front_matter() {
    let im = import("with-front-matter.md");
    let r = &im.records[0];
    assert_eq!(r.work.id, "ungdc-2021-pak");
    // The role in parentheses is the affiliation, not part of the name.
    let mut khan = Person::new("Khan", Some("Imran".into()));
    khan.affiliation = Some("Prime Minister, Pakistan".into());
    assert_eq!(r.work.authors[0], khan);
    let mut white_house = Person::organisation("The White House");
    white_house.affiliation = Some("Executive Office of the President of the United States".into());
    assert_eq!(r.work.authors[1], white_house);
    assert_eq!(
        (r.work.year, r.work.date.as_deref()),
        (Some(2021), Some("2021-09-24"))
    );
    assert_eq!(
        (r.work.kind, r.work.genre.as_deref()),
        (WorkKind::Statement, Some("official_statement"))
    );
    assert_eq!(r.work.keywords, vec!["Afghanistan", "Taliban"]);
    let doc = r.document.as_ref().unwrap();
    assert!(doc.text.starts_with("Mr. President") && doc.text.ends_with("new authorities."));
    assert_eq!(doc.work_id, "ungdc-2021-pak");

    let im = import("plain-notes.md");
    assert_eq!(
        im.records[0].work.title,
        "Field notes on the Torkham crossing"
    );
    assert_eq!(im.records[0].work.id, "plain-notes");

    let im = import("bad-yaml.md");
    assert_eq!(im.records.len(), 1);
    assert_eq!(
        im.records[0].document.as_ref().unwrap().text,
        "The body is still imported."
    );
    assert!(
        skipped(&im)[0].contains("front matter is not valid YAML"),
        "{:?}",
        skipped(&im)
    );
}

#[test]
fn html_meta_and_blocks() {
    let im = import("article.html");
    let r = &im.records[0];
    assert_eq!(r.work.title, "Cross-Border Militancy and the TTP");
    assert_eq!(
        r.work.authors[1],
        Person::new("Yusuf", Some("Moeed".into()))
    );
    assert_eq!(
        (r.work.year, r.work.date.as_deref()),
        (Some(2023), Some("2023-05-10"))
    );
    assert_eq!(
        (r.work.kind, r.work.container.as_deref()),
        (WorkKind::Article, Some("Survival"))
    );
    assert_eq!(r.work.language.as_deref(), Some("en"));
    assert_eq!(
        r.work.abstract_text.as_deref(),
        Some("How the TTP uses Afghan sanctuaries.")
    );
    // Headings are written as Markdown headings: they label passages.
    let text = &r.document.as_ref().unwrap().text;
    assert_eq!(
        text,
        "# Cross-Border Militancy\n\nThe Tehrik-i-Taliban Pakistan has regrouped across the border.\n\n\
         ## Sanctuaries\n\nKunar\n\nNangarhar\n\nIslamabad's options\n\nare limited."
    );
}

#[test]
fn html_with_marked_content_reads_only_the_content() {
    let page = r#"<html><head><title>Pakistan's TTP Problem</title></head><body>
        <div class="cookie-banner">We use cookies. Accept all cookies</div>
        <main><article><h1>Pakistan's TTP Problem</h1>
        <p>The TTP has stepped up attacks since August 2021.</p>
        <h2>Why it matters</h2><p>Cross-border militancy threatens the relationship.</p>
        </article></main>
        <div class="newsletter">Sign up for our newsletter</div></body></html>"#;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.html");
    std::fs::write(&path, page).unwrap();
    let im = read_file(&path, "page.html").unwrap();
    let r = &im.records[0];
    assert_eq!(
        r.document.as_ref().unwrap().text,
        "# Pakistan's TTP Problem\n\nThe TTP has stepped up attacks since August 2021.\n\n\
         ## Why it matters\n\nCross-border militancy threatens the relationship."
    );
}

#[test]
fn html_note_marks_are_written_as_markdown_notes() {
    let page = r##"<html><head><title>Torkham</title></head><body><main>
        <p>Trade fell sharply.<sup><a href="#fn1" id="fnref1">1</a></sup> Kabul
        denied it<a href="#_ftn2" name="_ftnref2">[2]</a> and the border closed<sup>3</sup>.
        The area is 1,200 km<sup>2</sup>.</p>
        <p>Wikipedia says so.<sup class="reference"><a href="#cite_note-4">[4]</a></sup></p>
        <ol><li id="fn1">Dawn, 12 September 2023. <a href="#fnref1">↩</a></li></ol>
        </main></body></html>"##;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.html");
    std::fs::write(&path, page).unwrap();
    let im = read_file(&path, "page.html").unwrap();
    let text = &im.records[0].document.as_ref().unwrap().text;
    assert_eq!(
        text,
        "Trade fell sharply.[^1] Kabul denied it[^2] and the border closed[^3]. \
         The area is 1,200 km2.\n\nWikipedia says so.[^4]\n\nDawn, 12 September 2023."
    );
}

#[test]
fn pdf_text_layer_pages_and_info() {
    let im = import("two-pages.pdf");
    assert_eq!(im.format, Format::Pdf);
    assert!(im.skipped.is_empty(), "{:?}", skipped(&im));
    let r = &im.records[0];
    assert_eq!(r.work.title, "Border Security after 2021");
    assert_eq!(r.work.authors[1], Person::new("Khan", Some("Imran".into())));
    assert_eq!(r.work.keywords, vec!["TTP", "Durand Line"]);
    let doc = r.document.as_ref().unwrap();
    assert!(
        doc.text.contains("Security cooperation between Kabul"),
        "{:?}",
        doc.text
    );
    assert!(doc.text.contains("Afghan-\nPakistan"), "{:?}", doc.text);
    assert_eq!(doc.page_starts.len(), 1);
    let second = doc.page_starts[0];
    assert!(
        doc.text[second..].starts_with("Second page"),
        "{:?}",
        &doc.text[second..]
    );
    assert_eq!(doc.page_of(second + 3), Some(2));
}

#[test]
fn broken_pdf_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.pdf");
    let mut bytes = std::fs::read(fixture("two-pages.pdf")).unwrap();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&path, &bytes).unwrap();
    // Either a clean error or a record: never a panic.
    let _ = read_file(&path, "broken.pdf");
    std::fs::write(&path, b"not a pdf at all").unwrap();
    let err = read_file(&path, "broken.pdf").unwrap_err();
    assert!(err.to_string().contains("not a PDF"), "{err}");
}

#[test]
fn bibtex_crossref_and_xdata_are_inherited() {
    let im = import("crossref.bib");
    assert!(skipped(&im).is_empty(), "{:?}", skipped(&im));
    assert_eq!(im.records.len(), 2, "the @xdata entry is not a work");
    let chapter = &im.records[0].work;
    assert_eq!(chapter.title, "Border management on the Durand Line");
    assert_eq!(chapter.year, Some(2019), "year from the crossref'd book");
    assert_eq!(
        chapter.container.as_deref(),
        Some("The Frontier after the Withdrawal")
    );
    assert_eq!(
        chapter.publisher.as_deref(),
        Some("Brookings Institution Press"),
        "through the book's xdata"
    );
    let book = &im.records[1].work;
    assert_eq!(
        book.publisher.as_deref(),
        Some("Brookings Institution Press")
    );
}

/// A .docx as Word writes one: document.xml with styled paragraphs and
/// docProps/core.xml with title and creator.
fn docx(paragraphs: &[(&str, &str)], title: &str, creator: &str) -> Vec<u8> {
    use std::io::Write;
    let body: String = paragraphs
        .iter()
        .map(|(style, text)| {
            format!(
                "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"
            )
        })
        .collect();
    let document = format!(
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let core = format!(
        "<?xml version=\"1.0\"?><cp:coreProperties xmlns:cp=\"x\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{title}</dc:title><dc:creator>{creator}</dc:creator></cp:coreProperties>"
    );
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    for (name, xml) in [("word/document.xml", document), ("docProps/core.xml", core)] {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    buf.into_inner()
}

#[test]
fn word_footnotes_follow_the_body_and_their_marks_are_markdown_notes() {
    let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    let document = format!(
        "<w:document {w}><w:body><w:p><w:r><w:t>Trade fell sharply.</w:t></w:r>\
         <w:r><w:footnoteReference w:id=\"1\"/></w:r><w:r><w:t xml:space=\"preserve\"> Kabul denied it.</w:t></w:r>\
         <w:r><w:endnoteReference w:id=\"2\"/></w:r></w:p></w:body></w:document>"
    );
    let footnotes = format!(
        "<w:footnotes {w}><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
         <w:footnote w:id=\"1\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> Dawn, 12 September 2023.</w:t></w:r></w:p>\
         <w:p><w:r><w:t>Second paragraph of the note.</w:t></w:r></w:p></w:footnote></w:footnotes>"
    );
    use std::io::Write;
    let endnotes = format!(
        "<w:endnotes {w}><w:endnote w:id=\"2\"><w:p><w:r><w:t>Interview, Kabul, 2023.</w:t></w:r></w:p></w:endnote></w:endnotes>"
    );
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    for (name, xml) in [
        ("word/document.xml", document),
        ("word/footnotes.xml", footnotes),
        ("word/endnotes.xml", endnotes),
    ] {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.docx");
    std::fs::write(&path, buf.into_inner()).unwrap();
    let import = read_file(&path, "sources/notes.docx").unwrap();
    let text = &import.records[0].document.as_ref().unwrap().text;
    assert_eq!(
        text,
        "Trade fell sharply.[^1] Kabul denied it.[^e2]\n\n## Notes\n\n\
         [^1]: Dawn, 12 September 2023. Second paragraph of the note.\n\n\
         [^e2]: Interview, Kabul, 2023.\n\n"
    );
}

#[test]
fn a_word_document_without_an_author_property_names_the_one_it_prints() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief.docx");
    let bytes = docx(
        &[
            ("Title", "Border Trade after 2021"),
            ("Normal", "By Ayesha Siddiqa and Imran Khan"),
            ("Normal", "Trade across Torkham fell by half."),
        ],
        "Border Trade after 2021",
        "Administrator",
    );
    std::fs::write(&path, bytes).unwrap();
    let import = read_file(&path, "sources/brief.docx").unwrap();
    assert_eq!(
        import.records[0].work.authors,
        vec![
            Person::new("Siddiqa", Some("Ayesha".into())),
            Person::new("Khan", Some("Imran".into()))
        ]
    );
}

#[test]
fn word_documents_are_full_texts_with_their_properties() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief.docx");
    let bytes = docx(
        &[
            ("Title", "Border Trade after 2021"),
            ("Normal", "Policy Brief No. 12, March 2023"),
            ("Heading1", "Summary"),
            (
                "Normal",
                "Trade across Torkham fell by half &amp; recovered slowly.",
            ),
        ],
        "Border Trade after 2021",
        "Ayesha Siddiqa",
    );
    std::fs::write(&path, bytes).unwrap();
    let import = read_file(&path, "sources/brief.docx").unwrap();
    assert_eq!(import.format, Format::Docx);
    assert!(import.skipped.is_empty(), "{:?}", import.skipped);
    let record = &import.records[0];
    assert_eq!(record.work.title, "Border Trade after 2021");
    assert_eq!(
        record.work.authors,
        vec![Person::new("Siddiqa", Some("Ayesha".into()))]
    );
    assert_eq!(record.work.year, Some(2023), "the dated line");
    let text = &record.document.as_ref().unwrap().text;
    assert!(
        text.contains("# Summary\n\nTrade across Torkham fell by half & recovered"),
        "{text}"
    );
    // A file named .docx that is no Word document: a clear error.
    std::fs::write(&path, b"not a zip at all").unwrap();
    let err = read_file(&path, "sources/brief.docx")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("sources/brief.docx") && err.contains("docx"),
        "{err}"
    );
}

#[test]
fn word_fixture_keeps_its_text_and_drops_an_account_as_author() {
    let im = import("briefing.docx");
    assert_eq!(im.format, Format::Docx);
    let work = &im.records[0].work;
    assert_eq!(work.title, "Refugee returns from Pakistan");
    assert!(work.authors.is_empty(), "'Administrator' is no author");
    assert_eq!(work.year, Some(2023));
    let text = &im.records[0].document.as_ref().unwrap().text;
    assert!(text.contains("# Overview\n\nPakistan ordered undocumented Afghans to leave; returns through Torkham rose sharply.\tUNHCR & IOM scaled up."), "{text}");
}

#[test]
fn pubmed_medline_records() {
    let im = import("pubmed.nbib");
    assert_eq!(im.format, Format::Medline);
    assert_eq!(im.records.len(), 3, "{:?}", im.skipped);
    let w = &im.records[0].work;
    assert_eq!(
        w.title,
        "Health of Afghan refugees in Pakistan after the 2021 withdrawal: a cross-sectional survey"
    );
    // Full names win over the short ones; the collective author is one.
    assert_eq!(
        w.authors,
        vec![
            Person::new("Siddiqa", Some("Ayesha".into())),
            Person::new("van der Berg", Some("Jan Maarten".into())),
            Person::organisation("Refugee Health Study Group"),
        ]
    );
    assert_eq!(
        (w.year, w.date.as_deref()),
        (Some(2021), Some("2021-08-19"))
    );
    assert_eq!(w.container.as_deref(), Some("BMC public health"));
    assert_eq!(
        (w.volume.as_deref(), w.issue.as_deref(), w.pages.as_deref()),
        (Some("21"), Some("1"), Some("1123–1129"))
    );
    assert_eq!(w.doi.as_deref(), Some("10.1186/s12889-021-11123-4"));
    assert!(w.abstract_text.as_deref().is_some_and(|a| a
        .starts_with("BACKGROUND: Little is known")
        && a.ends_with("by a third.")));
    assert_eq!(
        w.keywords,
        ["Afghanistan", "Pakistan", "refugees", "Humans"]
    );
    assert_eq!(w.language.as_deref(), Some("eng"));
    assert_eq!(w.kind, WorkKind::Article);
    assert_eq!(w.provenance[0].line, Some(1));
    assert_eq!(w.provenance[0].record.as_deref(), Some("pmid34412345"));
    // A translated title loses its brackets; short names are read.
    let de = &im.records[1].work;
    assert_eq!(de.title, "Cross-border trade and public health at Torkham");
    assert_eq!(de.authors, vec![Person::new("Khan", Some("I".into()))]);
    assert_eq!(de.pages.as_deref(), Some("45–52"));
    // A chapter, its book title known.
    assert_eq!(im.records[2].work.kind, WorkKind::Chapter);
    // The record without a title is skipped with its line.
    assert_eq!(im.skipped.len(), 1);
    assert_eq!(im.skipped[0].line, Some(59));
}

#[test]
fn scopus_csv_export() {
    let im = import("scopus.csv");
    assert_eq!(im.format, Format::Table);
    assert_eq!(im.records.len(), 2, "{:?}", im.skipped);
    let w = &im.records[0].work;
    assert_eq!(
        w.title,
        "Border fencing, trade and militancy: Pakistan's Durand Line after 2021"
    );
    assert_eq!(
        w.authors,
        vec![
            Person::new("Khan", Some("Ayesha".into())),
            Person::new("Rashid", Some("Ahmed".into())),
        ]
    );
    assert_eq!(
        (w.year, w.container.as_deref(), w.pages.as_deref()),
        (Some(2023), Some("Asian Survey"), Some("601–625"))
    );
    assert_eq!(w.doi.as_deref(), Some("10.1525/as.2023.63.4.601"));
    // A quoted field with a line break and doubled quotes; the
    // publisher's copyright line after it is no part of the abstract.
    assert_eq!(
        w.abstract_text.as_deref(),
        Some("Pakistan fenced the Durand Line. Trade at Torkham fell, and the \"TTP\" regrouped.")
    );
    assert_eq!(w.keywords, ["Durand Line", "Pakistan", "Afghanistan"]);
    assert_eq!(
        w.provenance[0].record.as_deref(),
        Some("2-s2.0-85100000001")
    );
    // "[No abstract available]" is no abstract; a report stays a report.
    let r = &im.records[1].work;
    assert_eq!(
        (r.kind, r.abstract_text.as_deref()),
        (WorkKind::Report, None)
    );
    // The row without a title is skipped with its line.
    assert_eq!(im.skipped.len(), 1);
    assert_eq!(im.skipped[0].line, Some(4));
}

#[test]
fn web_of_science_tab_delimited_export() {
    let im = import("wos.txt");
    assert_eq!(im.format, Format::Table);
    assert_eq!(im.records.len(), 2, "{:?}", im.skipped);
    let w = &im.records[0].work;
    assert_eq!(w.title, "Refugees and the \"politics\" of return");
    assert_eq!(
        w.authors,
        vec![
            Person::new("Yousaf", Some("Kamran".into())),
            Person::new("Bano", Some("Saira".into())),
        ]
    );
    assert_eq!(
        (
            w.year,
            w.volume.as_deref(),
            w.issue.as_deref(),
            w.pages.as_deref()
        ),
        (Some(2022), Some("35"), Some("2"), Some("77–95"))
    );
    assert_eq!(w.doi.as_deref(), Some("10.1093/jrs/feac001"));
    assert_eq!(im.records[1].work.kind, WorkKind::Book);
}

#[test]
fn a_spreadsheet_with_a_header_row() {
    let im = import("sheet.csv");
    let w = &im.records[0].work;
    assert_eq!(w.title, "Intelligence sharing against the TTP");
    assert_eq!(w.authors, vec![Person::new("Rashid", Some("Ahmed".into()))]);
    assert_eq!(
        (w.year, w.doi.as_deref()),
        (Some(2023), Some("10.1000/abc"))
    );
}

#[test]
fn full_texts_that_name_no_title_are_called_by_their_file_names() {
    // Saved without <title>, front matter or a heading: a speech that opens
    // with its salutation, a page that opens with its first paragraph. A
    // title of their own they lack is not made up from their first words.
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "ungdc-2021-pak.html",
            "<html><body><p>Mr. President,</p><p>I congratulate you on assuming the presidency.</p></body></html>",
            "ungdc-2021-pak",
        ),
        (
            "speech-2019.html",
            "<html><body><p>It is an honour for me to stand at this rostrum today to represent my fellow countrywomen and men, and to address distinguished colleagues and partners in the General Assembly.</p></body></html>",
            "speech-2019",
        ),
        (
            "brief.html",
            "<html><body><h1>Border Trade After 2021</h1><p>Trade fell.</p></body></html>",
            "Border Trade After 2021",
        ),
        (
            "notes.txt",
            "Torkham Crossing Notes\n\nTrade fell by half.\n",
            "Torkham Crossing Notes",
        ),
        ("ungdc-2021-tuv.txt", "Mr. President,\n\nWe are sinking.\n", "ungdc-2021-tuv"),
    ];
    for (name, content, title) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let im = read_file(&path, name).unwrap();
        assert_eq!(im.records[0].work.title, title, "{name}");
    }
    // The year a file's name gives, when the text gives none.
    let im = read_file(&dir.path().join("speech-2019.html"), "speech-2019.html").unwrap();
    assert_eq!(im.records[0].work.year, Some(2019));
}

#[test]
fn a_chapters_editors_are_read_from_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "ch.bib",
            "@incollection{r, author = {Rashid, Ahmed}, title = {The Taliban return}, \
             booktitle = {Afghanistan after the Americans}, editor = {Khan, Ayesha and Ali, Bilal}, \
             publisher = {Hurst}, year = {2021}}",
        ),
        (
            "ch.ris",
            "TY  - CHAP\nTI  - The Taliban return\nAU  - Rashid, Ahmed\nA2  - Khan, Ayesha\n\
             A2  - Ali, Bilal\nT2  - Afghanistan after the Americans\nPY  - 2021\nER  - \n",
        ),
        (
            "ch.json",
            r#"[{"id": "r", "type": "chapter", "title": "The Taliban return",
                "author": [{"family": "Rashid", "given": "Ahmed"}],
                "editor": [{"family": "Khan", "given": "Ayesha"}, {"family": "Ali", "given": "Bilal"}],
                "container-title": "Afghanistan after the Americans", "issued": {"date-parts": [[2021]]}}]"#,
        ),
    ];
    for (name, content) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let work = &read_file(&path, name).unwrap().records[0].work;
        let editors: Vec<&str> = work.editors.iter().map(|p| p.family.as_str()).collect();
        assert_eq!(editors, ["Khan", "Ali"], "{name}");
        assert_eq!(work.authors[0].family, "Rashid", "{name}");
    }
    // An edited book without authors: its editors stand as its authors
    // too (cited by them, listed as editors).
    let path = dir.path().join("book.bib");
    std::fs::write(
        &path,
        "@book{b, editor = {Khan, Ayesha}, title = {Afghanistan}, year = {2021}}",
    )
    .unwrap();
    let work = &read_file(&path, "book.bib").unwrap().records[0].work;
    assert_eq!(work.authors, work.editors);
    assert_eq!(work.editors.len(), 1);
}

#[test]
fn a_books_edition_is_read() {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in [
        ("e.bib", "@book{s, author = {Siddiqa, Ayesha}, title = {Military Inc.}, edition = {2}, year = {2017}}"),
        ("e.ris", "TY  - BOOK\nTI  - Military Inc.\nAU  - Siddiqa, Ayesha\nET  - 2nd\nPY  - 2017\nER  - \n"),
        ("e.json", r#"[{"id": "s", "type": "book", "title": "Military Inc.", "edition": 2}]"#),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let work = &read_file(&path, name).unwrap().records[0].work;
        assert!(work.edition.as_deref().is_some_and(|e| e.starts_with('2')), "{name}: {:?}", work.edition);
    }
}

/// Reference managers' exports name each record's attached files: RIS
/// `L1` (Zotero writes relative paths with "Export Files", `file://`
/// URLs without), BibTeX `file` (Zotero's `description:path:type` list
/// with its escapes, Better BibTeX's bare paths). Web links are no file.
#[test]
fn exports_name_the_files_attached_to_their_records() {
    let ris = import("zotero-export.ris");
    assert!(skipped(&ris).is_empty(), "{:?}", skipped(&ris));
    let files: Vec<&[String]> = ris.records.iter().map(|r| &r.attachments[..]).collect();
    assert_eq!(
        files,
        [
            &[
                "files/12/Khan - 2024 - Pakistan.pdf",
                "files/13/snapshot.html"
            ][..],
            &["/home/omar/Zotero/storage/QX7/Rahimi 2023.pdf"][..],
        ]
    );
    assert_eq!(
        ris.records[0].work.url.as_deref(),
        Some("https://doi.org/10.1080/x"),
        "L2 stays the record's link"
    );

    let bib = import("zotero-export.bib");
    assert!(skipped(&bib).is_empty(), "{:?}", skipped(&bib));
    let files: Vec<&[String]> = bib.records.iter().map(|r| &r.attachments[..]).collect();
    assert_eq!(
        files,
        [
            &[
                "files/12/Khan - 2024 - Pakistan.pdf",
                "files/13/snapshot.html"
            ][..],
            &[r"C:\Users\omar\Zotero\storage\QX7\Rahimi 2023.pdf"][..],
            &["/home/imran/papers/ali-2019.pdf"][..],
        ]
    );
}

/// A news page saved by a browser: the author only in its JSON-LD (its
/// `article:author` is a profile link), the address only in the comment
/// the browser wrote at the top.
#[test]
fn a_saved_news_page_names_its_author_date_site_and_address() {
    let im = import("saved-news-page.html");
    assert!(skipped(&im).is_empty(), "{:?}", skipped(&im));
    let work = &im.records[0].work;
    assert_eq!(work.title, "Pakistan closes Torkham border crossing");
    assert_eq!(
        work.authors,
        [Person::new("Khan", Some("Tahir".to_string()))],
        "from JSON-LD, not the profile link"
    );
    assert_eq!(work.date.as_deref(), Some("2023-09-06"));
    assert_eq!(work.publisher.as_deref(), Some("DAWN.COM"));
    assert_eq!(
        work.url.as_deref(),
        Some("https://www.dawn.com/news/1774221/pakistan-closes-torkham-border-crossing")
    );
    let text = &im.records[0].document.as_ref().unwrap().text;
    assert!(text.contains("hundreds of trucks") && !text.contains("Home | Pakistan"));
}
