"""Event parties completed after the readings: the trained party model's actor and
recipient for a side the rules left empty (``nlp/event_parties.py``), the implied doer of a
justice act (the article's police or court), an object of a people noun as recipient,
a pronoun object resolved to the person a description names, and the doer of a passive
act inside another act (``killed in a US raid``). ``events.py`` calls these per candidate
before the finishing filters.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from newsgraph.model import Actor
from newsgraph.nlp import event_parties
from newsgraph.nlp.actor_words import COLLECTIVE_BODIES
from newsgraph.nlp.authored import author, authored_noun
from newsgraph.nlp.event_candidate import Cand
from newsgraph.nlp.event_parties import candidates as party_candidates
from newsgraph.nlp.event_parties import choose as choose_parties
from newsgraph.nlp.event_parties import score as party_scores
from newsgraph.nlp.event_roles import OWN_PEOPLE_TYPES, EventRoles
from newsgraph.nlp.event_words import ANAPHORS, CROWD, DOC_NOUNS
from newsgraph.nlp.lexicon import Lexicon
from newsgraph.nlp.plover import AGENT_NOUNS, PATIENT_OF, agent_sector, noun_code

# Justice acts whose unnamed doer is the article's police or court: lemma -> words its name holds.
IMPLIED_DOERS: dict[str, list[str]] = Lexicon("event_anaphors.json")["implied_doers"]["lemmas"]
# Common nouns that name people or groups: an act's object of this kind is its recipient
# when no rule found one (``object_party``): the agent nouns, the coreference step's
# description nouns, the crowd words, the collective bodies and ``party_nouns``.
_COREF = Lexicon("coref.json")
PARTY_NOUNS: frozenset[str] = (Lexicon("event_anaphors.json").words("party_nouns") | AGENT_NOUNS | CROWD
                               | frozenset(COLLECTIVE_BODIES)
                               | frozenset().union(*(_COREF.words(k) for k in ("person_descriptions", "org_descriptions",
                                                                               "salient_nouns", "female_nouns",
                                                                               "male_nouns"))))
# People (not organisations) that a pronoun may stand for (``described_antecedent``).
_FEMALE, _MALE = _COREF.words("female_nouns"), _COREF.words("male_nouns")
PERSON_NOUNS: frozenset[str] = (PARTY_NOUNS - _COREF.words("org_descriptions")) - frozenset(COLLECTIVE_BODIES)
FEMALE_PRON, MALE_PRON = _COREF.words("female_pronouns"), _COREF.words("male_pronouns")
PLURAL_PRON = _COREF.words("plural_pronouns")
# Nouns of an act whose owner did a passive act inside it (``killed in a US operation``),
# besides the coded act nouns and the documents (``embedded_doer``).
EMBEDDING_NOUNS: frozenset[str] = Lexicon("event_anaphors.json").words("act_nouns")
# Prepositions whose object an act with no recipient is aimed at, by type (``object_party``);
# "called for the resignation of X" asks X as "demanded the resignation of X" does.
FALLBACK_PREPS: dict[str, tuple[str, ...]] = {"ASSAULT": ("at",), "THREATEN": ("at",), "COERCE": ("at",),
                                              "REQUEST": ("from", "for")}
# Acts whose bare number object counts people ("killed four", "arrested three").
COUNTED_TYPES = frozenset({"ASSAULT", "COERCE"})
# what an act aimed at a thing takes it by ("backtracked on the amnesty", "disapproval of the offer")
AIMED_PREPS = frozenset({"of", "on", "to", "against", "about", "over", "with"})
# Dependencies that keep a word inside a noun phrase (possessor, compound, apposition,
# "of" phrase); a relative clause or participle leaves it.
_NP_INSIDE = frozenset({"compound", "poss", "appos", "amod", "flat", "nmod", "prep", "pobj", "case", "det"})


class PartyCompletion(EventRoles):
    """The completions above, as methods of the event extractor."""

    def speaker_phrase(self, q) -> frozenset[int]:
        """Token indices of the noun phrase that names a statement's speaker (as the
        statement records it, with what the parse hangs inside that phrase)."""
        if q is None or q.speaker_start is None or q.speaker_end is None:
            return frozenset()
        span = self.doc.char_span(q.speaker_start, q.speaker_end, alignment_mode="expand")
        if span is None or not len(span):
            return frozenset()
        top = span.root
        while top.dep_ in ("compound", "appos", "flat", "poss") and top.head is not top:
            top = top.head
        out = set(range(span.start, span.end))
        for t in top.subtree:
            u = t  # inside the name's own phrase, not a clause hung on it ("who met X")
            while u is not top and u.dep_ in _NP_INSIDE:
                u = u.head
            if u is top:
                out.add(t.i)
        return frozenset(out)

    def learned_parties(self, c: Cand) -> None:
        """The party model's actor and recipient for an asserted event (``nlp/event_parties.py``)."""
        q = next((x for x in self.quotes if x.id == c.said_in), None) if c.said_in else None
        speaker = q.speaker if q is not None and q.speaker in self.index.actors else None
        # an implied doer is named elsewhere in the article, not by this sentence: no candidate
        extra = [(a, None) for a in ([] if c.implied_src else c.src) + c.tgt]
        if speaker is not None:
            extra.append((self.index.actors[speaker], None))
        t = c.trigger
        pcs = party_candidates(self.sent(t), t, c.code.type, self.index.for_token, self.antecedent, extra,
                               rule_src=set() if c.implied_src else {a.id for a in c.src}, rule_tgt={a.id for a in c.tgt},
                               speaker_id=speaker, nominal=c.nominal, passive=not c.nominal and self.passive(t),
                               said_in=bool(c.said_in), describes_speaker=self.speaker_phrase(q))
        if event_parties.RECORDER is not None:
            event_parties.RECORDER.append((self.article.id, c.code.type, t.idx,
                                           [(pc.actor, pc.features) for pc in pcs]))
        probs = party_scores(pcs)
        if not probs:
            return
        # where a meeting or visit took place is its scene, not a party, as the rules have it
        # (``scene``: "leaders met in Cairo"); the model, asked to fill a side from 0.15 on,
        # took the place for the one met
        kept = [k for k, pc in enumerate(pcs) if pc.tok is None or not self.scene(pc.tok, c.code.type)]
        src, tgt = choose_parties([pcs[k] for k in kept], [probs[k] for k in kept])
        # The model fills a side the rules left empty and never overrides them: replacing
        # the rules' parties lost on every guard set (plover-dev full 0.611 -> 0.593,
        # wikinews-dev 0.526 -> 0.511) and changed nothing on annotated-dev.
        c.src = c.src or src
        c.tgt = c.tgt or [a for a in tgt if a not in c.src and a not in c.not_target]

    def implied_doer(self, c: Cand) -> None:
        """A justice act reported without its doer (``X was arrested``, ``his conviction``)
        is done by the police, court or prosecutors the article names (``implied_doers``,
        ``data/event_anaphors.json``): the mention nearest before the act, else the first
        after it. Not named at the act, so weak: marked like a doer read from the story."""
        if c.src or c.status is not None:
            return
        t = c.trigger
        if not (c.nominal or self.passive(t)):
            return
        words = IMPLIED_DOERS.get(t.lemma_.lower())
        if not words:
            return
        heads = {w.split()[-1] for w in words}
        found = [x for x in self.doc if x.pos_ in ("NOUN", "PROPN") and x.lower_ in heads
                 and self.article.is_story(x.idx) and x.i != t.i]
        found.sort(key=lambda x: (x.i > t.i, abs(x.i - t.i)))
        for x in found:
            a = self.actor(x)
            # the institution itself, not whoever the phrase belongs to ("the city's police")
            if a is not None and a not in c.tgt and any(re.search(rf"\b{re.escape(w)}\b", a.name.lower()) for w in words):
                c.src = [a]
                c.inherited_src = c.implied_src = True
                return

    def object_party(self, c: Cand) -> None:
        """An act the rules and the party model left without a recipient takes its object
        when that names people: a pronoun through the coreference step, or a common noun
        of ``PARTY_NOUNS`` (``shot the driver``, ``urged the crowd``, ``killed four``) as an
        unnamed actor of the article. Run before the filters, as the rules' parties are: after
        them (only filling kept events) it gained the same on annotated-dev (events full
        0.268 -> 0.290) and less on train (0.406 -> 0.412, before: 0.414) and plover-dev
        (0.636, before: 0.640)."""
        if c.tgt or c.status is not None:
            return
        t = c.trigger
        if c.nominal:
            objs = [p for ch in t.children if ch.dep_ == "prep" and ch.lower_ in ("of", "against", "on")
                    for p in ch.children if p.dep_ == "pobj"]
            if t.lemma_.lower() in PATIENT_OF:
                objs += [ch for ch in t.children if ch.dep_ == "poss"]
        else:
            objs = self.objects(t, c.code.type)
            # "fired at them", "requested help from X": who the act is aimed at or asks
            preps = FALLBACK_PREPS.get(c.code.type, ())
            heads = [t, *(o for o in t.children if o.dep_ == "dobj")]
            objs += [p for h in heads for x in h.children if x.dep_ == "prep" and x.lower_ in preps
                     for p in x.children if p.dep_ == "pobj"]
        # what a noun object names ("demanded a meeting with the minister")
        objs += [p for o in objs if o.pos_ == "NOUN" and o.lemma_.lower() not in PARTY_NOUNS for p in self._noun_preps(o)
                 if not self.scene(p, c.code.type)]
        for o in objs:
            for x in [o, *o.conjuncts]:
                a = self.object_actor(x, c.code.type, c.src)
                if a is not None and a not in c.src and a not in c.tgt and a not in c.not_target:
                    c.tgt.append(a)
                    c.toks.append(x)

    def authored_party(self, c: Cand) -> None:
        """An act still without a recipient that is aimed at a thing someone made or said
        (``welcomed the ruling``, ``denied the claim``, ``the proposal was rejected by X``)
        takes that thing's author (``nlp/authored.py``)."""
        if c.tgt or c.status is not None:
            return
        t = c.trigger
        objs = [ch for ch in t.children if ch.dep_ == "dobj" or (ch.dep_ == "nsubjpass" and not c.nominal)]
        objs += [p for ch in t.children if ch.dep_ == "prep" and ch.lower_ in AIMED_PREPS
                 for p in ch.children if p.dep_ == "pobj"]
        for o in objs:
            if not authored_noun(o):
                continue
            a = author(o, self._party_of, c.src)
            if a is not None and a not in c.not_target:
                c.tgt.append(a)
                c.toks.append(o)
                return

    def _party_of(self, tok: Token) -> Actor | None:
        return self.antecedent(tok) if tok.pos_ == "PRON" else self.actor(tok)

    def object_actor(self, x: Token, ptype: str, src: list[Actor]) -> Actor | None:
        """The actor an act's object token stands for, if it names people."""
        mine = any(d.dep_ == "poss" and d.lower_ in ("its", "their", "his", "her", "our") for d in x.children)
        if mine and ptype not in OWN_PEOPLE_TYPES:
            return None  # "withdrew its troops": the doer's own instrument
        if x.pos_ == "PRON":
            if x.lower_ not in ANAPHORS:
                return None
            a = self.antecedent(x)
            # an object pronoun is not the act's own doer ("police fired at them")
            return a if a is not None and a not in src else self.described_antecedent(x)
        if x.pos_ == "PROPN":
            return self.actor(x)  # a name the rules' prepositions do not reach ("called for the resignation of X")
        lemma = x.lemma_.lower()
        counted = x.pos_ == "NUM" and ptype in COUNTED_TYPES
        if not counted and not (x.pos_ == "NOUN" and (lemma in PARTY_NOUNS or x.lower_ in PARTY_NOUNS
                                                       or agent_sector(lemma))):
            return None
        a = self.actor(x)
        if a is not None:
            return a
        start, end = x.left_edge.idx, x.idx + len(x.text)
        if not self.article.is_story(start):
            return None
        return self.index.add_unnamed(self.text[start:end], start, end)

    def described_antecedent(self, pron: Token) -> Actor | None:
        """A pronoun whose antecedent no actor holds (``the driver ... detained him``): the
        nearest people noun of ``PARTY_NOUNS`` before it in its sentence or the one before,
        of the pronoun's number and gender, as an unnamed actor."""
        low = pron.lower_
        plural = low in PLURAL_PRON
        first = self.sent(pron).start
        if first > 0:
            first = self.sent(self.doc[first - 1]).start
        for k in range(pron.i - 1, first - 1, -1):
            x = self.doc[k]
            if x.pos_ != "NOUN" or x.dep_ in ("compound", "poss") or x.lemma_.lower() not in PERSON_NOUNS:
                continue
            if ("Plur" in x.morph.get("Number")) != plural:
                continue
            lemma = x.lemma_.lower()
            if (low in FEMALE_PRON and lemma in _MALE) or (low in MALE_PRON and lemma in _FEMALE):
                continue
            a = self.actor(x)
            if a is not None:
                return a
            start, end = x.left_edge.idx, x.idx + len(x.text)
            if self.article.is_story(start):
                return self.index.add_unnamed(self.text[start:end], start, end)
            return None
        return None

    def embedded_doer(self, c: Cand) -> None:
        """A passive without ``by`` whose doer is named inside the act or document it
        happened in (``was killed in a Kenyan air strike``, ``was condemned in a statement
        by X``): the owner of that noun (``by`` phrase, possessive, name or nationality)."""
        if c.src or c.nominal or c.status is not None or not self.passive(c.trigger):
            return
        for ch in c.trigger.children:
            if ch.dep_ != "prep" or ch.lower_ not in ("in", "during", "through", "with"):
                continue
            for n in ch.children:
                lemma = n.lemma_.lower()
                # an act or a document, not a place or a body ("banned in its public institutions")
                if n.dep_ != "pobj" or n.pos_ != "NOUN" or not (
                        noun_code(lemma) or lemma in DOC_NOUNS or lemma in EMBEDDING_NOUNS):
                    continue
                by = [p for x in n.children if x.dep_ == "prep" and x.lower_ == "by" for p in x.children if p.dep_ == "pobj"]
                owners = by or [x for x in n.children if x.dep_ in ("poss", "compound")
                                or (x.dep_ == "amod" and x.ent_type_ in ("NORP", "GPE"))]
                acts, toks = self.parties(owners)
                acts = [a for a in acts if a not in c.tgt]
                if acts:
                    c.src = acts
                    c.toks += toks
                    return
