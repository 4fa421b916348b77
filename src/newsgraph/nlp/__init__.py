"""newsgraph's NLP: one spaCy pipeline whose stages put actors, statements, events and
tone on the ``Doc`` (``docs/nlp.md``).

The public surface is ``__all__``; everything else in the package (the passes, word
lists, the rules of each stage) is internal and may change. Names are loaded on first
use, so importing a submodule (``newsgraph.nlp.lexicon``) does not load spaCy.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

# public name -> the module that defines it
_PUBLIC = {
    # the pipeline: build it, run it on an article
    "Extractor": "newsgraph.nlp.pipeline",
    "Stages": "newsgraph.nlp.pipeline",
    "analyse": "newsgraph.nlp.pipeline",
    "load_nlp": "newsgraph.nlp.pipeline",
    "load_spacy": "newsgraph.nlp.pipeline",
    # the stages as spaCy components, and the article back from a processed Doc
    "STAGES": "newsgraph.nlp.components",
    "add_stages": "newsgraph.nlp.components",
    "collect": "newsgraph.nlp.components",
    # the actor layer the later stages read and ask (doc._.ng_actors)
    "ActorIndex": "newsgraph.nlp.actor_index",
    "Request": "newsgraph.nlp.actor_index",
    "resolve_actors": "newsgraph.nlp.actors",
    # the one coreference step (index.coref) and its evidence
    "Coreference": "newsgraph.nlp.coref",
    "Link": "newsgraph.nlp.coref",
}

__all__ = [
    "STAGES", "ActorIndex", "Coreference", "Extractor", "Link", "Request", "Stages", "add_stages", "analyse",
    "collect", "load_nlp", "load_spacy", "resolve_actors",
]
assert sorted(__all__) == sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'newsgraph.nlp' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
