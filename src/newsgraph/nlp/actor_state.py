"""The working state of actor resolution over one article, and the helpers every pass uses.

``actors.resolve_actors`` runs the passes (``actor_names``, ``actor_titles``, the
coreference step of ``coref``, ``actor_attributes``) over one ``ActorState``: which
token belongs to which actor, the attributes read from the text, the KB entries.
"""
from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from newsgraph.kb import KB, Entity, date_key, get_kb, norm
from newsgraph.model import Actor, Article
from newsgraph.nlp.actor_index import ActorIndex
from newsgraph.nlp.actor_words import LOCATIVE, NAME_TITLES, POSSESSIVE, QUOTED
from newsgraph.nlp.coref import Coreference


class ActorState:
    """What the passes share while they resolve one article's actors."""

    def __init__(self, doc: Doc, article: Article) -> None:
        self.doc = doc
        # Doc.text rebuilds the string on every access; the article's text is the same string
        last = doc[-1] if len(doc) else None
        same = last is not None and last.idx + len(last.text_with_ws) == len(article.text)
        self.text = article.text if same or not len(doc) else doc.text
        self.article = article
        self.kb: KB = get_kb()
        self.date = date_key(article.metadata.date)
        self.index = ActorIndex(article, doc)
        n = len(doc)
        self.tok_actor: list[str | None] = [None] * n  # token -> actor id of a named/title mention
        self.tok_named: list[bool] = [False] * n
        self.sent_of: list[int] = [0] * n
        for si, s in enumerate(doc.sents):
            for i in range(s.start, s.end):
                self.sent_of[i] = si
        # text-first attributes: actor id -> {"country", "sector", "role"}
        self.attr: dict[str, dict[str, str | None]] = {}
        self.entity: dict[str, Entity] = {}
        self.people_by_surname: dict[str, list[tuple[int, str]]] = {}  # surname -> [(tok, actor id)]
        self.full_people: dict[str, str] = {}  # norm full name -> actor id
        self.surname_country: dict[str, str | None] = {}
        self.acronyms: dict[str, str] = {}  # "APEC" -> actor id
        self.person_shorts: set[str] = set()  # short forms of the people named in full
        self.work_tokens: set[int] = set()  # tokens of a work's title (the film Regarding Gore): no one's name
        self.quoted = [(m.start(), m.end()) for m in QUOTED.finditer(self.text)]
        self.quoted_starts = [s for s, _ in self.quoted]
        excl = []
        for c in article.credits:
            excl.append((c.start, c.end))
        self.excluded = sorted(excl)
        self.not_actor_names = {norm(a) for a in article.metadata.authors}
        for c in article.credits:
            for x in (c.photographer, c.agency):
                if x:
                    self.not_actor_names.add(norm(x))
        # the article's one coreference step, kept on the index for the later stages
        self.coref = Coreference(self.index, self)
        self.index.coref = self.coref

    # -- helpers --------------------------------------------------------------
    def story(self, start: int, end: int) -> bool:
        if not self.article.is_story(start, end):
            return False
        for s, e in self.excluded:
            if s <= start < e:
                return False
        return True

    def in_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self.quoted_starts, pos) - 1
        return i >= 0 and self.quoted[i][0] < pos < self.quoted[i][1]

    def set_attr(self, aid: str, key: str, value: str | None, force: bool = False) -> None:
        if value is None:
            return
        d = self.attr.setdefault(aid, {})
        if force or d.get(key) is None:
            d[key] = value

    def mention(self, aid: str, start_tok: int, end_tok: int, kind: str) -> None:
        doc = self.doc
        s, e = doc[start_tok].idx, doc[end_tok - 1].idx + len(doc[end_tok - 1].text)
        self.index.add_mention(aid, self.text[s:e], s, e, kind)
        for i in range(start_tok, end_tok):
            if self.tok_actor[i] is None or kind in ("name", "short"):
                self.tok_actor[i] = aid
            if kind in ("name", "short", "demonym"):
                self.tok_named[i] = True

    def new_actor(self, aid: str, name: str, kind: str) -> Actor:
        a = self.index.actors.get(aid)
        if a is None:
            a = self.index.add(Actor(id=aid, name=name, kind=kind))  # type: ignore[arg-type]
        return a

    def trim(self, start: int, end: int) -> tuple[int, int]:
        doc = self.doc
        while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
            start += 1
        # a name never ends on a function word: the tagger may run an entity into the
        # next one ("Patrice Talon of Benin" cut after "of", "X and Y" after "and")
        while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].text in POSSESSIVE
                               or doc[end - 1].is_punct and doc[end - 1].text not in (".",)
                               or end - start > 1 and doc[end - 1].lower_ in ("of", "and", "for", "the", "in", "at")):
            end -= 1
        return start, end

    def strip_title_tokens(self, s: int, e: int) -> int:
        doc = self.doc
        titles = self.kb.titles
        while s < e - 1 and (doc[s].lower_.strip(".") in titles or doc[s].lower_ in NAME_TITLES):
            s += 1
        return s

    def locative(self, s: int, e: int) -> bool:
        """A place used as a location (``in Moscow``), not as an actor."""
        root = self.doc[s:e].root
        return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE

    def has_name_after(self, h: Token) -> bool:
        """The agent noun is the title of a name (``President Putin``, ``spokesperson X``)."""
        if h.dep_ in ("compound", "appos") and h.head.ent_type_ in ("PERSON", "ORG") and h.head.i > h.i:
            return True
        nxt = h.i + 1
        if nxt < len(self.doc) and self.doc[nxt].ent_type_ == "PERSON":
            return True
        if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in h.children):
            return True
        # "Minister of Foreign Affairs Jean-Yves Le Drian": an office of several words, then the name
        for end in range(h.i + 3, min(len(self.doc), h.i + 7)):
            if self.doc[end].ent_type_ == "PERSON":
                return self.office_of(h.i, end) is not None
        return False

    def agent_phrase(self, h: Token) -> tuple[str, str | None, str, int] | None:
        """(text, sector, role, start token) when ``h`` heads an agent noun phrase
        (``foreign minister``, ``supreme leader``, ``spokesperson``)."""
        kb = self.kb
        doc = self.doc
        if h.i > 0:
            prev = doc[h.i - 1]
            if prev.head.i == h.i and prev.pos_ in ("NOUN", "ADJ", "PROPN") and prev.ent_type_ not in ("GPE", "NORP"):
                two = kb.agent(f"{prev.lower_} {h.lower_}") or kb.agent(f"{prev.lower_} {h.lemma_.lower()}")
                if two:
                    return (f"{prev.text} {h.text}", two[0], two[1], h.i - 1)
        one = kb.agent(h.lower_) or kb.agent(h.lemma_.lower())
        if one:
            return (h.text, one[0], one[1], h.i)
        return None

    def office_of(self, start: int, end: int) -> int | None:
        """The first token of an office of several words with ``of`` that ends at ``end``
        (``Secretary of State``, ``Minister of Foreign Affairs``) and covers ``start``;
        None when there is none. The parser hangs the ``of`` phrase on the title and the
        tagger may take its last word for an organisation."""
        doc = self.doc
        for k in range(max(0, end - 6), min(start, end - 2) + 1):
            words = doc[k:end]
            if doc[k].is_title and any(t.lower_ == "of" for t in words[1:-1]) and self.kb.agent(words.text):
                return k
        return None

    def person_from_entity(self, ent: Entity) -> str:
        aid = ent.id
        if aid not in self.index.actors:
            self.new_actor(aid, ent.name, "person")
        self.entity[aid] = ent
        if ent.female:
            self.index.gender[aid] = "f"
        return aid

