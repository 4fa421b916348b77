"""Crash safety: ``newsgraph ingest`` SIGKILLed at random points, restarted, again and
again. After every kill the store passes SQLite's integrity check, every article row
agrees with its stored record (no half-written article, no orphan row), nothing stored
before is lost; at the end every input is stored exactly once."""
from __future__ import annotations

import gzip
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixtures.bad_inputs import jsonl_record
from fixtures.counters import count
from fixtures.storecheck import check_store, fts_check

SHARED = Path(os.environ.get("NEWSGRAPH_SHARED") or Path(__file__).resolve().parents[2] / "shared")
CORPUS = SHARED / "corpus" / "news.jsonl.gz"
N_ARTICLES = int(os.environ.get("NEWSGRAPH_CRASH_ARTICLES", "200"))
N_KILLS = int(os.environ.get("NEWSGRAPH_CRASH_KILLS", "6"))


def _corpus(path: Path, n: int) -> list[str]:
    """n articles as JSONL: the shared Wikinews corpus when present, else our own texts."""
    lines: list[str] = []
    if CORPUS.exists():
        with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                if len(rec.get("text") or "") < 6000:  # keep the run short
                    lines.append(json.dumps({k: rec[k] for k in ("id", "url", "title", "date", "source", "text")}))
                if len(lines) >= n:
                    break
    k = 0
    while len(lines) < n:
        lines.append(json.dumps(jsonl_record(k, seed=77)))
        k += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [json.loads(x)["id"] for x in lines]


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        c = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return c.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            c.close()
    except sqlite3.Error:
        return 0


def _start(inp: Path, db: Path, log: Path) -> subprocess.Popen:
    env = {**os.environ, "NEWSGRAPH_BATCH": "4", "NEWSGRAPH_WRITE_BATCH": "4"}
    env.pop("NEWSGRAPH_DB", None)
    return subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "ingest", str(inp), "--db", str(db), "-q"],
                            stdout=subprocess.DEVNULL, stderr=open(log, "ab"), env=env)


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_sigkill_and_restart(tmp_path):
    rnd = random.Random(int(os.environ.get("NEWSGRAPH_CRASH_SEED", "8")))
    inp = tmp_path / "in.jsonl"
    ids = _corpus(inp, N_ARTICLES)
    db = tmp_path / "store.db"
    log = tmp_path / "ingest.log"
    survived = 0
    kills_in_write = 0
    stored_before: dict[str, str] = {}
    for cycle in range(N_KILLS):
        p = _start(inp, db, log)
        base = _count(db)
        if cycle == 0:
            time.sleep(rnd.uniform(0.5, 6.0))  # early: imports, store creation, migration
        else:
            # Wait until this run has written something, then kill at a random moment.
            t0 = time.monotonic()
            while _count(db) <= base and p.poll() is None and time.monotonic() - t0 < 300:
                time.sleep(0.2)
            time.sleep(rnd.uniform(0.0, 4.0))
        if p.poll() is not None:
            break  # finished before we could kill it
        if db.with_name(db.name + "-wal").exists() and _count(db) > base:
            kills_in_write += 1
        p.send_signal(signal.SIGKILL)
        p.wait(30)
        # The store after a kill: intact, consistent, and nothing stored before is lost.
        counts = check_store(str(db)) if db.exists() else {"articles": 0}
        c = sqlite3.connect(f"file:{db}?mode=ro", uri=True) if db.exists() else None
        now = dict(c.execute("SELECT id, content_hash FROM articles").fetchall()) if c else {}
        if c:
            c.close()
        assert all(now.get(k) == v for k, v in stored_before.items()), "an article stored before a kill was lost"
        assert set(now) <= set(ids)
        stored_before = now
        survived += 1
        count("crash: SIGKILL/restart cycles survived")
        print(f"kill {cycle + 1}: {counts['articles']} articles stored, store consistent")
    # The last run goes to the end.
    p = _start(inp, db, log)
    assert p.wait(1200) == 0, log.read_text()[-3000:]
    counts = check_store(str(db))
    fts_check(str(db))
    c = sqlite3.connect(db)
    got = [r[0] for r in c.execute("SELECT id FROM articles")]
    c.close()
    assert sorted(got) == sorted(set(ids)) and len(got) == len(ids)  # every input exactly once
    assert "Traceback" not in log.read_text()
    assert survived >= min(N_KILLS, 3)
    count("crash: articles stored exactly once after kills", len(got))
    print(f"{survived} kills survived ({kills_in_write} with a write under way), {len(got)} articles, "
          f"{counts}")
