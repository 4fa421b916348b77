"""Pass 2 of actor resolution: titles, appositions, descriptors and unnamed office holders.

Agent nouns around names (``Russia's president Vladimir Putin``, ``Vladimir Solovyov,
Putin's key propagandist``) give role, country and sector and become ``title``
mentions and descriptors; unattached ones (``Russia's president``) resolve to the
office holder at the article's date or become role and group actors.
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from newsgraph.model import Actor
from newsgraph.nlp.actor_index import slug
from newsgraph.nlp.actor_state import ActorState
from newsgraph.nlp.actor_words import NAME_TITLES, NEUTRAL_HEADS, NEUTRAL_MODS, NUMBER_WORDS, OFFICES, ORG_ROLES
from newsgraph.nlp.coref import AGENTIVE, DESC_ORG, DESC_PERSON, EVALUATIVE, NOT_PEOPLE

# Passive verbs whose complement labels their subject ("was considered the founding father").
PREDICATING = {"consider", "hail", "call", "describe", "name", "elect", "appoint", "regard"}
# The longest descriptor kept as written, in tokens: an apposition runs to its end.
MAX_WRITTEN = 40
# An age written right before a name ("the 54-year-old X") or set off after it ("X, 20,",
# "X, 36 years old"): descriptors (annotation C2).
AGE_BEFORE = re.compile(r"\b(([A-Za-z]+|\d{1,3})[- ]years?[- ]old)\s+$")
AGE_AFTER = re.compile(r"^,\s*((?:aged\s+)?(\d{1,3})(?:\s+years?\s+old)?)\s*(?=[,;)]|\.(?!\d)|and\b)")


class TitlePass(ActorState):
    """Titles and labels attached to named actors, and role phrases with no name."""

    def titles(self) -> None:
        doc = self.doc
        seen: set[int] = set()
        for aid, actor in list(self.index.actors.items()):
            if actor.kind not in ("person", "organization", "group"):
                continue
            for m in list(actor.mentions):
                if m.kind not in ("name", "short", "title"):
                    continue
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None or span.start in seen:
                    continue
                seen.add(span.start)
                self.premodifiers(aid, actor, span)
                self.appositions(aid, actor, span)
                if actor.kind == "person":
                    self.predicate(aid, actor, span)
                    if m.kind in ("name", "short"):
                        self.ages(aid, m.start, m.end)

    def ages(self, aid: str, start: int, end: int) -> None:
        """``the 54-year-old X``, ``X, 20, was arrested``: the person's age as written."""
        text = self.text
        if (b := AGE_BEFORE.search(text[max(0, start - 30):start])) is not None:
            word = b.group(2).lower()
            if word.isdigit() or word in NUMBER_WORDS:
                s = start - len(b.group(0))
                self.index.add_descriptor(aid, b.group(1), s, s + len(b.group(1)))
        if (a := AGE_AFTER.match(text[end:end + 30])) is not None and 0 < int(a.group(2)) < 120:
            s = end + a.start(1)
            self.index.add_descriptor(aid, a.group(1), s, s + len(a.group(1)))

    def premodifiers(self, aid: str, actor: Actor, span: Span) -> None:
        """``Russia's president Vladimir Putin``, ``the Kremlin spokesperson Dmitry
        Peskov``, ``The pro-Kremlin outlet Segodnya.ru``: the words before a name that
        depend on it."""
        doc = self.doc
        lo, hi = span.start, span.end
        j = lo - 1
        while j >= 0:
            t = doc[j]
            if self.tok_named[j] and self.tok_actor[j] == aid:
                break
            if j < t.head.i < hi and not (t.is_punct and t.text not in ("-", "–")):
                j -= 1
                continue
            # "Iran ’s": the possessive marker hangs on its possessor, which hangs on the name
            if (t.tag_ == "POS" or t.dep_ == "case") and j > 0 and t.head.i == j - 1 \
                    and j - 1 < doc[j - 1].head.i < hi:
                j -= 1
                continue
            if t.text in ("-", "–") and j > 0 and not t.whitespace_ and not doc[j - 1].whitespace_:
                j -= 1
                continue
            # "co-author": the word glued to a hyphen inside the phrase belongs to it, however
            # the parser hung it
            if t.is_alpha and not t.whitespace_ and j + 1 < lo and doc[j + 1].text in ("-", "–"):
                j -= 1
                continue
            break
        start = j + 1
        if start >= lo:
            self.office_before(aid, lo)
            return
        pre = doc[start:lo]
        if not any(t.pos_ in ("NOUN", "PROPN", "ADJ") for t in pre):
            return
        self.title_phrase(aid, actor, pre, lo)

    def office_before(self, aid: str, lo: int) -> None:
        """``US Secretary of State Mike Pompeo``: an office of several words with ``of``
        right before a name gives its role and sector, and a country or demonym before
        it the country."""
        doc = self.doc
        k = self.office_of(lo - 1, lo)
        if k is None:
            return
        sector, role = self.kb.agent(doc[k:lo].text) or (None, None)
        start = k
        j = k - 1
        if j >= 0 and (doc[j].tag_ == "POS" or doc[j].text in ("'s", "’s")):
            j -= 1
        if j >= 0 and doc[j].ent_type_ in ("GPE", "NORP") and (c := self.kb.country(doc[j].text)):
            self.set_attr(aid, "country", c)
            start = j
        self.set_attr(aid, "role", role)
        self.set_attr(aid, "sector", sector)
        self.mention(aid, start, lo, "title")

    def appositions(self, aid: str, actor: Actor, span: Span) -> None:
        doc = self.doc
        root = span.root
        # "Vladimir Solovyov, Putin's key propagandist": the apposition after the name.
        # A capitalised office heads it as often ("Pierre Nkurunziza, the President of
        # Burundi"): the tagger makes it a proper noun, which counts when it is an office.
        for c in root.children:
            if c.dep_ == "appos" and c.i >= span.end and not self.tok_named[c.i] and c.pos_ in ("NOUN", "PROPN"):
                left = c.left_edge.i
                if left < span.end:
                    continue
                # set off by a comma or a dash: "granted X a full pardon" is an object
                # the parser may take for an apposition
                set_off = doc[left - 1].text in (",", "-", "–", "—", "(")
                if c.pos_ == "PROPN" and not self.agent_phrase(c) and not (
                        set_off and any(x.dep_ == "det" for x in c.lefts)):
                    continue
                self.title_phrase(aid, actor, doc[left:c.i + 1], None, written_end=c.right_edge.i + 1,
                                  appos=set_off)
        # "As Vladimir Solovyov, Putin's key propagandist known for ...": a comma and a
        # noun phrase right after the name that the parser did not take for an apposition.
        k = span.end + 1
        if k < len(doc) and doc[span.end].text == "," and not any(
                c.dep_ == "appos" and c.i >= span.end for c in root.children):
            h = None
            for x in doc[k:min(len(doc), k + 8)]:
                if x.pos_ == "NOUN":
                    h = x
                    break
                if x.pos_ not in ("DET", "ADJ", "PROPN", "PART", "PUNCT", "ADV", "NOUN") or x.text == ",":
                    if x.text == "," and x.i + 1 < len(doc) and doc[x.i + 1].pos_ == "ADJ":
                        continue
                    break
            if h is not None and h.tag_ == "NN" and all(k <= y.head.i <= h.i for y in doc[k:h.i]) \
                    and not self.tok_named[h.i] and doc[k].pos_ in ("DET", "PROPN", "ADJ") \
                    and (h.i + 1 >= len(doc) or doc[h.i + 1].lower_ not in ("and", "or")
                         and not self.tok_named[h.i + 1]):  # "A, Greek minister B": B's title
                self.title_phrase(aid, actor, doc[k:h.i + 1], None, written_end=h.right_edge.i + 1)
        # "Russia's president, Vladimir Putin": the name is the apposition; so is it after a
        # capitalised title the parser made its head ("Thai Prime Minister Prayuth ...").
        h = root.head
        # "The mayor of Paris, Anne Hidalgo": the parser may hang the name on the last
        # noun of the phrase; the label is the phrase's head
        if root.dep_ == "appos" and span.start > 0 and doc[span.start - 1].text == ",":
            while h.dep_ in ("pobj", "prep", "poss") and h.head.i < h.i and h.head.i < span.start:
                h = h.head
        if root.dep_ == "appos" and h.i < span.start and not self.tok_named[h.i] \
                and (h.pos_ == "NOUN" or h.pos_ == "PROPN" and self.agent_phrase(h)):
            # as written, with its "of" phrase up to the name ("The mayor of London, Sadiq Khan")
            end = h.i + 1
            for c in h.rights:
                if c.dep_ == "prep" and c.i == end and c.right_edge.i < span.start:
                    end = c.right_edge.i + 1
            if doc[span.start - 1].text == "," and all(h.i <= x.head.i < span.start for x in doc[h.i + 1:span.start - 1]):
                end = span.start - 1  # up to the comma before the name
            self.title_phrase(aid, actor, doc[h.left_edge.i:h.i + 1], None, written_end=end)

    def predicate(self, aid: str, actor: Actor, span: Span) -> None:
        """``Navalny is an outspoken critic of ...``, ``Mugabe was considered the founding
        father of Zimbabwe``: a noun phrase the text predicates of a named person (annotation
        C2 counts it), when its noun denotes a person and the clause is not negated."""
        root = span.root
        verb = root.head
        if root.dep_ == "nsubj" and verb.lemma_ == "be":
            deps = ("attr",)
        elif root.dep_ == "nsubjpass" and verb.lemma_.lower() in PREDICATING:
            deps = ("oprd", "attr")
        else:
            return
        if any(c.dep_ == "neg" for c in verb.children):
            return
        for c in verb.children:
            if c.dep_ in deps and c.i >= span.end and c.pos_ == "NOUN" and not self.tok_named[c.i] \
                    and any(x.dep_ in ("det", "poss") for x in c.children):
                self.title_phrase(aid, actor, self.doc[c.left_edge.i:c.i + 1], None,
                                  written_end=c.right_edge.i + 1)

    def denotes_agent(self, head: Token, actor: Actor, appos: bool = False) -> bool:
        """The head of an apposition can describe this actor (``propagandist``,
        ``thinker``; for organisations ``outlet``), not ``the goal`` or ``a range``.
        A determined apposition to a person's name describes the person whatever its
        noun (``Alexis Boon, the head of ...``, ``Kyle Rittenhouse, the suspect``),
        unless it is a time or an amount."""
        low = head.lower_
        if self.kb.agent(low) or self.kb.agent(head.lemma_.lower()):
            return True
        if actor.kind == "person":
            if appos and head.tag_ == "NN" and not head.ent_type_ and low not in NOT_PEOPLE \
                    and any(c.dep_ in ("det", "poss") for c in head.children):
                return True
            return low in DESC_PERSON or bool(AGENTIVE.search(low))
        return low in DESC_ORG

    def title_phrase(self, aid: str, actor: Actor, phrase: Span, name_start: int | None,
                     written_end: int | None = None, appos: bool = False) -> None:
        """A noun phrase that names ``actor``'s role or labels it: add it as a
        ``title`` mention, take role/country/sector from it, and keep it as a
        descriptor (annotation C2) unless it is a bare title that is part of the name
        (``President Trump``). An apposition's descriptor runs as written, to the end
        of its phrase (``written_end``: ``the mayor of London``)."""
        doc = self.doc
        # trim leading determiners/punct for the mention; the descriptor keeps "the"/"a"
        head = None
        for t in reversed(list(phrase)):
            if t.pos_ in ("NOUN", "PROPN") and not self.tok_named[t.i]:
                head = t
                break
        if head is None or not self.denotes_agent(head, actor, appos):
            return
        # Cut at the head: anything after it (a relative clause) is not part of the label.
        phrase = doc[phrase.start:head.i + 1]
        while len(phrase) and (phrase[0].is_punct or phrase[0].is_space):
            phrase = doc[phrase.start + 1:phrase.end]
        if not len(phrase):
            return
        ap = self.agent_phrase(head)
        role = ap[1 + 1] if ap else None
        sector = ap[1] if ap else None
        # Country and principal from the words before the head.
        country = None
        principal = None
        label = False
        for t in phrase:
            if t.i == head.i or (ap and t.i >= ap[3]):
                continue
            other = self.tok_actor[t.i]
            if other and other != aid:
                principal = principal or other
                continue
            c = self.kb.country(t.text) if t.ent_type_ in ("GPE", "NORP") or t.is_title else None
            if c:
                country = country or c
                continue
            if t.lower_ in NEUTRAL_MODS or t.is_punct or t.tag_ == "POS" or t.pos_ in ("DET", "PRON", "NUM"):
                continue
            if t.lower_ in ("pro", "anti") or t.pos_ in ("ADJ", "VERB", "X") \
                    or (t.pos_ in ("NOUN", "PROPN") and t.dep_ == "poss") or t.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() not in NEUTRAL_HEADS \
                    and (not role or role not in NEUTRAL_HEADS):
                label = True
            if t.pos_ == "NOUN" and t.dep_ == "poss":
                # "the dictator's spokesperson": a description as principal (resolved in coref)
                r = self.describe(t)
                if r:
                    principal = principal or r
        # A label judges: an evaluative head (``dictator``) or a judging modifier
        # (``pro-war``, ``ultranationalist``, ``the dictator's``); a bare title does not.
        if head.lower_ in EVALUATIVE or (role and role in EVALUATIVE):
            label = True
        if principal and principal in self.index.actors:
            pa = self.attr.get(principal, {})
            pe = self.entity.get(principal)
            pc = pa.get("country") or (pe.country if pe else None)
            if principal.startswith("country:"):
                pc = principal.split(":", 1)[1]
            country = country or pc
            if sector is None:
                psec = pa.get("sector")
                if psec is None and pe is not None:
                    r = pe.at(self.date)
                    psec = r.sector if r else None
                sector = psec if psec not in ("ELI", None) else ("GOV" if principal.startswith("country:") else psec)
        if role and any(t.lower_ in ("former", "ex", "ex-", "then") for t in phrase if t.i < head.i) \
                and not role.startswith("former"):
            role, sector = f"former {role}", "ELI"  # "Former US president Barack Obama"
        if role:
            self.set_attr(aid, "role", role)
        if sector:
            self.set_attr(aid, "sector", sector)
        if country:
            self.set_attr(aid, "country", country)
        # mention: the phrase without a leading determiner, and without a person named
        # or described as its principal ("the dictator's spokesperson" -> "spokesperson")
        ms = phrase.start
        for t in phrase:
            other = self.tok_actor[t.i]
            if t.i < head.i and other and other != aid and not other.startswith(("country:", "org:")) or t.i < head.i and t.pos_ == "NOUN" and t.dep_ == "poss":
                ms = t.i + 1
        while ms < phrase.end and (doc[ms].tag_ == "POS" or doc[ms].dep_ == "case"):
            ms += 1
        while ms < phrase.end and doc[ms].pos_ in ("DET",):
            ms += 1
        if ms < phrase.end and ap is not None:
            self.mention(aid, ms, phrase.end, "title")
        elif ms < phrase.end and label:
            self.mention(aid, ms, phrase.end, "description")
        if label or self.describes(phrase, head, name_start):
            end = self.written_end(phrase, written_end)
            s, e = phrase.start_char, doc[end - 1].idx + len(doc[end - 1].text)
            self.index.add_descriptor(aid, self.text[s:e], s, e)

    def describes(self, phrase: Span, head: Token, name_start: int | None) -> bool:
        """Whether a neutral title phrase is a descriptor: an apposition always
        (``Ginger Baker, English drummer``); before a name, a phrase the writer wrote as
        a description (``study co-author``, ``Polish leader``, ``Puerto Rico's
        governor``), not a capitalised title read as part of the name (``President
        Trump``, ``Health Minister Karin Lund``: the annotated corpus lists 2 of 66 such)."""
        if name_start is None:
            return True
        words = [t for t in phrase if not (t.is_punct or t.pos_ in ("DET", "ADP") or t.tag_ == "POS")]
        # a word capitalised only because it opens the sentence ("Immunologist X said") is
        # written as a description, unless it is a title ("President X")
        if len(words) == 1 and words[0].is_sent_start and not words[0].is_upper \
                and words[0].lower_.strip(".") not in self.kb.titles and words[0].lower_ not in NAME_TITLES:
            return True
        if not words or all(t.is_title or t.is_upper for t in words):
            return False
        if len(words) > 1:
            return not all(t.lower_.strip(".") in self.kb.titles for t in words)
        return words[0].lower_.strip(".") not in self.kb.titles and self.kb.agent(head.lower_) is None

    def written_end(self, phrase: Span, written_end: int | None) -> int:
        """The end of a descriptor as written: the phrase's own end, or the end of its
        apposition without trailing punctuation, and no further than a clause or a
        sentence away (``MAX_WRITTEN`` tokens)."""
        end = phrase.end
        if written_end is None or written_end <= end:
            return end
        # "US presidents George Washington and ...": the title of other people named
        # right after it, not a phrase about this actor
        if self.tok_named[end]:
            return end
        sent_end = phrase.sent.end
        end = min(written_end, sent_end, phrase.start + MAX_WRITTEN)
        doc = self.doc
        while end > phrase.end and (doc[end - 1].is_punct and doc[end - 1].text not in ('"', "”", ")")
                                    or doc[end - 1].is_space):
            end -= 1
        return end

    def describe(self, t: Token) -> str | None:
        """Resolve a description noun (``the dictator``) now, from the names seen before it."""
        if not self.coref.is_description(t):
            return None
        if self.tok_actor[t.i]:
            return self.tok_actor[t.i]
        return self.coref.resolve_description(t)

    def role_phrases(self) -> None:
        """``Russia's president`` (no name): the office holder on the article's date."""
        doc = self.doc
        for t in doc:
            if t.pos_ != "PROPN" or t.dep_ != "poss" or not self.tok_actor[t.i]:
                continue
            aid = self.tok_actor[t.i]
            if not aid.startswith("country:"):
                continue
            h = t.head
            if h.pos_ != "NOUN" or self.tok_named[h.i] or self.has_name_after(h):
                continue
            if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in h.children):
                continue
            ap = self.agent_phrase(h)
            if not ap or not self.story(h.idx, h.idx + 1):
                continue
            iso = aid.split(":", 1)[1]
            _, sector, role, _ = ap
            holder = self.kb.office_holder(iso, role, self.date) if role in OFFICES else None
            start = t.i
            if holder is not None:
                pid = self.person_from_entity(holder)
                self.mention(pid, start, h.i + 1, "title")
                continue
            plural = h.tag_ == "NNS"
            gid = f"group:{iso.lower()}-{slug(role)}" if plural or role in ORG_ROLES \
                else f"role:{iso.lower()}-{slug(role)}"
            self.new_actor(gid, f"{self.kb.country_name(iso)} {role}", "group" if gid.startswith("group") else "person")
            self.set_attr(gid, "country", iso)
            self.set_attr(gid, "sector", sector)
            self.set_attr(gid, "role", role)
            self.mention(gid, start, h.i + 1, "title")

