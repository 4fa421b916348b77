"""Actors: every mention in an article resolved to a canonical actor.

``ActorIndex`` (``nlp/actor_index.py``) is the contract the statement and event stages
use: they ask which actor a span refers to, may add actors they discover (an unnamed
source, say), and call the article's coreference step through ``index.coref``.

``resolve_actors`` runs four passes over one parsed article, each in its own module:

1. names (``actor_names``, people in ``actor_people``): entities, KB names, places, organisations, people joined
   by full name and surname;
2. titles (``actor_titles``): agent nouns around names give role, country, sector,
   ``title`` mentions and descriptors; role phrases with no name resolve to the office
   holder at the article's date or become role and group actors;
3. coreference (``coref``): pronouns and definite descriptions to the most recent
   compatible salient actor, with the evidence kept;
4. attributes (``actor_attributes``): role actors joined to their named holder; country,
   sector and role from the text first, then the KB at the article's date.

Word lists are data: ``nlp/data/actors.json`` and ``nlp/data/coref.json``.
"""
from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.model import Article
from newsgraph.nlp.actor_attributes import AttributePass
from newsgraph.nlp.actor_index import ActorIndex, slug
from newsgraph.nlp.actor_names import NamePass, multinational
from newsgraph.nlp.actor_titles import TitlePass

__all__ = ["ActorIndex", "multinational", "resolve_actors", "slug"]


class _Resolver(NamePass, TitlePass, AttributePass):
    """The passes over one article's shared state (``actor_state.ActorState``)."""


def resolve_actors(doc: Doc, article: Article) -> ActorIndex:
    """All actors of the article with their mentions, descriptors and attributes."""
    r = _Resolver(doc, article)
    r.names()
    r.role_phrases()
    r.coref.run(only_names=True)  # the history of names, for descriptions inside titles
    r.titles()
    r.coref.run()
    index = r.finish()
    index.seal()  # the later stages ask (index.ask_unnamed, ask_mention) from here on
    return index
