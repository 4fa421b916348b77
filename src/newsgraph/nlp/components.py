"""newsgraph's stages as spaCy components, in one pipeline after spaCy's own.

Each stage is a registered factory (``@Language.factory``) that reads what the earlier
stages left on the ``Doc`` and puts its own result there, under ``doc._``:

    newsgraph_actors      doc._.ng_actors      the ActorIndex: actors, their mentions and
                                               descriptors, with coreference links
    newsgraph_statements  doc._.ng_quotes      statements (quotes) with speakers and cues
    newsgraph_events      doc._.ng_events      PLOVER events, and doc._.ng_non_events;
                                               doc._.ng_event_anchors: where they are
    newsgraph_links       Quote.about          which events each statement is about
    newsgraph_tone        doc._.ng_tone        the article's tone, and doc._.ng_stances
                                               (quote id -> stance)

A component does nothing to a Doc that carries no article (``doc._.ng_article``), so the
same Language serves plain parsing too. ``collect`` turns a processed Doc back into its
Article. The order is fixed by ``STAGES``; ``nlp.pipeline`` is the one place that builds
the Language (``load_nlp``).
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.model import Article
from newsgraph.settings import get_settings

STAGES = ("newsgraph_actors", "newsgraph_statements", "newsgraph_events", "newsgraph_links", "newsgraph_tone")

_EXTENSIONS = ("ng_article", "ng_stages", "ng_settings", "ng_actors", "ng_quotes", "ng_events",
               "ng_non_events", "ng_event_anchors", "ng_tone", "ng_stances")
for _name in _EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def _wanted(doc: Doc, stage: str) -> bool:
    """Is there an article on this Doc, and does its run ask for ``stage``?"""
    if doc._.ng_article is None:
        return False
    stages = doc._.ng_stages
    return stages is None or getattr(stages, stage, True)


class ActorsStage:
    def __call__(self, doc: Doc) -> Doc:
        if doc._.ng_article is not None:  # every later stage needs the actors
            from newsgraph.nlp.actors import resolve_actors

            doc._.ng_actors = resolve_actors(doc, doc._.ng_article)
        return doc


class StatementsStage:
    def __call__(self, doc: Doc) -> Doc:
        if _wanted(doc, "quotes"):
            from newsgraph.nlp.quotes import extract_quotes

            if doc._.ng_actors is not None:
                doc._.ng_actors.stage = "statements"  # who asks, in index.requests
            doc._.ng_quotes = extract_quotes(doc, doc._.ng_article, doc._.ng_actors)
        return doc


class EventsStage:
    def __call__(self, doc: Doc) -> Doc:
        if _wanted(doc, "events"):
            from newsgraph.nlp.events import extract_events

            settings = doc._.ng_settings or get_settings()
            if doc._.ng_actors is not None:
                doc._.ng_actors.stage = "events"
            doc._.ng_event_anchors = []
            doc._.ng_events, doc._.ng_non_events = extract_events(
                doc, doc._.ng_article, doc._.ng_actors, doc._.ng_quotes or [], settings.min_event_confidence,
                anchors=doc._.ng_event_anchors)
            # the acts statements perform that the rules did not code (nlp/speech_events.py)
            from newsgraph.nlp.speech_events import code_statements

            doc._.ng_events = doc._.ng_events + code_statements(
                doc, doc._.ng_article, doc._.ng_actors, doc._.ng_quotes or [], doc._.ng_events,
                doc._.ng_non_events or [], settings.min_event_confidence)
        return doc


class LinksStage:
    """Statements -> the events they are about, once both stages have run."""

    def __call__(self, doc: Doc) -> Doc:
        if _wanted(doc, "events") and doc._.ng_quotes and doc._.ng_event_anchors is not None:
            from newsgraph.nlp.statement_links import link_statements

            link_statements(doc, doc._.ng_quotes, doc._.ng_event_anchors)
        return doc


class ToneStage:
    def __call__(self, doc: Doc) -> Doc:
        if _wanted(doc, "tone"):
            from newsgraph.nlp.tone import STANCE_OF_TYPE, article_tone, quote_stance

            doc._.ng_tone = article_tone(doc, doc._.ng_article)
            # a statement that performs a coded act takes that act's stance (a denunciation
            # is negative), else the stance of the words it reports
            acts: dict[str, str] = {}
            for ev in doc._.ng_events or []:
                if ev.said_in and ev.type in STANCE_OF_TYPE:
                    acts.setdefault(ev.said_in, ev.type)
            doc._.ng_stances = {q.id: quote_stance(q, acts.get(q.id)) for q in doc._.ng_quotes or []}
        return doc


def _factory(name: str, make: Callable[[], object]) -> None:
    if name not in Language.factories:
        Language.factory(name, func=lambda nlp, name: make())


_factory("newsgraph_actors", ActorsStage)
_factory("newsgraph_statements", StatementsStage)
_factory("newsgraph_events", EventsStage)
_factory("newsgraph_links", LinksStage)
_factory("newsgraph_tone", ToneStage)


def add_stages(nlp: Language) -> Language:
    """Append newsgraph's stages, in order, to a spaCy Language that parses."""
    for name in STAGES:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
    return nlp


def attach(doc: Doc, article: Article, stages: object | None, settings: object | None) -> Doc:
    doc._.ng_article = article
    doc._.ng_stages = stages
    doc._.ng_settings = settings
    return doc


def collect(doc: Doc) -> Article:
    """The Article of a processed Doc, with every stage's results."""
    article: Article = doc._.ng_article
    if doc._.ng_quotes is not None:
        article.quotes = doc._.ng_quotes
        stances = doc._.ng_stances or {}
        for q in article.quotes:
            if q.id in stances:
                q.stance = stances[q.id]
    if doc._.ng_events is not None:
        article.events, article.non_events = doc._.ng_events, doc._.ng_non_events or []
    if doc._.ng_tone is not None:
        article.tone = doc._.ng_tone
    index = doc._.ng_actors
    if index is not None:
        # read last: the statement and event stages may have added unnamed sources
        article.actors = sorted(index.actors.values(), key=lambda a: min((m.start for m in a.mentions), default=0))
        article.descriptors = sorted(index.descriptors, key=lambda d: d.start)
    return article
