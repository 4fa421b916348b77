"""Analysis on several local processes: each worker loads spaCy once and analyses
the articles it is sent; the parent keeps input order and does all the writing."""
from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Iterable, Iterator

from newsgraph.errors import InputError
from newsgraph.model import Article
from newsgraph.settings import Settings

_extractor = None


def _init(settings: Settings) -> None:
    global _extractor
    from newsgraph.nlp.pipeline import Extractor

    _extractor = Extractor(batch_size=settings.batch_size, settings=settings)


def _work(chunk: list[Article]) -> list[Article | InputError]:
    assert _extractor is not None
    out: list[Article | InputError] = []
    for a in _extractor.run(chunk, on_error=out.append):
        out.append(a)
    return out


def _chunks(articles: Iterable[Article], n: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for a in articles:
        chunk.append(a)
        if len(chunk) >= n:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def analyse_parallel(articles: Iterable[Article], settings: Settings, workers: int,
                     on_error: Callable[[InputError], None], chunk_size: int = 16) -> Iterator[Article]:
    # fork would share the parent's loaded model, but forking a process with threads
    # (spaCy/BLAS) is unsafe; spawn costs one model load per worker.
    ctx = mp.get_context("spawn")
    with ctx.Pool(workers, initializer=_init, initargs=(settings,)) as pool:
        # imap keeps input order, so N workers store exactly what one worker would.
        for result in pool.imap(_work, _chunks(articles, chunk_size), chunksize=1):
            for item in result:
                if isinstance(item, InputError):
                    on_error(item)
                else:
                    yield item
