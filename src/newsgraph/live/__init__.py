"""Live sources: RSS/Atom feeds, sitemaps and URL lists followed politely into the store
(``newsgraph watch``). Fetching is in ``fetch``, reading listings in ``listings``, the
durable queue and status in ``state``, one pass over the sources in ``watch``."""
from newsgraph.live.config import LiveConfig
from newsgraph.live.watch import PassReport, run_pass, watch_status

__all__ = ["LiveConfig", "PassReport", "run_pass", "watch_status"]
