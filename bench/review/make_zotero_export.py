#!/usr/bin/env python3
"""Turn a review whose sources are Markdown with YAML front matter (the
afpak example) into the layout a reference manager's "Export with files"
writes: one RIS file whose records carry the metadata, and each text
without its front matter under files/N/, named by the record's L1 line.

    python3 bench/review/make_zotero_export.py examples/afpak /tmp/zaf
    cargo run --release -- review /tmp/zaf

What it checks: every text is read into its record (`quire import` says
"51 full texts read into the records an export attaches them to"), no
text becomes a work of its own or is "named after its file", and the
report's citation check stays clean. The works' ids differ from the
Markdown review's (the RIS records carry no ID), so the protocol's
keep-list, which names ids, matches none: quire says so.
"""
import os
import re
import shutil
import sys

import yaml


def ris_type(source_type):
    return {"official_statement": "GOVDOC", "encyclopedia": "ENCYC"}.get(source_type, "GEN")


def main(src, dst):
    if os.path.exists(dst):
        sys.exit(f"{dst} exists; choose a new folder")
    os.makedirs(os.path.join(dst, "sources", "zotero", "files"))
    shutil.copy(os.path.join(src, "review.toml"), dst)
    records = []
    names = sorted(n for n in os.listdir(os.path.join(src, "sources")) if n.endswith(".md"))
    for i, name in enumerate(names, 1):
        text = open(os.path.join(src, "sources", name), encoding="utf-8").read()
        m = re.match(r"^---\n(.*?)\n---\n(.*)$", text, re.S)
        if not m:
            continue
        meta, body = yaml.safe_load(m.group(1)), m.group(2)
        stem = name[:-3]
        folder = os.path.join(dst, "sources", "zotero", "files", str(i))
        os.makedirs(folder)
        with open(os.path.join(folder, stem + ".txt"), "w", encoding="utf-8") as f:
            f.write(body)
        lines = [f"TY  - {ris_type(meta.get('source_type'))}", f"TI  - {meta['title']}"]
        lines += [f"AU  - {a}" for a in meta.get("authors", [])]
        lines.append(f"PY  - {meta['year']}")
        if meta.get("date"):
            lines.append("DA  - " + str(meta["date"]).replace("-", "/"))
        if meta.get("publisher"):
            lines.append(f"PB  - {meta['publisher']}")
        if meta.get("url"):
            lines.append(f"UR  - {meta['url']}")
        lines += [f"L1  - files/{i}/{stem}.txt", "ER  - "]
        records.append("\n".join(lines))
    with open(os.path.join(dst, "sources", "zotero", "Exported Items.ris"), "w", encoding="utf-8") as f:
        f.write("\n\n".join(records) + "\n")
    print(f"{len(records)} records with their texts written to {dst}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
