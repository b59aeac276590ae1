#!/usr/bin/env python3
"""Build a review of UN General Debate statements (../shared/data/ungdc,
CC0) for a topic: one Markdown source per statement with front matter,
the review.toml given, ready for `quire review`.

    python3 bench/review/make_ungdc_review.py OUT_DIR REVIEW_TOML [--countries TUV,FJI,...] [--from 2012] [--bare-every 2]

`--bare-every N` writes every N-th statement as bare text (`ID.txt`, no
front matter), as a researcher's folder of downloaded speeches holds
them: quire must then name them after their files, take the year from
the name, and neither merge nor pair them as duplicates for their alike
openings ("Mr. President,").

Without --countries every statement is taken (4,615, the scale run in
bench/README.md). Used for the small-islands (sids.toml) and Sahel
(sahel.toml) reviews of bench/review/README.md.
"""
import argparse
import gzip
import json
import os
import shutil

# Names of the states of the example reviews; other codes stay codes.
NAMES = {
    "TUV": "Tuvalu", "KIR": "Kiribati", "MDV": "Maldives", "FJI": "Fiji",
    "MHL": "Marshall Islands", "VUT": "Vanuatu", "SLB": "Solomon Islands",
    "NRU": "Nauru", "PLW": "Palau", "FSM": "Micronesia (Federated States of)",
    "BRB": "Barbados", "JAM": "Jamaica", "TTO": "Trinidad and Tobago",
    "WSM": "Samoa", "TON": "Tonga", "BHS": "Bahamas", "ATG": "Antigua and Barbuda",
    "GRD": "Grenada", "SYC": "Seychelles", "MUS": "Mauritius",
    "PNG": "Papua New Guinea", "DMA": "Dominica", "LCA": "Saint Lucia",
    "CPV": "Cabo Verde", "MLI": "Mali", "NER": "Niger", "BFA": "Burkina Faso",
    "TCD": "Chad", "MRT": "Mauritania", "NGA": "Nigeria",
    "RUS": "the Russian Federation", "UKR": "Ukraine", "BLR": "Belarus",
    "USA": "the United States of America", "GBR": "the United Kingdom",
    "FRA": "France", "DEU": "Germany", "POL": "Poland", "LTU": "Lithuania",
    "LVA": "Latvia", "EST": "Estonia", "TUR": "Türkiye", "CHN": "China",
    "IND": "India", "MDA": "the Republic of Moldova", "GEO": "Georgia",
    "FIN": "Finland", "HUN": "Hungary", "PAK": "Pakistan", "AFG": "Afghanistan",
    "BGD": "Bangladesh", "ARM": "Armenia", "AZE": "Azerbaijan", "ISR": "Israel",
    "IRN": "the Islamic Republic of Iran", "ETH": "Ethiopia", "ERI": "Eritrea",
    "COD": "the Democratic Republic of the Congo", "RWA": "Rwanda", "SDN": "the Sudan",
    "SSD": "South Sudan", "PRK": "the Democratic People's Republic of Korea",
    "KOR": "the Republic of Korea", "SYR": "the Syrian Arab Republic", "CYP": "Cyprus",
    "VEN": "Venezuela", "COL": "Colombia", "GRC": "Greece",
}

CORPUS = os.path.join(os.path.dirname(__file__), "../../../shared/data/ungdc/ungdc-2001-2024.jsonl.gz")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("review_toml")
    ap.add_argument("--countries", default="")
    ap.add_argument("--from", dest="since", type=int, default=2001)
    ap.add_argument("--corpus", default=CORPUS)
    ap.add_argument("--bare-every", type=int, default=0)
    args = ap.parse_args()
    wanted = {c for c in args.countries.split(",") if c}
    sources = os.path.join(args.out, "sources")
    os.makedirs(sources, exist_ok=True)
    shutil.copy(args.review_toml, os.path.join(args.out, "review.toml"))
    n = 0
    for line in gzip.open(args.corpus, "rt", encoding="utf-8"):
        r = json.loads(line)
        if (wanted and r["country"] not in wanted) or r["year"] < args.since:
            continue
        name = NAMES.get(r["country"], r["country"])
        front = (
            "---\n"
            f"title: Statement by {name} in the General Debate of the "
            f"{r['session']}th session of the UN General Assembly ({r['year']})\n"
            f"authors:\n- Government of {name}\n"
            "publisher: United Nations General Assembly\n"
            f"year: {r['year']}\n"
            "source_type: official_statement\n"
            "---\n\n"
        )
        n += 1
        if args.bare_every and n % args.bare_every == 0:
            with open(os.path.join(sources, f"{r['id']}.txt"), "w", encoding="utf-8") as f:
                f.write(r["text"])
            continue
        with open(os.path.join(sources, f"{r['id']}.md"), "w", encoding="utf-8") as f:
            f.write(front + r["text"])
    print(f"{n} statements written to {sources}")


if __name__ == "__main__":
    main()
