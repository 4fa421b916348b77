"""Pass 1 of actor resolution: names.

spaCy entities (repaired: titles and possessives stripped, labels fixed by the
knowledge base), plus capitalised words the KB knows that spaCy missed; people joined
by full name and surname; countries, capitals and demonyms to the country;
institutions (``the Kremlin``) and IGOs to their KB entry; groups named by a demonym
and an agent noun (``Iranian officials``, ``Houthi rebels``).
"""
from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Token

from newsgraph.kb import Entity, norm
from newsgraph.nlp.actor_index import slug
from newsgraph.nlp.actor_state import ActorState
from newsgraph.nlp.actor_words import (
    CREDIT_LABELS,
    DOMAIN,
    ENT_KIND,
    FEMALE_TITLES,
    GENERIC_TLDS,
    IGO_WORDS,
    MALE_TITLES,
    MULTI,
    NAME_PARTICLES,
    NOT_ACTOR,
    OFFICES,
    ORG_ROLES,
    ORGISH_LAST,
    PLATFORMS,
    PLURAL_FORMS,
    TLD,
    UN,
)
from newsgraph.nlp.coref import DESC_PERSON
from newsgraph.nlp.person_names import same_person, short_forms

_THE = re.compile(r"^the\s+", re.IGNORECASE)


def multinational(key: str) -> str | None:
    """IGO for an unknown multinational body (``European Community``, ``International
    Labor Office``), NGO for other international bodies (``Third World Water Forum``)."""
    if UN.search(key):
        return "IGO"
    if not MULTI.search(key):
        return None
    return "IGO" if IGO_WORDS.search(key) else "NGO"


class NamePass(ActorState):
    """Names to actors: entities, KB names, places, organisations, people."""

    def candidates(self) -> list[tuple[int, int, str]]:
        """Entity spans (token start, end, label), repaired, plus KB names spaCy missed."""
        doc = self.doc
        out = []
        covered = [False] * len(doc)
        for ent in doc.ents:
            if ent.label_ not in ENT_KIND:
                continue
            s, e = self.trim(ent.start, ent.end)
            for j in range(s + 1, e):
                if doc[j].text == "(":  # "World Health Organization (WHO"
                    e = j
                    break
            # "Susan Rice Image: White House.": the credit label is not part of the name
            if e - s > 1 and doc[e - 1].lower_ in CREDIT_LABELS and e < len(doc) and doc[e].text == ":":
                e -= 1
            if s >= e:
                continue
            # "Donald Trump’s" is one token in some tokenisations: handled by trim on POS.
            out.append((s, e, ent.label_))
            for i in range(ent.start, ent.end):
                covered[i] = True
        # Capitalised words the KB knows (Kremlin, NATO, Hamas, Houthi) that spaCy missed.
        n = len(doc)
        caps = doc.to_array("IS_TITLE") | doc.to_array("IS_UPPER")
        starts = [j for j, c in enumerate(caps.tolist()) if c and not covered[j]]
        k = 0
        i = starts[0] if starts else n
        while i < n:
            t = doc[i]
            if covered[i] or not (t.is_title or t.is_upper) or t.is_punct or len(t.text) < 2 \
                    or (t.is_sent_start and t.lower_ in ("the", "a", "he", "she", "it", "they", "we", "i")):
                k += 1
                i = starts[k] if k < len(starts) else n
                continue
            hit = None
            for L in (3, 2, 1):
                if i + L > n or any(covered[j] for j in range(i, i + L)):
                    continue
                sp = doc[i:i + L]
                if L > 1 and not all(x.is_title or x.is_upper or x.lower_ in ("of", "the") for x in sp):
                    continue
                key = norm(sp.text)
                if key in self.kb.names:
                    ent = self.kb.entity(self.kb.names[key])
                    if ent.kind != "person" or L > 1:
                        hit = (i, i + L, "ORG" if ent.kind != "person" else "PERSON")
                        break
                if L == 1 and key in self.kb.places and (len(key) > 3 or t.is_upper) \
                        and t.pos_ in ("PROPN", "ADJ", "NOUN"):
                    typ = self.kb.places[key][1]
                    # sentence-initial words only when they name a country or its people
                    if typ != "city" or (not t.is_sent_start and t.pos_ == "PROPN"):
                        hit = (i, i + 1, "GPE" if typ in ("country", "capital", "city") else "NORP")
                        break
                if key in self.kb.media:
                    hit = (i, i + L, "ORG")
                    break
            if hit:
                out.append(hit)
                for j in range(hit[0], hit[1]):
                    covered[j] = True
                while k < len(starts) and starts[k] < hit[1]:
                    k += 1
            else:
                k += 1
            i = starts[k] if k < len(starts) else n
        out.sort()
        return out


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
        return [(s, e, "PERSON" if label != "PERSON" and norm(doc[s:e].text) in shorts
                 and not kb.place(doc[s:e].text) else label) for s, e, label in cands]

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

    def names(self) -> None:
        doc = self.doc
        kb = self.kb
        cands = self.fix_labels(self.candidates())
        persons = []
        for s, e, label in cands:
            sc, ec = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
            if not self.story(sc, ec):
                continue
            text = self.text[sc:ec]
            key = norm(text)
            if key in self.not_actor_names:
                continue
            place = kb.place(text)
            ent = kb.lookup(text)
            if NOT_ACTOR.search(text):
                continue
            if label == "PERSON":
                ns = self.strip_title_tokens(s, e)
                bare = doc[ns:e].text
                if key in PLATFORMS or (key in kb.media and ent is None) or doc[e - 1].lower_ in ORGISH_LAST:
                    label = "ORG"
                elif ent is None and place and ns == s and place[1] in ("country", "capital", "demonym"):
                    label = "GPE"  # a country spaCy took for a person
                elif ent is not None and ent.kind != "person" and ns == s:
                    label = "ORG"
                else:
                    persons.append((s, ns, e, bare))
                    continue
            if label in ("GPE", "LOC", "NORP"):
                if ent is not None and ent.kind != "person" and not place:
                    self.org(s, e, text, ent)
                    continue
                self.place(s, e, text, label, place)
                continue
            # ORG / FAC
            if place and place[1] in ("country", "demonym", "capital") and ent is None:
                self.place(s, e, text, "GPE", place)
                continue
            if ent is not None and ent.kind == "person" and key not in PLATFORMS:
                persons.append((s, s, e, text))
                continue
            if label == "FAC" and ent is None:
                continue
            h = doc[e - 1].head
            # "Houthi rebels", "European Community foreign ministers": a group named by what it is
            if ent is None and h.i >= e and doc[e - 1].dep_ in ("compound", "amod", "nmod") \
                    and h.pos_ == "NOUN" and self.agent_phrase(h) and key not in kb.media \
                    and self.group_from_norp(s, e, text, multinational(key)):
                continue
            self.org(s, e, text, ent)
        self.people(persons)

    def place(self, s: int, e: int, text: str, label: str, place: tuple[str, str] | None) -> None:
        doc = self.doc
        if place is None:
            if label == "NORP":
                last = doc[e - 1]
                p2 = self.kb.place(last.text) if e - s > 1 else None
                if p2 and p2[1] != "city":  # "Radical French farmers"
                    self.place(e - 1, e, last.text, label, p2)
                    return
                self.group_from_norp(s, e, text, None)
                return
            aid = f"place:{slug(text)}"
            self.new_actor(aid, _THE.sub("", text), "country")
            for tk in doc[s:e]:
                c = self.kb.place(tk.text) if tk.is_title else None
                if c:
                    self.set_attr(aid, "country", c[0])
                    break
            self.mention(aid, s, e, "name")
            return
        iso, typ = place
        if typ == "city":
            aid = f"place:{slug(text)}"
            self.new_actor(aid, _THE.sub("", text), "country")
            self.set_attr(aid, "country", iso)
            self.mention(aid, s, e, "name")
            return
        head = doc[e - 1]
        # "Iranian officials", "Houthi rebels": demonym-led groups; "Palestinians": the people.
        if (label == "NORP" or typ in ("demonym", "people")) and self.group_from_norp(s, e, text, iso):
            return
        aid = f"country:{iso}"
        self.new_actor(aid, self.kb.country_name(iso), "country")
        self.set_attr(aid, "country", iso)
        kind = "demonym" if typ in ("demonym", "people") and head.pos_ != "PROPN" else "name"
        if typ == "people" and head.tag_ in ("NNS", "NNPS") or head.lower_.endswith("ans") and head.tag_ == "NNPS":
            kind = "demonym"
        self.mention(aid, s, e, kind)


    def group_from_norp(self, s: int, e: int, text: str, iso: str | None) -> bool:
        """A demonym or group name leading an agent noun (``Iranian officials``,
        ``Houthi rebels``) or standing for its people (``Palestinians``)."""
        doc = self.doc
        head = doc[e - 1]
        # the noun the NORP modifies
        h = head.head if head.dep_ in ("amod", "compound", "nmod", "npadvmod") and head.head.i > head.i else None
        if h is not None and h.pos_ in ("NOUN", "PROPN") and h.ent_type_ not in ("PERSON", "ORG", "GPE"):
            phrase = self.agent_phrase(h)
            if phrase:
                _role_text, sector, role, _ps = phrase
                plural = h.tag_ in ("NNS", "NNPS") or h.lower_ in PLURAL_FORMS
                if role in OFFICES and not plural and iso:
                    holder = self.kb.office_holder(iso, role, self.date)
                    if holder is not None and not self.has_name_after(h):
                        aid = self.person_from_entity(holder)
                        self.mention(aid, s, h.i + 1, "title")
                        return True
                if self.has_name_after(h):
                    return False  # "Russian President Boris Yeltsin": handled with the person
                if iso and iso not in ("IGO", "NGO", "IMG", "MNC"):
                    aid = f"group:{iso.lower()}-{slug(role)}" if plural or role in ORG_ROLES \
                        else f"role:{iso.lower()}-{slug(role)}"
                else:
                    bare = _THE.sub("", text)
                    aid = f"group:{slug(bare)}-{slug(role)}"
                kind = "group" if aid.startswith("group:") else "person"
                name = doc[s:h.i + 1].text
                self.new_actor(aid, name, kind)
                self.set_attr(aid, "country", iso)
                self.set_attr(aid, "sector", sector)
                self.set_attr(aid, "role", role)
                self.mention(aid, s, h.i + 1, "demonym" if iso and aid.startswith(("group:" + iso.lower(), "role:"))
                             else "name")
                return True
        if iso is None:
            # A group known by name only (Houthis, Kurds, Taliban).
            aid = f"group:{slug(text)}"
            ent = self.kb.lookup(text)
            if ent is not None and ent.kind != "person":
                aid = ent.id
                self.entity[aid] = ent
            self.new_actor(aid, _THE.sub("", text), "group")
            self.mention(aid, s, e, "name")
            return True
        if head.tag_ in ("NNPS", "NNS") and head.pos_ in ("PROPN", "NOUN") and (h is None or h.pos_ not in ("NOUN",)):
            aid = f"group:{iso.lower()}-people"
            self.new_actor(aid, text, "group")
            self.set_attr(aid, "country", iso)
            self.set_attr(aid, "sector", "CVL")
            self.mention(aid, s, e, "demonym")
            return True
        return False


    def org(self, s: int, e: int, text: str, ent: Entity | None) -> None:
        name = _THE.sub("", text).strip()
        key = norm(name)
        if ent is not None:
            aid = ent.id
            self.entity[aid] = ent
            self.new_actor(aid, name if len(name) > 4 or name.isupper() else ent.name,
                           "group" if ent.kind == "group" else "organization")
            self.mention(aid, s, e, "name")
            return
        if name.isupper() and name in self.acronyms:
            self.mention(self.acronyms[name], s, e, "short")
            return
        aid = f"org:{slug(name)}"
        self.new_actor(aid, name, "organization")
        # "Asia-Pacific Economic Cooperation (APEC)": the acronym is the same actor
        doc = self.doc
        if e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text == ")" and doc[e + 1].is_upper:
            self.acronyms[doc[e + 1].text] = aid
        media = self.kb.media.get(key)
        m = DOMAIN.match(name)
        if media:
            self.set_attr(aid, "sector", "JRN")
            self.set_attr(aid, "country", media[0])
        elif m and (m.group(1).lower() in TLD or m.group(1).lower() in GENERIC_TLDS):
            self.set_attr(aid, "sector", "JRN")
            self.set_attr(aid, "country", TLD.get(m.group(1).lower()))
        else:
            toks = self.doc[s:e]
            # "Russian Orthodox Church", "Iran's Revolutionary Guards": country from the name.
            first = toks[0]
            c = self.kb.country(first.text) if first.ent_type_ in ("GPE", "NORP") or first.is_title else None
            if c is None and len(toks) > 1:
                c = self.kb.country(toks[:2].text)
            if c is None:
                for tk in toks:
                    if tk.lower_ == "of" and tk.i + 1 < e:
                        c = self.kb.country(self.doc[tk.i + 1:e].text)
                        break
            if c is None and len(toks) > 1 and toks[-1].ent_type_ != "PERSON":
                c = self.kb.surname_country(toks[0].text) if toks[0].ent_type_ == "PERSON" else None
            if c is None:
                c = multinational(key)
            self.set_attr(aid, "country", c)
            for tk in reversed(list(toks)):
                ag = self.kb.agent(tk.lower_) or self.kb.agent(tk.lemma_.lower())
                if ag and ag[0]:
                    self.set_attr(aid, "sector", ag[0])
                    break
        self.mention(aid, s, e, "name")

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
            if self.tok_actor[i] is not None or not t.is_title \
                    or not (t.pos_ == "PROPN" or t.dep_ in ("nsubj", "nsubjpass")) \
                    or not self.story(t.idx, t.idx + len(t.text)):
                i += 1
                continue
            for n in (2, 1):
                span = doc[i:i + n]
                key = norm(span.text)
                if len(span) == n and key in full_forms and all(self.tok_actor[j] is None for j in range(i, i + n)):
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

