"""Concurrent use: readers (the API server, service.search/stats) answer correctly while
an ingest writes (WAL); two ingests into one store both land; a busy store never
reaches a user as "database is locked" in a traceback."""
from __future__ import annotations

import json
import os
import random
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from fixtures.bad_inputs import jsonl_record, story
from fixtures.counters import count
from fixtures.storecheck import check_store

from newsgraph import service
from newsgraph.ingest.jsonl import record_to_article
from newsgraph.model import to_record
from newsgraph.settings import Settings
from newsgraph.store import Store

S = Settings()


def records(seed: int, n: int) -> list[tuple[dict, str]]:
    out = []
    for k in range(n):
        a = record_to_article(jsonl_record(k, seed=seed), f"r:{k}", S, f"seed{seed}.jsonl")
        out.append((to_record(a), f"h-{seed}-{k}"))
    return out


@pytest.fixture
def base_store(tmp_path):
    db = str(tmp_path / "s.db")
    with Store(db) as s:
        s.write(records(1, 10))
    return db


def _api_client(db):
    pytest.importorskip("newsgraph.api")
    from fastapi.testclient import TestClient

    from newsgraph.api import create_app

    return TestClient(create_app(db), raise_server_exceptions=False)


def _writer(db: str, stop: threading.Event, written: list[int], errors: list[BaseException]) -> None:
    """Many small transactions, as ``ingest`` with a small batch does."""
    try:
        with Store(db) as s:
            recs = records(2, 60)
            for i in range(0, len(recs), 2):
                s.write(recs[i:i + 2])
                written.append(i + 2)
                time.sleep(0.01)
                if stop.is_set():
                    break
    except BaseException as exc:  # noqa: BLE001
        errors.append(exc)


def test_api_answers_while_a_writer_commits(base_store):
    client = _api_client(base_store)
    known = [r["id"] for r, _ in records(1, 10)]
    texts = {r["id"]: r["text"] for r, _ in records(1, 10)}
    stop = threading.Event()
    written: list[int] = []
    errors: list[BaseException] = []
    t = threading.Thread(target=_writer, args=(base_store, stop, written, errors))
    t.start()
    served = 0
    last = 10
    rnd = random.Random(3)
    try:
        while t.is_alive() or served < 20:
            r = client.get("/api/stats")
            assert r.status_code == 200, r.text
            n = r.json()["counts"]["articles"]
            assert last <= n <= 70  # never goes back, never half a batch beyond
            assert n % 2 == 0  # batches of two land whole
            last = n
            aid = rnd.choice(known)
            r = client.get(f"/api/article/{aid}")
            assert r.status_code == 200, r.text
            body = r.json()
            assert body["article"]["id"] == aid and body["text"] == texts[aid]
            r = client.get("/api/search", params={"q": "council", "limit": 5})
            assert r.status_code == 200 and r.json()["total"] >= 10, r.text
            served += 3
    finally:
        stop.set()
        t.join(60)
    assert not errors, errors
    assert client.get("/api/stats").json()["counts"]["articles"] == 70
    count("concurrency: API requests served during writes (in-process)", served)
    check_store(base_store)


def test_service_readers_while_a_writer_commits(base_store):
    stop = threading.Event()
    written: list[int] = []
    errors: list[BaseException] = []
    t = threading.Thread(target=_writer, args=(base_store, stop, written, errors))
    t.start()
    served = 0
    reader_errors: list[BaseException] = []

    def reader():
        nonlocal served
        try:
            while t.is_alive():
                st = service.stats(base_store)
                assert st["counts"]["articles"] >= 10
                res = service.search(base_store, "council", limit=5)
                assert res["total"] >= 10
                served += 2
        except BaseException as exc:  # noqa: BLE001
            reader_errors.append(exc)

    readers = [threading.Thread(target=reader) for _ in range(3)]
    for r in readers:
        r.start()
    t.join(120)
    for r in readers:
        r.join(60)
    assert not errors and not reader_errors, (errors, reader_errors)
    assert service.stats(base_store)["counts"]["articles"] == 70
    count("concurrency: service.search/stats calls during writes", served)


# -- real processes -------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(**kw: str) -> dict[str, str]:
    e = {**os.environ, **kw}
    e.pop("NEWSGRAPH_DB", None)
    return e


def _inputs(tmp_path: Path, name: str, seed: int, n: int) -> tuple[Path, list[str]]:
    p = tmp_path / name
    recs = [jsonl_record(k, seed=seed) for k in range(n)]
    p.write_text("\n".join(json.dumps(r) for r in recs) + "\n")
    return p, [r["id"] for r in recs]


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_server_answers_while_newsgraph_ingest_runs(tmp_path):
    """``newsgraph serve`` and ``newsgraph ingest`` as two real processes on one store."""
    pytest.importorskip("newsgraph.api")
    import httpx

    db = str(tmp_path / "s.db")
    first, first_ids = _inputs(tmp_path, "first.jsonl", 5, 6)
    assert subprocess.run([sys.executable, "-m", "newsgraph.cli", "ingest", str(first), "--db", db, "-q"],
                          env=_env(), capture_output=True, timeout=600).returncode == 0
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "serve", "--db", db, "--port", str(port)],
                              env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/api/stats", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        more, _ = _inputs(tmp_path, "more.jsonl", 6, 40)
        ingest = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "ingest", str(more), "--db", db, "-q"],
                                  env=_env(NEWSGRAPH_BATCH="2", NEWSGRAPH_WRITE_BATCH="2"), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        served, last, seen_counts = 0, 6, set()
        with httpx.Client(base_url=base, timeout=30) as client:
            while ingest.poll() is None:
                r = client.get("/api/stats")
                assert r.status_code == 200, r.text
                n = r.json()["counts"]["articles"]
                assert last <= n <= 46
                last = n
                seen_counts.add(n)
                r = client.get(f"/api/article/{first_ids[served % len(first_ids)]}")
                assert r.status_code == 200, r.text
                r = client.get("/api/search", params={"q": "council"})
                assert r.status_code == 200, r.text
                served += 3
            _, err = ingest.communicate(timeout=60)
            assert ingest.returncode == 0, err
            assert client.get("/api/stats").json()["counts"]["articles"] == 46
        assert len(seen_counts) > 2, seen_counts  # the server saw the store grow under it
        count("concurrency: API requests served during `newsgraph ingest` (uvicorn)", served)
        print(f"served {served} requests while ingest wrote; saw counts {sorted(seen_counts)}")
    finally:
        server.terminate()
        _, serr = server.communicate(timeout=30)
    assert b"Traceback" not in serr and b"database is locked" not in serr
    check_store(db)


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_two_ingests_at_once(tmp_path):
    """Two ``newsgraph ingest`` into one store, overlapping inputs: both succeed (the
    writer lock is taken per batch), every article is stored once."""
    db = str(tmp_path / "s.db")
    a, a_ids = _inputs(tmp_path, "a.jsonl", 11, 30)
    b, b_ids = _inputs(tmp_path, "b.jsonl", 12, 30)
    shared = tmp_path / "shared.jsonl"
    shared.write_text(a.read_text().splitlines()[0] + "\n" + b.read_text().splitlines()[0] + "\n")
    cmd = [sys.executable, "-m", "newsgraph.cli", "ingest", "--db", db, "-q"]
    p1 = subprocess.Popen(cmd + [str(a), str(shared)], env=_env(NEWSGRAPH_BATCH="2", NEWSGRAPH_WRITE_BATCH="2"), stderr=subprocess.PIPE)
    p2 = subprocess.Popen(cmd + [str(b), str(shared)], env=_env(NEWSGRAPH_BATCH="2", NEWSGRAPH_WRITE_BATCH="2"), stderr=subprocess.PIPE)
    _, e1 = p1.communicate(timeout=800)
    _, e2 = p2.communicate(timeout=800)
    for rc, e in ((p1.returncode, e1), (p2.returncode, e2)):
        assert rc == 0, e.decode()
        assert b"Traceback" not in e and b"database is locked" not in e
    check_store(db)
    c = sqlite3.connect(db)
    ids = sorted(r[0] for r in c.execute("SELECT id FROM articles"))
    c.close()
    assert ids == sorted(set(a_ids + b_ids))
    count("concurrency: simultaneous ingests both succeeded", 2)


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_second_ingest_waits_then_gives_up_clearly(tmp_path):
    """While another process holds the write lock for longer than NEWSGRAPH_BUSY_SECONDS,
    ingest says it is waiting, then stops with a clear message (exit 2), no traceback."""
    db = str(tmp_path / "s.db")
    with Store(db) as s:
        s.write(records(1, 2))
    f = tmp_path / "a.txt"
    f.write_text(story(30).text)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time\n"
        f"c = sqlite3.connect({db!r}, isolation_level=None)\n"
        "c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); time.sleep(60)\n")],
        stdout=subprocess.PIPE)
    assert holder.stdout.readline().strip() == b"locked"
    try:
        r = subprocess.run([sys.executable, "-m", "newsgraph.cli", "ingest", str(f), "--db", db, "-q"],
                           env=_env(NEWSGRAPH_BUSY_SECONDS="3"), capture_output=True, text=True, timeout=300)
    finally:
        holder.kill()
        holder.wait()
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "waiting" in r.stderr and "is busy" in r.stderr
    assert check_store(db)["articles"] == 2


def _open_store(path: str, out: Any) -> None:
    try:
        Store(path).close()
        out.put("ok")
    except Exception as exc:  # the message is the test's evidence
        out.put(f"{type(exc).__name__}: {exc}")


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_processes_opening_a_new_store_at_once(tmp_path):
    """Three processes open one new store at the same moment, many times over: switching
    a new file to WAL can be refused at once (SQLite's deadlock rule skips the busy
    timeout), which made one of two simultaneous ingests fail about once in 150 starts."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    failures = []
    for i in range(150):
        path = str(tmp_path / f"s{i}.db")
        out = ctx.Queue()
        procs = [ctx.Process(target=_open_store, args=(path, out)) for _ in range(3)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        failures += [r for r in (out.get(timeout=60) for _ in procs) if r != "ok"]
    assert failures == []
    count("concurrency: simultaneous opens of a new store", 450)
