"""The data model every layer speaks: plain dataclasses with offsets into the text."""
from newsgraph.model.article import Article, Caption, Credit, Metadata, Source, Zone
from newsgraph.model.graph import (
    PLOVER_TYPES,
    Actor,
    Descriptor,
    Event,
    Mention,
    Quote,
    Tone,
)
from newsgraph.model.record import from_record, to_record

__all__ = [
    "PLOVER_TYPES",
    "Actor",
    "Article",
    "Caption",
    "Credit",
    "Descriptor",
    "Event",
    "Mention",
    "Metadata",
    "Quote",
    "Source",
    "Tone",
    "Zone",
    "from_record",
    "to_record",
]
