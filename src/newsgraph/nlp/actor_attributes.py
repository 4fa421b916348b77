"""Pass 4 of actor resolution: role actors joined to their named holder, then country,
sector and role from the text first and the KB at the article's date."""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from newsgraph.model import Actor, Mention
from newsgraph.nlp.actor_index import ActorIndex, slug
from newsgraph.nlp.actor_state import ActorState
from newsgraph.nlp.actor_words import (
    AMBIGUOUS_PLACES,
    COLLECTIVE_BODIES,
    ORIGIN_PREPS,
    PERSON_DEMONYMS,
    TITLE_COUNTRIES,
)

# The kinds of actor that take the article's country when nothing else gives one: an
# unknown person, an organisation, a group or an unnamed source ("police", "protesters")
# in an article about one country is most likely of it. The thresholds say when an
# article is about one country; chosen on the annotated train split (event-party country
# accuracy 0.641 with people only at 1/2, 5, 2.5x -> 0.827 at 1/3, 2, 1.2x; once people's
# own nationality words stopped voting, 0.866 -> 0.871 at 1/4, 2, 1.1x), checked on dev.
HOMED_KINDS = ("person", "organization", "group", "unnamed")
NOT_HOMES = ("IGO", "NGO", "IMG", "MNC")  # sector codes that stand where a country would
HOME_SHARE = 1 / 4  # of all the country votes (mentions of actors with a country)
HOME_MIN = 2  # mentions at least
HOME_LEAD = 1.1  # times the second country's


def home_country(votes: Counter[str]) -> str | None:
    """The country an article is about: the one whose actors are mentioned most, by a
    clear lead over the next; None when no country leads."""
    total = sum(votes.values())
    top = votes.most_common(2)
    if not top:
        return None
    second = top[1][1] if len(top) > 1 else 0
    country, n = top[0]
    return country if n >= HOME_SHARE * total and n >= HOME_MIN and n >= HOME_LEAD * second else None


class AttributePass(ActorState):
    """The last pass: merges and attributes."""

    def merge_roles(self) -> None:
        """``the Iranian foreign minister`` after ``Iranian Foreign Minister Abbas
        Araghchi``: the unnamed role actor is the named person holding that role."""
        for rid in [a for a in self.index.actors if a.startswith("role:")]:
            at = self.attr.get(rid, {})
            holders = [aid for aid, a in self.index.actors.items()
                       if a.kind == "person" and not aid.startswith("role:")
                       and self.attr.get(aid, {}).get("role") == at.get("role")
                       and self.attr.get(aid, {}).get("country") == at.get("country")]
            apposed = False
            if len(holders) != 1:
                holders, apposed = self.apposed_person(rid), True
            if len(holders) != 1:
                continue
            if apposed:
                self.set_attr(holders[0], "role", at.get("role"))
                self.set_attr(holders[0], "sector", at.get("sector"))
            role_actor = self.index.actors.pop(rid)
            for m in role_actor.mentions:
                self.index.add_mention(holders[0], m.text, m.start, m.end, "title" if m.kind == "demonym" else m.kind)
            for d in self.index.descriptors:
                if d.actor == rid:
                    d.actor = holders[0]
            self.attr.pop(rid, None)
        self.index._spans = None

    def apposed_person(self, rid: str) -> list[str]:
        """``X, a Kenyan student``, ``a Kenyan student, X``: a role phrase in apposition
        to a named person is that person, whatever role the person had before."""
        doc = self.doc
        for m in self.index.actors[rid].mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            h = span.root
            near = [h.head] if h.dep_ == "appos" else []
            near += [c for c in h.children if c.dep_ == "appos"]
            people = {self.tok_actor[t.i] for t in near if self.tok_named[t.i]}
            people = {p for p in people if p and p.startswith("person:")}
            if len(people) == 1:
                # the apposition is a descriptor as written (annotation C2)
                lo, hi = h.left_edge.i, h.right_edge.i + 1
                while hi > h.i + 1 and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
                    hi -= 1
                if all(not self.tok_named[i] or self.tok_actor[i] == rid for i in range(lo, hi)):
                    s, e = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
                    self.index.add_descriptor(rid, self.text[s:e], s, e)
                return list(people)
        return []

    def place_country(self, aid: str) -> str | None:
        """``Springfield, Ohio``, ``a suburb, north Leeds``: a place the gazetteer does not
        know takes the country of the known place written right after it, after a comma."""
        doc = self.doc
        for m in self.index.actors[aid].mentions:
            sp = doc.char_span(m.start, m.end, alignment_mode="expand")
            if sp is None or sp.end + 1 >= len(doc) or doc[sp.end].text != ",":
                continue
            j = sp.end + 1
            while j < min(len(doc), sp.end + 3) and not self.tok_actor[j] and doc[j].pos_ in ("ADJ", "PROPN", "NOUN"):
                j += 1  # "south London": a direction before the place
            other = self.tok_actor[j] if j < len(doc) else None
            if other and other != aid and other.startswith(("country:", "place:")):
                oa = self.attr.get(other, {})
                ent = self.entity.get(other)
                c = other.split(":", 1)[1] if other.startswith("country:") else \
                    oa.get("country") or (ent.country if ent else None) or self.index.actors[other].country
                if c:
                    return c
        return None

    def demonym(self, t: Token, aid: str) -> str | None:
        """The country a nationality or country word names (``Libyan``, ``Kenya``), not a
        sector code (``UN``), and not a word of another named actor (``Apple CEO``); a
        role phrase's (``Kenyan student``) and the person's own title's words count."""
        other = self.tok_actor[t.i]
        if other and other != aid and not other.startswith(("country:", "place:", "role:", "group:")):
            return None
        if t.ent_type_ not in ("GPE", "NORP") and not t.is_title or t.lower_ in AMBIGUOUS_PLACES:
            return None
        # the whole entity first: "New Zealand", not "Zealand"; "New Jersey", not "Jersey"
        ent = next((e for e in self.doc.ents if e.start <= t.i < e.end), None)
        if ent is not None and len(ent) > 1:
            c = self.kb.country(ent.text)
        else:
            c = PERSON_DEMONYMS.get(t.lower_) or self.kb.country(t.text)
        return c if c not in NOT_HOMES else None

    def own_country(self, aid: str) -> str | None:
        """A person's country from their own phrase, before the article's country is
        guessed for them: a title only one country has (``Pope X``); the nearest
        nationality before the name in its noun phrase (``Libyan national X``, ``former
        US envoy to the UN X``); one in an apposition (``X, a Kenyan student``, ``An
        Australian, X``); a country after ``from`` / ``of`` (``X from Kenya``)."""
        doc = self.doc
        for m in self.index.actors[aid].mentions:
            if m.kind not in ("name", "short", "title"):
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for t in doc[max(0, span.start - 1):span.end]:
                if (c := TITLE_COUNTRIES.get(t.lower_)) and (t.i >= span.start or t.dep_ == "compound"):
                    return c
            if m.kind == "title":
                continue
            root = span.root
            prefix = doc[root.left_edge.i:span.start]
            for t in reversed(prefix):
                if (c := self.demonym(t, aid)) is not None:
                    return c
            # "Israeli prime minister A and energy minister B": a title with no country of
            # its own, coordinated after another person's title of the same noun, shares
            # that person's nationality (not "Kenyan President A and actor B")
            h = root.head
            other = self.tok_actor[h.i] if root.dep_ == "conj" and self.tok_named[h.i] else None
            nouns = {t.lower_ for t in prefix if t.pos_ == "NOUN" and self.kb.agent(t.lower_)}
            if other and other != aid and other.startswith("person:") and nouns:
                before = doc[h.left_edge.i:h.i]
                if nouns & {t.lower_ for t in before}:
                    for t in reversed(before):
                        if (c := self.demonym(t, other)) is not None:
                            return c
            phrases = [c for c in root.children if c.dep_ == "appos" and c.i >= span.end]
            if root.dep_ == "appos" and root.head.i < span.start:
                phrases.append(root.head)
            for h in phrases:
                # a description ("a Kenyan student", "An Australian"), not a place ("X, New Jersey")
                if h.pos_ != "NOUN" and h.ent_type_ != "NORP":
                    continue
                for t in doc[h.left_edge.i:h.i + 1]:
                    if (c := self.demonym(t, aid)) is not None:
                        return c
            for p in root.children:
                if p.dep_ == "prep" and p.lower_ in ORIGIN_PREPS and p.i == span.end:
                    for o in p.children:
                        if o.dep_ == "pobj" and o.ent_type_ == "GPE" and (c := self.demonym(o, aid)) is not None:
                            return c
        return None

    def name_country(self, name: str) -> str | None:
        """``Kent Police``, ``University of Oslo``, ``Royal Danish Academy``:
        the country of a place or demonym the name of an organisation holds, two words
        before one (``New York``)."""
        words = name.replace("-", " ").split()
        for n in (2, 1):
            for k in range(len(words) - n + 1):
                hit = self.kb.place(" ".join(words[k:k + n]))
                if hit and hit[0] not in NOT_HOMES:
                    return hit[0]
        return None

    def collective_bodies(self) -> None:
        """``the jury``, ``police``, ``prosecutors``: a collective body the text names by
        its common noun is an actor (an unnamed one, the same id a later stage's
        ``ask_unnamed`` gives it), unless a named actor (``Kent Police``) or a
        coreference link (``the court`` for the Supreme Court) already covers the word."""
        linked = {(k.start, k.end) for k in self.coref.links}
        for t in self.doc:
            low = t.lower_
            if low not in COLLECTIVE_BODIES or t.pos_ != "NOUN" or t.ent_type_ or self.tok_actor[t.i]:
                continue
            s, e = t.idx, t.idx + len(t.text)
            if not self.story(s, e) or any(ls <= s and e <= le for ls, le in linked) \
                    or self.index.at(s, e) is not None:
                continue
            aid = f"unnamed:{slug(low)}@{self.index.article.id}"
            actor = self.index.add(Actor(id=aid, name=low, kind=COLLECTIVE_BODIES[low]))  # type: ignore[arg-type]
            # the mention as written: its modifiers (the local police, the same court) and
            # a short place phrase after it (police in Springfield, Ohio)
            lo, hi = min(t.left_edge.i, t.i), t.i + 1
            for p in t.rights:
                if p.dep_ == "prep" and p.i == hi and p.lower_ in ("in", "of") and p.right_edge.i - t.i <= 6:
                    hi = p.right_edge.i + 1
            if any(self.tok_actor[i] and not self.tok_actor[i].startswith(("country:", "place:"))
                   for i in range(lo, hi)) or not self.story(self.doc[lo].idx, e):
                lo, hi = t.i, t.i + 1  # another actor's words inside: the noun alone
            s, e = self.doc[lo].idx, self.doc[hi - 1].idx + len(self.doc[hi - 1].text)
            actor.add_mention(Mention(self.text[s:e], s, e, "description"))
            self.index._spans = None

    def finish(self) -> ActorIndex:
        self.merge_roles()
        self.collective_bodies()
        for aid in self.index.actors:
            if self.attr.get(aid, {}).get("country") or (self.entity.get(aid) and self.entity[aid].country):
                continue
            if aid.startswith("place:") and (c := self.place_country(aid)):
                self.set_attr(aid, "country", c)
        votes: Counter[str] = Counter()
        for aid, a in self.index.actors.items():
            at = self.attr.get(aid, {})
            ent = self.entity.get(aid)
            role = ent.at(self.date) if ent is not None else None
            a.country = at.get("country") or (role.country if role else None) or (ent.country if ent else None)
            a.sector = at.get("sector") or (role.sector if role else None)
            a.role = at.get("role") or (role.role if role else None)
            if a.kind == "country":
                a.sector = None if aid.startswith("country:") else a.sector
            if a.country and a.country not in NOT_HOMES:
                votes[a.country] += sum(1 for m in a.mentions if m.kind != "pronoun")
        self.index.home_country = home_country(votes)
        home = self.index.home_country
        for aid, a in self.index.actors.items():
            # the text's word for a person's country (``Libyan national X``) comes before
            # the KB's name match, but does not vote for the article's: one foreigner
            # named in a story must not make the local police foreign too
            if a.kind == "person" and not self.attr.get(aid, {}).get("country") \
                    and (c := self.own_country(aid)):
                a.country = c
            # the place in an organisation's name gives its country, but does not vote for
            # the article's (a foreign police force named once must not unseat it)
            if a.country is None and a.kind in ("organization", "group") and aid.startswith(("org:", "group:")):
                a.country = self.name_country(a.name)
            if a.country is None and home and a.kind in HOMED_KINDS:
                a.country = home
            if a.kind == "person" and a.sector is None and a.role:
                ag = self.kb.agent(a.role)
                if ag and ag[0]:
                    a.sector = ag[0]
        return self.index


