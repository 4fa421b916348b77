"""Shared fixtures: the real spaCy model, loaded once per test session."""
from __future__ import annotations

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


def pytest_terminal_summary(terminalreporter):
    """The reliability counts (fuzz inputs, kill/restart cycles, requests under ingest)."""
    from fixtures.counters import summary_lines

    lines = summary_lines()
    if lines:
        terminalreporter.section("reliability counts")
        for line in lines:
            terminalreporter.write_line(line)
