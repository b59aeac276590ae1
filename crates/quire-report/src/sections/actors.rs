//! The actor map: every codebook actor with the interests the sources
//! attribute to it, the co-occurrence network, and names proposed for the
//! codebook.

use super::{cite, clip};
use crate::charts::network::{network, TIES_PER_ACTOR};
use crate::charts::Chart;
use crate::input::ReportInput;
use crate::render::{Block, Cell, Section, Table};
use quire_model::ActorKind;

const INTERESTS_SHOWN: usize = 8;

pub fn actors(input: &ReportInput) -> Section {
    let map = &input.synthesis.actors;
    let mut blocks = vec![Block::Table(Table {
        caption: "Actors of the codebook".into(),
        header: ["Actor", "Kind", "Passages", "Works", "Interests found"]
            .map(String::from)
            .to_vec(),
        rows: map
            .actors
            .iter()
            .map(|a| {
                vec![
                    Cell::text(&a.name),
                    Cell::text(kind_word(a.kind)),
                    Cell::number(a.passages),
                    Cell::number(a.works),
                    Cell::number(a.interests.len()),
                ]
            })
            .collect(),
    })];
    for a in map.actors.iter().filter(|a| !a.interests.is_empty()) {
        blocks.push(Block::Subheading(format!(
            "{}: attributed interests",
            a.name
        )));
        // Asides off the review's subject come last and are not shown.
        let on_subject = a.interests.iter().filter(|i| !i.off_subject).count();
        let items: Vec<String> = a
            .interests
            .iter()
            .filter(|i| !i.off_subject)
            .take(INTERESTS_SHOWN)
            .map(|i| {
                let own = if i.own_words {
                    " — in its own words"
                } else {
                    ""
                };
                format!(
                    "{} {}{own} {}",
                    i.marker,
                    clip(&i.object, 160),
                    cite(&i.source)
                )
            })
            .collect();
        let shown = items.len();
        if shown > 0 {
            blocks.push(Block::List(items));
        }
        let hidden = a.interests.len() - shown;
        let off = a.interests.len() - on_subject;
        if shown == 0 {
            blocks.push(Block::Note(format!(
                "{hidden} found, all in passages coded with no category (asides off the review's subject): see synthesis.json."
            )));
        } else if hidden > 0 {
            let aside = match off {
                0 => String::new(),
                n if n == hidden => {
                    ", found in passages coded with no category (asides off the review's subject)"
                        .to_string()
                }
                n => format!(", {n} of them in passages coded with no category"),
            };
            blocks.push(Block::Note(format!(
                "{hidden} more in synthesis.json{aside}."
            )));
        }
    }
    if map.network.edges.is_empty() {
        blocks.push(Block::Note(
            "No two actors are named in the same passage, so there is no actor network.".into(),
        ));
    } else {
        let label = |g: &str| g.replace('_', " ");
        blocks.push(Block::Chart(Chart {
            name: "actors".into(),
            title: format!(
                "Actor network: actors named in the same passages (size = passages; lines: each actor\u{2019}s {} strongest ties, \
                 shared passages weighed against how often both are named; every tie is in synthesis.json)",
                TIES_PER_ACTOR
            ),
            svg: network(
                "Actor co-occurrence network",
                &map.network,
                30,
                TIES_PER_ACTOR,
                &label,
            ),
        }));
    }
    if !map.unknown.is_empty() {
        blocks.push(Block::Subheading("Proposed new actors".into()));
        blocks.push(Block::Note(
            "Frequent names, acronyms and states of the world (by name) that are not in the codebook; add the real actors to review.toml.".into(),
        ));
        blocks.push(Block::Table(Table {
            caption: String::new(),
            header: ["Name", "Form", "Mentions", "Works", "For example"]
                .map(String::from)
                .to_vec(),
            rows: map
                .unknown
                .iter()
                .take(25)
                .map(|u| {
                    let ex: Vec<String> = u.examples.iter().map(|e| e.citation.clone()).collect();
                    vec![
                        Cell::text(&u.name),
                        Cell::text(&u.form),
                        Cell::number(u.mentions),
                        Cell::number(u.works),
                        Cell::text(ex.join("; ")),
                    ]
                })
                .collect(),
        }));
    }
    Section {
        id: "actors".into(),
        title: "Actor map".into(),
        blocks,
    }
}

fn kind_word(k: ActorKind) -> &'static str {
    match k {
        ActorKind::State => "state",
        ActorKind::ArmedGroup => "armed group",
        ActorKind::Organisation => "organisation",
        ActorKind::Forum => "forum",
        ActorKind::Person => "person",
    }
}
