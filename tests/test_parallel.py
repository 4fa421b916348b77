"""``ingest --workers N`` stores exactly what one worker stores (records, order of
errors), and the parallel path keeps input order however the work is chunked."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph import service
from newsgraph.errors import InputError
from newsgraph.settings import get_settings

TEXTS = [
    ("Germany's foreign minister Heiko Maas said on Monday that Russia must explain the poisoning. "
     '"We expect answers," Maas told reporters in Berlin. The Kremlin rejected the accusation.'),
    ("Iran's president Hassan Rouhani told foreign powers to leave the Persian Gulf. "
     "He said the United States had brought insecurity to the region, state media reported."),
    ("The Scottish court ruled that the suspension of the UK parliament was unlawful. "
     '"This is a victory for democracy," said Joanna Cherry, who brought the case.'),
    ("Indonesia's security minister Wiranto was stabbed in Banten on Thursday. Police arrested "
     "two suspects, and President Joko Widodo condemned the attack on his minister."),
    ("Canada's Liberal party won the most seats but lost its majority. Justin Trudeau said he "
     "would work with other parties, while Andrew Scheer congratulated him on the result."),
]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    d = tmp_path_factory.mktemp("parallel")
    jl = d / "news.jsonl"
    with jl.open("w", encoding="utf-8") as f:
        for i, t in enumerate(TEXTS):
            f.write(json.dumps({"id": f"p{i}", "text": t, "date": f"2020-0{i + 1}-15", "title": f"t{i}"}) + "\n")
        f.write("{not json\n")
    (d / "bad.txt").write_bytes(b"\x00\x01binary")
    return [str(jl), str(d / "bad.txt")]


def _ingest(paths: list[str], db: Path, workers: int) -> tuple[list[dict], list[str]]:
    errors: list[str] = []
    report = service.ingest(paths, db=str(db), workers=workers, on_error=lambda e: errors.append(str(e)))
    assert report.stored == len(TEXTS)
    return list(service.stored_records(str(db))), errors


def test_two_workers_store_what_one_stores(inputs, tmp_path):
    one, errs1 = _ingest(inputs, tmp_path / "one.db", 1)
    two, errs2 = _ingest(inputs, tmp_path / "two.db", 2)
    assert [r["id"] for r in one] == [r["id"] for r in two]
    assert one == two
    assert errs1 == errs2 and len(errs1) == 2


def test_order_kept_with_tiny_chunks(inputs):
    """One article per chunk and many chunks in flight: results still in input order."""
    from newsgraph.ingest import read_inputs
    from newsgraph.parallel import analyse_parallel

    settings = get_settings()
    arts = [a for a in read_inputs(inputs[:1], settings) if not isinstance(a, InputError)]
    errors: list[InputError] = []
    out = list(analyse_parallel(iter(arts), settings, 2, errors.append, chunk_size=1, in_flight=5))
    assert [a.id for a in out] == [a.id for a in arts]
    assert not errors


def test_chunks_bounded_by_count_and_size():
    from newsgraph.model import Article
    from newsgraph.parallel import chunks

    arts = [Article(id=str(i), text="x" * n) for i, n in enumerate([10, 10, 100, 10, 10, 10])]
    got = [[a.id for a in c] for c in chunks(arts, max_articles=3, max_chars=50)]
    assert got == [["0", "1", "2"], ["3", "4", "5"]]
    got = [[a.id for a in c] for c in chunks(arts, max_articles=10, max_chars=50)]
    assert got == [["0", "1", "2"], ["3", "4", "5"]]
    got = [[a.id for a in c] for c in chunks(arts, max_articles=2, max_chars=15)]
    assert got == [["0", "1"], ["2"], ["3", "4"], ["5"]]


@pytest.mark.slow
def test_a_killed_worker_stops_ingest_with_a_clear_error(tmp_path):
    """A worker that dies (OOM killer, kill -9) must not leave ingest waiting for ever."""
    import json
    import os
    import signal
    import subprocess
    import sys
    import time

    src = tmp_path / "in.jsonl"
    with open(src, "w") as f:
        for i in range(200):
            f.write(json.dumps({"id": f"k{i}", "text": "The minister said the talks with the rebels "
                                                         "would resume on Monday. " * 30}) + "\n")
    exe = os.path.join(os.path.dirname(sys.executable), "newsgraph")
    p = subprocess.Popen([exe, "ingest", str(src), "--db", str(tmp_path / "s.db"), "-w", "2", "-q"],
                         stderr=subprocess.PIPE, text=True)
    workers: list[str] = []
    for _ in range(120):  # wait until both workers run
        time.sleep(1)
        workers = [k for k in subprocess.run(["pgrep", "-f", "-P", str(p.pid), "multiprocessing.spawn"],
                                             capture_output=True, text=True).stdout.split()]
        if len(workers) >= 2 or p.poll() is not None:
            break
    assert p.poll() is None, "ingest ended before a worker could be killed"
    os.kill(int(workers[0]), signal.SIGKILL)
    err = p.communicate(timeout=180)[1]
    assert p.returncode != 0
    assert "worker process died" in err and "Traceback" not in err
