"""Query parameters of the pages, validated once for the HTML page and its JSON twin.

Every string is length-bounded and every number range-bounded, so a bad request is
a 422, never a 500 or an unbounded query. An empty form field means "not given".
"""
from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from newsgraph.model import PLOVER_TYPES


def _blank(v: Any) -> Any:
    if isinstance(v, str):
        v = v.strip()
        return v or None
    return v


def _upper(v: Any) -> Any:
    v = _blank(v)
    return v.upper() if isinstance(v, str) else v


DATE_RE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
EVENT_RE = "^(" + "|".join(PLOVER_TYPES) + ")$"

# Constraints sit on the str inside the Optional: on the union they would be applied to None.
Date = Annotated[Annotated[str, StringConstraints(pattern=DATE_RE, max_length=10)] | None, BeforeValidator(_blank),
                 Field(default=None, description="YYYY, YYYY-MM or YYYY-MM-DD")]
EventType = Annotated[Annotated[str, StringConstraints(pattern=EVENT_RE, max_length=12)] | None,
                      BeforeValidator(_upper), Field(default=None, description="A PLOVER event type, e.g. ASSAULT")]
ActorRef = Annotated[Annotated[str, StringConstraints(max_length=300)] | None, BeforeValidator(_blank),
                     Field(default=None, description="An actor id, or a name to look up")]
Id = Annotated[str, Field(min_length=1, max_length=300)]


class _Params(BaseModel):
    model_config = ConfigDict(extra="ignore")


class SearchParams(_Params):
    q: Annotated[str, BeforeValidator(lambda v: v if v is not None else ""),
                 Field(default="", max_length=500, description="Words to find (all required; word* for prefix)")]
    actor: ActorRef
    outlet: Annotated[Annotated[str, StringConstraints(max_length=200)] | None, BeforeValidator(_blank),
                      Field(default=None)]
    date_from: Date
    date_to: Date
    event_type: EventType
    limit: int = Field(default=20, ge=1, le=100)
    offset: int = Field(default=0, ge=0, le=10_000)


class ActorParams(_Params):
    date_from: Date
    date_to: Date
    limit: int = Field(default=50, ge=1, le=500, description="Rows per list")


class NetworkParams(_Params):
    date_from: Date
    date_to: Date
    event_type: EventType
    min_weight: int = Field(default=1, ge=1, le=10_000, description="Drop lighter edges")
    limit: int = Field(default=60, ge=2, le=300, description="Most connected actors kept")
    everyone: bool = Field(default=False, description="Also article-scoped descriptions (\"36 people\"), "
                           "the outlets, and pairs linked only to each other")


class TimelineParams(_Params):
    date_from: Date
    date_to: Date
    actor: ActorRef
    event_type: EventType
