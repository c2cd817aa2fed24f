"""Event types by families of wording (session 3 widening), through the whole pipeline.

Each family is a way monitors write an event (passive voice, a noun for the verb,
reported speech, the procedure that implies it) or a context in which the words of
an event report none (a plan, a denial, people described by a past event, a law's
content). Every sentence is our own, about fictional people; names, date forms and
punctuation vary on purpose. The whole pipeline runs, because some families depend
on the legal references and sanctions found in the entry.
"""

from __future__ import annotations

import pytest
import type_harness

from kuzet.chronicle.model import Period

# The month the sentences are reported in: a cue dated before it is background.
PERIOD = Period(2025, 6)


def types_of(text: str, period: Period = PERIOD) -> set[str]:
    return type_harness.types_of(text, period)


# (family, text, a type the entry must get)
EXAMPLES: list[tuple[str, str, str]] = [
    # detention
    ("to the police", "June 3, Aktau, the picketers were escorted to the police[1].", "detention"),
    (
        "released from the police",
        "3 June, Oral: Ibraimova K. was released from the police station after six hours[2].",
        "detention",
    ),
    (
        "passive, bare department",
        "June 4, Taraz, Nurlan Esimov was stopped by patrol officers and taken to the department[3].",
        "detention",
    ),
    (
        "held by border guards",
        "On June 5, Petropavl, the blogger Sarsen A. was held by border guards for a day[4].",
        "detention",
    ),
    (
        "taken off a train",
        "June 5, Kostanay, two students were taken off the train by police at the border[5].",
        "detention",
    ),
    (
        "ended up at a police station",
        "June 6, Atyrau, three picketers ended up at the city police department[6].",
        "detention",
    ),
    (
        "police led people to a van",
        "June 6, Semey - officers led two of the women to a van outside the court[7].",
        "detention",
    ),
    (
        "an attempt to put someone into a car",
        "June 7, Oral, unknown men tried to put activist Marat Kuanov into a car at the bazaar[8].",
        "detention",
    ),
    (
        "kept overnight",
        "June 7, Aktobe, after the picket both women were kept overnight and fined in the morning[9].",
        "detention",
    ),
    # administrative penalties
    (
        "warned by the court",
        "June 8, Pavlodar, Zhanar Oralova was warned by the district court under Article 488 of the CAO[10].",
        "administrative_fine",
    ),
    (
        "ordered to pay under the CAO",
        (
            "June 8, Ekibastuz, the judge ordered Serikbol T. to pay 73,840 tenge under Article 489 of "
            "the CAO[11]."
        ),
        "administrative_fine",
    ),
    # criminal case
    (
        "questioned by investigators",
        "June 9, Astana, Aliya Dosova was interrogated by the KNB for five hours[12].",
        "criminal_case",
    ),
    (
        "a case opened, passive",
        "On 9 June, Kyzylorda, Bekov N. learned that a case had been opened against him[13].",
        "criminal_case",
    ),
    # sentence
    (
        "found NAME guilty",
        (
            "June 10, Karaganda, the court found Tulegenov B. guilty under Article 174 of the "
            "Criminal Code and restricted his freedom for three years[14]."
        ),
        "criminal_sentence",
    ),
    (
        "a suspended term",
        "June 10, Taraz, the court gave Aidana Kasym a suspended term and released her in the courtroom[15].",
        "criminal_sentence",
    ),
    (
        "parole granted by a court",
        "June 11, Semey, the city court released the blogger Yerlan Temir on parole[16].",
        "criminal_sentence",
    ),
    # trial
    (
        "a case being heard",
        "June 12, Shymkent, the case of Ermek Daulet is being heard in the district court[17].",
        "trial",
    ),
    (
        "pleaded not guilty",
        "June 12, Turkistan, in court, Dauletova A. pleaded not guilty[18].",
        "trial",
    ),
    (
        "the court heard the case",
        "June 13, Aktau, the city court heard the case of the oil worker Sapar Zhumabek[19].",
        "trial",
    ),
    # appeal and remedy
    (
        "pardoned, active voice",
        "June 14, Astana, the President pardoned the poet Kenzhebek O.[20].",
        "remedy",
    ),
    ("amnestied", "June 14, Oral, Bolat Seitov was amnestied and released[21].", "remedy"),
    (
        "a wrong found, words reversed",
        (
            "June 15, Almaty, the district prosecutor found unlawful the actions of the officers who "
            "had seized the banner of Kamila Aman[22]."
        ),
        "remedy",
    ),
    (
        "released NAME early",
        "June 15, Zharkent, the court released Yusupov D. early, under an amnesty[23].",
        "remedy",
    ),
    # assembly refusal
    (
        "has not allowed",
        "June 16, Aktobe, the akimat has not allowed the rally, citing road works[24].",
        "assembly_refusal",
    ),
    (
        "refusal to allow",
        "June 16, Kokshetau, the akimat's refusal to allow the picket was the third this year[25].",
        "assembly_refusal",
    ),
    (
        "people not allowed to gather",
        "June 17, Talgar, officials did not allow the villagers to gather outside the akimat[26].",
        "assembly_refusal",
    ),
    (
        "could not go ahead",
        (
            "June 17, Taraz, the akimat told the organisers that their march, planned for the end of the "
            "month, could not go ahead[27]."
        ),
        "assembly_refusal",
    ),
    # protest
    (
        "with portraits",
        "June 18, Zhanaozen, mothers stood outside the court with portraits of their sons[28].",
        "protest",
    ),
    (
        "came by any means to protest",
        "June 18, Esik, farmers drove their tractors to the akimat to protest against the land sale[29].",
        "protest",
    ),
    (
        "attended a rally",
        "June 19, Almaty, about 200 residents attended an authorised rally against the dam[30].",
        "protest",
    ),
    (
        "shouted slogans",
        "June 19, Oral, supporters shouted “Freedom!” as the convoy left the court[31].",
        "protest",
    ),
    (
        "supporters waited outside",
        "June 19, Aktau, relatives waited outside the courthouse all day[32].",
        "protest",
    ),
    (
        "dispersed by police",
        "June 20, Talgar, villagers guarding their pastures were dispersed by police[33].",
        "protest",
    ),
    # hunger strike
    (
        "stopped eating",
        "June 21, Petropavl, the prisoner Omar Iskakov stopped eating in protest against his transfer[34].",
        "hunger_strike",
    ),
    # torture
    (
        "cruel treatment",
        "June 22, Ekibastuz, Zhanibek S. was subjected to cruel treatment in the colony[35].",
        "torture",
    ),
    (
        "prisoners beaten, passive",
        "June 22, Arkalyk, prisoners of the colony were beaten by special forces during a search[36].",
        "torture",
    ),
    (
        "beaten in a punishment cell",
        "June 22, Ekibastuz, Aslan Bek was placed in a punishment cell and beaten[37].",
        "torture",
    ),
    (
        "handcuffed to a radiator",
        "June 23, Taldykorgan, the detainee says guards kept him handcuffed to a radiator all night[38].",
        "torture",
    ),
    (
        "a confession under pressure",
        "June 23, Oral, Serik Amanov told the court he signed a confession under pressure[39].",
        "torture",
    ),
    (
        "bruises after questioning",
        "June 23, Aktobe, the lawyer saw bruises on Nurov T. after the interrogation[40].",
        "torture",
    ),
    # press freedom
    (
        "journalist kept out",
        "June 24, Astana, the reporter Dina Sadyk was kept out of the courtroom by bailiffs[41].",
        "press_freedom",
    ),
    (
        "journalist's camera seized",
        "June 24, Almaty, the journalist's camera was confiscated by the police[42].",
        "press_freedom",
    ),
    (
        "prior approval of articles",
        (
            "June 25, Aktobe, the akimat asked the editor of a local news site to coordinate every "
            "article about the plant before publication[43]."
        ),
        "press_freedom",
    ),
    (
        "a suit against a journalist",
        "June 25, Semey, a deputy akim won a defamation suit against journalist Aru Bekova[44].",
        "press_freedom",
    ),
    (
        "a journalist expelled",
        (
            "June 26, Kostanay, a foreign journalist, who had filmed a strike, was expelled from "
            "Kazakhstan by a court[45]."
        ),
        "press_freedom",
    ),
    # legislation
    (
        "lawmakers proposing to criminalise",
        "June 27, Astana, deputies proposed to criminalise insulting officials online[46].",
        "legislation",
    ),
    # statement
    (
        "a denial",
        "June 27, Almaty, the ministry denied reports that detainees had been beaten[47].",
        "statement",
    ),
    (
        "warned that, active",
        "June 27, Astana, the deputy warned that the wording was too vague[48].",
        "statement",
    ),
    (
        "regards as",
        "June 28, Ekibastuz, the union regards the dismissal of its chair as revenge[49].",
        "statement",
    ),
    (
        "in a letter",
        "June 28, Taraz, in a letter from the colony, Marat Ospan writes that he is threatened[50].",
        "statement",
    ),
    (
        "called the ruling, quoted",
        "June 28, Oral, the lawyer called the ruling 'a mockery of justice'[51].",
        "statement",
    ),
    # lawsuit
    (
        "a complaint's fate, passive",
        (
            "June 29, Kostanay, the activist's complaint against the police was dismissed by the "
            "prosecutor's office[52]."
        ),
        "lawsuit",
    ),
    (
        "to a court against an official act",
        "June 29, Rudny, the teacher appealed to the court against the akimat's refusal[53].",
        "lawsuit",
    ),
    (
        "asked to open a case of any kind",
        "June 29, Aktau, the mother asked the military prosecutor to open a torture case[54].",
        "lawsuit",
    ),
    # harassment
    (
        "relatives made to restrain someone",
        "June 30, Taldykorgan, the police told the activist's mother to stop her son[55].",
        "harassment",
    ),
    (
        "participants filmed by police",
        "June 30, Aktobe, police officers filmed the participants and wrote down their names[56].",
        "harassment",
    ),
    (
        "organisers warned",
        "June 30, Zhezkazgan, the management warned its organisers that they would be dismissed[57].",
        "harassment",
    ),
    (
        "dismissed a person named in full",
        "June 30, Ekibastuz, the mine dismissed Gaukhar Serikova, the union's treasurer[58].",
        "harassment",
    ),
    # political prisoners
    (
        "a list of political prisoners kept",
        "June 30, Almaty, the commission on political prisoners updated its list: 35 names[59].",
        "political_prisoner",
    ),
]


@pytest.mark.parametrize("family, text, type_id", EXAMPLES)
def test_a_family_of_wording_gives_its_type(family: str, text: str, type_id: str) -> None:
    assert type_id in types_of(text), f"{family}: {text}"


# (family, text, a type the entry must not get)
NO_MATCH: list[tuple[str, str, str]] = [
    (
        "reported to the police",
        "June 3, Oral, the activist reported the threats to the police[1].",
        "detention",
    ),
    (
        "a lawyer kept waiting",
        "June 3, Almaty, the lawyer Temir S. was kept waiting for five hours at the police department[2].",
        "detention",
    ),
    (
        "an internal investigation",
        "June 4, Astana, the ministry said an internal investigation had been launched[3].",
        "criminal_case",
    ),
    (
        "a trend told by someone",
        "June 4, Geneva, an activist said that dozens of people are being prosecuted for posts[4].",
        "criminal_case",
    ),
    (
        "compensated for the prosecution",
        "June 5, Kokshetau, the state is to compensate Asem K. for the unlawful prosecution[5].",
        "criminal_case",
    ),
    (
        "people described by a conviction",
        "June 5, Shymkent, relatives of men convicted in the riot cases held a press conference[6].",
        "criminal_sentence",
    ),
    (
        "all convicted, in apposition",
        "June 5, Almaty, the list gained three names, all convicted in party cases[7].",
        "criminal_sentence",
    ),
    (
        "a real term requested",
        "June 6, Oral, the prosecutor asked for a real prison term for Dosov E.[8].",
        "criminal_sentence",
    ),
    (
        "an acquittal argued for",
        "June 6, Karaganda, the defence argued for acquittal of the miner[9].",
        "criminal_sentence",
    ),
    (
        "an acquittal argued for",
        "June 6, Karaganda, the defence argued for acquittal of the miner[10].",
        "remedy",
    ),
    (
        "a suspended sentence revoked",
        "June 7, Kaskelen, the court revoked the suspended sentence of Bek A. and sent him to a colony[11].",
        "remedy",
    ),
    (
        "an arrest being served",
        "June 7, Almaty, Murat A., who was serving 10 days of administrative arrest, was detained again[12].",
        "administrative_arrest",
    ),
    (
        "a measure in force before the verdict",
        "June 8, Astana, the court gave Zhan T. a fine. Since March he had been under house arrest[13].",
        "pretrial_restraint",
    ),
    (
        "what a law sets",
        "June 9, Astana, the President signed amendments that raise the fine for false posts to 200 MCI[14].",
        "administrative_fine",
    ),
    (
        "a law pushed through",
        "June 9, Astana, critics said the bill had been pushed through in a week[15].",
        "violence",
    ),
    (
        "a month's strike recalled",
        "June 10, Ekibastuz, the union calls the firing revenge for the March strike[16].",
        "protest",
    ),
    (
        "the assembly someone had organised",
        "June 10, Zhanaozen, the court ruled that Kenes T. had organised an unlawful gathering[17].",
        "protest",
    ),
    (
        "offence over a speech",
        "June 10, Karaganda, the miner is accused of inciting discord over his speech at a strike[18].",
        "protest",
    ),
    (
        "someone's own court hearing elsewhere",
        "June 11, Ekibastuz, she was absent on the day she attended a court hearing[19].",
        "trial",
    ),
    (
        "an intention to complain",
        "June 11, Kapchagay, Abenov T. intends to complain to the prosecutor[20].",
        "lawsuit",
    ),
    (
        "a rejected claim is not a denial",
        "June 12, Taraz, the court rejected the claim of the activist against the akimat[21].",
        "statement",
    ),
    (
        "what the sued body had refused",
        (
            "June 12, Taraz, the court rejected the suit of the union against the department, "
            "which had refused to register it[22]."
        ),
        "harassment",
    ),
    (
        "a report's listed complaints",
        "June 13, Oskemen, the NGO presented a report listing 12 complaints of beatings by guards[23].",
        "torture",
    ),
    (
        "an expulsion is no pending case",
        (
            "June 13, Kostanay, the court expelled the foreign reporter under Article 517 of the CAO "
            "for working without accreditation[24]."
        ),
        "administrative_case",
    ),
    (
        "a denial with a gerund",
        "June 14, Oral, the police deny detaining anyone at the rally[25].",
        "detention",
    ),
    (
        "the detention investigated, dated by a name with initials",
        "June 14, Oral, the lawyer demanded an investigation into the detention of Abenov K. in 2022[26].",
        "detention",
    ),
]


@pytest.mark.parametrize("family, text, type_id", NO_MATCH)
def test_a_context_that_reports_no_event_gives_no_type(
    family: str, text: str, type_id: str
) -> None:
    assert type_id not in types_of(text), f"{family}: {text}"


# -- dating across a name written with initials (the full stop of an initial goes on) ----------

DATED: list[tuple[str, bool]] = [
    ("June 3, Oral, Serikova A. Zh. was detained in 2021 at a rally[1].", False),
    ("June 3, Oral, police detained Serikova A. Zh. in 2021 at a rally[2].", False),
    # a full stop before a capitalised word may end the sentence: the date is the next one's
    ("June 3, Oral, police detained Serikova A. In 2021 she had been fined[3].", True),
    ("June 3, Oral, police detained Serikova in 2025 again[4].", True),
]


@pytest.mark.parametrize("text, reported", DATED)
def test_a_date_after_a_name_with_initials_dates_the_cue(text: str, reported: bool) -> None:
    assert ("detention" in types_of(text)) is reported, text
