//! Sections on what the sources say: the evidence matrix, the written
//! synthesis per category, the common themes and the debates.

use super::{cite, clip, quote, quote_of, strongest_tip};
use crate::charts::{network::network, Chart};
use crate::input::ReportInput;
use crate::render::{Block, Cell, Section, Table};
use quire_synthesis::Stance;

/// Works × categories: passages per cell, with the strongest passage of
/// each category quoted below.
pub fn evidence_matrix(input: &ReportInput) -> Section {
    let s = input.synthesis;
    let works = input.included_works().len();
    let mut blocks = if works == 0 {
        vec![Block::Note(
            "No work is included in the review (see the selection above), so there is no \
             evidence to tabulate."
                .into(),
        )]
    } else if works > super::MATRIX_ROWS_IN_FINDINGS {
        vec![
            Block::Note(format!(
                "The full matrix of the {works} works × {} categories is in the appendix after \
                 the references, and in evidence.csv and evidence.xlsx with every coded \
                 passage, its score, evidence terms and page. Per category:",
                s.categories.len()
            )),
            Block::Table(category_totals(input)),
        ]
    } else {
        vec![
            Block::Note(
                "Each cell counts the work's passages coded with the category (· = none); point \
                 at a count to see its strongest passage. Every coded passage, with its score, \
                 evidence terms and page, is in evidence.csv and evidence.xlsx."
                    .into(),
            ),
            Block::Table(matrix_table(input)),
        ]
    };
    let strongest: Vec<Block> = s
        .categories
        .iter()
        .filter_map(|c| {
            let best = s
                .evidence
                .cells
                .iter()
                .filter(|e| e.category == c.id)
                .max_by(|a, b| a.score.total_cmp(&b.score))?;
            let label = format!("{} · score {:.2}", c.label, best.score);
            Some(quote(label, &best.strongest))
        })
        .collect();
    if !strongest.is_empty() {
        blocks.push(Block::Subheading("Strongest evidence per category".into()));
        blocks.extend(strongest);
    }
    Section {
        id: "evidence".into(),
        title: "Evidence matrix".into(),
        blocks,
    }
}

/// The works × categories matrix, in an appendix of a review too large to
/// show it among the findings.
pub fn evidence_appendix(input: &ReportInput) -> Option<Section> {
    (input.included_works().len() > super::MATRIX_ROWS_IN_FINDINGS).then(|| Section {
        id: "evidence-appendix".into(),
        title: "Appendix: evidence matrix".into(),
        blocks: vec![
            Block::Note(
                "Each cell counts the work's passages coded with the category (· = none); point \
                 at a count to see its strongest passage."
                    .into(),
            ),
            Block::Table(matrix_table(input)),
        ],
    })
}

/// Works × categories: passages per cell, each with its strongest passage.
fn matrix_table(input: &ReportInput) -> Table {
    let s = input.synthesis;
    let mut header = vec!["Work".to_string()];
    header.extend(s.categories.iter().map(|c| c.label.clone()));
    let cells = s.evidence.by_work_and_category();
    let rows = input
        .included_works()
        .iter()
        .map(|w| {
            let mut row = vec![input.work_cell(w)];
            row.extend(s.categories.iter().map(|c| {
                let cell = cells.get(&(w.id.as_str(), c.id.as_str()));
                match cell {
                    Some(e) if e.passages > 0 => {
                        Cell::number(e.passages).with_tip(strongest_tip(&e.strongest))
                    }
                    _ => Cell::number("·"),
                }
            }));
            row
        })
        .collect();
    Table {
        caption: String::new(),
        header,
        rows,
    }
}

/// Works most coded in each category.
const TOP_WORKS: usize = 3;

/// Per category: works and passages coded, and the works with most.
fn category_totals(input: &ReportInput) -> Table {
    let s = input.synthesis;
    let citation = |id: &str| {
        input
            .works
            .iter()
            .find(|w| w.id == id)
            .map_or_else(|| id.to_string(), |w| input.citation(w))
    };
    let rows = s
        .categories
        .iter()
        .map(|c| {
            let mut cells: Vec<_> = s
                .evidence
                .cells
                .iter()
                .filter(|e| e.category == c.id && e.passages > 0)
                .collect();
            cells.sort_by(|a, b| {
                b.passages
                    .cmp(&a.passages)
                    .then(b.score.total_cmp(&a.score))
            });
            let passages: usize = cells.iter().map(|e| e.passages).sum();
            let top: Vec<String> = cells
                .iter()
                .take(TOP_WORKS)
                .map(|e| format!("{}: {}", citation(&e.work_id), e.passages))
                .collect();
            vec![
                Cell::text(&c.label),
                Cell::number(cells.len()),
                Cell::number(passages),
                Cell::text(top.join("; ")),
            ]
        })
        .collect();
    Table {
        caption: String::new(),
        header: vec![
            "Category".into(),
            "Works".into(),
            "Passages".into(),
            "Most passages".into(),
        ],
        rows,
    }
}

/// The written (extractive) synthesis of each category.
pub fn written_synthesis(input: &ReportInput) -> Section {
    let mut blocks = vec![Block::Note(
        "For each category, the most representative passages of the sources — one per author \
         before a second from the same, near-duplicates dropped — in chronological order, quoted \
         with their APA citations."
            .into(),
    )];
    for summary in &input.synthesis.summaries {
        blocks.push(Block::Subheading(summary.label.clone()));
        if summary.items.is_empty() {
            blocks.push(Block::Note(
                "No passage of the included works was coded with this category.".into(),
            ));
            continue;
        }
        let text: Vec<String> = summary
            .items
            .iter()
            .map(|i| quoted_sentence(&i.source))
            .collect();
        blocks.push(Block::Paragraph(text.join(" ")));
        // The summary quotes what most sources say; where they disagree,
        // point to both sides.
        if let Some(note) = debated(input, &summary.category) {
            blocks.push(Block::Note(note));
        }
    }
    Section {
        id: "synthesis".into(),
        title: "Synthesis by category".into(),
        blocks,
    }
}

/// "Debated between the sources (both sides under Debates): …" for the
/// category's strongest debates, if it has any.
fn debated(input: &ReportInput, category: &str) -> Option<String> {
    let mut debates: Vec<_> = input
        .synthesis
        .debates
        .debates
        .iter()
        .filter(|d| d.category == category)
        .collect();
    debates.sort_by(|a, b| b.strength.total_cmp(&a.strength));
    let listed: Vec<String> = debates
        .iter()
        .take(DEBATES_NAMED)
        .map(|d| {
            let subject = if d.actor.is_empty() {
                format!("“{}”", d.actor_name)
            } else {
                d.actor_name.clone()
            };
            format!(
                "{subject}, {} against {}",
                d.side_a.source.citation, d.side_b.source.citation
            )
        })
        .collect();
    (!listed.is_empty()).then(|| {
        format!(
            "Debated between the sources (both sides under Debates): {}.",
            listed.join("; ")
        )
    })
}

/// Debates named under a category's written synthesis.
const DEBATES_NAMED: usize = 2;

/// Key phrases per category and their co-occurrence map.
pub fn themes(input: &ReportInput) -> Section {
    let themes = &input.synthesis.themes;
    let mut blocks = vec![Block::Note(
        "Phrases that recur across at least two works within a category, ranked by how much more \
         they belong to it than to the other categories."
            .into(),
    )];
    for ct in &themes.by_category {
        if ct.phrases.is_empty() {
            continue;
        }
        blocks.push(Block::Subheading(input.category_label(&ct.category)));
        let rows = ct
            .phrases
            .iter()
            .take(12)
            .map(|p| {
                let examples: Vec<String> = p.examples.iter().map(|e| e.citation.clone()).collect();
                vec![
                    Cell::text(&p.phrase),
                    Cell::number(p.works),
                    Cell::number(p.passages),
                    Cell::text(examples.join("; ")),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table {
            caption: String::new(),
            header: ["Theme", "Works", "Passages", "For example"]
                .map(String::from)
                .to_vec(),
            rows,
        }));
    }
    if themes.by_category.iter().all(|c| c.phrases.is_empty()) {
        blocks.push(Block::Paragraph(
            "No phrase recurs across two or more works yet.".into(),
        ));
    }
    // A map without a single shared passage shows nothing but dots.
    if themes.map.edges.is_empty() {
        blocks.push(Block::Note(
            "No two themes share a passage, so there is no theme map.".into(),
        ));
    } else {
        let label = |g: &str| input.category_label(g);
        blocks.push(Block::Chart(Chart {
            name: "themes".into(),
            title: "Theme map: phrases that occur in the same passages (colour = category)".into(),
            svg: network(
                "Theme co-occurrence map",
                &themes.map,
                36,
                usize::MAX,
                &label,
            ),
        }));
    }
    Section {
        id: "themes".into(),
        title: "Common themes".into(),
        blocks,
    }
}

/// Opposing positions, both sides quoted, and how they were found.
pub fn debates(input: &ReportInput) -> Section {
    let d = &input.synthesis.debates;
    let mut blocks = Vec::new();
    if !d.method.is_empty() {
        blocks.push(Block::Subheading("How debates were found".into()));
        // One paragraph per step of the method.
        blocks.extend(
            d.method
                .split("\n\n")
                .filter(|p| !p.trim().is_empty())
                .map(|p| Block::Paragraph(p.trim().to_string())),
        );
    }
    if d.debates.is_empty() {
        let text = if d.unvoiced.is_empty() {
            "No opposing positions were found between the included works."
        } else {
            "No opposing positions were found between the included works; below are \
             accusations that one side answers while the other is not in the corpus."
        };
        blocks.push(Block::Paragraph(text.into()));
    }
    let mut ranked: Vec<_> = d.debates.iter().collect();
    ranked.sort_by(|a, b| b.strength.total_cmp(&a.strength));
    ranked.truncate(20);
    // One heading per actor and category, strongest first, with all its
    // debates under it.
    let mut groups: Vec<(&str, &str, Vec<&quire_synthesis::Debate>)> = Vec::new();
    for debate in ranked {
        match groups
            .iter_mut()
            .find(|g| g.0 == debate.actor_name && g.1 == debate.category)
        {
            Some(group) => group.2.push(debate),
            None => groups.push((&debate.actor_name, &debate.category, vec![debate])),
        }
    }
    for (actor, category, debates) in groups {
        // A debate about a matter (no codebook actor) is headed by its
        // key term, quoted.
        let subject = if debates[0].actor.is_empty() {
            format!("“{actor}”")
        } else {
            actor.to_string()
        };
        blocks.push(Block::Subheading(format!(
            "{subject} — {}",
            input.category_label(category)
        )));
        for debate in debates {
            debate_blocks(debate, &mut blocks);
        }
    }
    if d.debates.len() > 20 {
        blocks.push(Block::Note(format!(
            "{} weaker debates are not shown.",
            d.debates.len() - 20
        )));
    }
    unvoiced_blocks(input, &d.unvoiced, &mut blocks);
    Section {
        id: "debates".into(),
        title: "Debates".into(),
        blocks,
    }
}

/// Accusations answered in the corpus but voiced by no included work:
/// one side of a debate each, with who is said to make them.
fn unvoiced_blocks(
    input: &ReportInput,
    unvoiced: &[quire_synthesis::UnvoicedAccusation],
    blocks: &mut Vec<Block>,
) {
    if unvoiced.is_empty() {
        return;
    }
    blocks.push(Block::Subheading(
        "Accusations answered but not voiced".into(),
    ));
    blocks.push(Block::Paragraph(
        "Each actor below says, in its own statements, that it is blamed; no included work \
         makes that accusation. The other side of these debates is missing from the corpus: \
         the accuser\u{2019}s own statements are sources worth looking for."
            .into(),
    ));
    for u in unvoiced {
        let by = if u.accuser_name.is_empty() {
            "accuser not named".to_string()
        } else {
            format!("accuser: {}", u.accuser_name)
        };
        let reports = match (u.sentences, u.works) {
            (1, _) => "1 sentence".to_string(),
            (s, 1) => format!("{s} sentences in 1 work"),
            (s, w) => format!("{s} sentences in {w} works"),
        };
        blocks.push(quote(
            format!(
                "{} · {by} · {} · {reports}",
                u.accused_name,
                input.category_label(&u.category)
            ),
            &u.source,
        ));
    }
}

/// One debate: why its sides oppose, then the two quotes side by side.
fn debate_blocks(debate: &quire_synthesis::Debate, blocks: &mut Vec<Block>) {
    blocks.push(Block::Note(format!(
        "{} (strength {:.2})",
        debate.reason, debate.strength
    )));
    let side = |s: &quire_synthesis::DebateSide| {
        let label = if s.cue.is_empty() {
            stance_word(s.stance).to_string()
        } else {
            format!("{} · “{}”", stance_word(s.stance), s.cue)
        };
        quote_of(label, &s.source)
    };
    blocks.push(Block::Pair(side(&debate.side_a), side(&debate.side_b)));
}

/// A source's sentence quoted in running text, APA style: the citation
/// goes after the closing quotation mark and before the final period:
/// “… cross-border attacks” (Khan & Ali, 2022, p. 203).
fn quoted_sentence(p: &quire_synthesis::PassageRef) -> String {
    let text = clip(&p.quote, 500);
    let body = text.trim_end_matches(['.', ' ']);
    let end = match text.chars().last() {
        Some('?') | Some('!') => "",
        _ => ".",
    };
    format!("“{body}” {}{end}", cite(p))
}

fn stance_word(s: Stance) -> &'static str {
    match s {
        Stance::Accuse => "accuses",
        Stance::Deny => "denies",
        Stance::Support => "supports",
        Stance::Oppose => "opposes",
        Stance::Positive => "positive",
        Stance::Negative => "negative",
        Stance::Cause => "names as cause",
        Stance::NotCause => "denies as cause",
        Stance::Contrast => "contrasts",
        Stance::Neutral => "neutral",
    }
}
