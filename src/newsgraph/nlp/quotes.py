"""Statements: direct, mixed and indirect quotes with their speakers. (placeholder: being built)"""
from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.model import Article, Quote
from newsgraph.nlp.actors import ActorIndex


def extract_quotes(doc: Doc, article: Article, index: ActorIndex) -> list[Quote]:
    return []
