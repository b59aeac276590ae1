//! Reference parsing end to end with the shipped model: section finding,
//! fields, and every output format.

use quire_cite::format::{write, OutputFormat};
use quire_cite::parse::ReferenceParser;

const LIST: &str = "Some text.\n\nReferences\n\n\
Brennan, T., & Cole, M. (2018). The Shanghai Cooperation Organisation and Afghanistan: Limits of a regional forum. Asian Security, 14(3), 245\u{2013}263. https://doi.org/10.1080/14799855.2018.1436421\n\
International Crisis Group. (2022). Afghanistan's security challenges under the Taliban (Asia Report No. 326). International Crisis Group.\n\
Rashid, A. (2022). Descent into chaos revisited: Afghanistan, Pakistan and the region. Penguin.\n";

#[test]
fn parses_fields_of_an_article() {
    let parser = ReferenceParser::new().unwrap();
    let refs = parser.parse_text(LIST).unwrap();
    assert_eq!(refs.len(), 3);
    let a = &refs[0];
    assert_eq!(a.authors.len(), 2);
    assert_eq!(a.authors[0].family, "Brennan");
    assert_eq!(a.authors[0].given.as_deref(), Some("T."));
    assert_eq!(a.year, Some(2018));
    assert_eq!(a.container.as_deref(), Some("Asian Security"));
    assert_eq!(
        (a.volume.as_deref(), a.issue.as_deref()),
        (Some("14"), Some("3"))
    );
    assert_eq!(a.pages.as_deref(), Some("245-263"));
    assert_eq!(a.doi.as_deref(), Some("10.1080/14799855.2018.1436421"));
    assert_eq!(a.line, 5);
    assert!(refs[1].authors[0].literal);
}

/// The two-stage parser reads the same list as well: the shipped second
/// stage loads, and its labels make the same fields here.
#[test]
fn the_stacked_parser_reads_the_same_fields() {
    let parser = ReferenceParser::stacked().unwrap();
    assert!(parser.labeller().has_stage_two());
    let refs = parser.parse_text(LIST).unwrap();
    assert_eq!(refs.len(), 3);
    let a = &refs[0];
    assert_eq!(
        (a.authors[0].family.as_str(), a.year, a.container.as_deref()),
        ("Brennan", Some(2018), Some("Asian Security"))
    );
    assert_eq!(
        (a.volume.as_deref(), a.issue.as_deref(), a.pages.as_deref()),
        (Some("14"), Some("3"), Some("245-263"))
    );
    assert!(refs[1].authors[0].literal);
    assert_eq!(refs[2].publisher.as_deref(), Some("Penguin"));
}

#[test]
fn csl_json_has_csl_data_fields() {
    let parser = ReferenceParser::new().unwrap();
    let refs = parser.parse_text(LIST).unwrap();
    let out = write(&refs, OutputFormat::CslJson).unwrap();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let a = &v[0];
    assert_eq!(a["type"], "article-journal");
    assert_eq!(a["author"][0]["family"], "Brennan");
    assert_eq!(a["issued"]["date-parts"][0][0], 2018);
    assert_eq!(a["container-title"], "Asian Security");
    assert_eq!(a["page"], "245-263");
    assert_eq!(a["DOI"], "10.1080/14799855.2018.1436421");
    assert_eq!(v[1]["author"][0]["literal"], "International Crisis Group");
    assert_eq!(v[2]["type"], "book");
}

#[test]
fn bibtex_ris_and_apa() {
    let parser = ReferenceParser::new().unwrap();
    let refs = parser.parse_text(LIST).unwrap();
    let bib = write(&refs, OutputFormat::Bibtex).unwrap();
    assert!(bib.contains("@article{Brennan2018,"));
    assert!(bib.contains("pages = {245--263}"));
    let ris = write(&refs, OutputFormat::Ris).unwrap();
    assert!(ris.starts_with("TY  - JOUR\nAU  - Brennan, T.\n"));
    assert_eq!(ris.matches("ER  - ").count(), 3);
    let apa = write(&refs, OutputFormat::Apa).unwrap();
    let lines: Vec<&str> = apa.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(
        lines[0]
            .starts_with("Brennan, T., & Cole, M. (2018). The Shanghai Cooperation Organisation"),
        "{apa}"
    );
    assert!(lines[0].contains("Asian Security, 14(3), 245–263"), "{apa}");
}

#[test]
fn reports_and_news_keep_their_number_and_day() {
    let list = "References\n\n\
International Crisis Group. (2023). Pakistan's hard policy on Afghan refugees (Asia Briefing No. 179). International Crisis Group.\n\
Khan, A. (2021, August 16). Taliban take Kabul as government collapses. *Dawn*. https://www.dawn.com/news/1640934\n";
    let parser = ReferenceParser::new().unwrap();
    let refs = parser.parse_text(list).unwrap();
    assert_eq!(refs.len(), 2);
    let csl: serde_json::Value =
        serde_json::from_str(&write(&refs, OutputFormat::CslJson).unwrap()).unwrap();
    assert_eq!(csl[0]["genre"], "Asia Briefing");
    assert_eq!(csl[0]["number"], "179");
    assert_eq!(csl[1]["type"], "article-newspaper");
    assert_eq!(
        csl[1]["issued"]["date-parts"][0],
        serde_json::json!([2021, 8, 16])
    );
    let apa = write(&refs, OutputFormat::Apa).unwrap();
    assert!(apa.contains("(Asia Briefing No. 179)"), "{apa}");
    assert!(apa.contains("Khan, A. (2021, August 16)."), "{apa}");
    let ris = write(&refs, OutputFormat::Ris).unwrap();
    assert!(ris.contains("DA  - 2021/08/16/"), "{ris}");
    let bib = write(&refs, OutputFormat::Bibtex).unwrap();
    assert!(bib.contains("date = {2021-08-16}"), "{bib}");
}

#[test]
fn statements_by_a_speaker_are_speeches_rendered_without_an_empty_day() {
    let list = "References\n\n\
Abbasi, S. K. (2017). *Statement by Pakistan in the General Debate of the 72nd session of the UN General Assembly*. United Nations General Assembly.\n\n\
The White House. (2021). *Remarks by President Biden on Afghanistan*. The White House Briefing Room.\n";
    let parser = ReferenceParser::new().unwrap();
    let refs = parser.parse_text(list).unwrap();
    assert_eq!(refs.len(), 2);
    let csl: serde_json::Value =
        serde_json::from_str(&write(&refs, OutputFormat::CslJson).unwrap()).unwrap();
    assert_eq!(
        (csl[0]["type"].as_str(), csl[1]["type"].as_str()),
        (Some("speech"), Some("speech"))
    );
    let apa = write(&refs, OutputFormat::Apa).unwrap();
    assert!(
        apa.contains("Abbasi, S. K. (2017). Statement by Pakistan"),
        "{apa}"
    );
    assert!(!apa.contains("2017,)"), "{apa}");
}

/// Policy references the labeller half-reads: the italics decide. A news
/// item's outlet set in italics after a plain title is its periodical
/// (so APA keeps its day); a report title with a dated resolution inside
/// is the whole italic span; a UN resolution with no italics keeps its
/// number in its title and its link its brackets.
#[test]
fn italics_and_apa_order_mend_policy_references() {
    let list = "References\n\n\
Gul, A. (2024, January 3). Pakistan says Afghan Taliban failing to act against TTP. *Voice of America*. https://www.voanews.com/a/7424311.html\n\n\
UN Security Council. (2023). *Fourteenth report of the Analytical Support and Sanctions Monitoring Team submitted pursuant to resolution 2665 (2022) concerning the Taliban* (S/2023/370). United Nations.\n\n\
United Nations Security Council. (2021). Resolution 2593 (2021). https://undocs.org/S/RES/2593(2021)\n";
    let parser = ReferenceParser::new().unwrap();
    let refs = parser.parse_text(list).unwrap();
    assert_eq!(refs.len(), 3);
    assert_eq!(refs[0].container.as_deref(), Some("Voice of America"));
    assert_eq!(refs[0].kind, quire_model::WorkKind::News);
    assert_eq!(
        refs[1].title.as_deref(),
        Some("Fourteenth report of the Analytical Support and Sanctions Monitoring Team submitted pursuant to resolution 2665 (2022) concerning the Taliban")
    );
    assert_eq!(refs[2].title.as_deref(), Some("Resolution 2593 (2021)"));
    assert_eq!(
        refs[2].url.as_deref(),
        Some("https://undocs.org/S/RES/2593(2021)")
    );
    let apa = write(&refs, OutputFormat::Apa).unwrap();
    assert!(apa.contains("Gul, A. (2024, January 3)."), "{apa}");
}
