"""A trained attribution tagger for indirect and mixed statements, PARC-style.

Each token of a sentence is tagged, left to right, as part of a cue (``Q``), a source
(``S``), a content (``C``) or none (``O``) by a linear model over the token, its
neighbours, the two tags before it and its syntactic relation to the nearest reporting
verb of the sentence (the way attribution taggers such as citron read PARC). Then each
cue is paired with the content and the source nearest to it.

The model is trained on the annotated corpus's train split only (``make train``,
scripts/train/train_attribution.py) and ships as plain JSON read by ``LinearModel``.
The rules stay first: the statement finder asks the tagger only about sentences with
a reporting verb where the rules found nothing, so the tagger adds what the rules miss
(less common cues and constructions) and never rewrites what they found.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsgraph.nlp.cues import (
    BELIEF_VERBS,
    DOC_VERBS,
    OBJECT_VERBS,
    SAY_VERBS,
    XCOMP_VERBS,
)
from newsgraph.nlp.linear import LinearModel, load_model

MODEL_NAME = "attribution_tagger"
TAGS = ("O", "Q", "S", "C")
LEXICON = SAY_VERBS | BELIEF_VERBS | OBJECT_VERBS | XCOMP_VERBS | DOC_VERBS
START = "<s>"


def is_anchor(t: Token) -> bool:
    """A reporting verb (or ``according``) that the features measure positions from."""
    return t.lower_ == "according" or t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in LEXICON


def anchors(sent: Span) -> list[Token | None]:
    """For each token of ``sent``, the nearest reporting verb of the sentence (or None)."""
    found = [t for t in sent if is_anchor(t)]
    if not found:
        return [None] * len(sent)
    # one sweep: k is the first anchor at or after the token; of it and the one before,
    # the nearer wins, the earlier on a tie
    out: list[Token | None] = []
    k, n = 0, len(found)
    for t in sent:
        while k < n and found[k].i < t.i:
            k += 1
        if k == 0 or k == n:
            out.append(found[min(k, n - 1)])
        else:
            before, after = found[k - 1], found[k]
            out.append(before if t.i - before.i <= after.i - t.i else after)
    return out


def _path(t: Token, anchor: Token) -> str:
    """The dependency label of the anchor's child whose subtree holds ``t``."""
    x = t
    while x.head.i != x.i:
        if x.head.i == anchor.i:
            return x.dep_
        x = x.head
    return "none"


class SentenceWords:
    """What ``features`` reads of each token of one sentence, read once for the sentence
    (the tagger asks about each of its tokens, left to right): the token's own feature
    names, and its head's place in the sentence for the path to the anchor. Features
    from it are those from the tokens, name for name and in the same order (issue 13)."""

    def __init__(self, sent: Span) -> None:
        toks = list(sent)
        n = len(toks)
        self.start = sent.start
        lower = [t.lower_ for t in toks]
        lemma = [t.lemma_.lower() for t in toks]
        self.dep = dep = [t.dep_ for t in toks]
        self.head = head = [t.head.i - sent.start for t in toks]
        self.parts: list[tuple[str, ...]] = []
        self.lex: list[float] = []
        for k, t in enumerate(toks):
            h = head[k]
            if 0 <= h < n:
                hd, hl = dep[h], lemma[h]
            else:  # a head outside the sentence: read it from the token
                hd, hl = t.head.dep_, t.head.lemma_.lower()
            self.parts.append(("w=" + lower[k], "l=" + lemma[k], "p=" + t.tag_, "d=" + dep[k], "hd=" + hd,
                               "hl=" + hl, "e=" + t.ent_type_, "pw=" + (lower[k - 1] if k > 0 else START),
                               "nw=" + (lower[k + 1] if k + 1 < n else "</s>")))
            self.lex.append(float(lemma[k] in LEXICON))

    def path(self, t: Token, anchor: Token) -> str:
        """``_path`` on the sentence's head indices instead of a walk over Tokens."""
        head, dep, a = self.head, self.dep, anchor.i - self.start
        x = t.i - self.start
        n = len(head)
        while True:
            h = head[x]
            if not 0 <= h < n:  # the walk leaves the sentence: the Tokens' walk decides
                return _path(t, anchor)
            if h == x:
                return "none"
            if h == a:
                return dep[x]
            x = h


def features(t: Token, prev: str, prev2: str, anchor: Token | None, sent: Span | None = None,
             words: SentenceWords | None = None) -> dict[str, float]:
    if words is not None:  # the same names, read once per sentence
        w, lm, p, d, hd, hl, e, pw, nw = words.parts[t.i - words.start]
        f = {w: 1.0, lm: 1.0, p: 1.0, d: 1.0, hd: 1.0, hl: 1.0, e: 1.0, "prev=" + prev: 1.0,
             "prev2=" + prev + prev2: 1.0, "lex": words.lex[t.i - words.start], pw: 1.0, nw: 1.0}
    else:
        sent = sent if sent is not None else t.sent  # the caller's sentence saves a walk to its bounds per token
        f = {
            "w=" + t.lower_: 1.0, "l=" + t.lemma_.lower(): 1.0, "p=" + t.tag_: 1.0, "d=" + t.dep_: 1.0,
            "hd=" + t.head.dep_: 1.0, "hl=" + t.head.lemma_.lower(): 1.0, "e=" + t.ent_type_: 1.0,
            "prev=" + prev: 1.0, "prev2=" + prev + prev2: 1.0, "lex": float(t.lemma_.lower() in LEXICON),
            "pw=" + (t.nbor(-1).lower_ if t.i > sent.start else START): 1.0,
            "nw=" + (t.nbor(1).lower_ if t.i + 1 < sent.end else "</s>"): 1.0,
        }
    if anchor is None:
        f["noanc"] = 1.0
        return f
    rel = "self" if anchor.i == t.i else ("before" if t.i < anchor.i else "after")
    path = "self" if rel == "self" else words.path(t, anchor) if words is not None else _path(t, anchor)
    f["rel=" + rel] = 1.0
    f["dist=" + str(min(abs(anchor.i - t.i), 10) // 3)] = 1.0
    f["ancl=" + anchor.lemma_.lower()] = 1.0
    f["path=" + path] = 1.0
    f["path_rel=" + path + rel] = 1.0
    f["path_prev=" + path + prev] = 1.0
    return f


def tag_sentence(model: LinearModel, sent: Span) -> list[str]:
    """Greedy left-to-right tags of one sentence."""
    tags: list[str] = []
    words = SentenceWords(sent)
    if len(model.classes) == 4:
        return _tag_four(model, sent, words)
    for t, anchor in zip(sent, anchors(sent)):
        prev = tags[-1] if tags else START
        prev2 = tags[-2] if len(tags) > 1 else START
        tags.append(model.best(features(t, prev, prev2, anchor, sent, words)))
    return tags


def _tag_four(model: LinearModel, sent: Span, words: SentenceWords) -> list[str]:
    """``tag_sentence`` for a four-class model without the features dict (issues 14 and
    15; the tagger reads every token of a sentence with a reporting verb): the weights of
    the names ``features`` would give, summed in its order (one addition per known name,
    the value's product only where the value is not 1.0), so the same scores bit for bit
    and the same tags as ``model.best(features(...))``."""
    get = model.weights.get
    b0, b1, b2, b3 = model.bias
    best = model.best_of_scores
    tags: list[str] = []
    start = words.start
    prev, prev2 = START, START
    for k, anchor in enumerate(anchors(sent)):
        w_, lm, p, d, hd, hl, e, pw, nw = words.parts[k]
        s0, s1, s2, s3 = b0, b1, b2, b3
        if anchor is None:
            tail: tuple[str, ...] = ("noanc",)
            path = rel = ""
        else:
            i = start + k
            rel = "self" if anchor.i == i else ("before" if i < anchor.i else "after")
            path = "self" if rel == "self" else words.path(sent.doc[i], anchor)
            tail = ("rel=" + rel, "dist=" + str(min(abs(anchor.i - i), 10) // 3),
                    "ancl=" + anchor.lemma_.lower(), "path=" + path, "path_rel=" + path + rel)
        for name in (w_, lm, p, d, hd, hl, e, "prev=" + prev, "prev2=" + prev + prev2):
            w = get(name)
            if w is not None:
                s0 += w[0]
                s1 += w[1]
                s2 += w[2]
                s3 += w[3]
        w = get("lex")
        if w is not None:
            value = words.lex[k]
            s0 += w[0] * value
            s1 += w[1] * value
            s2 += w[2] * value
            s3 += w[3] * value
        for name in (pw, nw, *tail) if anchor is None else (pw, nw, *tail, "path_prev=" + path + prev):
            w = get(name)
            if w is not None:
                s0 += w[0]
                s1 += w[1]
                s2 += w[2]
                s3 += w[3]
        prev2, prev = prev, best([s0, s1, s2, s3])
        tags.append(prev)
    return tags


def tag_runs(sent: Span, tags: list[str], tag: str) -> list[tuple[int, int]]:
    """Token ranges [a, b] of ``sent`` tagged ``tag``, as doc indices (``tags`` one per token
    of ``sent``; a whole Doc's tags with ``doc[:]``)."""
    out: list[tuple[int, int]] = []
    for k, t in enumerate(tags):
        if t != tag:
            continue
        i = sent.start + k
        if out and out[-1][1] == i - 1:
            out[-1] = (out[-1][0], i)
        else:
            out.append((i, i))
    return out


@dataclass
class Tagged:
    """One statement the tagger found: token ranges of cue, content and source."""

    cue: tuple[int, int]
    content: tuple[int, int]
    source: tuple[int, int] | None


def statements(model: LinearModel, sent: Span) -> list[Tagged]:
    """The statements of one sentence: each cue with its nearest content (one after
    the cue first) and its nearest source."""
    tags = tag_sentence(model, sent)
    cues, contents, sources = (tag_runs(sent, tags, x) for x in ("Q", "C", "S"))
    out: list[Tagged] = []
    for c in cues:
        if not contents:
            break
        content = min(contents, key=lambda x: (x[0] < c[0], abs(x[0] - c[1])))
        if content[1] - content[0] < 1:
            continue  # one word is no proposition
        source = min(sources, key=lambda x: abs(x[1] - c[0])) if sources else None
        out.append(Tagged(c, content, source))
    return out


def tagger() -> LinearModel | None:
    """The shipped model, or None when it is not trained or switched off."""
    return load_model(MODEL_NAME)
