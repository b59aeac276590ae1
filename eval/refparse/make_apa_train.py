#!/usr/bin/env python3
"""Synthetic APA 7 training references, rendered from the pieces of a
gold-labelled training split.

AnyStyle's training data is mostly computer-science references; only about
one in six is in APA form, and hardly any is a think-tank report with its
genre in parentheses ("(Working Paper No. 12)."), a chapter in an edited
book in APA's "In A. Editor (Ed.), *Book* (pp. 1–20)." form, a newspaper
item dated "(2021, August 15)." or a list damaged by PDF extraction. This
script takes the labelled field values of a training split (authors,
titles, journals, publishers, places, book titles) and renders new
references from them in those APA forms, each field labelled as the
AnyStyle scheme does (punctuation inside the field). Only the *form* is
synthetic: every name, title and venue comes from the training split.

Deterministic (seeded). Never reads a test split or the APA held-out set.

    python3 eval/refparse/make_apa_train.py ../shared/data/refparse/anystyle/train.jsonl \
        [--n 800] [--seed 7] > apa_train.jsonl
"""
import argparse
import json
import random
import re
import sys

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]

# Report genres of the kind APA puts in parentheses after a report's title.
# Generic series names only; numbers are drawn at random.
GENRES = [
    "Report No. {n}", "Working Paper No. {n}", "Working Paper {n}",
    "Policy Brief No. {n}", "Policy Brief", "Issue Brief", "Research Report",
    "Research Report RR-{n}", "Occasional Paper No. {n}", "Discussion Paper {n}",
    "Special Report No. {n}", "Briefing Paper", "Technical Report",
    "Background Paper", "Policy Paper {n}", "Briefing No. {n}",
    "Report {n}", "Staff Report", "Analysis", "Commentary",
    "CRS Report R{n}", "Series Report No. {n}", "Research Paper",
    "Monograph No. {n}", "Country Report", "Fact Sheet",
    # Official document symbols, as UN and EU documents carry them.
    "A/{n}/{m}", "S/{y}/{m}", "A/RES/{n}/{m}", "S/RES/{m}", "E/CN.{k}/{y}/{m}",
    "A/HRC/{n}/{k}", "COM({y}) {m} final", "Issue {k}, {month} {y}",
]
DOC_KINDS = ["[Press release]", "[Fact sheet]", "[Policy brief]", "[Speech transcript]",
             "[Statement]", "[Data set]", "[Report]"]
EDITIONS = ["2nd ed.", "3rd ed.", "4th ed.", "Rev. ed.", "5th ed."]

PERSON_APA = re.compile(r"([A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+)?), ((?:[A-Z]\.[ -]?){1,3})")
PERSON_FIRST = re.compile(r"\b((?:[A-Z]\.[ -]?){1,3}) ?([A-Z][a-z][\w'’\-]+)")


def strip_end(text):
    t = text.strip().rstrip(".,;:").strip()
    # A bracket closed in the source style but opened in another field.
    while t.endswith(")") and t.count("(") < t.count(")"):
        t = t[:-1].rstrip(".,;: ")
    return t.lstrip("(").strip() if t.count("(") > t.count(")") else t


def clean_title(text):
    """A title without the quotes and end punctuation of its source style."""
    t = strip_end(text)
    t = t.strip("\"“”‘’'").strip()
    return strip_end(t)


# Bodies (not presses) that author reports under their own name.
ORG_WORD = re.compile(r"\b(Institute|Institution|Center|Centre|Council|Group|Organi[sz]ation|"
                      r"Association|Bank|Office|Department|Commission|Agency|Ministry|"
                      r"Foundation|Committee|Program|Programme|Service|Survey|Board|Society|"
                      r"Bureau|Laboratory|Administration|Nations|Union|Corporation|Fund)\b")


def pools(refs):
    """Field values of the split, grouped by what they can stand for."""
    p = {k: [] for k in ["person", "org", "title", "journal", "publisher",
                         "location", "book"]}
    for r in refs:
        for f in r["fields"]:
            label, text = f["label"], f["text"]
            if label == "author":
                found = PERSON_APA.findall(text)
                if found:
                    p["person"].extend((fam, ini.strip()) for fam, ini in found)
                else:
                    for ini, fam in PERSON_FIRST.findall(text):
                        p["person"].append((fam, ini.strip()))
            elif label == "title" and 20 <= len(text) <= 160:
                p["title"].append(clean_title(text))
            elif label == "journal" and len(text) > 3:
                p["journal"].append(re.sub(r"^(In|in):?\s+", "", strip_end(text)))
            elif label == "publisher" and len(text) > 3:
                p["publisher"].append(strip_end(text))
                if ORG_WORD.search(text) and not re.search(r"Press|Verlag|Books", text):
                    p["org"].append(strip_end(text))
            elif label == "location" and len(text) > 2:
                p["location"].append(strip_end(text))
            elif label == "container-title" and len(text) > 10:
                book = re.sub(r"^(In|in:?)\s+", "", strip_end(text))
                if not re.match(r"Proc", book):
                    p["book"].append(book)
    for k in p:
        p[k] = [v for v in dict.fromkeys(p[k]) if v]
    return p


class Maker:
    def __init__(self, p, rng):
        self.p, self.rng = p, rng

    def pick(self, key):
        return self.rng.choice(self.p[key])

    # --- pieces -----------------------------------------------------------

    def person(self, family_first=True):
        fam, ini = self.pick("person")
        ini = " ".join(re.findall(r"[A-Z]\.", ini)) or ini
        return f"{fam}, {ini}" if family_first else f"{ini} {fam}"

    def authors(self):
        n = self.rng.choices([1, 2, 3, 4, 6, 21], [40, 30, 15, 8, 5, 2])[0]
        names = [self.person() for _ in range(n)]
        if n == 1:
            text = names[0]
        elif n == 21:
            text = ", ".join(names[:19]) + ", . . . " + names[-1]
        else:
            amp = self.rng.choice(["&", "&", "&", "and"])
            text = ", ".join(names[:-1]) + f", {amp} " + names[-1]
        return text if text.endswith(".") else text + "."

    def date(self, precise=False):
        r = self.rng.random()
        if r < 0.04:
            return "(n.d.)."
        if r < 0.07:
            return "(in press)."
        year = self.rng.randint(1975, 2025)
        suffix = self.rng.choice(["a", "b", "c"]) if self.rng.random() < 0.08 else ""
        if precise:
            month = self.rng.choice(MONTHS)
            if self.rng.random() < 0.8:
                return f"({year}, {month} {self.rng.randint(1, 28)})."
            return f"({year}, {month})."
        return f"({year}{suffix})."

    def title(self, end="."):
        t = self.pick("title")
        sub = self.pick("title")
        if self.rng.random() < 0.35 and ":" not in t and len(sub) < 70:
            t += ": " + sub[0].upper() + sub[1:]
        return t + end if end else t

    def pages(self):
        a = self.rng.randint(1, 900)
        return f"{a}–{a + self.rng.randint(5, 40)}"

    def doi(self):
        prefix = self.rng.choice(["10.1080", "10.1177", "10.1093", "10.1017", "10.1111",
                                  "10.1057", "10.2307", "10.1016"])
        suffix = f"{self.rng.randint(1000, 99999)}.{self.rng.randint(2000, 2024)}.{self.rng.randint(100, 99999)}"
        return f"https://doi.org/{prefix}/{suffix}"

    def url(self):
        host = re.sub(r"[^a-z]", "", self.pick("publisher").lower())[:14] or "example"
        path = "-".join(re.findall(r"[a-z]+", self.pick("title").lower())[:6])
        return f"https://www.{host}.org/{self.rng.choice(['publications', 'reports', 'research', 'news'])}/{path}"

    def italic(self, text, p=0.35):
        """Markdown emphasis residue around a title set in italics."""
        if self.rng.random() < p:
            m = self.rng.choice(["*", "*", "**"])
            return f"{m}{text}{m}"
        return text

    # --- reference forms -------------------------------------------------

    def article(self):
        f = [("author", self.authors()), ("date", self.date()), ("title", self.title())]
        journal = self.pick("journal")
        r = self.rng.random()
        if r < 0.12:
            # Online first: no volume or pages.
            f.append(("journal", self.italic(journal) + "."))
            f.append(("note", "Advance online publication."))
        elif r < 0.2:
            f.append(("journal", self.italic(journal) + "."))
        else:
            f.append(("journal", self.italic(journal) + ","))
            vol = str(self.rng.randint(1, 80))
            if self.rng.random() < 0.75:
                vol += f"({self.rng.randint(1, 12)})"
            f.append(("volume", vol + ","))
            f.append(("pages", self.pages() + "."))
        if self.rng.random() < 0.55:
            f.append(("doi", self.doi()))
        return f

    def report(self):
        org = self.rng.random() < 0.55
        author = self.pick("org") + "." if org else self.authors()
        f = [("author", author), ("date", self.date(precise=self.rng.random() < 0.15))]
        genre = self.rng.choice(GENRES).format(
            n=self.rng.randint(1, 400), m=self.rng.randint(10, 2999),
            k=self.rng.randint(1, 60), y=self.rng.randint(1990, 2025),
            month=self.rng.choice(MONTHS))
        if self.rng.random() < 0.75:
            f.append(("title", self.italic(self.title(end=""), 0.25)))
            f.append(("genre", f"({genre})."))
        else:
            f.append(("title", self.italic(self.title(), 0.25)))
        # APA drops the publisher when it is the author.
        if not org or self.rng.random() < 0.4:
            f.append(("publisher", (author if org else self.pick("org") + ".")))
        if self.rng.random() < 0.6:
            f.append(("url", self.url()))
        return f

    def chapter(self):
        n = self.rng.choices([1, 2, 3], [50, 35, 15])[0]
        eds = [self.person(family_first=False) for _ in range(n)]
        ed_text = eds[0] if n == 1 else ", ".join(eds[:-1]) + (", & " if n > 2 else " & ") + eds[-1]
        ed_mark = "(Ed.)" if n == 1 else "(Eds.)"
        f = [("author", self.authors()), ("date", self.date()), ("title", self.title()),
             ("editor", f"In {ed_text} {ed_mark},"),
             ("container-title", self.italic(self.pick("book"), 0.45))]
        if self.rng.random() < 0.15:
            f.append(("edition", f"({self.rng.choice(EDITIONS)},"))
            f.append(("pages", f"pp. {self.pages()})."))
        else:
            f.append(("pages", f"(pp. {self.pages()})."))
        f.append(("publisher", self.pick("publisher") + "."))
        if self.rng.random() < 0.2:
            f.append(("doi", self.doi()))
        return f

    def book(self):
        f = [("author", self.authors()), ("date", self.date())]
        if self.rng.random() < 0.2:
            f.append(("title", self.italic(self.title(end=""), 0.45)))
            f.append(("edition", f"({self.rng.choice(EDITIONS)})."))
        else:
            f.append(("title", self.italic(self.title(), 0.45)))
        f.append(("publisher", self.pick("publisher") + "."))
        return f

    def news(self):
        author = self.authors() if self.rng.random() < 0.7 else self.pick("org") + "."
        f = [("author", author), ("date", self.date(precise=True))]
        if self.rng.random() < 0.3:
            f.append(("title", self.title(end="")))
            f.append(("genre", self.rng.choice(DOC_KINDS) + "."))
        else:
            f.append(("title", self.title()))
        f.append(("journal", self.italic(self.pick("journal"), 0.4) + "."))
        if self.rng.random() < 0.15:
            # A blog or column of a body: "*The Column*. Some Institute."
            f.append(("publisher", self.pick("org") + "."))
        if self.rng.random() < 0.25:
            month = self.rng.choice(MONTHS)
            f.append(("note", f"Retrieved {month} {self.rng.randint(1, 28)}, {self.rng.randint(2015, 2025)}, from"))
        f.append(("url", self.url()))
        return f

    # --- damage ----------------------------------------------------------

    def damage(self, fields):
        """What PDF extraction leaves: words hyphenated at a line end,
        titles in capitals, a space lost after a field's last stop."""
        out = []
        for label, text in fields:
            if label == "title" and self.rng.random() < 0.12:
                text = text.upper()
            if label in ("title", "container-title", "journal", "publisher") and self.rng.random() < 0.15:
                words = text.split(" ")
                long = [i for i, w in enumerate(words) if len(w) >= 8 and w.isalpha()]
                if long:
                    i = self.rng.choice(long)
                    w = words[i]
                    cut = self.rng.randint(3, len(w) - 3)
                    words[i] = w[:cut] + "- " + w[cut:]
                    text = " ".join(words)
            out.append((label, text))
        return out

    def reference(self):
        form = self.rng.choices(
            [self.article, self.report, self.chapter, self.book, self.news],
            [30, 25, 18, 12, 15])[0]
        return self.damage(form())


def render(fields, rng):
    """Join fields with single spaces, sometimes without one after the date
    ("(2022).THE TITLE"), as PDF text layers do."""
    text = ""
    for i, (label, value) in enumerate(fields):
        glue = "" if i > 0 and fields[i - 1][0] == "date" and rng.random() < 0.05 else " "
        text = value if i == 0 else text + glue + value
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("train", nargs="+", help="gold JSON-lines training split(s)")
    ap.add_argument("--n", type=int, default=800)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    refs = []
    for path in args.train:
        with open(path, encoding="utf-8") as fh:
            refs.extend(json.loads(line) for line in fh if line.strip())
    p = pools(refs)
    for k, v in p.items():
        if not v:
            sys.exit(f"{args.train}: no {k} values to draw from")
    rng = random.Random(args.seed)
    maker = Maker(p, rng)
    for i in range(args.n):
        fields = maker.reference()
        rec = {"id": f"apa-synthetic:{i}", "text": render(fields, rng),
               "fields": [{"label": l, "text": t} for l, t in fields]}
        print(json.dumps(rec, ensure_ascii=False))


if __name__ == "__main__":
    main()
