"""Score newsgraph's HTML reader on the article-extraction benchmark (Zyte/ScrapingHub).

For each of the 181 pages in ``<shared>/extraction-bench/html/*.html.gz`` the body
that ``newsgraph.ingest.html.html_to_text`` extracts is compared with the hand-made
``articleBody`` of ``ground-truth.json`` the way the benchmark does it: tokens are
``\\w+`` runs, shingles are 4 consecutive tokens (counted with multiplicity), each
page's true/false positives and false negatives are divided by their sum (so long
pages weigh no more than short ones), summed over the pages, and precision, recall
and F1 computed from those sums. "Accuracy" is the share of pages whose tokens equal
the ground truth's. Only the metric's definition comes from upstream (its README);
no upstream code is used.

The published predictions in ``output/<system>.json.gz`` are scored the same way as
a check of this scorer (upstream's published F1: trafilatura 2.0.0 0.958).

    python bench/html_extraction.py [--shared ../shared] [--variants]
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

_TOKEN = re.compile(r"\w+", re.UNICODE)
ROOT = Path(__file__).resolve().parent.parent


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = 4) -> Counter:
    toks = tokens(text)
    return Counter(" ".join(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i:i + n])


def page_tp_fp_fn(true: str | None, pred: str | None) -> tuple[float, float, float]:
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def score(truth: dict[str, dict], pred: dict[str, str | None]) -> dict[str, float]:
    tp = fp = fn = 0.0
    exact = 0
    per_page_f1 = []
    for key, gt in truth.items():
        body = pred.get(key) or ""
        a, b, c = page_tp_fp_fn(gt.get("articleBody"), body)
        tp, fp, fn = tp + a, fp + b, fn + c
        exact += tokens(gt.get("articleBody")) == tokens(body)
        pp = a / (a + b) if a + b else 0.0
        rr = a / (a + c) if a + c else 0.0
        per_page_f1.append(2 * pp * rr / (pp + rr) if pp + rr else 0.0)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": round(f1, 4), "precision": round(precision, 4), "recall": round(recall, 4),
            "accuracy": round(exact / len(truth), 4),
            "mean_page_f1": round(sum(per_page_f1) / len(per_page_f1), 4), "pages": len(truth)}


def load_published(path: Path) -> dict[str, str | None]:
    data = json.loads(gzip.decompress(path.read_bytes()))
    if "output" in data and isinstance(data["output"], dict):
        data = data["output"]
    return {k: (v or {}).get("articleBody") for k, v in data.items()}


def run_reader(pages: dict[str, str], urls: dict[str, str], extract) -> tuple[dict[str, str], float]:
    out: dict[str, str] = {}
    t0 = time.perf_counter()
    for key, html in pages.items():
        try:
            out[key] = extract(html, urls.get(key))
        except Exception as exc:  # noqa: BLE001 - a failing page scores 0, the run goes on
            print(f"  {key}: {exc.__class__.__name__}: {exc}", file=sys.stderr)
            out[key] = ""
    return out, time.perf_counter() - t0


def trafilatura_variant(**kw):
    import warnings

    import trafilatura

    def extract(html: str, url: str | None) -> str:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return trafilatura.extract(html, url=url, **kw) or ""

    return extract


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--output", default=str(ROOT / "bench" / "html_results.json"))
    ap.add_argument("--variants", action="store_true", help="also score plain trafilatura settings")
    args = ap.parse_args(argv)
    bench = Path(args.shared) / "extraction-bench"
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {k: gzip.decompress((bench / "html" / f"{k}.html.gz").read_bytes()).decode("utf-8", "replace")
             for k in truth}
    urls = {k: v.get("url") for k, v in truth.items()}

    import trafilatura

    from newsgraph.ingest.html import html_to_text

    results: dict = {"benchmark": "scrapinghub/article-extraction-benchmark (181 pages)",
                     "metric": "4-token shingle P/R/F1, per-page normalised tp/fp/fn summed (upstream's)",
                     "trafilatura_version": trafilatura.__version__, "systems": {}}
    pred, secs = run_reader(pages, urls, lambda h, u: html_to_text(h, u)[0])
    results["systems"]["newsgraph html_to_text"] = {**score(truth, pred), "seconds": round(secs, 1)}
    if args.variants:
        variants = {
            "trafilatura.extract defaults": {},
            "favor_precision": {"favor_precision": True},
            "favor_recall": {"favor_recall": True},
            "no tables, no comments": {"include_tables": False, "include_comments": False},
        }
        for name, kw in variants.items():
            pred, secs = run_reader(pages, urls, trafilatura_variant(**kw))
            results["systems"][f"trafilatura {trafilatura.__version__}: {name}"] = {**score(truth, pred),
                                                                                   "seconds": round(secs, 1)}
    for f in sorted((bench / "output").glob("*.json.gz")):
        name = f.name[: -len(".json.gz")]
        results["systems"][f"published output: {name}"] = score(truth, load_published(f))
    results["published_f1"] = {"trafilatura 2.0.0": 0.958, "rs_trafilatura": 0.970, "newspaper4k": 0.949,
                               "readability-lxml": 0.922, "html-text baseline": 0.665}

    print(f"{'system':58} {'F1':>6} {'P':>6} {'R':>6} {'acc':>6}")
    for name, r in results["systems"].items():
        print(f"{name:58} {r['f1']:6.3f} {r['precision']:6.3f} {r['recall']:6.3f} {r['accuracy']:6.3f}")
    Path(args.output).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"-> {args.output}")
    return results


if __name__ == "__main__":
    main()
