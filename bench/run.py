"""newsgraph's scale benchmark: every number in one run, on the same texts.

    python bench/run.py [--shared ../shared] [--subset clean|all] [--limit N] [--skip PHASE,...]

Phases, each in a fresh process (so peak memory is its own, and one phase's warm
caches don't help the next); ``results.json`` gets every number, a table is printed:

- ``parse``     bare spaCy: ``nlp.pipe`` over the texts ``extract`` parses (the floor; model
                load excluded): the records its readers accept, as its parser gets them
- ``parse1``    bare spaCy on the same texts one at a time, as ``extract`` parses them (measured:
                10 % less CPU than ``nlp.pipe`` in batches of 8 on the 294 clean articles, so
                it is the stricter floor)
- ``extract``   ``newsgraph extract`` with every stage on (readers, cleaning, parse,
                actors, quotes, events, tone, records; model load excluded): ratio to the floor.
                Its parse runs two of spaCy's components through cheaper equivalents that give
                every token the same annotations (``nlp/parse_speedups.py``); the floor keeps
                spaCy's own, so the ratio is what a user pays against stock spaCy
- ``textacy``   the peer: spaCy + ``textacy.extract.triples.direct_quotations``
- ``ingest1``   ``newsgraph ingest --workers 1`` into a fresh store (end to end)
- ``ingest2``   ``newsgraph ingest --workers 2`` (end to end): throughput ratio to ingest1
- ``spark``     ``newsgraph spark`` in ``local[2]`` (end to end, and without the JVM start):
                ratio to ingest2
- ``full``      ``ingest --workers 2`` of ALL of news.jsonl.gz: peak RSS of the process
                tree, and RSS at 25/50/75/100% of the articles (memory must stay flat)
- ``html``      bench/html_extraction.py (HTML reader F1 on the extraction benchmark)
- ``live``      bench/live.py: ``watch`` of pages served on 127.0.0.1 against ``ingest`` of the
                same pages from disk (throughput ratio), and requests per second per host

Times are wall clock on a shared machine: the ratios (same run, same texts) are what
matter. Each phase also records the CPU seconds of its process tree and the load
average around it, so a ratio skewed by other processes can be told apart.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PHASES = ("parse", "parse1", "extract", "textacy", "ingest1", "ingest2", "spark", "full", "html", "live")


# -- memory sampling (inside a phase) ------------------------------------------------
class RSSSampler:
    """Samples the resident memory of this process and all its descendants (pool
    workers, the Spark JVM and its Python workers) every ``every`` seconds."""

    def __init__(self, every: float = 0.2) -> None:
        import psutil

        self.proc = psutil.Process()
        self.every = every
        self.peak = 0
        self.last = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def tree_rss(self) -> int:
        import psutil

        total = 0
        for p in [self.proc, *self.proc.children(recursive=True)]:
            try:
                total += p.memory_info().rss
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.last = self.tree_rss()
            self.peak = max(self.peak, self.last)
            self._stop.wait(self.every)

    def __enter__(self) -> RSSSampler:
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()


def mb(n: float) -> float:
    return round(n / 1e6, 1)


def fresh_db(work: Path, name: str) -> Path:
    db = work / name
    for s in ("", "-wal", "-shm"):
        Path(str(db) + s).unlink(missing_ok=True)
    return db


def db_bytes(db: Path) -> int:
    return sum(Path(str(db) + s).stat().st_size for s in ("", "-wal", "-shm") if Path(str(db) + s).exists())


# -- phases (each runs in its own process) ----------------------------------------------
def extracted_texts(texts_file: Path) -> list[str]:
    """The texts ``extract`` parses: the articles its readers accept (a record with no
    text is refused, not parsed), as the parser gets them (``parse_text``). The floor
    parses exactly these, so the two phases compare the same work."""
    from newsgraph.errors import InputError
    from newsgraph.ingest.clean import parse_text
    from newsgraph.ingest.sources import read_inputs

    return [parse_text(a.text) for a in read_inputs([str(texts_file)]) if not isinstance(a, InputError)]


def phase_parse(texts_file: Path, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    from newsgraph.nlp.pipeline import load_spacy
    from newsgraph.settings import get_settings

    texts = extracted_texts(texts_file)
    with RSSSampler() as rss:
        nlp = load_spacy()  # spaCy alone: the floor
        t0 = time.perf_counter()
        tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=get_settings().batch_size))
        secs = time.perf_counter() - t0
    return {"articles": len(texts), "tokens": tokens, "seconds": secs, "peak_rss_mb": mb(rss.peak)}


def phase_parse1(texts_file: Path, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    from newsgraph.nlp.pipeline import load_spacy

    texts = extracted_texts(texts_file)
    with RSSSampler() as rss:
        nlp = load_spacy()
        t0 = time.perf_counter()
        tokens = sum(len(nlp(text)) for text in texts)
        secs = time.perf_counter() - t0
    return {"articles": len(texts), "tokens": tokens, "seconds": secs, "peak_rss_mb": mb(rss.peak)}


def phase_extract(texts_file: Path, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    from newsgraph import service
    from newsgraph.nlp.pipeline import load_nlp

    errors: list = []
    with RSSSampler() as rss:
        load_nlp()  # the model load is not part of the comparison with the floor
        t0 = time.perf_counter()
        counts = {"articles": 0, "quotes": 0, "events": 0, "actors": 0}
        for rec in service.extract([str(texts_file)], on_error=errors.append):
            counts["articles"] += 1
            for k in ("quotes", "events", "actors"):
                counts[k] += len(rec.get(k) or [])
        secs = time.perf_counter() - t0
    return {**counts, "errors": len(errors), "seconds": secs, "peak_rss_mb": mb(rss.peak)}


def phase_textacy(texts_file: Path, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    try:
        import textacy
        from textacy.extract.triples import direct_quotations
    except Exception as exc:  # noqa: BLE001
        return {"skipped": f"textacy not importable: {exc.__class__.__name__}: {exc}"}
    from newsgraph.nlp.pipeline import load_nlp
    from newsgraph.settings import get_settings

    texts = extracted_texts(texts_file)
    with RSSSampler() as rss:
        nlp = load_nlp()
        t0 = time.perf_counter()
        quotes = bailed = 0
        for doc in nlp.pipe(texts, batch_size=get_settings().batch_size):
            try:
                quotes += sum(1 for _ in direct_quotations(doc))
            except ValueError:  # textacy refuses documents with an odd number of quote marks
                bailed += 1
        secs = time.perf_counter() - t0
    return {"articles": len(texts), "quotes": quotes, "articles_refused": bailed, "seconds": secs,
            "textacy": textacy.__version__, "peak_rss_mb": mb(rss.peak)}


def _ingest(texts_file: Path, work: Path, workers: int, name: str, marks: bool = False) -> dict[str, Any]:
    from newsgraph import service

    db = fresh_db(work, name)
    total = sum(1 for line in texts_file.open(encoding="utf-8") if line.strip())
    done = 0
    samples: dict[str, float] = {}
    with RSSSampler() as rss:
        def progress(n: int) -> None:
            nonlocal done
            done += n
            for q in (25, 50, 75, 100):
                key = f"{q}%"
                if key not in samples and done >= total * q / 100:
                    samples[key] = mb(rss.tree_rss())

        t0 = time.perf_counter()
        report = service.ingest([str(texts_file)], db=str(db), workers=workers, on_error=lambda e: progress(1),
                                on_progress=progress)
        secs = time.perf_counter() - t0
        samples.setdefault("100%", mb(rss.tree_rss()))
    out = {"articles": report.stored, "failed": report.failed, "seconds": secs, "peak_rss_mb": mb(rss.peak),
           "store_bytes": db_bytes(db), "store_kb_per_article": round(db_bytes(db) / 1e3 / max(1, report.stored), 1)}
    if marks:
        out["rss_mb_at"] = samples
    return out


def phase_ingest1(texts_file: Path, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    return _ingest(texts_file, work, 1, "ingest1.db")


def phase_ingest2(texts_file: Path, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    return _ingest(texts_file, work, 2, "ingest2.db")


def phase_full(texts_file: Path, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    return _ingest(work / "all.jsonl", work, args.full_workers, "full.db", marks=True)


def phase_spark(texts_file: Path, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    try:
        from newsgraph.spark import run_job
        from newsgraph.spark.job import session
    except Exception as exc:  # noqa: BLE001
        return {"skipped": f"pyspark not importable: {exc}"}
    out = work / "spark-out"
    with RSSSampler() as rss:
        t0 = time.perf_counter()
        spark = session("local[2]")
        started = time.perf_counter() - t0
        report = run_job([str(texts_file)], str(out), spark=spark)
        secs = time.perf_counter() - t0
        spark.stop()
    return {"articles": report.articles, "errors": report.errors, "seconds": secs, "session_start_seconds": started,
            "job_seconds": report.seconds, "partitions": report.partitions, "peak_rss_mb": mb(rss.peak)}


def phase_html(texts_file: Path, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "bench"))
    import html_extraction

    res = html_extraction.main(["--shared", args.shared, "--output", str(ROOT / "bench" / "html_results.json")])
    ours = res["systems"]["newsgraph html_to_text"]
    pub = res["systems"].get("published output: trafilatura", {})
    return {**ours, "published_trafilatura_f1_rescored": pub.get("f1"), "published_trafilatura_f1": 0.958}


def phase_live(texts_file: Path, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "bench"))
    import live

    res = live.main(["--output", str(ROOT / "bench" / "live_results.json")])
    return {**res["watch"], "disk_seconds": res["disk"]["seconds"], "watch_vs_disk": res["watch_vs_disk"],
            "host_max_rps": max(res["polite"]["host_a"]["max_in_any_second"],
                                res["polite"]["host_b"]["max_in_any_second"]),
            "host_interval_s": res["polite"]["interval_s"]}


# -- driver -----------------------------------------------------------------------
def run_phase(name: str, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--phase", name, "--work", str(work),
           "--shared", args.shared, "--full-workers", str(args.full_workers)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load0 = os.getloadavg()[0]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = [x for x in proc.stdout.splitlines() if x.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"phase_failed": True, "returncode": proc.returncode, "stderr_tail": proc.stderr[-2000:]}
    res = json.loads(lines[-1])
    res.update({"process_seconds": round(wall, 2), "cpu_seconds": round(cpu, 2),
                "load_before": round(load0, 2), "load_after": round(os.getloadavg()[0], 2)})
    return res


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a and b else None


def summarise(r: dict[str, dict[str, Any]]) -> dict[str, Any]:
    g = lambda p, k: (r.get(p) or {}).get(k)
    s: dict[str, Any] = {
        "extract_vs_parse": ratio(g("extract", "seconds"), g("parse", "seconds")),
        "textacy_vs_parse": ratio(g("textacy", "seconds"), g("parse", "seconds")),
        "workers2_speedup": ratio(g("ingest1", "seconds"), g("ingest2", "seconds")),
        "spark_vs_workers2": ratio(g("spark", "seconds"), g("ingest2", "seconds")),
        "spark_job_vs_workers2": ratio(g("spark", "job_seconds"), g("ingest2", "seconds")),
        "full_peak_rss_mb": g("full", "peak_rss_mb"),
        "full_rss_mb_at": g("full", "rss_mb_at"),
        "store_kb_per_article": g("ingest1", "store_kb_per_article"),
        "store_kb_per_article_full": g("full", "store_kb_per_article"),
        "html_f1": g("html", "f1"),
        "live_watch_vs_disk": g("live", "watch_vs_disk"),
    }
    # On a machine shared with other work, wall ratios understate what the cores could
    # do; CPU seconds show how much work each variant needed (2 workers that do the
    # same work as 1 in the same CPU time would run 2x as fast on 2 idle cores).
    # the same for extraction against the floor: the CPU each process needed (model loads
    # included), which other processes on the machine skew less than wall time
    s["extract_vs_parse_cpu"] = ratio(g("extract", "cpu_seconds"), g("parse", "cpu_seconds"))
    s["extract_vs_parse1_cpu"] = ratio(g("extract", "cpu_seconds"), g("parse1", "cpu_seconds"))
    c1, c2 = g("ingest1", "cpu_seconds"), g("ingest2", "cpu_seconds")
    if c1 and c2:
        s["workers2_cpu_overhead"] = ratio(c2, c1)
    return s


TARGETS = {"extract_vs_parse": ("<=", 1.3), "extract_vs_parse_cpu": ("<=", 1.2), "extract_vs_parse1_cpu": ("<=", 1.2),
           "workers2_speedup": (">=", 1.7), "spark_vs_workers2": ("<=", 1.5),
           "full_peak_rss_mb": ("<", 1500)}


def print_table(results: dict[str, Any]) -> None:
    r = results["phases"]
    print(f"\nnewsgraph bench: {results['texts']['articles']} articles ({results['texts']['chars']:,} chars, "
          f"subset {results['texts']['subset']}), {results['machine']['cpus']} CPUs")
    print(f"{'phase':10} {'articles':>8} {'wall s':>8} {'art/s':>7} {'cpu s':>7} {'peak RSS MB':>11} {'load':>11}")
    for name in PHASES:
        x = r.get(name)
        if not x:
            continue
        if x.get("phase_failed") or x.get("skipped"):
            print(f"{name:10} {'FAILED' if x.get('phase_failed') else 'skipped: ' + x['skipped'][:60]}")
            continue
        n, secs = x.get("articles") or x.get("pages"), x.get("seconds")
        rate = f"{n / secs:7.2f}" if n and secs else " " * 7
        print(f"{name:10} {n or '':>8} {secs or 0:8.1f} {rate} {x.get('cpu_seconds', 0):7.1f} "
              f"{x.get('peak_rss_mb') or '':>11} {x.get('load_before', 0):5.1f}-{x.get('load_after', 0):<5.1f}")
    print()
    for k, v in results["summary"].items():
        t = TARGETS.get(k)
        mark = ""
        if t and isinstance(v, (int, float)):
            ok = v <= t[1] if t[0] == "<=" else v >= t[1] if t[0] == ">=" else v < t[1]
            mark = f"   target {t[0]} {t[1]}: {'met' if ok else 'NOT met'}"
        print(f"{k:28} {v}{mark}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--subset", choices=("clean", "all"), default="clean",
                    help="which articles of news.jsonl.gz the comparisons run on (clean: the 295 of part A)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles of the subset")
    ap.add_argument("--skip", default="", help="comma-separated phases to leave out")
    ap.add_argument("--full-workers", type=int, default=2, help="workers for the all-corpus memory run")
    ap.add_argument("--output", default=str(ROOT / "bench" / "results.json"))
    ap.add_argument("--work", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--phase", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.phase:  # inside a phase process
        work = Path(args.work)
        res = globals()[f"phase_{args.phase}"](work / "texts.jsonl", work, args)
        print(json.dumps(res))
        return

    corpus = Path(args.shared) / "corpus" / "news.jsonl.gz"
    rows = [json.loads(line) for line in gzip.open(corpus, "rt", encoding="utf-8") if line.strip()]
    subset = [x for x in rows if args.subset == "all" or x.get("quality") == "clean"]
    if args.limit:
        subset = subset[: args.limit]
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as tmp:
        work = Path(tmp)
        with (work / "texts.jsonl").open("w", encoding="utf-8") as f:
            for x in subset:
                f.write(json.dumps(x, ensure_ascii=False) + "\n")
        with (work / "all.jsonl").open("w", encoding="utf-8") as f:
            for x in rows:
                f.write(json.dumps(x, ensure_ascii=False) + "\n")
        results: dict[str, Any] = {
            "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                        "platform": platform.platform()},
            "texts": {"corpus": str(corpus), "subset": args.subset, "articles": len(subset),
                      "chars": sum(len(x["text"]) for x in subset), "all_articles": len(rows)},
            "phases": {},
        }
        for name in PHASES:
            if name in skip:
                continue
            t0 = time.perf_counter()
            print(f"[bench] {name} ...", file=sys.stderr, flush=True)
            results["phases"][name] = run_phase(name, args, work)
            print(f"[bench] {name} done in {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
            # Saved after every phase: a run cut short keeps what it measured.
            results["summary"] = summarise(results["phases"])
            Path(args.output).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        results["summary"] = summarise(results["phases"])
        try:
            import spacy

            results["versions"] = {"spacy": spacy.__version__}
        except Exception:  # noqa: BLE001
            pass
    Path(args.output).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print_table(results)
    print(f"\n-> {args.output}")


if __name__ == "__main__":
    main()
