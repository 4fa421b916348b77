"""Statements the rules missed in the annotated train split's error analysis (issue 15,
fourth round): made-up sentences, run through the whole extraction with the attribution
tagger off, so that the rules alone must find them."""
from __future__ import annotations

import pytest
from fixtures.records import quotes_by_cue


@pytest.fixture()
def rules_only(analyse_text, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_MODELS_OFF", "attribution_tagger")
    return analyse_text




@pytest.mark.parametrize("text, cue, content", [
    ("The mayor favored extending the tram line to the airport.", "favored",
     "extending the tram line to the airport"),
    ("The ministry denies buying drones from the firm.", "denies", "buying drones from the firm"),
    ("Ms Oduya recalled finding the letter under her door.", "recalled", "finding the letter under her door"),
])
def test_a_gerund_complement_is_the_content(rules_only, text, cue, content):
    (q,) = quotes_by_cue(rules_only("The council met on Monday. " + text), cue)
    assert q["content"] == content
    assert q["speaker_text"]


def test_a_claim_with_an_infinitive(rules_only):
    (q,) = quotes_by_cue(rules_only("The trader was arrested in May. He claimed to have lost the keys."), "claimed")
    assert q["content"] == "to have lost the keys"
    assert q["speaker_text"] == "He"


def test_declining_to_comment_stays_no_statement(rules_only):
    # the to-infinitive of an intention verb is its content, but "declined to comment"
    # puts nothing on record (A11)
    rec = rules_only("The firm reported a loss. Its chief executive declined to comment.")
    assert not quotes_by_cue(rec, "declined")


def test_emphasized_reports_its_object(rules_only):
    (q,) = quotes_by_cue(rules_only("The board met. The chair emphasized the need for new housing."), "emphasized")
    assert q["content"] == "the need for new housing"


def test_a_clause_reported_by_the_cue_after_it_is_that_cues_content(rules_only):
    # the clause's own verb could report ("charged"), but here it is what "said" reports
    rec = rules_only("The trial opens in June. Prosecutors charged the driver with manslaughter, "
                     "they said on Friday.")
    (q,) = rec["quotes"]
    assert q["cue"] == "said"
    assert q["content"] == "Prosecutors charged the driver with manslaughter"


def test_an_inverted_cue_after_the_clause_takes_its_object_as_source(rules_only):
    rec = rules_only("The hearing lasted two days. The ban breaches the charter, argued the union's lawyer.")
    (q,) = quotes_by_cue(rec, "argued")
    assert q["content"] == "The ban breaches the charter"
    assert q["speaker_text"] == "the union's lawyer"


@pytest.mark.parametrize("text, speaker, content", [
    ('The guard, who was described as "utterly fearless" by the warden, retired.', "the warden",
     '"utterly fearless"'),
    ("A tanker, reported by local radio as carrying diesel, sank off the coast.", "local radio",
     "carrying diesel"),
])
def test_a_passive_label_with_an_agent_is_the_agents_statement(rules_only, text, speaker, content):
    (q,) = rules_only("The port reopened. " + text)["quotes"]
    assert q["speaker_text"] == speaker
    assert q["content"].strip('"') == content.strip('"')


def test_a_passive_label_without_an_agent_is_no_statement(rules_only):
    assert rules_only("The port reopened. The road was described as dangerous in 2019.")["quotes"] == []


@pytest.mark.parametrize("text, cue, speaker, content", [
    # the clause's verb hung on the cue as a second conjunct, with its own subject
    ("The fire brigade indicated on Twitter the young boy was critically ill, while two adults were "
     "slightly hurt.", "indicated", "The fire brigade",
     "the young boy was critically ill, while two adults were slightly hurt"),
    # ... and with its subject taken for the cue's object
    ("Workers have claimed Acme, especially, amongst other firms, is unduly influencing their union.",
     "claimed", "Workers", "Acme, especially, amongst other firms, is unduly influencing their union"),
])
def test_a_reported_clause_parsed_as_a_conjunct_is_the_content(rules_only, text, cue, speaker, content):
    (q,) = quotes_by_cue(rules_only("The inquiry opened on Monday. " + text), cue)
    assert q["content"] == content
    assert q["speaker_text"] == speaker


@pytest.mark.parametrize("text, cue, contents", [
    # a real coordination (its 'and') is two acts, not a cue and its content
    ("The senator denied the report and the governor claimed it was too costly.", "denied", ["the report"]),
    # a second verb of the cue's form after a comma is the cue's conjunct
    ("The minister denied the reports, called them rumours, and left the room.", "denied", ["the reports"]),
])
def test_a_coordinated_verb_is_not_the_cues_content(rules_only, text, cue, contents):
    rec = rules_only("The inquiry opened on Monday. " + text)
    assert [q["content"] for q in quotes_by_cue(rec, cue)] == contents


def test_the_tagger_takes_no_inverted_subject_for_content(analyse_text):
    rec = analyse_text("The plant closed. Production will resume in spring, argued the owners' lawyer, Ann Berg.")
    (q,) = quotes_by_cue(rec, "argued")
    assert q["content"] == "Production will resume in spring"
    assert q["speaker_text"] in ("Ann Berg", "the owners' lawyer, Ann Berg", "the owners' lawyer")


@pytest.mark.parametrize("text, content", [
    # the second object hung on the cue as an object of its own
    ("The health agency reported a 92% immunization rate on December 14, and the last measles-related "
     "death during the outbreak on December 20.",
     "a 92% immunization rate on December 14, and the last measles-related death during the outbreak "
     "on December 20"),
    # ... or as a conjunct of the cue
    ("The agency reported a 90% vaccination rate on March 3, and the last flu death in the region on March 9.",
     "a 90% vaccination rate on March 3, and the last flu death in the region on March 9"),
])
def test_objects_coordinated_under_one_cue_are_one_content(rules_only, text, content):
    (q,) = quotes_by_cue(rules_only("The outbreak ended in spring. " + text), "reported")
    assert q["content"] == content


def test_a_clause_coordinated_after_the_object_stays_out(rules_only):
    rec = rules_only("The outbreak ended in spring. The council reported two deaths on Friday and the "
                     "police made three arrests.")
    (q,) = quotes_by_cue(rec, "reported")
    assert q["content"] == "two deaths"


def test_the_articles_own_outlet_puts_nothing_on_record(analyse_text):
    text = ("The probe landed in May. The Daily Courier asked Dr Lee whether the lake could hold life. "
            "Dr Lee said the water was too salty for most microbes.")
    rec = analyse_text(text, metadata={"outlet": "The Daily Courier"})
    assert quotes_by_cue(rec, "asked") == []
    (q,) = quotes_by_cue(rec, "said")
    assert q["content"] == "the water was too salty for most microbes"
    # another outlet's report is a statement
    rec = analyse_text(text, metadata={"outlet": "Morning Post"})
    assert [q["speaker_text"] for q in quotes_by_cue(rec, "asked")] == ["The Daily Courier"]
