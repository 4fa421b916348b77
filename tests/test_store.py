"""The SQLite store: whole-article replacement, one transaction per batch, a refused
article rolled back alone, a busy store reported clearly, damaged files refused."""
from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from fixtures.bad_inputs import story
from fixtures.storecheck import check_store, fts_check

from newsgraph.errors import StoreBusy, StoreError
from newsgraph.ingest.text import read_text
from newsgraph.model import to_record
from newsgraph.settings import Settings
from newsgraph.store import Store


def record(n: int, n_quotes: int = 2) -> dict:
    rec = to_record(read_text(story(n).text, f"s{n}.txt", Settings(), path=f"s{n}.txt"))
    aid = rec["id"]
    text = rec["text"]
    i = text.index("told reporters")
    rec["actors"] = [
        {"id": "person:test-speaker", "name": "Test Speaker", "kind": "person", "country": None, "sector": None,
         "role": "mayor", "aliases": [], "mentions": [{"text": text[i:i + 4], "start": i, "end": i + 4,
                                                      "kind": "name"}]},
        {"id": f"unnamed:group-{n}", "name": "group", "kind": "unnamed", "country": None, "sector": None,
         "role": None, "aliases": [], "mentions": []},
    ]
    rec["descriptors"] = [{"actor": "person:test-speaker", "text": "the mayor", "start": i, "end": i + 4}]
    rec["quotes"] = [{"id": f"{aid}:q{k}", "content": f"quote {k}", "start": i, "end": i + 5, "kind": "direct",
                      "fragments": [], "speaker": "person:test-speaker", "speaker_text": "x", "speaker_start": i,
                      "speaker_end": i + 1, "cue": "said", "cue_start": None, "cue_end": None, "about": [],
                      "stance": None, "channel": None} for k in range(n_quotes)]
    rec["events"] = [{"id": f"{aid}:e0", "type": "CONSULT", "evidence": "told", "start": i, "end": i + 4,
                      "source": ["person:test-speaker"], "target": [f"unnamed:group-{n}"], "mode": None,
                      "cameo": None, "date": None, "location": None, "from_caption": False, "historical": False,
                      "said_in": None, "confidence": 0.5}]
    return rec


def test_write_read_and_replace_whole(tmp_path):
    db = str(tmp_path / "s.db")
    with Store(db) as s:
        assert s.write([(record(1), "h1"), (record(2), "h2")]) == 2
        assert s.known_hashes([record(1)["id"], "nope"]) == {record(1)["id"]: "h1"}
    counts = check_store(db)
    assert counts["articles"] == 2 and counts["quotes"] == 4 and counts["events"] == 2
    # Re-writing an article replaces all its rows, never adds to them.
    with Store(db) as s:
        s.write([(record(1, n_quotes=1), "h1b")])
        assert s.known_hashes([record(1)["id"]])[record(1)["id"]] == "h1b"
        assert [r["id"] for r in s.records()] == sorted([record(1)["id"], record(2)["id"]])
    counts = check_store(db)
    assert counts["articles"] == 2 and counts["quotes"] == 3 and counts["captions"] == 4
    fts_check(db)


def test_batch_is_one_transaction(tmp_path):
    db = str(tmp_path / "s.db")
    with Store(db) as s:
        s.write([(record(1), "h1")])
        bad = record(2)
        del bad["text"]  # KeyError midway through the batch
        with pytest.raises(KeyError):
            s.write([(record(3), "h3"), (bad, "h2")])
        assert [r["id"] for r in s.records()] == [record(1)["id"]]
    check_store(db)


def test_refused_article_rolled_back_alone(tmp_path):
    db = str(tmp_path / "s.db")
    bad = record(2)
    bad["quotes"][1]["content"] = None  # NOT NULL
    worse = record(4)
    worse["events"][0]["confidence"] = object()  # cannot be bound
    refused = []
    with Store(db) as s:
        s.write([(record(1), "h1")])
        n = s.write([(record(3), "h3"), (bad, "h2"), (worse, "h4"), (record(5), "h5")],
                    on_error=lambda aid, exc: refused.append(aid))
        assert n == 2
        assert {r["id"] for r in s.records()} == {record(i)["id"] for i in (1, 3, 5)}
    assert refused == [bad["id"], worse["id"]]
    check_store(db)


def test_busy_store_is_reported_clearly(tmp_path):
    db = str(tmp_path / "s.db")
    with Store(db) as s:
        s.write([(record(1), "h1")])
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    waits = []
    try:
        with Store(db, busy_timeout_ms=600, on_wait=waits.append) as s:
            t0 = time.monotonic()
            with pytest.raises(StoreBusy) as ei:
                s.write([(record(2), "h2")])
            assert time.monotonic() - t0 < 5
        msg = str(ei.value)
        assert "busy" in msg and "another newsgraph process" in msg and db in msg
        assert len(waits) == 1 and "waiting" in waits[0]
        # Readers are not blocked by the writer (WAL).
        with Store(db, readonly=True) as r:
            assert len(list(r.records())) == 1
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_writer_waits_for_another_and_both_land(tmp_path):
    db = str(tmp_path / "s.db")
    with Store(db) as s:
        s.write([(record(1), "h1")])
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    waits: list[str] = []
    result = {}

    def writer():
        with Store(db, busy_timeout_ms=20_000, on_wait=waits.append) as s:
            result["n"] = s.write([(record(2), "h2")])

    t = threading.Thread(target=writer)
    t.start()
    time.sleep(1.5)
    assert t.is_alive() and waits  # it says it is waiting
    holder.execute("ROLLBACK")
    holder.close()
    t.join(30)
    assert result["n"] == 1
    assert check_store(db)["articles"] == 2


def test_readonly_missing_and_damaged_stores(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        Store(str(tmp_path / "missing.db"), readonly=True)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all " * 400)
    with pytest.raises(StoreError, match="not a newsgraph store"):
        Store(str(junk))
    newer = tmp_path / "newer.db"
    c = sqlite3.connect(newer)
    c.execute("PRAGMA user_version=999")
    c.close()
    with pytest.raises(StoreError, match="newer"):
        Store(str(newer))
    with pytest.raises(StoreError, match="newer"):
        Store(str(newer), readonly=True)


def test_concurrent_first_open_migrates_once(tmp_path):
    db = str(tmp_path / "fresh.db")
    errors = []

    def opener(n):
        try:
            with Store(db) as s:
                s.write([(record(n), f"h{n}")])
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=opener, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert check_store(db)["articles"] == 4


def test_actor_lookup_by_name_from_the_cli_and_service(tmp_path):
    from newsgraph import service
    from newsgraph.store import queries

    db = str(tmp_path / "s.db")
    rec = record(3)
    text = rec["text"]
    rec["actors"] = [
        {"id": "person:wiranto", "name": "Wiranto", "kind": "person", "country": "IDN", "sector": "GOV",
         "role": None, "aliases": [], "mentions": [{"text": text[0:4], "start": 0, "end": 4, "kind": "name"}]},
        {"id": "country:IRN", "name": "Iran", "kind": "country", "country": "IRN", "sector": None,
         "role": None, "aliases": [], "mentions": [{"text": "Islamic Republic of Iran", "start": 5, "end": 9,
                                                   "kind": "name"}]}]
    rec["quotes"], rec["events"], rec["descriptors"] = [], [], []
    with Store(db) as s:
        s.write([(rec, "h3")])
    with Store(db, readonly=True) as s:
        assert [a["id"] for a in queries.find_actors(s, "Iran")] == ["country:IRN"]
        assert [a["id"] for a in queries.find_actors(s, "islamic republic")] == ["country:IRN"]
        assert [a["id"] for a in queries.match_actors(queries.actor_directory(s), "iran")] == ["country:IRN"]
        assert queries.find_actors(s, "ran") == []
    # the CLI's search takes a name as the API does, and a name nobody has finds nothing
    by_name = service.search(db, actor="Wiranto")
    assert by_name["actor"]["id"] == "person:wiranto" and by_name["total"] == 1
    assert service.search(db, actor="person:wiranto")["total"] == 1
    nobody = service.search(db, actor="Nobody Atall")
    assert (nobody["total"], nobody["results"], nobody["actor"], nobody["actor_candidates"]) == (0, [], None, [])
    assert nobody["query"]["actor"] == "Nobody Atall"
    # the CLI and the API answer with one function: the same dict
    from fastapi.testclient import TestClient

    from newsgraph.api.app import create_app

    with TestClient(create_app(db)) as client:
        assert client.get("/api/search", params={"actor": "Wiranto"}).json() == by_name
        # an actor page takes a name as well as an id
        page = client.get("/api/actor/Wiranto").json()
        assert page["actor"]["id"] == "person:wiranto" and page["actor_query"] == "Wiranto"


def test_actor_search_matches_whole_words_not_substrings(tmp_path):
    """Issue 13: searching "Iran" listed "Wiranto"; a search matches where a word of a
    name or alias starts, in the SQL query and in the API's in-memory directory alike."""
    from newsgraph.store import queries

    rec = record(1)
    base = rec["actors"][0]
    rec["actors"] = [dict(base, id=f"x:{k}", name=name) for k, name in enumerate(
        ["Wiranto", "Iran", "Iranian officials", "Bashar al-Assad", "Ali Khamenei"])]
    rec["descriptors"], rec["quotes"] = [], []
    rec["events"][0].update(source=["x:0"], target=["x:1"])
    with Store(str(tmp_path / "s.db")) as s:
        s.write([(rec, "h1")])
        directory = queries.actor_directory(s)
        for query, want in (("Iran", {"Iran", "Iranian officials"}), ("assad", {"Bashar al-Assad"}),
                            ("ranto", set()), ("khamenei", {"Ali Khamenei"}),
                            ("_ran", set()), ("%", set())):  # LIKE wildcards are plain characters
            assert {r["name"] for r in queries.find_actors(s, query)} == want, query
            assert {r["name"] for r in queries.match_actors(directory, query)} == want, query


def test_cli_search_says_did_you_mean_for_an_ambiguous_name(tmp_path, run):
    db = str(tmp_path / "s.db")
    rec = record(3)
    text = rec["text"]
    rec["actors"] = [
        {"id": f"person:{first.lower()}-kovacs", "name": f"{first} Kovacs", "kind": "person", "country": None,
         "sector": None, "role": None, "aliases": [],
         "mentions": [{"text": text[i:i + 4], "start": i, "end": i + 4, "kind": "name"} for i in range(n)]}
        for first, n in (("Anna", 2), ("Bela", 1))]
    rec["quotes"], rec["events"], rec["descriptors"] = [], [], []
    with Store(db) as s:
        s.write([(rec, "h3")])
    r = run(["search", "--actor", "Kovacs", "--db", db])
    assert r.returncode == 0
    assert "actor: Anna Kovacs (person:anna-kovacs)" in r.stderr
    assert "did you mean Bela Kovacs (person:bela-kovacs)?" in " ".join(r.stderr.split())
    r = run(["search", "--actor", "person:bela-kovacs", "--db", db])
    assert "did you mean" not in r.stderr
    bad = run(["search", "--from", "2020-1x", "--db", db])
    assert bad.returncode == 2 and "--from='2020-1x'" in bad.stderr


def test_header_and_byline_lines_stay_out_of_search_but_in_the_text(tmp_path):
    from newsgraph.store import queries

    text = ("date 2021-03-02\nHarbour works begin in Millhaven\nBy Quillon Staffwriter, Millhaven Courier\n\n"
            "Work on the Millhaven harbour began on Monday, the council said.\n")
    rec = to_record(read_text(text, "h.txt", Settings(), path="h.txt"))
    assert [z["kind"] for z in rec["zones"]][:3] == ["header", "title", "byline"]
    db = str(tmp_path / "s.db")
    with Store(db) as s:
        s.write([(rec, "h")])
        assert next(s.records())["text"] == text  # every offset still points into the whole text
    with Store(db, readonly=True) as s:
        assert queries.search_articles(s, "Quillon")["total"] == 0  # the byline's words
        assert queries.search_articles(s, "2021")["total"] == 0  # the header line's
        hit = queries.search_articles(s, "council")
        assert hit["total"] == 1 and hit["results"][0]["snippet"].startswith("Work on the Millhaven")
        assert queries.search_articles(s, "harbour works")["total"] == 1  # the title is searched as the title
    check_store(db)
    fts_check(db)


def test_network_leaves_out_scoped_descriptions_outlets_and_two_node_islands(tmp_path):
    from newsgraph.store import queries

    rec = record(5)
    aid = rec["id"]
    rec["metadata"]["outlet"] = "Harbour Gazette"
    text = rec["text"]

    def actor(id_, name, kind):
        return {"id": id_, "name": name, "kind": kind, "country": None, "sector": None, "role": None,
                "aliases": [], "mentions": [{"text": text[0:3], "start": 0, "end": 3, "kind": "name"}]}

    rec["actors"] = [actor("person:ana", "Ana", "person"), actor("person:ben", "Ben", "person"),
                     actor("person:cai", "Cai", "person"), actor("person:dov", "Dov", "person"),
                     actor("person:eli", "Eli", "person"), actor(f"unnamed:36-people@{aid}", "36 people", "unnamed"),
                     actor("org:harbour-gazette", "Harbour Gazette", "organization")]
    links = [("ana", "ben"), ("ben", "cai"), ("dov", "eli")]
    ids = {"ana": "person:ana", "ben": "person:ben", "cai": "person:cai", "dov": "person:dov", "eli": "person:eli",
           "36": f"unnamed:36-people@{aid}", "paper": "org:harbour-gazette"}
    links += [("36", "ana"), ("paper", "cai")]
    rec["quotes"], rec["descriptors"] = [], []
    rec["events"] = [{"id": f"{aid}:e{i}", "type": "CONSULT", "evidence": "x", "start": 0, "end": 1,
                      "source": [ids[a]], "target": [ids[b]], "mode": None, "cameo": None, "date": None,
                      "location": None, "from_caption": False, "historical": False, "said_in": None,
                      "confidence": 0.5} for i, (a, b) in enumerate(links)]
    db = str(tmp_path / "s.db")
    with Store(db) as s:
        s.write([(rec, "h")])
    with Store(db, readonly=True) as s:
        drawn = queries.network(s)
        assert {n["name"] for n in drawn["nodes"]} == {"Ana", "Ben", "Cai"}
        assert drawn["hidden"] == {"actors": 2, "pairs": 1}
        everyone = queries.network(s, everyone=True)
        assert {n["name"] for n in everyone["nodes"]} == {"Ana", "Ben", "Cai", "Dov", "Eli", "36 people",
                                                          "Harbour Gazette"}
        # With nothing larger to draw, a lone pair is the network and stays.
        only_pair = queries.network(s, limit=2)
        assert len(only_pair["nodes"]) == 2 and only_pair["hidden"]["pairs"] == 0
