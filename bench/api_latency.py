"""Latency of the JSON API (and the HTML pages) on a store of ~20,000 articles.

    python bench/api_latency.py [--shared ../shared] [--articles 20000] [--requests 300]

1. Ingests the shared corpus (``corpus/news.jsonl.gz``, ~2,000 Wikinews articles) once
   into ``bench/out/api_base.db`` (skipped when already there: ingest skips stored articles).
2. Copies it to ``bench/out/api_<N>.db`` and replicates the articles with new ids, in
   SQL, until there are N: every table (articles and FTS, actors per article, mentions,
   quotes, events, event actors, captions, descriptors) gets the copies, with quote and
   event ids rewritten, so the store has the shape of N analysed articles without
   running spaCy N times. Actors keep their ids (the same people recur).
3. Starts ``newsgraph serve`` on a free port and times sequential requests over one
   keep-alive connection (httpx): search (words from titles, with and without filters),
   article and actor, each as JSON and as the HTML page. Prints a table and writes
   ``bench/api_latency.json``.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def ensure_base(shared: Path, workers: int) -> Path:
    base = OUT / "api_base.db"
    corpus = shared / "corpus" / "news.jsonl.gz"
    if not corpus.exists():
        sys.exit(f"{corpus}: not found (give --shared)")
    exe = Path(sys.executable).with_name("newsgraph")
    t0 = time.perf_counter()
    # Already-stored articles are skipped, so this is quick when the base exists.
    subprocess.run([str(exe), "ingest", str(corpus), "--db", str(base), "--workers", str(workers), "-q"],
                   check=False)
    log(f"base store {base}: ready in {time.perf_counter() - t0:.0f} s")
    return base


def _newid(col: str, art: str = "article_id") -> str:
    # Quote and event ids embed their article's id today; if they stop doing so, a suffix still makes them new.
    return f"CASE WHEN instr({col}, {art}) > 0 THEN replace({col}, {art}, {art} || :sfx) ELSE {col} || :sfx END"


REPLICATE = [
    # (table, SQL selecting the copy's rows for copy :k from the original rows)
    ("articles", (
     "INSERT INTO articles (id, content_hash, title, date, outlet, outlet_country, language, authors, standfirst,"
     " url, path, format, text, tone, record)"
     " SELECT id || :sfx, content_hash, title, date, outlet, outlet_country, language, authors, standfirst,"
     " url, path, format, text, tone, replace(record, id, id || :sfx) FROM orig_articles")),
    ("article_actors", (
     "INSERT INTO article_actors (article_id, actor_id, name, kind, country, sector, role, date, n_mentions)"
     " SELECT article_id || :sfx, actor_id, name, kind, country, sector, role, date, n_mentions"
     " FROM orig_article_actors")),
    ("mentions", (
     'INSERT INTO mentions (article_id, actor_id, text, start, "end", kind)'
     ' SELECT article_id || :sfx, actor_id, text, start, "end", kind FROM orig_mentions')),
    ("descriptors", (
     'INSERT INTO descriptors (article_id, actor_id, outlet, text, start, "end")'
     ' SELECT article_id || :sfx, actor_id, outlet, text, start, "end" FROM orig_descriptors')),
    ("captions", (
     'INSERT INTO captions (article_id, text, start, "end", date, credit)'
     ' SELECT article_id || :sfx, text, start, "end", date, credit FROM orig_captions')),
    ("quotes", (
     'INSERT INTO quotes (id, article_id, content, start, "end", kind, speaker, speaker_text, speaker_start,'
     " speaker_end, cue, stance, about, date)"
     f" SELECT {_newid('id')}, article_id || :sfx, content, start, \"end\", kind,"
     " speaker, speaker_text, speaker_start, speaker_end, cue, stance, replace(about, article_id, article_id || :sfx),"
     " date FROM orig_quotes")),
    ("events", (
     'INSERT INTO events (id, article_id, type, mode, cameo, source, target, date, location, from_caption,'
     ' historical, said_in, evidence, start, "end", confidence)'
     f" SELECT {_newid('id')}, article_id || :sfx, type, mode, cameo, source, target,"
     " date, location, from_caption, historical, replace(said_in, article_id, article_id || :sfx), evidence,"
     ' start, "end", confidence FROM orig_events')),
    ("event_actors", (
     "INSERT OR IGNORE INTO event_actors (event_id, actor_id, role)"
     f" SELECT {_newid('ea.event_id', 'e.article_id')}, ea.actor_id, ea.role"
     " FROM orig_event_actors ea JOIN orig_events e ON e.id = ea.event_id")),
]


def replicate(base: Path, n: int) -> Path:
    db = OUT / f"api_{n}.db"
    if db.exists():
        with sqlite3.connect(db) as c:
            have = c.execute("SELECT count(*) FROM articles").fetchone()[0]
        if have >= n * 0.95:
            log(f"reusing {db} ({have} articles)")
            return db
        db.unlink()
    tmp = db.with_suffix(".tmp")
    if tmp.exists():
        tmp.unlink()
    src = sqlite3.connect(base)
    dst = sqlite3.connect(tmp)
    src.backup(dst)  # a consistent copy even if the base is in WAL mode
    src.close()
    c = dst
    originals = c.execute("SELECT count(*) FROM articles WHERE id NOT LIKE '%~%'").fetchone()[0]
    if originals == 0:
        sys.exit("the base store is empty")
    copies = max(0, -(-n // originals) - 1)
    t0 = time.perf_counter()
    c.execute("PRAGMA journal_mode=OFF")
    c.execute("PRAGMA synchronous=OFF")
    # The originals, once: each copy reads these instead of rescanning the growing tables.
    for t in ("articles", "article_actors", "mentions", "descriptors", "captions", "quotes", "events",
              "event_actors"):
        c.execute(f"CREATE TEMP TABLE orig_{t} AS SELECT * FROM {t}")
    c.execute("CREATE INDEX temp.orig_events_id ON orig_events(id)")
    for k in range(1, copies + 1):
        with c:
            for _table, sql in REPLICATE:
                c.execute(sql, {"sfx": f"~{k}"})
        log(f"copy {k}/{copies}: {originals * (k + 1)} articles, {time.perf_counter() - t0:.0f} s")
    c.execute("PRAGMA journal_mode=WAL")
    c.execute("ANALYZE")
    c.close()
    tmp.rename(db)
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    exe = Path(sys.executable).with_name("newsgraph")
    proc = subprocess.Popen([str(exe), "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(base + "/api/stats", timeout=30).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            sys.exit("server failed: " + proc.stderr.read().decode())
        time.sleep(0.2)
    proc.kill()
    sys.exit("server did not start")


def workload(db: Path, rng: random.Random, k: int) -> dict[str, list[str]]:
    """Request paths for each endpoint, drawn from the store's own content."""
    c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    titles = [r[0] for r in c.execute("SELECT title FROM articles WHERE id NOT LIKE '%~%' AND title IS NOT NULL")]
    words = sorted({w for t in titles for w in t.split() if w.isalpha() and len(w) > 3})
    ids = [r[0] for r in c.execute("SELECT id FROM articles")]
    # Actors as people would open them: mostly the ones in many articles.
    actors = [r[0] for r in c.execute(
        "SELECT actor_id FROM article_actors GROUP BY actor_id HAVING count(*) >= 5 ORDER BY count(*) DESC LIMIT 2000")]
    types = [r[0] for r in c.execute("SELECT DISTINCT type FROM events")]
    events = [r[0] for r in c.execute("SELECT id FROM events ORDER BY random() LIMIT ?", (k,))]
    years = [r[0] for r in c.execute("SELECT DISTINCT substr(date, 1, 4) FROM articles WHERE date IS NOT NULL")]
    c.close()

    def search() -> str:
        roll = rng.random()
        if roll < 0.5:
            q = " ".join(rng.sample(words, 1 if rng.random() < 0.7 else 2))
            return f"q={quote(q)}"
        if roll < 0.7:
            return f"q={quote(rng.choice(words))}&date_from={rng.choice(years)}&date_to={rng.choice(years)}"
        if roll < 0.85 and types:
            return f"event_type={rng.choice(types)}&q={quote(rng.choice(words))}"
        if roll < 0.95 and actors:
            return f"actor={quote(rng.choice(actors[:200]))}"
        return ""  # the front page: latest articles

    searches = [search() for _ in range(k)]
    arts = [quote(rng.choice(ids), safe="") for _ in range(k)]
    acts = [quote(rng.choice(actors[:50] if rng.random() < 0.3 else actors), safe="") for _ in range(k)]
    return {
        "search": [f"/api/search?{s}" for s in searches],
        "article": [f"/api/article/{a}" for a in arts],
        "actor": [f"/api/actor/{a}" for a in acts],
        # Not asked for, but good to know: the heavier aggregate pages, fewer requests.
        "event": [f"/api/event/{quote(e, safe='')}" for e in events],
        "network": ["/api/network" if i % 2 else f"/api/network?date_from={rng.choice(years)}"
                    for i in range(max(5, k // 10))],
        "timeline": ["/api/timeline" if i % 2 else f"/api/timeline?actor={quote(rng.choice(actors[:50]))}"
                     for i in range(max(5, k // 10))],
        "search (html)": [f"/?{s}" for s in searches],
        "article (html)": [f"/article/{a}" for a in arts],
        "actor (html)": [f"/actor/{a}" for a in acts],
    }


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def measure(base: str, paths: dict[str, list[str]], warmup: int) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        for name, ps in paths.items():
            for p in ps[:warmup]:
                client.get(p)
            times, sizes, errors = [], [], 0
            for p in ps:
                t0 = time.perf_counter()
                r = client.get(p)
                times.append((time.perf_counter() - t0) * 1000)
                sizes.append(len(r.content))
                errors += r.status_code != 200
            out[name] = {"n": len(times), "median_ms": round(statistics.median(times), 2),
                         "p95_ms": round(pct(times, 95), 2), "max_ms": round(max(times), 2),
                         "mean_kb": round(statistics.mean(sizes) / 1024, 1), "non_200": errors}
            log(f"{name}: median {out[name]['median_ms']} ms, p95 {out[name]['p95_ms']} ms")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.environ.get("NEWSGRAPH_SHARED", str(ROOT.parent / "shared")))
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--requests", type=int, default=300, help="timed requests per endpoint")
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--workers", type=int, default=2, help="processes for the one-off ingest")
    ap.add_argument("--skip-ingest", action="store_true", help="use bench/out/api_base.db as it is")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--output", default=str(ROOT / "bench" / "api_latency.json"))
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    base_db = OUT / "api_base.db" if args.skip_ingest else ensure_base(Path(args.shared), args.workers)
    db = replicate(base_db, args.articles)
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as c:
        counts = {t: c.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("articles", "actors", "mentions", "quotes", "events", "event_actors")}
    log(f"store {db}: {counts}")
    load_before = os.getloadavg()
    proc, base = serve(db)
    try:
        paths = workload(db, random.Random(args.seed), args.requests)
        results = measure(base, paths, args.warmup)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    report = {
        "store": counts, "db_bytes": db.stat().st_size, "requests_per_endpoint": args.requests,
        "how": "live `newsgraph serve` (uvicorn, 1 process), sequential requests over one keep-alive httpx connection",
        "machine": {"python": platform.python_version(), "sqlite": sqlite3.sqlite_version, "cpus": os.cpu_count(),
                    "platform": platform.platform(),
                    # Other work on the machine shows up in the latencies: the load says how much.
                    "loadavg_before": [round(x, 2) for x in load_before],
                    "loadavg_after": [round(x, 2) for x in os.getloadavg()]},
        "results": results,
    }
    Path(args.output).write_text(json.dumps(report, indent=1) + "\n")
    print(f"\n{counts['articles']:,} articles, {counts['quotes']:,} quotes, {counts['events']:,} events "
          f"({db.stat().st_size / 1e6:.0f} MB)")
    print(f"{'endpoint':<16} {'median ms':>10} {'p95 ms':>10} {'max ms':>10} {'KB':>8} {'non-200':>8}")
    for name, r in results.items():
        print(f"{name:<16} {r['median_ms']:>10.1f} {r['p95_ms']:>10.1f} {r['max_ms']:>10.1f} {r['mean_kb']:>8.1f}"
              f" {r['non_200']:>8}")
    print(f"load average before/after: {report['machine']['loadavg_before'][0]} / "
          f"{report['machine']['loadavg_after'][0]} on {os.cpu_count()} CPUs")
    print(f"-> {args.output}")


if __name__ == "__main__":
    main()
