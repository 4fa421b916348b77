"""Live sources: RSS/Atom feeds, sitemaps and URL lists followed politely into the store
(``newsgraph watch``). Fetching is in ``fetch``, reading listings in ``listings``, the
durable queue and status in ``state``, one pass over the sources in ``watch``.

Nothing is imported here: the /live page reads ``state`` without loading the watcher
(which sits above the use cases, tests/test_layers.py)."""
