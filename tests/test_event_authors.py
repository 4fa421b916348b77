"""An act aimed at a thing someone made or said is aimed at its author (nlp/authored.py),
and an act told twice is one event (events.repeated_acts, B7 of the corpus guideline)."""
from __future__ import annotations

from newsgraph.model import Event
from newsgraph.nlp.event_candidate import REPEATED
from newsgraph.nlp.events import repeated_acts
from newsgraph.service import extract_text


def parties(text: str) -> list[tuple[str, list[str], list[str]]]:
    rec = extract_text(text)
    names = {a["id"]: a["name"] for a in rec["actors"]}
    return [(e["type"], [names[x] for x in e["source"]], [names[x] for x in e["target"]]) for e in rec["events"]]


def test_a_reaction_to_a_ruling_is_aimed_at_the_court_that_made_it():
    got = parties("The Supreme Court ruled on Tuesday that the law was unconstitutional. "
                  "Hamas welcomed the ruling.")
    welcomed = [e for e in got if "Hamas" in e[1]]
    assert welcomed and any("Supreme Court" in t for t in welcomed[0][2])


def test_a_denied_claim_is_aimed_at_the_claimant():
    got = parties("The opposition claimed that the election was rigged. The minister denied the claim.")
    denied = [e for e in got if e[0] == "REJECT"]
    assert denied and any("opposition" in t for t in denied[0][2])


def test_the_owner_named_in_the_phrase_comes_first():
    got = parties("Russia proposed a ceasefire on Monday. The European Union rejected Turkey's proposal on Tuesday.")
    rejected = [e for e in got if e[0] == "REJECT"]
    assert rejected and any("Turkey" in t for t in rejected[0][2])
    assert not any("Russia" in t for t in rejected[0][2])


def test_an_indefinite_thing_is_new_and_has_no_author_before_it():
    got = parties("The council proposed a new tax in March. The mayor rejected a proposal to close the park.")
    rejected = [e for e in got if e[0] == "REJECT"]
    assert all(not any("council" in t.lower() for t in e[2]) for e in rejected)


def _ev(n: int, type_: str, src: list[str], tgt: list[str], said_in: str | None = None) -> Event:
    return Event(id=f"e{n}", type=type_, evidence="x", start=10 * n, end=10 * n + 5, source=src, target=tgt,
                 said_in=said_in)


def test_an_act_told_again_is_one_event():
    events = [_ev(1, "COERCE", ["police"], ["man"]), _ev(2, "ASSAULT", ["man"], ["crowd"]),
              _ev(3, "COERCE", ["police"], ["man"])]
    non: list[Event] = []
    repeated_acts(events, non)
    assert [e.id for e in events] == ["e1", "e2"]
    assert [(e.id, e.reason) for e in non] == [("e3", REPEATED)]


def test_statements_and_acts_with_an_unnamed_side_are_never_repeats():
    events = [_ev(1, "ACCUSE", ["a"], ["b"], said_in="q1"), _ev(2, "ACCUSE", ["a"], ["b"], said_in="q2"),
              _ev(3, "ASSAULT", ["a"], []), _ev(4, "ASSAULT", ["a"], []),
              _ev(5, "COERCE", ["a"], ["b"]), _ev(6, "COERCE", ["a"], ["c"])]
    non: list[Event] = []
    repeated_acts(events, non)
    assert len(events) == 6 and not non


def test_a_no_break_space_is_parsed_as_a_space_and_kept_in_the_text():
    from newsgraph.ingest.clean import parse_text

    raw = "A jury{}convicted Blankenship of conspiracy to violate safety standards, and he received a prison sentence."
    nbsp = raw.format("\u00a0")
    assert parse_text(nbsp) == raw.format(" ") and len(parse_text(nbsp)) == len(nbsp)
    plain, odd = extract_text(raw.format(" ")), extract_text(nbsp)
    assert [(e["type"], e["start"], e["end"]) for e in odd["events"]] == \
        [(e["type"], e["start"], e["end"]) for e in plain["events"]]
    assert any(e["type"] == "SANCTION" for e in odd["events"])
    assert all(nbsp[e["start"]:e["end"]] == e["evidence"] for e in odd["events"])


def test_a_speaker_span_never_ends_in_white_space():
    text = ("Voters told us what they think of the race.\n\n“He does not listen to anyone.” ―\u00a0Maria Lopez\n"
            "“She has my vote.” ―\u00a0Ana Ruiz\n")
    rec = extract_text(text)
    spoken = [q for q in rec["quotes"] if q.get("speaker_text")]
    assert spoken
    for q in spoken:
        assert q["speaker_text"] == q["speaker_text"].strip()
        assert text[q["speaker_start"]:q["speaker_end"]] == q["speaker_text"]


def test_one_act_read_twice_over_the_same_words_is_one_event():
    noun = Event(id="e1", type="ASSAULT", evidence="the US airstrike", start=0, end=16, source=["us"], target=[])
    clause = Event(id="e2", type="ASSAULT", evidence="airstrike that killed the general", start=7, end=40,
                   source=["us"], target=["general"])
    other = Event(id="e3", type="ACCUSE", evidence="opponents charged", start=30, end=47, source=["opp"], target=[])
    rival = Event(id="e4", type="ACCUSE", evidence="proponents argued", start=35, end=52, source=["pro"], target=[])
    events = [noun, clause, other, rival]
    non: list[Event] = []
    repeated_acts(events, non)
    assert [e.id for e in events] == ["e2", "e3", "e4"]  # the reading naming more parties stays
    assert [(e.id, e.reason) for e in non] == [("e1", REPEATED)]
