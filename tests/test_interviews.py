"""Q&A interviews (docs/annotation.md D2): each answer turn is a direct statement of the
one answering, cue null, across its paragraphs; the interviewer's questions are not.

The interview below is made up; the model tests run it through the whole extraction.
"""
from __future__ import annotations

from newsgraph.model import Actor
from newsgraph.nlp.interviews import find_turns, initials, label_actor

INTERVIEW = """Marine biologist Helena Voss spoke with the Harbour Gazette about her survey of the bay.

((HG)) How long did the survey take?

((Helena Voss)) We counted seals for six summers. It took longer than we had planned.

The winters were the hard part, because the boats could not leave the harbour.

((HG)) What did you find?

((Helena Voss)) I think the colony is recovering. The fishing council said the quotas would stay low until 2030.

((HG)) Thank you for your time.
"""


def test_find_turns_without_the_model():
    turns = find_turns(INTERVIEW, ["Helena Voss"], lambda pos: True)
    answers = [t for t in turns if not t.question]
    assert [t.label for t in answers] == ["Helena Voss", "Helena Voss"]
    assert all(t.question for t in turns if t.label == "HG")
    first = answers[0]
    assert INTERVIEW[first.start:first.end].startswith("We counted seals")
    assert INTERVIEW[first.start:first.end].endswith("could not leave the harbour.")
    assert len(first.fragments) == 2  # the unlabelled paragraph continues the answer


def test_too_few_labels_is_no_interview():
    text = "((Editor's note)) This story was updated on Monday.\n\nThe council met on Tuesday."
    assert find_turns(text, [], lambda pos: True) == []


def test_initials_labels_count_inside_an_interview():
    text = ("((WN)) What did you measure?\n\nMS We measured the depth of the lake.\n\n"
            "((WN)) And then?\n\nMS Then we compared it with the old maps.\n\n((WN)) Thanks.")
    turns = find_turns(text, ["Maria Santos"], lambda pos: True)
    answers = [t for t in turns if not t.question]
    assert [t.label for t in answers] == ["MS", "MS"]
    assert text[answers[0].start:answers[0].end] == "We measured the depth of the lake."


def test_label_actor_by_name_and_initials():
    people = [Actor("person:maria-santos", "Maria Santos"), Actor("org:lake-trust", "Lake Trust", kind="organization")]
    assert label_actor("Maria Santos", people) is people[0]
    assert label_actor("Santos", people) is people[0]
    assert label_actor("MS", people) is people[0]
    assert label_actor("WN", people) is None
    assert initials("Maria da Santos") == "MS"


def test_answer_turns_are_direct_statements(analyse_text):
    rec = analyse_text(INTERVIEW)
    text = rec["text"]
    turns = [q for q in rec["quotes"] if q["cue"] is None and q["kind"] == "direct"]
    assert len(turns) == 2
    first, second = turns
    assert first["content"].startswith("We counted seals")
    assert text[first["start"]:first["end"]].endswith("could not leave the harbour.")
    assert first["speaker_text"] == "Helena Voss"
    assert text[first["speaker_start"]:first["speaker_end"]] == "Helena Voss"
    assert first["channel"] == "interview"
    speaker = next(a for a in rec["actors"] if a["id"] == first["speaker"])
    assert "Voss" in speaker["name"]
    # no question is a statement
    assert not any("?" in q["content"] for q in rec["quotes"])
    # "I think" is the answer's own words; the council's statement has its own source
    inner = [q for q in rec["quotes"] if second["start"] <= q["start"] < second["end"] and q is not second]
    assert [q["cue"] for q in inner] == ["said"]
    assert "council" in inner[0]["speaker_text"]


def test_a_pronoun_source_inside_an_answer_is_the_answer(analyse_text):
    """``They announced that …`` inside an answer points back into the answer: no
    statement of its own (D2), unlike the council's report with a named source."""
    text = INTERVIEW.replace("I think the colony is recovering.",
                             "They announced that the colony is recovering.")
    rec = analyse_text(text)
    second = [q for q in rec["quotes"] if q["cue"] is None and q["kind"] == "direct"][1]
    inner = [q for q in rec["quotes"] if second["start"] <= q["start"] < second["end"] and q is not second]
    assert [q["cue"] for q in inner] == ["said"]
