"""How politely and how far ``newsgraph watch`` fetches: every limit is a setting
(environment variable), so tests and cron jobs can tighten or loosen it."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from newsgraph.version import __version__


def _f(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


def _i(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


DEFAULT_AGENT = f"newsgraph/{__version__} (news feed reader; obeys robots.txt)"


@dataclass(frozen=True)
class LiveConfig:
    # Says who we are; the first word is the product token robots.txt rules are matched on.
    user_agent: str = field(default_factory=lambda: os.environ.get("NEWSGRAPH_USER_AGENT", DEFAULT_AGENT))
    # At most one request per host every this many seconds (robots.txt Crawl-delay may ask for more).
    host_interval: float = field(default_factory=lambda: _f("NEWSGRAPH_HOST_INTERVAL", 1.0))
    # Requests in flight to one host, and in all.
    host_concurrency: int = field(default_factory=lambda: _i("NEWSGRAPH_HOST_CONCURRENCY", 2))
    workers: int = field(default_factory=lambda: _i("NEWSGRAPH_FETCH_WORKERS", 8))
    connect_timeout: float = field(default_factory=lambda: _f("NEWSGRAPH_CONNECT_TIMEOUT", 10.0))
    # Silence between two bytes of a response longer than this ends it...
    read_timeout: float = field(default_factory=lambda: _f("NEWSGRAPH_READ_TIMEOUT", 20.0))
    # ...and so does a whole response (a trickle of bytes) taking longer than this.
    total_timeout: float = field(default_factory=lambda: _f("NEWSGRAPH_FETCH_SECONDS", 60.0))
    # A body (after decompression) larger than this is abandoned.
    max_bytes: int = field(default_factory=lambda: _i("NEWSGRAPH_FETCH_MAX_BYTES", 10_000_000))
    max_redirects: int = field(default_factory=lambda: _i("NEWSGRAPH_MAX_REDIRECTS", 5))
    # Retries of one request after 429/5xx or a failed connection, with exponential backoff
    # from ``backoff`` seconds; a Retry-After longer than ``max_retry_after`` is not waited for.
    retries: int = field(default_factory=lambda: _i("NEWSGRAPH_FETCH_RETRIES", 3))
    backoff: float = field(default_factory=lambda: _f("NEWSGRAPH_FETCH_BACKOFF", 1.0))
    max_retry_after: float = field(default_factory=lambda: _f("NEWSGRAPH_MAX_RETRY_AFTER", 120.0))
    # Passes a page that failed transiently (timeout, 5xx) is tried again in before giving up.
    max_attempts: int = field(default_factory=lambda: _i("NEWSGRAPH_FETCH_ATTEMPTS", 3))
    # How long a host's robots.txt is trusted before it is fetched again.
    robots_ttl: float = field(default_factory=lambda: _f("NEWSGRAPH_ROBOTS_TTL", 3600.0))
    # Child sitemaps read from one sitemap index per pass.
    max_sitemaps: int = field(default_factory=lambda: _i("NEWSGRAPH_MAX_SITEMAPS", 50))
    # Articles per store transaction while watching: small, so new articles show up soon.
    write_batch: int = field(default_factory=lambda: _i("NEWSGRAPH_WATCH_BATCH", 8))
