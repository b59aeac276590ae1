#!/usr/bin/env python3
"""Write clean.pdf: clean.md typeset as a two-page PDF, the way a journal
PDF's text layer comes out — a running head and a page number on every
page, lines wrapped (one word hyphenated across a line end), references
with hanging indents and the list broken across the page.

    python3 crates/quire-cite/tests/data/make_pdf.py

Standard library only; Helvetica with WinAnsiEncoding (en dash = 0x96).
"""
import re
import textwrap
from pathlib import Path

HERE = Path(__file__).parent
HEAD = "REGIONAL SECURITY AFTER THE WITHDRAWAL"


def pdf_string(line: str) -> str:
    out = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return out.replace("\u2013", "\\226").replace("\u2019", "'")


def lines_of(md: str) -> list[tuple[int, str]]:
    """(indent, text) lines: paragraphs wrapped at 80, references hanging."""
    out = []
    in_refs = False
    for para in md.split("\n\n"):
        para = re.sub(r"\*+", "", para).strip()
        if not para:
            continue
        if para.startswith("#"):
            title = para.lstrip("# ").strip()
            in_refs = title == "References"
            out.append((0, ""))
            out.append((0, title))
            continue
        text = " ".join(para.split())
        wrapped = textwrap.wrap(text, 80 if not in_refs else 76)
        for i, w in enumerate(wrapped):
            out.append((18 if in_refs and i else 0, w))
        if not in_refs:
            out.append((0, ""))
    # One word broken across a line end, as typesetting does: the first
    # body line that ends in a long plain word.
    for i, (ind, t) in enumerate(out):
        head, _, tail = t.rpartition(" ")
        if ind == 0 and tail.isalpha() and len(tail) >= 8 and out[i + 1][1]:
            out[i] = (ind, head + " " + tail[:4] + "-")
            nxt = out[i + 1]
            out[i + 1] = (nxt[0], tail[4:] + " " + nxt[1])
            break
    return out


def page_stream(lines, number):
    ops = ["BT", "/F1 9 Tf", "72 760 Td", f"({pdf_string(HEAD)}) Tj", "ET", "BT", "/F1 11 Tf", "14 TL", "72 730 Td"]
    x = 0
    for indent, text in lines:
        if indent != x:
            ops.append(f"{indent - x} 0 Td")
            x = indent
        ops.append(f"({pdf_string(text)}) Tj T*")
    ops += ["ET", "BT", "/F1 9 Tf", "300 40 Td", f"({number}) Tj", "ET"]
    return "\n".join(ops).encode("latin-1")


def write_pdf(pages, path):
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", None,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    kids = []
    for stream in pages:
        objs.append(None)
        page_no = len(objs)
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objs[page_no - 1] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                             b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (page_no + 1))
        kids.append(page_no)
    objs[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))


def main():
    lines = lines_of((HERE / "clean.md").read_text())
    # Break the page inside the reference list, between two entries.
    refs_at = next(i for i, (_, t) in enumerate(lines) if t == "References")
    cut = refs_at + 9
    while lines[cut][0] != 0:
        cut += 1
    write_pdf([page_stream(lines[:cut], 1), page_stream(lines[cut:], 2)], HERE / "clean.pdf")


if __name__ == "__main__":
    main()
