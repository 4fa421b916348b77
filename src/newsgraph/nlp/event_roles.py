"""Event parties: who acts and who is acted on, read from the parse.

The actor of a token (the actor index, pre-modifiers, ``a group of X``, agent nouns),
a verb's subjects and objects, the target levels of ``targets`` (objects, what they
name, complement clauses, places), a nominal event's parties (possessives, compounds,
prepositions). What is completed after the readings (the learned party model, implied
doers, people nouns as recipients) is in ``event_completion``.
"""
from __future__ import annotations

from spacy.tokens import Token

from newsgraph.model import Actor
from newsgraph.nlp.event_candidate import ExtractorState
from newsgraph.nlp.event_words import (
    ANAPHORS,
    BLAME_VERBS,
    DOC_NOUNS,
    EFFORT_NOUNS,
    GENERIC_PREPS,
    GROUP_WORDS,
    LOCATIVE_PREPS,
    SCENE_TYPES,
    STATIVE_PASSIVE,
    SUBJ,
    TARGET_PREPS,
)
from newsgraph.nlp.modality import reduced_passive
from newsgraph.nlp.plover import AGENT_NOUNS, PATIENT_OF, Code, agent_sector, noun_code, verb_code

# Acts whose object can be the doer's own people ("thanked his supporters", "accused his
# rivals"); for the others what the doer owns is its instrument ("withdrew its troops").
OWN_PEOPLE_TYPES = frozenset({"SUPPORT", "ACCUSE", "REQUEST", "ASSAULT", "COERCE", "THREATEN", "REJECT", "SANCTION"})


class EventRoles(ExtractorState):
    # -- actors ---------------------------------------------------------------------
    def actor(self, tok: Token) -> Actor | None:
        if tok.i in self._actor_cache:
            return self._actor_cache[tok.i]
        a = self._actor(tok)
        self._actor_cache[tok.i] = a
        return a

    def _actor(self, tok: Token) -> Actor | None:
        idx = self.index
        low = tok.lower_
        if tok.pos_ == "PRON" and low in ("who", "that", "which") and tok.head.dep_ == "relcl":
            return self.actor(tok.head.head)
        a = idx.at(tok.idx, tok.idx + len(tok.text))
        if a is not None:
            return a
        if tok.pos_ == "PRON":
            return None
        if tok.lemma_.lower() in GROUP_WORDS:
            # "a group of Moroccan diplomats": the members are the actor
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            a = self.actor(p)
                            if a is not None:
                                return a
        for c in tok.children:
            if c.dep_ == "appos":
                a = idx.at(c.idx, c.idx + len(c.text)) or idx.at(c.left_edge.idx, c.idx + len(c.text))
                if a is not None:
                    return a
        # pre-modifiers: "Iran's supreme leader", "the Sudanese government"
        left = tok.left_edge
        # a possessive pronoun names the owner, not the thing ("their government" is
        # not "them"): the lookup starts after it
        first = left if not (left.pos_ == "PRON" and left.dep_ == "poss") else self.doc[left.i + 1]
        if first.i < tok.i:
            a = idx.at(first.idx, tok.idx + len(tok.text))
            if a is not None:
                return a
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj" and p.pos_ in ("PROPN", "NOUN"):
                        a = idx.at(p.left_edge.idx, p.idx + len(p.text))
                        if a is not None and (a.kind in ("country", "organization") or p.pos_ == "PROPN"):
                            return a
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("NOUN", "PROPN") and (lemma in AGENT_NOUNS or low in AGENT_NOUNS
                                               or agent_sector(lemma)):
            start = left.idx
            while start < tok.idx and self.text[start] in "\"'“”‘’":
                start += 1
            text = self.text[start:tok.idx + len(tok.text)]
            if not self.article.is_story(start):
                return None
            return idx.add_unnamed(text, start, tok.idx + len(tok.text))
        return None

    def actors_of(self, tok: Token, deep: bool = True) -> tuple[list[Actor], list[Token]]:
        out: list[Actor] = []
        toks: list[Token] = []
        for t in [tok, *tok.conjuncts]:
            a = self.actor(t)
            if a is None and t.pos_ == "PRON" and t.lower_ in ANAPHORS:
                a = self.antecedent(t)
            if a is not None and a not in out:
                out.append(a)
                toks.append(t)
                if deep and t.pos_ == "NOUN":
                    # "the delegations of A, B and C met": every member the phrase lists acts
                    for p in self._of_members(t, a):
                        ap = self.actor(p)
                        if ap is not None and ap not in out:
                            out.append(ap)
                            toks.append(p)
            elif a is None and deep and t.pos_ == "NOUN":
                # "US Predator attacks killed": the doer is named by the modifiers
                for c in t.children:
                    if c.dep_ in ("poss", "compound") or (c.dep_ == "amod" and c.ent_type_ in ("NORP", "GPE")):
                        a2 = self.actor(c)
                        if a2 is not None and a2 not in out:
                            out.append(a2)
                            toks.append(c)
                if t.lemma_.lower() in GROUP_WORDS:
                    for c in t.children:
                        if c.dep_ == "prep" and c.lower_ == "of":
                            for p in c.children:
                                if p.dep_ == "pobj":
                                    a3, t3 = self.actors_of(p, deep=False)
                                    out += [x for x in a3 if x not in out]
                                    toks += t3
        if deep and len(out) == 1:
            for t in self._folded_names(tok, toks[0]):
                a = self.index.at(t.idx, t.idx + len(t.text))
                if a is not None and a not in out and a.kind != "unnamed":
                    out.append(a)
                    toks.append(t)
        return out, toks

    def _of_members(self, noun: Token, a: Actor) -> list[Token]:
        """The other conjuncts of the ``of`` phrase that gave ``noun`` its actor ``a``."""
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj" and self.actor(p) is a:
                        return list(p.conjuncts)
        return []

    def _folded_names(self, tok: Token, found: Token) -> list[Token]:
        """Names the parser folded into the phrase of ``tok`` across an ``and`` (``US
        President A and Turkish President B spoke``, parsed as one title phrase of B): the
        proper nouns of its subtree on the other side of an ``and`` from the one found.
        A name qualifying a title (``US President``), a possessive or a prepositional modifier (``A's minister``, ``the head of A and B``)
        is not a coordinated party and is left out."""
        sub = list(tok.subtree)
        ands = [t.i for t in sub if t.dep_ == "cc" and t.lower_ == "and"]
        if not ands:
            return []
        out = []
        for t in sub:
            if t.pos_ != "PROPN" or t.i == found.i or t.dep_ in ("poss", "pobj") or \
                    any(x.dep_ in ("poss", "prep", "pobj") for x in t.ancestors if x.i in range(sub[0].i, sub[-1].i + 1)
                        and x.i != tok.i):
                continue
            if t.dep_ == "compound" and self.index.at(t.head.idx, t.head.idx + len(t.head.text)) is not \
                    self.index.at(t.idx, t.idx + len(t.text)):
                continue  # "US President B": the country qualifies a title, it is not a party
            if any(min(t.i, found.i) < k < max(t.i, found.i) for k in ands):
                out.append(t)
        return out

    def antecedent(self, pron: Token) -> Actor | None:
        """The pronoun's actor from the article's one coreference step, with this stage's
        way of reading a noun phrase (``a group of Moroccan diplomats``)."""
        return self.index.coreference().antecedent(pron, lookup=self.actor)

    # -- parties of a verb ----------------------------------------------------------
    def subjects(self, v: Token, depth: int = 0) -> list[Token]:
        subs = [c for c in v.children if c.dep_ in SUBJ]
        if subs:
            s = subs[0]
            if s.lower_ in ("who", "that", "which") and v.dep_ == "relcl":
                return [v.head]
            return [s]
        agents = [p for c in v.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if agents:
            return agents
        # "X has, in a statement, called on ...": a phrase between the auxiliary and the verb
        # can leave the subject hanging on the auxiliary
        subs = [s for a in v.children if a.dep_ in ("aux", "auxpass") for s in a.children if s.dep_ in SUBJ]
        if subs:
            return subs[:1]
        if depth > 3 or v.head == v:
            return []
        h = v.head
        if v.dep_ in ("advcl", "relcl") and v.tag_ == "VBN" and reduced_passive(v):
            # "Asked whether he would resign, Smith said …", "X, arrested in May, …": the
            # noun a reduced passive leans on suffered the act, it did not do it
            return []
        if v.dep_ == "xcomp":
            objs = [c for c in h.children if c.dep_ in ("dobj",)]
            if objs and h.lemma_ not in ("promise", "threaten", "vow", "offer", "agree"):
                return []  # "urged X to leave": X does the leaving, not an actor event of X
            return self.subjects(h, depth + 1)
        if v.dep_ in ("conj", "advcl") and h.pos_ in ("VERB", "AUX"):
            if v.dep_ == "conj" and self.passive(h):
                return []  # "was arrested and banned": the shared subject suffered both
            return self.subjects(h, depth + 1)
        if v.dep_ in ("acomp", "xcomp") and v.pos_ == "ADJ":
            return self.subjects(h, depth + 1)
        if v.dep_ == "relcl":
            return [] if self.passive(v) else [h]
        if v.dep_ == "acl" and h.lemma_.lower() in DOC_NOUNS and h.head.pos_ == "VERB" and h.head != h:
            return self.subjects(h.head, depth + 1)  # "signed a decree banning X": the signer bans
        if v.dep_ == "acl" and v.tag_ == "VBG":
            return [h]
        if v.dep_ == "acl" and h.lemma_.lower() in EFFORT_NOUNS:
            # "US efforts to broker peace": the effort's owner acts
            return [c for c in h.children if c.dep_ in ("poss", "compound") and c.pos_ in ("PROPN", "NOUN", "PRON")][:1]
        return []

    def passive(self, v: Token) -> bool:
        if v.lemma_.lower() in STATIVE_PASSIVE and not any(c.dep_ == "agent" for c in v.children):
            return False  # "Israel is opposed to", "is committed to"
        return any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children) or (
            v.dep_ == "acl" and v.tag_ == "VBN")

    def targets(self, v: Token, ptype: str, src: list[Actor], depth: int = 0) -> tuple[list[Actor], list[Token]]:
        """Who the act is aimed at. Candidates by distance from the verb: its objects;
        what the objects name (``rejected the Senegalese plan``, ``offensive ... with
        Iraq``); the complement or purpose clause (``demanded that the US ...``,
        ``to demand the resignation of X``); for threats, who the condition is on
        (``unless Israel ...``); the place (``in the Gaza Strip``). The nearest level
        with a named actor wins; a generic one (``prisoners``) only if none is named."""
        levels: list[tuple[list[Actor], list[Token]]] = []
        self._target_levels(v, ptype, src, levels, depth)
        for acts, toks in levels:
            if any(a.kind != "unnamed" for a in acts):
                named = [a for a in acts if a.kind != "unnamed"]
                return named, toks
        for acts, toks in levels:
            if acts:
                return acts, toks
        return [], []

    def _collect(self, toks: list[Token], src: list[Actor], v: Token | None = None,
                 own: bool = False) -> tuple[list[Actor], list[Token]]:
        out: list[Actor] = []
        used: list[Token] = []
        for t in toks:
            # one's own forces are not the target: "withdraw its troops from Lebanon"; with
            # ``own``, one's own people can be ("thanked his supporters")
            mine = any(c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her", "our") for c in t.children)
            if mine and not own:
                continue
            # one's own people are named by the noun itself, not its modifiers ("its Thai stores")
            acts, ts = self.actors_of(t, deep=not mine)
            for a in acts:
                if a not in src and a not in out:
                    out.append(a)
            used += ts
        return out, used

    def _noun_preps(self, o: Token, depth: int = 0) -> list[Token]:
        found: list[Token] = []
        for c in o.children:
            if c.dep_ == "prep" and (c.lower_ in ("by", "of", "against", "on", "with", "to", "from", "for", "in", "into")
                                     or (c.lower_ == "as" and any(x.lower_ == "such" for x in c.children))):
                for p in c.children:
                    if p.dep_ == "pobj":
                        found.append(p)
                        if depth < 1 and p.pos_ == "NOUN":
                            found += self._noun_preps(p, depth + 1)
        return found

    def _target_levels(self, v: Token, ptype: str, src: list[Actor], levels: list, depth: int) -> None:
        objs = self.objects(v, ptype)
        levels.append(self._collect(objs, src, own=ptype in OWN_PEOPLE_TYPES))
        nouns = [o for o in objs if o.pos_ == "NOUN"]
        levels.append(self._collect([p for o in nouns for p in self._noun_preps(o) if not self.scene(p, ptype)], src))
        # any other prepositional object of the verb ("set fire to", "kidnapped up to 16 ...")
        generic = [p for c in v.children if c.dep_ == "prep" and c.lower_ in GENERIC_PREPS
                   for p in c.children if p.dep_ == "pobj" and not self.scene(p, ptype)]
        generic += [p for t in v.children if t.dep_ == "prt" for c in t.children
                    if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        levels.append(self._collect(generic, src))
        levels.append(self._collect([p for o in generic if o.pos_ == "NOUN" for p in self._noun_preps(o)
                                     if not self.scene(p, ptype)], src))
        if depth >= 2:
            return
        for c in v.children:
            if c.dep_ in ("xcomp", "advcl") and c.pos_ in ("VERB", "AUX"):
                marks = {m.lower_ for m in c.children if m.dep_ == "mark"}
                if marks & {"unless", "if"}:
                    if ptype == "THREATEN":
                        levels.append(self._collect([x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")], src))
                    continue
                if c.dep_ == "advcl" and not (marks & {"to"} or any(x.dep_ == "aux" and x.lower_ == "to" for x in c.children)):
                    continue
                xc = verb_code(c.lemma_.lower())
                self._target_levels(c, xc.type if xc else ptype, src, levels, depth + 1)
            if c.dep_ == "ccomp" and ptype in ("REQUEST", "ACCUSE", "THREATEN", "REJECT", "SUPPORT", "AGREE"):
                # "alleged X was poisoned": the accused is whoever did it, not X
                deps = ("nsubj",) if ptype == "ACCUSE" else ("nsubj", "nsubjpass")
                levels.append(self._collect([x for x in c.children if x.dep_ in deps], src))
                self._target_levels(c, ptype, src, levels, depth + 1)
        if v.dep_ in ("advcl", "xcomp", "conj") and v.head != v:
            # "wrote to the embassy asking ...": the one written to is asked
            levels.append(self._collect([p for c in v.head.children if c.dep_ == "prep" and c.lower_ == "to"
                                         for p in c.children if p.dep_ == "pobj"], src))
        places = [p for c in v.children if c.dep_ == "prep" and c.lower_ in ("in", "into", "to")
                  for p in c.children if p.dep_ == "pobj" and p.ent_type_ in ("GPE", "LOC") and not self.scene(p, ptype)]
        levels.append(self._collect(places, src))

    @staticmethod
    def scene(p: Token, ptype: str) -> bool:
        """Where an act of a ``scene_types`` type happened, not a party to it: the object
        of a preposition of place (``met in Ankara``, ``talks at the United Nations``,
        ``visited the wounded in hospital``; ``data/event_words.json``). An act noun
        there (``in talks with X``) is no place: what it names stays reachable."""
        return (ptype in SCENE_TYPES and p.dep_ == "pobj" and p.head.lower_ in LOCATIVE_PREPS
                and noun_code(p.lemma_.lower()) is None)

    def objects(self, v: Token, ptype: str) -> list[Token]:
        objs = [c for c in v.children if c.dep_ in ("dobj", "dative")]
        if self.passive(v):
            objs = [c for c in v.children if c.dep_ == "nsubjpass"] or objs
            if not objs and v.dep_ == "acl":
                objs = [v.head]
        preps = TARGET_PREPS.get(ptype, ())
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                objs += [p for p in c.children if p.dep_ == "pobj" and not self.scene(p, ptype)]
            if c.dep_ == "prt":  # "called on X"
                for p in c.children:
                    if p.dep_ == "pobj":
                        objs.append(p)
        return objs

    def parties(self, toks: list[Token]) -> tuple[list[Actor], list[Token]]:
        out: list[Actor] = []
        used: list[Token] = []
        for t in toks:
            acts, ts = self.actors_of(t)
            for a in acts:
                if a not in out:
                    out.append(a)
            used += ts
        return out, used

    def noun_parties(self, n: Token, code: Code) -> tuple[list[Actor], list[Actor], list[Token]]:
        src: list[Actor] = []
        tgt: list[Actor] = []
        toks: list[Token] = []
        lemma = n.lemma_.lower()
        preps = TARGET_PREPS.get(code.type, ())

        def add(lst: list[Actor], t: Token) -> None:
            acts, ts = self.actors_of(t)
            for a in acts:
                if a not in lst and a not in src and a not in tgt:
                    lst.append(a)
            toks.extend(ts)

        for c in n.children:
            if c.dep_ == "poss" and lemma in PATIENT_OF and (c.pos_ == "PRON" or c.ent_type_ == "PERSON"):
                add(tgt, c)  # "his arrest", "Maduro's capture": the one it is done to
            elif c.dep_ == "poss" or (c.dep_ == "compound" and (c.pos_ == "PROPN" or c.ent_type_)) or c.dep_ == "amod" and c.ent_type_ in ("NORP", "GPE"):
                add(src, c)
        if n.dep_ == "pobj" and n.head.lower_ == "under" and n.head.head.pos_ in ("VERB", "AUX"):
            # "X is under sanctions", "came under attack": the one it is done to is the subject
            for c in n.head.head.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    add(tgt, c)
        for c in n.children:
            if c.dep_ != "prep":
                continue
            pobjs = [p for p in c.children if p.dep_ == "pobj" and not self.scene(p, code.type)]
            p = c.lower_
            if p == "on" and n.dep_ == "dobj" and n.head.lemma_.lower() in BLAME_VERBS:
                continue  # "blamed the bombing on X": X is who is blamed, not the one bombed
            for po in pobjs:
                if p == "by" or p == "between":
                    add(src, po)
                elif p == "of":
                    if lemma in PATIENT_OF or src:
                        add(tgt, po)
                    else:
                        add(src, po)
                elif p in preps or p in ("on", "against", "with"):
                    add(tgt, po)
        return src, tgt, toks

    def recent_agent(self, n: Token) -> list[Actor]:
        """The doer of the latest violent act reported just before (``the killing of X``
        after ``the US strikes on Iran``): discourse, not syntax, so it is weak."""
        best = None
        for c in self.cands:
            if c.code.type in ("ASSAULT", "COERCE") and c.src and not c.inherited_src and c.status is None \
                    and c.trigger.i < n.i and n.i - c.trigger.i < 80 \
                    and (best is None or c.trigger.i > best.trigger.i):
                best = c
        return list(best.src) if best else []
