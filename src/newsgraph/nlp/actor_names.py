"""Pass 1 of actor resolution: names.

spaCy entities (repaired: titles and possessives stripped, labels fixed by the
knowledge base), plus capitalised words the KB knows that spaCy missed; people joined
by full name and surname; countries, capitals and demonyms to the country;
institutions (``the Kremlin``) and IGOs to their KB entry; groups named by a demonym
and an agent noun (``Iranian officials``, ``Houthi rebels``).
"""
from __future__ import annotations

import re

from newsgraph.kb import Entity, norm
from newsgraph.nlp.actor_index import slug
from newsgraph.nlp.actor_people import PeoplePass
from newsgraph.nlp.actor_words import (
    CREDIT_LABELS,
    DOMAIN,
    ENT_KIND,
    GENERIC_TLDS,
    IGO_WORDS,
    MULTI,
    NOT_ACTOR,
    OFFICES,
    ORG_ROLES,
    ORGISH_LAST,
    PLATFORMS,
    PLURAL_FORMS,
    TLD,
    UN,
    WORK_NOUNS,
)

_THE = re.compile(r"^the\s+", re.IGNORECASE)


def multinational(key: str) -> str | None:
    """IGO for an unknown multinational body (``European Community``, ``International
    Labor Office``), NGO for other international bodies (``Third World Water Forum``)."""
    if UN.search(key):
        return "IGO"
    if not MULTI.search(key):
        return None
    return "IGO" if IGO_WORDS.search(key) else "NGO"


class NamePass(PeoplePass):
    """Names to actors: entities, KB names, places, organisations; people (``PeoplePass``)."""

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
            e = self.hyphenated_end(e)
            if s > 0 and doc[s - 1].lower_ == "of" and self.office_of(s, e) is not None:
                continue  # "State" in "Secretary of State" is part of an office, not an organisation
            if self.work_title(s):
                self.work_tokens.update(range(s, e))
                continue
            # "Regarding Gore, McClellan said": a sentence's opening preposition or
            # participle is not the first word of the name after it
            if e - s > 1 and doc[s].tag_ in ("VBG", "IN") and norm(doc[s].text) not in self.kb.names:
                s += 1
            # "on Twitter West accused": a platform glued to the name after it is two names
            if e - s > 1 and ent.label_ == "PERSON" and doc[s].lower_ in PLATFORMS:
                out.append((s, s + 1, "ORG"))
                s += 1
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
                if L > 1 and i + L < n and doc[i + L].ent_type_ == "PERSON" and self.kb.agent(key):
                    continue  # "Secretary of State Mike Pompeo": a title, not the office's institution
                if key in self.kb.names:
                    ent = self.kb.entity(self.kb.names[key])
                    if ent.kind != "person" or L > 1:
                        hit = (i, i + L, "ORG" if ent.kind != "person" else "PERSON")
                        break
                if L == 1 and key in self.kb.places and (len(key) > 3 or t.is_upper) \
                        and t.pos_ in ("PROPN", "ADJ", "NOUN"):
                    typ = self.kb.places[key][1]
                    # sentence-initial words only when they name a country or its people
                    if typ not in ("city", "region") or (not t.is_sent_start and t.pos_ == "PROPN"):
                        hit = (i, i + 1, "GPE" if typ in ("country", "capital", "city", "region") else "NORP")
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


    def hyphenated_end(self, e: int) -> int:
        """The end of a name that runs on inside one written word past the entity
        (``Prayuth Chan-o-cha`` tagged ``Prayuth Chan``): a hyphen, a name infix of one to
        three lower-case letters, a hyphen and a last piece. ``Obama-era`` and
        ``Trump-backed`` have no infix and stay as they are."""
        doc, n = self.doc, len(self.doc)
        while e + 3 < n + 1 and e + 2 < n and all(doc[k].text in ("-", "–") for k in (e, e + 2)) \
                and not any(doc[k].whitespace_ for k in range(e - 1, e + 2)) \
                and doc[e + 1].is_lower and doc[e + 1].is_alpha and len(doc[e + 1].text) <= 3 \
                and e + 3 < n and doc[e + 3].is_alpha and doc[e + 3].ent_iob_ != "B":
            e += 4
        return e

    def work_title(self, s: int) -> bool:
        """The name is the title of a work right after its noun (``the film Regarding
        Gore``, ``the book "Obama"``): not an actor."""
        doc = self.doc
        j = s - 1
        while j >= 0 and doc[j].is_quote:
            j -= 1
        return j >= 0 and doc[j].pos_ == "NOUN" and doc[j].lower_ in WORK_NOUNS

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
                elif ent is None and place and ns == s and (place[1] in ("country", "demonym")
                                                            or place[1] == "capital" and key not in self.person_shorts
                                                            or place[1] == "region" and kb.gender(text) is None
                                                            and key not in self.person_shorts):
                    label = "GPE"  # a country or region spaCy took for a person (not "Victoria")
                elif ent is not None and ent.kind != "person" and ns == s:
                    label = "ORG"
                else:
                    persons.append((s, ns, e, bare))
                    continue
            if label in ("GPE", "LOC", "NORP"):
                # "Green Party" tagged GPE: a name ending in an organisation's word is one
                if (ent is not None and ent.kind != "person" or e - s > 1 and doc[e - 1].lower_ in ORGISH_LAST) \
                        and not place:
                    self.org(s, e, text, ent)
                    continue
                self.place(s, e, text, label, place)
                continue
            # ORG / FAC
            if place and place[1] in ("country", "demonym", "capital", "region") and ent is None:
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
                if p2 and p2[1] not in ("city", "region"):  # "Radical French farmers"
                    self.place(e - 1, e, last.text, label, p2)
                    return
                self.group_from_norp(s, e, text, None)
                return
            # "Qaboos bin Said, the long-serving Sultan of Oman": a title the tagger took
            # for a place is no place
            if e - s == 1 and (doc[s].lower_ in self.kb.titles or self.kb.agent(doc[s].lower_)):
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
        # A town or region is a place of its country, never the country itself; a capital
        # stands for its country's government when it acts ("Moscow said", CAMEO's
        # convention), but is only a place where something happens ("talks in Moscow").
        if typ in ("city", "region") or typ == "capital" and self.locative(s, e):
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
            # "US Embassy", "UK Border Force": an abbreviation of the country counts too
            c = self.kb.country(first.text) if first.ent_type_ in ("GPE", "NORP") or first.is_title \
                or first.is_upper and len(toks) > 1 else None
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
