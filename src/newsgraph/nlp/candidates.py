"""Statement candidates and the view of the parse every statement pass reads.

``Cand`` is one statement in the making (span, kind, cue, source token); ``FinderBase``
holds one article's parse as the passes need it (token offsets by bisection, the story
zones, the quotation marks) with the lookups they share: which token is a cue, and
which token is its source.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.attrs import IDX, LEMMA, LOWER
from spacy.tokens import Doc, Token

from newsgraph.model import Article
from newsgraph.nlp.actors import ActorIndex
from newsgraph.nlp.cues import (
    BELIEF_ADJECTIVES,
    BELIEF_VERBS,
    CONTENT_NOUNS,
    DIRECT_ONLY,
    DOC_VERBS,
    LABEL_VERBS,
    LEMMA_FIXES,
    OBJECT_VERBS,
    PREP_LABEL_VERBS,
    REPORT_ADVERBS,
    SAY_VERBS,
    SOURCE_PREPS,
    TITLE_CUES,
    VIEW_NOUNS,
    XCOMP_VERBS,
    cue_lemma,
)
from newsgraph.nlp.quote_marks import Marked, scan_marks
from newsgraph.nlp.speakers import (
    Speaker,
    SpeakerResolver,
    according_appos,
    according_phrase,
    adjacent_subject,
    inverted_subject,
    relayed_source,
    subject_of,
)


def _story_ranges(article: Article) -> tuple[list[int], list[int]] | None:
    """The story zones as sorted (starts, ends), for ``Article.is_story`` by
    bisection; the headline is left out (a headline is not a statement)."""
    if not article.zones:
        return None
    zs = sorted((z.start, z.end) for z in article.zones
                if z.kind in ("body", "standfirst", "caption") and z.end > z.start)
    return [a for a, _ in zs], [b for _, b in zs]


CUE_IDS: dict[int, tuple[frozenset[int], frozenset[int]]] = {}


def cue_ids(doc: Doc) -> tuple[frozenset[int], frozenset[int]]:
    """String ids of every cue lemma and cue word, once per vocabulary."""
    key = id(doc.vocab.strings)
    got = CUE_IDS.get(key)
    if got is None:
        strings = doc.vocab.strings
        lemmas = SAY_VERBS | BELIEF_VERBS | DOC_VERBS | OBJECT_VERBS | XCOMP_VERBS | set(PREP_LABEL_VERBS) | {"put"}
        words = {"according"} | set(SOURCE_PREPS) | VIEW_NOUNS | REPORT_ADVERBS | CONTENT_NOUNS | BELIEF_ADJECTIVES | set(LEMMA_FIXES)
        lem_ids = set()
        for w in lemmas:
            lem_ids.add(strings.add(w))
            lem_ids.add(strings.add(w.capitalize()))
        got = (frozenset(lem_ids), frozenset(strings.add(w) for w in words))
        CUE_IDS[key] = got
    return got


@dataclass
class Cand:
    start: int
    end: int
    kind: str
    fragments: list[list[int]]
    cue: tuple[int, int] | None = None  # char span
    cue_tok: Token | None = None
    subj: Token | None = None  # subject token to resolve
    speaker: Speaker | None = None
    no_speaker: bool = False  # passive / impersonal: a statement with no source
    mark: Marked | None = None
    inherit: bool = False  # a floating quote: takes the previous speaker
    label: bool = False  # a transcript line "NAME: …" or an interview turn
    channel: str | None = None  # where it was said, when known before the parse is read


SENT_END = frozenset(".!?")
TELL_VERBS = frozenset((
    "tell", "inform", "assure", "remind", "warn", "notify", "advise", "convince", "persuade",
    "promise",
))
FINITE = frozenset(("VBD", "VBZ", "VBP", "MD"))
# Object verbs whose passive subject is the one addressed or labelled, not the content:
# "was urged by", "was described by X as" (D11 keeps the label alone).
PASSIVE_HEARERS = TELL_VERBS | LABEL_VERBS | frozenset(("ask", "urge", "cite", "quote", "thank", "describe",
                                                        "characterize", "characterise", "credit"))


class FinderBase:
    """One article's parse, with the lookups every statement pass shares."""

    def __init__(self, doc: Doc, article: Article, index: ActorIndex) -> None:
        self.doc = doc
        self.article = article
        self.text = article.text
        self.index = index
        self.resolver = SpeakerResolver(doc, article, index)
        arr = doc.to_array([IDX, LEMMA, LOWER])
        self.starts = arr[:, 0].tolist() if len(doc) else []
        self._lemmas = arr[:, 1].tolist() if len(doc) else []
        self._lowers = arr[:, 2].tolist() if len(doc) else []
        self._story = _story_ranges(article)
        self.marks = [q for q in scan_marks(self.text) if self.in_story(q.open)]
        self.mark_starts = [q.start for q in self.marks]
        self._mark_span = max((q.end - q.start for q in self.marks), default=0)

    # -- helpers ------------------------------------------------------------
    def in_story(self, pos: int) -> bool:
        if self._story is None:
            return True
        starts, ends = self._story
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and pos < ends[i]

    def tok_at(self, pos: int) -> int:
        """Index of the token containing (or first after) char ``pos``."""
        i = bisect.bisect_right(self.starts, pos) - 1
        return max(i, 0)

    def mark_of(self, pos: int) -> Marked | None:
        i = bisect.bisect_right(self.mark_starts, pos) - 1
        if i >= 0:
            q = self.marks[i]
            if q.start <= pos < q.end:
                return q
        return None

    def marks_near(self, start: int, end: int) -> list[Marked]:
        """Marks that may touch [start, end): a bisect on the sorted starts, so joining
        stays linear in the number of marks (a list scan per candidate was quadratic)."""
        lo = bisect.bisect_left(self.mark_starts, start - self._mark_span - 1)
        hi = bisect.bisect_right(self.mark_starts, end + 1)
        return self.marks[lo:hi]

    def span_chars(self, a: int, b: int) -> tuple[int, int]:
        doc = self.doc
        return doc[a].idx, doc[b].idx + len(doc[b].text)

    def cue_span(self, tok: Token) -> tuple[int, int]:
        s, e = tok.idx, tok.idx + len(tok.text)
        for c in tok.children:
            if c.dep_ == "prt" and c.i == tok.i + 1:
                e = c.idx + len(c.text)
            if tok.lemma_ == "put" and c.dep_ == "dobj" and c.lower_ == "it":
                e = max(e, c.idx + len(c.text))
        return s, e

    def is_cue(self, tok: Token, titles: bool = True) -> bool:
        lem = cue_lemma(tok)
        if tok.pos_ in ("VERB", "AUX") and (lem in SAY_VERBS or lem in OBJECT_VERBS or lem in DIRECT_ONLY
                                            or lem in ("speak", "put")):
            if lem == "put":
                return any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children)
            return True
        if titles and lem in TITLE_CUES and tok.pos_ in ("VERB", "ADJ"):
            return True
        return tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"

    def source_of(self, cue: Token) -> tuple[Token | None, bool]:
        """(subject token, impersonal) for a cue token."""
        if cue.lower_ == "according":
            mended = according_phrase(cue)
            if mended is not None:
                return mended[0], False
            to = cue.doc[cue.i + 1]
            for c in to.children:
                if c.dep_ == "pobj":
                    return c, False
            return None, False
        inverted = inverted_subject(cue) if cue.dep_ == "conj" else None
        if inverted is not None:
            return inverted, False  # not the subject of the verb the parser coordinated it with
        subj = subject_of(cue)
        if subj is None:
            passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children)
            if not passive:
                subj = according_appos(cue) or adjacent_subject(cue)
            return subj, passive and subj is None
        return relayed_source(subj), False
