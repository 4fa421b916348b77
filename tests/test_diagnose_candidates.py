"""scripts/diagnose_candidates.py: the class of a gold event no candidate reached, by its
trigger in a real spaCy parse (invented sentences)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _load():
    spec = importlib.util.spec_from_file_location("diagnose_candidates", ROOT / "scripts" / "diagnose_candidates.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def _tok(doc, word: str):
    return next(t for t in doc if t.text == word)


def test_candidate_classes(nlp):
    diag = _load()
    doc = nlp("The ministers held talks in Oslo. Critics blasted the reform. Officials said the plan was a disaster.")
    assert diag.classify(_tok(doc, "held"), []) == "light verb"
    assert diag.classify(_tok(doc, "talks"), []) == "nominal (lexicon)"
    assert diag.classify(_tok(doc, "said"), []) == "clause"
    was = _tok(doc, "was")
    assert diag.classify(was, [(was.idx - 9, was.idx + 20)]) == "in a statement"
    doc = nlp("The senator baked bread and arrested the thief.")
    assert diag.classify(_tok(doc, "baked"), []) == "verb (no lexicon)"
    assert diag.classify(_tok(doc, "arrested"), []) == "verb (lexicon)"
