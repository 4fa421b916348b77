"""Events: PLOVER coding. (placeholder: being built)"""
from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.model import Article, Event, Quote
from newsgraph.nlp.actors import ActorIndex


def extract_events(doc: Doc, article: Article, index: ActorIndex,
                   quotes: list[Quote]) -> tuple[list[Event], list[Event]]:
    return [], []
