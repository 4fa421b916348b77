"""One pass of ``newsgraph watch``: read every source's listing, queue the URLs that are
new or changed, fetch them politely on a thread pool, and send the pages through the
same analysis and store as ``ingest`` (``service.ingest_articles``) while the next
pages download. Every outcome lands in the live tables (``state``)."""
from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urljoin, urlsplit

from newsgraph.errors import InputError
from newsgraph.ingest.common import stable_id
from newsgraph.ingest.html import read_html
from newsgraph.live.config import LiveConfig
from newsgraph.live.fetch import Fetched, Fetcher, FetchError
from newsgraph.live.listings import Listing, ListingError, parse_listing, read_url_file
from newsgraph.live.state import LiveState, Pending
from newsgraph.live.urls import canonical_url, host_of, url_article_id
from newsgraph.model import Article, Source
from newsgraph.settings import Settings, get_settings
from newsgraph.store import Store

Log = Callable[[str, str], None]  # (level, message): "info", "error"


@dataclass
class PassReport:
    sources: int = 0
    source_errors: int = 0
    queued: int = 0
    fetched: int = 0
    not_modified: int = 0
    stored: int = 0
    unchanged: int = 0
    duplicates: int = 0
    failed: int = 0
    requests: int = 0
    seconds: float = 0.0
    new_by_source: dict[str, int] = field(default_factory=dict)


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def normalise_source(source: str) -> str:
    """URL sources in canonical form (so ``--list`` does not show one feed twice); file
    sources as given."""
    return canonical_url(source) if is_url(source) else source


# -- listings -------------------------------------------------------------------------
def _read_source(source: str, fetcher: Fetcher, validators: Callable[[str], tuple[str | None, str | None]],
                 ) -> list[tuple[str | None, Fetched | None, Listing]]:
    """The listings a source yields now: (document URL, its response, listing) for the
    source and, for a sitemap index, each child sitemap that changed. A 304 yields none."""
    if not is_url(source):
        return [(None, None, read_url_file(source))]
    got = fetcher.get(source, *validators(source))
    if got.not_modified:
        return []
    listing = parse_listing(got.content, got.url, got.content_type)
    out: list[tuple[str | None, Fetched | None, Listing]] = []
    if listing.kind == "sitemapindex":
        for child in listing.children[:fetcher.config.max_sitemaps]:
            sub = fetcher.get(child, *validators(child))
            if not sub.not_modified:
                out.append((child, sub, parse_listing(sub.content, sub.url, sub.content_type)))
    # The source's own validators are recorded last: a crash before then fetches it again.
    out.append((source, got, listing))
    return out


def refresh_sources(sources: list[str], state: LiveState, fetcher: Fetcher, pool: ThreadPoolExecutor,
                    report: PassReport, log: Log) -> None:
    futures = {pool.submit(_read_source, s, fetcher, state.validators): s for s in sources}
    for fut, source in futures.items():
        try:
            parts = fut.result()
        except (FetchError, ListingError) as exc:
            reason = exc.reason if isinstance(exc, FetchError) else str(exc)
            state.source_fetched(source, None, reason)
            report.source_errors += 1
            log("error", f"source {source}: {reason}")
            continue
        kind = parts[-1][2].kind if parts else None
        queued = sum(state.record_listing(source, doc, got.etag if got else None,
                                          got.last_modified if got else None, listing)
                     for doc, got, listing in parts)
        skipped = sum(listing.skipped for _, _, listing in parts)
        problem = next((listing.problem for _, _, listing in parts if listing.problem), None)
        state.source_fetched(source, kind, problem)
        report.queued += queued
        if problem:
            report.source_errors += 1
            log("error", f"source {source}: {problem}")
        log("info", f"source {source}: " + ("not modified" if not parts else
                                             f"{kind}, {sum(len(p[2].entries) for p in parts)} entries, "
                                             f"{queued} new or changed") +
            (f", {skipped} entries without a usable link" if skipped else ""))


# -- pages ----------------------------------------------------------------------------
_CANONICAL = re.compile(r"<link\b[^>]*\brel\s*=\s*[\"']?canonical\b[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def page_canonical(html: str, url: str) -> str:
    """The page's <link rel=canonical> when it is on the same host, else ``url``: a page
    may name its own preferred address, not claim another site's."""
    m = _CANONICAL.search(html[:200_000])
    href = _HREF.search(m.group(0)) if m else None
    if not href:
        return url
    try:
        found = canonical_url(urljoin(url, next(g for g in href.groups() if g is not None)))
    except ValueError:
        return url
    return found if host_of(found) == host_of(url) else url


def decode_page(got: Fetched) -> str:
    m = _CHARSET.search(got.content_type) or _CHARSET.search(got.content[:4096].decode("ascii", "replace"))
    for enc in (m.group(1) if m else None, "utf-8"):
        if enc:
            try:
                return got.content.decode(enc, "replace")
            except LookupError:
                continue
    return got.content.decode("utf-8", "replace")


def page_article(p: Pending, got: Fetched, settings: Settings) -> Article:
    """A fetched page as an Article: its id from its canonical URL; the published date of
    the feed or sitemap first (explicit there, guessed on the page), the outlet of the page
    first (its site name), each falling back to the other."""
    ctype = got.content_type.split(";")[0].strip().lower()
    if ctype and "html" not in ctype and "xml" not in ctype:
        raise InputError(p.url, f"not an HTML page (Content-Type {ctype})")
    html = decode_page(got)
    url = page_canonical(html, canonical_url(got.url))
    article = read_html(html, p.url, settings, url=url)
    article.id = url_article_id(url)
    article.source = Source(path=None, url=url, format="html")
    meta = article.metadata
    meta.date = p.published or meta.date
    # trafilatura names a page without a site name after its host: that is no outlet.
    netloc = urlsplit(url).netloc.lower()
    if meta.outlet and meta.outlet.lower() in (netloc, netloc.removeprefix("www.")):
        meta.outlet = None
    meta.outlet = meta.outlet or p.outlet
    meta.title = meta.title or p.title
    return article


@dataclass
class _Page:
    pending: Pending
    got: Fetched | None = None
    article: Article | None = None
    error: InputError | None = None
    transient: bool = False


def _fetch_page(p: Pending, fetcher: Fetcher, settings: Settings) -> _Page:
    page = _Page(p)
    try:
        page.got = fetcher.get(p.url, p.etag, p.last_modified)
        if not page.got.not_modified:
            page.article = page_article(p, page.got, settings)
    except FetchError as exc:
        page.error, page.transient = InputError(p.url, exc.reason), exc.transient
    except InputError as exc:
        page.error = InputError(p.url, exc.reason)
    return page


def fetched_pages(todo: list[Pending], fetcher: Fetcher, pool: ThreadPoolExecutor, settings: Settings,
                  window: int) -> Iterator[_Page]:
    """Pages in the order they arrive, with at most ``window`` fetches queued at once."""
    it = iter(todo)
    running: set[Future[_Page]] = set()
    while True:
        while len(running) < window:
            p = next(it, None)
            if p is None:
                break
            running.add(pool.submit(_fetch_page, p, fetcher, settings))
        if not running:
            return
        done, running = wait(running, return_when=FIRST_COMPLETED)
        for fut in done:
            yield fut.result()


def run_pass(sources: list[str], db: str, config: LiveConfig | None = None, settings: Settings | None = None,
             fetcher: Fetcher | None = None, log: Log | None = None) -> PassReport:
    """One pass over ``sources`` (all known sources when empty)."""
    from newsgraph import service

    config = config or LiveConfig()
    settings = replace(settings or get_settings(), write_batch=config.write_batch)
    log = log or (lambda level, msg: None)
    report = PassReport()
    t0 = time.perf_counter()
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher(config)
    requests0 = fetcher.requests
    with Store(db, busy_timeout_ms=int(settings.busy_seconds * 1000)) as store, \
            ThreadPoolExecutor(max(1, config.workers), thread_name_prefix="newsgraph-fetch") as pool:
        state = LiveState(store)
        sources = [normalise_source(s) for s in sources]
        if sources:
            state.add_sources(sources)
        else:
            sources = state.sources()
        report.sources = len(sources)
        refresh_sources(sources, state, fetcher, pool, report, log)
        todo = state.pending(sources)
        owners: dict[str, list[tuple[_Page, str]]] = {}  # article id -> (page, text hash)
        ids: dict[str, str] = {}  # article URL -> article id
        new_by_source: dict[str, int] = {s: 0 for s in sources}

        def fail(page: _Page, reason: str, transient: bool) -> None:
            report.failed += 1
            outcome = state.failed(page.pending.url, reason, transient, config.max_attempts)
            log("error", f"{page.pending.url}: {reason}" + (" (will retry)" if outcome == "retry" else ""))

        def articles() -> Iterator[Article]:
            seen_text: dict[str, str] = {}
            for page in fetched_pages(todo, fetcher, pool, settings, window=max(2, config.workers * 2)):
                p = page.pending
                if page.error is not None:
                    fail(page, page.error.reason, page.transient)
                    continue
                report.fetched += 1
                if page.article is None:  # 304: the stored article is current
                    report.not_modified += 1
                    state.done(p.url, None, None, None, None)
                    continue
                text_sha = stable_id(page.article.text)
                earlier = state.duplicate_of(text_sha, p.url)
                if earlier is None and text_sha in seen_text and seen_text[text_sha] != p.url:
                    earlier = (seen_text[text_sha], None)
                if earlier is not None:
                    report.duplicates += 1
                    state.duplicate(p.url, earlier[0], earlier[1])
                    log("info", f"{p.url}: same text as {earlier[0]}; not stored again")
                    continue
                seen_text[text_sha] = p.url
                owners.setdefault(page.article.id, []).append((page, text_sha))
                ids[page.article.source.url or page.article.id] = page.article.id
                yield page.article

        refused: list[InputError] = []

        def on_done(article: Article, stored: bool) -> None:
            for page, text_sha in owners.pop(article.id, []):
                got = page.got
                state.done(page.pending.url, article.id, text_sha, got.etag if got else None,
                           got.last_modified if got else None)
                if stored:
                    report.stored += 1
                    new_by_source[page.pending.source] = new_by_source.get(page.pending.source, 0) + 1
                    log("info", f"{page.pending.url}: stored as {article.id}")
                else:
                    report.unchanged += 1
            _flush()

        def _flush() -> None:
            # Errors the pipeline reports (a page the stages fail on, a record the store
            # refuses) may arrive mid-transaction: they are recorded after it. The pipeline
            # names an article by its id, the store by its URL.
            while refused:
                e = refused.pop(0)
                pages = owners.pop(ids.get(e.where, e.where), [])
                for page, _ in pages:
                    fail(page, e.reason, False)
                if not pages:
                    log("error", f"{e.where}: {e.reason}")

        service.ingest_articles(articles(), db=db, settings=settings, on_error=refused.append, on_done=on_done)
        _flush()
        state.source_new(new_by_source)
        report.new_by_source = new_by_source
    if own_fetcher:
        fetcher.close()
    report.requests = fetcher.requests - requests0
    report.seconds = time.perf_counter() - t0
    return report


def parse_every(value: str) -> float:
    """``15m``, ``90s``, ``1h``, ``2h30m`` or plain seconds, as seconds."""
    value = value.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", value):
        return float(value)
    parts = re.findall(r"(\d+(?:\.\d+)?)([smhd])", value)
    if not parts or "".join(n + u for n, u in parts) != value:
        raise ValueError(f"not an interval: {value!r} (e.g. 15m, 90s, 1h)")
    return sum(float(n) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[u] for n, u in parts)


def watch(sources: list[str], db: str, every: float | None, config: LiveConfig | None = None,
          settings: Settings | None = None, log: Log | None = None,
          on_pass: Callable[[PassReport], None] | None = None, passes: int | None = None) -> list[PassReport]:
    """Run passes: one (``every`` None), or one every ``every`` seconds, each starting
    ``every`` seconds after the previous one started (or at once if it ran longer)."""
    config = config or LiveConfig()
    reports: list[PassReport] = []
    with Fetcher(config) as fetcher:
        while True:
            started = time.monotonic()
            rep = run_pass(sources, db, config, settings, fetcher, log)
            reports.append(rep)
            if on_pass:
                on_pass(rep)
            if every is None or (passes is not None and len(reports) >= passes):
                return reports
            time.sleep(max(0.0, every - (time.monotonic() - started)))


def watch_status(db: str) -> dict[str, Any]:
    from newsgraph.live.state import status

    with Store(db, readonly=True) as store:
        return status(store.conn)
