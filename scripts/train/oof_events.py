"""Out-of-fold event predictions on the annotated train split, for the confidence model.

    python scripts/train/oof_events.py --out /tmp/oof.jsonl [--shared ../shared] [--folds 2] [--seed 13]

The confidence model (``train_confidence.py``) learns which coded events are right. The
events it learns from must look like the ones it will be asked about: events of articles
the trained parts upstream never saw. Run on the train split with the shipped models, the
trigger counts, the event type model, the party model and the statement-act model have
all been fitted on those very articles, so their events are right far more often than on
unseen text (measured on today's models: CAMEO-derived or learned triggers kept with both
sides were right 24 times of 31 on train, 1 of 1 on dev; train full precision 0.47 against
0.39 on dev), and a model fitted on them trusts the wrong things.

So the train articles are cut into folds (by article, seeded); for each fold a copy of
the package is trained on the other folds, in the order ``make train`` uses (trigger
counts, event types, parties, statement acts; the attribution tagger and stance models are
taken as shipped), and extracts the fold. Only the train split is read, never dev or test.
The copies live in a temporary directory and are removed. The folds run side by side
(``--jobs``, default 2: the two cores ``make train`` is given); each records its candidates
in a file of its own, joined in fold order afterwards, so the output does not depend on
which fold finishes first.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))  # train_common, also when this file is loaded by path

from train_common import assign_folds

RECORD_ENV = "NEWSGRAPH_EVENT_RECORD"  # newsgraph.nlp.event_verifier.RECORD_ENV
# the trained parts upstream of the confidence model, in make train's order, with their
# arguments: the fold's models only, so no cross-validated report (five more fits) where a
# script writes one, as it is not read
CHAIN = (("train_triggers.py", ("--shared",)), ("train_event_types.py", ("--no-cv",)),
         ("train_parties.py", ("--shared", "--no-cv")), ("train_speech_events.py", ("--no-cv",)))


def folds_of(ids: list[str], folds: int, seed: int) -> dict[str, int]:
    # sorted first: the same ids in any order fall in the same folds
    return assign_folds(sorted(ids), folds, seed)


def copy_tree(dst: Path) -> None:
    """The package, the scripts and the annotated corpus: what the training scripts read."""
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(ROOT / "src", dst / "src", ignore=ignore)
    shutil.copytree(ROOT / "scripts", dst / "scripts", ignore=ignore)
    (dst / "data" / "annotated").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "annotated" / "corpus.jsonl", dst / "data" / "annotated" / "corpus.jsonl")
    (dst / "bench").mkdir()


def run_fold(k: int, held: list[str], rest: list[str], records: dict[str, dict], shared: str,
             newsgraph: str, tmp: Path, record: str | None = None) -> list[dict]:
    dst = tmp / f"fold{k}"
    copy_tree(dst)
    (dst / "data" / "annotated" / "splits.json").write_text(json.dumps({"train": rest, "dev": [], "test": []}))
    env = dict(os.environ, PYTHONPATH=str(dst / "src"))
    env.pop("NEWSGRAPH_MODELS_OFF", None)
    for script, flags in CHAIN:
        cmd = [sys.executable, str(dst / "scripts" / "train" / script)]
        for flag in flags:
            cmd += [flag, shared] if flag == "--shared" else [flag]
        print(f"fold {k}: {script} on {len(rest)} articles", file=sys.stderr, flush=True)
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    src = dst / "held.jsonl"
    src.write_text("".join(json.dumps({"id": a, "text": records[a]["text"],
                                       "metadata": records[a].get("metadata", {})}, ensure_ascii=False) + "\n"
                           for a in held), encoding="utf-8")
    run_env = dict(env, NEWSGRAPH_MODELS_OFF="event_confidence")
    if record:
        run_env[RECORD_ENV] = record  # the held fold's candidates, for the verifier (not the chain above)
    out = subprocess.run([newsgraph, "extract", str(src), "--format", "jsonl"], capture_output=True, text=True,
                         env=run_env, check=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="where the out-of-fold predictions go (JSONL)")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--newsgraph", default=str(ROOT / ".venv" / "bin" / "newsgraph"))
    ap.add_argument("--folds", type=int, default=2)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--record", help="code every candidate event and record its verifier features here (JSONL)")
    ap.add_argument("--jobs", type=int, default=2, help="folds run at once (each is a chain of processes)")
    args = ap.parse_args(argv)
    ann = ROOT / "data" / "annotated"
    train = json.loads((ann / "splits.json").read_text())["train"]
    records = {r["id"]: r for r in (json.loads(line) for line in
                                    (ann / "corpus.jsonl").read_text(encoding="utf-8").splitlines() if line.strip())
               if r["id"] in set(train)}
    fold_of = folds_of(list(records), args.folds, args.seed)
    preds: list[dict] = []
    shared = str(Path(args.shared).resolve())
    with tempfile.TemporaryDirectory(prefix="ng-oof-") as tmp:
        def one(k: int) -> list[dict]:
            held = [a for a in train if fold_of.get(a) == k]
            rest = [a for a in train if a in fold_of and fold_of[a] != k]
            rec = str(Path(tmp) / f"record{k}.jsonl") if args.record else None
            return run_fold(k, held, rest, records, shared, args.newsgraph, Path(tmp), rec)

        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            for fold_preds in pool.map(one, range(args.folds)):  # in fold order, whichever ends first
                preds += fold_preds
        if args.record:
            with open(args.record, "a", encoding="utf-8") as fh:
                for k in range(args.folds):
                    part = Path(tmp) / f"record{k}.jsonl"
                    if part.exists():
                        fh.write(part.read_text(encoding="utf-8"))
    Path(args.out).write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), encoding="utf-8")
    print(f"{len(preds)} articles, out of fold, in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
