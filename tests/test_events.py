"""Events: PLOVER coding on small sentences, with the real spaCy model."""
from __future__ import annotations

import pytest
from fixtures.records import events_of

from newsgraph.model import PLOVER_TYPES
from newsgraph.nlp.plover import NOUNS, VERBS, derived, verb_code


def _names(rec, ids):
    by_id = {a["id"]: a for a in rec["actors"]}
    out = []
    for i in ids:
        a = by_id[i]
        out.append(" ".join([a["name"], a.get("country") or ""] + [m["text"] for m in a["mentions"]]))
    return " | ".join(out)


@pytest.fixture()
def analyse_text(nlp):
    """The whole extraction on one short text (no ingest checks: the sentences are short)."""
    from newsgraph.model import Article, Metadata, to_record
    from newsgraph.nlp.pipeline import analyse

    def run(text: str, date: str = "2025-01-16"):
        article = Article(id="t", text=text, metadata=Metadata(date=date))
        return to_record(analyse(nlp(text), article))

    return run




def test_lexicon_types_are_plover():
    for table in (VERBS, NOUNS, derived()["verbs"]):
        for code in table.values():
            assert code.type in PLOVER_TYPES
    assert verb_code("denounce").type == "ACCUSE"
    assert verb_code("praise").type == "SUPPORT"
    assert verb_code("urge").type == "REQUEST"
    assert verb_code("threaten").type == "THREATEN"
    assert verb_code("refuse").type == "REJECT"


def test_verbal_event_with_source_target_and_date(analyse_text):
    rec = analyse_text("Japan attacked China on Monday, officials said.", date="2025-06-05")
    ev = events_of(rec, "ASSAULT")
    assert len(ev) == 1
    assert "Japan" in _names(rec, ev[0]["source"])
    assert "China" in _names(rec, ev[0]["target"])
    assert ev[0]["date"] == "2025-06-02"  # the Monday before a Thursday
    assert ev[0]["id"] == f"{rec['id']}:e1"
    assert 0 < ev[0]["confidence"] <= 1


def test_nominal_event_with_possessive_and_prepositional_target(analyse_text):
    rec = analyse_text("Critics in Europe questioned Brazil's blockade of Paraguay after the summit.")
    ev = events_of(rec, "COERCE")
    assert ev, rec["events"]
    assert "Brazil" in _names(rec, ev[0]["source"])
    assert "Paraguay" in _names(rec, ev[0]["target"])


def test_passive_agent_is_the_source(analyse_text):
    rec = analyse_text("Mexico was attacked by Guatemala last week, the ministry said.")
    ev = events_of(rec, "ASSAULT")
    assert ev
    assert "Guatemala" in _names(rec, ev[0]["source"])
    assert "Mexico" in _names(rec, ev[0]["target"])


def test_compound_actors_make_one_event(analyse_text):
    rec = analyse_text("Kenya and Uganda agreed to reopen their shared border on Friday.")
    ev = events_of(rec, "AGREE")
    assert len(ev) == 1
    names = _names(rec, ev[0]["source"])
    assert "Kenya" in names and "Uganda" in names


@pytest.mark.parametrize("text,parties", [
    # the parser folds the first name into the second's title phrase
    ("US President Barack Obama and Turkish President Recep Tayyip Erdoğan met in Ankara on Friday.",
     ("Obama", "Erdo")),
    ("The delegations of Portugal, Chile and Kenya met in Lisbon on Friday.",
     ("Portugal", "Chile", "Kenya")),
])
def test_coordinated_parties_are_all_found(analyse_text, text, parties):
    """A meeting of parties coordinated in one phrase is coded with all of them, not left
    with one side (``consult with one side``); a country qualifying a title is no party."""
    rec = analyse_text(text)
    ev = events_of(rec, "CONSULT")
    assert len(ev) == 1
    names = _names(rec, ev[0]["source"] + ev[0]["target"])
    assert all(p in names for p in parties)
    assert not any(n.startswith("United States") for n in names.split(" | "))


def test_subject_hanging_on_the_auxiliary_is_the_doer(analyse_text):
    """``X has, in a statement, called on ...``: the parser hangs the subject on ``has``."""
    rec = analyse_text("The Health Ministry has, in a statement, called on residents to stay home.")
    ev = events_of(rec, "REQUEST")
    assert len(ev) == 1 and "Ministry" in _names(rec, ev[0]["source"])


def test_calling_for_a_resignation_asks_the_one_who_should_resign(analyse_text):
    rec = analyse_text("Opposition leader Maria Lopez called for the resignation of Senator John Brown on Monday.")
    ev = events_of(rec, "REQUEST")
    assert len(ev) == 1
    assert "Lopez" in _names(rec, ev[0]["source"]) and "Brown" in _names(rec, ev[0]["target"])


@pytest.mark.parametrize("text,reason", [
    ("Spain did not attack Portugal.", "negated"),
    ("Egypt might attack Sudan.", "hedged"),
    ("Egypt will attack Sudan next week.", "future"),
    ("Egypt plans to attack Sudan.", "future"),
    ("If Egypt attacks Sudan, the region will suffer.", "hypothetical"),
    ("Egypt is torn between attacking Sudan and negotiating with its leaders.", "hypothetical"),
])
def test_unasserted_actions_are_non_events(analyse_text, text, reason):
    rec = analyse_text(text)
    assert not events_of(rec, "ASSAULT"), rec["events"]
    assert any(e["reason"] == reason for e in rec["non_events"]), rec["non_events"]


def test_caption_event_takes_caption_date(nlp):
    from newsgraph.model import Article, Caption, Metadata, Zone
    from newsgraph.nlp.pipeline import analyse

    cap = "Chile's president meets Peru's president in Lima, June 3, 2019."
    body = "Chile and Peru signed a fisheries accord on Tuesday."
    text = cap + "\n\n" + body
    article = Article(id="t-cap", text=text, metadata=Metadata(date="2025-01-16"),
                      captions=[Caption(cap, 0, len(cap), date="2019-06-03")],
                      zones=[Zone("caption", 0, len(cap)), Zone("body", len(cap) + 2, len(text))])
    analyse(nlp(text), article)
    caption_events = [e for e in article.events if e.from_caption]
    assert caption_events and caption_events[0].type == "CONSULT"
    assert caption_events[0].date == "2019-06-03"
    body_events = [e for e in article.events if not e.from_caption]
    assert body_events and body_events[0].date == "2025-01-14"


def test_background_event_is_historical(analyse_text):
    rec = analyse_text("Argentina had invaded Chile in 1978, long before the current row.", date="2025-03-01")
    ev = events_of(rec, "ASSAULT")
    assert ev and ev[0]["historical"] is True


def test_speech_act_is_linked_to_its_statement(analyse_text):
    rec = analyse_text('Norway denounced the bombing of Gaza as "a grave violation of international law".')
    acc = events_of(rec, "ACCUSE")
    assert acc, rec["events"]
    quotes = [q for q in rec["quotes"] if (q.get("cue") or "").startswith("denounce")]
    assert quotes, rec["quotes"]
    assert acc[0]["said_in"] == quotes[0]["id"]
    assert "Norway" in _names(rec, acc[0]["source"])
    bombing = events_of(rec, "ASSAULT")
    assert bombing and bombing[0]["id"] in quotes[0]["about"]
    assert quotes[0]["stance"] == "negative"


def test_events_only_from_story_text(nlp):
    from newsgraph.model import Article, Metadata, Zone
    from newsgraph.nlp.pipeline import analyse

    byline = "By Ann Lee, whose editor attacked Norway."
    body = "Iceland praised Greenland for its climate policy."
    text = byline + "\n\n" + body
    article = Article(id="t-story", text=text, metadata=Metadata(date="2025-01-16"),
                      zones=[Zone("byline", 0, len(byline)), Zone("body", len(byline) + 2, len(text))])
    analyse(nlp(text), article)
    assert all(e.start >= len(byline) for e in article.events + article.non_events)
    assert any(e.type == "SUPPORT" for e in article.events)


def test_stated_intent_is_coded_as_the_statement(analyse_text):
    # an announced retreat is a concession (D18, after PLOVER); another cooperative act an agreement
    rec = analyse_text("Colombia said it would release the detained Venezuelan soldiers on Friday.")
    assert any(e["type"] == "CONCEDE" and "Colombia" in _names(rec, e["source"]) for e in rec["events"]), rec["events"]
    rec = analyse_text("Colombia said it would send food and medicine to Venezuela on Friday.")
    assert any(e["type"] == "AGREE" and "Colombia" in _names(rec, e["source"]) for e in rec["events"]), rec["events"]
    rec = analyse_text("Ecuador said it would blockade Peru's ports.")
    assert any(e["type"] == "THREATEN" for e in rec["events"]), rec["events"]


def test_must_in_reported_speech_is_a_request(analyse_text):
    rec = analyse_text("Sweden declared that Finland must withdraw its troops from the border.")
    req = events_of(rec, "REQUEST")
    assert req and "Sweden" in _names(rec, req[0]["source"]) and "Finland" in _names(rec, req[0]["target"])


@pytest.mark.parametrize("content", [
    "Governor Tom Reed had been viciously smeared in a cruel and disgraceful campaign",
    "Governor Tom Reed was left sick, hurt and miserable by the terrible scandal",
])
def test_a_harsh_claim_about_a_passive_subject_accuses_no_one(analyse_text, monkeypatch, content):
    # the rules' tone heuristic alone (the statement-act model could code the statement
    # on its own): who undergoes a bad thing is not blamed for it
    monkeypatch.setenv("NEWSGRAPH_MODELS_OFF", "speech_events")
    rec = analyse_text(f"Senator Maria Lopez said {content}.")
    assert not any("Reed" in _names(rec, e["target"]) for e in rec["events"]), rec["events"]


def test_a_harsh_claim_about_an_active_subject_accuses_it(analyse_text, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_MODELS_OFF", "speech_events")
    rec = analyse_text("Senator Maria Lopez said Governor Tom Reed is a cruel and disgraceful liar.")
    acc = events_of(rec, "ACCUSE")
    assert acc and "Lopez" in _names(rec, acc[0]["source"]) and "Reed" in _names(rec, acc[0]["target"])


def test_lead_day_carries_over_in_the_paragraph(analyse_text):
    text = ("Police in Oslo arrested a Swedish suspect on Monday. Later, Norway expelled two Danish "
            "diplomats, the ministry said.")
    rec = analyse_text(text, date="2025-06-05")
    ev = [e for e in rec["events"] if e["type"] == "SANCTION"]
    assert ev and ev[0]["date"] == "2025-06-02"


def test_uncoded_verbs_make_no_events(analyse_text):
    rec = analyse_text("The minister of Portugal visited a school and read a book to the children.")
    assert all(e["type"] != "CONSULT" or e["target"] for e in rec["events"])
    assert not any(e["type"] in ("ASSAULT", "COERCE", "ACCUSE") for e in rec["events"])


def test_statement_links_are_set_by_their_own_stage(nlp):
    """The events stage leaves the statements as they were; ``newsgraph_links`` sets
    ``Quote.about`` from where the events are (issue 13: no stage edits another's output)."""
    from newsgraph.model import Article, Metadata
    from newsgraph.nlp.components import attach
    from newsgraph.nlp.pipeline import Stages, load_nlp

    text = 'Norway denounced the bombing of Gaza as "a grave violation of international law".'
    full = load_nlp()
    doc = attach(full.make_doc(text), Article(id="t", text=text, metadata=Metadata(date="2025-01-16")), Stages(), None)
    for name in full.pipe_names[:full.pipe_names.index("newsgraph_links")]:
        doc = full.get_pipe(name)(doc)
    quotes, events = doc._.ng_quotes, doc._.ng_events
    bombing = [e for e in events if e.type == "ASSAULT"]
    assert quotes and bombing and all(q.about == [] for q in quotes)
    assert any(a.event_id == bombing[0].id for a in doc._.ng_event_anchors)
    full.get_pipe("newsgraph_links")(doc)
    assert any(bombing[0].id in q.about for q in quotes)


def test_blaming_aims_at_who_is_blamed_not_the_victim(analyse_text):
    rec = analyse_text("The Israeli government blamed the bombing of the Jerusalem bus on Hamas.")
    acc = events_of(rec, "ACCUSE")
    assert acc and _names(rec, acc[0]["target"]).startswith("Hamas"), rec["events"]


def test_condemning_an_act_aims_at_its_named_doer(analyse_text):
    rec = analyse_text("Russian forces launched missile strikes on Kyiv on Monday. "
                       "Ukraine's president Volodymyr Zelensky condemned the attack.")
    acc = events_of(rec, "ACCUSE")
    assert acc, rec["events"]
    targets = _names(rec, acc[0]["target"])
    assert "Russia" in targets and "Kyiv" not in targets and "Ukraine" not in targets


def test_a_doer_the_speaker_did_not_name_is_no_target(analyse_text):
    # the killing's doer is read from the sentence before; the minister names no one
    rec = analyse_text("Syrian troops shelled Aleppo on Sunday. "
                       "The French foreign minister denounced the killing of the journalist Marie Colvin.")
    acc = events_of(rec, "ACCUSE")
    assert acc and "Syria" not in _names(rec, acc[0]["target"]), rec["events"]


def test_train_counts_type_words_the_lexicon_lacks_and_leave_its_own():
    from newsgraph.nlp.trigger_counts import counted, trained_code

    assert trained_code("verb", "impeach", None).type == "ACCUSE"  # not in the hand lexicon
    attack = VERBS["attack"]
    assert trained_code("verb", "attack", attack) is attack  # mostly verbal in train: too few to overrule
    assert counted("verb", "no-such-lemma") is None


def test_the_owner_of_a_criticised_thing_is_the_recipient(analyse_text):
    # "their government's response": the government, not the pronoun's antecedent
    rec = analyse_text("Chinese citizens have criticized their government's initial response to the outbreak.")
    acc = events_of(rec, "ACCUSE")
    assert acc and "government" in _names(rec, acc[0]["target"]), rec["events"]


def test_pleading_guilty_concedes_and_not_guilty_is_no_concession(analyse_text):
    rec = analyse_text("The former mayor pleaded guilty to fraud charges on Monday.")
    assert events_of(rec, "CONCEDE"), rec["events"]
    rec = analyse_text("The former mayor pleaded not guilty to fraud charges on Monday.")
    assert not events_of(rec, "CONCEDE"), rec["events"]


def test_reaction_to_an_act_named_by_a_generic_noun_aims_at_its_doer(analyse_text):
    # "the operation", "the move": the latest act reported before (this paragraph or the one
    # before), not a statement, is what the reaction is about; its doer is the target
    rec = analyse_text("Chile launched a military offensive against rebels in Peru on Wednesday.\n\n"
                       "The operation was condemned by Norway.")
    ev = events_of(rec, "ACCUSE")
    assert ev, rec["events"]
    assert "Norway" in _names(rec, ev[0]["source"])
    assert "Chile" in _names(rec, ev[0]["target"])
    rec = analyse_text("Sweden condemned the move on Tuesday.")
    assert not any(e["target"] for e in events_of(rec, "ACCUSE"))


@pytest.mark.parametrize("text,ptype,doer,recipient", [
    ("Police in Lyon said on Monday that a Belgian lorry driver was arrested after the crash.",
     "COERCE", "Police", "driver"),
    ("The Federal Court heard the case in March. The former mayor of Tarvin, Oskar Lind, was convicted "
     "of fraud on Tuesday.", "SANCTION", "Court", "Oskar Lind"),
])
def test_justice_act_without_doer_takes_the_articles_police_or_court(analyse_text, text, ptype, doer, recipient):
    rec = analyse_text(text)
    evs = events_of(rec, ptype)
    assert evs, rec["non_events"]
    assert doer in _names(rec, evs[0]["source"]), evs[0]
    assert recipient in _names(rec, evs[0]["target"]), evs[0]


@pytest.mark.parametrize("text,ptype", [
    ("A Belgian lorry driver was arrested after the crash.", "COERCE"),  # no police named anywhere
    ("Norway was attacked on Monday.", "ASSAULT"),  # no implied doer for an attack
])
def test_act_without_doer_is_kept_as_non_event_with_its_reason(analyse_text, text, ptype):
    rec = analyse_text(text)
    assert not events_of(rec, ptype), rec["events"]
    kept = [e for e in rec["non_events"] if e["type"] == ptype]
    assert kept and kept[0]["reason"] == "no doer" and not kept[0]["source"], rec["non_events"]
    assert kept[0]["confidence"] < 0.6


@pytest.mark.parametrize("text,ptype,who", [
    ("Police in Leeds stopped a van on Tuesday. Officers arrested the driver.", "COERCE", "driver"),
    ("Gunmen in Kano attacked a market on Friday, killing four.", "ASSAULT", "four"),
])
def test_an_object_that_names_people_is_the_recipient(analyse_text, text, ptype, who):
    rec = analyse_text(text)
    evs = events_of(rec, ptype)
    assert evs and any(who in _names(rec, e["target"]) for e in evs), rec["events"]


def test_a_pronoun_with_no_named_antecedent_stands_for_the_people_noun_before_it(analyse_text):
    rec = analyse_text("A lorry driver ran a red light on Sunday morning. Police detained him for questioning.")
    evs = events_of(rec, "COERCE")
    assert evs and "driver" in _names(rec, evs[0]["target"]), rec["events"]


def test_a_thing_as_object_is_no_recipient(analyse_text):
    rec = analyse_text("Police in Leeds seized the van on Tuesday.")
    assert all(not e["target"] for e in events_of(rec, "COERCE")), rec["events"]


def test_a_passive_takes_its_doer_from_the_act_it_happened_in(analyse_text):
    rec = analyse_text("The rebel commander was killed in a Ugandan raid near the border on Monday.")
    killed = [e for e in events_of(rec, "ASSAULT") if "commander" in _names(rec, e["target"])]
    assert killed and "Uganda" in _names(rec, killed[0]["source"]), rec["events"]
    rec = analyse_text("The new mining law was condemned in a statement by Norway on Friday.")
    acc = events_of(rec, "ACCUSE")
    assert acc and "Norway" in _names(rec, acc[0]["source"]), (rec["events"], rec["non_events"])


def test_who_is_under_an_act_is_its_recipient(analyse_text):
    rec = analyse_text("The ministers of Norway met in Oslo, where they noted that Belarus remains under EU sanctions.")
    sanctions = events_of(rec, "SANCTION")
    assert sanctions and "Belarus" in _names(rec, sanctions[0]["target"]), rec["events"]


def test_an_object_pronoun_is_not_the_doer_itself(analyse_text):
    rec = analyse_text("Students marched to the embassy in Quito on Monday. Police fired tear gas at them.")
    evs = [e for e in events_of(rec, "ASSAULT") if "Police" in e["evidence"]]
    assert evs and "Students" in _names(rec, evs[0]["target"]), rec["events"]


@pytest.mark.parametrize("text,ptype,reason,side", [
    ("A suicide bombing shook the central market on Monday.", "ASSAULT", "no party", None),
    ("The talks with Iran resumed in Geneva on Monday.", "CONSULT", "consult with one side", "Iran"),
])
def test_noun_act_without_its_parties_is_recorded_as_non_event(analyse_text, text, ptype, reason, side):
    """A noun act whose parties are not found is kept in non_events with the reason (issue
    14: not dropped), with the side it has, and stays out of the events."""
    rec = analyse_text(text)
    assert not events_of(rec, ptype), rec["events"]
    kept = [e for e in rec["non_events"] if e["type"] == ptype]
    assert len(kept) == 1 and kept[0]["reason"] == reason, rec["non_events"]
    assert kept[0]["evidence"] in text and kept[0]["id"].endswith(":n1")
    if side is None:
        assert not kept[0]["source"] and not kept[0]["target"]
    else:
        assert side in _names(rec, kept[0]["source"] + kept[0]["target"])


def test_recorded_non_events_are_in_text_order(analyse_text):
    rec = analyse_text("Egypt will attack Sudan next week. A suicide bombing shook the central market on Monday. "
                       "Spain did not attack Portugal.")
    reasons = [e["reason"] for e in rec["non_events"]]
    assert reasons == ["future", "no party", "negated"], rec["non_events"]
    assert [e["id"].rsplit(":", 1)[1] for e in rec["non_events"]] == ["n1", "n2", "n3"]


def test_a_month_is_no_march(analyse_text):
    rec = analyse_text("Farmers protested against the tax in Paris in March.")
    assert not [e for e in rec["events"] + rec["non_events"] if e["evidence"] == "March"], rec["non_events"]


@pytest.mark.parametrize("text,side,place", [
    ("Leaders of the Arab League member states met in Cairo on Sunday.", "Arab League", "Cairo"),
    ("Dutch officials held talks in Moscow on Monday.", "Dutch", "Moscow"),
    ("Catholic bishops of several dioceses attended a summit in Vienna last week.", "bishops", "Vienna"),
])
def test_members_meeting_at_a_place_is_a_consultation_without_recipient(analyse_text, text, side, place):
    """A plural side meeting or negotiating is a multilateral consultation (the actor alone);
    the place it met in is the scene, not a party (``locative_preps``, ``scene_types``)."""
    rec = analyse_text(text)
    ev = events_of(rec, "CONSULT")
    assert len(ev) == 1, (rec["events"], rec["non_events"])
    assert side in _names(rec, ev[0]["source"]) and not ev[0]["target"], ev[0]
    assert place not in _names(rec, ev[0]["source"] + ev[0]["target"])


def test_one_person_meeting_at_a_place_is_consult_with_one_side(analyse_text, monkeypatch):
    # the filter's verdict (with the verifier on, it is one of its features)
    monkeypatch.setenv("NEWSGRAPH_MODELS_OFF", "event_confidence")
    rec = analyse_text("The prime minister met in London on Monday.")
    assert not events_of(rec, "CONSULT"), rec["events"]
    kept = [e for e in rec["non_events"] if e["type"] == "CONSULT"]
    assert kept and kept[0]["reason"] == "consult with one side" and not kept[0]["target"], rec["non_events"]


def test_a_meeting_with_someone_in_a_city_keeps_the_one_met(analyse_text):
    rec = analyse_text("President Emmanuel Macron met Chancellor Olaf Scholz in Berlin on Monday.")
    ev = events_of(rec, "CONSULT")
    assert len(ev) == 1 and "Scholz" in _names(rec, ev[0]["target"]) and "Berlin" not in _names(rec, ev[0]["target"])


def test_a_filtered_act_the_verifier_trusts_is_coded(analyse_text, monkeypatch):
    """An act a finishing filter sets aside (here a broad CAMEO synset's verb: 'derived', or
    'low confidence' on the rules' score) is coded when the verifier's probability
    (nlp/event_verifier.py) reaches the model's ``keep_at``, and stays a non-event with the
    filter's reason below it, the reason the filters give with no verifier."""
    from newsgraph.nlp import event_verifier

    if event_verifier.model() is None:
        pytest.skip("no verifier shipped")
    from newsgraph.nlp import events as events_stage

    # the thresholds are set both ways, so the test holds whatever the retrained models'
    # scores for this one sentence are: the rules' floor puts it aside ('low confidence';
    # a retrain moved its raw score from under the shipped floor to over it), the
    # verifier's cut-off lets it in or keeps it out
    monkeypatch.setattr(events_stage, "MIN_CONFIDENCE", 1.01)
    text = "The mother called the police after the shooting on Friday."
    monkeypatch.setattr(event_verifier, "keep_at", lambda m: 0.0)
    trusted = analyse_text(text)
    monkeypatch.setattr(event_verifier, "keep_at", lambda m: 1.01)
    distrusted = analyse_text(text)
    ev = events_of(trusted, "REQUEST")
    assert len(ev) == 1 and "mother" in _names(trusted, ev[0]["source"]) \
        and "police" in _names(trusted, ev[0]["target"])
    assert 0.0 < ev[0]["confidence"] < 1.0
    assert not events_of(distrusted, "REQUEST")
    monkeypatch.setenv("NEWSGRAPH_MODELS_OFF", "event_confidence")
    filters = [e["reason"] for e in analyse_text(text)["non_events"] if e["type"] == "REQUEST"]
    assert filters == ["low confidence"]
    assert [e["reason"] for e in distrusted["non_events"] if e["type"] == "REQUEST"] == filters


def test_with_no_verifier_the_filters_decide(analyse_text, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_MODELS_OFF", "event_confidence")
    rec = analyse_text("The talks ended. The minister promised on Monday.")
    assert not events_of(rec, "AGREE")
    assert [e["reason"] for e in rec["non_events"] if e["type"] == "AGREE"] == ["vague"]


def test_a_brought_back_act_that_repeats_a_coded_one_stays_out(analyse_text, monkeypatch):
    """The same doer's act of the same type in the same paragraph, once set aside by a
    filter and once coded, is one act reported twice (``same_acts``)."""
    from newsgraph.nlp import event_verifier

    if event_verifier.model() is None:
        pytest.skip("no verifier shipped")
    monkeypatch.setattr(event_verifier, "keep_at", lambda m: 0.0)
    rec = analyse_text("President Anna Berg promised on Monday. Berg promised Elbonia new loans.")
    agree = events_of(rec, "AGREE")
    assert len(agree) == 1 and "Elbonia" in _names(rec, agree[0]["target"])
    assert [e["reason"] for e in rec["non_events"] if e["type"] == "AGREE"] == ["vague"]


@pytest.mark.parametrize("text,etype", [
    ("The farmers' union protested against the new fuel tax on Monday.", "PROTEST"),
    ("Hundreds of teachers protested outside the ministry in Lisbon.", "PROTEST"),
    ("The nurses protested by blocking the main road to the hospital.", "PROTEST"),
    ("Japan protested the decision of the Chinese government.", "ACCUSE"),
    ("Japan protested that China had broken the agreement.", "ACCUSE"),
])
def test_protesting_is_a_demonstration_unless_a_complaint_is_named(analyse_text, text, etype):
    # an object or a clause names what is complained of (ACCUSE, CAMEO 114); with neither,
    # or done by a crowd, protesting is demonstrating (PROTEST), kept or set aside alike
    rec = analyse_text(text)
    got = [e["type"] for e in rec["events"] + rec["non_events"] if "protest" in e["evidence"]]
    assert got == [etype], rec["events"] + rec["non_events"]


def test_a_protest_naming_no_one_is_by_the_articles_protesters_once(analyse_text):
    # the crowd the article names made the protest; its later mentions are the same protest
    rec = analyse_text("Thousands of protesters filled the main square of Lima on Friday. "
                       "The protests lasted three days, and the rally ended peacefully on Sunday.")
    ev = events_of(rec, "PROTEST")
    assert len(ev) == 1 and "protesters" in _names(rec, ev[0]["source"]), rec["events"]
    assert any(e["type"] == "PROTEST" and e["reason"] == "no party" for e in rec["non_events"])


def test_a_protest_with_no_crowd_named_stays_without_a_party(analyse_text):
    rec = analyse_text("A march blocked the bridge on Friday.")
    assert not events_of(rec, "PROTEST")
    assert any(e["type"] == "PROTEST" and e["reason"] == "no party" for e in rec["non_events"])


@pytest.mark.parametrize("text, word", [
    ("The talks failed. Interior minister Paolo Verdi offered to resign on Friday.", "offered"),
    ("The deal was signed. Israel promised to release 400 Palestinian prisoners on Sunday.", "promised"),
    ("The war dragged on. Norway's government said on Monday that Norway will withdraw its troops "
     "from Iraq.", "withdraw"),
])
def test_a_pledged_or_announced_retreat_is_a_concession(analyse_text, text, word):
    # guideline D18 after PLOVER ("the promise of future concessions"): the pledge or the
    # announcement is CONCEDE, not the AGREE of an ordinary pledge
    rec = analyse_text(text)
    got = [e["type"] for e in rec["events"] + rec["non_events"] if word in e["evidence"]]
    assert got == ["CONCEDE"], rec["events"] + rec["non_events"]


def test_agreeing_to_a_retreat_stays_an_agreement(analyse_text):
    rec = analyse_text("The ceasefire held. Kenya agreed to withdraw its troops from the border.")
    got = [e["type"] for e in rec["events"] + rec["non_events"] if "agreed" in e["evidence"]]
    assert got == ["AGREE"], rec["events"] + rec["non_events"]


def test_a_bill_voted_down_is_rejected(analyse_text):
    rec = analyse_text("The debate was long. The Senate voted down the health care bill on Tuesday.")
    got = [e["type"] for e in rec["events"] + rec["non_events"] if "voted" in e["evidence"]]
    assert got == ["REJECT"], rec["events"] + rec["non_events"]


def test_a_reduced_passive_does_not_make_its_noun_the_doer(analyse_text):
    # "Asked whether he would resign, Smith said …": Smith was asked; he asked no one
    rec = analyse_text("The summit ended early.\n\nAsked whether he would resign, Smith said he would not.")
    assert not [e for e in rec["events"] if "Asked" in e["evidence"] and _names(rec, e["source"])], rec["events"]
