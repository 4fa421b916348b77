"""Cheaper equivalents of two of spaCy's own components, for the extraction pipeline
(issues 14 and 15: extraction within 1.3x the CPU of spaCy's bare parse).

- the attribute_ruler's patterns through an indexed matcher (``attribute_matcher``):
  the same matches for a fifth of the ruler's CPU;
- the rule lemmatizer's answers kept per word, part of speech and morphology: spaCy keeps
  them too, except for the words it finds already in their base form (most nouns and
  verbs), which it works out again at every token; the answer depends on nothing else
  (the word, its part of speech and its features, read from fixed tables).

Every token gets the same tag, part of speech, morphology, lemma and dependency as
from spaCy's components (tests/test_extraction_speed.py). ``load_spacy``, the bare
parse the benchmark compares against, keeps spaCy's components as they are.
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Token

from newsgraph.nlp.attribute_matcher import attribute_matcher


def _kept(lemmatize: Callable[[Token], list[str]]) -> Callable[[Token], list[str]]:
    cache: dict[tuple[int, int, int], list[str]] = {}

    def lemmatize_kept(token: Token) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        got = cache.get(key)
        if got is None:
            got = cache[key] = lemmatize(token)
        return got

    return lemmatize_kept


def install(nlp: Language) -> list[str]:
    """Put the cheaper equivalents in ``nlp``; the names of the components changed."""
    done: list[str] = []
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        fast = attribute_matcher(ruler)
        if fast is not None:  # else a pattern it cannot read: spaCy's matcher stays
            ruler.match = fast
            done.append("attribute_ruler")
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        if getattr(lemmatizer, "mode", None) == "rule" and not getattr(lemmatizer, "_kept", False):
            lemmatizer.lemmatize = _kept(lemmatizer.rule_lemmatize)
            lemmatizer._kept = True
            done.append("lemmatizer")
    return done
