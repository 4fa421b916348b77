"""Statements the parser's slips used to cost (issue 15, third round): made-up sentences,
run through the whole extraction (``analyse_text``), checked on what the export carries."""
from __future__ import annotations

import pytest
from fixtures.records import quotes_by_cue


def test_object_taken_for_subject_of_the_reported_clause(analyse_text):
    rec = analyse_text("The storm moved north. On Friday the weather service reported Storm Bella "
                       "in the Atlantic had strengthened into a hurricane.")
    (q,) = quotes_by_cue(rec, "reported")
    assert q["content"].startswith("Storm Bella")
    assert q["content"].endswith("hurricane")


def test_finding_with_a_clause_is_a_statement_but_finding_a_thing_is_not(analyse_text):
    rec = analyse_text("The team studied the lakes for a decade. The researchers found that the "
                       "water had warmed by two degrees. Divers found a wreck near the shore.")
    found = quotes_by_cue(rec, "found")
    assert [q["content"] for q in found] == ["the water had warmed by two degrees"]
    assert found[0]["speaker_text"] == "The researchers"


def test_cue_set_off_by_commas_reports_its_whole_sentence(analyse_text):
    rec = analyse_text("A tanker overturned on the highway. About 40 gallons of fuel, firefighters "
                       "said, leaked onto the road.")
    (q,) = quotes_by_cue(rec, "said")
    assert q["content"].startswith("About 40 gallons of fuel")
    assert q["content"].endswith("leaked onto the road")


def test_a_second_report_after_the_aside_stays_apart(analyse_text):
    rec = analyse_text("The plant reopened. Orders will keep the line busy for years, Novak said, "
                       "and repaying the loan looks realistic.")
    contents = [q["content"] for q in quotes_by_cue(rec, "said")]
    assert "Orders will keep the line busy for years" in contents


def test_reportedly_reports_what_follows_it(analyse_text):
    rec = analyse_text("The bridge was closed on Monday. The collapse reportedly injured four workers.")
    (q,) = quotes_by_cue(rec, "reportedly")
    assert q["content"] == "injured four workers"
    assert q["speaker"] is None


@pytest.mark.parametrize("text, cue, content", [
    ("The vote was close. Senator Mara Lind warned of a long dispute over the count.",
     "warned", "a long dispute over the count"),
    ("The vote was close. The mayor disagreed with the decision to close the library.",
     "disagreed", "the decision to close the library"),
])
def test_prepositional_topic_is_the_content(analyse_text, text, cue, content):
    (q,) = quotes_by_cue(analyse_text(text), cue)
    assert q["content"] == content


def test_prepositional_channel_is_no_content(analyse_text):
    rec = analyse_text("The vote was close. The mayor commented on Twitter.")
    assert not quotes_by_cue(rec, "commented")


def test_according_to_set_off_mid_sentence_reports_the_sentence(analyse_text):
    rec = analyse_text("The fire spread fast. One firefighter was, according to the city, among "
                       "the injured.")
    (q,) = quotes_by_cue(rec, "according")
    assert q["content"].startswith("One firefighter was")
    assert q["content"].endswith("among the injured")


def test_inverted_cue_after_a_short_quotation(analyse_text):
    rec = analyse_text('The crowd cheered.\n\n"Good evening, Lyon!" shouted a smiling Marie Dubois '
                       'to the fans. "It is a joy to be back in this city after so many years away."')
    speakers = {q["speaker_text"] for q in rec["quotes"]}
    assert any(s and "Marie Dubois" in s for s in speakers)
    assert not any(s and "Lyon" in s for s in speakers)


def test_hyphen_split_subject_after_the_cue(analyse_text):
    rec = analyse_text('The study appeared on Monday. "The ice is thinning faster than we thought," '
                       'said study co-author Lena Holt.')
    (q,) = rec["quotes"]
    assert "Lena Holt" in q["speaker_text"]


def test_reportedly_before_a_number_reports_its_noun_phrase(analyse_text):
    rec = analyse_text("The strike spread to the ports. The walkout has reportedly cost 40 million euros "
                       "a day.")
    assert [q["content"] for q in quotes_by_cue(rec, "reportedly")] == ["cost 40 million euros a day"]


def test_attack_reports_only_with_a_charge(analyse_text):
    rec = analyse_text("The campaign grew tense. The senator attacked the governor for raising taxes. "
                       "Gunmen attacked a police station in the north.")
    assert [q["content"] for q in quotes_by_cue(rec, "attacked")] == ["the governor for raising taxes"]


def test_quotation_after_a_colon_keeps_the_cue_before_it(analyse_text):
    rec = analyse_text('The rally ended early. Police chief Maria Gomez said at a briefing: "The officers '
                       'were under threat. He fired to save lives." Greenpeace has called for an inquiry.')
    (q,) = [q for q in rec["quotes"] if q["kind"] == "direct"]
    assert q["cue"] == "said"
    assert "Gomez" in q["speaker_text"]


def test_according_to_a_name_the_parser_cut_short(analyse_text):
    rec = analyse_text("The bomber crashed on Tuesday. According to Ohio Senator Mark Dunn, the plane "
                       "is one of ten still flying.")
    (q,) = quotes_by_cue(rec, "according")
    assert "Mark Dunn" in q["speaker_text"]
    assert q["content"].startswith("the plane")


def test_according_to_a_description_and_its_name(analyse_text):
    rec = analyse_text("The bomber crashed on Tuesday. According to the town manager, Carl Moss, there "
                       "were ten people aboard.")
    (q,) = quotes_by_cue(rec, "according")
    assert q["speaker_text"] == "Carl Moss"
    assert q["content"] == "there were ten people aboard"


def test_according_to_leaves_a_later_name_in_the_content(analyse_text):
    rec = analyse_text("The bomber crashed on Tuesday. According to police, John Smith, 45, was "
                       "arrested on Monday.")
    (q,) = quotes_by_cue(rec, "according")
    assert q["speaker_text"] == "police"
    assert q["content"].startswith("John Smith")


def test_city_and_country_do_not_split_the_subject(analyse_text):
    rec = analyse_text("The outbreak spread. The State Ministry of Health in Munich, Germany confirmed "
                       "a case of infection in a man.")
    (q,) = quotes_by_cue(rec, "confirmed")
    assert q["speaker_text"].startswith("The State Ministry of Health")


@pytest.mark.parametrize("text, cue", [
    ("The march was peaceful. Thousands gathered with banners supporting the new law.", "supporting"),
    ("The fossils were dated. The findings support the theory that birds evolved from dinosaurs.", "support"),
    ("The vote was delayed. The governor was asked about the budget at a press conference.", "asked"),
    ("The season was harsh. The flu claimed 6606 lives in March.", "claimed"),
])
def test_report_verbs_that_report_nothing(analyse_text, text, cue):
    assert quotes_by_cue(analyse_text(text), cue) == []


@pytest.mark.parametrize("text, cue", [
    ("The vote is near. The senator backed the bill on Monday.", "backed"),
    ("Fighting goes on as China and Russia support the government.", "support"),
    ("The town flooded. Residents were asked to stay at home.", "asked"),
])
def test_positions_and_requests_still_count(analyse_text, text, cue):
    assert len(quotes_by_cue(analyse_text(text), cue)) == 1


def test_reporting_verb_tagged_as_a_plural_noun(analyse_text):
    # the tagger reads this "claims" as a noun with a subject and a clause
    rec = analyse_text("Other nominees released their records. Trump claims that his audit prevents it.")
    (q,) = quotes_by_cue(rec, "claims")
    assert q["speaker_text"] == "Trump"
    assert q["content"] == "his audit prevents it"


def test_reporting_clause_hung_on_the_that_clause_after_an_aside(analyse_text):
    rec = analyse_text("The Democratic nominee continues to insist, most recently in a Labor Day interview "
                       "with NBC News, that she really, really wants to share her files but can't because "
                       "she is being audited.")
    (q,) = rec["quotes"]
    assert q["cue"] == "insist"
    assert q["speaker_text"] == "The Democratic nominee"
    assert q["content"].startswith("she really, really wants")


def test_quotation_right_after_a_cue_phrase_keeps_that_cue(analyse_text):
    rec = analyse_text('The council met on Monday. Mayor Ann Lee wrote in a letter "The budget cannot be cut '
                       'any further without closing schools." Since the letter was sent, many parents '
                       'expressed their anger online.')
    (q,) = [q for q in rec["quotes"] if q["kind"] == "direct"]
    assert q["cue"] == "wrote"
    assert "Ann Lee" in q["speaker_text"]
