"""A quotation interrupted by its own cue: two statements linked as one utterance
(nlp/utterances.py), the link stored and exported, and the joined reading of PARC-style
gold. Real spaCy parses of invented sentences."""
from __future__ import annotations

import sqlite3

from newsgraph.nlp.utterances import joined
from newsgraph.service import extract_text, ingest
from newsgraph.store import Store


def _quotes(text: str) -> list[dict]:
    return sorted(extract_text(text)["quotes"], key=lambda q: q["start"])


def test_the_parts_of_an_interrupted_quotation_share_an_utterance():
    text = ('"The river rose faster than anyone expected," said Mayor Anna Lind. "We moved the families '
            'out before midnight."\n\nLater the council said the bridge would stay shut.')
    qs = _quotes(text)
    direct = [q for q in qs if q["kind"] == "direct"]
    assert len(direct) == 2
    assert direct[0]["utterance"] == direct[1]["utterance"] == direct[0]["id"]
    assert all(q["utterance"] is None for q in qs if q["kind"] == "indirect")


def test_quotations_with_their_own_cues_stay_apart():
    # two cues, two speakers: two utterances, no link
    text = ('"We will rebuild," Mayor Anna Lind said on Monday. "Nobody told us," '
            'resident Tom Berg said.')
    qs = _quotes(text)
    assert len([q for q in qs if q["kind"] == "direct"]) == 2
    assert all(q["utterance"] is None for q in qs)


def test_joined_puts_the_words_back_together():
    text = ('"The river rose faster than anyone expected," said Mayor Anna Lind. "We moved the families '
            'out before midnight."')
    rec = extract_text(text)
    one = joined(rec)
    assert len(one["quotes"]) == len(rec["quotes"]) - 1
    q = next(q for q in one["quotes"] if q["kind"] == "direct")
    assert q["content"].startswith("The river rose") and q["content"].endswith("midnight.")
    assert len(q["fragments"]) == 2 and q["start"] < q["fragments"][1][0] < q["end"]
    assert joined({"id": "x", "quotes": []}) == {"id": "x", "quotes": []}


def test_a_store_from_schema_4_gains_the_column_and_keeps_its_rows(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text('"The river rose faster than anyone expected," said Mayor Anna Lind. '
                   '"We moved the families out before midnight."\n', encoding="utf-8")
    db = str(tmp_path / "s.db")
    ingest([str(src)], db=db)
    c = sqlite3.connect(db)
    assert c.execute("SELECT count(*) FROM quotes WHERE utterance IS NOT NULL").fetchone()[0] == 2
    # the store as schema 4 made it: no utterance column
    c.execute("ALTER TABLE quotes DROP COLUMN utterance")
    c.execute("PRAGMA user_version = 4")
    c.commit()
    n = c.execute("SELECT count(*) FROM quotes").fetchone()[0]
    c.close()
    with Store(db) as s:  # opening for writing migrates
        assert len(list(s.records())) == 1
    c = sqlite3.connect(db)
    cols = [r[1] for r in c.execute("PRAGMA table_info(quotes)")]
    assert cols[-1] == "utterance" and c.execute("SELECT count(*) FROM quotes").fetchone()[0] == n
    c.close()
    ingest([str(src)], db=db)  # the same text again: nothing to do
    src.write_text(src.read_text(encoding="utf-8") + "\nThe council met again.\n", encoding="utf-8")
    ingest([str(src)], db=db)  # changed text: its rows rewritten with the new column
    c = sqlite3.connect(db)
    assert c.execute("SELECT count(*) FROM quotes WHERE utterance IS NOT NULL").fetchone()[0] == 2


def test_joined_takes_the_first_part_in_the_text_whatever_the_list_order():
    parts = [{"id": "a:q2", "utterance": "a:q1", "start": 40, "end": 60, "content": "B.", "cue": "said"},
             {"id": "a:q3", "utterance": None, "start": 70, "end": 90, "content": "C", "cue": "said"},
             {"id": "a:q1", "utterance": "a:q1", "start": 0, "end": 20, "content": "A,", "cue": "said"}]
    (one, other) = joined({"id": "a", "quotes": parts})["quotes"]
    assert one["id"] == "a:q1" and (one["start"], one["end"]) == (0, 60)
    assert one["fragments"] == [[0, 20], [40, 60]] and one["content"] == "A, B."
    assert other["id"] == "a:q3"
