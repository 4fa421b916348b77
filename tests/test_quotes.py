"""Statements: every quotation style, mixed and indirect speech, speakers, cues.

Sentences are made up for these tests; they run through the real model and the
whole extraction (``analyse_text``), so they check what the export carries.
"""
from __future__ import annotations

import pytest

from newsgraph.nlp.quotes import scan_marks


def quotes_of(rec):
    return rec["quotes"]


def actor_name(rec, actor_id):
    return next((a["name"] for a in rec["actors"] if a["id"] == actor_id), None)


def only(rec):
    qs = quotes_of(rec)
    assert len(qs) == 1, qs
    return qs[0]


# -- quotation marks, without the model --------------------------------------
@pytest.mark.parametrize("text, inner", [
    ('He said "we are ready" today.', ["we are ready"]),
    ("He said “we are ready” today.", ["we are ready"]),
    ("He said «we are ready» today.", ["we are ready"]),
    ("He said ‘we are ready’ today.", ["we are ready"]),
    ("He said ''we are ready'' today.", ["we are ready"]),
    ("The farmers’ union and Pike’s family don’t agree, it’s clear.", []),
    ("She said: “It’s the workers’ money and we won’t give it back.”",
     ["It’s the workers’ money and we won’t give it back."]),
])
def test_scan_marks_styles_and_apostrophes(text, inner):
    assert [text[q.start:q.end] for q in scan_marks(text)] == inner


def test_scan_marks_unclosed_paragraph_continues():
    text = 'Pike said: "The first night was the worst.\n\n"By morning the barn was gone."\n\nLater, calm.'
    (q,) = scan_marks(text)
    assert text[q.start:q.end] == 'The first night was the worst.\n\n"By morning the barn was gone.'
    assert len(q.pieces) == 2


def test_scan_marks_unclosed_paragraph_ends_with_it():
    text = 'Pike said: "The first night was the worst.\n\nThe rain stopped on Friday.'
    (q,) = scan_marks(text)
    assert text[q.start:q.end] == "The first night was the worst."
    assert not q.closed


# -- direct quotes -----------------------------------------------------------
def test_direct_cue_after(analyse_text):
    rec = analyse_text('"We will rebuild the bridge by spring," Mayor Ellen Hargrove said on Tuesday.')
    q = only(rec)
    assert q["kind"] == "direct"
    assert q["content"] == "We will rebuild the bridge by spring,"
    assert q["cue"] == "said"
    assert "Hargrove" in q["speaker_text"]
    assert "Hargrove" in actor_name(rec, q["speaker"])
    text = rec["text"]
    assert text[q["cue_start"]:q["cue_end"]] == "said"
    assert text[q["speaker_start"]:q["speaker_end"]] == q["speaker_text"]


def test_direct_curly_cue_before(analyse_text):
    rec = analyse_text("Ellen Hargrove told reporters: “The river has never risen this fast in my lifetime.”")
    q = only(rec)
    assert q["kind"] == "direct"
    assert q["content"] == "The river has never risen this fast in my lifetime."
    assert q["cue"].startswith("told")
    assert "Hargrove" in q["speaker_text"]


def test_direct_guillemets(analyse_text):
    rec = analyse_text("Minister Tomas Berg said: «The border will stay open to trucks until further notice.»")
    q = only(rec)
    assert q["content"] == "The border will stay open to trucks until further notice."
    assert "Berg" in q["speaker_text"]


def test_direct_single_quotes_with_apostrophes(analyse_text):
    rec = analyse_text("Tomas Berg said: ‘We don’t expect a vote on the farmers’ bill before the holidays.’")
    q = only(rec)
    assert q["content"] == "We don’t expect a vote on the farmers’ bill before the holidays."
    assert "Berg" in q["speaker_text"]


@pytest.mark.parametrize("text", [
    '"We are ready for the storm," Tomas Berg said, "and we will not wait for help."',
    '"We are ready for the storm," Tomas Berg said. "We will not wait for help."',
])
def test_quote_split_by_its_cue_is_two_statements(analyse_text, text):
    """A5: one statement per quoted part, same speaker, same cue."""
    rec = analyse_text(text)
    first, second = quotes_of(rec)
    assert [q["kind"] for q in (first, second)] == ["direct", "direct"]
    assert first["content"] == "We are ready for the storm,"
    assert second["content"].endswith("not wait for help.")
    assert first["cue"] == second["cue"] == "said"
    assert (first["cue_start"], first["speaker_start"]) == (second["cue_start"], second["speaker_start"])
    assert "Berg" in first["speaker_text"]


def test_unclosed_paragraph_continues_into_next(analyse_text):
    text = ('Farmer Jonas Pike said: "The first night was the worst. Nobody in the valley slept.\n\n'
            '"By morning the barn was gone and the road with it."\n\nThe county opened a shelter on Friday.')
    rec = analyse_text(text)
    q = only(rec)
    assert q["content"].startswith("The first night")
    assert q["content"].endswith("the road with it.")
    assert "Pike" in q["speaker_text"]


def test_floating_quote_takes_previous_speaker(analyse_text):
    text = ('"The water came in overnight and kept rising," said farmer Jonas Pike.\n\n'
            '"We lost half the herd before anyone could reach us on the hill."')
    rec = analyse_text(text)
    qs = quotes_of(rec)
    assert len(qs) == 2
    assert qs[1]["content"].startswith("We lost half the herd")
    assert qs[1]["speaker"] == qs[0]["speaker"] is not None


def test_pronoun_speaker_resolves_to_the_person(analyse_text):
    rec = analyse_text("Ellen Hargrove visited the flooded district on Monday. "
                       "She said the repairs would cost the city millions.")
    q = only(rec)
    assert q["kind"] == "indirect"
    assert q["speaker_text"] == "She"
    assert "Hargrove" in actor_name(rec, q["speaker"])
    assert q["content"] == "the repairs would cost the city millions"


def test_outlet_headline_is_its_statement(analyse_text):
    rec = analyse_text("The Daily Ledger answered with an editorial titled: “Our city deserves better bridges.”")
    q = only(rec)
    assert q["cue"] == "titled"
    assert "Ledger" in q["speaker_text"]


# -- mixed and indirect ------------------------------------------------------
def test_mixed_quote(analyse_text):
    rec = analyse_text('Ellen Hargrove expressed "cautious optimism" that the new dam would hold.')
    q = only(rec)
    assert q["kind"] == "mixed"
    assert "cautious optimism" in q["content"]
    assert q["cue"] == "expressed"
    assert "Hargrove" in q["speaker_text"]


def test_indirect_said_that(analyse_text):
    rec = analyse_text("Tomas Berg said that the border crossing would reopen on Monday.")
    q = only(rec)
    assert q["kind"] == "indirect"
    assert q["content"] == "the border crossing would reopen on Monday"
    assert q["cue"] == "said"


def test_according_to(analyse_text):
    rec = analyse_text("According to the regional health agency, fourteen people were treated for smoke inhalation.")
    q = only(rec)
    assert q["cue"].lower() == "according to"
    assert "health agency" in q["speaker_text"]
    assert q["content"] == "fourteen people were treated for smoke inhalation"


def test_unnamed_source_and_belief(analyse_text):
    rec = analyse_text("Local officials fear that the levee could fail again next winter.")
    q = only(rec)
    assert q["speaker_text"] == "Local officials"
    assert q["content"] == "the levee could fail again next winter"
    unnamed = next(a for a in rec["actors"] if a["id"] == q["speaker"])
    assert unnamed["kind"] == "unnamed"


def test_denial(analyse_text):
    rec = analyse_text("The mining company denied that it had dumped waste into the river.")
    q = only(rec)
    assert q["cue"] == "denied"
    assert q["content"] == "it had dumped waste into the river"


# -- not statements ----------------------------------------------------------
@pytest.mark.parametrize("text", [
    'The so-called "peace plan" was published on Friday by the council.',
    'Berg starred in the film "The Long Night Home" before entering politics.',
    "The farmers’ union and Pike’s family don’t agree on the new road.",
    "Will the bridge be ready by spring? Nobody knows yet.",
])
def test_not_statements(analyse_text, text):
    assert quotes_of(analyse_text(text)) == []


def test_quote_ids_are_stable_and_ordered(analyse_text):
    text = ('Tomas Berg said the border would reopen. "We are ready for the storm," Ellen Hargrove said.')
    a, b = analyse_text(text), analyse_text(text)
    assert [q["id"] for q in a["quotes"]] == [q["id"] for q in b["quotes"]]
    assert [q["id"] for q in a["quotes"]] == [f"{a['id']}:q1", f"{a['id']}:q2"]
    assert a["quotes"][0]["start"] < a["quotes"][1]["start"]


def test_quotation_signed_with_a_dash(analyse_text):
    rec = analyse_text("Readers wrote in all week.\n\n“The new bridge changed how we shop and where we work.” ― Marta Delgado")
    q = only(rec)
    assert q["content"] == "The new bridge changed how we shop and where we work."
    assert "Delgado" in q["speaker_text"]


def test_transcript_line_led_by_a_speaker_name(analyse_text):
    text = ("Senator Ruth Okafor spoke to the radio host on Sunday.\n\n"
            "OKAFOR: We will not vote for a budget that closes rural hospitals.")
    rec = analyse_text(text)
    q = only(rec)
    assert q["content"] == "We will not vote for a budget that closes rural hospitals."
    assert "Okafor" in actor_name(rec, q["speaker"])


def test_it_said_resolves_to_the_organisation(analyse_text):
    rec = analyse_text("Northwind Airlines cancelled 40 flights on Monday. "
                       "It said the storm had grounded most of its fleet.")
    q = only(rec)
    assert q["speaker_text"] == "It"
    assert q["speaker"] is not None
    assert "Northwind" in actor_name(rec, q["speaker"])


def test_document_speaks_for_its_author(analyse_text):
    rec = analyse_text("According to a statement from Northwind Airlines, all flights would resume on Friday.")
    q = only(rec)
    assert q["content"] == "all flights would resume on Friday"
    assert "Northwind" in actor_name(rec, q["speaker"])


def test_reported_adverb_has_no_speaker(analyse_text):
    rec = analyse_text("Reportedly, the two ministers met in secret before the vote.")
    q = only(rec)
    assert q["cue"] == "Reportedly"
    assert q["speaker"] is None and q["speaker_text"] is None
    assert q["content"] == "the two ministers met in secret before the vote"


def test_channel_of_a_statement(analyse_text):
    rec = analyse_text("In a statement posted on its website, the Northwind board denied that the airline was for sale.")
    q = only(rec)
    assert q["cue"] == "denied"
    assert q["channel"] == "In a statement posted on its website"
    assert q["content"] == "the airline was for sale"


def test_pronoun_fallback_without_coreference(nlp):
    """With an index that knows only names, "she" still finds the last person
    named before it, preferring a subject."""
    from newsgraph.model import Actor, Article, Mention
    from newsgraph.nlp.actors import ActorIndex
    from newsgraph.nlp.quotes import extract_quotes

    text = ("Ellen Hargrove met the Northwind board on Monday. "
            "She said the company would keep its regional routes.")
    article = Article(id="t", text=text)
    doc = nlp(text)
    index = ActorIndex(article, doc)
    index.add(Actor(id="person:ellen-hargrove", name="Ellen Hargrove", kind="person",
                    mentions=[Mention("Ellen Hargrove", 0, 14)]))
    s = text.index("Northwind")
    index.add(Actor(id="org:northwind", name="Northwind", kind="organization",
                    mentions=[Mention("Northwind", s, s + 9)]))
    (q,) = extract_quotes(doc, article, index)
    assert q.speaker_text == "She"
    assert q.speaker == "person:ellen-hargrove"
    assert q.content == "the company would keep its regional routes"
    assert q.id == "t:q1"


def test_headline_and_byline_are_not_statements(extractor):
    from newsgraph.ingest.text import read_text
    from newsgraph.settings import get_settings

    text = ("date 2026-03-04\nMayor says bridge will reopen\nBy Anna Writer, Example Times\n\n"
            "The mayor said the bridge would reopen on Monday.\n")
    article = extractor.one(read_text(text, "<test>", get_settings(), None))
    assert [q.content for q in article.quotes] == ["the bridge would reopen on Monday"]


# -- one statement per report (nlp/nesting.py) --------------------------------
def test_report_inside_a_report_is_part_of_it(analyse_text):
    rec = analyse_text("Ellen Hargrove noted that the council had rejected the plan for a second bridge.")
    q = only(rec)
    assert q["cue"] == "noted"
    assert q["content"] == "the council had rejected the plan for a second bridge"


def test_belief_inside_a_report_is_part_of_it(analyse_text):
    rec = analyse_text("Ellen Hargrove said she believed the dam would hold through the winter.")
    q = only(rec)
    assert q["cue"] == "said"
    assert "believed" in q["content"]


@pytest.mark.parametrize("text, speaker", [
    ("Witnesses, according to the Daily Ledger, said a man attacked the guards near the gate.", "Witnesses"),
    ("Reuters reported on Monday that a senior government source said the ban was only temporary.",
     "a senior government source"),
])
def test_relayed_report_keeps_its_own_source(analyse_text, text, speaker):
    q = only(analyse_text(text))
    assert q["cue"] == "said"
    assert q["speaker_text"] == speaker


# -- noun-phrase attributions, wishes, evaluations ----------------------------
def test_in_the_view_of_a_source(analyse_text):
    q = only(analyse_text("In the view of the regional water board, the new dam is too expensive to finish."))
    assert q["cue"] == "In the view"
    assert q["content"] == "the new dam is too expensive to finish"
    assert "water board" in q["speaker_text"]


def test_view_phrase_inside_its_clause_is_left_out(analyse_text):
    rec = analyse_text("The new dam, in the analysis of the Institute for Water Studies, is too expensive to finish.")
    q = only(rec)
    text = rec["text"]
    assert [text[s:e] for s, e in q["fragments"]] == ["The new dam", "is too expensive to finish"]
    assert "Institute" in q["speaker_text"]


def test_wish_about_someone_else_is_a_statement(analyse_text):
    """A4: ``X wants Y to resign`` is X's position; ``X wants to run`` is a plan, no statement."""
    q = only(analyse_text("The opposition leader Marta Delgado wants the finance minister to resign."))
    assert q["cue"] == "wants"
    assert q["content"] == "the finance minister to resign"
    assert quotes_of(analyse_text("The opposition leader Marta Delgado wants to run for mayor next year.")) == []


def test_evaluation_keeps_the_charge(analyse_text):
    q = only(analyse_text("Mayor Ellen Hargrove accused the contractor of hiding the cracks in the dam."))
    assert q["cue"] == "accused"
    assert q["content"] == "the contractor of hiding the cracks in the dam"


def test_coordinated_promise_is_one_content(analyse_text):
    q = only(analyse_text("The company pledged to cap and then gradually reduce its emissions."))
    assert q["content"] == "to cap and then gradually reduce its emissions"


@pytest.mark.parametrize("text, cue, content", [
    ("The council likened the new tax to a fine on small farms.", "likened", "the new tax to a fine on small farms"),
    ("The Green Party strongly opposes the expansion of the airport.", "opposes", "the expansion of the airport"),
    ("The minister reaffirmed that the border would stay open to trucks.", "reaffirmed",
     "the border would stay open to trucks"),
])
def test_more_reporting_verbs(analyse_text, text, cue, content):
    q = only(analyse_text(text))
    assert (q["cue"], q["content"]) == (cue, content)


def test_label_verb_without_a_label_is_an_act(analyse_text):
    """``named a coach`` appoints; ``named X as a terrorist group`` evaluates."""
    assert quotes_of(analyse_text("The club named a new coach for the coming season.")) == []
    q = only(analyse_text("The minister named the militia as a terrorist organisation."))
    assert q["content"] == "the militia as a terrorist organisation"


def test_pronoun_object_with_a_label_is_an_evaluation(analyse_text):
    """A3: ``called it a disgrace`` evaluates what ``it`` stands for; ``named it X`` gives a
    name, and a pronoun object with no label reports nothing."""
    q = only(analyse_text("The union leader called it a betrayal of the workers."))
    assert (q["cue"], q["content"]) == ("called", "it a betrayal of the workers")
    q = only(analyse_text('The mayor called it "reckless" and "deeply unfair".'))
    assert q["kind"] == "mixed" and q["content"].startswith("it")
    assert quotes_of(analyse_text('The army named it "Operation Northern Shield".')) == []
    assert quotes_of(analyse_text("The spokeswoman confirmed it on Monday.")) == []


def test_promise_with_two_coordinated_infinitives_is_one_content(analyse_text):
    q = only(analyse_text("The government promised to meet and in some cases exceed the climate targets."))
    assert q["content"] == "to meet and in some cases exceed the climate targets"


def test_by_phrase_after_the_object_names_its_doer(analyse_text):
    """``described crass behavior by the host``: the parser hangs the by-phrase on the
    active verb; it belongs to the object. ``by saying`` is the means and stays out."""
    q = only(analyse_text("Former crew members described crass behavior by the host behind the scenes."))
    assert q["content"] == "crass behavior by the host behind the scenes"
    first = quotes_of(analyse_text("The senator criticised the plan by saying it would cost too much."))[0]
    assert first["content"] == "the plan"


def test_agentless_passive_reports_only_with_a_reporting_verb(analyse_text):
    """D1: ``was said to`` / ``were told to`` report with no speaker; ``is expected to``
    and ``are considered`` are the article's own narration."""
    q = only(analyse_text("Residents were told to stay off the roads until Friday."))
    assert q["speaker"] is None and q["content"] == "to stay off the roads until Friday"
    assert quotes_of(analyse_text("The storm is expected to reach the coast late on Wednesday night.")) == []


# -- sources behind relays and descriptions -----------------------------------
@pytest.mark.parametrize("text, speaker", [
    (("According to the Daily Courier, a spokesman for the harbour authority said the ferry "
      "would resume service on Monday."), "spokesman"),
    (("According to the state news agency Tasnim, the prosecutor general of Tehran, Karim Dastani, "
      "said the suspects must face trial."), "Karim Dastani"),
])
def test_a_relayed_report_is_the_speakers(analyse_text, text, speaker):
    """``According to X, Y said ...``: X only relays Y's statement (one statement, Y's)."""
    rec = analyse_text(text)
    q = only(rec)
    assert speaker in q["speaker_text"]
    assert q["cue"] == "said"


def test_a_name_coordinated_with_its_description_speaks(analyse_text):
    rec = analyse_text("Retired army colonel and security analyst Peter Lindqvist told the radio station "
                       "the border crossing had been closed for a week.")
    q = only(rec)
    assert "Lindqvist" in q["speaker_text"]


def test_a_name_inside_a_phrase_before_the_subject_does_not_speak(analyse_text):
    rec = analyse_text("Speaking to the newspaper Star of Fenwick, engineer Maria Ostrova said, "
                       "\"It is a proud moment for the whole crew and for the town.\"")
    q = only(rec)
    assert "Ostrova" in q["speaker_text"]


@pytest.mark.parametrize("text, speaker", [
    ("According to reports, the mayor of Fenwick resigned after the vote on Tuesday.", None),
    ("According to media reports, the mayor of Fenwick resigned after the vote on Tuesday.", None),
    ("According to government reports, the mayor of Fenwick resigned after the vote on Tuesday.",
     "government reports"),
])
def test_reports_with_no_one_behind_them_have_no_speaker(analyse_text, text, speaker):
    """D1: ``according to reports`` is a statement with no speaker; a report with an
    author named (``government reports``) is that author's."""
    q = only(analyse_text(text))
    assert q["speaker_text"] == speaker


def test_a_quote_a_clause_introduces_with_a_colon_is_its_subjects(analyse_text):
    """No reporting verb, but a colon after a clause whose subject can speak (cue null)."""
    rec = analyse_text("Senator Marta Delgado took a parting shot on the radio: \"The harbour plan was "
                       "a waste of money from the very first day.\"")
    q = only(rec)
    assert q["kind"] == "direct" and q["cue"] is None
    assert "Delgado" in q["speaker_text"]


def test_an_infinitive_before_a_colon_is_not_the_cue(analyse_text):
    rec = analyse_text("Pike explained the decision to call the boat Nordlys: \"My grandfather sailed a "
                       "boat with that name for forty years.\"")
    q = only(rec)
    assert q["cue"] == "explained" and "Pike" in q["speaker_text"]


def test_a_passive_report_has_its_subject_as_content(analyse_text):
    q = only(analyse_text("The accusation was denied by Irma Kovac, the mayor's lawyer."))
    assert q["content"] == "The accusation" and q["cue"] == "denied"
    assert "Kovac" in q["speaker_text"]


# -- content boundaries (A10) -----------------------------------------------------
def test_coordinated_clauses_before_the_cue_are_one_content(analyse_text):
    text = ("The new bridge will cost four million euros, but rising steel prices and a shortage "
            "of welders are likely to delay it, he noted.")
    q = only(analyse_text(text))
    assert q["content"].startswith("The new bridge will cost")
    assert q["content"].endswith("likely to delay it")


def test_an_adverbial_clause_right_after_the_content_is_reported_too(analyse_text):
    q = only(analyse_text("The ministry projected a budget deficit if the tax cuts were passed."))
    assert q["content"] == "a budget deficit if the tax cuts were passed"
    # "…, adding …" is the same speaker's next statement, not part of the first
    qs = quotes_of(analyse_text("The minister said the tax would rise, adding that the deficit was too high."))
    assert [(q["cue"], q["content"]) for q in qs] == [("said", "the tax would rise"),
                                                      ("adding", "the deficit was too high")]


# -- beliefs (A4) and documents (A7) --------------------------------------------
@pytest.mark.parametrize("text, cue, content", [
    # "hopes" is lemmatised "hop" by the model: the cue must survive it
    ("The harbour master hopes the new pier will open in May.", "hopes", "the new pier will open in May"),
    ("Councillor Irma Kovac hoped that the ferry strike would end soon.", "hoped", "the ferry strike would end soon"),
    ("The fishermen's union is confident that the quota will be raised.", "confident", "the quota will be raised"),
    ("Mayor Pike was sure the bridge would be finished by winter.", "sure", "the bridge would be finished by winter"),
])
def test_belief_verbs_and_adjectives_with_a_clause_are_statements(analyse_text, text, cue, content):
    q = only(analyse_text(text))
    assert (q["kind"], q["cue"], q["content"]) == ("indirect", cue, content)
    assert q["speaker_text"]


@pytest.mark.parametrize("text", [
    "The fishermen's union is worried about the new quota.",  # a state, no clause
    "Mayor Pike was not sure the bridge would be finished by winter.",  # negated: no position
])
def test_a_belief_adjective_without_a_position_is_no_statement(analyse_text, text):
    assert quotes_of(analyse_text(text)) == []


@pytest.mark.parametrize("text", [
    "Figures show that unemployment in the harbour towns fell last year.",
    "Port authority data indicated that traffic had doubled since 2019.",
    "The evidence suggests the fire started in the engine room.",
])
def test_data_and_evidence_are_no_source(analyse_text, text):
    assert quotes_of(analyse_text(text)) == []


def test_what_a_poll_or_study_shows_is_its_object(analyse_text):
    q = only(analyse_text("A new poll shows a close contest between the two harbour candidates."))
    assert q["cue"] == "shows" and q["content"] == "a close contest between the two harbour candidates"
    assert "poll" in q["speaker_text"]


def test_a_reporting_verb_coordinated_with_the_content_is_the_speakers_next_act(analyse_text):
    qs = quotes_of(analyse_text("Councillor Irma Kovac said there was a lack of transparency in the tender "
                                "and urged the council to publish the bids."))
    assert [(q["cue"], q["content"]) for q in qs] == [
        ("said", "there was a lack of transparency in the tender"),
        ("urged", "the council to publish the bids")]
    assert all("Kovac" in q["speaker_text"] for q in qs)


def test_a_name_before_the_cue_is_the_source_when_the_parse_hangs_the_cue_inside(analyse_text):
    text = ("The inquiry into the harbour fire continues.\n\n“I will just make this promise to you: we will "
            "find out what happened in this case,” harbour police Chief Tomas Varga said Monday.")
    q = only(analyse_text(text))
    assert q["cue"] == "said" and "Varga" in q["speaker_text"]


def test_a_long_name_with_its_affiliation_still_leads_to_the_cue(analyse_text):
    text = ("Several party leaders lined up behind him on Tuesday in the capital.\n\n\"He would be a great "
            "mayor. Not good, great. One of the brightest members of the entire council,\" Rep. Anna M. "
            "Lindqvist (D-Ore.) said in a phone interview.")
    q = only(analyse_text(text))
    assert q["cue"] == "said" and "Lindqvist" in q["speaker_text"]


def test_a_quoted_title_after_the_cue_is_not_its_subject(analyse_text):
    text = ("Pike said the harbour had been reduced to rubble.\n\n\u201cHe is absolutely right. There is a severe "
            "disconnect between the council and the fishermen,\u201d Varga, a union organiser, said Thursday "
            "morning on Radio North\u2019s \u201cHarbour and Friends.\u201d")
    qs = [q for q in quotes_of(analyse_text(text)) if q["kind"] == "direct"]
    assert len(qs) == 1 and "Varga" in qs[0]["speaker_text"]


def test_the_one_cited_with_a_that_clause_is_the_source(analyse_text):
    q = only(analyse_text("The Harbour Gazette cited a port official that the ferry would resume in June."))
    assert q["cue"] == "cited" and q["content"] == "the ferry would resume in June"
    assert "official" in q["speaker_text"]


def test_an_object_with_its_reduced_relative_clause_is_one_content(analyse_text):
    q = only(analyse_text("Councillor Kovac cited disparaging remarks the mayor had made about the fishermen."))
    assert q["cue"] == "cited" and q["content"] == "disparaging remarks the mayor had made about the fishermen"


def test_a_time_is_no_content(analyse_text):
    assert quotes_of(analyse_text("Mayor Tomas Varga said last week.")) == []


def test_a_relative_pronoun_fronted_out_of_the_content_leaves_the_source(analyse_text):
    q = only(analyse_text("The union took a 20 percent stake in the harbour mine, which Mayor Tomas Varga says "
                          "he is doing everything he can to keep open."))
    assert q["cue"] == "says" and q["content"] == "he is doing everything he can to keep open"
    assert "Varga" in q["speaker_text"]


def test_a_claim_belongs_to_who_made_it_not_who_rejects_it(analyse_text):
    made = only(analyse_text("The harbour board issued a statement that the pier would reopen in May."))
    assert made["cue"] == "statement" and "board" in made["speaker_text"]
    rejected = quotes_of(analyse_text("Fishermen rejected the claim that the pier would reopen in May."))
    assert not any(q["cue"] == "claim" for q in rejected)


@pytest.mark.parametrize("text", [
    "The harbour master declined to comment.",
    "The Harbour Gazette, citing port officials, reported the closure on Monday.",
    "The harbour project continues, with a different primary focus.",
])
def test_no_comment_a_cited_party_and_continuing_are_no_statements(analyse_text, text):
    assert not any(q["cue"] in ("declined", "citing", "continues") for q in quotes_of(analyse_text(text)))


def test_a_direct_quote_still_takes_continued(analyse_text):
    qs = quotes_of(analyse_text("\"We will rebuild the pier,\" Mayor Tomas Varga said. \"It will take two years "
                                "and cost four million euros,\" he continued."))
    assert [q["cue"] for q in qs] == ["said", "continued"]


def test_according_to_on_a_participle_reports_the_clause_it_hangs_from(analyse_text):
    text = ("The old harbour wall collapsed on Sunday; six boats were damaged. Divers, working in water well "
            "below freezing, according to the coast guard recovered two engines from the wreck on Monday.")
    q = next(q for q in quotes_of(analyse_text(text)) if q["cue"].lower() == "according to")
    assert "recovered two engines" in q["content"]


# -- issue 15, fifth round: labels through a preposition, hearers before a colon, speakers
def test_a_label_through_a_preposition_is_a_statement(analyse_text):
    """A3 via cues.json prep_label_verbs: ``referred to X as "Y"``."""
    q = only(analyse_text('Senator Ellen Blake referred to the bill as "a disgrace to the nation".'))
    assert q["cue"] == "referred"
    assert q["kind"] == "mixed"
    assert q["content"] == 'the bill as "a disgrace to the nation"'
    assert q["speaker_text"] == "Senator Ellen Blake"


@pytest.mark.parametrize("text", [
    "Malik referred to the report in his speech.",
])
def test_a_prepositional_label_verb_without_a_label_reports_nothing(analyse_text, text):
    assert quotes_of(analyse_text(text)) == []


def test_a_label_verb_under_another_verb_is_no_statement_of_its_own(analyse_text):
    rec = analyse_text('The union demanded that the council cease referring to the strikers as "rioters" in its notices.')
    assert not any(q["cue"] and "referr" in q["cue"].lower() for q in quotes_of(rec))


def test_the_one_told_before_a_colon_is_not_content(analyse_text):
    q = only(analyse_text('The minister told the crowd: "Stop the violence now and go home to your families."'))
    assert q["kind"] == "direct"
    assert q["cue"] == "told"
    assert q["content"] == "Stop the violence now and go home to your families."


def test_a_text_read_out_is_not_the_content_of_the_reading(analyse_text):
    rec = analyse_text("Colonel Reyes read out the statement, which said the army would hold elections within six months.")
    assert [q["content"] for q in quotes_of(rec)] == ["the army would hold elections within six months"]


@pytest.mark.parametrize("text, speaker", [
    ("African Export–Import Bank president Daniel Okafor said the new currency would cut trading costs.",
     "Daniel Okafor"),
    ("A nursing student named Chen said the protest would continue through the weekend.", "Chen"),
])
def test_a_person_named_in_the_subject_phrase_speaks(analyse_text, text, speaker):
    rec = analyse_text(text)
    q = only(rec)
    assert speaker in q["speaker_text"]
    assert actor_name(rec, q["speaker"]) == speaker


@pytest.mark.parametrize("text, cue, content, speaker", [
    ("The storm hit the coast on Monday. By early reports, at least 30 people were injured in the blast.",
     "By early reports", "at least 30 people were injured in the blast", None),
    ("The storm hit the coast on Monday. By the agency's report, the storm destroyed 200 homes.",
     "By the agency's report", "the storm destroyed 200 homes", "the agency's report"),
    ("The council met on Monday. Per the decree, priests must report abuse to church authorities.",
     "Per the decree", "priests must report abuse to church authorities", "the decree"),
])
def test_a_report_noun_after_by_or_per_attributes_its_sentence(analyse_text, text, cue, content, speaker):
    """cues.json source_preps: set off by a comma, like ``according to``."""
    q = only(analyse_text(text))
    assert (q["cue"], q["content"], q["speaker_text"]) == (cue, content, speaker)


@pytest.mark.parametrize("text", [
    "The storm hit the coast on Monday. The bridge was built by the army in 1950.",
    "The storm hit the coast on Monday. Prices rose by 3 percent, per year.",
])
def test_by_and_per_without_a_report_noun_report_nothing(analyse_text, text):
    assert quotes_of(analyse_text(text)) == []


@pytest.mark.parametrize("text", [
    "The council met on Monday. The mayor agreed to add two members to the oversight board.",
    "The council met on Monday. The commission refused to provide the station with a licence.",
    "The council met on Monday. The court declined to hear the case about the harbour.",
])
def test_accepting_or_refusing_an_own_action_is_no_statement(analyse_text, text):
    """A4 via cues.json own_action_verbs."""
    assert quotes_of(analyse_text(text)) == []


def test_agreeing_with_a_clause_is_still_a_statement(analyse_text):
    q = only(analyse_text("The council met on Monday. The mayor agreed that the bridge must be repaired."))
    assert q["cue"] == "agreed"
    assert q["content"] == "the bridge must be repaired"
