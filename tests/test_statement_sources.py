"""Sources and boundaries the rules used to miss (issue 15, fourth round): made-up
sentences, run through the whole extraction (``analyse_text``), checked on the export."""
from __future__ import annotations

from fixtures.records import quotes_by_cue


def test_one_heard_saying_is_the_speaker(analyse_text):
    rec = analyse_text("The hearing resumed on Monday. During the session, Mohammed was heard asking: "
                       "\"Are you saying we will not be sentenced to death?\"")
    (q,) = quotes_by_cue(rec, "asking")
    assert q["speaker_text"] == "Mohammed"


def test_agent_of_a_reduced_passive_cue_is_the_speaker(analyse_text):
    rec = analyse_text("Police are looking for a man. The suspect is Tim Johnson, a white male, described "
                       "by the mayor's secretary as wearing \"khaki pants and a white shirt.\"")
    (q,) = quotes_by_cue(rec, "described")
    assert "secretary" in q["speaker_text"]


def test_means_in_a_by_phrase_is_no_speaker(analyse_text):
    rec = analyse_text("The two presidents spoke on Tuesday. The two presidents expressed by telephone "
                       "their hope that the talks would resume soon.")
    for q in quotes_by_cue(rec, "expressed"):
        assert q["speaker_text"] != "telephone"


def test_one_reported_to_have_said_is_the_speaker(analyse_text):
    rec = analyse_text("The comments caused a stir. Abbott is also reported to have said that he had never "
                       "told an inappropriate joke.")
    (q,) = quotes_by_cue(rec, "said")
    assert q["speaker_text"] == "Abbott"
    assert q["content"].startswith("he had never told")


def test_participle_with_its_own_quotation_is_a_second_statement(analyse_text):
    rec = analyse_text("Reports spoke of military exercises. The Iraqi Defense Ministry denied that any such "
                       "exercise was taking place stating, \"We have not observed any warplanes practicing "
                       "in Iraqi airspace.\"")
    (denied,) = quotes_by_cue(rec, "denied")
    assert denied["content"] == "any such exercise was taking place"
    (stating,) = quotes_by_cue(rec, "stating")
    assert stating["content"].startswith("We have not observed")
    assert stating["speaker"] == denied["speaker"]


def test_participle_inside_the_reported_words_stays(analyse_text):
    rec = analyse_text("The ambassador spoke to the council. She pointed out that in 1979 the council "
                       "approved resolutions stating that the country needed access to the sea.")
    (q,) = quotes_by_cue(rec, "pointed out")
    assert q["content"].endswith("access to the sea")


def test_quotation_over_paragraphs_that_lost_their_marks(analyse_text):
    rec = analyse_text("The president signed the bill on Wednesday.\n\nBush said, \"The bill makes "
                       "common-sense reforms to our bankruptcy laws.\n\nBy restoring integrity to the "
                       "process, this law will make our financial system stronger.\"\n\nThe bill passed "
                       "the Senate in March.")
    (q,) = quotes_by_cue(rec, "said")
    assert q["kind"] == "direct"
    assert q["content"].startswith("The bill makes")
    assert q["content"].endswith("financial system stronger.")


def test_unclosed_quotation_still_ends_with_its_paragraph(analyse_text):
    rec = analyse_text("The minister spoke briefly.\n\nShe said, \"We will not give up.\n\nThe vote is "
                       "on Friday, officials said.")
    (q,) = [q for q in rec["quotes"] if q["content"].startswith("We will not give up")]
    assert "Friday" not in q["content"]
