"""Tone: article tone in GDELT's seven values, and each statement's stance. (placeholder)"""
from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.model import Article, Tone


def article_tone(doc: Doc, article: Article) -> Tone:
    return Tone(word_count=sum(1 for t in doc if t.is_alpha))


def quote_stances(article: Article) -> None:
    return None
