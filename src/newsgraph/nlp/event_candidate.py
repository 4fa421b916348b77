"""An event candidate, and the state the event extractor's passes share.

``Cand`` is one trigger with its code, parties and evidence tokens, before the finishing
filters (``events.py``) turn it into an ``Event`` or drop it. ``ExtractorState`` holds
what every pass reads (the parsed article, the actor index, the statements) and is the
base of the pass mixins (``event_roles``, ``event_triggers``, ``event_dates``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsgraph.model import Actor, Article, Event, Quote
from newsgraph.nlp.actors import ActorIndex
from newsgraph.nlp.interviews import INTERVIEW
from newsgraph.nlp.plover import Code

# The finishing filters (``events.py`` ``dropped``) whose events are kept in ``non_events``
# with the filter's name as their reason: asserted acts the rules do not code, nearly all
# for a side not found. Unlike a negated or hedged act, such a non-event does not stop the
# statement-act model from coding the statement it sits on (``speech_events``).
REPEATED = "repeated"  # an act told again (``events.repeated_acts``)
UNPLACED = frozenset({REPEATED, "low confidence", "no party", "consult with one side", "weak trigger with one side",
                      "no doer", "derived", "vague", "nominal with no doer"})


@dataclass
class Cand:
    trigger: Token
    code: Code
    src: list[Actor] = field(default_factory=list)
    tgt: list[Actor] = field(default_factory=list)
    toks: list[Token] = field(default_factory=list)  # tokens the evidence spans
    status: str | None = None
    nominal: bool = False
    inherited_src: bool = False
    implied_src: bool = False  # the article's police or court, for an act that names no doer
    said_in: str | None = None
    obj_event: Token | None = None  # a nominal event this act is about (denounced the killing)
    quality: float = 1.0
    derived: bool = False
    event: Event | None = None
    not_target: list[Actor] = field(default_factory=list)  # the victims of what a blame act is about
    # why a noun act is set aside before the finishing passes ("no party"): recorded in
    # ``non_events`` with that reason and its sides as found, read by no other pass
    unplaced: str | None = None


class ExtractorState:
    """What the passes share: the parsed article, its actors and statements, the candidates so far."""

    def __init__(self, doc: Doc, article: Article, index: ActorIndex, quotes: list[Quote],
                 min_confidence: float = 0.0) -> None:
        self.doc = doc
        self.min_confidence = min_confidence
        self.text = article.text  # the doc was parsed from it; Doc.text would rebuild the string
        self.article = article
        self.index = index
        self.quotes = quotes
        self.ref = article.metadata.date
        self.consumed: set[int] = set()
        self.cands: list[Cand] = []
        self.unplaced: list[Cand] = []  # noun acts set aside for want of a party (``Cand.unplaced``)
        self._actor_cache: dict[int, Actor | None] = {}
        # An interview answer runs over paragraphs of the source's own account: the acts it
        # reports are read as in narration, not as a quotation's claims.
        self._direct = [(q.start, q.end, q) for q in quotes if q.kind == "direct" and q.channel != INTERVIEW]
        self._dates: dict[int, list[tuple[int, int, str | None]]] = {}
        # Token.sent scans the document each time: index the sentences once.
        self._sents = list(doc.sents)
        self._sent_of = [0] * len(doc)
        for k, sp in enumerate(self._sents):
            for i in range(sp.start, sp.end):
                self._sent_of[i] = k

    def sent(self, tok: Token) -> Span:
        return self._sents[self._sent_of[tok.i]]


def same_side(a: Actor, b: Actor) -> bool:
    """A speaker's own country is no target of the speaker's claims."""
    return a.kind == "country" and a.country is not None and a.country == b.country


def overlapping_act(a: Event, b: Event) -> bool:
    """Two readings of one act: the same type, by the same doer, over overlapping words
    (``the US airstrike`` and ``airstrike that killed X``: a noun and its clause, or a
    statement's act and an act the rules read inside it)."""
    return (a.type == b.type and a.start < b.end and b.start < a.end
            and bool(set(a.source) & set(b.source)))
