#!/usr/bin/env python3
"""Relabel GROBID's training references in AnyStyle's conventions, to try
them as more training data for the AnyStyle-style model (an experiment of
eval/refparse/README.md; the output is not shipped).

    python3 eval/refparse/make_grobid_as_anystyle.py IN.jsonl OUT.jsonl [--limit N]

GROBID keeps punctuation and little words between fields apart, labelled
`other`; AnyStyle gives them to a field: the marks after a field to it
("1977);"), an opening bracket to the field it opens ("(1977"), and prefix
words to the field they introduce ("pp. 1-9", "In Proceedings", "Vol. 3").
GROBID's `issue` goes into AnyStyle's `volume` ("21(6),"), and labels
AnyStyle does not have are mapped to its nearest ones. Field texts are cut
from the reference string itself, so they stay exact substrings.
"""
import json
import re
import sys

LABELS = {
    "author": "author",
    "collaboration": "author",
    "title": "title",
    "journal": "journal",
    "container-title": "container-title",
    "collection-title": "collection-title",
    "date": "date",
    "volume": "volume",
    "issue": "volume",
    "pages": "pages",
    "publisher": "publisher",
    "institution": "publisher",
    "location": "location",
    "editor": "editor",
    "note": "note",
    "report": "genre",
    "url": "url",
    "doi": "doi",
    "isbn": "isbn",
    "arxiv": "note",
    "idno": "note",
    "pmid": "note",
    "pmc": "note",
    "issn": "note",
    "chapter": "note",
    "scope": "note",
}

# Words that open the field after them.
PREFIX = re.compile(
    r"(?i)(?<![\w])(pages|pp?\s?\.?|vol\s?\.?|volume|nos?\s?\.?|v\.|in\s*:?|doi\s*:|edited by)(?![\w])"
)
OPENERS = "([{“‘\"'"


def spans(rec):
    """(label, start, end) of each field in the reference string."""
    text, at, out = rec["text"], 0, []
    for f in rec["fields"]:
        i = text.find(f["text"], at)
        if i < 0:
            return None
        out.append([f["label"], i, i + len(f["text"])])
        at = i + len(f["text"])
    return out


def split_other(piece):
    """Where an `other` piece splits: what goes to the field before it
    (up to the returned offset) and what to the field after it."""
    m = PREFIX.search(piece)
    if m:
        return m.start()
    stripped = piece.rstrip()
    k = len(stripped)
    while k > 0 and stripped[k - 1] in OPENERS:
        k -= 1
    return k


def convert(rec):
    text = rec["text"]
    parts = spans(rec)
    if parts is None:
        return None
    # Give each `other` piece to its neighbours.
    fields = []  # [label, start, end]
    pending_start = None  # start of text waiting for the next field
    for label, s, e in parts:
        if label != "other":
            start = s if pending_start is None else pending_start
            pending_start = None
            mapped = LABELS.get(label, "note")
            prev = fields[-1] if fields else None
            # GROBID's issue joins the volume before it ("21" + "(6)").
            if label == "issue" and prev and prev[0] == "volume":
                prev[2] = e
                continue
            fields.append([mapped, start, e])
            continue
        piece = text[s:e]
        cut = split_other(piece)
        if fields and cut > 0:
            fields[-1][2] = s + len(piece[:cut].rstrip())
            rest = piece[cut:].lstrip()
            if rest:
                pending_start = e - len(rest)
        elif piece.strip():
            pending_start = s if pending_start is None else pending_start
    if pending_start is not None and fields:
        fields[-1][2] = len(text.rstrip())
    return {
        "id": rec["id"] + ":as-anystyle",
        "text": text,
        "fields": [{"label": l, "text": text[s:e]} for l, s, e in fields if text[s:e].strip()],
    }


def main():
    args = sys.argv[1:]
    limit = None
    if "--limit" in args:
        i = args.index("--limit")
        limit = int(args[i + 1])
        del args[i : i + 2]
    src, dst = args
    n = 0
    with open(src) as f, open(dst, "w") as out:
        for line in f:
            rec = convert(json.loads(line))
            if rec and rec["fields"]:
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
                if limit and n >= limit:
                    break
    print(f"{n} references written to {dst}", file=sys.stderr)


if __name__ == "__main__":
    main()
