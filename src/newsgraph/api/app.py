"""The FastAPI app: JSON under ``/api``, the same dicts rendered as HTML pages.

Every page is one function in ``newsgraph.reads.pages``; the JSON route returns its dict and the
HTML route renders that dict with Jinja (autoescape on). The store is opened
read-only, one connection per worker thread, so reads run concurrently and the
server can never write.
"""
from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from http import HTTPStatus
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from newsgraph.api import docs_text
from newsgraph.api.highlight import highlight
from newsgraph.errors import StoreError
from newsgraph.reads import pages
from newsgraph.reads.params import (
    ActorParams,
    NetworkParams,
    SearchParams,
    TimelineParams,
)
from newsgraph.store import Store
from newsgraph.version import __version__

HERE = Path(__file__).parent

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]


class SecurityHeaders:
    """Pure ASGI middleware (no per-request task overhead) adding the headers above."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in SECURITY_HEADERS if k not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadAsGet:
    """Answer HEAD like GET without the body (FastAPI routes are GET only), so
    `curl -I` and link checkers see the real status and headers."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body"):
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


class StorePool:
    """One read-only connection per thread (sqlite3 connections are not for sharing),
    and a small cache for the aggregate reads (facets, the edge list behind the
    network and the actor pages, timelines) that is emptied whenever the store's
    files change, e.g. when an ingest commits while we serve."""

    MAX_ENTRIES = 64

    def __init__(self, path: str) -> None:
        self.path = path
        Store(path, readonly=True).close()  # fail now, with the store's own message
        self._local = threading.local()
        self._lock = threading.Lock()
        self._key_locks: dict[Any, threading.Lock] = {}
        self._cache: OrderedDict[Any, Any] = OrderedDict()
        self._version: tuple[int, ...] = ()

    def get(self) -> Store:
        s = getattr(self._local, "store", None)
        if s is None:
            s = self._local.store = Store(self.path, readonly=True)
        return s

    def version(self) -> tuple[int, ...]:
        out: list[int] = []
        for p in (self.path, self.path + "-wal"):
            try:
                st = os.stat(p)
                out += [st.st_mtime_ns, st.st_size]
            except OSError:
                out += [0, 0]
        return tuple(out)

    def cached(self, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per key and store version; callers must not mutate the value."""
        version = self.version()
        with self._lock:
            if version != self._version:
                self._cache.clear()
                self._version = version
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            if len(self._key_locks) > 4 * self.MAX_ENTRIES:
                self._key_locks.clear()  # a lock in use lives on in its waiters' hands
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:  # one thread computes; the others wait for its result
            with self._lock:
                if key in self._cache:
                    return self._cache[key]
            value = compute()
            with self._lock:
                if self._version == version:
                    self._cache[key] = value
                    while len(self._cache) > self.MAX_ENTRIES:
                        self._cache.popitem(last=False)
            return value

    def warm(self) -> None:
        """Fill the cache in the background, so the first visitor doesn't wait."""
        def run() -> None:
            try:
                pages.warm(self.get(), self)
            except Exception:  # noqa: BLE001, S110 - the first request computes it (and reports) instead
                pass

        threading.Thread(target=run, name="newsgraph-warm", daemon=True).start()


class ErrorBody(BaseModel):
    """Every error the API returns: a title, what went wrong, and the HTTP status."""

    model_config = ConfigDict(extra="forbid")  # the document lists every field sent
    error: str
    detail: str
    status: int


class InvalidParameter(BaseModel):
    model_config = ConfigDict(extra="forbid")
    loc: list[str | int]  # where: ["query", "limit"], ["path", "article_id"]
    msg: str
    type: str  # pydantic's error type, e.g. int_parsing, string_too_long


class InvalidParametersBody(BaseModel):
    """A 422: one entry per parameter that failed validation."""

    model_config = ConfigDict(extra="forbid")
    error: Literal["Invalid parameters"]
    detail: list[InvalidParameter]
    status: Literal[422]


# What the OpenAPI document promises beside each route's 200, so that it describes every
# body the API sends (FastAPI would otherwise advertise its own 422 shape, not ours).
INVALID = {422: {"model": InvalidParametersBody, "description": "A parameter is malformed or out of range"}}
UNAVAILABLE = {503: {"model": ErrorBody, "description": "The store cannot be read"}}


def _missing(what: str) -> dict[int | str, dict[str, Any]]:
    return {404: {"model": ErrorBody, "description": f"No {what} with this id in the store"}}


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _json(data: Any) -> JSONResponse:
    # Straight to json.dumps: FastAPI's default would first walk the whole dict
    # through jsonable_encoder, which costs more than the query for an article.
    return JSONResponse(data)


def _u(value: Any) -> str:
    """A path segment: everything escaped, '/' included."""
    return quote(str(value), safe="")


def _snippet(s: str | None) -> Markup:
    """FTS snippet with its [[ ]] match markers as <mark>, every piece escaped."""
    if not s:
        return Markup("")
    out = []
    for i, part in enumerate(re.split(r"\[\[|\]\]", s)):
        out.append(f"<mark>{escape(part)}</mark>" if i % 2 else str(escape(part)))
    return Markup("".join(out))


QUOTE_MARKS = "\"'“”‘’«»„"


def _quoted(s: str | None) -> str:
    """A statement in quotation marks, unless its text already has them."""
    s = (s or "").strip()
    if s[:1] in QUOTE_MARKS and s[-1:] in QUOTE_MARKS:
        return s
    return f"“{s.strip(QUOTE_MARKS)}”"


def _qs(params: dict[str, Any], **changes: Any) -> str:
    """The query string of the current filters with some changed (for paging links)."""
    merged = {**params, **changes}
    from urllib.parse import urlencode

    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def make_env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                      autoescape=select_autoescape(["html", "svg"], default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(highlight=highlight, version=__version__)
    env.filters.update(u=_u, snippet=_snippet, qs=_qs, quoted=_quoted)
    return env


def _store(request: Request) -> Store:
    return request.app.state.pool.get()


# Module level: with postponed annotations FastAPI resolves these names from here.
StoreDep = Annotated[Store, Depends(_store)]
IdPath = Annotated[str, PathParam(min_length=1, max_length=300)]


def create_app(db: str, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The app over the store at ``db`` (must exist: raises ``StoreError`` otherwise).
    ``allowed_hosts`` guards against DNS rebinding; None accepts any Host header."""
    pool = StorePool(db)
    env = make_env()
    app = FastAPI(
        title="newsgraph",
        version=__version__,
        description=("Read-only JSON API over a newsgraph store: articles with their actors, statements and "
                     "PLOVER events, actors' profiles, reactions to events, the actor network and a timeline. "
                     "Every HTML page of the UI has its twin here returning exactly the dict the page renders."),
        docs_url=None, redoc_url=None,
    )
    app.state.db = db

    app.state.pool = pool
    pool.warm()

    def render(request: Request, template: str, data: dict[str, Any], json_url: str, status: int = 200) -> HTMLResponse:
        html = env.get_template(template).render(data=data, request=request, json_url=json_url, db=Path(db).name)
        return HTMLResponse(html, status_code=status)

    def twin(request: Request) -> str:
        """The JSON twin of the HTML page being served."""
        path = request.url.path
        path = "/api/search" if path in ("/", "/search") else "/api" + path
        return path + (f"?{request.url.query}" if request.url.query else "")

    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"

    def error(request: Request, status: int, title: str, detail: Any,
              headers: dict[str, str] | None = None) -> Response:
        if is_api(request):
            return JSONResponse({"error": title, "detail": detail, "status": status}, status_code=status,
                                headers=headers)
        page = render(request, "error.html", {"status": status, "title": title, "detail": detail}, json_url="",
                      status=status)
        page.headers.update(headers or {})
        return page

    @app.exception_handler(pages.NotFound)
    async def _not_found(request: Request, exc: pages.NotFound) -> Response:
        return error(request, 404, "Not found", str(exc))

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError) -> Response:
        return error(request, 503, "Store unavailable", str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        detail = [{"loc": list(e.get("loc", [])), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
                  for e in exc.errors()]
        return error(request, 422, "Invalid parameters", detail)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        # Starlette's headers carry what a client needs next: Allow on a 405, above all.
        headers = dict(getattr(exc, "headers", None) or {})
        allowed = {m.strip() for m in headers.get("Allow", "").split(",") if m.strip()}
        if "GET" in allowed:  # HeadAsGet answers HEAD wherever GET is
            allowed.add("HEAD")
        if allowed:  # one order every time (Starlette joins a set, whose order varies by process)
            order = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
            headers["Allow"] = ", ".join(sorted(allowed, key=lambda m: (order.index(m) if m in order else 99, m)))
        title = "Not found" if exc.status_code == 404 else _phrase(exc.status_code)
        return error(request, exc.status_code, title, str(exc.detail), headers=headers)

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> Response:  # pragma: no cover - a bug, not a request error
        return error(request, 500, "Internal error", "the server failed on this request; see its log")

    # -- JSON API ----------------------------------------------------------------
    @app.get("/api/search", tags=["pages"], summary="Full-text search with filters (page: /)",
             responses={**INVALID, **UNAVAILABLE})
    def api_search(p: Annotated[SearchParams, Query()], s: StoreDep) -> Response:
        """`{query, actor, actor_candidates, matching_actors, total, limit, offset, results: [{id, title,
        date, outlet, url, snippet, n_quotes, n_events}], facets: {outlets, event_types}}`. Words are all
        required (`word*` for a prefix); results are best bm25 first, or newest first without words;
        `snippet` marks matches with `[[ ]]`. `actor` takes an id or a name."""
        return _json(pages.search(s, p, pool))

    @app.get("/api/article/{article_id:path}", tags=["pages"],
             summary="An article, its text, and every extraction with offsets (page: /article/{id})",
             responses={**_missing("article"), **INVALID, **UNAVAILABLE})
    def api_article(article_id: IdPath, s: StoreDep) -> Response:
        """`{article, text, spans, actors, quotes, events, non_events, captions, descriptors}`.
        Every `start`/`end` indexes `text`; `spans` is the flat list the page highlights
        (kind: mention, quote, speaker, cue, event, nonevent, caption, descriptor)."""
        return _json(pages.article(s, article_id))

    @app.get("/api/actor/{actor_id:path}", tags=["pages"],
             summary="An actor: statements over time, descriptors by outlet, events, interactions (page: /actor/{id})",
             responses={**_missing("actor"), **INVALID, **UNAVAILABLE})
    def api_actor(actor_id: IdPath, p: Annotated[ActorParams, Query()], s: StoreDep) -> Response:
        """`{actor (with aliases, articles, roles), statements: {total, items}, descriptors_by_outlet,
        events_as_source, events_as_target, interactions: [{id, name, events_out, events_in,
        statements_out, statements_in, weight}], timeline: [{month, articles, statements, events,
        by_type}], names}`."""
        return _json(pages.actor(s, actor_id, p, pool))

    @app.get("/api/event/{event_id:path}", tags=["pages"],
             summary="An event, where it was reported, and the statements reacting to it (page: /event/{id})",
             responses={**_missing("event"), **INVALID, **UNAVAILABLE})
    def api_event(event_id: IdPath, s: StoreDep) -> Response:
        """`{event, context: {text, spans}, said_in, reactions: [quotes whose about holds the
        event, with speaker and stance], stance_counts, related, names}`."""
        return _json(pages.event(s, event_id))

    @app.get("/api/network", tags=["pages"], summary="The actor network: weighted event and statement edges",
             responses={**INVALID, **UNAVAILABLE})
    def api_network(p: Annotated[NetworkParams, Query()], s: StoreDep) -> Response:
        """`{filters, nodes: [{id, name, kind, country, weight}], edges: [{source, target, events,
        statements, weight, first, last}], event_types}`: event edges go source -> target,
        statement edges speaker -> the actor spoken about (or the actors of the event)."""
        return _json(pages.network(s, p, pool))

    @app.get("/api/timeline", tags=["pages"], summary="Articles, statements and events per month",
             responses={**INVALID, **UNAVAILABLE})
    def api_timeline(p: Annotated[TimelineParams, Query()], s: StoreDep) -> Response:
        """`{filters, months: [{month, articles, statements, events, by_type}], actor,
        actor_candidates, event_types}`; events count by their own date."""
        return _json(pages.timeline(s, p, pool))

    @app.get("/api/actors", tags=["lookups"], summary="Actors whose name or alias contains `name`",
             responses={**INVALID, **UNAVAILABLE})
    def api_actors(name: Annotated[str, Query(min_length=1, max_length=200)], s: StoreDep,
                   limit: Annotated[int, Query(ge=1, le=100)] = 20) -> Response:
        return _json(pages.find_actors(s, name, limit, pool))

    @app.get("/api/live", tags=["pages"], summary="What `newsgraph watch` follows and how it went (page: /live)",
             responses=UNAVAILABLE)
    def api_live(s: StoreDep) -> Response:
        """`{sources: [{source, kind, added_at, last_fetch, last_ok, last_error, last_new, fetches, failures,
        articles, pending, failed, duplicates}], totals: {state: n}, recent: [{url, article_id, fetched_at,
        source, title, date, outlet}], errors: [{url, source, state, attempts, error, fetched_at}]}`;
        all empty when no watcher has used this store."""
        return _json(pages.live(s))

    @app.get("/api/stats", tags=["lookups"], summary="What the store holds", responses=UNAVAILABLE)
    def api_stats(s: StoreDep) -> Response:
        return _json(pages.stats(s))

    # -- HTML pages: the same functions, rendered ---------------------------------
    @app.get("/", include_in_schema=False, response_class=HTMLResponse)
    @app.get("/search", include_in_schema=False, response_class=HTMLResponse)
    def page_search(request: Request, p: Annotated[SearchParams, Query()], s: StoreDep) -> Response:
        return render(request, "search.html", pages.search(s, p, pool), twin(request))

    @app.get("/article/{article_id:path}", include_in_schema=False, response_class=HTMLResponse)
    def page_article(request: Request, article_id: IdPath, s: StoreDep) -> Response:
        return render(request, "article.html", pages.article(s, article_id), twin(request))

    @app.get("/actor/{actor_id:path}", include_in_schema=False, response_class=HTMLResponse)
    def page_actor(request: Request, actor_id: IdPath, p: Annotated[ActorParams, Query()], s: StoreDep) -> Response:
        return render(request, "actor.html", pages.actor(s, actor_id, p, pool), twin(request))

    @app.get("/event/{event_id:path}", include_in_schema=False, response_class=HTMLResponse)
    def page_event(request: Request, event_id: IdPath, s: StoreDep) -> Response:
        return render(request, "event.html", pages.event(s, event_id), twin(request))

    @app.get("/network", include_in_schema=False, response_class=HTMLResponse)
    def page_network(request: Request, p: Annotated[NetworkParams, Query()], s: StoreDep) -> Response:
        return render(request, "network.html", pages.network(s, p, pool), twin(request))

    @app.get("/timeline", include_in_schema=False, response_class=HTMLResponse)
    def page_timeline(request: Request, p: Annotated[TimelineParams, Query()], s: StoreDep) -> Response:
        return render(request, "timeline.html", pages.timeline(s, p, pool), twin(request))

    @app.get("/live", include_in_schema=False, response_class=HTMLResponse)
    def page_live(request: Request, s: StoreDep) -> Response:
        return render(request, "live.html", pages.live(s), twin(request))

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def page_docs(request: Request) -> Response:
        # Our own reference page from the OpenAPI document: Swagger UI would need a CDN.
        api = app.openapi()
        return render(request, "docs.html", {"openapi": api, "operations": docs_text.operations(api)},
                      json_url="/openapi.json")

    from newsgraph.api import stories

    stories.add_routes(app, render, twin, _json,
                       {"found": {**_missing("story or actor"), **INVALID, **UNAVAILABLE},
                        "listed": {**INVALID, **UNAVAILABLE}})

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    return app
