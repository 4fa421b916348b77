"""The one coreference step: pronouns and descriptions linked to the actors they stand for.

Rule-based and measured on the dev gold (the scorer's mention and speaker figures).
``resolve_actors`` runs it once per article, after names and titles: every pronoun
(``he``, ``she``, ``they``) and every definite description (``the dictator``, ``the
spokesperson``, ``the outlet``) outside quotations becomes a mention of the most recent
compatible, salient actor within a few sentences, with the rule that linked it kept in
``links``. Titles and surnames are joined to the named person by the names pass.

The statement and event stages do not resolve pronouns themselves: they ask
``index.coref.antecedent(token)``, which returns what this step linked and, for the
pronouns it leaves alone (``it``, those inside quotations, ``him`` as an object),
applies the same candidates with the syntactic rules below.

To add a description noun, add it to ``nlp/data/coref.json``; a new kind of link is one
branch of ``run`` and one ``rule`` name.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from newsgraph.model import Actor
from newsgraph.nlp.actor_words import NEUTRAL_MODS, ORG_ROLES
from newsgraph.nlp.lexicon import Lexicon

if TYPE_CHECKING:
    from newsgraph.kb import KB
    from newsgraph.nlp.actor_index import ActorIndex
    from newsgraph.nlp.actor_state import ActorState

_LEX = Lexicon("coref.json")


MALE_PRON = _LEX.words("male_pronouns")
FEMALE_PRON = _LEX.words("female_pronouns")
PLURAL_PRON = _LEX.words("plural_pronouns")
NEUTER_PRON = _LEX.words("neuter_pronouns")
PERSONAL_PRON = MALE_PRON | FEMALE_PRON
ANAPHORS = PERSONAL_PRON | PLURAL_PRON | NEUTER_PRON
EVALUATIVE = _LEX.words("evaluative")
# Generic person nouns that may refer to the most salient person without a matching role.
SALIENT_NOUNS = EVALUATIVE | _LEX.words("salient_nouns")
DESC_PERSON = _LEX.words("person_descriptions")
DESC_ORG = _LEX.words("org_descriptions")
FEMALE_NOUNS = _LEX.words("female_nouns")
MALE_NOUNS = _LEX.words("male_nouns")
# "identified as X", "suspected to be X": the verbs and links that name a description.
NAMING_VERBS = _LEX.words("naming_verbs")
NAMING_LINKS = {"as", "be"}
NAMED_WITHIN = 5  # tokens between a description and the "as" that names it
# Apposition heads that are not about the person (``X, the day after``).
NOT_PEOPLE = _LEX.words("not_people")
# Agent nouns by their ending (propagandist, thinker, commentator), for appositions.
AGENTIVE = re.compile(r"(?:ist|er|or|ian|man|woman|person|crat)$")
SUBJ = {"nsubj", "nsubjpass", "csubj", "agent", "expl"}
WINDOW_SENTS = 3  # how far back (in sentences) an antecedent is looked for
WINDOW_CHARS = 600  # how far back a later stage's pronoun looks for a subject antecedent
WRITTEN_AFTER = 12  # how many tokens of "of ..." a description's descriptor keeps
# Clauses whose subject pronoun stands for the subject of the clause they hang from
# ("Syria says it will ...", "he said he would ...").
FRAMED = ("ccomp", "conj", "advcl", "xcomp", "parataxis")


@dataclass(frozen=True)
class Link:
    """One coreference decision: the span, the actor, the rule, and the antecedent token."""

    start: int
    end: int
    actor: str
    rule: str  # "pronoun", "plural-pronoun", "description"
    antecedent: int | None  # character offset of the mention it was linked to


class Coreference:
    """The coreference state of one article: the salience history and the links made."""

    def __init__(self, index: ActorIndex, state: ActorState | None = None) -> None:
        # ``state`` is the actor resolution under way; an index built by hand (tests,
        # tools) has none and gets the antecedent rules only.
        self.index = index
        self.doc = index.doc
        self._st = state
        self.history: list[tuple[int, str, int, bool]] = []  # (token, actor id, sentence, subject)
        self.links: list[Link] = []

    @property
    def st(self) -> ActorState:
        if self._st is None:
            raise RuntimeError("this coreference step has no actor resolution to run in")
        return self._st

    @property
    def kb(self) -> KB:
        return self.st.kb

    def push(self, tok_i: int, aid: str) -> None:
        t = self.st.doc[tok_i]
        subj = t.dep_ in SUBJ or (t.dep_ in ("compound", "poss", "appos") and t.head.dep_ in SUBJ)
        self.history.append((tok_i, aid, self.st.sent_of[tok_i], subj))

    # -- descriptions ---------------------------------------------------------------
    def is_description(self, t: Token) -> bool:
        """``the dictator``: a definite agent noun with no name or country of its own."""
        low = t.lower_
        # "the Taoiseach", "the President": a capitalised office is tagged a proper noun
        common = t.pos_ == "NOUN" and t.tag_ == "NN" or t.tag_ == "NNP" and t.is_title and low in DESC_PERSON
        if (low not in DESC_PERSON and low not in DESC_ORG) or not common or self.st.tok_named[t.i]:
            return False
        # "the US president": a role phrase, not a description of someone named before
        if any(c.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") for c in t.lefts):
            return False
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in t.lefts):
            return False
        if t.dep_ in ("compound",) or self.st.has_name_after(t):
            return False
        # "the company that ..." with no agent meaning: a new referent, not a description
        return not (any(c.dep_ in ("prep", "relcl", "acl") and c.lower_ != "'s" for c in t.children)
                    and not self.kb.agent(t.lower_))

    def resolve_description(self, t: Token) -> str | None:
        ag = self.kb.agent(t.lower_) or (None, t.lower_)
        sector, role = ag
        want = "org" if t.lower_ in DESC_ORG else "person"
        strict = want == "person" and t.lower_ not in SALIENT_NOUNS
        gender = "f" if t.lower_ in FEMALE_NOUNS else "m" if t.lower_ in MALE_NOUNS else None
        # "the commission refused to license the network": an object description, like an
        # object pronoun, is not its own clause's subject
        # ("the network's licence" too: a possessive description is not the subject either,
        # which a writer would call "its")
        own = None
        if self._st is not None:
            own = self.clause_subject(t.head if t.dep_ == "poss" else t)
        return self.resolve(t.i, want, gender, role=role, sector=sector, strict=strict, exclude=own)

    # -- the candidates ---------------------------------------------------------------
    def clause_subject(self, t: Token) -> str | None:
        """The actor of the subject of the verb an object pronoun depends on, if any."""
        if t.dep_ not in ("dobj", "dative", "pobj") or t.lower_ in ("his", "her", "their", "its"):
            return None
        verb = t.head.head if t.dep_ == "pobj" else t.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and verb.dep_ == "xcomp":
            # "X refused to provide the network ...": the subject of the verb it completes
            subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return None
        got = self.index.at(subj.idx, subj.idx + len(subj.text))
        return got.id if got is not None else None

    def resolve(self, i: int, want: str, gender: str | None, role: str | None = None,
                sector: str | None = None, strict: bool = False, exclude: str | None = None) -> str | None:
        """The actor a mention at token ``i`` refers to: among the actors mentioned in the
        last few sentences, of the wanted kind (``person``, ``org``, ``plural``) and
        gender, the one with the matching role, then the nearest sentence, then the
        grammatical subject, then the latest."""
        found = self._best(i, want, gender, role, sector, exclude)
        if found is None:
            return None
        best_key, best = found
        if strict and best_key[0] == 1:
            return None  # "the spokesperson" with no spokesperson named: not a guess
        if want == "org" and role and best_key[0] == 1 and sector is not None:
            # "the outlet" with no outlet around: do not guess.
            return None
        return best

    def _best(self, i: int, want: str, gender: str | None, role: str | None, sector: str | None,
              exclude: str | None = None) -> tuple[tuple[int, int, int, int, int], str] | None:
        st = self.st
        index = st.index
        si = st.sent_of[i]
        best = None
        best_key = None
        for tok_i, aid, s, subj in reversed(self.history):
            if tok_i >= i:
                continue
            dist = si - s
            if dist > WINDOW_SENTS:
                break
            a = index.actors.get(aid)
            if a is None or aid == exclude:
                continue
            if want == "person":
                if a.kind != "person":
                    continue
                g = index.gender.get(aid)
                if gender and g and g != gender:
                    continue
            elif want == "org":
                if a.kind not in ("organization", "group"):
                    continue
                # "Polish officials" are people of a role, not a body "the retailer" can be
                arole = st.attr.get(aid, {}).get("role")
                if a.kind == "group" and arole and arole not in ORG_ROLES and aid.startswith("group:"):
                    continue
            elif want == "plural":
                # "they": groups and plural sources nearby; organisations only in the same sentence
                if a.kind == "organization":
                    if dist > 0:
                        continue
                elif a.kind != "group" and not aid.startswith("unnamed:"):
                    continue
                if dist > 1:
                    continue
            at = st.attr.get(aid, {})
            arole = at.get("role")
            role_match = bool(role and arole and (arole == role or role in arole)) \
                or bool(role and want == "person" and self._titled(a, role))
            if role and want == "org" and not role_match:
                asec = at.get("sector")
                role_match = bool(sector and asec == sector)
            gmatch = bool(gender and index.gender.get(aid) == gender)
            key = (0 if role_match else 1, dist, 0 if subj else 1, 0 if gmatch else 1, -tok_i)
            if best_key is None or key < best_key:
                best_key, best = key, aid
        if best is None or best_key is None:
            return None
        return best_key, best

    @staticmethod
    def _titled(actor: Actor, role: str) -> bool:
        """The actor was named with this noun before (``Chancellor Anna Weber``), for the
        offices the knowledge base has no role for."""
        return any(m.kind == "title" and role in m.text.lower().split() for m in actor.mentions)

    def _antecedent_offset(self, i: int, aid: str) -> int | None:
        for tok_i, a, _s, _subj in reversed(self.history):
            if tok_i < i and a == aid:
                return self.st.doc[tok_i].idx
        return None

    def link(self, aid: str, start_tok: int, end_tok: int, kind: str, rule: str) -> None:
        """Record the mention on the actor and the evidence of the link."""
        st = self.st
        st.mention(aid, start_tok, end_tok, kind)
        doc = st.doc
        s, e = doc[start_tok].idx, doc[end_tok - 1].idx + len(doc[end_tok - 1].text)
        self.links.append(Link(s, e, aid, rule, self._antecedent_offset(start_tok, aid)))

    # -- the pass -----------------------------------------------------------------------
    def names_history(self) -> dict[int, str]:
        """Token -> actor id for the root of every mention the earlier passes made."""
        doc = self.st.doc
        named_at: dict[int, str] = {}
        for aid, a in self.st.index.actors.items():
            for m in a.mentions:
                sp = doc.char_span(m.start, m.end, alignment_mode="expand")
                if sp is not None:
                    named_at.setdefault(sp.root.i, aid)
        return named_at

    def run(self, only_names: bool = False) -> None:
        """Walk the article in order: names feed the history; pronouns and descriptions
        are linked to the best candidate in it. ``only_names`` builds the history alone
        (the titles pass needs it to resolve ``the dictator's spokesperson``)."""
        st = self.st
        doc = st.doc
        self.history = []
        named_at = self.names_history()
        if only_names:
            for i in sorted(named_at):
                self.push(i, named_at[i])
            return
        # Only pronouns, agent nouns and named positions need a look: find them on arrays.
        lows = doc.to_array("LOWER")
        wanted = _wanted_hashes(doc)
        todo = sorted(set(named_at) | {i for i, h in enumerate(lows.tolist()) if h in wanted})
        for i in todo:
            t = doc[i]
            aid = named_at.get(i)
            if aid is not None:
                self.push(t.i, aid)
                continue
            low = t.lower_
            if t.pos_ == "PRON" and (low in MALE_PRON or low in FEMALE_PRON or low in PLURAL_PRON):
                if st.in_quote(t.idx) or not st.story(t.idx, t.idx + len(t.text)):
                    continue
                # "Berg praised him": an object pronoun is not its own clause's subject
                own = self.clause_subject(t)
                if low in PLURAL_PRON:
                    r = self.resolve(t.i, "plural", None, exclude=own)
                    rule = "plural-pronoun"
                else:
                    r = self.resolve(t.i, "person", "m" if low in MALE_PRON else "f", exclude=own)
                    rule = "pronoun"
                if r:
                    self.link(r, t.i, t.i + 1, "pronoun", rule)
                    self.push(t.i, r)
                continue
            if t.pos_ == "NOUN" and st.tok_actor[t.i] is None:
                if st.in_quote(t.idx) or not st.story(t.idx, t.idx + len(t.text)):
                    continue
                # "The attacker, identified as X": the name the text gives it, not one before
                r = self.named_as(t)
                if r:
                    self.description(t, r, rule="named-as")
                elif self.is_description(t):
                    r = self.resolve_description(t)
                    if r:
                        self.description(t, r)

    def named_as(self, t: Token) -> str | None:
        """The person a description is named as right after it (``the attacker,
        identified as X``, ``named the man as X``, ``a prisoner, suspected to be X``)."""
        st = self.st
        doc = st.doc
        if t.lower_ not in DESC_PERSON or not any(c.dep_ == "det" for c in t.lefts):
            return None
        end = min(t.sent.end, t.i + 1 + NAMED_WITHIN)
        for j in range(t.i + 1, end):
            x = doc[j]
            if x.lower_ in NAMING_LINKS and j + 1 < len(doc):
                aid = st.tok_actor[j + 1]
                a = st.index.actors.get(aid) if aid else None
                if a is not None and a.kind == "person" and st.tok_named[j + 1]:
                    return aid
                return None
            if not (x.is_punct and x.text == "," or x.lemma_.lower() in NAMING_VERBS or x.pos_ in ("AUX", "PART")):
                return None
        return None

    def description(self, t: Token, aid: str, rule: str = "description") -> None:
        """Link ``the [modifiers] noun`` to ``aid``; keep it as a descriptor when it judges."""
        st = self.st
        doc = st.doc
        det = min((c.i for c in t.children if c.dep_ == "det"), default=t.i)
        start = min([det] + [c.i for c in t.children if c.dep_ in ("amod", "compound") and c.i < t.i])
        self.link(aid, start, t.i + 1, "description", rule)
        self.push(t.i, aid)
        # A description is a descriptor when it says more than the bare noun ("the
        # party", "the president" are only anaphors): a judging noun, or another word
        # of its own, counting its "of" phrase as written ("the mayor of London").
        end = t.i + 1
        for c in t.rights:
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if c.dep_ == "prep" and c.lower_ in ("of", "for", "at", "from") and c.i == end \
                    and pobj is not None and pobj.pos_ in ("NOUN", "PROPN"):
                end = min(c.right_edge.i + 1, t.sent.end, t.i + 1 + WRITTEN_AFTER)
        while end > t.i + 1 and doc[end - 1].is_punct:
            end -= 1
        words = {x.lower_ for x in doc[start:end] if not x.is_punct and x.pos_ != "ADP"} - NEUTRAL_MODS
        # A person noun that is not an office ("the attacker", "the actress") labels too.
        labels = t.lower_ in DESC_PERSON and t.lower_ not in self.kb.titles and self.kb.agent(t.lower_) is None
        if t.lower_ in EVALUATIVE or len(words) > 1 or labels:
            s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
            st.index.add_descriptor(aid, st.text[s:e], s, e)

    # -- for the later stages ------------------------------------------------------------
    def antecedent(self, pron: Token, lookup: Callable[[Token], Actor | None] | None = None) -> Actor | None:
        """The actor a pronoun stands for, for the statement and event stages.

        In order: the link this step made; the subject of the clause that frames the
        pronoun's clause (``Syria says it will``); the most recent compatible mention
        before it, a grammatical subject within ``WINDOW_CHARS`` first. An object pronoun
        (``shot him``) never refers to its own clause's subject. ``lookup`` maps a token to
        an actor the caller's way (the event stage knows ``a group of diplomats``)."""
        low = pron.lower_
        if low not in ANAPHORS:
            return None
        index = self.index
        find = lookup or (lambda t: index.at(t.left_edge.idx, t.idx + len(t.text)))
        linked = index.at(pron.idx, pron.idx + len(pron.text))
        if linked is not None and compatible(linked, low):
            return linked
        not_this = None
        if pron.dep_ in ("dobj", "dative", "pobj"):
            subj = next((c for c in pron.head.children if c.dep_ == "nsubj"), None)
            not_this = find(subj) if subj is not None else None
        elif pron.dep_ in ("nsubj", "nsubjpass"):
            framing = self._framing_subject(pron, low, find) or self._previous_subject(pron, low, find)
            if framing is not None:
                return framing
        return self._recent(pron.idx, low, not_this)

    def _previous_subject(self, pron: Token, low: str,
                          find: Callable[[Token], Actor | None]) -> Actor | None:
        """A sentence-initial subject pronoun continues the previous sentence's subject."""
        sent = pron.sent
        if sent.start == 0:
            return None
        prev = self.doc[sent.start - 1].sent
        for c in prev.root.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON":
                a = find(c)
                return a if a is not None and compatible(a, low) else None
        return None

    def _framing_subject(self, pron: Token, low: str,
                         find: Callable[[Token], Actor | None]) -> Actor | None:
        v = pron.head
        for _ in range(4):
            if v.dep_ not in FRAMED or v.head == v:
                return None
            v = v.head
            for c in v.children:
                if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON":
                    a = find(c)
                    if a is not None and compatible(a, low):
                        return a
        return None

    def _recent(self, pos: int, low: str, not_this: Actor | None) -> Actor | None:
        best_subj: tuple[int, Actor] | None = None
        best_any: tuple[int, Actor] | None = None
        for a in self.index.actors.values():
            if a is not_this or not compatible(a, low):
                continue
            for m in a.mentions:
                if m.start >= pos or m.kind == "pronoun" or m.text.lower() in ANAPHORS:
                    continue
                if best_any is None or m.start > best_any[0]:
                    best_any = (m.start, a)
                if m.start >= pos - WINDOW_CHARS and (best_subj is None or m.start > best_subj[0]) \
                        and self._is_subject_at(m.start):
                    best_subj = (m.start, a)
        if low in PLURAL_PRON and best_subj and best_any and best_any[1].kind != "person" \
                and best_subj[1].kind == "person":
            return best_any[1]  # "they" after a person subject: the group nearby
        if best_subj:
            return best_subj[1]
        return best_any[1] if best_any else None

    def _is_subject_at(self, start: int) -> bool:
        span = self.doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None or not len(span):
            return False
        tok = span[0]
        for _ in range(3):
            if tok.dep_ in ("nsubj", "nsubjpass", "csubj"):
                return True
            if tok.dep_ in ("compound", "flat", "appos", "poss") and tok.head.i != tok.i:
                tok = tok.head
                continue
            break
        return False


def compatible(actor: Actor, pron: str) -> bool:
    """Whether a pronoun can stand for this actor: he/she for people; it for
    organisations, countries and groups; they for any of these and people."""
    if pron in PERSONAL_PRON:
        return actor.kind == "person"
    if pron in PLURAL_PRON:
        return actor.kind in ("organization", "group", "unnamed", "person", "country")
    if pron in NEUTER_PRON:
        return actor.kind in ("organization", "country", "group", "unnamed")
    return False


_WANTED: dict[int, set[int]] = {}


def _wanted_hashes(doc: Doc) -> set[int]:
    """Hashes of the lower-case words coreference looks at: pronouns and one-word agent nouns."""
    key = id(doc.vocab)
    got = _WANTED.get(key)
    if got is None:
        strings = doc.vocab.strings
        words = MALE_PRON | FEMALE_PRON | PLURAL_PRON | {k for k in DESC_PERSON | DESC_ORG if " " not in k}
        got = _WANTED[key] = {strings.add(w) for w in words}
    return got
