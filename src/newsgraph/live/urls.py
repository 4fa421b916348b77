"""Canonical URLs: one spelling per page, so that the same article reached through a
tracking link, a default port or a fragment is fetched and stored once."""
from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that say how a reader arrived, not which page it is.
TRACKING_PREFIXES = ("utm_", "mc_", "pk_")
TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "igshid", "yclid", "ocid", "cmpid",
                             "ns_mchannel", "ns_source", "ns_campaign", "ns_linkname", "at_medium",
                             "at_campaign", "smid", "cid_source"})


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters,
    the remaining parameters sorted; an empty path becomes '/'. Raises ValueError for
    anything that is not an absolute http(s) URL."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = parts.port
    netloc = host if port in (None, 80 if scheme == "http" else 443) else f"{host}:{port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not (k.lower() in TRACKING_PARAMS or k.lower().startswith(TRACKING_PREFIXES)))
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def host_of(url: str) -> str:
    """``scheme://host[:port]``: the unit politeness (rate, concurrency, robots.txt) applies to."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def url_article_id(url: str) -> str:
    """The id of the article at a canonical URL: a page edited later keeps its id, so the
    new version replaces the old one in the store instead of standing beside it."""
    return "u-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]
