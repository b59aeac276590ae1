use super::*;
use quick_xml::events::Event;
use quire_model::Category;
use std::io::{Cursor, Read};

fn project() -> QdpxProject {
    let text = "Über die Grenze: the TTP & ISIS-K fight on in the hills of the border region.\n\nRefugees <crossed> the border in their thousands during the long and cold winter.";
    let ps = crate::passages::split_text("khan-2023", text);
    let code = |o: usize, cat: &str, origin| Coding {
        work_id: "khan-2023".into(),
        passage: o,
        category: cat.into(),
        origin,
        score: 1.0,
        evidence: vec![],
        coder: None,
    };
    QdpxProject {
        name: "Af-Pak & co".into(),
        codebook: Codebook {
            categories: vec![
                Category {
                    id: "threat".into(),
                    label: "Threat landscape".into(),
                    definition: "TTP <and> ISIS-K".into(),
                    ..Default::default()
                },
                Category {
                    id: "challenges".into(),
                    label: "Challenges".into(),
                    ..Default::default()
                },
            ],
            ..Default::default()
        },
        sources: vec![QdpxSource {
            work_id: "khan-2023".into(),
            name: "Khan (2023)".into(),
            text: text.into(),
            codings: vec![
                code(0, "threat", CodingOrigin::Auto),
                code(1, "challenges", CodingOrigin::Manual),
                code(1, "threat", CodingOrigin::Manual),
            ],
            passages: ps,
        }],
    }
}

#[test]
fn qdpx_is_a_zip_with_a_well_formed_refi_qda_project() {
    let mut buf = Cursor::new(Vec::new());
    let p = project();
    write_qdpx(&mut buf, &p).unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(buf.into_inner())).unwrap();
    let names: Vec<String> = zip.file_names().map(String::from).collect();
    assert!(names.contains(&"project.qde".to_string()));
    assert!(names
        .iter()
        .any(|n| n.starts_with("sources/") && n.ends_with(".txt")));
    let mut xml = String::new();
    zip.by_name("project.qde")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();

    // Walk the XML: record the element path of every start tag and the
    // attributes we check.
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut stack: Vec<String> = Vec::new();
    let mut code_guids = Vec::new();
    let mut code_refs = Vec::new();
    let mut selections = Vec::new();
    let mut content = String::new();
    loop {
        let event = reader.read_event().unwrap();
        let (e, empty) = match &event {
            Event::Start(e) => (e.clone(), false),
            Event::Empty(e) => (e.clone(), true),
            Event::Text(t) => {
                if stack.last().map(String::as_str) == Some("PlainTextContent") {
                    content = t.unescape().unwrap().into_owned();
                }
                continue;
            }
            Event::End(_) => {
                stack.pop();
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
        let attr = |k: &str| {
            e.attributes()
                .map(|a| a.unwrap())
                .find(|a| a.key.as_ref() == k.as_bytes())
                .map(|a| a.unescape_value().unwrap().into_owned())
        };
        stack.push(name);
        match stack.join("/").as_str() {
            "Project" => assert_eq!(attr("xmlns").as_deref(), Some("urn:QDA-XML:project:1.0")),
            "Project/CodeBook/Codes/Code" => code_guids.push(attr("guid").unwrap()),
            "Project/Sources/TextSource/PlainTextSelection" => selections.push((
                attr("startPosition").unwrap().parse::<usize>().unwrap(),
                attr("endPosition").unwrap().parse::<usize>().unwrap(),
            )),
            "Project/Sources/TextSource/PlainTextSelection/Coding/CodeRef" => {
                code_refs.push(attr("targetGUID").unwrap())
            }
            _ => {}
        }
        if empty {
            stack.pop();
        }
    }
    assert_eq!(code_guids.len(), 2);
    assert_eq!(code_refs.len(), 3);
    assert!(code_refs.iter().all(|r| code_guids.contains(r)));
    assert_eq!(selections.len(), 2);
    let chars: Vec<char> = content.chars().collect();
    let first: String = chars[selections[0].0..selections[0].1].iter().collect();
    let second: String = chars[selections[1].0..selections[1].1].iter().collect();
    assert_eq!(
        first,
        "Über die Grenze: the TTP & ISIS-K fight on in the hills of the border region."
    );
    assert_eq!(
        second,
        "Refugees <crossed> the border in their thousands during the long and cold winter."
    );
}

#[test]
fn export_is_deterministic() {
    assert_eq!(project_xml(&project()), project_xml(&project()));
}
