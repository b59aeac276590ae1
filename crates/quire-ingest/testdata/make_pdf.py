"""Write tests/fixtures/two-pages.pdf: a minimal, valid two-page PDF with a
text layer, an Info dictionary, and a word hyphenated across a line end.
Run from the crate directory: python3 testdata/make_pdf.py"""

PAGES = [
    ["Border Security after 2021", "Security coopera-", "tion between Kabul and Islamabad", "broke down quickly."],
    ["Second page on the Afghan-", "Pakistan frontier."],
]


def content(lines):
    ops = ["BT", "/F1 12 Tf", "72 720 Td", "14 TL"]
    for line in lines:
        ops.append("(%s) Tj T*" % line.replace("(", "\\(").replace(")", "\\)"))
    ops.append("ET")
    return "\n".join(ops).encode()


def build():
    objs = []
    n_pages = len(PAGES)
    # 1 catalog, 2 pages, 3 font, 4 info, then (page, content) pairs
    kids = " ".join("%d 0 R" % (5 + 2 * i) for i in range(n_pages))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(("<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n_pages)).encode())
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    objs.append(b"<< /Title (Border Security after 2021) /Author (Ayesha Siddiqa; Imran Khan) /Keywords (TTP, Durand Line) >>")
    for i, lines in enumerate(PAGES):
        c = content(lines)
        objs.append(("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (6 + 2 * i)).encode())
        objs.append(b"<< /Length %d >>\nstream\n" % len(c) + c + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


if __name__ == "__main__":
    open("tests/fixtures/two-pages.pdf", "wb").write(build())
