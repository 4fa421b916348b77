"""The ``newsgraph`` command as a user runs it (subprocesses): a folder of bad inputs,
stdin, a busy or damaged store. One clear line per bad input, never a traceback, and
nothing already stored is lost."""
from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.bad_inputs import (
    SMALL_FILE_LIMIT,
    html_page,
    jsonl_record,
    make_bad_inputs,
    story,
)
from fixtures.storecheck import check_store

NG = [sys.executable, "-m", "newsgraph.cli"]


def run_subprocess(args, env=None, stdin=None, timeout=300):
    """The command exactly as a user runs it (a fresh process: loads spaCy, ~10 s)."""
    e = {**os.environ, "NEWSGRAPH_BUSY_SECONDS": "30", **(env or {})}
    e.pop("NEWSGRAPH_DB", None)
    return subprocess.run(NG + args, input=stdin, capture_output=True, text=True, env=e, timeout=timeout)


def stored(db):
    c = sqlite3.connect(db)
    try:
        # The record column leaves the text out (stored once, in the text column).
        return {r[0]: json.dumps({**json.loads(r[1]), "text": r[2]})
                for r in c.execute("SELECT id, record, text FROM articles")}
    finally:
        c.close()


def error_lines(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.startswith("error ")]


def test_folder_of_bad_inputs(tmp_path, run):
    bad = tmp_path / "in"
    exp = make_bad_inputs(bad)
    db = str(tmp_path / "s.db")
    before = tmp_path / "before.jsonl"
    before.write_text("\n".join(json.dumps(jsonl_record(n, seed=9)) for n in range(3)) + "\n")
    r0 = run(["ingest", str(before), "--db", db, "-q"])
    assert r0.returncode == 0, r0.stderr
    old = stored(db)
    assert len(old) == 3

    env = {"NEWSGRAPH_MAX_FILE_BYTES": str(SMALL_FILE_LIMIT)}
    r = run(["ingest", str(bad), "--db", db, "-q"], env=env)
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
    lines = error_lines(r.stderr)
    # One error per bad input, each naming the file (and line) and the reason.
    assert len(lines) == len(exp.errors), "\n".join(lines)
    for name, line, reason in exp.errors:
        where = f"{bad / name}:{line}:" if line else f"{bad / name}:"
        hits = [ln for ln in lines if ln.startswith(f"error {where}")]
        assert len(hits) == 1, (name, line, lines)
        assert reason in hits[0].lower(), (reason, hits[0])
    assert re.search(rf"read {exp.n_good} articles: {exp.n_good} stored, 0 unchanged, {len(exp.errors)} failed",
                     r.stderr), r.stderr
    now = stored(db)
    assert len(now) == 3 + exp.n_good
    assert exp.good_ids <= set(now)
    assert all(now[k] == v for k, v in old.items())  # nothing already stored was lost or changed
    check_store(db)

    # Again: nothing new, the same errors, nothing lost.
    r2 = run(["ingest", str(bad), "--db", db, "-q"], env=env)
    assert r2.returncode == 1
    assert f"0 stored, {exp.n_good} unchanged" in r2.stderr
    assert stored(db) == now


def test_extract_stdin_and_errors(tmp_path, run):
    r = run(["extract", "-"], stdin=story(1).text)
    assert r.returncode == 0, r.stderr
    [rec] = [json.loads(x) for x in r.stdout.splitlines()]
    assert rec["metadata"]["outlet"] == story(1).outlet and rec["text"] == story(1).text
    for key in ("id", "source", "metadata", "text", "captions", "credits", "actors", "descriptors", "quotes",
                "events", "tone"):
        assert key in rec
    # A good file and a bad one: the record on stdout, the error on stderr, exit 1.
    good = tmp_path / "good.txt"
    good.write_text(story(2).text)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    r = run(["extract", str(good), str(empty), str(tmp_path / "nope.txt")])
    assert r.returncode == 1
    assert len(r.stdout.splitlines()) == 1
    assert error_lines(r.stderr) == [f"error {empty}: empty input", f"error {tmp_path / 'nope.txt'}: no such file or directory"]
    assert "Traceback" not in r.stderr


def test_secrets_never_leak_through_fields(tmp_path, run):
    token = "SECRET-TOKEN-41d2e8"
    secret = tmp_path / "secret.txt"
    secret.write_text(token + "\n")
    recs = tmp_path / "in.jsonl"
    recs.write_text(json.dumps(jsonl_record(1, path=str(secret), url=f"file://{secret}")) + "\n"
                    + json.dumps(jsonl_record(2, path="/etc/passwd", url="file:///etc/passwd")) + "\n")
    page = tmp_path / "p.html"
    page.write_text(html_page(3, extra_head=f'<link rel="stylesheet" href="file://{secret}">',
                              extra_body=f'<img src="file:///etc/passwd"><img src="file://{secret}">'))
    db = str(tmp_path / "s.db")
    r = run(["extract", str(recs), str(page)])
    assert r.returncode == 0, r.stderr
    r2 = run(["ingest", str(recs), str(page), "--db", db, "-q"])
    assert r2.returncode == 0, r2.stderr
    r3 = run(["export", "--db", db])
    for out in (r.stdout, r.stderr, r2.stdout, r2.stderr, r3.stdout, Path(db).read_bytes().decode("latin-1")):
        assert token not in out
        assert "root:x:0:0" not in out
    assert len(r3.stdout.splitlines()) == 3


def test_busy_store_message_not_traceback(tmp_path, run):
    db = str(tmp_path / "s.db")
    f = tmp_path / "a.txt"
    f.write_text(story(1).text)
    assert run(["ingest", str(f), "--db", db, "-q"]).returncode == 0
    f2 = tmp_path / "b.txt"
    f2.write_text(story(2).text)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        r = run(["ingest", str(f2), "--db", db, "-q"], env={"NEWSGRAPH_BUSY_SECONDS": "2"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert "waiting" in r.stderr and "another process is writing" in r.stderr
    assert re.search(r"error .*busy: another newsgraph process is writing", r.stderr), r.stderr
    assert len(stored(db)) == 1
    # And once the other writer is gone, the same command just works.
    r = run(["ingest", str(f2), str(f), "--db", db, "-q"])
    assert r.returncode == 0 and "1 stored, 1 unchanged" in r.stderr


@pytest.mark.parametrize("content", [b"this is not a database " * 300, b""])
def test_damaged_store(tmp_path, content, run):
    db = tmp_path / "s.db"
    db.write_bytes(content)
    f = tmp_path / "a.txt"
    f.write_text(story(1).text)
    r = run(["ingest", str(f), "--db", str(db), "-q"])
    if content:
        assert r.returncode == 2 and "not a newsgraph store" in r.stderr
    else:  # an empty file is a new SQLite database
        assert r.returncode == 0
    assert "Traceback" not in r.stderr
    r = run(["stats", "--db", str(tmp_path / "missing.db")])
    assert r.returncode == 2 and "no such store" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.slow
def test_real_command_bad_folder_no_traceback(tmp_path):
    """Once as a real process through the installed entry point."""
    bad = tmp_path / "in"
    exp = make_bad_inputs(bad)
    db = str(tmp_path / "s.db")
    exe = Path(sys.executable).parent / "newsgraph"
    cmd = [str(exe)] if exe.exists() else NG
    e = {**os.environ, "NEWSGRAPH_MAX_FILE_BYTES": str(SMALL_FILE_LIMIT)}
    r = subprocess.run(cmd + ["ingest", str(bad), "--db", db], capture_output=True, text=True, env=e, timeout=300)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert len(error_lines(r.stderr)) == len(exp.errors)
    assert len(stored(db)) == exp.n_good


@pytest.mark.slow
def test_extract_into_a_closed_pipe_is_quiet(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for k in range(3):
        (d / f"{k}.txt").write_text(story(40 + k).text)
    p = subprocess.Popen(NG + ["extract", str(d)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ)
    p.stdout.readline()
    p.stdout.close()  # as `| head -1` does
    err = p.stderr.read().decode()
    p.wait(300)
    assert "Traceback" not in err
    assert p.returncode in (0, 1, 141)  # click itself exits 1 on EPIPE, quietly


def test_one_id_two_texts_is_reported_same_record_twice_is_not(tmp_path, run):
    a = jsonl_record(1, seed=3)
    other = dict(a, text=jsonl_record(2, seed=3)["text"])
    f1 = tmp_path / "one.jsonl"
    f1.write_text(json.dumps(a) + "\n")
    f2 = tmp_path / "two.jsonl"
    f2.write_text(json.dumps(a) + "\n" + json.dumps(other) + "\n")
    db = str(tmp_path / "s.db")
    r = run(["ingest", str(f1), str(f2), "--db", db, "-q"])
    assert r.returncode == 1
    assert error_lines(r.stderr) == [f"error {f2}: article {a['id']}: the same id as an earlier, different "
                                     "article in this run; skipped"]
    assert "1 stored, 1 unchanged, 1 failed" in r.stderr
    assert json.loads(stored(db)[a["id"]])["text"] == a["text"]


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_bad_folder_with_worker_processes(tmp_path):
    """``--workers 2``: the same errors, the same articles, as one process."""
    bad = tmp_path / "in"
    exp = make_bad_inputs(bad)
    (bad / "more.jsonl").write_text("\n".join(json.dumps(jsonl_record(k, seed=5)) for k in range(20, 40)) + "\n")
    db = str(tmp_path / "s.db")
    r = run_subprocess(["ingest", str(bad), "--db", db, "-q", "--workers", "2"],
                       env={"NEWSGRAPH_MAX_FILE_BYTES": str(SMALL_FILE_LIMIT)}, timeout=800)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert len(error_lines(r.stderr)) == len(exp.errors)
    assert len(stored(db)) == exp.n_good + 20
    check_store(db)


def test_markup_and_control_characters_in_names_are_printed_verbatim(tmp_path, run):
    """Issue 19, hole 1: file names and JSONL ids are data, never Rich markup. Before, a
    file 'x].txt' in a folder 'a[' raised MarkupError (the run aborted and the good
    article was not stored) and '[bold]b.txt' was reported as 'b.txt'."""
    from newsgraph.cli import shown

    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(story(1).text)
    names = ["a[/x].txt", "[bold]b.txt", "[red]c[/red].txt", ":cross_mark: d.txt", "e\x1b[2Jf.txt", "g\nh.txt",
             "i\u202ej.txt", "[link=http://x]k.txt"]
    for name in names:  # a '/' in a name is a folder: 'a[' holds 'x].txt'
        (d / name).parent.mkdir(exist_ok=True)
        (d / name).write_text("too short")
    dup = tmp_path / "ids.jsonl"
    first = jsonl_record(2, seed=4, id="[/x]\x1b[7m")
    dup.write_text(json.dumps(first) + "\n" + json.dumps(dict(first, text=jsonl_record(3, seed=4)["text"])) + "\n")
    db = str(tmp_path / "s.db")
    r = run(["ingest", str(d), str(dup), "--db", db, "-q"])
    assert r.returncode == 1 and "Traceback" not in r.stderr and "MarkupError" not in r.stderr
    lines = error_lines(r.stderr)
    for name in names:
        assert f"error {shown(d / name)}: too little text to be an article" in lines, (name, lines)
    assert (f"error {dup}: article {shown(first['id'])}: the same id as an earlier, different article in this "
            "run; skipped") in lines
    assert len(lines) == len(names) + 1
    # No control character reached the terminal, and each error is one line.
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f\u202e]", r.stderr)
    assert len(stored(db)) == 2  # the good file and the first record
    # The command's other outputs print stored data as plain text too.
    r = run(["search", "", "--db", db])
    assert r.returncode == 0 and shown(first["id"]) in r.stdout


def test_markup_in_the_store_path_and_in_an_error_message(tmp_path, run):
    db = tmp_path / "[" / "x]s[bold].db"  # the folder '[' and the file 'x]s[bold].db': '[/x]s[bold].db'
    db.parent.mkdir()
    f = tmp_path / "a.txt"
    f.write_text(story(1).text)
    r = run(["ingest", str(f), "--db", str(db), "-q"])
    assert r.returncode == 0 and r.stderr.rstrip().endswith(f"-> {db}"), r.stderr
    missing = tmp_path / "[" / "y]missing.db"
    r = run(["stats", "--db", str(missing)])
    assert r.returncode == 2 and r.stderr == f"error {missing}: no such store (run `newsgraph ingest` first)\n"


def test_progress_counts_articles_without_an_unknown_total(tmp_path, run, sample_dir):
    files = sorted(str(p) for p in sample_dir.glob("*.txt"))[:2]
    r = run(["ingest", *files, "--db", str(tmp_path / "s.db")])
    assert r.returncode == 0
    assert "2 articles" in r.stderr and "/?" not in r.stderr
