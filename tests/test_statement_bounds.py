"""Statement boundaries (issue 15, fourth round): a second report coordinated after a
present-tense cue, a clause the parser made a source, and a hedge next to a named source.
Made-up sentences run through the whole extraction (``analyse_text``)."""
from __future__ import annotations

from fixtures.records import quotes_by_cue


def test_plural_present_cue_and_a_second_report(analyse_text):
    # A10: "say A and warn B" is two statements of the same speakers; the parser tags the
    # second verb VB, not the cue's VBP
    rec = analyse_text("The outbreak grew over the weekend. Experts say the virus is spreading "
                       "and warn that hospitals are full.")
    (said,) = quotes_by_cue(rec, "say")
    assert said["content"] == "the virus is spreading"
    (warned,) = quotes_by_cue(rec, "warn")
    assert warned["content"] == "hospitals are full"
    assert warned["speaker_text"] == "Experts"


def test_bare_verb_after_a_modal_stays_in_the_clause(analyse_text):
    # "will appeal and ask": the bare verb continues the clause's modal, not the cue
    rec = analyse_text("The ruling came late on Friday. Officials say the firm will appeal and ask "
                       "the court to wait.")
    (q,) = quotes_by_cue(rec, "say")
    assert q["content"].endswith("ask the court to wait")


def test_participle_taken_for_a_subject_is_no_source(analyse_text):
    # "…, adding one factor would be the belief that …": the parser makes the participle
    # the subject of "be"; it is the speaker's next report, not the source of "belief"
    rec = analyse_text("The bridge stays shut. She says the delay depends on the weather, adding one "
                       "key factor would be the belief that the budget is short.")
    (says,) = quotes_by_cue(rec, "says")
    assert says["content"] == "the delay depends on the weather"
    assert not quotes_by_cue(rec, "belief")
    (added,) = quotes_by_cue(rec, "adding")
    assert added["speaker_text"] == "She"
    assert added["content"].startswith("one key factor")


def test_hedge_with_a_named_source_at_the_end_is_the_source_statement(analyse_text):
    rec = analyse_text("Rain fell for days. The dam reportedly burst after heavy rain, and two "
                       "villages were flooded, according to local media.")
    assert not quotes_by_cue(rec, "reportedly")
    (q,) = quotes_by_cue(rec, "according to")
    assert q["speaker_text"] == "local media"
    assert q["content"].startswith("The dam reportedly burst")
    assert q["content"].endswith("villages were flooded")


def test_hedge_stops_before_a_named_source_in_mid_sentence(analyse_text):
    rec = analyse_text("The wind rose at night. The storm reportedly damaged the roof, according to "
                       "witnesses, and cut power to the town.")
    (q,) = quotes_by_cue(rec, "reportedly")
    assert q["content"] == "damaged the roof"


def test_a_report_before_a_colon_and_the_quotation_after_it(analyse_text):
    # D20: 'X said A: "B"' is two statements of X with the same cue; the parser runs the
    # reported clause over the colon into the quotation
    rec = analyse_text("The bank held rates.\n\nIan Marsh also said the Bank of England would look into the "
                       "procedures: \"We'd be concerned if there was a rapid increase. We're watching closely.\"")
    said = quotes_by_cue(rec, "said")
    assert [q["kind"] for q in said] == ["indirect", "direct"]
    assert said[0]["content"] == "the Bank of England would look into the procedures"
    assert said[1]["content"].startswith("We'd be concerned")
    assert all(q["speaker_text"] == "Ian Marsh" for q in said)


def test_a_closing_mark_after_a_comma_closes_a_quotation_that_lost_its_marks(analyse_text):
    # a quotation whose later paragraphs lost their opening marks ends '…," said X.': that
    # mark closes it (after a comma an opening mark has its first word right after it); read
    # as an opening mark it made ' said X.' a quotation of its own
    rec = analyse_text('Talks begin on Monday.\n\n"So do not look at it as a meeting that is going to produce '
                       'immediate results. Nobody is going to come out the front door and wave a piece of paper.'
                       '\n\nBut it is a good-faith act in implementing the agreement that was signed in Beijing, '
                       'and we look forward to those consultations," said Sean Holt.\n\n'
                       'Officials will also visit Boston.')
    (q,) = rec["quotes"]
    assert q["kind"] == "direct" and q["speaker_text"] == "Sean Holt"
    assert q["content"].startswith("So do not look") and q["content"].endswith("those consultations,")
