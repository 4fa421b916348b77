"""Statements as events: the PLOVER act a statement performs, from its cue and content.

A demand, an accusation, a threat, praise or a refusal is often said rather than done:
``X urged Y to withdraw`` is REQUEST, ``X called the strikes a war crime`` ACCUSE. The
statement layer has already found who spoke, the cue and the content; the rules of
``nlp/events.py`` code the act only when the cue verb is in their lexicon. Here a trained
linear classifier (``models/speech_events.json.gz``, ``scripts/train/train_speech_events.py``)
looks at every statement the rules left uncoded and predicts one PLOVER type or ``none``
from: the cue's lemma and reporting class, the cue's own lexicon code, its object and
particle, the content's head lemma, modality and negation, the content's words and the
hits of ``nlp/data/speech_events.json``. The actor is the speaker; the recipient is who
the cue or content addresses (the cue's object, ``called on X``, ``said of X``, the content's subject),
and empty when the text names none. With no model shipped nothing is added.
"""
from __future__ import annotations

import math

from spacy.tokens import Doc, Span, Token

from newsgraph.model import Actor, Article, Event, Quote
from newsgraph.nlp.actor_index import ActorIndex
from newsgraph.nlp.authored import author, authored_noun
from newsgraph.nlp.event_candidate import UNPLACED, overlapping_act, same_side
from newsgraph.nlp.interviews import INTERVIEW
from newsgraph.nlp.lexicon import Lexicon
from newsgraph.nlp.linear import load_model
from newsgraph.nlp.modality import own_status
from newsgraph.nlp.plover import verb_code, verb_object_code
from newsgraph.nlp.tone import text_score

MODEL_NAME = "speech_events"
NONE = "none"
# How sure the classifier must be to code a statement, chosen on the seed (the worked
# example) and annotated-dev, with the gate's other dev sets as guards, never on the test
# split. annotated-dev events full / type-only F1 without the model 0.156 / 0.438; at 0.25
# 0.179 / 0.461, at 0.35 0.161 / 0.454, at 0.55 0.160 / 0.428. Below 0.35 the seed codes a
# hedged remark; below 0.55 wikinews-dev full F1 falls more than the gate allows
# (0.522 -> 0.490 at 0.35: the acts it adds there have the right type but the wrong or no
# recipient). So the model only codes what it is sure of until the parties improve.
# Retrained on the train split grown to 858 articles, the model is surer of itself: at 0.55
# the seed codes a negated wish ("did not want to ...") as REJECT (0.57); at
# 0.6 the seed is whole again, annotated-dev full / type-only 0.396 / 0.597 -> 0.397 / 0.599,
# wikinews-dev full 0.503 -> 0.511, plover-dev unchanged. Retrained on 1,006 articles it
# took the same negated wish for REJECT at 0.63: rather than chase it with the threshold,
# a negated wish or intention is now no act at all (``_unwilling``, the guideline's A4).
THRESHOLD = 0.6

_LEX = Lexicon("speech_events.json")
_CUES = Lexicon("cues.json")
CONTENT_TYPES: dict[str, list[str]] = {}
for _type, _words in _LEX["content_words"]["types"].items():
    for _w in _words:
        CONTENT_TYPES.setdefault(_w, []).append(_type)
MODAL_WORDS = _LEX.words("modal_words")
TARGET_PREPS: dict[str, set[str]] = {v: set(p) for v, p in _LEX["target_preps"]["verbs"].items()}
SETTING_PREPS = _LEX.words("setting_preps")
NEGATED_WISHES = _LEX.words("negated_wishes")
TOPIC_PREPS: dict[str, set[str]] = {v: set(p) for v, p in _LEX["topic_preps"]["verbs"].items()}
DEFAULT_CAMEO: dict[str, str] = _LEX["default_codes"]["codes"]
# cue lemma -> the reporting classes of cues.json it belongs to (say, belief, object ...)
CUE_CLASSES: dict[str, list[str]] = {}
for _name, _table in _CUES.tables.items():
    if isinstance(_table, dict) and isinstance(_table.get("words"), list):
        for _w in _table["words"]:
            CUE_CLASSES.setdefault(_w, []).append(_name)
NOT_ASSERTED = {"negated", "hypothetical"}  # a cue that did not happen codes nothing
MAX_CONTENT_WORDS = 40  # a long content's tail says little about the act

# Filled by the training script with (article id, quote, features, speaker, evidence span,
# addressees, covered by the rules) for every statement, coded by the rules or not; None
# (the default) in use.
RECORDER: list | None = None


def _span(doc: Doc, start: int | None, end: int | None) -> Span | None:
    if start is None or end is None or end <= start:
        return None
    return doc.char_span(start, end, alignment_mode="expand")


def _cue_root(cue: Span) -> Token:
    verbs = [t for t in cue if t.pos_ in ("VERB", "AUX")]
    return verbs[0] if verbs else cue.root


def features(doc: Doc, q: Quote, speaker: Actor | None, index: ActorIndex,
             addressees: list[Actor] | None = None) -> dict[str, float]:
    """The classifier's features for one statement (sparse, named)."""
    f: dict[str, float] = {"bias": 1.0, f"kind={q.kind}": 1.0}
    f[f"spk={speaker.kind if speaker else 'none'}"] = 1.0
    if addressees:
        f[f"addressee={addressees[0].kind}"] = 1.0
    # the content's tone: blame is negative, praise positive (nlp/tone.py's lexicon)
    tone = text_score(q.content)
    f["tone_neg"] = max(0.0, -tone)
    f["tone_pos"] = max(0.0, tone)
    cue = _span(doc, q.cue_start, q.cue_end)
    if cue is not None and len(cue):
        root = _cue_root(cue)
        lemma = root.lemma_.lower()
        f[f"cue={lemma}"] = 1.0
        for t in cue:
            if t.is_alpha and t != root:
                f[f"cuew={t.lemma_.lower()}"] = 1.0
        for cls in CUE_CLASSES.get(lemma, ()):
            f[f"cueclass={cls}"] = 1.0
        code = verb_code(lemma)
        if code is not None:
            f[f"cuelex={code.type}"] = code.strength
        st = own_status(root) if root.pos_ in ("VERB", "AUX") else None
        if st:
            f[f"cuestatus={st}"] = 1.0
        for c in root.children:
            if c.dep_ in ("prt", "prep") and c.is_alpha:
                f[f"cueprep={lemma}_{c.lower_}"] = 1.0
            elif c.dep_ in ("dobj", "dative"):
                f[f"cueobj={c.lemma_.lower()}"] = 1.0
                oc = verb_object_code(lemma, c.lemma_.lower())
                if oc is not None:
                    f[f"cuelex={oc.type}"] = oc.strength
                if index.for_token(c) is not None:
                    f["cueobj_actor"] = 1.0
            elif c.dep_ == "xcomp":
                f[f"xcomp={c.lemma_.lower()}"] = 1.0
            elif c.dep_ == "ccomp" and c.idx >= q.start:
                f["cue_ccomp"] = 1.0
    else:
        f["cue=none"] = 1.0
    content = _span(doc, q.start, q.end)
    if content is None or not len(content):
        return f
    head = content.root
    f[f"head={head.lemma_.lower()}"] = 1.0
    f[f"headpos={head.pos_}"] = 1.0
    if head.pos_ in ("VERB", "AUX"):
        st = own_status(head)
        if st:
            f[f"headstatus={st}"] = 1.0
    words = [t for t in content if t.is_alpha][:MAX_CONTENT_WORDS]
    if words:
        scale = 1.0 / math.sqrt(len(words))
        seen: set[str] = set()
        lex: dict[str, float] = {}
        for t in words:
            lw = t.lemma_.lower()
            if lw in MODAL_WORDS:
                f[f"modal={lw}"] = 1.0
            if t.dep_ == "neg":
                f["neg"] = 1.0
            for typ in CONTENT_TYPES.get(lw, ()):
                lex[typ] = lex.get(typ, 0.0) + 1.0
            if t.is_stop or lw in seen:
                continue
            seen.add(lw)
            f[f"w={lw}"] = scale
            code = verb_code(lw) if t.pos_ == "VERB" else None
            if code is not None and code.strength >= 0.5:
                f[f"wlex={code.type}"] = 1.0
        for typ, n in lex.items():
            f[f"lex={typ}"] = min(n, 3.0) / 3.0
    if q.speaker:
        others = {a.id for t in content if (a := index.for_token(t)) is not None and a.id != q.speaker}
        if others:
            f["content_actor"] = 1.0
    if len(content) <= 4:
        f["short"] = 1.0
    return f


def recipients(doc: Doc, q: Quote, speaker: Actor, index: ActorIndex) -> list[Actor]:
    """Who the statement addresses: the cue's object (``urged Iran``, ``accused the
    police``), the object of a preposition the cue verb takes for its addressee
    (``called on Iran``), else the actor nearest the top of the cue's object phrase or
    of the content's parse (``the resignation of X``, ``X must withdraw``, ``his
    hypocrisy``, after coreference); none when the text names no one but the speaker."""
    def ok(a: Actor | None) -> bool:
        if a is None or a.id == speaker.id:
            return False
        return not same_side(a, speaker)  # a speaker's own country is no addressee of its claims

    roots: list[Token] = []  # phrases to search, in order
    cue = _span(doc, q.cue_start, q.cue_end)
    if cue is not None and len(cue):
        root = _cue_root(cue)
        lemma = root.lemma_.lower()
        for c in root.children:
            outside = c.idx < q.start or c.idx >= q.end
            if c.dep_ in ("dobj", "dative") and outside:
                a = _actor(c, index)
                if ok(a):
                    return [a]  # type: ignore[list-item]
                roots.append(c)
            elif c.dep_ in ("prep", "prt") and c.lower_ in TARGET_PREPS.get(lemma, ()):
                for p in c.children:
                    if p.dep_ == "pobj":
                        a = _actor(p, index)
                        if ok(a):
                            return [a]  # type: ignore[list-item]
            elif c.dep_ == "prep" and outside and c.lower_ in TOPIC_PREPS.get(lemma, ()):
                a = _topic(c, index)  # "said of X"
                if ok(a):
                    return [a]  # type: ignore[list-item]
            elif c.dep_ in ("advcl", "xcomp", "acl") and outside and c.lemma_.lower() in TOPIC_PREPS:
                for p in c.children:  # "speaking of X, Y said"
                    if p.dep_ == "prep" and p.lower_ in TOPIC_PREPS[c.lemma_.lower()]:
                        a = _topic(p, index)
                        if ok(a):
                            return [a]  # type: ignore[list-item]
            elif c.dep_ == "prep" and outside and c.lower_ not in SETTING_PREPS:
                roots.extend(p for p in c.children if p.dep_ == "pobj")  # "called for the resignation of X"
    content = _span(doc, q.start, q.end)
    if content is not None and len(content):
        roots.append(content.root)
        # then the other sentences of the content, in order: a bracketed name or a quote
        # mark can break one sentence's parse in two
        roots.extend(t for t in content if t.dep_ == "ROOT" and t.i != content.root.i)
    seen: set[int] = set()
    for r in roots:
        for t in _by_depth(r, content):
            if t.i in seen or t.pos_ not in ("PROPN", "NOUN", "PRON"):
                continue
            seen.add(t.i)
            a = _actor(t, index)
            if ok(a):
                return [a]  # type: ignore[list-item]
    return []


def authored_recipients(doc: Doc, q: Quote, speaker: Actor, index: ActorIndex) -> list[Actor]:
    """A statement that names no one but answers a thing someone made or said (``denied
    the claim``, ``called the decision disappointing``, ``welcomed the ruling``): that
    thing's author (``nlp/authored.py``), read after the features, which keep the
    addressee the parse gives."""
    things: list[Token] = []
    cue = _span(doc, q.cue_start, q.cue_end)
    if cue is not None and len(cue):
        root = _cue_root(cue)
        things += [c for c in root.children if c.dep_ in ("dobj", "nsubjpass")]
        things += [p for c in root.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    content = _span(doc, q.start, q.end)
    if content is not None and len(content):
        things.append(content.root)
    for t in things:
        if authored_noun(t):
            a = author(t, lambda x: _actor(x, index), [speaker])
            if a is not None and not same_side(a, speaker):
                return [a]
    return []


def _topic(prep: Token, index: ActorIndex) -> Actor | None:
    """The actor a topic preposition names (``of X``, ``about X's plan``)."""
    for p in prep.children:
        if p.dep_ == "pobj":
            for t in _by_depth(p, None)[:4]:
                if t.pos_ in ("PROPN", "NOUN", "PRON") and (a := _actor(t, index)) is not None:
                    return a
    return None


def _by_depth(root: Token, content: Span | None) -> list[Token]:
    """The tokens under ``root`` (within the content when it lies there), nearest the
    root first, then left to right."""
    inside = content is not None and content.start <= root.i < content.end
    out: list[Token] = []
    level = [root]
    for _ in range(6):
        if not level:
            break
        out.extend(sorted(level, key=lambda t: t.i))
        level = [c for t in level for c in t.children
                 if not inside or (content is not None and content.start <= c.i < content.end)]
    return out


def _actor(tok: Token, index: ActorIndex) -> Actor | None:
    a = index.for_token(tok)
    if a is None and tok.pos_ == "PRON" and index.coref is not None:
        a = index.coref.antecedent(tok)
    if a is None and tok.left_edge.i < tok.i:
        a = index.at(tok.left_edge.idx, tok.idx + len(tok.text))
    return a


def _covered(q: Quote, events: list[Event]) -> bool:
    """Did the rules already code an act (or a negated one) on this statement?"""
    for ev in events:
        if ev.said_in == q.id:
            return True
        if q.cue_start is not None and q.cue_end is not None and ev.start < q.cue_end and q.cue_start < ev.end \
                and ev.start >= q.cue_start - 1:
            return True
    return False


def _evidence(doc: Doc, q: Quote) -> tuple[int, int]:
    """The statement's clause: the content's first sentence, with the speaker and cue
    when they lie in it (``X said, "..."``); a cue in another sentence (``"...," he
    said.``) says nothing about the act."""
    content = _span(doc, q.start, q.end)
    if content is None or not len(content):
        return q.start, q.end
    sent = content[0].sent
    lo, hi = q.start, min(q.end, sent.end_char)
    for p in (q.speaker_start, q.speaker_end, q.cue_start, q.cue_end):
        if p is not None and sent.start_char <= p <= sent.end_char:
            lo, hi = min(lo, p), max(hi, p)
    return (lo, hi) if hi > lo else (q.start, q.end)


def _unwilling(doc: Doc, q: Quote) -> bool:
    """The statement's main predicate is a negated wish or intention (``did not want to
    discuss``, ``does not intend to push``): the speaker's own unwillingness, which the
    guideline keeps apart from acts (A4). The classifier, which sees the refusal's words,
    took one for REJECT at 0.63 after a retrain."""
    content = _span(doc, q.start, q.end)
    if content is None or not len(content):
        return False
    root = content.root
    return root.lemma_.lower() in NEGATED_WISHES and any(c.dep_ == "neg" for c in root.children)


def decide(probs: dict[str, float], threshold: float) -> str:
    """The most likely act when it is likely enough, else none. An act can win below
    ``none``'s probability: most statements perform none, and the threshold, not the
    prior, decides how much precision to trade for recall."""
    acts = {c: p for c, p in probs.items() if c != NONE}
    if not acts:
        return NONE
    best = max(sorted(acts), key=lambda c: acts[c])
    return best if acts[best] >= threshold else NONE


def code_statements(doc: Doc, article: Article, index: ActorIndex, quotes: list[Quote], events: list[Event],
                    non_events: list[Event], min_confidence: float = 0.0) -> list[Event]:
    """The events the statements perform that the rules did not code, as new Events
    (numbered after ``events``); ``events`` and ``quotes`` are left as they are."""
    model = load_model(MODEL_NAME)
    if model is None and RECORDER is None:
        return []
    made: list[Event] = []
    n = len(events)
    for q in quotes:
        if not q.speaker or q.speaker not in index.actors or q.channel == INTERVIEW:
            continue
        if not article.is_story(q.start) or article.caption_at(q.cue_start if q.cue_start is not None else q.start):
            continue
        covered = _covered(q, events) or _covered(q, [e for e in non_events if e.reason not in UNPLACED])
        if covered and RECORDER is None:
            continue
        speaker = index.actors[q.speaker]
        addressees = recipients(doc, q, speaker, index)
        f = features(doc, q, speaker, index, addressees)
        if RECORDER is not None:
            # every statement is a training example (the acts the rules code teach the
            # model what an act looks like); only the uncovered ones are coded below
            RECORDER.append((article.id, q, f, speaker, _evidence(doc, q), addressees, covered))
        if model is None or covered:
            continue
        if not addressees:
            addressees = authored_recipients(doc, q, speaker, index)
        if any(k.startswith("cuestatus=") and k.split("=", 1)[1] in NOT_ASSERTED for k in f):
            continue  # "did not accuse": no act
        if _unwilling(doc, q):
            continue  # "did not even want to discuss": an intention (A4), not an act
        probs = model.proba(f)
        best = decide(probs, THRESHOLD)
        conf = probs[best]
        if best == NONE or conf < min_confidence:
            continue
        start, end = _evidence(doc, q)
        cue = _span(doc, q.cue_start, q.cue_end)
        # the lexicon is keyed by lemma: "accused" is looked up as "accuse"
        cue_code = verb_code(_cue_root(cue).lemma_.lower()) if cue is not None and len(cue) else None
        same = cue_code is not None and cue_code.type == best
        ev = Event(
            id=f"{article.id}:e{n + 1}", type=best, evidence=article.text[start:end], start=start, end=end,
            source=[speaker.id], target=[a.id for a in addressees],
            mode=cue_code.mode if same else None, cameo=cue_code.cameo if same else DEFAULT_CAMEO.get(best),
            date=article.metadata.date, said_in=q.id, confidence=round(conf, 3))
        if any(overlapping_act(x, ev) for x in (*events, *made)):
            continue  # the act the rules (or another statement) already read over these words
        n += 1
        made.append(ev)
    return made
