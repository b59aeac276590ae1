#!/usr/bin/env python3
"""Write a long manuscript for the citation-check benchmark: N works
(organisations and persons, a few titles per author across years, as a
large review's bibliography has), each cited about twice in the text, and
an APA reference list. Deterministic (seeded).

    python3 bench/citecheck/make_manuscript.py N OUT.md
"""
import random
import sys

FAMILIES = ["Khan", "Siddiqa", "Rashid", "Rubin", "Barnett", "Okafor", "Lindqvist",
            "Haddad", "Ruiz", "Brennan", "Cole", "Nakamura", "Petrov", "Mensah",
            "Fischer", "Moreau", "Silva", "Kowalski", "Chen", "Singh"]
GIVEN = ["A.", "B.", "C.", "D.", "E.", "F.", "G.", "H.", "J.", "K."]
STATES = ["Tuvalu", "Fiji", "Niger", "Nigeria", "Mali", "Chad", "Pakistan",
          "Afghanistan", "Jamaica", "Barbados", "Samoa", "Tonga", "Kiribati",
          "Nauru", "Palau", "Maldives", "Seychelles", "Mauritius", "Grenada",
          "Dominica", "Trinidad and Tobago", "Antigua and Barbuda"]
WORDS = ["security", "border", "climate", "finance", "cooperation", "trade",
         "refugees", "sea-level", "resilience", "adaptation", "insurgency",
         "governance", "dialogue", "aid", "statehood", "oceans", "debt"]


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(42)
    works, seen = [], set()
    while len(works) < n:
        if rng.random() < 0.5:
            author = f"Government of {rng.choice(STATES)}"
            cite = author
            listed = author
        else:
            fam = f"{rng.choice(FAMILIES)}{rng.randint(1, 400)}"
            cite = fam
            listed = f"{fam}, {rng.choice(GIVEN)}"
        year = rng.randint(2001, 2024)
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8))).capitalize()
        key = (cite, year)
        if key in seen:  # one work per author and year: no letters needed
            continue
        seen.add(key)
        works.append((cite, listed, year, title))
    body = []
    for _ in range(2 * n // 5):
        cites = rng.sample(works, 5)
        sentence = " ".join(rng.choice(WORDS) for _ in range(12)).capitalize()
        body.append(f"{sentence} ({'; '.join(f'{c}, {y}' for c, _, y, _ in cites)}).")
    cited = {(c, y) for line in body for c, _, y, _ in works if f"{c}, {y}" in line}
    with open(out, "w") as f:
        f.write("# A long review\n\n")
        for i in range(0, len(body), 5):
            f.write(" ".join(body[i:i + 5]) + "\n\n")
        # Cite every work at least once, so the list has no uncited entry.
        rest = [w for w in works if (w[0], w[2]) not in cited]
        for i in range(0, len(rest), 5):
            group = rest[i:i + 5]
            f.write(f"Also ({'; '.join(f'{c}, {y}' for c, _, y, _ in group)}).\n\n")
        f.write("## References\n\n")
        for cite, listed, year, title in sorted(works, key=lambda w: (w[1], w[2])):
            f.write(f"{listed} ({year}). *{title}*. Publisher.\n\n")


if __name__ == "__main__":
    main()
