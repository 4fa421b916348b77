"""Reporting cues: the verbs, nouns and phrases that mark a statement.

The word lists live in ``nlp/data/cues.json``, each with a line on what it is for; they
follow the reporting-verb classes of the attribution literature (PARC/PolNeAR, Levin's
"verbs of communication", Bergler's reporting verbs): neutral saying, assertion,
argument, admission and denial, announcement, requests and demands, promises and
threats, evaluation (praise, blame), writing and publishing, and reported beliefs and
intentions. The sets hold lemmas so one lookup per token classifies it.
"""
from __future__ import annotations

import json
from pathlib import Path

_LEX = json.loads((Path(__file__).resolve().parent / "data" / "cues.json").read_text(encoding="utf-8"))


def _set(name: str) -> frozenset[str]:
    return frozenset(_LEX[name]["words"])


SAY_VERBS = _set("say_verbs")
DIRECT_ONLY = _set("direct_only")
REPORT_ADVERBS = _set("report_adverbs")
IMPERSONAL_VERBS = _set("impersonal_verbs")
BELIEF_VERBS = _set("belief_verbs")
OBJECT_VERBS = _set("object_verbs")
LABEL_VERBS = _set("label_verbs")
XCOMP_VERBS = _set("xcomp_verbs")
DOC_VERBS = _set("doc_verbs")
DOC_NOUNS = _set("doc_nouns")
SPEECH_NOUNS = _set("speech_nouns")
CONTENT_NOUNS = _set("content_nouns")
VIEW_NOUNS = _set("view_nouns")
TITLE_CUES = _set("title_cues")
PERSONAL = _set("personal")
PLURAL = _set("plural")
NEUTER = _set("neuter")
FIRST = _set("first")
RELATIVE = _set("relative")
NON_SOURCES = _set("non_sources")
UNNAMED_HEADS = _set("unnamed_heads")
UNSOURCED_REPORTS = _set("unsourced_reports")
GENERIC_REPORT_WORDS = frozenset(_LEX["unsourced_reports"]["generic"])
