"""The parse cache that ``make train`` shares between its extraction runs
(nlp/parse_cache.py): what comes out of a cached parse is what comes out of a fresh one."""
from __future__ import annotations

import json
from pathlib import Path

from newsgraph import service
from newsgraph.nlp import parse_cache
from newsgraph.nlp.pipeline import load_nlp


def _records(paths: list[str]) -> list[str]:
    return [json.dumps(r, sort_keys=True) for r in service.extract(paths)]


def test_cached_parses_give_the_same_records(sample_dir: Path, tmp_path: Path, monkeypatch) -> None:
    # three sample articles with statements, events and captions: every stage reads the parse
    paths = [str(p) for p in sorted(sample_dir.glob("*.txt"))[:3]]
    monkeypatch.delenv(parse_cache.ENV, raising=False)
    fresh = _records(paths)
    cache = tmp_path / "parses"
    monkeypatch.setenv(parse_cache.ENV, str(cache))
    cold = _records(paths)  # parses, stores
    stored = sorted(cache.rglob("*.doc"))
    assert len(stored) == 3
    warm = _records(paths)  # reads back, parses nothing
    assert sorted(cache.rglob("*.doc")) == stored
    assert cold == fresh
    assert warm == fresh
    assert any('"quotes": [{' in r for r in warm) and any('"events": [{' in r for r in warm)


def test_a_stored_parse_is_read_back_and_keyed_by_text(tmp_path: Path) -> None:
    nlp = load_nlp()
    cache = parse_cache.ParseCache(tmp_path, nlp)
    text = "The minister said on Monday that talks would resume."
    assert cache.get(text) is None
    doc = nlp(text)
    cache.put(text, doc)
    back = cache.get(text)
    assert back is not None
    assert [(t.text, t.tag_, t.lemma_, t.dep_, t.head.i, t.is_sent_start, t.ent_type_) for t in back] == \
        [(t.text, t.tag_, t.lemma_, t.dep_, t.head.i, t.is_sent_start, t.ent_type_) for t in doc]
    assert cache.get(text + " ") is None
    assert not list(tmp_path.rglob("*.part"))  # written aside, then renamed
