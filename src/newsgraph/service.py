"""The use cases every interface calls: the CLI, the API, the UI and the Spark job
never re-implement "read, analyse, write"; they call these."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from newsgraph.errors import InputError
from newsgraph.ingest import read_inputs
from newsgraph.model import Article, to_record
from newsgraph.nlp.pipeline import Extractor, Stages
from newsgraph.settings import Settings, get_settings


@dataclass
class Report:
    """What a run did: counts and one error per input that failed."""

    read: int = 0
    stored: int = 0
    unchanged: int = 0
    errors: list[InputError] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return len(self.errors)


def analyse_stream(items: Iterable[Article | InputError], extractor: Extractor,
                   on_error: Callable[[InputError], None]) -> Iterator[Article]:
    """Parse and analyse articles, passing reader errors to ``on_error``; an article
    the stages fail on becomes an error too, and the stream goes on."""
    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                on_error(item)
            else:
                yield item

    for article in extractor.run(articles(), on_error=on_error):
        yield article


def extract(paths: Iterable[str], settings: Settings | None = None, stages: Stages | None = None,
            on_error: Callable[[InputError], None] | None = None) -> Iterator[dict[str, Any]]:
    """The SCHEMA.md record of each article in ``paths``, with no store."""
    settings = settings or get_settings()
    extractor = Extractor(stages=stages, batch_size=settings.batch_size, settings=settings)
    errors: list[InputError] = []
    sink = on_error or errors.append
    for article in analyse_stream(read_inputs(paths, settings), extractor, sink):
        yield to_record(article)


def extract_text(text: str, **meta: Any) -> dict[str, Any]:
    """``newsgraph.extract`` for a string: the record of one article."""
    from newsgraph.ingest.jsonl import record_to_article

    settings = get_settings()
    article = record_to_article({"text": text, **meta}, "<text>", settings, None)
    extractor = Extractor(settings=settings)
    return to_record(extractor.one(article))


def timed() -> Callable[[], float]:
    t0 = time.perf_counter()
    return lambda: time.perf_counter() - t0
