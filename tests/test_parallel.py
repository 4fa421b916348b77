"""``ingest --workers N`` stores exactly what one worker stores (records, order of
errors), and the parallel path keeps input order however the work is chunked."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixtures.bad_inputs import jsonl_record

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
        f.writelines(json.dumps({"id": f"k{i}", "text": "The minister said the talks with the rebels "
                                                         "would resume on Monday. " * 30}) + "\n" for i in range(200))
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


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux /proc)."""
    kids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(entry))
    return kids


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _alive(pid: int) -> bool:
    """Running or sleeping; an exited process waiting to be reaped (zombie) holds nothing."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def _stored(db: Path) -> int:
    try:
        c = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return c.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            c.close()
    except sqlite3.Error:
        return 0


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc")
@pytest.mark.parametrize("when", ["workers started", "articles stored"])
def test_workers_die_with_a_killed_parent(tmp_path, when):
    """Issue 19, hole 2: ``ingest --workers 2`` SIGKILLed left both workers and the
    resource tracker alive (~180 MB each), holding the parent's stdout and stderr, so a
    caller reading those pipes waited for ever. Killed while the workers start (before
    they can ask the kernel) or while they work, the whole tree goes with the parent."""
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(jsonl_record(k, seed=19)) + "\n" for k in range(3000)))
    db = tmp_path / "s.db"
    exe = Path(sys.executable).parent / "newsgraph"
    p = subprocess.Popen([str(exe), "ingest", str(src), "--db", str(db), "-q", "--workers", "2"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env={**os.environ, "NEWSGRAPH_WRITE_BATCH": "1"})
    kids: list[int] = []
    deadline = time.monotonic() + 240  # a guard against a hung test, not a measurement
    while time.monotonic() < deadline and p.poll() is None:
        kids = _children(p.pid)
        workers = [k for k in kids if b"spawn_main" in _cmdline(k)]
        if len(workers) == 2 and (when == "workers started" or _stored(db) > 0):
            break
        time.sleep(0.05)
    assert p.poll() is None, f"ingest ended before it could be killed: {p.stderr.read()[-500:]!r}"
    assert len(kids) == 3, kids  # two workers and multiprocessing's resource tracker
    os.kill(p.pid, signal.SIGKILL)
    try:
        p.communicate(timeout=120)  # returns once no process holds the pipes any more
        pipes_closed = True
    except subprocess.TimeoutExpired:
        pipes_closed = False
    # Closing the pipes comes early in a process's exit: give the rest of it time.
    deadline = time.monotonic() + 60
    while any(_alive(k) for k in kids) and time.monotonic() < deadline:
        time.sleep(0.05)
    survivors = [k for k in kids if _alive(k)]
    for k in survivors:
        os.kill(k, signal.SIGKILL)
    assert p.returncode == -signal.SIGKILL
    assert not survivors, "processes that outlived their parent"
    assert pipes_closed, "a reader of the parent's stdout/stderr would wait for ever"
