#!/usr/bin/env python3
"""Deterministic generator of realistic bibliographic records for the
import-and-search benchmark (issue 2, "Performance").

Writes, under OUT (default bench/data/import):

  csl/works-NN.json              N CSL-JSON records (default 1,000,000) as
                                 FILES arrays (default 10 x 100,000)
  peers/records.ris              P RIS records (default 100,000), every
                                 7th record with CRLF line endings
  peers/records.bib              the same P records as BibTeX

Records look like policy / international-relations literature: titles,
abstracts of ~200 words (Zipf-distributed vocabulary in sentences), 1-5
authors with family/given names (some non-ASCII), years 1991-2025 skewed
to recent, a journal or publisher, a DOI for ~70%, 2-6 keywords. About 2%
of the CSL-JSON records are deliberate duplicates of an earlier record of
the same file: same DOI with a re-cased title, or (without DOI) the same
title with a typo, same year and first author.

The same seed gives byte-identical files. Each CSL-JSON file is written
by its own process (two at a time), seeded from (seed, file number).

    python3 bench/import/gen.py [--out DIR] [--records N] [--files F]
                                [--peer-records P] [--seed S]
"""

import argparse
import json
import os
import random
from multiprocessing import Pool

STOP = (
    "the of and in to a for on with by as from that is are this between "
    "its their these which we has have was were an be at or not also how "
    "than more into both while whether across after over under through"
).split()

CONTENT = """
policy security border cooperation conflict state states governance regional
region international national foreign domestic military civilian insurgency
counterinsurgency counterterrorism terrorism militancy militant violence peace
process negotiation negotiations settlement ceasefire mediation diplomacy
diplomatic alliance alliances strategic strategy interests interest power
powers great rivalry competition hegemony order institutions institutional
norms norm regime regimes sanctions aid assistance development humanitarian
refugees refugee migration displacement returnees camps asylum protection
human rights law legal legitimacy sovereignty territorial territory dispute
disputes boundary frontier tribal tribes ethnic identity nationalism religion
religious sectarian islamist jihadist taliban alqaeda islamic emirate
government elections electoral democracy democratic authoritarian regime
transition withdrawal intervention occupation troops forces army police
intelligence sharing surveillance drones strikes operations campaign campaigns
trade economic economy corridor infrastructure investment energy pipeline
connectivity transit ports railway roads market markets finance financial
corruption accountability reform reforms capacity building stability
instability fragile fragility resilience reconstruction recovery donor donors
agency agencies actors actor elite elites networks network patronage
clientelism warlords commanders leadership leaders coalition opposition
parliament judiciary constitution federal provincial local districts villages
rural urban population populations households women gender youth education
health water climate drought food insecurity poverty livelihoods agriculture
opium narcotics drugs smuggling trafficking crime criminal illicit economy
cross smuggling customs revenue taxation budget expenditure spending defence
defense nuclear deterrence missile weapons arms proliferation crisis crises
escalation deescalation confidence measures dialogue talks agreement accord
framework treaty commitments compliance implementation monitoring evaluation
evidence analysis assessment survey interviews fieldwork case study comparative
qualitative quantitative data dataset model models effect effects impact
impacts outcome outcomes mechanism mechanisms explanation theory theoretical
approach approaches perspective perspectives literature debate debates
discourse narrative narratives framing perception perceptions threat threats
risk risks opportunity opportunities challenge challenges constraints
incentives preferences bargaining credibility commitment signalling trust
mistrust legitimacy public opinion media propaganda information
misinformation social movements protest protests mobilisation civil society
organisations ngos multilateral bilateral united nations security council
european union nato sco saarc asean african union world bank imf
afghanistan pakistan india china iran russia central asia kabul islamabad
delhi beijing tehran moscow tajikistan uzbekistan turkmenistan kazakhstan
kyrgyzstan khyber pakhtunkhwa balochistan waziristan kandahar helmand herat
kunduz nangarhar peshawar quetta karachi lahore gwadar chabahar durand line
kashmir punjab sindh gilgit baltistan xinjiang wakhan pamir hindu kush
middle east gulf saudi arabia qatar turkey united states washington europe
britain germany japan australia canada latin america africa sahel syria iraq
yemen libya somalia mali nigeria sudan ethiopia ukraine georgia caucasus
balkans bosnia kosovo colombia mexico myanmar bangladesh nepal sri lanka
maldives indonesia philippines vietnam korea taiwan
history historical colonial postcolonial cold war post era decades century
period future scenarios forecasting prospects trends patterns dynamics change
continuity shift shifts transformation consequences implications lessons
learned recommendations options choices decisions decision making makers
bureaucracy bureaucratic administration executive president prime minister
ministry cabinet envoy envoys ambassador embassy consulate visits summit
summits conference declaration statement statements report reports paper
working brief briefs review reviews journal article chapter book volume
security dilemma balance balancing bandwagoning hedging alignment
nonalignment partnership partners partner neighbour neighbours neighbourhood
spillover contagion sanctuary sanctuaries safe havens insurgents fighters
recruitment radicalisation deradicalisation reintegration disarmament
demobilisation veterans militia militias paramilitary proxy proxies
sponsorship support funding financing remittances hawala banking
telecommunications internet cyber technology innovation digital space
maritime naval sea ocean indian pacific arabian strait water sharing river
rivers indus kabul helmand amu darya dams irrigation glaciers floods
earthquake disaster disasters relief response emergency pandemic covid
vaccination public health hospitals clinics schools universities students
teachers curriculum madrassas madrasa clergy ulema shura jirga loya councils
justice courts dispute resolution customary informal formal hybrid order
orders legitimacy authority authorities control territorial rebel rule
rebels governance services provision taxation extortion coercion
consent cooperation collaboration coordination competition conflictual
""".split()

FAMILIES = """
Khan Siddiqa Rashid Rubin Barfield Giustozzi Coll Fair Haqqani Jalal Hussain
Ahmed Ali Shah Malik Qureshi Chaudhry Iqbal Akhtar Butt Mirza Sharma Gupta
Singh Kumar Patel Rao Reddy Nair Menon Das Bose Mukherjee Chatterjee Banerjee
Zhang Wang Li Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin He Gao
Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas
Moore Martin Jackson Thompson White Harris Clark Lewis Robinson Walker Young
Allen King Wright Scott Green Baker Adams Nelson Hill Campbell Mitchell Roberts
Carter Phillips Evans Turner Torres Parker Collins Edwards Stewart Morris
Murphy Cook Rogers Morgan Peterson Cooper Reed Bailey Bell Gomez Kelly Howard
Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann
Dubois Lefèvre Moreau Laurent Simon Michel García Fernández González
Rodríguez López Martínez Sánchez Pérez Rossi Russo Ferrari Esposito Bianchi
Ivanov Smirnov Kuznetsov Popov Sokolov Lebedev Kozlov Novikov Morozov
Yılmaz Kaya Demir Şahin Çelik Yıldız Aydın Öztürk Karimi Hosseini Rezaei
Ahmadi Mohammadi Mousavi Jafari Sadeghi Rahimi Nazari Popal Wardak Karzai
Ghani Abdullah Sultani Noori Hakimi Safi Stanekzai Mujahid Yusufzai Afridi
Durrani Niazi Tareen Kakar Achakzai Baloch Bugti Mengal Jamali Rind Marri
Tanaka Suzuki Takahashi Watanabe Ito Yamamoto Nakamura Kobayashi Kato Kim Lee
Park Choi Jung Kang Cho Yoon Jang Lim Nguyen Tran Pham Hoang Phan Vu Dang
O'Brien O'Neill McCarthy MacDonald van-der-Berg de-Vries Jansen Bakker
Nilsson Johansson Larsson Andersson Hansen Nielsen Jensen Olsen Virtanen
""".split()

GIVEN = """
Ahmed Rashid Ayesha Barnett Thomas Antonio Steve Christine Husain Ayesha Imran
Sana Fatima Zainab Omar Bilal Hamid Sadia Nadia Farah Saima Asma Kamran Tariq
Priya Rahul Anjali Vikram Arjun Meera Ravi Sunita Deepak Kavita Wei Jing Lei
Min Hui Yan Fang Xin Jun Ling Mei John Mary James Patricia Robert Jennifer
Michael Linda William Elizabeth David Barbara Richard Susan Joseph Jessica
Charles Sarah Christopher Karen Daniel Nancy Matthew Lisa Anthony Betty Mark
Margaret Paul Sandra Steven Ashley Andrew Kimberly Joshua Emily Kenneth Donna
Jürgen Anna Lukas Sophie François Amélie José María Lucía Giulia Marco Olga
Dmitri Natalia Sergei Elif Mehmet Ayşe Zeynep Reza Maryam Ali Leila Hamed
Karim Nasrin Yuki Haruto Sakura Ji-woo Min-jun Seo-yeon Linh Minh Astrid Lars
Ingrid Sven Aino Mikko Niamh Seán Pieter Femke
""".split()

CONTAINERS = [
    "Asian Survey", "Survival", "International Security", "Foreign Affairs",
    "Third World Quarterly", "Central Asian Survey", "Journal of Strategic Studies",
    "Small Wars & Insurgencies", "Studies in Conflict & Terrorism",
    "International Affairs", "Contemporary South Asia", "Asian Affairs",
    "Journal of Peace Research", "Conflict, Security & Development",
    "Security Dialogue", "Review of International Studies",
    "European Journal of International Relations", "World Politics",
    "International Organization", "Journal of Conflict Resolution",
    "Terrorism and Political Violence", "Strategic Analysis",
    "The Washington Quarterly", "Global Policy", "Pacific Affairs",
    "Journal of Refugee Studies", "Development and Change", "World Development",
    "Journal of Asian Studies", "Modern Asian Studies", "Politics and Religion",
    "Democratization", "Orbis", "Parameters", "Defence Studies",
    "Journal of Global Security Studies", "Cooperation and Conflict",
    "International Studies Quarterly", "Foreign Policy Analysis",
    "Regional Studies", "Crisis Group Asia Report", "RAND Corporation",
    "Carnegie Endowment for International Peace", "Brookings Institution",
    "Chatham House", "Afghanistan Analysts Network", "United States Institute of Peace",
    "Stimson Center", "SIPRI", "Oxford University Press",
    "Cambridge University Press", "Routledge", "Hurst", "Columbia University Press",
]

KINDS = [("article-journal", 80), ("report", 8), ("chapter", 6), ("book", 4), ("paper-conference", 2)]

SEP_WORDS = ["Evidence from", "A case study of", "Lessons from", "The case of", "Revisiting"]


def zipf_population(words, scale, offset):
    """A list where each word appears in proportion to 1/(rank + offset),
    so that uniform choices from it follow the Zipf-Mandelbrot law of word
    frequencies (and are fast to sample)."""
    pop = []
    for rank, w in enumerate(words, start=1):
        pop.extend([w] * max(1, round(scale / (rank + offset))))
    return pop


def rare_words(r, n):
    """Pseudo-words (names of places, people, programmes) that make the
    long tail of a real vocabulary."""
    syllables = ("ka ri man do la shi ta vo ne gul zar bad pur sta ba ho qu "
                 "in el mo ra te ser dar kh al ur fa ni go jan mir").split()
    words = set()
    while len(words) < n:
        words.add("".join(r.choices(syllables, k=r.randint(2, 4))))
    return sorted(words)


def vocabulary(seed):
    """The content words (titles, keywords) and the population abstracts
    are drawn from: function words, content words, rare words."""
    r = random.Random(seed)
    content = list(dict.fromkeys(CONTENT))
    r.shuffle(content)
    tail = [w for w in rare_words(r, 8000) if w not in set(content)]
    # About half of running text is function words; the most frequent
    # content word is ~1% of the text; each rare word appears in ~1 in
    # 800 abstracts (~6% of the words).
    words = zipf_population(STOP, 20000, 1) + zipf_population(content, 10000, 10) + tail
    return content, words


class Generator:
    def __init__(self, seed, stream):
        self.r = random.Random(seed * 1_000_003 + stream)
        self.content, self.words = vocabulary(seed)
        self.content_pop = zipf_population(self.content, 3000, 10)

    def sentence(self, n):
        ws = self.r.choices(self.words, k=n)
        ws[0] = ws[0].capitalize()
        return " ".join(ws) + "."

    def abstract(self):
        n = self.r.randint(140, 260)
        out = []
        while n > 0:
            k = min(n, self.r.randint(12, 30))
            out.append(self.sentence(k))
            n -= k
        return " ".join(out)

    def title(self):
        r = self.r
        a = " ".join(r.choices(self.content_pop, k=r.randint(3, 7))).capitalize()
        shape = r.random()
        if shape < 0.4:
            b = " ".join(r.choices(self.content_pop, k=r.randint(2, 5)))
            return f"{a}: {r.choice(SEP_WORDS)} {b}"
        if shape < 0.6:
            b = " ".join(r.choices(self.content_pop, k=r.randint(2, 4)))
            return f"{a} and {b}"
        return a

    def authors(self):
        r = self.r
        n = r.choices([1, 2, 3, 4, 5], weights=[30, 30, 20, 12, 8])[0]
        return [{"family": r.choice(FAMILIES), "given": r.choice(GIVEN)} for _ in range(n)]

    def year(self):
        # Skewed to recent years, as publication counts are.
        return 2025 - int(35 * (self.r.random() ** 1.6))

    def record(self, n):
        r = self.r
        kind = r.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]
        year = self.year()
        rec = {
            "id": f"r{n}",
            "type": kind,
            "title": self.title(),
            "author": self.authors(),
            "issued": {"date-parts": [[year]]},
            "container-title": r.choice(CONTAINERS),
            "abstract": self.abstract(),
            "keyword": "; ".join(dict.fromkeys(r.choices(self.content, k=r.randint(2, 6)))),
        }
        if kind == "article-journal":
            rec["volume"] = str(r.randint(1, 60))
            rec["issue"] = str(r.randint(1, 6))
            first = r.randint(1, 900)
            rec["page"] = f"{first}-{first + r.randint(8, 40)}"
        if r.random() < 0.70:
            rec["DOI"] = f"10.{r.randint(1000, 9999)}/{r.choice('abcdefghjk')}{n}.{year}"
        return rec

    def duplicate_of(self, original, n):
        """An earlier record as another database would export it."""
        dup = dict(original)
        dup["id"] = f"r{n}"
        if "DOI" in dup:
            dup["title"] = dup["title"].upper() if self.r.random() < 0.5 else dup["title"].lower()
            if self.r.random() < 0.5:
                dup["DOI"] = "https://doi.org/" + dup["DOI"]
        else:
            t = dup["title"]
            i = self.r.randrange(1, len(t) - 1)
            dup["title"] = t[:i] + t[i + 1] + t[i] + t[i + 2:]  # swapped letters
        if self.r.random() < 0.5:
            dup.pop("abstract", None)
        return dup


def write_csl_file(job):
    path, seed, stream, first, count, dup_rate = job
    g = Generator(seed, stream)
    recent = []
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("[\n")
        for i in range(count):
            n = first + i
            if recent and g.r.random() < dup_rate:
                rec = g.duplicate_of(g.r.choice(recent), n)
            else:
                rec = g.record(n)
                if len(recent) < 20000:
                    recent.append(rec)
                else:
                    recent[g.r.randrange(len(recent))] = rec
            if i:
                f.write(",\n")
            f.write(json.dumps(rec, ensure_ascii=False))
        f.write("\n]\n")
    return path


def ris_record(rec, eol):
    lines = ["TY  - " + {"article-journal": "JOUR", "report": "RPRT", "chapter": "CHAP",
                         "book": "BOOK", "paper-conference": "CONF"}[rec["type"]]]
    lines.append("TI  - " + rec["title"])
    for a in rec["author"]:
        lines.append(f"AU  - {a['family']}, {a['given']}")
    lines.append(f"PY  - {rec['issued']['date-parts'][0][0]}")
    lines.append("T2  - " + rec["container-title"])
    if "volume" in rec:
        lines.append("VL  - " + rec["volume"])
        lines.append("IS  - " + rec["issue"])
        first, last = rec["page"].split("-")
        lines.append("SP  - " + first)
        lines.append("EP  - " + last)
    lines.append("AB  - " + rec["abstract"])
    for k in rec["keyword"].split("; "):
        lines.append("KW  - " + k)
    if "DOI" in rec:
        lines.append("DO  - " + rec["DOI"])
    lines.append("ER  - ")
    return eol.join(lines) + eol + eol


def bib_record(rec, n):
    kind = {"article-journal": "article", "report": "techreport", "chapter": "incollection",
            "book": "book", "paper-conference": "inproceedings"}[rec["type"]]
    venue = {"article": "journal", "techreport": "institution", "incollection": "booktitle",
             "book": "publisher", "inproceedings": "booktitle"}[kind]
    authors = " and ".join(f"{a['family']}, {a['given']}" for a in rec["author"])
    fields = [
        ("title", rec["title"]),
        ("author", authors),
        ("year", str(rec["issued"]["date-parts"][0][0])),
        (venue, rec["container-title"]),
    ]
    if "volume" in rec:
        fields += [("volume", rec["volume"]), ("number", rec["issue"]),
                   ("pages", rec["page"].replace("-", "--"))]
    fields.append(("abstract", rec["abstract"]))
    fields.append(("keywords", rec["keyword"]))
    if "DOI" in rec:
        fields.append(("doi", rec["DOI"]))
    key = f"{rec['author'][0]['family'].replace(' ', '')}{rec['issued']['date-parts'][0][0]}n{n}"
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n\n"


def write_peer_files(out, seed, count):
    g = Generator(seed, 999)
    ris_path = os.path.join(out, "records.ris")
    bib_path = os.path.join(out, "records.bib")
    with open(ris_path, "w", encoding="utf-8", newline="") as ris, \
            open(bib_path, "w", encoding="utf-8", newline="\n") as bib:
        for n in range(count):
            rec = g.record(n)
            ris.write(ris_record(rec, "\r\n" if n % 7 == 3 else "\n"))
            bib.write(bib_record(rec, n))
    return ris_path, bib_path


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "data", "import"))
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--files", type=int, default=10)
    ap.add_argument("--peer-records", type=int, default=100_000)
    ap.add_argument("--dup-rate", type=float, default=0.02)
    ap.add_argument("--seed", type=int, default=2)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()

    sources = os.path.join(args.out, "csl")
    peers = os.path.join(args.out, "peers")
    os.makedirs(sources, exist_ok=True)
    os.makedirs(peers, exist_ok=True)
    per_file = -(-args.records // args.files)
    jobs = []
    for k in range(args.files):
        first = k * per_file
        count = min(per_file, args.records - first)
        if count > 0:
            path = os.path.join(sources, f"works-{k:02d}.json")
            jobs.append((path, args.seed, k, first, count, args.dup_rate))
    with Pool(args.jobs) as pool:
        peer = pool.apply_async(write_peer_files, (peers, args.seed, args.peer_records))
        for path in pool.imap(write_csl_file, jobs):
            print("wrote", path, flush=True)
        for path in peer.get():
            print("wrote", path, flush=True)


if __name__ == "__main__":
    main()
