"""PLOVER lexicons: lemma -> (PLOVER type, CAMEO code, mode, strength).

Two layers, looked up by spaCy lemma (dict lookups, built once per process):

* ``nlp/data/plover_lexicon.json``: the curated tables (common news verbs and their
  nominalisations, light-verb objects such as ``hold talks`` and ``impose sanctions``,
  speech acts, and the frames and stop lists the extractor consults); these win. Each
  table in the file says what it is for; add a trigger there, not here;
* ``kb/data/plover_verbs.json``, derived by ``scripts/build_verbs.py`` from the CAMEO
  verb dictionary and the CAMEO2PLOVER table (MIT / CC BY-SA 4.0, Open Event Data
  Alliance). Its block defaults are broad (``face`` is CONSULT there), so its verbs
  carry a low strength and the extractor asks more of them before coding an event.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "kb" / "data" / "plover_verbs.json"
LEXICON = Path(__file__).resolve().parent / "data" / "plover_lexicon.json"

COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
CONFLICTUAL = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "THREATEN"}
VERBAL = {"AGREE", "CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}


@dataclass(frozen=True)
class Code:
    type: str
    cameo: str | None
    mode: str | None = None
    strength: float = 0.9  # how reliably the word alone signals the type

    def weaker(self, by: float) -> Code:
        return Code(self.type, self.cameo, self.mode, max(0.1, self.strength - by))


def _codes(table: dict) -> dict[str, Code]:
    """A lexicon table's entries as word -> Code (later entries win, as in the file)."""
    out: dict[str, Code] = {}
    for e in table["entries"]:
        code = Code(e["type"], e.get("cameo"), e.get("mode"), float(e.get("strength", 0.9)))
        for w in e["words"]:
            out[w] = code
    return out


def _load() -> dict:
    return json.loads(LEXICON.read_text(encoding="utf-8"))


_LEX = _load()
VERBS: dict[str, Code] = _codes(_LEX["verbs"])
# Objects that change the verb's meaning (``lift sanctions`` is not SANCTION), keyed "verb object".
VERB_OBJECT: dict[str, Code] = _codes(_LEX["verb_objects"])
VERB_OBJECT_STOP = set(_LEX["verb_object_stop"]["words"])
NOUNS: dict[str, Code] = _codes(_LEX["nouns"])
FEELING: dict[str, Code] = _codes(_LEX["feeling_objects"])
FEELING_VERBS = set(_LEX["feeling_verbs"]["words"])
LIGHT_VERBS = set(_LEX["light_verbs"]["words"])
PATIENT_OF = set(_LEX["patient_of"]["words"])
NOUN_TYPE_ADJ_PROTEST = set(_LEX["noun_type_adj_protest"]["words"])
FUTURE_FRAMES = set(_LEX["future_frames"]["words"])
HEDGE_FRAMES = set(_LEX["hedge_frames"]["words"])
NEG_FRAMES = set(_LEX["neg_frames"]["words"])
PASS_FRAMES = set(_LEX["pass_frames"]["words"])
SPEECH_VERBS = set(_LEX["speech_verbs"]["words"])
CLAIM_CUES = set(_LEX["claim_cues"]["words"])
DERIVED_STOP = set(_LEX["derived_stop"]["words"])
AGENT_NOUNS = set(_LEX["agent_nouns"]["words"])


@lru_cache(maxsize=1)
def derived() -> dict:
    """The generated CAMEO-derived lexicon (verbs, verb+object pairs, agent nouns)."""
    try:
        raw = json.loads(DATA.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raw = {}
    amend: dict[str, str] = _LEX["cameo_amendments"]["codes"]  # where the guidelines differ from CAMEO2PLOVER

    def typed(v: list) -> str:
        return amend.get(v[1] or "", v[0])

    verbs = {k: Code(typed(v), v[1], v[2], 0.35) for k, v in (raw.get("verbs") or {}).items()}
    objs = {k: Code(typed(v), v[1], v[2], 0.6) for k, v in (raw.get("verb_objects") or {}).items()}
    return {"verbs": verbs, "verb_objects": objs, "agents": dict(raw.get("agents") or {})}


def verb_code(lemma: str) -> Code | None:
    c = VERBS.get(lemma)
    if c is not None:
        return c
    if lemma in DERIVED_STOP:
        return None
    return derived()["verbs"].get(lemma)


def verb_object_code(verb: str, obj: str) -> Code | None:
    key = f"{verb} {obj}"
    if key in VERB_OBJECT_STOP:
        return None
    c = VERB_OBJECT.get(key)
    if c is not None:
        return c
    return derived()["verb_objects"].get(key)


def noun_code(lemma: str) -> Code | None:
    return NOUNS.get(lemma)


def agent_sector(noun: str) -> str | None:
    return derived()["agents"].get(noun)
