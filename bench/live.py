"""The live benchmark: ``newsgraph watch`` against a news site on 127.0.0.1 (the test
server of tests/fixtures/newsserver.py) compared with ``ingest`` of the same pages from
disk, and per-host politeness measured at the server.

    python bench/live.py [--pages N] [--output bench/live_results.json]

- ``disk``    ingest of the HTML pages from files into a fresh store
- ``watch``   one ``watch`` pass over a feed of the same pages into a fresh store
              (fetching overlapped with extraction); ``watch_vs_disk`` = throughput ratio
- ``polite``  a pass over two hosts at 1 request per ``--interval`` s each: requests per
              second per host as the servers saw them, and the smallest gap between two
              requests to one host

spaCy is loaded before the clock starts, in this process, for both.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fixtures.newsserver import NewsServer, article_html, rss  # noqa: E402

DATE = "Mon, 06 May 2024 10:00:00 GMT"


def pages(n: int) -> list[str]:
    out = []
    files = sorted((ROOT / "data" / "sample").glob("*.txt"))
    for f in files[:n]:
        lines = f.read_text(encoding="utf-8").split("\n")
        out.append(article_html(lines[1], [x for x in lines[3:] if x.strip()], site="Bench Gazette"))
    return out


def host_rates(server: NewsServer, prefix: str) -> dict[str, float]:
    starts = sorted(r.at for r in server.log if r.path.startswith(prefix))
    per_second = Counter(int(t - starts[0]) for t in starts) if starts else Counter()
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    span = starts[-1] - starts[0] if len(starts) > 1 else 0.0
    return {"requests": len(starts), "max_in_any_second": max(per_second.values(), default=0),
            "mean_per_second": round((len(starts) - 1) / span, 2) if span else None,
            "min_gap_s": round(min(gaps), 3) if gaps else None}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=20)
    ap.add_argument("--interval", type=float, default=0.5, help="per-host interval for the politeness run")
    ap.add_argument("--output", default=str(ROOT / "bench" / "live_results.json"))
    args = ap.parse_args(argv)

    from newsgraph import service
    from newsgraph.live.config import LiveConfig
    from newsgraph.live.watch import run_pass
    from newsgraph.nlp.pipeline import Extractor

    Extractor()  # load spaCy once, outside every clock
    html = pages(args.pages)
    res: dict[str, Any] = {"pages": len(html)}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for i, h in enumerate(html):
            (work / f"p{i}.html").write_text(h, encoding="utf-8")
        # Warm every lazy load (knowledge base, trafilatura) on one page, outside the clocks.
        service.ingest([str(work / "p0.html")], db=str(work / "warm.db"))
        t0 = time.perf_counter()
        rep = service.ingest([str(work / f"p{i}.html") for i in range(len(html))], db=str(work / "disk.db"))
        res["disk"] = {"articles": rep.stored, "seconds": round(time.perf_counter() - t0, 3)}

        with NewsServer() as site:
            for i, h in enumerate(html):
                site.routes[f"/p{i}"] = h
            site.routes["/feed.xml"] = rss([(site.url(f"/p{i}"), f"p{i}", DATE) for i in range(len(html))])
            cfg = LiveConfig(host_interval=0.0, host_concurrency=4, workers=4)
            t0 = time.perf_counter()
            r = run_pass([site.url("/feed.xml")], str(work / "watch.db"), cfg)
            res["watch"] = {"articles": r.stored, "seconds": round(time.perf_counter() - t0, 3),
                            "requests": r.requests}
        res["watch_vs_disk"] = round(res["disk"]["seconds"] / res["watch"]["seconds"], 3)

        # Politeness: two hosts (two ports), half the pages each, one request per interval per host.
        with NewsServer() as a, NewsServer() as b:
            items = []
            for i, h in enumerate(html):
                srv = a if i % 2 else b
                srv.routes[f"/q{i}"] = h
                items.append((srv.url(f"/q{i}"), f"q{i}", DATE))
            a.routes["/feed.xml"] = rss(items)
            cfg = LiveConfig(host_interval=args.interval, host_concurrency=2, workers=8)
            t0 = time.perf_counter()
            run_pass([a.url("/feed.xml")], str(work / "polite.db"), cfg)
            res["polite"] = {"interval_s": args.interval, "seconds": round(time.perf_counter() - t0, 3),
                             "host_a": host_rates(a, "/"), "host_b": host_rates(b, "/")}
    Path(args.output).write_text(json.dumps(res, indent=1) + "\n")
    print(json.dumps(res))
    return res


if __name__ == "__main__":
    main()
