"""Statements that are not on record, and sources the parse hides (issue 15, fourth round):
made-up sentences run through the whole extraction (``analyse_text``)."""
from __future__ import annotations

import pytest
from fixtures.records import quotes_by_cue


@pytest.mark.parametrize("text, cue", [
    # an infinitive that modifies a noun
    ("The board met on Monday. It set up a hotline as a safer way to report fraud in the agency.", "report"),
    ("The study is small. We see no reason to think the trend will last.", "think"),
    # an act someone is asked or obliged to do
    ("The rules are strict. The new law requires all lobbyists to disclose their clients.", "disclose"),
    ("The rally was loud. Mayor Tomas Brandt urged the crowd to consider who pays for the stadium.", "consider"),
    # the question put to the source, fronted as a participle (the passive "was asked to" is above)
    ('The blast hurt 29 people. Asked to describe the device that caused it, Commissioner Ray Dolan '
     'said, "Not going to go into that."', "describe"),
    # the purpose of an act with an object
    ("The lab was rebuilt. Engineers installed sensors to report changes in the water level.", "report"),
])
def test_infinitive_cue_not_on_record(analyse_text, text, cue):
    assert quotes_by_cue(analyse_text(text), cue) == []


def test_purpose_infinitive_of_a_protest_is_the_protesters_demand(analyse_text):
    rec = analyse_text("The strike went on. Hundreds of nurses held rallies on Friday to demand higher pay.")
    (q,) = quotes_by_cue(rec, "demand")
    assert q["content"] == "higher pay"
    assert "nurses" in q["speaker_text"]


def test_infinitive_cue_of_its_own_subject_stays(analyse_text):
    rec = analyse_text("The hearing ran late. Senator Ada Novak went on to add that the budget was wasteful.")
    (q,) = quotes_by_cue(rec, "add")
    assert q["content"] == "the budget was wasteful"


def test_the_one_forced_to_admit_is_the_source(analyse_text):
    rec = analyse_text("The hearing was tense. Senator Ada Novak forced Karl Stumm, the bank's chief, "
                       "to admit that no manager had been fired.")
    (q,) = quotes_by_cue(rec, "admit")
    assert "Stumm" in q["speaker_text"]


@pytest.mark.parametrize("text, cue, content", [
    ("The council met late. Senator Ada Novak claimed the mayor had hidden the audit, which the mayor denied.",
     "claimed", "the mayor had hidden the audit"),
    ("The debate was long. Rolf Berger described his plan as a compromise, which he said would cut taxes.",
     "described", "his plan as a compromise"),
])
def test_content_ends_before_a_relative_clause_that_reports(analyse_text, text, cue, content):
    (q,) = quotes_by_cue(analyse_text(text), cue)
    assert q["content"] == content


def test_relative_clause_inside_the_content_stays(analyse_text):
    rec = analyse_text("The storm passed. Police said a driver, who was not named, had been hurt.")
    (q,) = quotes_by_cue(rec, "said")
    assert q["content"] == "a driver, who was not named, had been hurt"


def test_quoted_heading_alone_in_its_paragraph_is_no_statement(analyse_text):
    rec = analyse_text("Mayor Ines Vogel said the port was deep in debt.\n\n"
                       "\"The Port Is Not for Sale.\"\n\nTen years ago the port employed 4,000 people.")
    assert [q for q in rec["quotes"] if "Not for Sale" in q["content"]] == []


def test_sentence_quote_alone_in_its_paragraph_stays(analyse_text):
    rec = analyse_text("Mayor Ines Vogel spoke for an hour about the port and its debts, she said.\n\n"
                       "\"We will pay back every cent of the loan before the next election.\"\n\nThe council agreed.")
    assert [q for q in rec["quotes"] if "every cent" in q["content"]]


@pytest.mark.parametrize("text, cue", [
    ("The vote was held in May. The senate confirmed Olga Brandt's nomination on Friday.", "confirmed"),
    ("The party won the vote. Rolf Berger assumed office in January.", "assumed"),
    ("The institute maintains a program to train young judges in the region.", "maintains"),
])
def test_object_that_makes_the_verb_an_act(analyse_text, text, cue):
    assert quotes_by_cue(analyse_text(text), cue) == []


def test_confessed_to_is_a_statement(analyse_text):
    rec = analyse_text("The trial ended on Monday. The driver confessed to causing the crash on the bridge.")
    (q,) = quotes_by_cue(rec, "confessed")
    assert q["content"].startswith("causing the crash")


def test_declared_war_is_an_act(analyse_text):
    assert quotes_by_cue(analyse_text("The talks failed. Elbonia declared war on its neighbour in 1921."), "declared") == []


@pytest.mark.parametrize("text, cue", [
    ("The vote was close. Members of the village council voiced their opinions at the meeting.", "voiced"),
    ("The hearing was long. The farmers shared their thoughts with the minister.", "shared"),
])
def test_a_noun_that_only_names_speech_is_no_content(analyse_text, text, cue):
    # that something was said, not what: nothing on record to attribute
    assert quotes_by_cue(analyse_text(text), cue) == []


def test_a_noun_with_what_was_said_stays_a_statement(analyse_text):
    rec = analyse_text("The vote was close. The village council voiced concerns about the new road.")
    (q,) = quotes_by_cue(rec, "voiced")
    assert q["content"] == "concerns about the new road"


@pytest.mark.parametrize("text, cue", [
    ("The vote was close. The assembly rejected a proposal to raise the fuel tax.", "rejected"),
    ("The scandal grew. President Anna Berg dismissed the minister of housing on Friday.", "dismissed"),
])
def test_turning_down_a_thing_is_an_act_not_a_statement(analyse_text, text, cue):
    # the object is what the verb acts on, not something said (cues.json stance_objects)
    assert quotes_by_cue(analyse_text(text), cue) == []


@pytest.mark.parametrize("text, cue, content", [
    ("The vote was close. Mayor Tomas Brandt rejected calls for a recount.", "rejected", "calls for a recount"),
    ("The vote was close. Mayor Tomas Brandt dismissed the allegations of fraud.", "dismissed",
     "the allegations of fraud"),
    ("The vote was close. Mayor Tomas Brandt dismissed the plan as a stunt.", "dismissed", "the plan as a stunt"),
])
def test_turning_down_something_said_stays_a_statement(analyse_text, text, cue, content):
    (q,) = quotes_by_cue(analyse_text(text), cue)
    assert q["content"] == content


@pytest.mark.parametrize("text, speaker", [
    ('Troops were on the streets. "The army will not allow disorder," declared the military statement.',
     "the military statement"),
    ('The base was hit. "No troops were injured in the attack," announced a military spokesman.',
     "a military spokesman"),
])
def test_inverted_cue_after_a_quotation_takes_the_phrase_after_it(analyse_text, text, speaker):
    # quotative inversion: the parser often takes the source after the cue for its object
    (q,) = [q for q in analyse_text(text)["quotes"] if q["kind"] == "direct"]
    assert q["speaker_text"] == speaker



def test_a_coordinated_source_is_one_statement_of_the_whole_phrase(analyse_text):
    # D10 as amended: one statement whose speaker mention is the coordination, as the
    # shared gold marks it ("the AP and NBC News called Nevada for Biden")
    rec = analyse_text("The test was condemned. Australia and Canada have both stated concerns about the test.")
    (q,) = quotes_by_cue(rec, "stated")
    assert q["speaker_text"] == "Australia and Canada"


def test_a_speaker_along_with_others_speaks_alone(analyse_text):
    rec = analyse_text("The road was closed. The mayor, along with the police chief, said the road would "
                       "reopen on Monday.")
    (q,) = quotes_by_cue(rec, "said")
    assert q["speaker_text"] == "The mayor"


@pytest.mark.parametrize("text", [
    "The summit ended. Council spokesperson Barend Leyts, when asked whether an inquiry was held, told "
    "reporters the safety rules had been followed.",
    "The vote was close. Asked whether he would resign, Mayor Karl Smith said he would not.",
])
def test_the_one_asked_is_not_the_source_of_the_question(analyse_text, text):
    # a reduced passive: the question is an unnamed interviewer's, the answer the statement
    rec = analyse_text(text)
    assert quotes_by_cue(rec, "asked") == [] and quotes_by_cue(rec, "when asked") == []
    assert len(rec["quotes"]) == 1


def test_an_active_ask_after_its_subject_stays_a_statement(analyse_text):
    # the parser may read "The partner asked for …" as a reduced relative (acl); with no
    # comma and no "when" before it, it is the partner's request
    rec = analyse_text("The deal was signed in May.\n\nThe Austrian partner asked for the price to be kept "
                       "secret, but the commissioner stated the purchase was financed by a loan.")
    (q,) = quotes_by_cue(rec, "asked")
    assert q["speaker_text"] == "The Austrian partner"


@pytest.mark.parametrize("text", [
    # D20: an order with only a noun phrase for object is the act
    "The floods were the worst in years. The government ordered a review of the emergency services.",
    "Bird flu spread fast. The ministry ordered the culling of 40,000 chickens on Tuesday.",
    # an agentless passive order is a sentence or a command carried out
    "The trial ended on Friday. The company was ordered to pay a fine of two million euros.",
    "The unrest grew. The army has been ordered to leave the capital.",
])
def test_an_order_as_an_act_is_no_statement(analyse_text, text):
    assert quotes_by_cue(analyse_text(text), "order") == []


@pytest.mark.parametrize("text, content", [
    ("The hearing was short. Judge Mara Lind ordered the accused remain in custody until May.",
     "the accused remain in custody until May"),
    ("The ruling came late. Judge Mara Lind ordered the city clerk to issue the licences within a month.",
     "the city clerk to issue the licences within a month"),
])
def test_an_order_with_a_clause_is_a_statement(analyse_text, text, content):
    (q,) = quotes_by_cue(analyse_text(text), "ordered")
    assert q["content"] == content
    assert "Lind" in q["speaker_text"]
