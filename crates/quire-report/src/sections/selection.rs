//! Sections on what was reviewed: the protocol and its selection rule
//! (recency), the PRISMA flow, and the corpus overview.

use crate::charts::{heatmap::heatmap, prisma::prisma_flow, Chart};
use crate::input::ReportInput;
use crate::render::{Block, Cell, Section, Table};
use quire_model::{Coding, CodingOrigin};
use quire_synthesis::RecencyStatus;
use std::collections::{BTreeMap, BTreeSet};

/// Protocol & selection: the question, keywords, framework and the
/// recency rule applied to every work.
pub fn protocol(input: &ReportInput) -> Section {
    let p = input.protocol;
    let recency = &input.synthesis.recency;
    let mut blocks = Vec::new();
    if !p.review.keywords.is_empty() {
        blocks.push(Block::Paragraph(format!(
            "Search keywords: {}.",
            p.review.keywords.join(", ")
        )));
    }
    let rule = if recency.rule.is_empty() {
        selection_rule_words(input)
    } else {
        recency.rule.clone()
    };
    blocks.push(Block::Paragraph(format!("Selection rule: {rule}")));
    blocks.push(Block::Table(Table {
        caption: "Works by selection status".into(),
        header: vec!["Status".into(), "Works".into(), "Meaning".into()],
        rows: [
            Some(status_row(
                "Recent",
                recency.recent,
                "within the protocol's years",
            )),
            Some(status_row(
                "Seminal",
                recency.seminal,
                "older, but cited often inside the corpus",
            )),
            Some(status_row(
                "Kept",
                recency.kept,
                "on the protocol's keep-list",
            )),
            // Shown only when there are some: most corpora date every work.
            (recency.undated > 0).then(|| {
                status_row(
                    "Undated",
                    recency.undated,
                    "no year known: kept for the reviewer to judge",
                )
            }),
            Some(status_row(
                "Out",
                recency.out,
                "outside the years and not seminal",
            )),
        ]
        .into_iter()
        .flatten()
        .collect(),
    }));
    if !p.categories.is_empty() {
        blocks.push(Block::Subheading("Analytical framework".into()));
        blocks.push(Block::Table(Table {
            caption: String::new(),
            header: vec![
                "Category".into(),
                "Definition".into(),
                "Key terms (first ten)".into(),
            ],
            rows: p
                .categories
                .iter()
                .map(|c| {
                    let terms: Vec<&str> = c.terms.iter().take(10).map(String::as_str).collect();
                    vec![
                        Cell::text(&c.label),
                        Cell::text(&c.definition),
                        Cell::text(terms.join(", ")),
                    ]
                })
                .collect(),
        }));
        blocks.push(Block::Paragraph(coding_method(input)));
    }
    if !recency.works.is_empty() && !selection_in_appendix(input) {
        blocks.push(Block::Subheading("The rule applied to each work".into()));
        blocks.push(Block::Table(recency_table(input)));
    } else if !recency.works.is_empty() {
        blocks.push(Block::Paragraph(format!(
            "The rule applied to each of the {} works is listed in the appendix, after the references.",
            recency.works.len()
        )));
    }
    Section {
        id: "protocol".into(),
        title: "Protocol and selection".into(),
        blocks,
    }
}

/// How the passages were coded, for the methods: automatically from the
/// framework, and what the hand codes, if any, taught.
fn coding_method(input: &ReportInput) -> String {
    let automatic = "Passages were coded automatically against this framework: each passage \
        is scored per category from the key terms it contains (weighted by how specific they \
        are in the corpus), its closeness to the category's definition and the actors named \
        around it; a score of 0.5 or more assigns the category.";
    let manual: Vec<&Coding> = input
        .codings
        .iter()
        .filter(|c| c.origin == CodingOrigin::Manual)
        .collect();
    if manual.is_empty() {
        return format!("{automatic} No passage was coded by hand.");
    }
    let passages: BTreeSet<(&str, usize)> = manual
        .iter()
        .map(|c| (c.work_id.as_str(), c.passage))
        .collect();
    let coders: BTreeSet<&str> = manual.iter().filter_map(|c| c.coder.as_deref()).collect();
    let by = if coders.is_empty() {
        String::new()
    } else {
        format!(
            " (by {})",
            coders.into_iter().collect::<Vec<_>>().join(", ")
        )
    };
    let read = match input.encoder {
        Some(model) => format!("each passage's sentence embedding ({model}) and codebook score"),
        None => "each passage's words and codebook score".to_string(),
    };
    let (n, were) = match passages.len() {
        1 => ("1 passage".to_string(), "was"),
        n => (format!("{n} passages"), "were"),
    };
    format!(
        "{automatic} {n} {were} given categories by hand{by}. The hand codes stand as given \
         and trained a logistic regression per category over {read}, which re-scored the other \
         passages."
    )
}

fn selection_in_appendix(input: &ReportInput) -> bool {
    input.synthesis.recency.works.len() > super::SELECTION_ROWS_IN_PROTOCOL
}

/// The appendix listing the selection rule applied to each work, for a
/// review too large to list them in the protocol section.
pub fn selection_appendix(input: &ReportInput) -> Option<Section> {
    selection_in_appendix(input).then(|| Section {
        id: "selection-appendix".into(),
        title: "Appendix: the selection rule applied to each work".into(),
        blocks: vec![Block::Table(recency_table(input))],
    })
}

fn status_row(name: &str, n: usize, meaning: &str) -> Vec<Cell> {
    vec![Cell::text(name), Cell::number(n), Cell::text(meaning)]
}

fn selection_rule_words(input: &ReportInput) -> String {
    let s = &input.protocol.selection;
    let mut parts = Vec::new();
    if let Some(y) = s.years {
        parts.push(format!("works {}", y.in_words()));
    }
    if let Some(sem) = s.seminal {
        parts.push(format!(
            "older works cited by at least {} works of the corpus",
            sem.cited_by_at_least
        ));
    }
    if !s.keep.is_empty() {
        parts.push(format!("{} works on the keep-list", s.keep.len()));
    }
    if parts.is_empty() {
        "every work (no selection rule in the protocol).".into()
    } else {
        format!("{}.", parts.join("; "))
    }
}

fn recency_table(input: &ReportInput) -> Table {
    let by_id: BTreeMap<&str, &quire_model::Work> =
        input.works.iter().map(|w| (w.id.as_str(), w)).collect();
    let rows = input
        .synthesis
        .recency
        .works
        .iter()
        .map(|e| {
            // Only analysed works are in the reference list and cited; the
            // others are named by title, so the report cites nothing it
            // does not list.
            let who = match by_id.get(e.work_id.as_str()) {
                Some(w) if e.selected => input.work_cell(w),
                Some(w) => Cell::work("", crate::input::short_title(&w.title)),
                None => Cell::text(&e.work_id),
            };
            let status = match e.status {
                RecencyStatus::Recent => "recent",
                RecencyStatus::Seminal => "seminal",
                RecencyStatus::Kept => "kept",
                RecencyStatus::Undated => "undated",
                RecencyStatus::Out => "out",
            };
            vec![
                who,
                Cell::number(
                    e.year
                        .map(|y| y.to_string())
                        .unwrap_or_else(|| "n.d.".into()),
                ),
                Cell::number(e.cited_by),
                Cell::text(status),
                Cell::text(if e.selected { "yes" } else { "no" }),
                Cell::text(&e.reason),
            ]
        })
        .collect();
    Table {
        caption: String::new(),
        header: ["Work", "Year", "Cited by", "Status", "Analysed", "Why"]
            .map(String::from)
            .to_vec(),
        rows,
    }
}

/// The PRISMA flow: chart and the counts as a table.
pub fn prisma(input: &ReportInput) -> Section {
    let c = input.prisma;
    let mut rows = vec![
        vec![Cell::text("Records identified"), Cell::number(c.identified)],
        vec![
            Cell::text("Duplicates removed"),
            Cell::number(c.duplicates_removed),
        ],
        vec![Cell::text("Records screened"), Cell::number(c.screened)],
        vec![Cell::text("Records excluded"), Cell::number(c.excluded)],
    ];
    rows.extend(
        c.exclusion_reasons
            .iter()
            .map(|(r, n)| vec![Cell::text(format!("    excluded: {r}")), Cell::number(n)]),
    );
    if let Some(n) = c.fulltext_assessed {
        rows.push(vec![Cell::text("Full texts assessed"), Cell::number(n)]);
    }
    rows.push(vec![
        Cell::text("Included in the review"),
        Cell::number(c.included),
    ]);
    Section {
        id: "prisma".into(),
        title: "PRISMA flow".into(),
        blocks: vec![
            Block::Chart(Chart {
                name: "prisma".into(),
                title: "PRISMA-style flow of records through the review".into(),
                svg: prisma_flow(c),
            }),
            Block::Table(Table {
                caption: String::new(),
                header: vec!["Step".into(), "Records".into()],
                rows,
            }),
        ],
    }
}

/// Corpus overview: kinds, source types and years of the included works,
/// and the works-per-category-per-year timeline.
pub fn corpus(input: &ReportInput) -> Section {
    let works = input.included_works();
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    let mut types: BTreeMap<&str, usize> = BTreeMap::new();
    let mut years: BTreeMap<String, usize> = BTreeMap::new();
    for w in &works {
        *kinds.entry(w.kind.as_str()).or_default() += 1;
        *types.entry(w.source_type.as_str()).or_default() += 1;
        let y = w
            .year
            .map(|y| y.to_string())
            .unwrap_or_else(|| "n.d.".into());
        *years.entry(y).or_default() += 1;
    }
    let counts = |m: BTreeMap<&str, usize>| -> Vec<Vec<Cell>> {
        m.into_iter()
            .map(|(k, n)| vec![Cell::text(k), Cell::number(n)])
            .collect()
    };
    let mut blocks = vec![
        Block::Paragraph(format!(
            "The review analyses {} works. By kind, by source type and by year of publication:",
            works.len()
        )),
        Block::Table(Table {
            caption: "Kinds of work".into(),
            header: vec!["Kind".into(), "Works".into()],
            rows: counts(kinds),
        }),
        Block::Table(Table {
            caption: "Source types".into(),
            header: vec!["Source type".into(), "Works".into()],
            rows: counts(types),
        }),
        Block::Table(Table {
            caption: "Years".into(),
            header: vec!["Year".into(), "Works".into()],
            rows: years
                .into_iter()
                .map(|(y, n)| vec![Cell::text(y), Cell::number(n)])
                .collect(),
        }),
    ];
    let timeline = &input.synthesis.recency.timeline;
    if !timeline.rows.is_empty() && !timeline.columns.is_empty() {
        let labels: Vec<String> = timeline
            .rows
            .iter()
            .map(|r| input.category_label(r))
            .collect();
        blocks.push(Block::Chart(Chart {
            name: "timeline".into(),
            title: "Works per category and year (heat map)".into(),
            svg: heatmap(
                "Works per category and year",
                &labels,
                &timeline.columns,
                &timeline.works,
                "works",
            ),
        }));
    }
    Section {
        id: "corpus".into(),
        title: "Corpus overview".into(),
        blocks,
    }
}
