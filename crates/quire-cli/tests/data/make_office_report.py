import random, html
random.seed(7)
sents = [
 "Since the Taliban returned to Kabul, attacks by the Tehrik-i-Taliban Pakistan in Khyber Pakhtunkhwa have risen sharply",
 "Islamabad blames safe havens across the Durand Line, while Kabul denies that it hosts the group",
 "Trade through the crossings at Torkham and Chaman has been interrupted again and again",
 "China has offered to extend the China–Pakistan Economic Corridor into Afghanistan",
 "The two governments still meet in joint coordination committees at the border",
 "Refugees returning from Pakistan face a humanitarian crisis in the eastern provinces",
 "Intelligence sharing remains limited and depends on personal contacts rather than institutions",
 "Pakistan seeks guarantees that Afghan soil will not be used against it",
]
notes = []
# Notes as a report's notes are: each cites another source.
SOURCES = [
    "See International Crisis Group, Pakistan’s Hard Policy on Afghanistan, Asia Report No. {n} (Brussels: ICG, 2023), p. {page}.",
    "Interview with a senior Pakistani official, Islamabad, March 2023; note {n}.",
    "Dawn (Karachi), {page} September 2023, reporting the closure of the Torkham crossing.",
    "United Nations Security Council, report of the Monitoring Team, S/2023/370, para. {page}.",
    "Asfandyar Mir, “Pakistan’s Twin Taliban Problem”, United States Institute of Peace, 4 May 2022, p. {page}.",
    "Pak Institute for Peace Studies, Pakistan Security Report 2022 (Islamabad: PIPS, 2023), table {n}.",
    "Ministry of Foreign Affairs of Pakistan, press briefing by the spokesperson, {page} January 2023.",
    "UNHCR, Afghanistan situation emergency update No. {n}, {page} November 2023.",
]
def para():
    out = []
    for _ in range(random.randint(4, 7)):
        s = html.escape(random.choice(sents)) + "."
        if random.random() < 0.35:
            n = len(notes) + 1
            note = random.choice(SOURCES).format(n=n, page=random.randint(2, 180))
            notes.append(note)
            s += f'<text:note text:id="ftn{n}" text:note-class="footnote"><text:note-citation>{n}</text:note-citation><text:note-body><text:p text:style-name="Footnote">{html.escape(note)}</text:p></text:note-body></text:note>'
        out.append(s)
    return " ".join(out)
body = ['<text:h text:outline-level="1">Pakistan and the Taliban: A Hard Border</text:h>',
        '<text:p>By Ayesha Khan and Imran Ali</text:p>']
for sec in ["Summary", "The threat from the TTP", "Border management", "Recommendations"]:
    body.append(f'<text:h text:outline-level="2">{sec}</text:h>')
    for _ in range(4):
        body.append(f'<text:p text:style-name="Text_20_body">{para()}</text:p>')
doc = f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:body><office:text>
{chr(10).join(body)}
</office:text></office:body></office:document>'''
open("office-report.fodt","w").write(doc)
print(len(notes), "notes")
