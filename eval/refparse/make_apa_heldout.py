#!/usr/bin/env python3
"""Write apa_heldout.jsonl: hand-labelled APA-style references of the kind a
policy review on Afghanistan, Pakistan and Central Asia cites (IR and
area-studies journals, think-tank reports, book chapters, UN documents,
news), with the damage PDF extraction leaves: hyphenation split at line
ends ("secu- rity"), markdown residue (*Journal*, **bold**), titles in
capitals, spaces lost or doubled, curly quotes. Invented, real-looking
entries; labels follow the AnyStyle scheme of the shared data (punctuation
inside the field). Each entry is written as `label{text}` runs.

    python3 eval/refparse/make_apa_heldout.py > eval/refparse/apa_heldout.jsonl
"""
import json
import re
import sys

ENTRIES = r"""
author{Rashid, A.} date{(2022).} title{Descent into chaos revisited: Afghanistan, Pakistan and the region.} publisher{Penguin.}
author{Brennan, T., & Cole, M.} date{(2018).} title{The Shanghai Cooperation Organisation and Afghanistan: Limits of a regional forum.} journal{*Asian Security*,} volume{14(3),} pages{245–263.} doi{https://doi.org/10.1080/14799855.2018.1436421}
author{International Crisis Group.} date{(2022).} title{Afghanistan’s security challenges under the Taliban} genre{(Asia Report No. 326).} publisher{International Crisis Group.}
author{Siddiqi, A., & Mahmood, K.} date{(2021).} title{Pakistan’s western border policy after the US with- drawal.} journal{Strategic Studies,} volume{41(4),} pages{1–19.}
author{Kuchins, A. C., & Sanderson, T. M.} date{(2010).} title{The Northern Distribution Network and Afghanistan: Geopolitical challenges and opportunities.} publisher{Center for Strategic and International Studies.}
author{Lindqvist, E.} date{(2019).} title{Water, ice and power: Hydropolitics in the Amu Darya basin.} journal{Central Asian Survey,} volume{38(2),} pages{190–208.} doi{https://doi.org/10.1080/02634937.2019.1577223}
author{Okafor, B.} date{(2023a).} title{Trade corridors through Torkham after 2021.} journal{Journal of South Asian Development,} volume{18(1),} pages{55–78.}
author{Okafor, B.} date{(2023b).} title{Informal economies on the Afghanistan–Pakistan border.} editor{In S. Wolf (Ed.),} container-title{*Borderlands of South Asia*} pages{(pp. 112–131).} publisher{Routledge.}
author{United Nations Security Council.} date{(2023).} title{Fourteenth report of the Analytical Support and Sanctions Monitoring Team} genre{(S/2023/370).} publisher{United Nations.}
author{Haddad, R., Qureshi, S., & Ahmadzai, N.} date{(2020).} title{*The Durand Line: Border, state and society*.} publisher{Oxford University Press.}
author{Barfield, T.} date{(2010).} title{Afghanistan: A cultural and political history.} publisher{Princeton University Press.}
author{Rubin, B. R.} date{(2020).} title{Afghanistan: What everyone needs to know.} publisher{Oxford University Press.}
author{Giustozzi, A.} date{(2019).} title{The Taliban at war: 2001–2018.} publisher{Hurst.}
author{Watkins, A.} date{(2022).} title{An assessment of Taliban rule at three months} genre{(CTC Sentinel special report).} publisher{Combating Terrorism Center at West Point.}
author{Cooley, A.} date{(2012).} title{Great games, local rules: The new great power contest in Central Asia.} publisher{Oxford University Press.}
author{Small, A.} date{(2015).} title{The China–Pakistan axis: Asia’s new geopolitics.} publisher{Oxford University Press.}
author{Jalal, A.} date{(2008).} title{Partisans of Allah: Jihad in South Asia.} publisher{Harvard University Press.}
author{Fair, C. C.} date{(2014).} title{Fighting to the end: The Pakistan Army’s way of war.} publisher{Oxford University Press.}
author{Tellis, A. J.} date{(2021, August 12).} title{Waiting for the Taliban’s second coming.} journal{*Foreign Affairs*.} url{https://www.foreignaffairs.com/articles/afghanistan/2021-08-12/waiting-talibans-second-coming}
author{Mir, A.} date{(2022).} title{After the Taliban’s takeover: Pakistan’s TTP problem} genre{(Analysis and Commentary).} publisher{United States Institute of Peace.} url{https://www.usip.org/publications/2022/01/after-talibans-takeover-pakistans-ttp-problem}
author{Ibrahimi, N., & Akbarzadeh, S.} date{(2020).} title{Intra-jihadist conflict and cooperation: Islamic State–Khorasan Province and the Taliban in Afghanistan.} journal{Studies in Conflict & Terrorism,} volume{43(12),} pages{1086–1107.} doi{https://doi.org/10.1080/1057610X.2018.1529367}
author{Marsden, M., & Hopkins, B. D.} date{(2011).} title{Fragments of the Afghan frontier.} publisher{Hurst.}
author{Laruelle, M., & Peyrouse, S.} date{(2013).} title{Globalizing Central Asia: Geopolitics and the challenges of economic development.} publisher{M. E. Sharpe.}
author{Sharan, T.} date{(2022).} title{Inside Afghanistan: Political networks, informal order, and state disruption.} publisher{Routledge.}
author{Clarke, M.} date{(2016).} title{“One belt, one road” and China’s emerging Afghanistan dilemma.} journal{*Australian Journal of International Affairs*,} volume{70(5),} pages{563–579.}
author{Hussain, Z.} date{(2021).} title{No-win war: The paradox of US–Pakistan relations in Afghanistan’s shadow.} publisher{Oxford University Press.}
author{World Bank.} date{(2023).} title{Afghanistan economic monitor} genre{(April 2023 edition).} publisher{World Bank.}
author{Akhtar, N.} date{(2008).} title{Pakistan, Afghanistan, and the Taliban.} journal{International Journal on World Peace,} volume{25(4),} pages{49–73.}
author{Dalrymple, W.} date{(2013, June 25).} title{A deadly triangle: Afghanistan, Pakistan, and India.} journal{*The Brookings Essay*.} publisher{Brookings Institution.}
author{Zaman, F., & Khattak, D.} date{(2017).} title{The impact of the China-Pakistan Economic Corridor on Balochistan.} journal{*Journal of Political Studies*,} volume{24(2),} pages{563–575.}
author{Kazemi, S. R.} date{(2021).} title{Central Asia and Afghanistan: Connectivity after the withdrawal.} editor{In R. Ahmadi & L. Tursunov (Eds.),} container-title{Regional cooperation in a changing Eurasia} pages{(pp. 45–67).} publisher{Palgrave Macmillan.}
author{Sultanov, B.} date{(2019).} title{Uzbekistan’s new Afghanistan policy.} editor{In M. Laruelle (Ed.),} container-title{*Central Asia at 30*} pages{(pp. 201–215).} location{Washington, DC:} publisher{Central Asia Program, George Washington University.}
author{Weinbaum, M. G., & Babbar, H.} date{(2016).} title{The tenacity and resilience of Pakistan’s Taliban} genre{(Policy Paper 2016-1).} publisher{Middle East Institute.}
author{Ruttig, T.} date{(2021).} title{Have the Taliban changed?} journal{*CTC Sentinel*,} volume{14(3),} pages{1–14.}
author{Felbab-Brown, V.} date{(2020).} title{Pipe dreams: The Taliban and drugs from the 1990s into its new regime} genre{(Report).} publisher{Brookings Institution.}
author{UNAMA.} date{(2023).} title{Update on the human rights situation in Afghanistan: April–June 2023.} publisher{United Nations Assistance Mission in Afghanistan.}
author{Ministry of Foreign Affairs of Pakistan.} date{(2021, September 2).} title{Statement on the situation in Afghanistan} genre{[Press release].} url{https://mofa.gov.pk/statement-on-the-situation-in-afghanistan/}
author{Nazar, S.} date{(n.d.).} title{Border fencing and the Pashtun tribes.} publisher{Islamabad Policy Research Institute.}
author{Yusufzai, M.} date{(in press).} title{Refugee return and the economics of the Afghan–Pakistan border.} journal{Asian Survey.}
author{Mukhopadhyay, D.} date{(2014).} title{WARLORDS, STRONGMAN GOVERNORS, AND THE STATE IN AFGHANISTAN.} publisher{Cambridge University Press.}
author{Khan, I., & Rehman, S.} date{(2019).} title{Afghan transit trade and the politics of smug- gling in Khyber Pakhtunkhwa.} journal{Pakistan Horizon,} volume{72(1),} pages{73–92.}
author{Bose, S., Motwani, N., & Maley, W.} date{(2020).} title{Afghanistan’s peace process: Regional perspectives.} journal{Australian Journal of International Affairs,} volume{74(4),} pages{343–349.} doi{https://doi.org/10.1080/10357718.2020.1759035}
author{Maley, W.} date{(2021).} title{The Afghanistan wars} edition{(3rd ed.).} publisher{Bloomsbury.}
author{Starr, S. F.} date{(2013).} title{Lost enlightenment: Central Asia’s golden age from the Arab conquest to Tamerlane.} publisher{Princeton University Press.}
author{Stanekzai, M. M.} date{(2008).} title{Thwarting Afghanistan’s insurgency: A pragmatic approach toward peace and reconciliation} genre{(Special Report 212).} publisher{United States Institute of Peace.}
author{Hasan, S.} date{(2022).} title{Pakistan and the Taliban government: A year on.} journal{**South Asian Voices**.} publisher{Stimson Center.} url{https://southasianvoices.org/pakistan-taliban-government-year-on/}
author{Chatham House.} date{(2022).} title{Afghanistan one year on: Regional responses} genre{(Research Paper).} publisher{Royal Institute of International Affairs.}
author{Roy, O.} date{(2000).} title{The new Central Asia: The creation of nations.} publisher{I. B. Tauris.}
author{Rahimi, H., & Watkins, A.} date{(2023).} title{Taliban rule at two years: Governance and its discontents.} journal{*Survival*,} volume{65(4),} pages{7–26.}
author{Shahrani, M. N.} date{(2018).} title{Modern Afghanistan: The impact of 40 years of war.} publisher{Indiana University Press.}
author{Mielke, K., & Miszak, N.} date{(2017).} title{Making sense of Daesh in Afghanistan: A social movement perspective} genre{(Working Paper 6/2017).} location{Bonn:} publisher{Bonn International Center for Conversion.}
author{Abdullaev, E.} date{(2018).} title{Uzbekistan and Afghanistan: Dynamics of re-engagement.} journal{Russia in Global Affairs,} volume{16(2),} pages{136–151.}
author{Gul, I.} date{(2021, August 20).} title{Pakistan’s Afghan gamble.} journal{*Dawn*.} url{https://www.dawn.com/news/1641755}
author{Goodhand, J., & Sedra, M.} date{(2007).} title{Bribes or bargains? Peace conditionalities and ‘post-conflict’ reconstruction in Afghanistan.} journal{International Peace- keeping,} volume{14(1),} pages{41–61.}
author{Abbas, H.} date{(2023).} title{The return of the Taliban: Afghanistan after the Americans left.} publisher{Yale University Press.}
author{Omrani, B.} date{(2009).} title{The Durand Line: History and problems of the Afghan-Pakistan border.} journal{Asian Affairs,} volume{40(2),} pages{177–195.} doi{https://doi.org/10.1080/03068370902871508}
author{Tadjbakhsh, S.} date{(2012).} title{Central Asia and Afghanistan: Insulation on the Silk Road, between Eurasia and the Heart of Asia} genre{(PRIO Paper).} location{Oslo:} publisher{Peace Research Institute Oslo.}
author{Hakimi, A., & Khan, M.} date{(2022).} title{Women’s rights under the Taliban: Continuity and rupture.} journal{*Third World Quarterly*,} volume{43(9),} pages{2110–2127.}
author{Baabar, T.} date{(2016).} title{Turkmenistan’s neutrality and the TAPI pipeline.} editor{In A. Bohr & K. Lee (Eds.),} container-title{Energy politics in Central Asia} pages{(pp. 88–104).} location{London:} publisher{Routledge.}
author{Ahmed, Z. S., & Bhatnagar, S.} date{(2008).} title{SAARC and interstate conflicts in South Asia: Prospects and challenges for regional cooperation.} journal{South Asian Survey,} volume{15(1),} pages{1–19.}
author{Rasanayagam, A.} date{(2003).} title{Afghanistan: A modern history.} publisher{I. B. Tauris.}
author{Qazi, S. H.} date{(2011).} title{Rebels of the frontier: Origins, organization, and recruitment of the Pakistani Taliban.} journal{Small Wars & Insurgencies,} volume{22(4),} pages{574–602.}
author{U.S. Department of State.} date{(2020).} title{Agreement for bringing peace to Afghanistan.} url{https://www.state.gov/wp-content/uploads/2020/02/Agreement-For-Bringing-Peace-to-Afghanistan-02.29.20.pdf}
"""


def parse(line):
    fields = [
        {"label": m.group(1), "text": m.group(2)}
        for m in re.finditer(r"([a-z-]+)\{([^{}]*)\}", line)
    ]
    return {"text": " ".join(f["text"] for f in fields), "fields": fields}


def main():
    out = sys.stdout
    for i, line in enumerate(l for l in ENTRIES.strip().splitlines() if l.strip()):
        rec = parse(line)
        out.write(json.dumps({"id": f"apa-heldout:{i}", **rec}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
