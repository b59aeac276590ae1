//! RIS: tagged lines, `TY` first and `ER` last.

use quire_model::WorkKind;

use crate::fields::Reference;

fn ris_type(kind: WorkKind) -> &'static str {
    match kind {
        WorkKind::Article => "JOUR",
        WorkKind::Book => "BOOK",
        WorkKind::Chapter => "CHAP",
        WorkKind::Report => "RPRT",
        WorkKind::Thesis => "THES",
        WorkKind::News => "NEWS",
        WorkKind::Web => "ELEC",
        WorkKind::Legislation => "BILL",
        _ => "GEN",
    }
}

/// All references as an RIS file.
pub fn to_string(references: &[Reference]) -> String {
    let mut out = String::new();
    for r in references {
        let mut tag = |t: &str, v: &str| out.push_str(&format!("{t}  - {v}\n"));
        tag("TY", ris_type(r.kind));
        for a in &r.authors {
            match &a.given {
                Some(g) if !a.literal => tag("AU", &format!("{}, {}", a.family, g)),
                _ => tag("AU", &a.family),
            }
        }
        for e in &r.editors {
            tag("ED", &e.display_short());
        }
        if let Some(t) = &r.title {
            tag("TI", t);
        }
        if let Some(c) = &r.container {
            tag(
                if r.kind == WorkKind::Article {
                    "JO"
                } else {
                    "T2"
                },
                c,
            );
        }
        if let Some(y) = r.year {
            tag("PY", &y.to_string());
        }
        if let (Some(y), Some(m)) = (r.year, r.month) {
            // RIS dates are "YYYY/MM/DD/" with empty parts left empty.
            let day = r.day.map_or(String::new(), |d| format!("{d:02}"));
            tag("DA", &format!("{y:04}/{m:02}/{day}/"));
        }
        let rest: [(&str, &Option<String>); 7] = [
            ("VL", &r.volume),
            ("IS", &r.issue),
            ("PB", &r.publisher),
            ("CY", &r.place),
            ("ET", &r.edition),
            ("DO", &r.doi),
            ("UR", &r.url),
        ];
        for (t, v) in rest {
            if let Some(v) = v {
                tag(t, v);
            }
        }
        if let Some(p) = &r.pages {
            match p.split_once('-') {
                Some((s, e)) => {
                    tag("SP", s);
                    tag("EP", e);
                }
                None => tag("SP", p),
            }
        }
        tag("ER", "");
        out.push('\n');
    }
    out
}
