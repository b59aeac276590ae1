#!/usr/bin/env python3
"""Write apa_dev.jsonl: a hand-labelled APA 7 *development* set for the
reference-string parser, for tuning (features, word lists, training
options) without looking at the held-out set.

It was written independently of apa_heldout.jsonl (make_apa_heldout.py),
which stays the test set and must never be used for tuning: every entry
here is a different work (no shared titles, no shared author–title pairs,
no paraphrases), drawn from the wider field such a policy review cites —
security studies, counter-terrorism, South and Central Asia, the Middle
East, migration and refugees, development and aid, diplomacy, regional
organisations, energy, water, trade, humanitarian policy. Invented,
real-looking entries; any likeness of an author–title pair to a real work
is incidental.

Mix: journal articles (with and without DOI and issue, online-first
without volume or pages, `*Journal*,` markdown residue), think-tank, NGO
and government reports (report genre or number after the title,
organisation as author, publisher repeated or omitted, URLs), book
chapters with editors, books (editions, one edited book), UN and other
official documents (document symbols), news, magazine and web items. A
third or so carry the damage PDF extraction leaves: words split at a line
end ("secu- rity"), `*italic*` and `**bold**` residue, titles in capitals,
a space lost after a period, doubled spaces, curly quotes, "n.d.",
"in press", 2020a/2020b, and two long APA 7 author lists (19 names, an
ellipsis, the last name).

Labels follow make_apa_heldout.py, i.e. the AnyStyle scheme of the shared
data with punctuation inside the field: `author{...}`, `date{(2022).}`,
`title{...}`, `journal{*Survival*,}` (periodicals, newspapers, magazines,
news sites and blogs alike), `volume{14(3),}`, `pages{245–263.}`,
`doi{...}`, `url{...}`, `publisher{...}`, `location{London:}`,
`editor{In A. B. Name & C. Name (Eds.),}`, `container-title{...}` (the
book of a chapter), `pages{(pp. 112–131).}`, `edition{(2nd ed.).}`,
report genres and UN document symbols as `genre{(S/2023/370).}`, and
`genre{[Press release].}`. Rules for cases the held-out set has no example
of, taken from how AnyStyle's own training data labels them:
* "Retrieved March 3, 2023, from" is `note`, the URL after it `url`;
  "Advance online publication." is `note`.
* Edition and pages inside one parenthesis of a chapter split as AnyStyle
  splits "(Vol. 3, Part A, pp. 1761–1800).": `edition{(2nd ed.,}
  pages{pp. 55–79).}`, `volume{(Vol. 2,} pages{pp. 310–329).}`.
* An edited book's editors in the author position are `editor{Name, A.,
  & Name, B. (Eds.).}`.
* A work without author starts with its title: `title{...} date{(...).}`.

Each entry is one line of `label{text}` runs; `# kind` lines head the
groups (journal, report, chapter, book, official, news) and are not
entries. A record's text is its field texts joined by one space, except
that two runs written with nothing between them (`date{(2012).}title{...}`)
are joined with no space: that is how a lost space between fields
("(2012).THE POLITICS") is written (the tokenizer splits it, and gold
spans are found in the text in order). Whitespace inside a field is
collapsed to one space, so doubled spaces in the source do not reach the
jsonl.

    python3 eval/refparse/make_apa_dev.py > eval/refparse/apa_dev.jsonl
    python3 eval/refparse/make_apa_dev.py --counts    # entries by kind
"""
import collections
import json
import re
import sys

ENTRIES = r"""
# journal
author{Farooqui, N., & Delacroix, P.} date{(2019).} title{Water sharing under strain: The Indus Waters Treaty after six decades.} journal{*Water International*,} volume{44(6),} pages{711–729.} doi{https://doi.org/10.1080/02508060.2019.1652385}
author{Tursunova, D.} date{(2021).} title{Labour migration from Tajikistan to Russia and the remittance trap.} journal{Central Asian Survey,} volume{40(1),} pages{88–107.}
author{Haidar, M. A., & Lindgren, K.} date{(2024).} title{Humanitarian access negotiations with de facto authorities: Evidence from northern Syria and Yemen.} journal{*Disasters*.} note{Advance online publication.} doi{https://doi.org/10.1111/disa.12634}
author{Mirzaev, J.} date{(2023).} title{Kazakhstan’s multi-vector diplomacy after January 2022.} journal{Europe-Asia Studies.} doi{https://doi.org/10.1080/09668136.2023.2190021}
author{O’Connell, R., & Baig, H.} date{(2017).} title{Counter-terrorism financing regimes and chari- table giving in the Gulf.} journal{*Terrorism and Political Violence*,} volume{29(5),} pages{902–921.}
author{Nasseri, L.} date{(2015).} title{Refugee hosting and the politics of return in Iran.} journal{Iranian Studies,} volume{48,} pages{455–474.}
author{Dzhumabaev, T., Ivanova, S., & Park, J.} date{(2020).} title{Rogun Dam and downstream anxieties in Uzbekistan.} journal{**Journal of Eurasian Studies**,} volume{11(2),} pages{140–152.} doi{https://doi.org/10.1177/1879366520941234}
author{Karimi, F.} date{(2016).} title{THE ECONOMICS OF OPIUM ERADICATION IN BADAKHSHAN.} journal{International Journal of Drug Policy,} volume{31,} pages{77–86.}
author{Bashir, U.} date{(2018).} title{“Strategic depth” reconsidered: Pakistan’s Gulf partnerships.} journal{Contemporary South Asia,} volume{26(3),} pages{301–317.}
author{Ahmed, S., Baloch, N., Chen, L., Dost, F., Eriksen, T., Farah, A., Gurung, P., Haqqani, Z., Ibragimov, R., Jafari, M., Kaur, H., Lodhi, A., Mansoor, T., Nabiyev, E., Osmani, K., Popal, W., Qasemi, R., Rahimova, D., Sadat, Y., . . . Zand, B.} date{(2022).} title{Mortality and displacement after the 2022 Pakistan floods: A multi-site household survey.} journal{*The Lancet Planetary Health*,} volume{6(11),} pages{e871–e880.} doi{https://doi.org/10.1016/S2542-5196(22)00251-7}
author{Rezaei, H.} date{(2014).} title{Shia networks and Iranian soft power in Herat.} journal{*Middle East Policy*,} volume{21(2),} pages{112–124.}
author{Mahsud, A. K.} date{(2020a).} title{Tribal jirgas and state courts in the merged districts.} journal{Pakistan Journal of Criminology,} volume{12(1),} pages{15–33.}
author{Mahsud, A. K.} date{(2020b).} title{The FATA merger and the politics of mainstreaming.} journal{*Asian Survey*,} volume{60(4),} pages{689–713.} doi{https://doi.org/10.1525/as.2020.60.4.689}
author{Qaderi, S., & Holm, E.} date{(in press).} title{Gender, mobility and bans on women’s humanitarian employment.} journal{*Journal of Refugee Studies*.}
author{Yilmaz, E., & Haq, F.} date{(2019).} title{Turkey’s engagement in Central Asia: Turkic Council diplomacy and its limits.} journal{Turkish Studies,} volume{20(3),} pages{395–418.} doi{https://doi.org/10.1080/14683849.2018.1555439}
author{Nurlanov, A.} date{(2018).} title{Border delimitation in the Ferghana Valley: Enclaves and everyday conflict.} journal{*Eurasian Geo- graphy and Economics*,} volume{59(2),} pages{211–236.}
author{Petrov, V., & Saidov, K.} date{(2021).}title{THE COLLECTIVE SECURITY TREATY ORGANIZATION ON THE TAJIK BORDER.} journal{Problems of Post-Communism,} volume{68(5),} pages{402–414.}
author{Wardak, M.} date{(2013).} title{Dispute resolution beyond the state: Informal justice in Kabul and Herat compared.} journal{Journal of Law and Society,} volume{40(1),} pages{59–79.}
author{Hosseini, Z., Mohammadi, A., & Rahmani, B.} date{(2023).} title{Drought, displacement and urban informal settlements in western Afghanistan.} journal{*Climate and Development*,} volume{15(8),} pages{672–684.} doi{https://doi.org/10.1080/17565529.2022.2148987}
author{Lasswell, J.} date{(2011).} title{Drones and the law of self-defence in Pakistan’s tribal areas.} journal{Yale Journal of International Law,} volume{36(2),} pages{457–489.}
author{Abdulloev, I., & Epstein, G.} date{(2016).} title{Remittances and the rural economy in Khatlon province.} journal{*Post-Communist Economies*,} volume{28(3),} pages{297–316.}
author{Rahman, T.} date{(2024).} title{Saudi–Iranian détente and the Gulf security architecture.} journal{*International Affairs*,} volume{100(2),} pages{613–632.} doi{https://doi.org/10.1093/ia/iiae012}
author{Esenov, R.} date{(2012).} title{Turkmen gas, Chinese pipelines: Energy diversification in practice.} journal{Problems of Post-  Communism,} volume{59(4),} pages{3–15.}
author{Malik, H., & Durrani, S.} date{(2022).} title{Counter-terrorism legislation and civil liberties in Pakistan, 1997–2020.} journal{*Studies in Conflict & Terrorism*,} volume{45(9),} pages{781–803.}
author{Nazarova, G.} date{(2017).} title{Eurasian Economic Union membership and Kyrgyz trade with China.} journal{Post-Soviet Affairs,} volume{33(6),} pages{449–468.} doi{https://doi.org/10.1080/1060586X.2017.1297290}
author{Shinwari, N. A.} date{(2019).} title{Hawala networks and the regulation of informal finance in the Gulf.} journal{*Journal of Money Laundering Control*,} volume{22(2),} pages{356–370.}
author{Banerjee, K., Abdurakhmanov, S., Achakzai, J., Bekova, L., Castillo, R., Dadabaev, T., Ermekova, N., Fazli, H., Gafurov, O., Hamdard, S., Iskandarov, K., Jumaev, B., Kholikov, A., Latifi, M., Mirzoev, F., Nazari, P., Orunbaev, E., Pirov, D., Rasulova, G., ... Zoirov, U.} date{(2021).} title{Glacier loss and irrigation demand in the Syr Darya headwaters.} journal{Nature Sustainability,} volume{4,} pages{1012–1021.} doi{https://doi.org/10.1038/s41893-021-00771-5}
author{Kassem, F.} date{(2020).} title{The Astana format and the limits of Russian mediation in Syria.} journal{*Mediterranean Politics*.} doi{https://doi.org/10.1080/13629395.2020.1822058}
# report
author{International Crisis Group.} date{(2019).} title{Central Asia’s silent crisis: Water and conflict in the Ferghana Valley} genre{(Europe and Central Asia Report No. 253).} url{https://www.crisisgroup.org/europe-central-asia/central-asia/253-central-asias-silent-crisis}
author{Marlowe, E. R.} date{(2023).} title{Syria: Cross-border humanitarian aid and the UN mandate} genre{(CRS Report R47411).} publisher{Congressional Research Service.} url{https://crsreports.congress.gov/product/pdf/R/R47411}
author{Ahmadi, B., & Wardell, S.} date{(2020).} title{Local peacebuilding in the shadow of great-power competition} genre{(Peaceworks No. 161).} publisher{United States Institute of Peace.}
author{Overseas Development Institute.} date{(2018).} title{Cash transfers in protracted displacement: Lessons from Jordan and Lebanon} genre{(Working Paper No. 542).} location{London:} publisher{ODI.}
author{Norwegian Refugee Council.} date{(2022).} title{Nowhere to go: Afghan refugees in Pakistan and Iran facing deportation} genre{(Briefing Note).} url{https://www.nrc.no/resources/briefing-notes/nowhere-to-go/}
author{Human Rights Watch.} date{(2020).} title{“No safe place”: Attacks on schools in Balochistan.} url{https://www.hrw.org/report/2020/05/12/no-safe-place/attacks-schools-balochistan}
author{Stein, L., & Kassymova, A.} date{(2021).} title{Connectivity without cooperation? The EU’s Central Asia strategy in practice} genre{(Policy Brief 7).} location{Berlin:} publisher{German Institute for International and Security Affairs.}
author{Asian Development Bank.} date{(2019).} title{CAREC energy strategy 2030: Common borders, common solutions.} location{Manila:} publisher{Asian Development Bank.}
author{Zahid, F.} date{(2018).} title{Sectarian militancy in Kurram: Recruitment, financing and the state} genre{(Occasional Paper).} publisher{Pak Institute for Peace Studies.}
author{Harlow, D., Pereira, M., & Sato, K.} date{(2017).} title{Counterterrorism partnerships in the Sahel and South Asia: A comparative assessment} genre{(Research Report RR-1843-OSD).} location{Santa Monica, CA:} publisher{RAND Corporation.}
author{World Food Programme.} date{(2023).} title{Yemen market monitor} genre{(Issue 43, March 2023).} publisher{WFP.}
author{Institute for Economics & Peace.} date{(2023).} title{Global terrorism index 2023: Measuring the impact of terrorism.} location{Sydney:} publisher{Institute for Economics & Peace.} url{https://www.visionofhumanity.org/resources/}
author{Kuzmina, O.} date{(n.d.).} title{Energy subsidies and tariff reform in Kyrgyzstan} genre{(Research Report).} publisher{Central Asia Barometer.}
author{Al-Sayed, M.} date{(2021).} title{Water scarcity and food security in the Tigris–Euphrates basin} genre{(Working Paper No. 12).} location{Amman:} publisher{West Asia–North Africa Institute.}
author{International Organization for Migration.} date{(2022).} title{Pakistan — Flood response: Displacement tracking matrix, round 2} genre{(DTM Report).} location{Islamabad:} publisher{IOM.}
author{Bukhari, Z.} date{(2019b).} title{Military courts and fair-trial guarantees after the Twenty-first Amendment} genre{(Policy Paper No. 4).} location{Islamabad:} publisher{Research Society of International Law.}
author{Tahir, A., & Lemaire, J.} date{(2022).} title{SANCTIONS  AND  THE  AFGHAN  BANKING  SYSTEM:  OPTIONS  FOR  HUMANITARIAN  CARVE-OUTS} genre{(Discussion Paper).} publisher{Geneva Centre for Security Policy.} url{https://www.gcsp.ch/publications/sanctions-afghan-banking}
# chapter
author{Nourzhanov, K.} date{(2015).} title{Tajikistan’s civil war and its regional aftershocks.} editor{In R. Mendes & T. Okonjo (Eds.),} container-title{*Small states, great powers: Eurasia since 1991*} pages{(pp. 77–98).} publisher{Yale University Press.}
author{Baloch, S.} date{(2020).} title{Gwadar and the geopolitics of ports.} editor{In J. Hartley (Ed.),} container-title{The Arabian Sea in Asian strategy} pages{(pp. 133–152).} location{Singapore:} publisher{Springer.}
author{Fitzgerald, E., & Naseri, P.} date{(2018).} title{Donor coordination after Bonn.} editor{In M. Weller & K. Aziz (Eds.),} container-title{*Statebuilding after inter- vention*} pages{(pp. 204–226).} publisher{Edward Elgar.}
author{Al-Khatib, R.} date{(2019).} title{Syrian refugees and Lebanese sectarian politics.} editor{In D. Chatterjee, L. Moreau, & S. Haidar (Eds.),} container-title{Forced migration in the Middle East} edition{(2nd ed.,} pages{pp. 55–79).} publisher{Routledge.}
author{Ivanov, P.} date{(2017).} title{Russia’s security guarantees to Central Asia.} editor{In H. Berg (Ed.),} container-title{*Handbook of Eurasian security*} volume{(Vol. 2,} pages{pp. 310–329).} location{Cheltenham, UK:} publisher{Edward Elgar.}
author{Qayyum, M.} date{(2022).} title{Counter-narratives and deradicalisation programmes in Swat.} editor{In L. Fernández & O. Ali (Eds.),} container-title{Preventing violent extremism: Comparative lessons} pages{(pp. 167–188).} publisher{Palgrave Macmillan.}
author{Hamidi, K.} date{(2016).} title{Hydro-diplomacy on the Helmand.} editor{In P. Varga (Ed.),} container-title{*Transboundary waters in Asia*} pages{(pp. 41–60).} publisher{Routledge.}
author{Sharifi, N.} date{(2014).} title{Election observation and the 2009 presidential vote.} editor{In J. Ortega & B. Lim (Eds.),} container-title{Democracy promotion in conflict zones} pages{(pp.98–117).} publisher{Lynne Rienner.}
author{Yusupova, M.} date{(2021).} title{Women in the Uzbek mahalla: Welfare, surveillance and the state.} editor{In K. Ross & A. Tlostanova (Eds.),} container-title{*Gender and governance in post-Soviet Eurasia*} pages{(pp. 119–140).} location{London:} publisher{Bloomsbury Academic.}
author{Gardezi, H.} date{(2013).} title{MILITARY BUSINESS AND THE PAKISTANI STATE.} editor{In T. Ali & R. Suhrawardy (Eds.),} container-title{Generals and markets: The state and the economy in Pakistan} pages{(pp. 201–223).} publisher{Oxford University Press.}
author{Mansoor, R., & Khalil, J.} date{(2023).} title{Diplomacy with de facto authorities: Engagement without recognition.} editor{In E. Kowalski (Ed.),} container-title{*Recognition and non-recognition in international law*} pages{(pp. 245–266).} publisher{Cambridge University Press.}
author{Ospanova, A.} date{(2019).} title{The Caspian legal regime after Aktau.} editor{In G. Bekmurzaev & S. Hill (Eds.),} container-title{Energy and security in the Caspian region} pages{(pp. 23–44).} location{Abingdon, UK:} publisher{Routledge.}
author{Darwish, L.} date{(in press).} title{Protection of civilians in UN peace operations.} editor{In M. Okoro (Ed.),} container-title{*The Oxford handbook of peacekeeping*.} publisher{Oxford University Press.}
# book
author{Haidari, S.} date{(2018).} title{Between Kabul and Tashkent: Trade, kinship and the northern border.} publisher{Hurst.}
author{Ramírez, L., & Chaudhry, A.} date{(2020).} title{Humanitarian politics in South Asia} edition{(2nd ed.).} publisher{Polity.}
author{Ellison, M.} date{(2017).} title{*Water wars that weren’t: Cooperation on Asia’s rivers*.} publisher{Columbia University Press.}
author{Tariq, J.} date{(2012).}title{THE POLITICS OF MIGRATION IN THE GULF STATES.} location{New York, NY:} publisher{Palgrave Macmillan.}
editor{Rahimov, O., & Sandström, L. (Eds.).} date{(2021).} title{Regional organisations in Eurasia: The SCO, the CSTO and the EAEU.} publisher{Routledge.}
author{Bukhari, Z.} date{(2019a).} title{Courts and counter-terrorism in Pakistan.} publisher{Cambridge University Press.}
author{Moreau, C.} date{(2015).} title{Iran and its neighbours: Diplomacy after the revolution} edition{(3rd ed.).} location{London:} publisher{I. B. Tauris.}
author{Ghani, F.} date{(2023).} title{Soldiers and merchants: The military economy of Pakistan.} publisher{Pluto Press.}
author{Kemper, A., & Olcott-Reyes, M.} date{(2016).} title{**Energy and empire in the Caspian: Pipelines, power and sovereignty**.} publisher{I. B. Tauris.}
author{Nadery, H.} date{(2010).} title{Aid and its discon- tents: Reconstruction in Afghanistan, 2002–2009.} publisher{Lynne Rienner.}
author{Chowdhury, R.} date{(2022).} title{Borders of belonging: Citizenship and statelessness in South Asia.} location{New Delhi:} publisher{SAGE.}
author{Usmonov, B.} date{(n.d.).} title{Soviet legacies in Tajik water management.} publisher{Academy of Sciences of the Republic of Tajikistan.}
# official
author{United Nations General Assembly.} date{(2021).} title{The situation in Afghanistan and its implications for international peace and security: Report of the Secretary-General} genre{(A/76/328–S/2021/759).}
author{United Nations Security Council.} date{(2022).} title{Resolution 2626 (2022)} genre{(S/RES/2626).} url{https://undocs.org/S/RES/2626(2022)}
author{UNHCR.} date{(2023).} title{Global trends: Forced displacement in 2022.} location{Copenhagen:} publisher{United Nations High Commissioner for Refugees.}
author{Human Rights Council.} date{(2022).} title{Situation of human rights in Afghanistan: Report of the Special Rapporteur} genre{(A/HRC/51/6).} publisher{United Nations.}
author{U.S. Government Accountability Office.} date{(2020).} title{Counterterrorism: State Department should strengthen monitoring of foreign assistance programs} genre{(GAO-20-512).} url{https://www.gao.gov/products/gao-20-512}
author{Special Inspector General for Afghanistan Reconstruction.} date{(2021).} title{What we need to learn: Lessons from twenty years of Afghanistan reconstruction} genre{(SIGAR 21-46-LL).} location{Arlington, VA:} publisher{SIGAR.}
author{Government of Pakistan.} date{(2014).} title{National internal secu- rity policy 2014–2018.} publisher{Ministry of Interior.}
author{European Commission.} date{(2019).} title{The EU and Central Asia: New opportunities for a stronger partnership} genre{(JOIN(2019) 9 final).} location{Brussels:} publisher{European Commission.}
author{Ministry of Foreign Affairs of the Republic of Kazakhstan.} date{(2022, October 14).} title{Astana hosts the sixth CICA summit} genre{[Press release].} url{https://www.gov.kz/memleket/entities/mfa/press/news/details/cica-summit-2022}
author{United Nations Office for the Coordination of Humanitarian Affairs.} date{(2023).} title{Humanitarian needs overview: Syrian Arab Republic.} url{https://reliefweb.int/report/syrian-arab-republic/2023-humanitarian-needs-overview}
# news
author{Hart, K.} date{(2021, August 15).} title{Insurgents reach the capital as president leaves the country.} journal{*Associated Press*.} url{https://apnews.com/article/insurgents-reach-capital-0815}
author{Shah, S., & Boone, J.} date{(2019, February 27).} title{Pakistan says it shot down two Indian jets over Kashmir.} journal{The Guardian.} url{https://www.theguardian.com/world/2019/feb/27/pakistan-says-it-shot-down-indian-jets}
author{Eurasianet.} date{(n.d.).} title{Turkmenistan: Gas exports to China tracker.} note{Retrieved March 3, 2023, from} url{https://eurasianet.org/turkmenistan-gas-tracker}
author{Bokhari, F.} date{(2022, September 1).} title{Pakistan floods: A third of the country under water.} journal{*Financial Times*.} url{https://www.ft.com/content/pakistan-floods-third-under-water}
author{Koenig, T.} date{(2020, January 9).} title{Iran’s calibrated revenge.} journal{*The Atlantic*.} url{https://www.theatlantic.com/international/archive/2020/01/iran-calibrated-revenge/604671/}
author{Ahmed, R.} date{(2023, April 11).} title{Kyrgyz–Tajik border talks resume after deadly clashes.} journal{RFE/RL.} url{https://www.rferl.org/a/kyrgyz-tajik-border-talks/32356712.html}
author{Watanabe, H.} date{(2021, November 3).} title{Why the CPEC slowdown matters for Gwadar.} journal{*The Interpreter*.} publisher{Lowy Institute.} url{https://www.lowyinstitute.org/the-interpreter/why-cpec-slowdown-matters-gwadar}
author{World Bank.} date{(n.d.).} title{Personal remittances, received (% of GDP) – Tajikistan.} note{Retrieved January 12, 2024, from} url{https://data.worldbank.org/indicator/BX.TRF.PWKR.DT.GD.ZS?locations=TJ}
author{Siddiqui, N.} date{(2023, January 30).} title{Death toll from Peshawar mosque blast rises.} journal{*Dawn*.} url{https://www.dawn.com/news/1734432}
title{Caspian shipping booms as the Red Sea route falters.} date{(2024, March 18).} journal{*The Economist*.} url{https://www.economist.com/asia/2024/03/18/caspian-shipping-booms}
author{Amnesty International.} date{(2022, June 8).} title{Tajikistan: Authorities must end crackdown in Gorno-Badakhshan} genre{[Press release].} url{https://www.amnesty.org/en/latest/news/2022/06/tajikistan-gorno-badakhshan-crackdown/}
author{Rasuli, P.} date{(2022, December 21).} title{‘We are invisible’: Afghan women locked out of universities.} journal{**Al Jazeera**.} note{Retrieved February 2, 2023, from} url{https://www.aljazeera.com/news/2022/12/21/afghan-women-locked-out-of-universities}
"""

RUN = re.compile(r"([a-z-]+)\{([^{}]*)\}")


def parse(line):
    """Fields of one entry line and its text. Runs written back to back
    (no whitespace between `}` and the next label) are joined without a
    space; anything but whitespace outside the runs is an error."""
    fields, text, end = [], "", None
    for m in RUN.finditer(line):
        gap = line[(end or 0):m.start()]
        if gap.strip():
            raise ValueError(f"text outside a field: {gap!r} in {line!r}")
        value = " ".join(m.group(2).split())
        if not value:
            raise ValueError(f"empty field in {line!r}")
        fields.append({"label": m.group(1), "text": value})
        text += value if end is None or (end == m.start()) else " " + value
        end = m.end()
    if end is None or line[end:].strip():
        raise ValueError(f"not a run of fields: {line!r}")
    return {"text": text, "fields": fields}


def entries():
    """(kind, line) for each entry, kind from the last `# kind` heading."""
    kind = None
    for line in ENTRIES.strip().splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            kind = line.lstrip("#").strip()
            continue
        yield kind, line


def main():
    if sys.argv[1:] == ["--counts"]:
        counts = collections.Counter(kind for kind, line in entries() if parse(line))
        for kind, n in counts.items():
            print(f"{kind}\t{n}")
        print(f"total\t{sum(counts.values())}")
        return
    out = sys.stdout
    for i, (_, line) in enumerate(entries()):
        rec = parse(line)
        out.write(json.dumps({"id": f"apa-dev:{i}", **rec}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
