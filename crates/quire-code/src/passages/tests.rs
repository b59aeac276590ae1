use super::*;

fn texts(ps: &[Passage]) -> Vec<&str> {
    ps.iter().map(|p| p.text.as_str()).collect()
}

#[test]
fn hard_wrapped_markdown_becomes_paragraphs_with_spans() {
    let t = "---\nid: x\n---\n\nTreaty Room\n\nThe President spoke about the\nwithdrawal of forces from Afghanistan and the\nthreat of terrorism in the region today.\n\nA second paragraph follows here and it is long\nenough to stand alone as a passage of text.\n\n\\###\n";
    let ps = split_text("w", t);
    assert_eq!(
        texts(&ps),
        vec![
            "The President spoke about the withdrawal of forces from Afghanistan and the threat of terrorism in the region today.",
            "A second paragraph follows here and it is long enough to stand alone as a passage of text."
        ]
    );
    assert_eq!(ps[0].heading.as_deref(), Some("Treaty Room"));
    assert_eq!(ps[1].ordinal, 1);
    assert!(t[ps[0].start..ps[0].end].starts_with("The President"));
    assert!(t[ps[0].start..ps[0].end].ends_with("region today."));
}

#[test]
fn sentence_per_line_speech_is_grouped_between_courtesy_lines() {
    let t = "Mr. President,\nI am honoured to address the General Assembly once again this year.\nWe commend the leadership of the Secretary-General in these times.\nMr. President,\nOur foreign policy aims to have peace with all our neighbours.\nWe settle disputes through dialogue and never through force.\nThank you.\n";
    let ps = split_text("un", t);
    assert_eq!(ps.len(), 2, "{:#?}", texts(&ps));
    assert!(ps[0].text.starts_with("I am honoured"));
    assert!(ps[0].text.ends_with("in these times."));
    assert!(ps[1].text.ends_with("never through force."));
}

#[test]
fn long_paragraph_lines_stand_alone_and_long_ones_are_cut() {
    let sentence =
        "The border between the two countries has seen many attacks in recent years and more. ";
    let long = sentence.repeat(30); // 15 words x 30 = 450 words
    let para = "This single line is a whole paragraph of a speech that runs on for more than forty words, because the corpus keeps one paragraph per line and never wraps, so the splitter must keep it alone and not glue it to the next line of the text at all.";
    let t = format!("{para}\n{long}\n");
    let ps = split_text("w", &t);
    assert_eq!(ps[0].text, para);
    let rest = &ps[1..];
    assert_eq!(rest.len(), 3);
    for p in rest {
        let n = p.text.split_whitespace().count();
        assert!((120..=200).contains(&n), "piece of {n} words");
        assert!(p.text.ends_with('.'));
    }
}

/// Each passage's heading and text.
fn headed(ps: &[Passage]) -> Vec<(Option<&str>, &str)> {
    ps.iter()
        .map(|p| (p.heading.as_deref(), p.text.as_str()))
        .collect()
}

/// A PDF's document of these pages' text.
fn paged(pages: &[&str]) -> Document {
    let mut page_starts = Vec::new();
    let mut text = String::new();
    for (k, page) in pages.iter().enumerate() {
        if k > 0 {
            page_starts.push(text.len());
        }
        text.push_str(page);
    }
    Document {
        work_id: "pdf".into(),
        page_starts,
        text,
        format: "pdf".into(),
        file: "x.pdf".into(),
    }
}

#[test]
fn pdf_artefacts_are_repaired() {
    let page1 = "JOURNAL OF SOUTH ASIAN SECURITY 2023\nThe border regions have long been con-\ntested by tribes whose ties reach across the\n1\n";
    let page2 = "JOURNAL OF SOUTH ASIAN SECURITY 2023\nline, and the state has never fully con-\ntrolled them since partition in 1947.\n2\n";
    let page3 = "JOURNAL OF SOUTH ASIAN SECURITY 2023\nA new paragraph on refugees begins on this page and goes on.\n3\n";
    let doc = paged(&[page1, page2, page3]);
    let ps = split_document(&doc);
    assert_eq!(
        texts(&ps),
        vec![
            "The border regions have long been contested by tribes whose ties reach across the line, and the state has never fully controlled them since partition in 1947.",
            "A new paragraph on refugees begins on this page and goes on."
        ]
    );
    assert_eq!(ps[0].page, Some(1));
    assert_eq!(ps[1].page, Some(3));
}

#[test]
fn lead_in_fragment_joins_the_next_paragraph() {
    let t = "The Father of our Nation declared in 1947 that:\n\n> *\"We stand by the United Nations Charter and will gladly contribute.\"*\n\nPakistan has stood by this commitment.\n\n## Security\n\nTerrorism remains the gravest threat to the region and to the people of Pakistan today.\n";
    let ps = split_text("w", t);
    assert_eq!(ps.len(), 2, "{:#?}", texts(&ps));
    assert_eq!(
        ps[0].text,
        "The Father of our Nation declared in 1947 that: \"We stand by the United Nations Charter and will gladly contribute.\" Pakistan has stood by this commitment."
    );
    assert_eq!(ps[1].heading.as_deref(), Some("Security"));
}

#[test]
fn empty_and_courtesy_only_inputs_give_nothing() {
    assert!(split_text("w", "").is_empty());
    assert!(split_text("w", "Mr. President,\n\nThank you.\n").is_empty());
}

#[test]
fn a_structured_abstract_is_cut_at_its_labels() {
    let text = "BACKGROUND: Little is known about how to discourage clinicians from ordering \
                low-value services. METHODS: We randomized 40 practices to a default order set. \
                RESULTS: Orders of the service fell by nine per cent.";
    let ps = split_abstract("w", text);
    let headed: Vec<(Option<&str>, &str)> = ps
        .iter()
        .map(|p| (p.heading.as_deref(), p.text.as_str()))
        .collect();
    assert_eq!(
        headed,
        [
            (
                Some("Background"),
                "Little is known about how to discourage clinicians from ordering low-value services."
            ),
            (
                Some("Methods"),
                "We randomized 40 practices to a default order set."
            ),
            (
                Some("Results"),
                "Orders of the service fell by nine per cent."
            ),
        ]
    );
    for (i, p) in ps.iter().enumerate() {
        assert_eq!(p.ordinal, i);
        assert_eq!(text[p.start..p.end].trim(), p.text);
    }
    // An abstract in prose stays one passage, without a heading.
    let prose = split_abstract("w", "Results were mixed, and the design of nudges matters.");
    assert_eq!((prose.len(), prose[0].heading.as_deref()), (1, None));
}

/// A report's pages as a text layer gives them: a running head, the
/// body with note markers glued to its words, the page's notes at its
/// foot, the page number.
fn report_with_footnotes() -> Document {
    let page1 = "Pakistan and the Taliban | Asia Report N°335\n\n\
        Since the Taliban returned to Kabul, attacks by the TTP in Khyber\n\
        Pakhtunkhwa have risen sharply.1 Islamabad blames safe havens across the\n\
        border, while Kabul denies that it hosts the group.2 Trade through the crossing at\n\n\
        1 See Crisis Group, Pakistan's Hard Policy on Afghanistan, 2023, p. 4.\n\
        2 Interview with a Taliban official, Kabul, March 2023. The official\n\
        spoke on condition of anonymity.\n\n1\n";
    let page2 = "Pakistan and the Taliban | Asia Report N°335\n\n\
        Torkham has been closed for weeks at a time, and the fencing of the Durand\n\
        Line has cut tribes off from their markets.3\n\n\
        3 Dawn, 12 September 2023.\n\n2\n";
    let page3 = "Pakistan and the Taliban | Asia Report N°335\n\n\
        The report recommends three steps to the two governments:\n\
        1 Resume the joint border coordination meetings every month.\n\
        2 Reopen Torkham to trade and to travellers with papers.\n\n3\n";
    paged(&[page1, page2, page3])
}

#[test]
fn footnotes_of_a_pdf_leave_the_body_and_follow_it() {
    let doc = report_with_footnotes();
    let ps = split_document(&doc);
    let headed = headed(&ps);
    assert_eq!(
        headed,
        [
            // The paragraph goes on across the notes and the page break,
            // its markers gone.
            (
                None,
                "Since the Taliban returned to Kabul, attacks by the TTP in Khyber Pakhtunkhwa \
                 have risen sharply. Islamabad blames safe havens across the border, while Kabul \
                 denies that it hosts the group. Trade through the crossing at Torkham has been \
                 closed for weeks at a time, and the fencing of the Durand Line has cut tribes \
                 off from their markets."
            ),
            // A numbered list no marker points to stays in the body.
            (
                None,
                "The report recommends three steps to the two governments: 1 Resume the joint \
                 border coordination meetings every month. 2 Reopen Torkham to trade and to \
                 travellers with papers."
            ),
            // Each page's notes, numbers dropped, wrapped lines joined.
            (
                Some("Notes"),
                "See Crisis Group, Pakistan's Hard Policy on Afghanistan, 2023, p. 4. Interview \
                 with a Taliban official, Kabul, March 2023. The official spoke on condition of \
                 anonymity."
            ),
            (Some("Notes"), "Dawn, 12 September 2023."),
        ],
        "{headed:#?}"
    );
    // The notes' passage points at the notes of page 1, and is on page 1.
    let notes = &ps[2];
    assert!(doc.text[notes.start..notes.end].starts_with("See Crisis Group"));
    assert!(doc.text[notes.start..notes.end].ends_with("anonymity."));
    assert_eq!(notes.page, Some(1));
    assert_eq!(ps[3].page, Some(2));
}

#[test]
fn a_word_broken_by_a_page_is_joined_as_a_wrapped_line_would_be() {
    let page1 = "The leaders of the region have agreed that the develop-\n\n1\n";
    let page2 = "ment of trade across the border must wait for a post-\n\n2\n";
    let page3 = "2015 agenda that the United Nations has yet to write down.\n\n3\n";
    let doc = paged(&[page1, page2, page3]);
    assert_eq!(
        texts(&split_document(&doc)),
        [
            "The leaders of the region have agreed that the development of trade across the \
          border must wait for a post-2015 agenda that the United Nations has yet to write down."
        ]
    );
}

/// Lines as pdflatex's text layer gives them to the reader: a blank line
/// after every line, note numbers glued to their notes ("1See").
fn interleaved(lines: &[&str]) -> String {
    lines.iter().map(|l| format!("{l}\n\n")).collect()
}

#[test]
fn a_text_layer_with_a_blank_after_every_line_reads_in_paragraphs() {
    let page1 = interleaved(&[
        "1 Introduction",
        "When the Taliban entered Kabul in August 2021, many in Islamabad expected a friendly govern-",
        "ment on the western border.1 Within a year, however, attacks by the Tehrik-i-Taliban Pakistan",
        "(TTP) in Khyber Pakhtunkhwa had risen sharply, and the government accused Kabul of giving",
        "the group safe havens across the Durand Line.2 The Taliban denied that they hosted the TTP",
        "and insisted that the problem was Pakistan's own.",
        "The border itself became a source of friction. Pakistan continued to fence the Durand Line,",
        "which no Afghan government has recognised, and Taliban fighters pulled down sections of the",
        "fence in several districts. Trade through the crossings at Torkham and Chaman was interrupted.",
        "2 Cooperation and its limits",
        "Despite these tensions, the two governments kept channels open, and China hosted trilateral",
        "meetings of foreign ministers that discussed extending the China–Afghanistan–",
        "Pakistan corridor into Afghanistan.3 Intelligence sharing remained limited to personal contacts.",
        "1See International Crisis Group, Pakistan's Hard Policy on Afghanistan, Asia Report No. 335 (Brussels: ICG,",
        "2023), p. 4.",
        "2Interview with a senior Pakistani official, Islamabad, March 2023.",
        "3Ministry of Foreign Affairs of the People's Republic of China, Joint Statement, 6 May 2023.",
        "1",
    ]);
    let page2 = interleaved(&[
        "3 Conclusion",
        "The relationship after 2021 shows that a friendly government in Kabul is not the same as a",
        "cooperative one: Pakistan's interests in border control collide with the Taliban's interests.4",
        "4On the Taliban's ties with the TTP, see Asfandyar Mir, United States Institute of Peace, 2022.",
        "2",
    ]);
    let doc = paged(&[&page1, &page2]);
    let passages = split_document(&doc);
    let headed = headed(&passages);
    assert_eq!(
        headed,
        [
            (
                Some("1 Introduction"),
                "When the Taliban entered Kabul in August 2021, many in Islamabad expected a \
                 friendly government on the western border. Within a year, however, attacks by \
                 the Tehrik-i-Taliban Pakistan (TTP) in Khyber Pakhtunkhwa had risen sharply, and \
                 the government accused Kabul of giving the group safe havens across the Durand \
                 Line. The Taliban denied that they hosted the TTP and insisted that the problem \
                 was Pakistan's own."
            ),
            (
                Some("1 Introduction"),
                "The border itself became a source of friction. Pakistan continued to fence the \
                 Durand Line, which no Afghan government has recognised, and Taliban fighters \
                 pulled down sections of the fence in several districts. Trade through the \
                 crossings at Torkham and Chaman was interrupted."
            ),
            (
                Some("2 Cooperation and its limits"),
                "Despite these tensions, the two governments kept channels open, and China hosted \
                 trilateral meetings of foreign ministers that discussed extending the \
                 China–Afghanistan–Pakistan corridor into Afghanistan. Intelligence sharing \
                 remained limited to personal contacts."
            ),
            // The section heading "3 Conclusion" is no note, though note 3
            // came before it.
            (
                Some("3 Conclusion"),
                "The relationship after 2021 shows that a friendly government in Kabul is not \
                 the same as a cooperative one: Pakistan's interests in border control collide \
                 with the Taliban's interests."
            ),
            (
                Some("Notes"),
                "See International Crisis Group, Pakistan's Hard Policy on Afghanistan, Asia \
                 Report No. 335 (Brussels: ICG, 2023), p. 4. Interview with a senior Pakistani \
                 official, Islamabad, March 2023. Ministry of Foreign Affairs of the People's \
                 Republic of China, Joint Statement, 6 May 2023."
            ),
            (
                Some("Notes"),
                "On the Taliban's ties with the TTP, see Asfandyar Mir, United States Institute \
                 of Peace, 2022."
            ),
        ],
        "{headed:#?}"
    );
}

#[test]
fn a_one_page_pdf_has_its_notes_and_page_number_found_too() {
    let text = "Since the Taliban returned to Kabul, attacks by the TTP have risen sharply.1\n\
                Islamabad blames safe havens across the border, and Kabul denies that it hosts them.2\n\n\
                1See Crisis Group, Pakistan's Hard Policy on Afghanistan, 2023, p. 4.\n\
                2Interview with a Taliban official, Kabul, March 2023.\n\n1\n";
    let doc = paged(&[text]);
    assert!(doc.page_starts.is_empty());
    let texts: Vec<String> = split_document(&doc).into_iter().map(|p| p.text).collect();
    assert_eq!(
        texts,
        [
            "Since the Taliban returned to Kabul, attacks by the TTP have risen sharply. \
             Islamabad blames safe havens across the border, and Kabul denies that it hosts them.",
            "See Crisis Group, Pakistan's Hard Policy on Afghanistan, 2023, p. 4. Interview with \
             a Taliban official, Kabul, March 2023."
        ]
    );
}

#[test]
fn a_reports_endnotes_are_its_notes() {
    let page1 = "Trade through Torkham fell by half after the closures of 2023.12\n\n1\n";
    let page2 = "Notes\n\n\
                 1. Interview with a Pakistani official, Islamabad,\n\
                 March 2023.\n\
                 2. See Crisis Group, Pakistan's Hard Policy on Afghanistan, 2023.\n\n2\n";
    let doc = paged(&[page1, page2]);
    assert_eq!(
        notes(&doc),
        [
            "Interview with a Pakistani official, Islamabad, March 2023.",
            "See Crisis Group, Pakistan's Hard Policy on Afghanistan, 2023."
        ]
    );
}

/// Pages of lines drawn at random from pieces a PDF's text layer gives
/// (note numbers glued or not, marks, headings, page numbers, Unicode):
/// splitting never panics, every passage has text and a span inside the
/// document, and notes are read without panicking either.
#[test]
fn random_text_layers_split_without_panic() {
    const PIECES: &[&str] = &[
        "1",
        "12",
        "1See Crisis Group, 2023.",
        "2 Interview, Kabul.",
        "3. Dawn, 12 May.",
        "closures.12 The",
        "Kabul.5",
        "(TTP) in Khyber",
        "# Notes",
        "Notes",
        "Endnotes",
        "3 Conclusion",
        "The border was closed for weeks and trade across it fell by half in",
        "the first year.",
        "develop-",
        "ment",
        "post-",
        "2015 agenda",
        "China–",
        "é王ب€",
        "[^1]: Dawn.",
        "sharply.[^1]",
        "11/27/26, 11:52 AM Title",
        "file:///x.html 1/1",
        "06-52879 2",
        "A/75/592/Add.9",
        "",
        "",
        "—",
        "lme4",
        "ASN.1 structure",
        "p. 40.",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for _ in 0..300 {
        let pages: Vec<String> = (0..1 + next(4))
            .map(|_| {
                (0..next(25))
                    .map(|_| PIECES[next(PIECES.len())])
                    .collect::<Vec<_>>()
                    .join("\n")
                    + "\n"
            })
            .collect();
        let refs: Vec<&str> = pages.iter().map(String::as_str).collect();
        let doc = paged(&refs);
        for p in split_document(&doc) {
            assert!(!p.text.trim().is_empty());
            assert!(p.start <= p.end && p.end <= doc.text.len(), "{p:?}");
        }
        let _ = notes(&doc);
    }
}
