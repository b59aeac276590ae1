use super::*;
use quire_model::Category;

fn codebook() -> Codebook {
    let cat = |id: &str, def: &str, terms: &[&str]| Category {
        id: id.into(),
        label: id.replace('_', " "),
        definition: def.into(),
        terms: terms.iter().map(|s| s.to_string()).collect(),
        examples: vec![],
    };
    Codebook {
        categories: vec![
            cat(
                "threat_landscape",
                "Security threats: militant groups, terrorist attacks and safe havens.",
                &["TTP", "safe haven", "militan*", "attack"],
            ),
            cat(
                "challenges_opportunities",
                "Refugees, trade, humanitarian needs and border management.",
                &["refugees", "trade", "humanitarian", "border management"],
            ),
        ],
        ..Default::default()
    }
}

const THREAT: &str =
    "The TTP found safe havens across the border and militants attacked a checkpoint.";
const TRADE: &str =
    "Trade through the border crossings resumed and refugees returned home with humanitarian aid.";
const OTHER: &str = "The President congratulated the Assembly on its seventy-fifth anniversary.";

#[test]
fn scores_cover_all_categories_sorted_with_evidence() {
    let coder = Coder::from_codebook(&codebook()).unwrap();
    let s = coder.score(THREAT);
    assert_eq!(s.len(), 2);
    assert!(s.windows(2).all(|w| w[0].score >= w[1].score));
    assert_eq!(s[0].category, "threat_landscape");
    assert!(s[0].score > 0.5 && s[0].score <= 1.0, "{}", s[0].score);
    assert_eq!(
        s[0].evidence[..2],
        ["safe havens".to_string(), "TTP".to_string()]
    );
    assert!(s[0].evidence.contains(&"militants".to_string()));
    assert!(coder.assigned(OTHER).is_empty());
    assert_eq!(
        coder.assigned(TRADE)[0].category,
        "challenges_opportunities"
    );
}

#[test]
fn corpus_fit_lowers_the_weight_of_common_terms() {
    let mut coder = Coder::from_codebook(&codebook()).unwrap();
    let before = coder.score("An attack.")[0].score;
    let corpus: Vec<String> = (0..100)
        .map(|i| format!("attack number {i} on the TTP"))
        .collect();
    let refs: Vec<&str> = corpus.iter().map(String::as_str).collect();
    coder.fit_corpus(&refs);
    let after = coder.score("An attack.")[0].score;
    assert!(after < before, "{after} !< {before}");
}

#[test]
fn training_moves_scores_towards_the_hand_codes() {
    let mut coder = Coder::from_codebook(&codebook()).unwrap();
    let fishing = "The fishing season on the river was good for the village cooperatives.";
    let before = coder.score(fishing);
    let trade_before = before
        .iter()
        .find(|s| s.category == "challenges_opportunities")
        .unwrap()
        .score;
    let mut labelled = Vec::new();
    for i in 0..6 {
        labelled.push((
            format!("The fishing catch of village {i} on the river grew."),
            vec!["challenges_opportunities".to_string()],
        ));
        labelled.push((
            format!("Militants attacked post {i} near the river."),
            vec!["threat_landscape".to_string()],
        ));
        labelled.push((format!("The Assembly met for session {i}."), vec![]));
    }
    coder.train(&labelled).unwrap();
    assert!(coder.is_trained("challenges_opportunities"));
    let after = coder.score(fishing);
    let trade_after = after
        .iter()
        .find(|s| s.category == "challenges_opportunities")
        .unwrap();
    assert!(
        trade_after.score > trade_before,
        "{} !> {trade_before}",
        trade_after.score
    );
    assert!(trade_after.score > 0.5);
    assert!(trade_after
        .learned
        .iter()
        .any(|w| w.contains("fishing") || w.contains("river")));
    let assembly = coder.score("The Assembly met again for a session.");
    assert!(assembly.iter().all(|s| s.score < 0.5), "{assembly:?}");
}

#[test]
fn training_rejects_unknown_categories() {
    let mut coder = Coder::from_codebook(&codebook()).unwrap();
    let err = coder
        .train(&[("text".into(), vec!["nope".into()])])
        .unwrap_err();
    assert!(err.to_string().contains("nope"), "{err}");
}

#[test]
fn an_empty_codebook_is_an_error() {
    assert!(Coder::from_codebook(&Codebook::default()).is_err());
}

#[test]
fn code_passages_makes_auto_codings() {
    let coder = Coder::from_codebook(&codebook()).unwrap();
    let ps = crate::passages::split_text("w", &format!("{THREAT}\n\n{OTHER}\n"));
    let codings = code_passages(&coder, &ps);
    assert_eq!(codings.len(), 1);
    assert_eq!(codings[0].category, "threat_landscape");
    assert_eq!(codings[0].origin, CodingOrigin::Auto);
    assert_eq!(codings[0].passage, 0);
}

#[test]
fn one_plain_word_alone_counts_half() {
    let coder = Coder::from_codebook(&codebook()).unwrap();
    let threat = |text: &str| {
        coder
            .score(text)
            .into_iter()
            .find(|s| s.category == "threat_landscape")
            .map(|s| s.score)
            .unwrap_or(0.0)
    };
    // "attack" alone, even repeated, stays below the threshold; a second
    // distinct term or a key phrase lifts the passage over it.
    let lone = threat("An attack, and another attack, was reported.");
    let two = threat("An attack by militants was reported.");
    let phrase = threat("A safe haven was reported.");
    assert!(lone < 0.5, "{lone}");
    assert!(two >= 0.5, "{two}");
    assert!(phrase >= 0.5, "{phrase}");
}

fn actor_codebook() -> Codebook {
    Codebook {
        categories: vec![
            Category {
                id: "regional_actors".into(),
                label: "Regional actors".into(),
                definition: "The roles of China and the United States.".into(),
                terms: vec!["China".into(), "United States".into()],
                examples: vec![],
            },
            Category {
                id: "threat_landscape".into(),
                label: "Threats".into(),
                definition: "Militant groups and attacks.".into(),
                terms: vec!["militan*".into(), "attack".into()],
                examples: vec![],
            },
        ],
        actors: vec![quire_model::Actor {
            id: "china".into(),
            name: "China".into(),
            aliases: vec!["Beijing".into()],
            kind: quire_model::ActorKind::State,
        }],
        focus: vec!["Afghanistan".into()],
        ..Default::default()
    }
}

fn score_of(scores: &[CategoryScore], category: &str) -> f32 {
    scores
        .iter()
        .find(|s| s.category == category)
        .map_or(0.0, |s| s.score)
}

#[test]
fn an_actor_alias_is_evidence_for_the_category_naming_the_actor() {
    let coder = Coder::from_codebook(&actor_codebook()).unwrap();
    let s = coder.score("Beijing pledged aid to Afghanistan.");
    assert_eq!(s[0].category, "regional_actors");
    assert_eq!(s[0].evidence, ["Beijing"]);
}

#[test]
fn a_passage_off_the_review_focus_counts_less() {
    let coder = Coder::from_codebook(&actor_codebook()).unwrap();
    let on = score_of(
        &coder.score("Militants attacked a post in Afghanistan."),
        "threat_landscape",
    );
    let off = score_of(
        &coder.score("Militants attacked a post in the Andes."),
        "threat_landscape",
    );
    assert!(off < on, "{off} !< {on}");
    // A neighbour that names the focus brings the passage back in scope.
    let in_context = score_of(
        &coder.score_in_context(
            "Militants attacked a post in the Andes.",
            Some("Afghanistan was quiet."),
            None,
        ),
        "threat_landscape",
    );
    assert!((in_context - on).abs() < 1e-6, "{in_context} != {on}");
}

#[test]
fn a_passage_inherits_actor_evidence_from_its_neighbours() {
    let coder = Coder::from_codebook(&actor_codebook()).unwrap();
    let texts = [
        "The United States and China discussed Afghanistan at length.",
        "We will keep our commitments to the people of Afghanistan.",
        "Beijing and the United States agreed to meet again on Afghanistan.",
    ];
    let alone = score_of(&coder.score(texts[1]), "regional_actors");
    let in_document = score_of(&coder.score_document(&texts)[1], "regional_actors");
    assert!(alone < 0.5, "{alone}");
    assert!(in_document >= 0.5, "{in_document}");
    // Topical evidence is the passage's own: neighbours lend actors only.
    let threat = score_of(&coder.score_document(&texts)[1], "threat_landscape");
    assert!(threat < 0.1, "{threat}");
}

/// Hand-coded passages that the codebook cannot tell apart (no key term
/// at all) but whose embeddings can: the trained coder follows the
/// embeddings, and without one a passage keeps its codebook score.
#[test]
fn embeddings_teach_what_the_terms_cannot() {
    let mut coder = Coder::from_codebook(&codebook()).unwrap();
    let unit = |v: [f32; 3]| {
        let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.iter().map(|x| x / n).collect::<Vec<f32>>()
    };
    let labelled: Vec<LabelledPassage> = (0..12)
        .map(|i| {
            let t = i as f32 / 12.0;
            let threat = i % 2 == 0;
            LabelledPassage {
                text: format!("Passage number {i} says something in plain words."),
                categories: if threat {
                    vec!["threat_landscape".into()]
                } else {
                    vec![]
                },
                semantic: Some(unit(if threat { [1.0, t, 0.1] } else { [t, 1.0, 0.1] })),
                ..Default::default()
            }
        })
        .collect();
    coder.train_passages(&labelled).unwrap();
    assert!(coder.uses_embeddings());
    assert!(coder.is_trained("threat_landscape"));
    assert!(!coder.is_trained("challenges_opportunities"));
    let text = "Another passage in plain words.";
    let near = unit([1.0, 0.2, 0.1]);
    let far = unit([0.2, 1.0, 0.1]);
    let with = |v: &[f32]| {
        score_of(
            &coder.score_in_context_with(text, None, None, Some(v)),
            "threat_landscape",
        )
    };
    assert!(with(&near) > 0.5, "{}", with(&near));
    assert!(with(&far) < 0.5, "{}", with(&far));
    let without = score_of(&coder.score(text), "threat_landscape");
    assert!(without < 0.1, "{without}");
    // A review without embeddings trains the n-gram classifier as before.
    let plain: Vec<LabelledPassage> = labelled
        .into_iter()
        .map(|p| LabelledPassage {
            semantic: None,
            ..p
        })
        .collect();
    coder.train_passages(&plain).unwrap();
    assert!(!coder.uses_embeddings());
}
