"""The read side: every question asked of a store, answered once for the CLI (through
``service``), the JSON API and the HTML pages. ``pages`` holds one function per page,
``params`` their validated parameters; both read through ``newsgraph.store.queries``
and know nothing of HTTP or HTML."""
from newsgraph.reads.pages import NO_CACHE, NotFound
from newsgraph.reads.params import (
    ActorParams,
    NetworkParams,
    SearchParams,
    TimelineParams,
)

__all__ = ["NO_CACHE", "ActorParams", "NetworkParams", "NotFound", "SearchParams", "TimelineParams"]
