"""Event readings carried by a particle, a prepositional object or a verdict complement
(``nlp/event_triggers.py``, tables in ``data/plover_lexicon.json``), with the real spaCy model."""
from __future__ import annotations

from fixtures.records import events_of


def _types(rec) -> list[str]:
    return [e["type"] for e in rec["events"]]


def _names(rec, ids) -> str:
    by_id = {a["id"]: a for a in rec["actors"]}
    return " | ".join(by_id[i]["name"] for i in ids)


def test_particle_reading_resign(analyse_text):
    rec = analyse_text("Prime Minister Theresa May stepped down on Wednesday.")
    assert _types(rec) == ["RETREAT"]
    assert rec["events"][0]["mode"] == "resign"


def test_particle_reading_crackdown_with_target(analyse_text):
    rec = analyse_text("The Chinese government cracked down on protesters in Hong Kong last week.")
    ev = events_of(rec, "COERCE")
    assert ev and "Chinese government" in _names(rec, ev[0]["source"])


def test_phone_call_is_consult(analyse_text):
    rec = analyse_text("Donald Trump and Recep Tayyip Erdogan spoke by telephone on Sunday.")
    assert "CONSULT" in _types(rec)


def test_entered_into_an_agreement(analyse_text):
    rec = analyse_text("The Syrian Democratic Forces said on Sunday it had entered into an agreement with "
                       "the government of Syria.")
    assert "AGREE" in _types(rec)


def test_verdicts(analyse_text):
    rec = analyse_text("The court found Smith guilty of fraud on Tuesday.")
    ev = events_of(rec, "SANCTION")
    assert ev and "Smith" in _names(rec, ev[0]["target"])
    rec = analyse_text("The court found John Smith not guilty of murder.")
    assert "CONCEDE" in _types(rec) and "SANCTION" not in _types(rec)


def test_custody_is_arrest(analyse_text):
    rec = analyse_text("Hungarian police placed the opposition leader under arrest on Monday.")
    assert "COERCE" in _types(rec)


def test_particle_needs_its_reading(analyse_text):
    rec = analyse_text("He stepped down from the ladder.")
    assert "RETREAT" not in _types(rec)


def test_resignation_is_retreat_and_in_protest_reject(analyse_text):
    rec = analyse_text("Governor Ricardo Rossello announced his resignation on Wednesday.")
    assert _types(rec) == ["RETREAT"]
    rec = analyse_text("Minister Amber Rudd resigned in protest against Boris Johnson on Saturday.")
    ev = events_of(rec, "REJECT")
    assert ev and "Boris Johnson" in _names(rec, ev[0]["target"])


def test_agreeing_with_a_view_is_no_event(analyse_text):
    assert "AGREE" not in _types(analyse_text("The court agreed with the government on Monday."))
    assert "AGREE" in _types(analyse_text("Turkey and Russia agreed to hold talks on Syria."))


def test_released_things_are_no_retreat(analyse_text):
    rec = analyse_text("A statement released by the Kremlin on Monday condemned the attack.")
    assert "RETREAT" not in _types(rec)
    assert "RETREAT" in _types(analyse_text("Hamas released two Israeli hostages on Friday."))


def test_the_outlets_own_interview_is_no_consult(nlp):
    from newsgraph.model import Article, Metadata, to_record
    from newsgraph.nlp.pipeline import analyse

    text = "Senator Mark Kelly spoke with Wikinews about the election on Monday."
    article = Article(id="t", text=text, metadata=Metadata(date="2025-01-16", outlet="Wikinews"))
    rec = to_record(analyse(nlp(text), article))
    assert "CONSULT" not in _types(rec)


def test_disasters_kill_without_a_doer(analyse_text):
    assert "ASSAULT" not in _types(analyse_text("The typhoon killed at least 20 people in the Philippines."))
    assert "ASSAULT" in _types(analyse_text("Gunmen killed at least 20 people in Nigeria on Monday."))


def test_campaign_rally_is_no_protest(analyse_text):
    rec = analyse_text("Senator Kanye West held his first campaign rally in Charleston on Sunday.")
    assert "PROTEST" not in _types(rec)


def test_staged_is_read_as_stage_not_stag(analyse_text, nlp):
    # en_core_web_sm lemmatises "staged" as "stag": the light verb + object reading needs "stage"
    from newsgraph.nlp.event_words import verb_lemma

    doc = nlp("Thousands of Chilean students staged demonstrations on Monday.")
    staged = next(t for t in doc if t.lower_ == "staged")
    assert verb_lemma(staged) == "stage"
    assert verb_lemma(next(t for t in doc if t.lower_ == "students")) == "student"
    rec = analyse_text("Thousands of Chilean students staged demonstrations on Monday to demand "
                       "free tuition from the government.")
    assert "PROTEST" in _types(rec)


def test_a_conviction_is_sanction(analyse_text):
    # guideline D5 (after PLOVER's manual): a conviction is SANCTION by the court
    rec = analyse_text("A Moldovan court convicted the former mayor of Chisinau of fraud on Tuesday.")
    assert "SANCTION" in _types(rec)
    assert "COERCE" not in _types(rec)


def test_an_apology_is_concede(analyse_text):
    # guideline B1 / D14 and PLOVER's manual: regret or remorse is CONCEDE, not SUPPORT
    rec = analyse_text("Chile apologised to Peru on Friday for the border incident.")
    assert "CONCEDE" in _types(rec)
    assert "SUPPORT" not in _types(rec)


def test_a_stated_opposition_has_its_holder_as_source(analyse_text):
    # "is opposed to" is a state (no agent): whoever is opposed rejects
    rec = analyse_text("Hungary is opposed to the European Commission's migration plan.")
    ev = events_of(rec, "REJECT")
    assert ev and _names(rec, ev[0]["source"]) == "Hungary"


def test_the_hand_lexicon_verb_wins_over_a_derived_pair_of_another_type(analyse_text):
    # CAMEO's dictionary reads "arrest protester" as violent repression (ASSAULT); guideline B2
    # and the hand lexicon code an arrest COERCE
    rec = analyse_text("Belarusian police arrested 36 protesters in Minsk on Sunday.")
    assert "COERCE" in _types(rec)
    assert "ASSAULT" not in _types(rec)


def test_a_curated_object_sense_still_changes_the_verb(analyse_text):
    rec = analyse_text("The European Union lifted sanctions on Belarus on Monday.")
    assert "SANCTION" not in _types(rec)


def test_attacking_someone_for_an_act_is_a_verbal_attack(analyse_text):
    rec = analyse_text("The senator attacked the governor for his handling of the floods.")
    assert _types(rec) == ["ACCUSE"]
    rec = analyse_text("Rebels attacked the convoy for two hours on Monday.")  # a time: still an assault
    assert _types(rec) == ["ASSAULT"]


def test_a_warning_is_read_by_its_complement(analyse_text):
    assert _types(analyse_text("Police in Lyon warned residents to stay inside.")) == ["REQUEST"]
    assert _types(analyse_text("Trump warned that Biden could destroy the economy.")) == ["ACCUSE"]
    assert _types(analyse_text("Hezbollah warned Israel that its fighters would strike back.")) == ["THREATEN"]


def test_a_court_striking_down_a_law_is_sanction(analyse_text):
    # guideline D5: a finding that a law is unlawful is SANCTION by the court
    rec = analyse_text("The Kenyan High Court struck down the finance law on Tuesday.")
    assert "SANCTION" in _types(rec)
    assert "ASSAULT" not in _types(rec)


def test_a_pledge_of_aid_is_a_promise(analyse_text):
    # PLOVER: an expressed intent to provide material aid is AGREE (CAMEO 033), not AID
    assert _types(analyse_text("China pledged funds to Syria.")) == ["AGREE"]
    assert _types(analyse_text("China sent funds to Syria.")) == ["AID"]


def test_nominal_accusation_is_an_act(analyse_text):
    # a legal accusation named by a noun with its parties (data/event_words.json nominal_acts)
    rec = analyse_text("The lawsuit by the Ministry of Finance against Acme Corporation was dismissed in May.")
    ev = [e for e in rec["events"] + rec["non_events"] if e["type"] == "ACCUSE"]
    assert ev and "lawsuit" in ev[0]["evidence"], rec["events"] + rec["non_events"]
    # bare, the same word is a topic, not an act
    rec = analyse_text("Senator Jane Doe is in charge of the budget committee.")
    assert "ACCUSE" not in [e["type"] for e in rec["events"] + rec["non_events"]]


def test_cameo_apology_is_concede():
    # CAMEO2PLOVER maps 055 to SUPPORT; guideline D14 (PLOVER's manual) codes it CONCEDE
    from newsgraph.nlp.plover import verb_code, verb_object_code
    assert verb_object_code("issue", "apology").type == "CONCEDE"
    assert verb_code("apologize").type == "CONCEDE"


def test_paying_tribute_is_support(analyse_text):
    rec = analyse_text("Prime Minister Jane Doe paid tribute to President John Smith on Friday.")
    # read through its object (data/plover_lexicon.json verb_objects)
    assert "SUPPORT" in [e["type"] for e in rec["events"] + rec["non_events"]], rec["events"] + rec["non_events"]


def test_recipient_verb_reads_its_object(analyse_text):
    # the act is the object's, done to the subject, by whoever "from" names (issue 14)
    rec = analyse_text("The mayor of Springfield, John Harlan, drew sharp criticism from the Green Party on Monday.")
    ev = events_of(rec, "ACCUSE")
    assert ev and "Green Party" in _names(rec, ev[0]["source"]) and "John Harlan" in _names(rec, ev[0]["target"])
    rec = analyse_text("Senator Maria Lopez received a ten-year prison sentence from the Federal Court in Madrid.")
    ev = events_of(rec, "COERCE")
    assert ev and "Maria Lopez" in _names(rec, ev[0]["target"])


def test_faced_sentence_is_a_prospect(analyse_text):
    rec = analyse_text("Senator Maria Lopez faces a ten-year prison sentence from the Federal Court in Madrid.")
    assert "COERCE" not in _types(rec)
    assert any(e["type"] == "COERCE" and e["reason"] == "future" for e in rec["non_events"])


def test_loaded_label_is_an_act(analyse_text):
    rec = analyse_text("Opposition leader Tom Baker called Prime Minister Anne Clark a liar on Tuesday.")
    ev = events_of(rec, "ACCUSE")
    assert ev and "Anne Clark" in _names(rec, ev[0]["target"])
    rec = analyse_text("Opposition leader Tom Baker called Prime Minister Anne Clark a hero on Tuesday.")
    assert "SUPPORT" in _types(rec) and "ACCUSE" not in _types(rec)


def test_neutral_or_thing_label_is_no_act(analyse_text):
    rec = analyse_text("The club named Tom Baker as its new coach on Tuesday.")
    assert not {"ACCUSE", "SUPPORT"} & set(_types(rec))
    rec = analyse_text("Opposition leader Tom Baker called it a disaster on Tuesday.")
    assert "ACCUSE" not in _types(rec)


def test_opened_a_case_against(analyse_text):
    rec = analyse_text("Prosecutors in Madrid opened a criminal case against Pedro Alvarez on Friday.")
    ev = events_of(rec, "ACCUSE")
    assert ev and "Pedro Alvarez" in _names(rec, ev[0]["target"])


def test_charge_as_grounds_of_an_arrest(analyse_text):
    # the accusation is aimed at the one arrested, by whoever arrested (issue 14)
    rec = analyse_text("Tennis player Marco Rossi was arrested by Italian police on Friday on a charge of fraud.")
    ev = events_of(rec, "ACCUSE")
    assert ev and "Marco Rossi" in _names(rec, ev[0]["target"])
    rec = analyse_text("Tennis player Marco Rossi was praised by Italian police on Friday for a charge of the cavalry.")
    assert "ACCUSE" not in _types(rec)


def test_dropped_charges_concede(analyse_text):
    rec = analyse_text("Prosecutors in Milan dropped the charges against Anna Verdi on Monday.")
    ev = events_of(rec, "CONCEDE")
    assert ev and "Anna Verdi" in _names(rec, ev[0]["target"])


def test_released_pronoun_is_a_person(analyse_text):
    rec = analyse_text("Police in Lagos arrested the journalist Ade Bello on Monday. They released him on bail on Tuesday.")
    ev = events_of(rec, "RETREAT")
    assert ev and "Ade Bello" in _names(rec, ev[0]["target"])
    rec = analyse_text("Police in Lagos released it on Tuesday.")
    assert "RETREAT" not in _types(rec)


def test_took_a_swipe_accuses(analyse_text):
    rec = analyse_text("Senator Tom Baker took a swipe at Governor Anne Clark on Twitter.")
    ev = events_of(rec, "ACCUSE")
    assert ev and "Anne Clark" in _names(rec, ev[0]["target"])


def test_boycott_is_protest(analyse_text):
    rec = analyse_text("Opposition parties boycotted the parliamentary session on Monday.")
    assert "PROTEST" in _types(rec) and "SANCTION" not in _types(rec)
    assert events_of(rec, "PROTEST")[0]["mode"] == "boycott"


def test_keeping_up_innocence_is_reject(analyse_text):
    rec = analyse_text("The former mayor of Naples has maintained his innocence since his arrest in March.")
    assert "REJECT" in _types(rec)
    rec = analyse_text("The senator's office rebutted the allegations on Thursday.")
    assert "REJECT" in _types(rec)


def test_admitting_responsibility_is_concede(analyse_text):
    rec = analyse_text("The Iranian government admitted responsibility for the downing of the airliner.")
    assert "CONCEDE" in _types(rec) and "AGREE" not in _types(rec)


def test_striking_a_deal_is_agree(analyse_text):
    rec = analyse_text("Boeing struck a deal with federal prosecutors on Friday.")
    assert "AGREE" in _types(rec)


def test_a_suspect_surrendering_himself_is_arrest(analyse_text):
    rec = analyse_text("Police said the suspect, John Miller, surrendered himself to police on Sunday.")
    assert "COERCE" in _types(rec) and "RETREAT" not in _types(rec)


def test_keeping_a_party_from_an_act_is_restriction(analyse_text):
    rec = analyse_text("Chinese authorities prevented foreign journalists from entering the region.")
    ev = events_of(rec, "COERCE")
    assert ev and ev[0]["mode"] == "restrict"
    rec = analyse_text("Chinese authorities prevented the spread of the virus.")
    assert "COERCE" not in _types(rec)


def test_pleading_not_guilty_is_read_as_a_denial(analyse_text):
    rec = analyse_text("Former Senator John Smith pleaded not guilty to charges brought by federal prosecutors.")
    both = _types(rec) + [e["type"] for e in rec.get("non_events", [])]
    assert "REJECT" in both and "REQUEST" not in both
    rec = analyse_text("John Smith pleaded guilty to fraud on Tuesday.")
    assert "CONCEDE" in _types(rec)
