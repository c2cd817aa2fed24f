"""Event types: families of wording found through eval/dev4 (Nov 2026, session 4).

Each family is a way of writing an event (or a look-alike that reports none) that the
rules missed on months we had not seen. The sentences are our own, about fictional
people, and vary voice, tense, word order, names and punctuation; none is taken from
an eval file. The whole pipeline runs, because some families depend on the legal
references and sanctions found in the entry.

Tables: EXAMPLES (the entry must get the type), NO_MATCH (it must not).
"""

from __future__ import annotations

import pytest
import type_harness

from kuzet.chronicle.model import Period

PERIOD = Period(2024, 10)


def types_of(text: str, period: Period = PERIOD) -> set[str]:
    return type_harness.types_of(text, period)


# (family, text, a type the entry must get)
EXAMPLES: list[tuple[str, str, str]] = [
    # press freedom: a journalist dismissed for journalism, both voices
    (
        "dismissed reporter, active",
        "October 2, Taraz, the owner of the regional weekly dismissed reporter Gulnar Sapina after her piece on the landfill[1].",
        "press_freedom",
    ),
    (
        "correspondent sacked, passive",
        "On 3 October in Oral the correspondent Timur Bekov was sacked by the channel's management two days after the broadcast[2].",
        "press_freedom",
    ),
    (
        "fired the editor-in-chief",
        "Kostanay, October 4: the publisher fired the editor-in-chief, Lyudmila Orlova, over an interview with a striking miner[3].",
        "press_freedom",
    ),
    # press freedom: proceedings opened against a journalist
    (
        "report drawn up against a journalist",
        "October 5, Aktau, police drew up a report under Article 434 of the CAO against journalist Samat Rakhimov[4].",
        "press_freedom",
    ),
    (
        "case opened against a correspondent",
        "On 6 October the KNB opened a criminal case of defamation against the correspondent Dina Zhumabek[5].",
        "press_freedom",
    ),
    # press freedom: a journalist's property damaged by unknown people, told by her
    (
        "journalist reported unknown people damaged her car",
        "October 7, Shymkent, photographer Ainur Kassenova said that unidentified men had smashed the windows of her car overnight[6].",
        "press_freedom",
    ),
    (
        "tyres slashed, the journalist named after",
        "October 8, Semey: unknown people slashed the tyres of reporter Pavel Zorin's car outside the newsroom[7].",
        "press_freedom",
    ),
    # assembly refused: refused someone an assembly (double object)
    (
        "refused the union a rally",
        "October 10, Pavlodar, the city akimat refused the local teachers' union a rally against the closure of schools[9].",
        "assembly_refusal",
    ),
    (
        "denied the residents a picket",
        "On 11 October, in Taldykorgan, officials denied residents of the Zhastar district a picket, citing a holiday[10].",
        "assembly_refusal",
    ),
    # assembly refused: the notice of an assembly not registered or accepted
    (
        "did not register the notice",
        "October 12, Aktobe, the akimat did not register the notification of the Taza Su group about a march along the embankment[11].",
        "assembly_refusal",
    ),
    (
        "notice returned, passive",
        "October 13, Kyzylorda: the application of activist Marat Serikov to hold a rally near the akimat was returned without consideration[12].",
        "assembly_refusal",
    ),
    # protest: an action broken up by the police took place
    (
        "broke up a memorial action",
        "October 14, Almaty, riot police broke up a mourning action at the monument and took down the banners[13].",
        "protest",
    ),
    (
        "rally broken up, passive",
        "On October 15 in Zhanaozen the rally of the unemployed was broken up by the police within an hour[14].",
        "protest",
    ),
    # torture: kept handcuffed for days
    (
        "kept handcuffed for days",
        "October 16, Ekibastuz, the wife of convict Roman Sizov said that guards had kept him handcuffed for three days in the cell[15].",
        "torture",
    ),
    (
        "left in handcuffs for days",
        "October 17, Temirtau: prisoner Kairat Omarov was left in handcuffs for two days after the search[16].",
        "torture",
    ),
    # detention: the police took a number of people from a place
    (
        "police took eleven supporters from a cafe",
        "October 18, Turkistan, police took nine members of the Adal Zher movement from a restaurant where they had met[17].",
        "detention",
    ),
    (
        "officers took the activists from the flat",
        "On 19 October officers took several activists from the flat of Berik Samatov and questioned them until morning[18].",
        "detention",
    ),
    # pre-trial restraint: released on one's own recognizance
    (
        "released on his own recognizance",
        "October 20, Kulsary, oil worker Daulet Sapar was questioned as a suspect and released on his own recognizance[19].",
        "pretrial_restraint",
    ),
    (
        "freed on her own recognisance, British spelling",
        "On 21 October investigators freed blogger Marina Lee on her own recognisance after a night in the cells[20].",
        "pretrial_restraint",
    ),
    # publication: a treaty body's concluding observations on a country made public
    (
        "committee published its concluding observations",
        "October 22, Geneva, the UN Committee against Torture published its concluding observations on Kazakhstan's periodic report[21].",
        "publication",
    ),
    (
        "concluding observations adopted, passive",
        "On 23 October the concluding observations of the Human Rights Committee on Kazakhstan were made public in Geneva[22].",
        "publication",
    ),
    # statement: a body recommending that something be done
    (
        "recommending that",
        "October 24, Geneva, the treaty committee recommended that Kazakhstan repeal the article on false information[23].",
        "statement",
    ),
    # criticism said now is still a statement
    (
        "criticised now",
        "October 26, Astana, the Kamqor foundation criticised the new rules on pickets at a briefing[25].",
        "statement",
    ),
    (
        "recommends that, present tense",
        "October 25, Astana, the ombudsman's annual report recommends that police stop detaining single picketers[24].",
        "statement",
    ),
]


@pytest.mark.parametrize("family, text, type_id", EXAMPLES)
def test_a_family_of_wording_gives_its_type(family: str, text: str, type_id: str) -> None:
    got = types_of(text)
    assert type_id in got, f"{family}: {type_id} not found in {text!r} (got {sorted(got)})"


# (family, text, a type the entry must not get)
NO_MATCH: list[tuple[str, str, str]] = [
    # dismissed: a claim or complaint of a journalist dismissed, or an outlet's claim
    (
        "the court dismissed a journalist's claim",
        "October 20, Astana, the court dismissed the reporter's claim for unpaid wages from the cafe where he had worked[19].",
        "press_freedom",
    ),
    (
        "dismissed the complaint of a correspondent",
        "October 21, Oral, the court dismissed the complaint of the correspondent's neighbour about noise[20].",
        "press_freedom",
    ),
    # a journalist dismissed for something other than journalism is harassment
    (
        "reporter dismissed after a quarrel",
        "October 21, Petropavl, reporter Inna Gorbunova was dismissed after a quarrel with the station's accountant[20].",
        "press_freedom",
    ),
    # proceedings closed against a journalist: a remedy, not pressure
    (
        "case against a journalist closed",
        "October 22, Almaty, the investigator closed the criminal case against journalist Yelena Kim for lack of evidence[21].",
        "press_freedom",
    ),
    # the arrested journalist only describes whom a picket supports
    (
        "the arrested journalist as a description",
        "October 23, Aktobe, a picket in support of the arrested journalist Erik Baimukhan took place near the court[22].",
        "press_freedom",
    ),
    # refused + a preposition before the assembly: not a refusal of the assembly
    (
        "refused to speak at a rally",
        "October 24, Taraz, Saltanat Ismail refused to speak at a rally of the ruling party[23].",
        "assembly_refusal",
    ),
    (
        "denied taking part in a picket",
        "October 25, Shymkent, Nurlan Abenov denied any role in a picket near the akimat[24].",
        "assembly_refusal",
    ),
    # a notice registered is no refusal
    (
        "notice registered",
        "October 26, Kokshetau, the akimat registered the notification of the Bolashak group about a picket on Sunday[25].",
        "assembly_refusal",
    ),
    # broke up: a fight or a relationship, not an assembly
    (
        "broke up a fight",
        "October 27, Karaganda, a passer-by broke up a fight between two drivers near the station[26].",
        "protest",
    ),
    # handcuffed for minutes, or handcuffs for days in a rule, is no ill-treatment told
    (
        "handcuffed for minutes",
        "October 28, Kostanay, Arman Zholdas was handcuffed for ten minutes while officers checked his papers[27].",
        "torture",
    ),
    # the police took time, or things, from a place
    (
        "police took two hours",
        "October 29, Semey, police took two hours to arrive from the station after the call[28].",
        "detention",
    ),
    (
        "police took documents from the office",
        "October 30, Atyrau, the police took documents and two laptops from the office of the Kamqor foundation[29].",
        "detention",
    ),
    # a recognizance mentioned as time counted towards a served sentence is no new measure
    (
        "recognizance counted into a sentence",
        "October 31, Semey, the court sentenced Ilya Grin to 2 years of imprisonment and counted the time he had spent on his own recognizance[30].",
        "pretrial_restraint",
    ),
    # what a review lists is its content: "with a list of N ... cases"
    (
        "overview with a list of cases",
        "October 1, Almaty, the Ar-Namys bureau presented its yearly overview, with a list of 41 cases in which prisoners had alleged torture[31].",
        "torture",
    ),
    (
        "report containing a list of detentions",
        "On 2 October the Erkin monitoring group released a report containing a list of 17 detentions of picketers in the regions[32].",
        "detention",
    ),
    # an apology for a prosecution closed earlier: a remedy, not a criminal case
    (
        "apologised to a named person for the prosecution",
        "October 3, Kokshetau, the regional prosecutor's office apologised to the teacher Aliya Sarsen for the unfounded criminal prosecution[33].",
        "criminal_case",
    ),
    # an appeal to be heard later
    (
        "court will consider the appeal on a later date",
        "October 4, Taraz, the regional court will consider the appeal of Ruslan Tolegen on 20 November[34].",
        "appeal",
    ),
    (
        "cassation hearing scheduled",
        "October 5, Oral, Marat Ibrayev's relatives came to Astana; his cassation hearing is scheduled for October 28[35].",
        "appeal",
    ),
    # a court hearing a witness at the trial: no criminal case news
    (
        "court questioned a witness",
        "October 6, Aktau, the court continued the trial of teacher Bolat Seitkali; the court questioned the school's deputy director, Anna Frolova, as a witness[36].",
        "criminal_case",
    ),
    # released without a protocol: no publication
    (
        "released without a report being drawn up",
        "October 7, Taldykorgan, the police took Aizat Nurlanova to the station and released her an hour later without a report being drawn up[37].",
        "publication",
    ),
    # a working group's opinion on one detention is its statement (as eval/dev3 has it)
    (
        "working group published its opinion",
        "October 8, Geneva, the UN Working Group on Arbitrary Detention published its opinion that the detention of Serik Mamyr is arbitrary[38].",
        "publication",
    ),
    # what someone had criticised earlier is the offence punished now, not a statement
    (
        "he had criticised, a sentence of its own",
        "October 9, Balkhash, the court fined blogger Rustem Amanov 50 MCI under Article 456-2 of the CAO. He had criticised the akim on Instagram[39].",
        "statement",
    ),
    (
        "she had sharply condemned",
        "October 10, Kentau, teacher Gaukhar Ilyasova was fined 30 MCI; she had sharply condemned the closure of the clinic in a post[40].",
        "statement",
    ),
]


@pytest.mark.parametrize("family, text, type_id", NO_MATCH)
def test_a_context_that_reports_no_event_gives_no_type(
    family: str, text: str, type_id: str
) -> None:
    got = types_of(text)
    assert type_id not in got, f"{family}: {type_id} wrongly found in {text!r} (got {sorted(got)})"
