"""The use cases every interface calls: the CLI, the API, the UI and the Spark job
never re-implement "read, analyse, write"; they call these."""
from __future__ import annotations

import hashlib
import itertools
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from newsgraph.errors import InputError
from newsgraph.ingest import read_inputs
from newsgraph.model import Article, to_record
from newsgraph.settings import Settings, get_settings
from newsgraph.store import Store

if TYPE_CHECKING:  # spaCy is imported only by the commands that parse, not by search or stats
    from newsgraph.nlp.pipeline import Extractor, Stages


@dataclass
class Report:
    """What a run did: counts and one error per input that failed."""

    read: int = 0
    stored: int = 0
    unchanged: int = 0
    errors: list[InputError] = field(default_factory=list)
    seconds: float = 0.0
    stories: int = 0  # articles placed in stories

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

    yield from extractor.run(articles(), on_error=on_error)


def extract(paths: Iterable[str], settings: Settings | None = None, stages: Stages | None = None,
            on_error: Callable[[InputError], None] | None = None) -> Iterator[dict[str, Any]]:
    """The SCHEMA.md record of each article in ``paths``, with no store."""
    settings = settings or get_settings()
    from newsgraph.nlp.pipeline import Extractor

    extractor = Extractor(stages=stages, settings=settings)
    errors: list[InputError] = []
    sink = on_error or errors.append
    for article in analyse_stream(read_inputs(paths, settings), extractor, sink):
        yield to_record(article)


def extract_text(text: str, **meta: Any) -> dict[str, Any]:
    """``newsgraph.extract`` for a string: the record of one article."""
    from newsgraph.ingest.jsonl import record_to_article

    settings = get_settings()
    article = record_to_article({"text": text, **meta}, "<text>", settings, None)
    from newsgraph.nlp.pipeline import Extractor

    extractor = Extractor(settings=settings)
    return to_record(extractor.one(article))


EXTRACTOR_VERSION = "1"


def content_hash(article: Article) -> str:
    """What decides whether a stored article is current: its text, its metadata and
    the extractor's version. The same input ingested twice hashes the same."""
    h = hashlib.sha1()
    h.update(EXTRACTOR_VERSION.encode())
    h.update(article.text.encode("utf-8", "surrogatepass"))
    h.update(json.dumps(asdict(article.metadata), sort_keys=True, ensure_ascii=False).encode())
    h.update(json.dumps(asdict(article.source), sort_keys=True).encode())
    return h.hexdigest()


def _batched(items: Iterable[Any], n: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for x in items:
        batch.append(x)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(paths: Iterable[str], db: str | None = None, settings: Settings | None = None,
           workers: int = 1, on_error: Callable[[InputError], None] | None = None,
           on_progress: Callable[[int], None] | None = None,
           on_wait: Callable[[str], None] | None = None) -> Report:
    """Read, analyse and store every article in ``paths``. Articles already stored with
    the same content are skipped before parsing, so re-ingesting is cheap and adds
    nothing. Each batch is one transaction: a crash loses at most the batch under way."""
    settings = settings or get_settings()
    return ingest_articles(read_inputs(paths, settings), db=db, settings=settings, workers=workers,
                           on_error=on_error, on_progress=on_progress, on_wait=on_wait)


def ingest_articles(items: Iterable[Article | InputError], db: str | None = None,
                    settings: Settings | None = None, workers: int = 1,
                    on_error: Callable[[InputError], None] | None = None,
                    on_progress: Callable[[int], None] | None = None,
                    on_wait: Callable[[str], None] | None = None,
                    on_done: Callable[[Article, bool], None] | None = None) -> Report:
    """``ingest`` for articles that are already read (e.g. pages fetched by ``newsgraph
    watch``). ``on_done(article, stored)`` is called once the article is safe: after
    the transaction that stored it commits (``stored``), or when it was found already
    stored with the same content; a caller that records progress elsewhere records it
    there, so a crash never marks as done an article the store does not hold."""
    settings = settings or get_settings()
    report = Report()
    elapsed = timed()

    def err(e: InputError) -> None:
        report.errors.append(e)
        if on_error:
            on_error(e)

    with Store(db or settings.db_path, busy_timeout_ms=int(settings.busy_seconds * 1000), on_wait=on_wait) as store:
        def fresh() -> Iterator[tuple[Article, str]]:
            seen: dict[str, str] = {}
            # Look up stored hashes a batch at a time, not one query per article.
            for batch in _batched(items, 256):
                arts = [x for x in batch if not isinstance(x, InputError)]
                for x in batch:
                    if isinstance(x, InputError):
                        err(x)
                report.read += len(arts)
                known = store.known_hashes(a.id for a in arts)
                for a in arts:
                    digest = content_hash(a)
                    # The same record in two files is one article; two texts under one id are not.
                    text_key = hashlib.sha1(a.text.encode("utf-8", "surrogatepass")).hexdigest()
                    if a.id in seen and seen[a.id] != text_key:
                        # Two different articles under one id: storing both would lose one.
                        err(InputError(a.source.path or a.id, f"article {a.id}: the same id as an earlier, "
                                                              "different article in this run; skipped"))
                        continue
                    if known.get(a.id) == digest or a.id in seen:
                        report.unchanged += 1
                        if on_done:
                            on_done(a, False)
                        if on_progress:
                            on_progress(1)
                        continue
                    seen[a.id] = text_key
                    yield a, digest

        pending = fresh()
        digests: dict[str, str] = {}

        def articles() -> Iterator[Article]:
            for a, d in pending:
                digests[a.id] = d
                yield a

        for batch in _batched(analysed(articles(), settings, workers, err), settings.write_batch):
            where = {a.id: a.source.path or a.source.url or a.id for a in batch}
            refused: set[str] = set()

            def refuse(aid: str, exc: Exception, refused: set[str] = refused, where: dict[str, str] = where) -> None:
                refused.add(aid)
                err(InputError(where.get(aid, aid),
                               f"article {aid}: could not be stored: {exc.__class__.__name__}: {exc}"))

            report.stored += store.write([(to_record(a), digests.pop(a.id)) for a in batch], on_error=refuse)
            if on_done:
                for a in batch:
                    if a.id not in refused:
                        on_done(a, True)
            if on_progress:
                on_progress(len(batch))
        if report.stored:
            report.stories = _update_stories(store)
    report.seconds = elapsed()
    return report


def _update_stories(store: Store) -> int:
    """Stories follow the store: every article stored by any path (ingest, watch, import)
    joins a story here, in the same run, with no step a user must know about."""
    from newsgraph.corpus import stories

    return stories.update(store).articles


def update_stories(db: str) -> int:
    """Cluster the stored articles that are in no story yet (e.g. in a store written by
    an older newsgraph); how many were placed."""
    with Store(db) as store:
        return _update_stories(store)


def analysed(articles: Iterable[Article], settings: Settings, workers: int,
             on_error: Callable[[InputError], None]) -> Iterator[Article]:
    """Analysed articles in input order, on this process or on ``workers`` processes."""
    it = iter(articles)
    first = next(it, None)
    if first is None:  # nothing new: don't pay for loading spaCy
        return
    articles = itertools.chain([first], it)
    if workers <= 1:
        from newsgraph.nlp.pipeline import Extractor

        extractor = Extractor(settings=settings)
        yield from extractor.run(articles, on_error=on_error)
        return
    from newsgraph.parallel import analyse_parallel

    yield from analyse_parallel(articles, settings, workers, on_error)


def import_parquet(parquet_dir: str, db: str | None = None, settings: Settings | None = None,
                   on_progress: Callable[[int], None] | None = None) -> Report:
    """Load the Parquet output of ``newsgraph spark`` (or ``export --format parquet``)
    into the store. Each article's full record is rebuilt from the ``record`` column
    of ``articles`` and its text from ``text``; an article already stored with the same content is skipped, so
    importing twice changes nothing."""
    from pathlib import Path

    import pyarrow.dataset as ds

    from newsgraph.model import from_record
    from newsgraph.model.tables import with_text

    settings = settings or get_settings()
    report = Report()
    elapsed = timed()
    root = Path(parquet_dir)
    src = root / "articles" if (root / "articles").is_dir() else root / "articles.parquet"
    if not src.exists():
        raise InputError(parquet_dir, "no articles table here (expected articles/ or articles.parquet)")
    dataset = ds.dataset(str(src), format="parquet", partitioning="hive")
    seen: set[str] = set()
    with Store(db or settings.db_path) as store:
        for batch in dataset.to_batches(columns=["record", "text"], batch_size=settings.write_batch):
            recs = []
            for raw, text in zip(batch.column(0).to_pylist(), batch.column(1).to_pylist(), strict=True):
                try:
                    recs.append(with_text(raw, text))
                except (TypeError, ValueError) as exc:
                    report.errors.append(InputError(str(src), f"unreadable record: {exc}"))
            report.read += len(recs)
            known = store.known_hashes(r["id"] for r in recs)
            todo = []
            for rec in recs:
                digest = content_hash(from_record(rec))
                if known.get(rec["id"]) == digest or rec["id"] in seen:
                    report.unchanged += 1
                    continue
                seen.add(rec["id"])
                todo.append((rec, digest))
            report.stored += store.write(todo)
            if on_progress:
                on_progress(len(recs))
        if report.stored:
            report.stories = _update_stories(store)
    report.seconds = elapsed()
    return report


def search(db: str, q: str = "", actor: str | None = None, **filters: Any) -> dict[str, Any]:
    """Full-text search, as the search page answers it (``reads.pages.search``):
    ``actor`` is an actor id or a name (the best-covered match, reported back under
    ``actor`` with the other candidates). A name that matches no actor gives no results,
    never every article. Raises ``pydantic.ValidationError`` on a bad filter."""
    from newsgraph.reads import SearchParams, pages

    p = SearchParams(q=q, actor=actor, **filters)
    with Store(db, readonly=True) as store:
        return pages.search(store, p)


def stats(db: str) -> dict[str, Any]:
    from newsgraph.reads import pages

    with Store(db, readonly=True) as store:
        return pages.stats(store)


def find_actors(db: str, name: str, limit: int = 20) -> list[dict[str, Any]]:
    from newsgraph.reads import pages

    with Store(db, readonly=True) as store:
        return pages.find_actors(store, name, limit, pages.NO_CACHE)


def stored_records(db: str) -> Iterator[dict[str, Any]]:
    with Store(db, readonly=True) as store:
        yield from store.records()


def timed() -> Callable[[], float]:
    t0 = time.perf_counter()
    return lambda: time.perf_counter() - t0


def list_stories(db: str, q: str = "", limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Stories, the most reported first (``newsgraph stories``, /stories)."""
    from newsgraph.corpus import views

    with Store(db, readonly=True) as store:
        return views.list_stories(store, q, limit, offset)


def story(db: str, story_id: str) -> dict[str, Any] | None:
    """One story: articles and outlets over time, events, reactions by actor (/story/ID)."""
    from newsgraph.corpus import views

    with Store(db, readonly=True) as store:
        return views.story(store, story_id)


def compare(db: str, a: str, b: str, speaker: str | None = None) -> dict[str, Any] | None:
    """Two stories' reactions side by side, optionally one speaker's (``newsgraph compare``, /compare)."""
    from newsgraph.corpus import views

    with Store(db, readonly=True) as store:
        return views.compare(store, a, b, speaker)


def rhetoric(db: str, actor_id: str, story_id: str | None = None) -> dict[str, Any]:
    """An actor's statements over time with stance and intensity (/rhetoric/ID)."""
    from newsgraph.corpus import views

    with Store(db, readonly=True) as store:
        return views.rhetoric(store, actor_id, story_id)
