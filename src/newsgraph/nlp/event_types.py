"""A trained PLOVER type classifier over high-recall event candidates.

Every verb and noun of the story is a candidate predicate; the hand lexicon, the CAMEO
verb dictionary and the train-split trigger counts are features of it, not gates. A
linear model (``models/event_types.json.gz``, ``scripts/train/train_event_types.py``,
trained on the annotated train split only) reads the candidate in context and gives a
PLOVER type or ``none``: the trigger's lemma and part of speech, its object and particle,
its prepositions, its dependency and head, its modality, whether its subject and object
are actors, the lexicon hits, and the content words around it (en_core_web_sm has no word
vectors). The rules (``event_triggers``) ask it about a verb or noun their lexicon does not
code, and take the type when the model is sure enough; the parties, modality and the
finishing filters of ``events.py`` then apply as to any other candidate. With no model
shipped (or ``NEWSGRAPH_MODELS_OFF=event_types``) nothing changes.
``NEWSGRAPH_EVENT_TYPES_MODEL=PATH`` reads another model file instead of the shipped one
(``scripts/cv_plover.py`` scores models trained outside the package this way).
"""
from __future__ import annotations

import math
import os
from functools import cache
from pathlib import Path
from typing import Protocol

from spacy.tokens import Doc, Token

from newsgraph.model import Actor
from newsgraph.nlp.linear import LinearModel, load_model
from newsgraph.nlp.modality import noun_status, verb_status
from newsgraph.nlp.plover import VERBS, noun_code, verb_code, verb_object_code
from newsgraph.nlp.trigger_counts import counted

MODEL_NAME = "event_types"
MODEL_ENV = "NEWSGRAPH_EVENT_TYPES_MODEL"  # a model file to use instead of the shipped one
NONE = "none"
POS = ("VERB", "NOUN")
WINDOW = 4  # content words either side of the trigger (the model's stand-in for vectors)

# Filled by the training script with (article id, start, end, features), and the parsed
# article by id (the labels are read from its parse); None in use.
RECORDER: list | None = None
DOCS: dict = {}


class _Roles(Protocol):
    def actor(self, tok: Token) -> Actor | None: ...

    def quote_for(self, tok: Token) -> object | None: ...


def is_candidate(tok: Token) -> bool:
    """High recall: every verb and common noun that is a word (not a name, number or
    symbol) could head an event."""
    return tok.pos_ in POS and tok.is_alpha and len(tok.text) > 1


def _lex(f: dict[str, float], prefix: str, code) -> None:  # code: plover.Code | None
    if code is not None:
        f[f"{prefix}={code.type}"] = max(f.get(f"{prefix}={code.type}", 0.0), code.strength)


class DocWords:
    """What ``features`` reads around a candidate, worked out once per Doc instead of
    once per candidate: each token's sentence bounds and its context-word feature (None
    for a stop word, a number or punctuation)."""

    def __init__(self, doc: Doc) -> None:
        self.bounds: list[tuple[int, int]] = [(0, 0)] * len(doc)
        for s in doc.sents:
            self.bounds[s.start:s.end] = [(s.start, s.end)] * (s.end - s.start)
        self.words = [f"cw={t.lemma_.lower()}" if t.is_alpha and not t.is_stop else None for t in doc]


def features(tok: Token, roles: _Roles, words: DocWords | None = None) -> dict[str, float]:
    """The classifier's features for one candidate trigger (sparse, named); ``words``:
    the DocWords of its Doc, when the caller keeps them for many candidates."""
    lemma = tok.lemma_.lower()
    pos = "v" if tok.pos_ == "VERB" else "n"
    f: dict[str, float] = {"bias": 1.0, f"pos={pos}": 1.0, f"l={pos}_{lemma}": 1.0,
                           f"tag={tok.tag_}": 1.0, f"dep={pos}_{tok.dep_}": 1.0,
                           f"head={tok.head.lemma_.lower()}": 1.0 if tok.head is not tok else 0.0}
    # lexicon readings (features, not gates)
    if pos == "v":
        _lex(f, "lexv", verb_code(lemma))
        if lemma in VERBS:
            f["lexhand"] = 1.0
    else:
        _lex(f, "lexn", noun_code(lemma))
    got = counted("verb" if pos == "v" else "noun", lemma)
    if got is not None:
        f[f"count={got[0]}"] = 1.0
        f["count_rate"] = got[1]
    st = "*" if isinstance(roles, _Maybe) else verb_status(tok) if pos == "v" else noun_status(tok)
    if st:
        f[f"status={st}"] = 1.0
    subj_actor = obj_actor = False
    kids = list(tok.children)  # walked three times below
    for c in kids:
        d = c.dep_
        cl = c.lemma_.lower()
        if d in ("nsubj", "nsubjpass", "agent", "poss"):
            a = roles.actor(c) if d != "agent" else next(
                (roles.actor(p) for p in c.children if p.dep_ == "pobj"), None)
            if a is not None:
                subj_actor = True
                f[f"{d}_kind={a.kind}"] = 1.0
            f[f"has_{d}"] = 1.0
        elif d in ("dobj", "dative", "attr"):
            f[f"obj={cl}"] = 1.0
            f[f"vo={lemma}_{cl}"] = 1.0
            _lex(f, "lexvo", verb_object_code(lemma, cl))
            _lex(f, "lexobj", noun_code(cl))
            if roles.actor(c) is not None:
                obj_actor = True
        elif d == "prt":
            f[f"prt={lemma}_{c.lower_}"] = 1.0
        elif d == "prep":
            f[f"prep={c.lower_}"] = 1.0
            f[f"lprep={lemma}_{c.lower_}"] = 1.0
            if any(roles.actor(p) is not None for p in c.children if p.dep_ == "pobj"):
                f[f"prep_actor={c.lower_}"] = 1.0
        elif d in ("xcomp", "ccomp"):
            f[f"{d}={cl}"] = 1.0
            _lex(f, f"lex{d}", verb_code(cl))
        elif d in ("compound", "amod") and pos == "n":
            f[f"mod={cl}"] = 1.0
            if c.ent_type_ in ("NORP", "GPE", "ORG"):
                subj_actor = True
        elif d == "neg":
            f["neg"] = 1.0
    # the frame around the word, in terms that carry over to unseen words: voice, the
    # entity kinds of its parties, what governs a noun, whether it is a statement's cue
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in kids):
        f["passive"] = 1.0
    for c in kids:
        if c.ent_type_ and c.dep_ in ("nsubj", "nsubjpass", "dobj", "poss", "compound"):
            f[f"ent_{c.dep_}={c.ent_type_}"] = 1.0
    if pos == "n":
        gov = tok.head.head if tok.dep_ == "pobj" else tok.head
        if gov is not tok:
            via = tok.head.lower_ if tok.dep_ == "pobj" else tok.dep_
            f[f"gov={gov.lemma_.lower()}_{via}"] = 1.0
            _lex(f, "lexgov", verb_code(gov.lemma_.lower()) if gov.pos_ == "VERB" else None)
    quote_for = getattr(roles, "quote_for", None)
    if pos == "v" and quote_for is not None and quote_for(tok) is not None:
        f["cue"] = 1.0
    if subj_actor:
        f["subj_actor"] = 1.0
    if obj_actor:
        f["obj_actor"] = 1.0
    if subj_actor and obj_actor:
        f["both_actors"] = 1.0
    words = words or DocWords(tok.doc)
    start, end = words.bounds[tok.i]
    for i in range(max(start, tok.i - WINDOW), min(end, tok.i + WINDOW + 1)):
        w = words.words[i]
        if w is not None and i != tok.i:
            f[w] = 0.5
    return f


class _Maybe:
    """Roles for ``TypeClassifier.may_reach``: the real roles' actors (asking the actor
    index may add an unnamed actor to the article, so it is asked exactly as ``features``
    asks it), but every verb may be a statement's cue and the modality any (``status=*``),
    so ``features`` with these roles names every feature the real roles could give."""

    def __init__(self, roles: _Roles) -> None:
        self.actor = roles.actor
        self._roles = roles

    def __getattr__(self, name: str) -> object:
        # anything else a feature asks of the roles is asked of the real ones, so a new
        # feature is exact here (and tests/test_extraction_speed.py checks it settles)
        return getattr(self._roles, name)

    def quote_for(self, tok: Token) -> _Maybe:
        return self


# the features only _Maybe leaves open: counted as absent too (a ceiling of at least 0)
_MAYBE_FAMILIES = ("status=", "cue")


def _settle(maybe: dict[str, float], tok: Token, roles: _Roles) -> dict[str, float]:
    """``features(tok, roles)`` from ``features(tok, _Maybe(roles))``: the same names in the
    same order (so the same sums), the modality and the cue now read from the real roles."""
    out: dict[str, float] = {}
    for name, value in maybe.items():
        if name == "status=*":
            st = verb_status(tok) if tok.pos_ == "VERB" else noun_status(tok)
            if st:
                out[f"status={st}"] = 1.0
        elif name == "cue":
            quote_for = getattr(roles, "quote_for", None)
            if quote_for is not None and quote_for(tok) is not None:
                out[name] = value
        else:
            out[name] = value
    return out


class _Ceiling:
    """The most each feature can add to any PLOVER type's score over ``none``'s: with
    every feature value >= 0, bias gap + the sum of value x ceiling bounds every type's
    log odds against ``none``, and a type's probability is at most the logistic of its
    log odds against ``none`` alone."""

    def __init__(self, model: LinearModel) -> None:
        n = model.classes.index(NONE)
        acts = [k for k in range(len(model.classes)) if k != n]
        self.bias = max(model.bias[k] - model.bias[n] for k in acts)
        self.up = {name: max(w[k] - w[n] for k in acts) for name, w in model.weights.items()}
        for name, u in self.up.items():
            if name.startswith(_MAYBE_FAMILIES):
                self.up[name] = max(0.0, u)
        self.up["status=*"] = max([0.0] + [u for k, u in self.up.items() if k.startswith("status=")])

    def most(self, features: dict[str, float]) -> float | None:
        """The bound on the log odds, or None when a feature value is negative (no bound)."""
        total = self.bias
        up = self.up
        for name, value in features.items():
            if value < 0:
                return None
            total += value * up.get(name, 0.0)
        return total


_CEILINGS: dict[int, tuple[LinearModel, _Ceiling]] = {}


def _ceiling(model: LinearModel) -> _Ceiling:
    got = _CEILINGS.get(id(model))
    if got is None or got[0] is not model:
        got = _CEILINGS[id(model)] = (model, _Ceiling(model))
    return got[1]


@cache
def _model_at(path: str) -> LinearModel:
    return LinearModel.load(Path(path))


def type_model() -> LinearModel | None:
    """The model named by ``NEWSGRAPH_EVENT_TYPES_MODEL``, else the shipped one (None when
    switched off by ``NEWSGRAPH_MODELS_OFF``, as for every model)."""
    other = os.environ.get(MODEL_ENV)
    if other and MODEL_NAME not in os.environ.get("NEWSGRAPH_MODELS_OFF", "").split(","):
        return _model_at(other)
    return load_model(MODEL_NAME)


class TypeClassifier:
    """The model's type for a candidate, cached per token."""

    def __init__(self, roles: _Roles) -> None:
        self.model = type_model()
        self.roles = roles
        self._cache: dict[int, dict[str, float]] = {}
        self._words: DocWords | None = None
        self._best: dict[int, tuple[str, float] | None] = {}  # the rules ask about a token many times
        self._maybe: dict[int, dict[str, float]] = {}

    def proba(self, tok: Token) -> dict[str, float] | None:
        if self.model is None or not is_candidate(tok):
            return None
        if tok.i not in self._cache:
            if self._words is None:
                self._words = DocWords(tok.doc)
            maybe = self._maybe.pop(tok.i, None)  # may_reach's features, when it asked
            self._cache[tok.i] = self.model.proba(features(tok, self.roles, self._words) if maybe is None
                                                  else _settle(maybe, tok, self.roles))
        return self._cache[tok.i]

    def may_reach(self, tok: Token, threshold: float) -> bool:
        """False when no PLOVER type can reach ``threshold`` for this candidate (so ``best``
        would give less): a bound from the features _Maybe's roles give, without the
        candidate's modality or cue and without scoring 17 classes (issue 13; most
        candidates are far below, at 1e-4). True when unsure or with no model."""
        if self.model is None or not is_candidate(tok) or not 0.0 < threshold < 1.0 or tok.i in self._cache:
            return True
        if self._words is None:
            self._words = DocWords(tok.doc)
        maybe = features(tok, _Maybe(self.roles), self._words)
        most = _ceiling(self.model).most(maybe)
        # a margin far above rounding: the bound is exact arithmetic, the model's floats are not
        if most is None or most >= math.log(threshold / (1.0 - threshold)) - 1e-3:
            self._maybe[tok.i] = maybe  # proba settles these instead of building them again
            return True
        return False

    def best(self, tok: Token) -> tuple[str, float] | None:
        """The most likely PLOVER type (never ``none``) and its probability."""
        if self.model is None:  # switched off after a question: as ``proba``, no type
            return None
        if tok.i not in self._best:
            self._best[tok.i] = self._best_of(tok)
        return self._best[tok.i]

    def _best_of(self, tok: Token) -> tuple[str, float] | None:
        p = self.proba(tok)
        if p is None:
            return None
        acts = {c: v for c, v in p.items() if c != NONE}
        if not acts:
            return None
        top = max(sorted(acts), key=lambda c: acts[c])
        return top, acts[top]


def record(doc_tokens, roles: _Roles, article_id: str, is_story) -> None:
    """Hand every candidate's features to ``RECORDER`` (training only)."""
    if RECORDER is None:
        return
    DOCS[article_id] = doc_tokens
    words = DocWords(doc_tokens)
    for tok in doc_tokens:
        if is_candidate(tok) and is_story(tok.idx):
            RECORDER.append((article_id, tok.idx, tok.idx + len(tok.text), features(tok, roles, words)))
