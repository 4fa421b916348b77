"""Fetching as a polite crawler does: robots.txt obeyed, one request per host per
interval and a few at a time, conditional requests, retries with backoff on 429/5xx,
timeouts (silence and whole response), a size cap, redirects followed one hop at a
time (each hop is itself polite and checked against robots.txt) and bounded."""
from __future__ import annotations

import email.utils
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin
from urllib.robotparser import RobotFileParser

import httpx

from newsgraph.live.config import LiveConfig
from newsgraph.live.urls import host_of

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class FetchError(Exception):
    """A URL could not be fetched; ``transient`` errors (timeouts, 5xx, 429, refused
    connections) are worth trying again in a later pass, the others are not."""

    def __init__(self, url: str, reason: str, transient: bool = False) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.transient = transient


@dataclass
class Fetched:
    url: str  # after redirects
    status: int  # 200 (or another 2xx) or 304
    content: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    requests: int = 1

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class _Host:
    slots: threading.Semaphore
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_at: float = 0.0
    interval: float = 0.0


class Politeness:
    """Per-host spacing and concurrency. ``turn`` reserves the host's next free slot
    (at least ``interval`` after the previous request started) and waits for it."""

    def __init__(self, interval: float, concurrency: int) -> None:
        self.interval = interval
        self.concurrency = max(1, concurrency)
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    def host(self, key: str) -> _Host:
        with self._lock:
            h = self._hosts.get(key)
            if h is None:
                h = self._hosts[key] = _Host(threading.Semaphore(self.concurrency), interval=self.interval)
            return h

    def set_interval(self, key: str, seconds: float) -> None:
        h = self.host(key)
        with h.lock:
            h.interval = max(self.interval, seconds)

    def defer(self, key: str, seconds: float) -> None:
        """The host asked us to wait (429, 503): nobody asks it anything before then."""
        h = self.host(key)
        with h.lock:
            h.next_at = max(h.next_at, time.monotonic() + seconds)

    def turn(self, key: str) -> _Host:
        h = self.host(key)
        h.slots.acquire()
        with h.lock:
            now = time.monotonic()
            start = max(now, h.next_at)
            h.next_at = start + h.interval
        if start > now:
            time.sleep(start - now)
        return h


def retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


class Fetcher:
    """One per watcher process: a shared HTTP client, the politeness state and the
    robots.txt cache. Thread-safe: pages of many hosts are fetched from a thread pool."""

    def __init__(self, config: LiveConfig | None = None, transport: httpx.BaseTransport | None = None) -> None:
        self.config = config or LiveConfig()
        c = self.config
        self.client = httpx.Client(
            headers={"User-Agent": c.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(c.read_timeout, connect=c.connect_timeout),
            follow_redirects=False, transport=transport, trust_env=False,
            limits=httpx.Limits(max_connections=max(4, c.workers * 2)),
        )
        self.polite = Politeness(c.host_interval, c.host_concurrency)
        self._robots: dict[str, tuple[float, RobotFileParser | None, str | None]] = {}
        self._robots_lock = threading.Lock()
        self.requests = 0  # every request sent, robots.txt and retries included

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- robots.txt ---------------------------------------------------------------
    def allowed(self, url: str) -> None:
        """Raise FetchError if robots.txt forbids ``url`` (or cannot be read: RFC 9309
        treats an unreachable robots.txt as a complete disallow)."""
        key = host_of(url)
        with self._robots_lock:
            cached = self._robots.get(key)
        if cached is None or time.monotonic() - cached[0] > self.config.robots_ttl:
            cached = (time.monotonic(), *self._load_robots(key))
            with self._robots_lock:
                self._robots[key] = cached
        _, rules, problem = cached
        if problem:
            raise FetchError(url, problem, transient=True)
        if rules is not None and not rules.can_fetch(self.config.user_agent, url):
            raise FetchError(url, "robots.txt disallows this URL for our user agent")

    def _load_robots(self, key: str) -> tuple[RobotFileParser | None, str | None]:
        url = key + "/robots.txt"
        try:
            got = self._get(url, None, None, check_robots=False, max_bytes=500_000)
        except FetchError as exc:
            if exc.transient:
                return None, f"robots.txt of {key} could not be read ({exc.reason}); not fetching from it"
            return None, None  # 4xx (no robots.txt) or similar: everything is allowed
        rules = RobotFileParser(url)
        rules.parse(got.content.decode("utf-8", "replace").splitlines())
        delay = rules.crawl_delay(self.config.user_agent)
        if delay:
            self.polite.set_interval(key, float(delay))
        return rules, None

    # -- requests -----------------------------------------------------------------
    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET ``url`` politely; 304 when the validators still match. Raises FetchError."""
        return self._get(url, etag, last_modified, check_robots=True, max_bytes=self.config.max_bytes)

    def _get(self, url: str, etag: str | None, last_modified: str | None, check_robots: bool,
             max_bytes: int) -> Fetched:
        seen = [url]
        current = url
        hops = 0
        while True:
            if check_robots:
                self.allowed(current)
            got, location = self._one(current, etag, last_modified, max_bytes)
            if location is None:
                assert got is not None
                got.requests = hops + 1
                return got
            hops += 1
            nxt = urljoin(current, location)
            if not nxt.startswith(("http://", "https://")):
                raise FetchError(url, f"redirected to a non-HTTP address {nxt!r}")
            if nxt in seen:
                raise FetchError(url, f"redirect loop ({' -> '.join(seen[-3:] + [nxt])})")
            if hops > self.config.max_redirects:
                raise FetchError(url, f"more than {self.config.max_redirects} redirects")
            seen.append(nxt)
            current = nxt
            # Validators belong to the first URL; a redirect target is fetched whole.
            etag = last_modified = None

    def _one(self, url: str, etag: str | None, last_modified: str | None,
             max_bytes: int) -> tuple[Fetched | None, str | None]:
        """One URL, with retries: (the response, None), or (None, the redirect target)."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        key = host_of(url)
        attempt = 0
        while True:
            slot = self.polite.turn(key)
            try:
                status, hdrs, body = self._request(url, headers, max_bytes)
            except FetchError as exc:
                if not exc.transient or attempt >= self.config.retries or exc.reason.startswith("timed out"):
                    raise
                wait = self.config.backoff * 2 ** attempt
            else:
                if status in (301, 302, 303, 307, 308):
                    loc = hdrs.get("location")
                    if not loc:
                        raise FetchError(url, f"HTTP {status} redirect without a Location")
                    return None, loc
                if status == 304 or 200 <= status < 300:
                    return Fetched(url=url, status=status, content=body,
                                   content_type=hdrs.get("content-type", ""), etag=hdrs.get("etag"),
                                   last_modified=hdrs.get("last-modified")), None
                transient = status in RETRY_STATUS
                if not transient or attempt >= self.config.retries:
                    raise FetchError(url, f"HTTP {status}" + (f" after {attempt + 1} tries" if attempt else ""),
                                     transient=transient)
                asked = retry_after(hdrs.get("retry-after"))
                if asked is not None and asked > self.config.max_retry_after:
                    self.polite.defer(key, self.config.max_retry_after)
                    raise FetchError(url, f"HTTP {status}, server asks to retry after {asked:.0f} s",
                                     transient=True)
                wait = max(asked or 0.0, self.config.backoff * 2 ** attempt)
            finally:
                slot.slots.release()
            # The whole host waits, not only this request: the server asked for less load.
            self.polite.defer(key, wait)
            attempt += 1

    def _request(self, url: str, headers: dict[str, str], max_bytes: int) -> tuple[int, httpx.Headers, bytes]:
        """Send one request and read its body within the size and time limits."""
        self.requests += 1
        deadline = time.monotonic() + self.config.total_timeout
        try:
            with self.client.stream("GET", url, headers=headers) as resp:
                if resp.status_code in (301, 302, 303, 307, 308) or not (200 <= resp.status_code < 300):
                    return resp.status_code, resp.headers, b""
                declared = resp.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise FetchError(url, f"response of {int(declared):,} bytes is over the limit of "
                                          f"{max_bytes:,} (NEWSGRAPH_FETCH_MAX_BYTES)")
                chunks: list[bytes] = []
                size = 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise FetchError(url, f"response over the limit of {max_bytes:,} bytes "
                                              "(NEWSGRAPH_FETCH_MAX_BYTES); abandoned")
                    if time.monotonic() > deadline:
                        raise FetchError(url, f"timed out: response took over {self.config.total_timeout:g} s "
                                              "(NEWSGRAPH_FETCH_SECONDS); abandoned", transient=True)
                    chunks.append(chunk)
                return resp.status_code, resp.headers, b"".join(chunks)
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timed out ({exc.__class__.__name__})", transient=True) from None
        except httpx.DecodingError as exc:
            raise FetchError(url, f"response body could not be decoded ({exc})") from None
        except httpx.TransportError as exc:
            raise FetchError(url, f"connection failed ({exc.__class__.__name__}: {exc})", transient=True) from None
        except httpx.InvalidURL as exc:
            raise FetchError(url, f"invalid URL ({exc})") from None
