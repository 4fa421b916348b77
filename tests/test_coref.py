"""The one coreference step (nlp/coref.py), with the real spaCy model: what the actor pass
links, with its evidence, and the antecedents the statement and event stages ask for."""
from __future__ import annotations

import pytest

from newsgraph.model import Article, Metadata
from newsgraph.nlp.actors import resolve_actors


def run(nlp, text: str):
    art = Article(id="t", text=text, metadata=Metadata(date="2025-06-10"))
    doc = nlp(text)
    return doc, resolve_actors(doc, art)


def token(doc, word: str, nth: int = 0):
    return [t for t in doc if t.text == word][nth]


def test_links_keep_their_evidence(nlp):
    doc, idx = run(nlp, "Maria Kovacs rejected the plan on Monday. She said the talks had failed.")
    (link,) = [x for x in idx.coref.links if doc.text[x.start:x.end] == "She"]
    kov = idx.actors[link.actor]
    assert "Kovacs" in kov.name and link.rule == "pronoun"
    assert link.antecedent is not None and doc.text[link.antecedent:].startswith(("Maria", "Kovacs"))


def test_a_clause_pronoun_stands_for_the_framing_subject(nlp):
    doc, idx = run(nlp, "Syria says it will attend the talks in Geneva.")
    got = idx.coreference().antecedent(token(doc, "it"))
    assert got is not None and got.id == "country:SYR"


def test_an_object_pronoun_is_not_its_own_clause_subject(nlp):
    doc, idx = run(nlp, "Peter Olsen met Anders Berg in Oslo. Later Berg praised him warmly.")
    got = idx.coreference().antecedent(token(doc, "him"))
    assert got is not None and "Olsen" in got.name


def test_an_index_built_by_hand_gets_the_same_rules(nlp):
    from newsgraph.model import Actor, Mention
    from newsgraph.nlp.actor_index import ActorIndex

    text = "Ellen Hargrove met the board. She said the routes would stay."
    doc = nlp(text)
    index = ActorIndex(Article(id="t", text=text), doc)
    index.add(Actor(id="p:e", name="Ellen Hargrove", kind="person", mentions=[Mention("Ellen Hargrove", 0, 14)]))
    assert index.coreference().antecedent(token(doc, "She")).id == "p:e"
    assert index.coreference().antecedent(token(doc, "the")) is None  # not a pronoun


def test_the_public_surface_of_newsgraph_nlp_is_explicit():
    import newsgraph.nlp as nlp_pkg

    assert "ActorIndex" in nlp_pkg.__all__ and "load_nlp" in nlp_pkg.__all__
    for name in nlp_pkg.__all__:
        assert getattr(nlp_pkg, name) is not None
    with pytest.raises(AttributeError):
        nlp_pkg.NoSuchThing  # noqa: B018


def test_an_epithet_links_to_the_person_and_is_a_descriptor(nlp):
    doc, idx = run(nlp, "Boris Johnson won the vote on Tuesday. The bow-tied maverick said Britain "
                        "would leave in October. The party met later.")
    (link,) = [x for x in idx.coref.links if doc.text[x.start:x.end] == "The bow-tied maverick"]
    assert link.actor == "person:boris-johnson" and link.rule == "description"
    assert [d.text for d in idx.descriptors if d.actor == link.actor] == ["The bow-tied maverick"]
    assert not [d for d in idx.descriptors if d.text == "The party"]  # an anaphor, not a label


def _descriptors(idx, aid_part: str) -> list[str]:
    return [d.text for d in idx.descriptors if aid_part in d.actor]


def test_a_labelling_description_links_to_the_salient_person_and_is_a_descriptor(nlp):
    doc, idx = run(nlp, "Actress Helga Marsden opened the festival in Leeds. The actress said she was delighted.")
    (link,) = [x for x in idx.coref.links if doc.text[x.start:x.end] == "The actress"]
    assert "marsden" in link.actor and link.rule == "description"
    assert "The actress" in _descriptors(idx, "marsden")


def test_a_description_named_right_after_links_to_that_name(nlp):
    doc, idx = run(nlp, "Mayor Tomas Ridley praised the police. The attacker, identified as Karl Brenner, "
                        "was arrested on Monday.")
    (link,) = [x for x in idx.coref.links if doc.text[x.start:x.end] == "The attacker"]
    assert "brenner" in link.actor and link.rule == "named-as"


def test_an_object_description_is_not_its_own_clause_subject(nlp):
    doc, idx = run(nlp, "Northwave Media is the largest broadcaster in the region. The National Media "
                        "Commission refused to renew the network's licence.")
    links = [x for x in idx.coref.links if doc.text[x.start:x.end].startswith("the network")]
    assert all("commission" not in x.actor for x in links)


def test_appositions_and_predicates_are_descriptors_as_written(nlp):
    _, idx = run(nlp, "Olga Petrenko, the head of the Regional Water Authority, resigned on Monday. "
                      "Piet Vermeulen was a mathematics professor at the University of Ghent.")
    assert "the head of the Regional Water Authority" in _descriptors(idx, "petrenko")
    assert "a mathematics professor at the University of Ghent" in _descriptors(idx, "vermeulen")
