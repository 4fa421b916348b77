"""Pass 1 of actor resolution, its people: one label per name, and one actor per person.

spaCy may tag ``Alexei Navalny`` PERSON in one sentence and ORG in the next, a surname
alone as an organisation, or miss it at the start of a sentence. ``fix_labels`` settles
one label per name (by vote, by the KB, by a person's evidence next to the name);
``people`` joins full names and their short forms (``person_names``) into one actor;
``missed_surnames`` finds the surnames the tagger left out.
"""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from newsgraph.kb import norm
from newsgraph.nlp.actor_index import slug
from newsgraph.nlp.actor_state import ActorState
from newsgraph.nlp.actor_words import (
    FEMALE_TITLES,
    MALE_TITLES,
    NAME_PARTICLES,
    ORG_ROLES,
    ORGISH_LAST,
)
from newsgraph.nlp.coref import DESC_PERSON
from newsgraph.nlp.person_names import same_person, short_forms


class PeoplePass(ActorState):
    """Person names: labels settled, full names and short forms joined."""

    def looks_like_person(self, s: int, e: int) -> bool:
        """``Ricardo Rosselló Nevares`` tagged ORG: two to four capitalised words led by a
        known given name, none of them a place or an organisation's word, unknown to the KB."""
        doc, kb = self.doc, self.kb
        span = doc[s:e]
        return 2 <= len(span) <= 4 and all(t.is_title or t.lower_ in NAME_PARTICLES for t in span) \
            and kb.gender(span[0].text) is not None and span[-1].lower_ not in ORGISH_LAST \
            and not any(kb.place(t.text) for t in span) and kb.lookup(span.text) is None \
            and norm(span.text) not in kb.media

    def fix_labels(self, cands: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """One label per name in an article: spaCy may tag ``Alexei Navalny`` PERSON in one
        sentence and ORG in the next, or a surname alone ORG after the full name."""
        doc, kb = self.doc, self.kb
        cands = [(s, e, "PERSON" if label == "ORG" and self.looks_like_person(s, e) else label)
                 for s, e, label in cands]
        cands = self.people_by_evidence(cands)
        votes: dict[str, Counter[str]] = {}
        for s, e, label in cands:
            votes.setdefault(norm(doc[s:e].text), Counter())[label] += 1

        def winner(key: str) -> str:
            (top, n), *rest = votes[key].most_common()
            if rest and rest[0][1] == n and "PERSON" in (top, rest[0][0]):
                # a tie: the small model takes people for organisations more often than
                # the reverse, so a person unless the KB or the last word says otherwise
                ent = kb.lookup(key)
                # a key may normalise to nothing (an entity of symbols in hostile text)
                last = key.split()[-1] if key.split() else ""
                orgish = (ent is not None and ent.kind != "person") or last in ORGISH_LAST
                return next(x for x, _ in votes[key].most_common() if x != "PERSON") if orgish else "PERSON"
            return top

        cands = [(s, e, winner(key) if "PERSON" in votes[key] else label)
                 for s, e, label in cands for key in (norm(doc[s:e].text),)]
        full = {norm(doc[self.strip_title_tokens(s, e):e].text) for s, e, label in cands if label == "PERSON"}
        full = {k for k in full if len(k.split()) > 1}
        # "Trump" tagged ORG after "Donald Trump", "De La Fuente" after "Rocky De La Fuente",
        # "Jamal" taken for a place after "Jamal Khashoggi"
        shorts = set().union(*(short_forms(k) | {k.split()[0]} for k in full)) if full else set()
        self.person_shorts = shorts
        # a town, region or capital of that name gives way ("Doris" after "Doris Day",
        # "Washington" after "George Washington"); a country's name does not
        return [(s, e, "PERSON" if label != "PERSON" and norm(doc[s:e].text) in shorts
                 and (kb.place(doc[s:e].text) or ("", "city"))[1] in ("city", "region", "capital")
                 else label) for s, e, label in cands]

    def name_shaped(self, s: int, e: int) -> bool:
        """Two to four capitalised words that could be a person's name: no place, no
        organisation's last word, unknown to the KB as anything but a person."""
        kb = self.kb
        span = self.doc[s:e]
        if not 2 <= len(span) <= 4 or not all(t.is_title or t.lower_ in NAME_PARTICLES for t in span):
            return False
        ent = kb.lookup(span.text)
        places = any(kb.place(span[i:j].text) for i in range(len(span)) for j in range(i + 1, len(span) + 1))
        return span[-1].lower_ not in ORGISH_LAST and not places \
            and (ent is None or ent.kind == "person") and norm(span.text) not in kb.media

    def person_role_near(self, s: int, e: int) -> bool:
        """A person's title or description right before the name (``candidate Brock
        Pierce``) or in apposition after it (``X, a British resident``, ``X, the
        Secretary of Justice``)."""
        doc, kb = self.doc, self.kb

        def person_role(t: Token) -> bool:
            if t.lower_ in DESC_PERSON:  # coref.json's nouns for a person (secretary, nominee)
                return True
            ag = kb.agent(t.lower_) or kb.agent(t.lemma_.lower())
            return bool(ag) and ag[1] not in ORG_ROLES
        if s > 0 and doc[s - 1].pos_ == "NOUN" and person_role(doc[s - 1]):
            return True
        root = doc[s:e].root
        return any(c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN") and person_role(c) for c in root.children)

    def people_by_evidence(self, cands: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """A name spaCy tagged ORG that is shaped like a person's and has a person's
        evidence: its surname tagged PERSON elsewhere in the article (``Pierce said``
        after ``Brock Pierce``), or a person's title or apposition next to it."""
        doc = self.doc
        labels: dict[str, set[str]] = {}
        for s, e, label in cands:
            labels.setdefault(norm(doc[s:e].text), set()).add(label)
        # a surname counts only when spaCy never tags it otherwise ("Senate" tagged
        # PERSON once and ORG elsewhere is no one's surname)
        person_keys = {k for k, got in labels.items() if got == {"PERSON"}}
        out = []
        for s, e, label in cands:
            if label == "ORG" and self.name_shaped(s, e):
                forms = short_forms(norm(doc[s:e].text))
                if forms & person_keys or self.person_role_near(s, e):
                    label = "PERSON"
            out.append((s, e, label))
        return out

    def people(self, persons: list[tuple[int, int, int, str]]) -> None:
        """Join person mentions: full names first, then short forms to the full name
        with that surname (the most recent one before, else the first after)."""
        doc = self.doc
        kb = self.kb
        full: list[tuple[int, int, int, str]] = []
        short: list[tuple[int, int, int, str]] = []
        for s, ns, e, bare in persons:
            (full if e - ns > 1 and len(bare.split()) > 1 else short).append((s, ns, e, bare))
        # "De La Fuente", "Rivera Schatz": several words, but the short form of a full name
        forms = set().union(*(short_forms(norm(b)) for _s, _ns, _e, b in full)) if full else set()
        short += [p for p in full if norm(p[3]) in forms]
        full = [p for p in full if norm(p[3]) not in forms]
        short.sort()
        titled: dict[str, set[str]] = {}  # title word -> the people named after it ("Queen Elizabeth II")
        for s, ns, e, bare in full:
            key = norm(bare)
            aid = self.full_people.get(key)
            if aid is None:
                # the same person under a longer/shorter full name (first + last match)
                aid = next((a2 for k2, a2 in self.full_people.items() if same_person(k2, key)), None)
            if aid is None:
                ent = kb.lookup(bare)
                if ent is not None and ent.kind == "person":
                    aid = self.person_from_entity(ent)
                else:
                    aid = f"person:{slug(bare)}"
                    self.new_actor(aid, bare, "person")
                self.full_people[key] = aid
                g = kb.gender(key.split()[0])
                if g and aid not in self.index.gender:
                    self.index.gender[aid] = g
            for form in short_forms(key) | {norm(doc[e - 1].text)}:
                self.people_by_surname.setdefault(form, []).append((s, aid))
            for i in range(max(0, s - 1), ns):
                if doc[i].lower_.strip(".") in kb.titles:
                    titled.setdefault(doc[i].lower_.strip("."), set()).add(aid)
            self.title_gender(aid, s, ns)
            self.mention(aid, s, e, "name")
            self.roles_in_name(aid, s, ns)
        for s, ns, e, bare in short:
            key = norm(bare)
            cands = self.people_by_surname.get(key, [])
            aid = None
            before = [a for t, a in cands if t < s]
            if before:
                aid = before[-1]
            elif cands:
                aid = cands[0][1]
            if aid is None:
                # a first name used alone after a full name ("Kamala ... Kamala")
                for k2, a2 in self.full_people.items():
                    if k2.split()[0] == key:
                        aid = a2
                        break
            if aid is None and len(titled.get(key, ())) == 1:
                # a title alone tagged as a name ("the Queen" after "Queen Elizabeth II"):
                # the one person the article names with that title
                aid = next(iter(titled[key]))
            if aid is None:
                title = None
                for i in range(max(0, s - 2), ns):
                    if i < s and not (doc[i].dep_ == "compound" and s <= doc[i].head.i < e):
                        continue
                    ag = kb.agent(doc[i].lower_)
                    if ag:
                        title = ag[1]
                ent = kb.surname(bare, title, self.date) or kb.lookup(bare)
                if ent is None:
                    self.surname_country[key] = kb.surname_country(bare, title)
                if ent is not None and ent.kind == "person":
                    aid = self.person_from_entity(ent)
                    self.people_by_surname.setdefault(key, []).append((s, aid))
                else:
                    aid = f"person:{slug(bare)}"
                    self.new_actor(aid, bare, "person")
                    self.set_attr(aid, "country", self.surname_country.get(key))
                    self.people_by_surname.setdefault(key, []).append((s, aid))
            self.title_gender(aid, s, ns)
            self.mention(aid, s, e, "short" if ns == s else "title")
            self.roles_in_name(aid, s, ns)
        self.missed_surnames()

    def missed_surnames(self) -> None:
        """``Pelosi said`` where spaCy tagged no entity: a capitalised word (or two, ``La
        Riva``) that shortens the name of a person the article names in full is that
        person, the most recent one before it, else the first after. A common word that is
        also a surname (``Rice``, ``Young``) is taken only as a proper noun or a subject."""
        doc = self.doc
        full_forms = {f for f, owners in self.people_by_surname.items()
                      if any(self.index.actors[a].kind == "person" for _t, a in owners)}
        if not full_forms:
            return
        i = 0
        while i < len(doc):
            t = doc[i]
            # the tagger takes a sentence-initial surname for a verb or a noun ("Trump
            # described", "Fallows remarked"): as a subject it counts too
            if self.tok_actor[i] is not None or not t.is_title or i in self.work_tokens \
                    or not (t.pos_ == "PROPN" or t.dep_ in ("nsubj", "nsubjpass")) \
                    or not self.story(t.idx, t.idx + len(t.text)):
                i += 1
                continue
            for n in (2, 1):
                span = doc[i:i + n]
                key = norm(span.text)
                # every word a name's ("Gore ," is not the two-word surname "gore")
                if len(span) == n and key in full_forms and all(x.is_title for x in span) \
                        and all(self.tok_actor[j] is None for j in range(i, i + n)):
                    owners = self.people_by_surname[key]
                    before = [a for tok, a in owners if tok < i]
                    self.mention(before[-1] if before else owners[0][1], i, i + n, "short")
                    i += n - 1
                    break
            i += 1

    def title_gender(self, aid: str, s: int, ns: int) -> None:
        for i in range(max(0, s - 1), ns):
            w = self.doc[i].lower_.strip(".")
            if w in FEMALE_TITLES:
                self.index.gender[aid] = "f"
            elif w in MALE_TITLES and aid not in self.index.gender:
                self.index.gender[aid] = "m"

    def roles_in_name(self, aid: str, s: int, ns: int) -> None:
        """A title inside the entity span (``President Putin``) gives the role."""
        for i in range(ns - 1, s - 1, -1):
            ag = self.kb.agent(self.doc[i].lower_)
            if ag:
                self.set_attr(aid, "role", ag[1])
                self.set_attr(aid, "sector", ag[0])
                return
