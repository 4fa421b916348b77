"""Shared fixtures: the real spaCy model, loaded once per test session; the CLI run in
this process."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.nlp.pipeline import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def extractor():
    from newsgraph.nlp.pipeline import Extractor

    return Extractor()


@pytest.fixture()
def analyse_text(extractor):
    """Run the whole extraction on a text (as a JSONL record would give it) and
    return the SCHEMA record."""
    from newsgraph.ingest.jsonl import record_to_article
    from newsgraph.model import to_record
    from newsgraph.settings import get_settings

    def run(text: str, **meta):
        article = record_to_article({"text": text, **meta}, "<test>", get_settings(), None)
        return to_record(extractor.one(article))

    return run


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return ROOT / "data" / "sample"


@pytest.fixture
def run(monkeypatch, capsys):
    """``newsgraph.cli.main()`` in this process (spaCy loaded once per session), with
    its exit code and output, as ``subprocess.run`` would give them."""
    from newsgraph import cli

    def _run(args, env=None, stdin=None):
        with monkeypatch.context() as m:
            m.delenv("NEWSGRAPH_DB", raising=False)
            for k, v in {"NEWSGRAPH_BUSY_SECONDS": "30", **(env or {})}.items():
                m.setenv(k, v)
            m.setattr(sys, "argv", ["newsgraph", *args])
            if stdin is not None:
                m.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
            capsys.readouterr()
            code = 0
            try:
                cli.main()
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            out, err = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out, err)

    return _run


def pytest_terminal_summary(terminalreporter):
    """The reliability counts (fuzz inputs, kill/restart cycles, requests under ingest)."""
    from fixtures.counters import summary_lines

    lines = summary_lines()
    if lines:
        terminalreporter.section("reliability counts")
        for line in lines:
            terminalreporter.write_line(line)
