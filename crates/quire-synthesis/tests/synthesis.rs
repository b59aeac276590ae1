//! Each synthesis step on a small hand-made review with known answers.

use quire_model::{
    protocol::SeminalRule, Actor, ActorKind, Category, Coding, CodingOrigin, Passage, Person,
    Protocol, SelectionRule, SourceType, Work, YearRange,
};
use quire_synthesis::{synthesise, EvidenceCell, RecencyStatus, ReviewInput, Stance, Synthesis};
use std::collections::{HashMap, HashSet};

fn protocol() -> Protocol {
    let category = |id: &str, label: &str, terms: &[&str]| Category {
        id: id.into(),
        label: label.into(),
        terms: terms.iter().map(|t| t.to_string()).collect(),
        ..Default::default()
    };
    let actor = |id: &str, name: &str, aliases: &[&str], kind| Actor {
        id: id.into(),
        name: name.into(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        kind,
    };
    Protocol {
        selection: SelectionRule {
            years: YearRange::parse("2019.."),
            seminal: Some(SeminalRule {
                cited_by_at_least: 2,
            }),
            keep: vec!["kept-2005".into()],
        },
        categories: vec![
            category(
                "threat_landscape",
                "Threat landscape",
                &["TTP", "militants"],
            ),
            category(
                "cooperation",
                "Cooperation initiatives",
                &["dialogue", "talks"],
            ),
        ],
        actors: vec![
            actor("pakistan", "Pakistan", &["Islamabad"], ActorKind::State),
            actor(
                "afghanistan",
                "Afghanistan",
                &["Kabul", "Afghan"],
                ActorKind::State,
            ),
            actor(
                "ttp",
                "Tehrik-i-Taliban Pakistan",
                &["TTP"],
                ActorKind::ArmedGroup,
            ),
        ],
        ..Default::default()
    }
}

struct Fixture {
    protocol: Protocol,
    works: Vec<Work>,
    passages: Vec<Passage>,
    codings: Vec<Coding>,
    selected: HashSet<String>,
    cited: HashMap<String, usize>,
}

impl Fixture {
    fn new() -> Fixture {
        Fixture {
            protocol: protocol(),
            works: Vec::new(),
            passages: Vec::new(),
            codings: Vec::new(),
            selected: HashSet::new(),
            cited: HashMap::new(),
        }
    }

    fn work(&mut self, id: &str, author: &str, year: i32, source_type: SourceType) {
        self.works.push(Work {
            id: id.into(),
            title: format!("On {id}"),
            authors: vec![Person::parse(author)],
            year: Some(year),
            source_type,
            ..Default::default()
        });
        self.selected.insert(id.into());
    }

    /// Add a passage to `work` coded with `categories` at `score`.
    /// A secondary work "ali-YEAR" (Ali, B.) on stalled talks, coded with
    /// cooperation: the corpus's analysis beside its statements.
    fn analysis_of_talks(&mut self, year: i32) {
        self.work_saying(
            &format!("ali-{year}"),
            "Ali, B.",
            year,
            SourceType::Secondary,
            "The dialogue stalled after new talks.",
            "cooperation",
        );
    }

    /// A work with one passage coded with one category (score 0.9).
    fn work_saying(
        &mut self,
        id: &str,
        author: &str,
        year: i32,
        source_type: SourceType,
        text: &str,
        category: &str,
    ) {
        self.work(id, author, year, source_type);
        self.passage(id, text, &[category], 0.9);
    }

    fn passage(&mut self, work: &str, text: &str, categories: &[&str], score: f32) {
        let ordinal = self.passages.iter().filter(|p| p.work_id == work).count();
        self.passages.push(Passage {
            work_id: work.into(),
            ordinal,
            start: ordinal * 1000,
            end: ordinal * 1000 + text.len(),
            text: text.into(),
            ..Default::default()
        });
        for c in categories {
            self.codings.push(Coding {
                work_id: work.into(),
                passage: ordinal,
                category: c.to_string(),
                origin: CodingOrigin::Auto,
                score,
                evidence: vec![],
                coder: None,
            });
        }
    }

    /// A passage of the work's notes (headed "Notes", after its text).
    fn note(&mut self, work: &str, text: &str, categories: &[&str], score: f32) {
        self.passage(work, text, categories, score);
        if let Some(note) = self.passages.last_mut() {
            note.heading = Some(Passage::NOTES_HEADING.to_string());
        }
    }

    fn run(&self) -> Synthesis {
        synthesise(&ReviewInput {
            protocol: &self.protocol,
            works: &self.works,
            passages: &self.passages,
            codings: &self.codings,
            selected: &self.selected,
            citation_counts: &self.cited,
        })
    }
}

/// Two works on the TTP: one accuses Pakistan, one has Pakistan deny it.
fn accuse_and_deny() -> Fixture {
    khan_and_ministry_saying(
        "Afghan officials accuse Pakistan of harbouring the TTP along the border.",
        "Pakistan denies harbouring militants on its soil.",
    )
}

/// Khan (2021, secondary) and the Ministry of Foreign Affairs (2022,
/// primary), one threat-landscape passage each.
fn khan_and_ministry_saying(khan: &str, ministry: &str) -> Fixture {
    let mut f = Fixture::new();
    f.work("khan-2021", "Khan, Ayesha", 2021, SourceType::Secondary);
    f.work(
        "mofa-2022",
        "Ministry of Foreign Affairs",
        2022,
        SourceType::Primary,
    );
    f.passage("khan-2021", khan, &["threat_landscape"], 0.9);
    f.passage("mofa-2022", ministry, &["threat_landscape"], 0.8);
    f
}

#[test]
fn accusation_and_denial_make_exactly_one_debate() {
    let s = accuse_and_deny().run();
    assert_eq!(s.debates.debates.len(), 1, "{:#?}", s.debates.debates);
    let d = &s.debates.debates[0];
    assert_eq!(
        (d.category.as_str(), d.actor.as_str()),
        ("threat_landscape", "pakistan")
    );
    assert_eq!(d.side_a.stance, Stance::Accuse);
    assert_eq!(d.side_a.source.work_id, "khan-2021");
    assert_eq!(d.side_a.source.citation, "(Khan, 2021)");
    assert_eq!(d.side_b.stance, Stance::Deny);
    assert_eq!(d.side_b.cue, "denies");
    assert!(d.reason.contains("accusation vs denial"));
    assert!(s.debates.method.contains("accusation"));
}

#[test]
fn a_cause_named_and_denied_is_a_debate_about_the_matter() {
    let s = khan_and_ministry_saying(
        "The rise in attacks is a result of militants crossing the border.",
        "The rise in attacks was not caused by militants from abroad.",
    )
    .run();
    assert_eq!(s.debates.debates.len(), 1, "{:#?}", s.debates.debates);
    let d = &s.debates.debates[0];
    assert_eq!((d.actor.as_str(), d.actor_name.as_str()), ("", "militants"));
    assert_eq!(
        (d.side_a.stance, d.side_a.cue.as_str()),
        (Stance::Cause, "result of")
    );
    assert_eq!(
        (d.side_b.stance, d.side_b.cue.as_str()),
        (Stance::NotCause, "caused by")
    );
    assert!(d.reason.contains("named as cause vs denied as cause"));
}

/// A primary source spoken for an organisation (its voice) with one
/// passage coded `category`.
fn statement(f: &mut Fixture, id: &str, organisation: &str, year: i32, text: &str, category: &str) {
    f.works.push(Work {
        id: id.into(),
        title: format!("Statement {id}"),
        authors: vec![Person::organisation(organisation)],
        year: Some(year),
        source_type: SourceType::Primary,
        ..Default::default()
    });
    f.selected.insert(id.into());
    f.passage(id, text, &[category], 0.9);
}

#[test]
fn actors_whose_own_statements_blame_each_other_are_a_debate() {
    let mut f = Fixture::new();
    statement(
        &mut f,
        "pak-2022",
        "Government of Pakistan",
        2022,
        "Kabul’s interference in our tribal areas emboldens the TTP militants.",
        "threat_landscape",
    );
    statement(
        &mut f,
        "afg-2023",
        "Islamic Emirate of Afghanistan",
        2023,
        "Pakistani shelling of border villages only feeds the militants.",
        "threat_landscape",
    );
    let s = f.run();
    let mutual: Vec<_> = s
        .debates
        .debates
        .iter()
        .filter(|d| d.reason.starts_with("mutual accusation"))
        .collect();
    assert_eq!(mutual.len(), 1, "{:#?}", s.debates.debates);
    let d = mutual[0];
    assert_eq!(d.actor_name, "Pakistan and Afghanistan");
    assert_eq!(
        (d.actor.as_str(), d.other_actor.as_str()),
        ("pakistan", "afghanistan")
    );
    assert_eq!(d.category, "threat_landscape");
    assert_eq!(
        (d.side_a.source.work_id.as_str(), d.side_a.cue.as_str()),
        ("pak-2022", "Kabul’s interference")
    );
    assert_eq!(
        (d.side_b.source.work_id.as_str(), d.side_b.cue.as_str()),
        ("afg-2023", "Pakistani shelling")
    );
    assert!(s.debates.method.contains("Mutual accusations"));

    // One side alone, or the other side from a source that speaks for no
    // actor, is no mutual accusation.
    let mut one_sided = Fixture::new();
    statement(
        &mut one_sided,
        "pak-2022",
        "Government of Pakistan",
        2022,
        "Kabul’s interference in our tribal areas emboldens the TTP militants.",
        "threat_landscape",
    );
    one_sided.work_saying(
        "ali-2023",
        "Ali, B.",
        2023,
        SourceType::Secondary,
        "Pakistani shelling of border villages only feeds the militants.",
        "threat_landscape",
    );
    let s = one_sided.run();
    assert!(
        s.debates
            .debates
            .iter()
            .all(|d| !d.reason.starts_with("mutual")),
        "{:#?}",
        s.debates.debates
    );
}

#[test]
fn blame_an_actor_answers_is_listed_until_the_accuser_voices_it() {
    let pakistan_answers = |f: &mut Fixture| {
        statement(
            f,
            "pak-2021",
            "Government of Pakistan",
            2021,
            "Kabul immediately blamed us for the TTP militants. We are not anyone's scapegoat \
             for the militants.",
            "threat_landscape",
        );
    };
    let mut f = Fixture::new();
    pakistan_answers(&mut f);
    let s = f.run();
    let found: Vec<(&str, &str, usize)> = s
        .debates
        .unvoiced
        .iter()
        .map(|u| (u.accused.as_str(), u.accuser.as_str(), u.sentences))
        .collect();
    assert_eq!(found, [("pakistan", "afghanistan", 1)], "{:#?}", s.debates);
    let u = &s.debates.unvoiced[0];
    assert_eq!(
        (u.category.as_str(), u.cue.as_str()),
        ("threat_landscape", "blamed")
    );
    assert_eq!(u.source.work_id, "pak-2021");
    assert!(s.debates.method.contains("Answered, not voiced"));

    // Afghanistan's own statement making the accusation: voiced, not listed.
    let mut f = Fixture::new();
    pakistan_answers(&mut f);
    statement(
        &mut f,
        "afg-2022",
        "Islamic Emirate of Afghanistan",
        2022,
        "Kabul accuses Pakistan of harbouring the TTP militants.",
        "threat_landscape",
    );
    let s = f.run();
    assert!(s.debates.unvoiced.is_empty(), "{:#?}", s.debates.unvoiced);
}

#[test]
fn no_debate_between_two_works_of_one_author() {
    let mut f = Fixture::new();
    f.work(
        "mofa-2021",
        "Ministry of Foreign Affairs",
        2021,
        SourceType::Primary,
    );
    f.work(
        "mofa-2022",
        "Ministry of Foreign Affairs",
        2022,
        SourceType::Primary,
    );
    f.passage(
        "mofa-2021",
        "Kabul accuses Pakistan of harbouring the TTP.",
        &["threat_landscape"],
        0.9,
    );
    f.passage(
        "mofa-2022",
        "Pakistan denies harbouring the TTP.",
        &["threat_landscape"],
        0.9,
    );
    assert!(f.run().debates.debates.is_empty());
}

#[test]
fn a_sentence_takes_sides_in_one_debate_only() {
    let mut f = accuse_and_deny();
    // A second denial, from a third author: it could pair with the same
    // accusation, but that accusation already speaks in a debate.
    f.work("iea-2023", "Islamic Emirate", 2023, SourceType::Primary);
    f.passage(
        "iea-2023",
        "Pakistan denies that the TTP finds shelter in Afghanistan, and rejects the claim.",
        &["threat_landscape"],
        0.85,
    );
    let s = f.run();
    let mut sides: Vec<(String, usize)> = s
        .debates
        .debates
        .iter()
        .flat_map(|d| [&d.side_a, &d.side_b])
        .map(|side| (side.source.work_id.clone(), side.source.offset))
        .collect();
    let all = sides.len();
    sides.sort();
    sides.dedup();
    assert_eq!(sides.len(), all, "{:#?}", s.debates.debates);
    assert_eq!(s.debates.debates.len(), 1);
}

#[test]
fn no_debate_within_one_work_or_across_categories() {
    let mut f = Fixture::new();
    f.work("khan-2021", "Khan, A.", 2021, SourceType::Secondary);
    f.work("ali-2022", "Ali, B.", 2022, SourceType::Secondary);
    f.passage(
        "khan-2021",
        "Kabul accuses Pakistan of harbouring the TTP.",
        &["threat_landscape"],
        0.9,
    );
    f.passage(
        "khan-2021",
        "Pakistan denies harbouring the TTP.",
        &["threat_landscape"],
        0.9,
    );
    f.passage(
        "ali-2022",
        "Pakistan denies any role in the talks.",
        &["cooperation"],
        0.9,
    );
    assert!(f.run().debates.debates.is_empty());
}

/// The evidence matrix's cell of a work and category.
fn evidence_cell<'s>(s: &'s Synthesis, work: &str, category: &str) -> &'s EvidenceCell {
    s.evidence
        .cells
        .iter()
        .find(|c| c.work_id == work && c.category == category)
        .expect("cell")
}

#[test]
fn evidence_matrix_counts_and_strongest_quote() {
    let mut f = accuse_and_deny();
    f.passage(
        "khan-2021",
        "TTP attacks rose. Militants moved freely.",
        &["threat_landscape"],
        0.95,
    );
    let s = f.run();
    let cell = evidence_cell(&s, "khan-2021", "threat_landscape");
    assert_eq!(cell.passages, 2);
    assert!((cell.score - 0.95).abs() < 1e-6);
    assert_eq!(cell.strongest.passage, 1);
    // Manual/evidence-less codings quote the sentence with the category's terms.
    assert_eq!(cell.strongest.quote, "TTP attacks rose.");
    assert_eq!(s.evidence.cells.len(), 2);
}

#[test]
fn a_note_is_the_strongest_quote_only_when_the_text_has_none() {
    let mut f = accuse_and_deny();
    f.note(
        "khan-2021",
        "See the TTP's own statement of 3 March 2021 on its attacks.",
        &["threat_landscape"],
        0.99,
    );
    let s = f.run();
    let cell = evidence_cell(&s, "khan-2021", "threat_landscape");
    assert_eq!(cell.passages, 2);
    assert_eq!(
        cell.strongest.passage, 0,
        "the body's passage, not the note"
    );
}

#[test]
fn the_sources_a_note_cites_are_not_proposed_as_actors() {
    let mut f = accuse_and_deny();
    for work in ["khan-2021", "mofa-2022"] {
        f.note(
            work,
            "See Pak Institute for Peace Studies, Security Report 2022, on the TTP's attacks.",
            &["threat_landscape"],
            0.8,
        );
    }
    let s = f.run();
    let names: Vec<&str> = s.actors.unknown.iter().map(|u| u.name.as_str()).collect();
    assert!(
        !names.contains(&"Pak Institute for Peace Studies"),
        "{names:?}"
    );
}

#[test]
fn a_sentence_stating_a_gap_is_found_with_its_citation() {
    let mut f = accuse_and_deny();
    f.passage(
        "khan-2021",
        "Border trade grew. Little is known about how the TTP finances itself.",
        &["threat_landscape"],
        0.5,
    );
    let s = f.run();
    assert_eq!(s.gaps.stated.len(), 1);
    let g = &s.gaps.stated[0];
    assert_eq!(g.cue, "little is known");
    assert_eq!(
        g.source.quote,
        "Little is known about how the TTP finances itself."
    );
    assert_eq!(g.source.citation, "(Khan, 2021)");
    assert_eq!(g.categories, vec!["threat_landscape"]);
}

#[test]
fn study_as_schooling_and_off_subject_asides_state_no_gap() {
    let mut f = accuse_and_deny();
    f.passage(
        "khan-2021",
        "We seek opportunities for further studies in the creative fields.",
        &["threat_landscape"],
        0.5,
    );
    f.passage(
        "khan-2021",
        "The virus's long-term effects are poorly understood.",
        &[],
        0.0,
    );
    f.passage(
        "khan-2021",
        "The line between TTP fighters and the Taliban is not clear cut.",
        &["threat_landscape"],
        0.5,
    );
    // A condition, not a state of knowledge.
    f.passage(
        "khan-2021",
        "The TTP's reach, if poorly understood, will be underestimated again.",
        &["threat_landscape"],
        0.5,
    );
    f.passage(
        "mofa-2022",
        "Further research on TTP funding is needed. How the TTP recruits in Pakistan remains unclear.",
        &[],
        0.0,
    );
    // An inquiry under way is no gap; one said to be wanted is.
    f.passage(
        "mofa-2022",
        "After further investigation, police arrested two TTP members. \
         The role of madrassas in TTP recruitment should be further investigated.",
        &["threat_landscape"],
        0.5,
    );
    let s = f.run();
    let cues: Vec<&str> = s.gaps.stated.iter().map(|g| g.cue.as_str()).collect();
    // Research said to be needed, and an uncoded passage's sentence on
    // a codebook actor, are gaps; schooling and a virus aside are not.
    assert_eq!(
        cues,
        [
            "further research",
            "remains unclear",
            "further investigated"
        ],
        "{:?}",
        s.gaps.stated
    );
}

#[test]
fn a_gap_that_points_back_is_quoted_with_the_sentence_before() {
    let mut f = accuse_and_deny();
    f.passage(
        "khan-2021",
        "The aim is to end TTP attacks. But how to attain that aim remains unclear.",
        &["threat_landscape"],
        0.5,
    );
    let s = f.run();
    assert_eq!(
        s.gaps.stated[0].source.quote,
        "The aim is to end TTP attacks. But how to attain that aim remains unclear."
    );
}

#[test]
fn thin_cells_are_called_out() {
    let mut f = Fixture::new();
    f.work(
        "pak-2020",
        "Government of Pakistan",
        2020,
        SourceType::Primary,
    );
    f.passage(
        "pak-2020",
        "Talks and dialogue with Kabul continued.",
        &["cooperation"],
        0.9,
    );
    // 2021: three works, all on threats, none on cooperation.
    for id in ["a-2021", "b-2021", "c-2021"] {
        f.work(id, &format!("{id}, A."), 2021, SourceType::Secondary);
        f.passage(
            id,
            "TTP militants regrouped across the border.",
            &["threat_landscape"],
            0.9,
        );
    }
    f.work(
        "mofa-2022",
        "Ministry of Foreign Affairs",
        2022,
        SourceType::Primary,
    );
    f.passage(
        "mofa-2022",
        "TTP militants attacked border posts.",
        &["threat_landscape"],
        0.9,
    );
    f.analysis_of_talks(2023);
    let s = f.run();
    let sentences = thin_sentences(&s);
    assert_eq!(
        sentences,
        vec![
            // Cooperation's primary sources stop before the corpus's do.
            "No primary source on Cooperation initiatives after 2020 (the corpus has primary sources up to 2022).",
            // An empty year is the corpus's, said once.
            "The corpus has no work from 2019.",
            // 2021 has three works, none on cooperation.
            "No work on Cooperation initiatives in 2021.",
        ]
    );
    // The protocol's recent period (2019..) is shown from its first year.
    assert_eq!(
        s.gaps.by_year.columns,
        vec!["2019", "2020", "2021", "2022", "2023"]
    );
    assert_eq!(s.gaps.by_year.works[0], vec![0, 0, 3, 1, 0]);
    assert_eq!(s.gaps.by_year.works[1], vec![0, 1, 0, 0, 1]);
    assert_eq!(s.gaps.by_source_type.works[1], vec![1, 1]);
}

#[test]
fn a_category_no_work_speaks_to_is_one_gap() {
    let mut f = Fixture::new();
    for (id, year) in [("a-2021", 2021), ("b-2022", 2022), ("c-2023", 2023)] {
        f.work(id, &format!("{id}, A."), year, SourceType::Secondary);
        f.passage(id, "TTP militants regrouped.", &["threat_landscape"], 0.9);
    }
    f.work(
        "pak-2022",
        "Government of Pakistan",
        2022,
        SourceType::Primary,
    );
    f.passage(
        "pak-2022",
        "TTP militants attacked.",
        &["threat_landscape"],
        0.9,
    );
    let s = f.run();
    // Said once, first; not again per year or source type.
    let sentences = thin_sentences(&s);
    assert_eq!(
        sentences[0],
        "No included work speaks to Cooperation initiatives: none of their passages is coded with it."
    );
    assert!(
        !sentences[1..].iter().any(|t| t.contains("Cooperation")),
        "{sentences:?}"
    );
    // With nothing coded at all, one sentence says so.
    let mut none = Fixture::new();
    none.work("a-2021", "Ali, A.", 2021, SourceType::Secondary);
    none.passage("a-2021", "The weather was fine.", &[], 0.0);
    assert_eq!(
        thin_sentences(&none.run()),
        ["No passage of the one included work is coded with any category of the framework: check that the categories' terms are the corpus's words."]
    );
}

#[test]
fn a_corpus_without_primary_sources_is_told_once() {
    let primary = thin_sentences_of_one_source_type(SourceType::Secondary, "primary");
    assert_eq!(primary, vec!["The corpus has no primary source."]);
}

#[test]
fn a_corpus_without_secondary_sources_is_told_once() {
    let secondary = thin_sentences_of_one_source_type(SourceType::Primary, "secondary");
    assert_eq!(secondary.len(), 1, "{secondary:?}");
    assert!(secondary[0].starts_with("The corpus has no secondary source"));
}

/// The thin-cell sentences naming `word` of a corpus of two works, both
/// of `source_type`.
fn thin_sentences_of_one_source_type(source_type: SourceType, word: &str) -> Vec<String> {
    let mut f = Fixture::new();
    for (id, year) in [("ali-2022", 2022), ("ali-2023", 2023)] {
        f.work(id, "Ali, B.", year, source_type);
        f.passage(
            id,
            "The dialogue stalled after new talks.",
            &["cooperation"],
            0.9,
        );
    }
    f.run()
        .gaps
        .thin_cells
        .iter()
        .map(|t| t.sentence.clone())
        .filter(|t| t.contains(word))
        .collect()
}

/// The actor map's profile of the codebook actor `id`.
fn actor_profile<'s>(s: &'s Synthesis, id: &str) -> &'s quire_synthesis::ActorProfile {
    s.actors
        .actors
        .iter()
        .find(|a| a.actor == id)
        .expect("a codebook actor")
}

#[test]
fn interests_are_attributed_to_the_actor_with_their_object() {
    let mut f = accuse_and_deny();
    f.passage(
        "khan-2021",
        "Pakistan seeks a friendly government in Kabul. Talks went on.",
        &["cooperation"],
        0.7,
    );
    let s = f.run();
    let pakistan = actor_profile(&s, "pakistan");
    assert_eq!(pakistan.interests.len(), 1);
    let i = &pakistan.interests[0];
    assert_eq!(
        (i.marker.as_str(), i.object.as_str()),
        ("seeks", "a friendly government in Kabul")
    );
    assert_eq!(
        i.source.quote,
        "Pakistan seeks a friendly government in Kabul."
    );
    assert_eq!(pakistan.works, 2);
    assert_eq!(pakistan.passages, 3);
    let afg = actor_profile(&s, "afghanistan");
    assert!(afg.interests.is_empty());
}

#[test]
fn interests_on_the_subject_come_before_asides() {
    let mut f = Fixture::new();
    f.work("khan-2021", "Khan, Ayesha", 2021, SourceType::Secondary);
    // An aside first in corpus order, coded with no category.
    f.passage(
        "khan-2021",
        "Pakistan wants a larger cricket stadium.",
        &[],
        0.0,
    );
    f.passage(
        "khan-2021",
        "Pakistan seeks an end to TTP attacks across the border.",
        &["threat_landscape"],
        0.8,
    );
    let s = f.run();
    let pakistan = actor_profile(&s, "pakistan");
    let listed: Vec<(&str, bool)> = pakistan
        .interests
        .iter()
        .map(|i| (i.object.as_str(), i.off_subject))
        .collect();
    assert_eq!(
        listed,
        vec![
            ("an end to TTP attacks across the border", false),
            ("a larger cricket stadium", true)
        ]
    );
}

#[test]
fn actor_network_links_actors_named_together() {
    let s = accuse_and_deny().run();
    let edge = |a: &str, b: &str| {
        s.actors
            .network
            .edges
            .iter()
            .find(|e| e.source == a && e.target == b)
            .map(|e| e.weight)
    };
    assert_eq!(edge("afghanistan", "pakistan"), Some(1));
    assert_eq!(edge("pakistan", "ttp"), Some(1));
    assert_eq!(edge("afghanistan", "ttp"), Some(1));
    let pakistan = s
        .actors
        .network
        .nodes
        .iter()
        .find(|n| n.id == "pakistan")
        .unwrap();
    assert_eq!((pakistan.weight, pakistan.group.as_str()), (2, "state"));
}

#[test]
fn unknown_acronym_in_two_works_is_proposed() {
    let mut f = accuse_and_deny();
    f.passage(
        "khan-2021",
        "The NDS tracked the TTP leadership.",
        &["threat_landscape"],
        0.6,
    );
    f.passage(
        "mofa-2022",
        "Islamabad blamed the NDS for the attack.",
        &["threat_landscape"],
        0.6,
    );
    f.passage("mofa-2022", "The XYZ was mentioned once.", &[], 0.0);
    let s = f.run();
    let nds = s
        .actors
        .unknown
        .iter()
        .find(|u| u.name == "NDS")
        .expect("NDS proposed");
    assert_eq!(
        (nds.form.as_str(), nds.works, nds.mentions),
        ("acronym", 2, 2)
    );
    assert_eq!(nds.examples.len(), 2);
    assert!(!s
        .actors
        .unknown
        .iter()
        .any(|u| u.name == "XYZ" || u.name == "TTP"));
}

/// The proposed actors whose name holds `part` (name, works, mentions),
/// after the accuse/deny fixture plus `passages` (work, text, category).
fn proposals_named(passages: &[(&str, &str, &str)], part: &str) -> Vec<(String, usize, usize)> {
    let mut f = accuse_and_deny();
    for (work, text, category) in passages {
        f.passage(work, text, &[category], 0.7);
    }
    let s = f.run();
    s.actors
        .unknown
        .iter()
        .filter(|u| u.name.contains(part))
        .map(|u| (u.name.clone(), u.works, u.mentions))
        .collect()
}

/// Three passages as (work, text, category).
type Passages3<'a> = [(&'a str, &'a str, &'a str); 3];

#[test]
fn a_name_in_several_spellings_is_proposed_once() {
    // Accents (António / Antonio) and number (Shias / Shia) aside, one name.
    let cases: [(Passages3, &str, &str); 2] = [
        (
            [
                (
                    "khan-2021",
                    "We thank Secretary-General António Guterres for his visit on the border.",
                    "cooperation",
                ),
                (
                    "mofa-2022",
                    "Secretary-General Antonio Guterres spoke of the TTP.",
                    "threat_landscape",
                ),
                (
                    "mofa-2022",
                    "Later, António Guterres went to Kabul for talks.",
                    "cooperation",
                ),
            ],
            "Guterres",
            "António Guterres",
        ),
        (
            [
                (
                    "khan-2021",
                    "The Hazara Shias fled from the TTP.",
                    "threat_landscape",
                ),
                (
                    "mofa-2022",
                    "Many Hazara Shias left Kabul for talks.",
                    "cooperation",
                ),
                (
                    "mofa-2022",
                    "A Hazara Shia leader spoke of the TTP.",
                    "threat_landscape",
                ),
            ],
            "Hazara",
            "Hazara Shias",
        ),
    ];
    for (passages, part, shown) in cases {
        assert_eq!(
            proposals_named(&passages, part),
            vec![(shown.to_string(), 2, 3)]
        );
    }
}

#[test]
fn a_name_met_only_in_courtesies_is_not_proposed() {
    let mut f = accuse_and_deny();
    for work in ["khan-2021", "mofa-2022"] {
        f.passage(
            work,
            "I congratulate Abdulla Shahid on his election as President.",
            &[],
            0.0,
        );
    }
    let s = f.run();
    assert!(
        !s.actors.unknown.iter().any(|u| u.name.contains("Shahid")),
        "{:?}",
        s.actors.unknown
    );
}

#[test]
fn a_name_read_across_and_is_proposed_whole() {
    let mut f = accuse_and_deny();
    for work in ["khan-2021", "mofa-2022"] {
        f.passage(
            work,
            "The Economic and Social Council met Pakistan, and Saint Vincent and the Grenadines spoke with Kabul Bank and Pakistan.",
            &["threat_landscape"],
            0.8,
        );
    }
    for work in ["khan-2021", "mofa-2022", "mofa-2022"] {
        f.passage(
            work,
            "The Asian Development Bank and the Islamic Development Bank met Pakistan. The Islamic Development Bank lent to Pakistan.",
            &["threat_landscape"],
            0.8,
        );
    }
    // One name in three spellings, none of them met twice.
    for (work, spelling) in [
        ("khan-2021", "Defense"),
        ("mofa-2022", "Defence"),
        ("mofa-2022", "Defenses"),
    ] {
        f.passage(
            work,
            &format!(
                "We armed the Afghan National {spelling} and Security Forces against the TTP."
            ),
            &["threat_landscape"],
            0.8,
        );
    }
    let s = f.run();
    let names: Vec<&str> = s.actors.unknown.iter().map(|u| u.name.as_str()).collect();
    assert!(!names.contains(&"Security Forces"), "{names:?}");
    assert!(
        names.contains(&"Afghan National Defence and Security Forces"),
        "{names:?}"
    );
    assert!(names.contains(&"Economic and Social Council"), "{names:?}");
    assert!(
        names.contains(&"Saint Vincent and the Grenadines"),
        "{names:?}"
    );
    assert!(!names.contains(&"Social Council"), "{names:?}");
    // A name next to another actor's is not joined to it, nor to a name
    // met on its own more often.
    assert!(names.contains(&"Kabul Bank"), "{names:?}");
    assert!(names.contains(&"Asian Development Bank"), "{names:?}");
}

#[test]
fn states_named_often_but_not_in_the_codebook_are_proposed() {
    let mut f = accuse_and_deny();
    // Iran is in the codebook under its formal name.
    f.protocol.actors.push(Actor {
        id: "iran".into(),
        name: "Islamic Republic of Iran".into(),
        aliases: vec![],
        kind: ActorKind::State,
    });
    for work in ["khan-2021", "mofa-2022"] {
        f.passage(
            work,
            "Niger sent troops against the TTP. Burkina Faso and Iran held talks.",
            &["threat_landscape"],
            0.8,
        );
        // A list of states names none of them for the count.
        f.passage(
            work,
            "We thank Norway, Qatar, Germany and Japan for the talks.",
            &["cooperation"],
            0.8,
        );
    }
    let s = f.run();
    let states: Vec<(&str, usize, usize)> = s
        .actors
        .unknown
        .iter()
        .filter(|u| u.form == "state")
        .map(|u| (u.name.as_str(), u.works, u.mentions))
        .collect();
    assert_eq!(states, [("Burkina Faso", 2, 2), ("Niger", 2, 2)]);
    // Burkina Faso is not proposed a second time as a proper name.
    assert_eq!(
        s.actors
            .unknown
            .iter()
            .filter(|u| u.name == "Burkina Faso")
            .count(),
        1
    );
}

#[test]
fn regions_and_places_are_not_proposed_but_bodies_named_after_them_are() {
    let mut f = accuse_and_deny();
    for work in ["khan-2021", "mofa-2022"] {
        f.passage(
            work,
            "The TTP reached the Horn of Africa and Latin America. \
             Militants crossed Lake Chad to Addis Ababa. \
             They hid in the Hindu Kush and at Tora Bora, and came down the Khyber Pass. \
             The Bank of Central Africa lent to the militants.",
            &["threat_landscape"],
            0.8,
        );
    }
    let s = f.run();
    let names: Vec<&str> = s.actors.unknown.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(names, ["Bank of Central Africa"]);
}

#[test]
fn recency_shows_why_each_work_is_in_or_out() {
    let mut f = accuse_and_deny();
    f.work("seminal-2010", "Rashid, A.", 2010, SourceType::Secondary);
    f.work("kept-2005", "Rubin, B.", 2005, SourceType::Secondary);
    f.works.push(Work {
        id: "old-2000".into(),
        title: "Old".into(),
        year: Some(2000),
        ..Default::default()
    });
    // Undated grey literature: the selection keeps it, and says so.
    f.works.push(Work {
        id: "undated-brief".into(),
        title: "Briefing note".into(),
        ..Default::default()
    });
    f.selected.insert("undated-brief".into());
    f.cited.insert("seminal-2010".into(), 3);
    let s = f.run();
    let status = |id: &str| s.recency.works.iter().find(|w| w.work_id == id).unwrap();
    let undated = status("undated-brief");
    assert_eq!(
        (undated.status, undated.selected),
        (RecencyStatus::Undated, true)
    );
    assert!(
        !undated.reason.contains("nonetheless"),
        "{}",
        undated.reason
    );
    assert_eq!(s.recency.undated, 1);
    assert_eq!(status("khan-2021").status, RecencyStatus::Recent);
    assert_eq!(status("seminal-2010").status, RecencyStatus::Seminal);
    assert!(status("seminal-2010").reason.contains("cited by 3"));
    assert_eq!(status("kept-2005").status, RecencyStatus::Kept);
    let old = status("old-2000");
    assert_eq!((old.status, old.selected), (RecencyStatus::Out, false));
    assert_eq!(
        (
            s.recency.recent,
            s.recency.seminal,
            s.recency.kept,
            s.recency.out
        ),
        (2, 1, 1, 1)
    );
    assert!(s
        .recency
        .rule
        .starts_with("Works from 2019 on are in as recent"));
    assert_eq!(s.recency.timeline.columns[0], "before 2019");
    // Unselected works are not synthesised.
    assert!(!s.works.iter().any(|w| w.work_id == "old-2000"));
}

#[test]
fn primary_share_per_category() {
    let s = accuse_and_deny().run();
    let row = &s.sources.rows[0];
    assert_eq!(row.category, "threat_landscape");
    assert_eq!((row.primary_passages, row.secondary_passages), (1, 1));
    assert_eq!((row.primary_works, row.secondary_works), (1, 1));
    assert!((row.primary_share - 0.5).abs() < 1e-6);
    assert_eq!(row.primary_examples[0].work_id, "mofa-2022");
    assert_eq!(s.sources.rows[1].primary_share, 0.0);
}

#[test]
fn themes_recur_across_works_and_contrast_with_other_categories() {
    let mut f = three_works_saying(&[
        (
            "Border fencing angered tribes near the TTP hideouts.",
            "threat_landscape",
        ),
        (
            "Officials held talks on the trade corridor and tribes.",
            "cooperation",
        ),
    ]);
    f.passage(
        "w0",
        "Only this work mentions a drone strike on militants.",
        &["threat_landscape"],
        0.8,
    );
    let s = f.run();
    let threat = theme_phrases(&s, 0);
    assert!(threat.contains(&"Border fencing"), "{threat:?}");
    // A phrase that ends in a verb is a clause, not a theme.
    assert!(!threat.contains(&"Border fencing angered"), "{threat:?}");
    // "tribes" occurs in both categories equally: no contrast, no theme.
    assert!(
        !threat
            .iter()
            .any(|p| p.contains("tribes") && !p.contains("angered")),
        "{threat:?}"
    );
    // A phrase from one work only is no common theme.
    assert!(!threat.iter().any(|p| p.contains("drone")));
    let fencing = &s.themes.by_category[0].phrases[0];
    assert_eq!((fencing.works, fencing.examples.len()), (3, 3));
    let coop = theme_phrases(&s, 1);
    assert!(
        coop.iter().any(|p| p.contains("trade corridor")),
        "{coop:?}"
    );
    assert!(s.themes.map.edges.iter().all(|e| e.weight >= 2));
    assert!(!s.themes.map.nodes.is_empty());
}

#[test]
fn a_name_piece_opened_by_several_names_is_no_theme_and_common_nouns_show_in_lower_case() {
    let mut f = works_each_saying(&[
        "The Treaty on the Non-Proliferation of Nuclear Weapons and the Warsaw Treaty Organization were discussed on the Durand Line.",
        "The North Atlantic Treaty Organization met Prime Minister Modi on the Durand Line about nuclear weapons.",
        "The Collective Security Treaty Organization thanked Prime Minister Modi on the Durand Line about nuclear weapons.",
    ]);
    f.work_saying(
        "w9",
        "Other, O.",
        2022,
        SourceType::Secondary,
        "Officials held talks on trade.",
        "cooperation",
    );
    let s = f.run();
    let threat = theme_phrases(&s, 0);
    assert!(!threat.contains(&"Treaty Organization"), "{threat:?}");
    assert!(!threat.contains(&"Prime Minister Modi"), "{threat:?}");
    assert!(threat.contains(&"nuclear weapons"), "{threat:?}");
    assert!(threat.contains(&"Durand Line"), "{threat:?}");
}

#[test]
fn a_name_in_capitals_that_a_noun_always_carries_on_is_no_theme() {
    let f = works_each_saying(&[
        "Shelling near the Zaporizhzhia Nuclear Power Plant worried the TTP.",
        "The Zaporizhzhia nuclear power plant was shelled, said the TTP.",
        "The Zaporizhzhia Nuclear Power Station lost power; the TTP denied it.",
    ]);
    let s = f.run();
    let threat = theme_phrases(&s, 0);
    assert!(
        !threat.contains(&"Zaporizhzhia Nuclear Power"),
        "{threat:?}"
    );
}

#[test]
fn a_phrase_cut_from_the_end_of_a_name_is_no_theme() {
    let f = three_works_saying(&[
        (
            "The Economic and Social Council heard that ten per cent of the Durand Line is fenced.",
            "threat_landscape",
        ),
        ("Officials held talks on trade.", "cooperation"),
    ]);
    let s = f.run();
    let threat = theme_phrases(&s, 0);
    // "Social Council" is cut from "Economic and …", "cent" from "per …";
    // an article before a name cuts nothing.
    assert!(!threat.contains(&"Social Council"), "{threat:?}");
    assert!(!threat.contains(&"cent"), "{threat:?}");
    assert!(threat.contains(&"Durand Line"), "{threat:?}");
}

#[test]
fn a_phrase_before_a_capitalised_common_word_is_cut_from_a_name() {
    let s = three_works_saying(&[
        (
            "The small island developing States face TTP raids.",
            "threat_landscape",
        ),
        ("Officials held talks on trade.", "cooperation"),
    ])
    .run();
    let threat = theme_phrases(&s, 0);
    assert!(!threat.contains(&"small island developing"), "{threat:?}");
}

#[test]
fn a_theme_and_its_plural_are_one_theme() {
    let s = three_works_saying(&[
        ("Sea, wind: TTP raids.", "threat_landscape"),
        ("Seas, storms: TTP raids.", "threat_landscape"),
        ("Officials held talks on trade.", "cooperation"),
    ])
    .run();
    let threat = theme_phrases(&s, 0);
    let sea = threat
        .iter()
        .filter(|p| p.eq_ignore_ascii_case("sea") || p.eq_ignore_ascii_case("seas"))
        .count();
    assert_eq!(sea, 1, "{threat:?}");
}

#[test]
fn summary_cites_representative_sentences_without_duplicates() {
    let mut f = Fixture::new();
    let texts = [
        ("a-2020", "Smith, J.", 2020, "Pakistan and Afghanistan resumed dialogue on border security and joint talks in Islamabad."),
        ("b-2021", "Khan, A.", 2021, "Pakistan and Afghanistan resumed dialogue on border security and joint talks in Kabul."),
        ("c-2022", "Ali, B.", 2022, "The two governments agreed on new dialogue mechanisms for border security cooperation."),
        ("d-2023", "Rashid, C.", 2023, "Trilateral talks with China added an economic track to the security dialogue."),
    ];
    for (id, author, year, text) in texts {
        f.work(id, author, year, SourceType::Secondary);
        f.passage(id, text, &["cooperation"], 0.9);
    }
    let s = f.run();
    let summary = &s.summaries[1];
    assert_eq!(summary.category, "cooperation");
    let works: Vec<&str> = summary
        .items
        .iter()
        .map(|i| i.source.work_id.as_str())
        .collect();
    // The two near-identical sentences count once; order is chronological.
    assert_eq!(works.len(), 3, "{works:?}");
    assert!(works.contains(&"c-2022") && works.contains(&"d-2023"));
    assert!(works[0] == "a-2020" || works[0] == "b-2021");
    assert!(
        summary.text.contains("security cooperation (Ali, 2022)."),
        "{}",
        summary.text
    );
    assert!(s.summaries[0].items.is_empty());
}

#[test]
fn summary_gives_each_voice_a_turn_before_one_author_a_second() {
    let mut f = Fixture::new();
    // One office with four well-coded statements, two other authors.
    for (id, year, text) in [
        ("wh-1", 2021, "The United States resumed dialogue with Pakistan on border security and counter-terrorism talks."),
        ("wh-2", 2021, "Officials held talks with Afghanistan on evacuations and a new dialogue on humanitarian access."),
        ("wh-3", 2022, "The administration opened a dialogue with Central Asian partners on regional counter-terrorism talks."),
        ("wh-4", 2022, "Q Mr. President, will the talks and the dialogue with the Taliban continue after the withdrawal?"),
    ] {
        f.work(id, "The White House", year, SourceType::Primary);
        f.passage(id, text, &["cooperation"], 0.95);
    }
    f.work("pk-2022", "Sharif, S.", 2022, SourceType::Primary);
    f.passage(
        "pk-2022",
        "THE PRIME MINISTER: Pakistan seeks dialogue and joint talks with Kabul on the border.",
        &["cooperation"],
        0.6,
    );
    f.work("af-2023", "Muttaqi, A.", 2023, SourceType::Primary);
    f.passage("af-2023", "Kabul wants talks with Islamabad and a regular dialogue between the two border commissions.", &["cooperation"], 0.6);
    let s = f.run();
    let works: Vec<&str> = s.summaries[1]
        .items
        .iter()
        .map(|i| i.source.work_id.as_str())
        .collect();
    assert!(
        works.contains(&"pk-2022") && works.contains(&"af-2023"),
        "{works:?}"
    );
    // Three voices reach the three sentences wanted: one from the office.
    assert_eq!(
        works.iter().filter(|w| w.starts_with("wh-")).count(),
        1,
        "{works:?}"
    );
    // A reporter's question is not the source's statement.
    assert!(!works.contains(&"wh-4"));
    // The speaker label is not quoted.
    let text = &s.summaries[1].text;
    assert!(
        text.contains(
            "Pakistan seeks dialogue and joint talks with Kabul on the border (Sharif, 2022)."
        ),
        "{text}"
    );
    assert!(!text.contains("PRIME MINISTER"), "{text}");
}

#[test]
fn primary_examples_give_other_voices_before_a_second_statement() {
    let mut f = Fixture::new();
    for (id, year) in [("wh-1", 2021), ("wh-2", 2022), ("wh-3", 2023)] {
        f.work(id, "The White House", year, SourceType::Primary);
        f.passage(
            id,
            "THE PRESIDENT: We held talks and a dialogue with Kabul.",
            &["cooperation"],
            0.95,
        );
    }
    f.work("pk-2022", "Sharif, S.", 2022, SourceType::Primary);
    f.passage(
        "pk-2022",
        "Pakistan seeks dialogue with Kabul.",
        &["cooperation"],
        0.5,
    );
    let s = f.run();
    let row = &s.sources.rows[1];
    let works: Vec<&str> = row
        .primary_examples
        .iter()
        .map(|p| p.work_id.as_str())
        .collect();
    assert_eq!(works.len(), 3, "{works:?}");
    assert!(works.contains(&"pk-2022"), "{works:?}");
    assert!(row
        .primary_examples
        .iter()
        .all(|p| !p.quote.contains("THE PRESIDENT")));
}

#[test]
fn bad_codings_are_reported_not_fatal() {
    let mut f = accuse_and_deny();
    f.codings.push(Coding {
        work_id: "khan-2021".into(),
        passage: 99,
        category: "threat_landscape".into(),
        origin: CodingOrigin::Manual,
        score: 1.0,
        evidence: vec![],
        coder: None,
    });
    f.codings.push(Coding {
        work_id: "khan-2021".into(),
        passage: 0,
        category: "no_such_category".into(),
        origin: CodingOrigin::Manual,
        score: f32::NAN,
        evidence: vec![],
        coder: None,
    });
    let s = f.run();
    assert_eq!(s.warnings.len(), 2, "{:?}", s.warnings);
    assert!(s.warnings[0].contains("no_such_category"));
    assert!(s.warnings[1].contains("khan-2021"));
    assert_eq!(s.debates.debates.len(), 1);
    // The output is plain serde data.
    let json = serde_json::to_string(&s).unwrap();
    let back: Synthesis = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s);
}

#[test]
fn undated_works_get_their_own_column_and_nd_citation() {
    let mut f = accuse_and_deny();
    f.works.push(Work {
        id: "undated".into(),
        title: "Undated brief".into(),
        authors: vec![Person::organisation("Crisis Group")],
        ..Default::default()
    });
    f.selected.insert("undated".into());
    f.passage(
        "undated",
        "TTP militants regrouped near the border.",
        &["threat_landscape"],
        0.7,
    );
    let s = f.run();
    assert_eq!(
        s.gaps.by_year.columns.last().map(String::as_str),
        Some("n.d.")
    );
    assert_eq!(s.gaps.by_year.works[0].last(), Some(&1));
    let label = s.works.iter().find(|w| w.work_id == "undated").unwrap();
    assert_eq!(label.citation, "(Crisis Group, n.d.)");
    assert_eq!(label.narrative, "Crisis Group (n.d.)");
}

#[test]
fn a_sentence_is_summarised_under_one_category_only() {
    let mut f = Fixture::new();
    let texts = [
        (
            "a",
            2020,
            "Border talks about TTP militants resumed after a long pause in Doha.",
        ),
        (
            "b",
            2021,
            "Militants of the TTP crossed the border while the dialogue stalled again.",
        ),
        (
            "c",
            2022,
            "A new dialogue channel on the TTP opened between both security services.",
        ),
    ];
    for (id, year, text) in texts {
        f.work(id, &format!("{id}, A."), year, SourceType::Secondary);
        f.passage(id, text, &["threat_landscape", "cooperation"], 0.9);
    }
    let s = f.run();
    let quoted = |i: usize| {
        s.summaries[i]
            .items
            .iter()
            .map(|x| x.source.work_id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(quoted(0).len(), 3);
    assert!(quoted(1).is_empty(), "{:?}", quoted(1));
}

#[test]
fn a_category_resting_on_primary_sources_alone_is_called_out() {
    let mut f = Fixture::new();
    for id in ["mofa-2021", "mofa-2022"] {
        f.work(id, "Ministry of Foreign Affairs", 2021, SourceType::Primary);
        f.passage(
            id,
            "TTP militants attacked border posts.",
            &["threat_landscape"],
            0.9,
        );
    }
    f.analysis_of_talks(2022);
    f.work("khan-2022", "Khan, A.", 2022, SourceType::Secondary);
    f.passage("khan-2022", "Talks resumed in Doha.", &["cooperation"], 0.9);
    let s = f.run();
    let secondary: Vec<(&str, &str)> = s
        .gaps
        .thin_cells
        .iter()
        .filter(|t| t.column == "secondary")
        .map(|t| (t.category.as_str(), t.sentence.as_str()))
        .collect();
    assert_eq!(
        secondary,
        vec![(
            "threat_landscape",
            "No secondary source on Threat landscape: all 2 of its works are primary sources."
        )]
    );
}

#[test]
fn an_actors_own_statements_state_its_interests() {
    let mut f = Fixture::new();
    // A primary source spoken for Pakistan (its organisational author)...
    f.work("mofa-2022", "MOFA", 2022, SourceType::Primary);
    f.works.last_mut().unwrap().authors = vec![Person::organisation(
        "Ministry of Foreign Affairs of Pakistan",
    )];
    f.passage(
        "mofa-2022",
        "We seek a peaceful and stable Afghanistan. We do not want a war. The TTP wants chaos. \
         Pakistan calls for open borders.",
        &["cooperation"],
        0.9,
    );
    // ... one whose title says by whom ...
    f.work("ungdc-2021-afg", "Ghani, Ashraf", 2021, SourceType::Primary);
    f.works.last_mut().unwrap().title =
        "Statement by Afghanistan in the General Debate of the 76th session".into();
    f.passage(
        "ungdc-2021-afg",
        "We are deeply concerned about the safe havens across the border.",
        &["threat_landscape"],
        0.9,
    );
    // ... and an analyst's "we", which speaks for no actor.
    f.work_saying(
        "ali-2022",
        "Ali, B.",
        2022,
        SourceType::Secondary,
        "In Pakistan, we seek answers in the archives.",
        "cooperation",
    );
    let s = f.run();
    let interests = |id: &str| -> Vec<(String, String, bool)> {
        s.actors
            .actors
            .iter()
            .find(|a| a.actor == id)
            .unwrap()
            .interests
            .iter()
            .map(|i| (i.marker.clone(), i.object.clone(), i.own_words))
            .collect()
    };
    // Named by its name in its own statement, it speaks in its own words too.
    assert_eq!(
        interests("pakistan"),
        vec![
            (
                "seek".into(),
                "a peaceful and stable Afghanistan".into(),
                true
            ),
            ("calls for".into(), "open borders".into(), true)
        ]
    );
    assert_eq!(
        interests("afghanistan"),
        vec![(
            "concerned about".into(),
            "the safe havens across the border".into(),
            true
        )]
    );
    // A named subject is its own: the TTP's want is the TTP's.
    assert_eq!(
        interests("ttp"),
        vec![("wants".into(), "chaos".into(), false)]
    );
}

/// The debates between Khan's sentence and Ali's, both coded cooperation.
fn debates_between(khan: &str, ali: &str) -> Vec<quire_synthesis::Debate> {
    let mut f = Fixture::new();
    f.work_saying(
        "khan-2022",
        "Khan, A.",
        2022,
        SourceType::Secondary,
        khan,
        "cooperation",
    );
    f.work("ali-2023", "Ali, B.", 2023, SourceType::Secondary);
    f.passage("ali-2023", ali, &["cooperation"], 0.9);
    f.run().debates.debates
}

#[test]
fn evaluations_oppose_only_when_they_evaluate_the_same_thing() {
    // Khan's positive evaluation against Ali's negative sentence.
    let khan = "Talks with Afghanistan on border trade were a success for regional security.";
    // The same matter judged the other way: a debate.
    let same = debates_between(
        khan,
        "Talks with Afghanistan on border trade were a failure for regional security.",
    );
    assert_eq!(same.len(), 1, "{same:#?}");
    // Words in common, but the negative word judges something else.
    let other = debates_between(
        khan,
        "During talks with Afghanistan on border trade, the hotel kitchen was a failure.",
    );
    assert!(other.is_empty(), "{other:#?}");
}

#[test]
fn support_and_opposition_oppose_only_on_the_same_object() {
    let khan = "Pakistan supports the peace talks with the Taliban in Doha.";
    // The sources disagree on what Pakistan wants of the talks: a debate.
    let same = debates_between(
        khan,
        "Pakistan opposes the peace talks with the Taliban in Doha.",
    );
    assert_eq!(same.len(), 1, "{same:#?}");
    // "Taliban" in common, but Pakistan opposes something else.
    let other = debates_between(
        khan,
        "Pakistan opposes any attack by the Taliban on its border posts.",
    );
    assert!(other.is_empty(), "{other:#?}");
}

#[test]
fn a_quote_that_points_back_comes_with_the_sentence_before() {
    let mut f = Fixture::new();
    f.work_saying(
        "pk-2022",
        "Sharif, S.",
        2022,
        SourceType::Primary,
        "Pakistan has suffered many attacks. They are conducted by the TTP from safe havens across the border.",
        "threat_landscape",
    );
    let s = f.run();
    let quotes: Vec<&str> = s.sources.rows[0]
        .primary_examples
        .iter()
        .map(|p| p.quote.as_str())
        .collect();
    assert_eq!(
        quotes,
        vec!["Pakistan has suffered many attacks. They are conducted by the TTP from safe havens across the border."]
    );
    // The written synthesis quotes a sentence that stands alone.
    let text = &s.summaries[0].text;
    assert!(!text.contains("“They are"), "{text}");
}

#[test]
fn the_written_synthesis_prefers_sentences_on_the_reviews_actors() {
    let mut f = Fixture::new();
    // Two near-duplicates, equally central and coded: one is kept. The
    // first on ties would be Brazil's; the one naming an actor of the
    // review wins.
    f.work_saying(
        "a-2022",
        "Ali, B.",
        2022,
        SourceType::Secondary,
        "Talks and dialogue on trade with Brazil continued this year in good faith.",
        "cooperation",
    );
    f.work_saying(
        "b-2022",
        "Baig, C.",
        2022,
        SourceType::Secondary,
        "Talks and dialogue on trade with Kabul continued this year in good faith.",
        "cooperation",
    );
    let s = f.run();
    let summary = s
        .summaries
        .iter()
        .find(|c| c.category == "cooperation")
        .unwrap();
    let quotes: Vec<&str> = summary
        .items
        .iter()
        .map(|i| i.source.quote.as_str())
        .collect();
    assert_eq!(
        quotes,
        vec!["Talks and dialogue on trade with Kabul continued this year in good faith."]
    );
}

#[test]
fn encyclopedia_entries_do_not_make_a_year_judged() {
    let mut f = Fixture::new();
    // 2021: three articles, none on cooperation: a gap.
    for id in ["a-2021", "b-2021", "c-2021"] {
        f.work(id, &format!("{id}, A."), 2021, SourceType::Secondary);
        f.passage(
            id,
            "TTP militants regrouped across the border.",
            &["threat_landscape"],
            0.9,
        );
    }
    // 2026: three encyclopedia entries (the year they were read), one article.
    for id in ["wiki-a", "wiki-b", "wiki-c"] {
        f.work(id, "Wikipedia contributors", 2026, SourceType::Secondary);
        f.works.last_mut().unwrap().kind = quire_model::WorkKind::Encyclopedia;
        f.passage(
            id,
            "TTP militants regrouped across the border.",
            &["threat_landscape"],
            0.9,
        );
    }
    f.analysis_of_talks(2022);
    let s = f.run();
    let sentences = thin_sentences(&s);
    assert!(
        sentences.contains(&"No work on Cooperation initiatives in 2021."),
        "{sentences:?}"
    );
    assert!(
        !sentences.iter().any(|t| t.contains("2026")),
        "{sentences:?}"
    );
}

#[test]
fn a_phrase_cut_from_a_longer_name_is_no_theme() {
    let f = works_each_saying(&[
        "The Universal Declaration of Human Rights binds the TTP fighters too.",
        "Under the Universal Declaration of Human Rights, TTP attacks are crimes.",
        "TTP leaders ignore the Universal Declaration of Human Rights entirely.",
    ]);
    let s = f.run();
    let threat = theme_phrases(&s, 0);
    // Every "Declaration of Human" goes on with "Rights": cut short.
    assert!(!threat.contains(&"Declaration of Human"), "{threat:?}");
    assert!(!threat.contains(&"Universal Declaration"), "{threat:?}");
    assert!(threat.contains(&"Human Rights"), "{threat:?}");
}

/// The key phrases of category `c`, best first.
fn theme_phrases(s: &Synthesis, c: usize) -> Vec<&str> {
    s.themes.by_category[c]
        .phrases
        .iter()
        .map(|p| p.phrase.as_str())
        .collect()
}

/// One secondary work per text (w0, w1, … of 2020, 2021, …, by
/// different authors), its passage coded `threat_landscape`.
fn works_each_saying(texts: &[&str]) -> Fixture {
    let mut f = Fixture::new();
    for (i, text) in texts.iter().enumerate() {
        let id = format!("w{i}");
        f.work(
            &id,
            &format!("Author{i}, A."),
            2020 + i as i32,
            SourceType::Secondary,
        );
        f.passage(&id, text, &["threat_landscape"], 0.8);
    }
    f
}

/// Three secondary works of 2020–2022 (w0, w1, w2), each with one passage
/// per (text, category).
fn three_works_saying(passages: &[(&str, &str)]) -> Fixture {
    let mut f = Fixture::new();
    for (i, year) in [2020, 2021, 2022].iter().enumerate() {
        let id = format!("w{i}");
        f.work(&id, &format!("Author{i}, A."), *year, SourceType::Secondary);
        for (text, category) in passages {
            f.passage(&id, text, &[category], 0.8);
        }
    }
    f
}

/// The sentences that call out thin cells.
fn thin_sentences(s: &Synthesis) -> Vec<&str> {
    s.gaps
        .thin_cells
        .iter()
        .map(|t| t.sentence.as_str())
        .collect()
}
