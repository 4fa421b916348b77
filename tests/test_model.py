import json

from newsgraph.model import (
    Actor,
    Article,
    Event,
    Mention,
    Quote,
    Tone,
    from_record,
    to_record,
)
from newsgraph.model.tables import COLUMNS, as_text_row, record_rows


def make_article() -> Article:
    a = Article(id="x1", text="Alice said hello to Bob.")
    a.actors = [Actor("person:alice", "Alice", mentions=[Mention("Alice", 0, 5)]),
                Actor("person:bob", "Bob", mentions=[Mention("Bob", 20, 23)])]
    a.quotes = [Quote("x1:q1", "hello to Bob", 11, 23, "indirect", speaker="person:alice", cue="said")]
    a.events = [Event("x1:e1", "CONSULT", "said hello to Bob", 6, 23, ["person:alice"], ["person:bob"])]
    a.non_events = [Event("x1:e2", "ASSAULT", "might hit", 0, 5, reason="hedged")]
    a.tone = Tone(word_count=5)
    return a


def test_record_round_trip_is_lossless():
    rec = to_record(make_article())
    again = to_record(from_record(json.loads(json.dumps(rec))))
    assert again == rec


def test_record_has_the_schema_names():
    rec = to_record(make_article())
    for key in ("id", "source", "metadata", "text", "captions", "credits", "actors", "descriptors",
                "quotes", "events", "tone"):
        assert key in rec
    assert set(rec["events"][0]) >= {"id", "type", "mode", "cameo", "source", "target", "date", "location",
                                     "from_caption", "historical", "said_in", "evidence", "start", "end",
                                     "confidence"}
    assert "reason" not in rec["events"][0]
    assert rec["non_events"][0]["reason"] == "hedged"


def test_tables_carry_article_id_and_all_columns():
    rows = record_rows(to_record(make_article()))
    for table, trows in rows.items():
        for r in trows:
            assert r["article_id"] == "x1"
            assert list(r) == COLUMNS[table] or set(r) == set(COLUMNS[table])
    assert len(rows["mentions"]) == 2
    # Lists stay lists (Parquet list columns); CSV and SQLite encode them as JSON text.
    assert rows["events"][0]["target"] == ["person:bob"]
    assert json.loads(as_text_row("events", rows["events"][0])["target"]) == ["person:bob"]


def test_input_errors_cross_process_boundaries():
    # ingest --workers sends errors from worker processes back to the parent.
    import pickle

    from newsgraph.errors import InputError

    e = pickle.loads(pickle.dumps(InputError("feed.jsonl:3", "malformed JSON")))
    assert (e.where, e.reason, str(e)) == ("feed.jsonl:3", "malformed JSON", "feed.jsonl:3: malformed JSON")


def test_actor_keeps_no_empty_or_inverted_mention() -> None:
    a = Actor(id="person:ann-lee", name="Ann Lee")
    a.add_mention(Mention("", 247, 245, "description"))
    a.add_mention(Mention("", 10, 10, "description"))
    a.add_mention(Mention("Ann Lee", 0, 7))
    assert [(m.start, m.end) for m in a.mentions] == [(0, 7)]
