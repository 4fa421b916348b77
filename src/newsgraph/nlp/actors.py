"""Actors: every mention in an article resolved to a canonical actor.

``ActorIndex`` is the contract the quote and event stages use: they ask which actor
a span refers to, and may add actors they discover (an unnamed source, say).

``resolve_actors`` builds it in four passes over one parsed article:

1. names: spaCy entities (repaired: titles and possessives stripped, labels fixed by
   the knowledge base), plus capitalised words the KB knows that spaCy missed;
   people joined by full name and surname; countries, capitals and demonyms to the
   country; institutions (``the Kremlin``) and IGOs to their KB entry.
2. roles: agent nouns around names (``Russia's president Vladimir Putin``,
   ``Vladimir Solovyov, Putin's key propagandist``) give role, country and sector
   and become ``title`` mentions and descriptors; unattached ones (``Russia's
   president``, ``Iranian officials``) resolve to the office holder at the article's
   date or become group actors.
3. coreference: pronouns and definite descriptions (``he``, ``the dictator``) to the
   most recent compatible salient actor.
4. attributes: country, sector, role from the text first, then the KB at the
   article's date.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from newsgraph.kb import KB, Entity, date_key, get_kb, norm
from newsgraph.model import Actor, Article, Descriptor, Mention

PRONOUNS = {"he", "she", "him", "her", "his", "hers", "they", "them", "their", "it", "its"}
MALE_PRON = {"he", "him", "his", "himself"}
FEMALE_PRON = {"she", "her", "hers", "herself"}
PLURAL_PRON = {"they", "them", "their", "themselves"}

POSSESSIVE = {"'s", "’s", "'", "’", "s'", "s’"}
FEMALE_TITLES = {"mrs", "ms", "miss", "madam", "madame", "queen", "lady", "dame", "princess", "duchess",
                 "spokeswoman", "chairwoman", "congresswoman", "businesswoman"}
MALE_TITLES = {"mr", "sir", "king", "lord", "prince", "duke", "spokesman", "chairman", "congressman",
               "businessman", "ayatollah", "sheikh"}

# Head nouns and modifiers that make a neutral title, not a label the outlet attaches.
NEUTRAL_HEADS = {
    "president", "prime minister", "minister", "foreign minister", "defence minister", "defense minister",
    "spokesperson", "spokesman", "spokeswoman", "secretary", "press secretary", "chancellor", "king", "queen",
    "leader", "supreme leader", "official", "ambassador", "envoy", "general", "commander", "head", "chief",
    "chairman", "chairwoman", "chair", "director", "governor", "mayor", "senator", "lawmaker", "judge",
    "outlet", "news outlet", "newspaper", "agency", "news agency", "broadcaster", "website", "channel",
    "reporter", "journalist", "correspondent", "editor", "analyst", "expert", "adviser", "advisor", "aide",
    "deputy", "premier", "emir", "sultan", "member", "founder", "owner", "executive", "ceo", "professor",
    "diplomat", "negotiator", "prosecutor", "candidate", "vice president", "secretary-general",
    "secretary general", "administration", "government", "ministry", "company", "group", "party",
}
NEUTRAL_MODS = {
    "foreign", "defence", "defense", "interior", "deputy", "vice", "former", "senior", "top", "chief", "news",
    "state", "first", "acting", "then", "prime", "supreme", "national", "security", "finance", "economy",
    "justice", "health", "press", "media", "military", "general", "executive", "federal", "regional",
    "local", "official", "current", "new", "previous", "late", "outgoing", "incoming", "assistant", "special",
    "principal", "presidential", "head", "lead", "online", "daily", "weekly", "public", "private",
    "international", "global", "-", "the", "a", "an", "its", "his", "her", "their", "our", "'s", "’s", ",",
}

ENT_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group", "LOC": "country",
            "FAC": "organization"}
LOCATIVE = {"in", "at", "near", "from", "into", "inside", "outside", "across", "around", "to", "toward",
            "towards", "through", "over", "throughout", "via", "within", "between", "on"}
SUBJ = {"nsubj", "nsubjpass", "csubj", "agent", "expl"}
PERSON_SECTORS = {"GOV", "MIL", "LEG", "JUD", "OPP", "JRN", "BUS", "CVL", "REB", "ELI", "PTY", "COP", "REL",
                  "EDU", "MED", "SPY", None}
ORG_ROLES = {"outlet", "news outlet", "media outlet", "newspaper", "tabloid", "broadcaster", "news agency",
             "website", "news site", "channel", "media", "state media", "government", "regime", "administration",
             "ministry", "foreign ministry", "party", "company", "army", "military", "court", "parliament",
             "congress", "cabinet", "militia", "police", "navy", "air force", "union", "church", "intelligence",
             "spy agency", "opposition", "agency"}
GROUP_ROLES = {"official", "authorities", "rebel", "militant", "insurgent", "guerrilla", "troops", "forces",
               "soldier", "protester", "demonstrator", "civilian", "resident", "citizen", "refugee", "student",
               "diplomat", "lawmaker", "legislator", "worker", "farmer", "analyst", "expert", "peacekeeper",
               "security forces", "activist", "settler", "prisoner", "police", "militia", "army", "military",
               "government", "regime", "administration", "opposition", "leader", "minister"}
OFFICES = {"president", "prime minister", "supreme leader", "king", "queen", "chancellor", "emir", "premier",
           "vice president", "leader", "head of state", "sultan"}
PLURAL_FORMS = {"officials", "authorities", "rebels", "militants", "insurgents", "troops", "forces", "soldiers",
                "protesters", "demonstrators", "civilians", "residents", "citizens", "refugees", "students",
                "diplomats", "lawmakers", "legislators", "workers", "farmers", "peacekeepers", "guerrillas",
                "police", "activists", "settlers", "prisoners", "leaders", "ministers", "analysts", "experts"}
TLD = {"ru": "RUS", "ua": "UKR", "by": "BLR", "cn": "CHN", "ir": "IRN", "uk": "GBR", "de": "DEU", "fr": "FRA",
       "il": "ISR", "tr": "TUR", "in": "IND", "pk": "PAK", "jp": "JPN", "kr": "KOR", "kp": "PRK", "sy": "SYR",
       "iq": "IRQ", "sa": "SAU", "ae": "ARE", "qa": "QAT", "eg": "EGY", "pl": "POL", "it": "ITA", "es": "ESP",
       "br": "BRA", "mx": "MEX", "ve": "VEN", "za": "ZAF", "ng": "NGA", "ke": "KEN", "au": "AUS", "ca": "CAN",
       "kz": "KAZ", "ge": "GEO", "am": "ARM", "az": "AZE", "rs": "SRB", "hu": "HUN", "cz": "CZE", "ro": "ROU",
       "bg": "BGR", "gr": "GRC", "af": "AFG", "lb": "LBN", "jo": "JOR", "ps": "PSE", "ye": "YEM"}
DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.([a-z]{2,6})$", re.IGNORECASE)
QUOTED = re.compile(r"“[^”]{0,2000}”|\"[^\"\n]{0,2000}\"|«[^»]{0,2000}»")


MULTI = re.compile(r"\b(?:european|africa|african|asian|asia|arab|pacific|atlantic|nordic|latin american|"
                   r"americas|united nations|u\.?n\.?|international|world|global|commonwealth|gulf|"
                   r"islamic cooperation|inter-american|regional|continental)\b")
IGO_WORDS = re.compile(r"\b(?:community|union|council|commission|cooperation|co-operation|organi[sz]ation|"
                       r"office|agency|bank|court|fund|parliament|assembly|conference|secretariat|"
                       r"tribunal|forces?|mission|league|market|programme|program|summit|bloc|alliance)\b")


# Names spaCy often takes for people or places that are not actors: things, events,
# streets, hashtags (platforms are organisations: see PLATFORMS).
NOT_ACTOR = re.compile(r"\d|^(?:brexit|covid|coronavirus|ebola|zika|sars|mers|h1n1|instagram|measles|malaria|"
                       r"cholera|polio|influenza|flu|utc|gmt|bst|est|edt|pst|pdt|cet|cest|#\w+)$|"
                       r"\b(?:avenue|street|road|square|boulevard|bridge|highway|lane|airport|stadium)$", re.IGNORECASE)
ORGISH_LAST = {"hospital", "university", "school", "college", "institute", "foundation", "company", "party",
               "council", "committee", "commission", "ministry", "agency", "bank", "group", "corporation",
               "association", "center", "centre", "church", "club", "society", "trust", "fund", "inc", "ltd"}
PLATFORMS = {"twitter", "facebook", "youtube", "tiktok", "telegram", "whatsapp", "google", "x"}


def multinational(key: str) -> str | None:
    """IGO for an unknown multinational body (``European Community``, ``International
    Labor Office``), NGO for other international bodies (``Third World Water Forum``)."""
    if _UN.search(key):
        return "IGO"
    if not MULTI.search(key):
        return None
    return "IGO" if IGO_WORDS.search(key) else "NGO"


# Labels that judge (the outlet's voice), as opposed to neutral titles.
EVALUATIVE = {"dictator", "tyrant", "autocrat", "despot", "strongman", "propagandist", "warlord", "demagogue",
              "puppet", "thug", "mouthpiece", "apologist", "crony", "henchman", "ideologue", "firebrand",
              "hardliner", "populist", "extremist", "terrorist", "zealot", "kleptocrat", "oligarch", "war criminal",
              "murderer", "butcher", "madman", "lackey", "stooge"}
# Generic person nouns that may refer to the most salient person without a matching role.
SALIENT_NOUNS = EVALUATIVE | {"leader", "veteran", "politician", "billionaire", "tycoon", "mogul",
                              "incumbent", "challenger", "thinker", "commentator", "nationalist"}
AGENTIVE = re.compile(r"(?:ist|er|or|ian|man|woman|person|crat)$")
# Nouns that, with "the", stand for a person or an organisation already named.
DESC_PERSON = {
    "dictator", "tyrant", "autocrat", "despot", "strongman", "leader", "president", "prime minister", "premier",
    "minister", "spokesman", "spokeswoman", "spokesperson", "official", "chancellor", "king", "queen", "monarch",
    "ayatollah", "cleric", "general", "commander", "ambassador", "envoy", "diplomat", "senator", "governor",
    "mayor", "judge", "prosecutor", "propagandist", "journalist", "reporter", "editor", "activist", "dissident",
    "billionaire", "tycoon", "oligarch", "businessman", "businesswoman", "lawmaker", "politician", "candidate",
    "chairman", "chairwoman", "secretary", "warlord", "mogul", "incumbent", "challenger", "nominee", "pontiff",
    "pope", "emir", "sultan", "crown prince", "prince", "sheikh", "commentator", "ideologue", "thinker",
    "veteran", "congressman", "congresswoman", "populist", "nationalist", "demagogue",
    "critic", "ally", "rival", "opponent", "adversary", "aide", "confidant", "loyalist", "hawk",
}
DESC_ORG = {"outlet", "newspaper", "broadcaster", "agency", "channel", "website", "tabloid", "government",
            "regime", "administration", "ministry", "party", "company", "militia", "organisation",
            "organization", "court", "parliament", "network", "paper", "daily", "station", "group", "alliance",
            "bloc", "firm", "kremlin", "junta", "cabinet"}


_THE = re.compile(r"^the\s+", re.IGNORECASE)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_UN = re.compile(r"\b(?:united nations|u\.n\.?)\b|^un\b")


def slug(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return _NON_ALNUM.sub("-", s).strip("-")


class ActorIndex:
    """The actors of one article and the spans that mention them."""

    def __init__(self, article: Article, doc: Doc) -> None:
        self.article = article
        self.doc = doc
        self.actors: dict[str, Actor] = {}
        self.descriptors: list[Descriptor] = []
        self.gender: dict[str, str] = {}  # actor id -> "m" | "f"
        self._spans: list[tuple[int, int, str]] | None = None  # sorted (start, end, actor id)

    # -- building -------------------------------------------------------------
    def add(self, actor: Actor) -> Actor:
        self._spans = None
        have = self.actors.get(actor.id)
        if have is None:
            self.actors[actor.id] = actor
            return actor
        for m in actor.mentions:
            have.add_mention(m)
        return have

    def add_mention(self, actor_id: str, text: str, start: int, end: int, kind: str = "name") -> None:
        self._spans = None
        self.actors[actor_id].add_mention(Mention(text, start, end, kind))  # type: ignore[arg-type]

    def add_unnamed(self, text: str, start: int, end: int) -> Actor:
        """An unnamed source (``analysts``, ``a senior official``) kept as its phrase."""
        phrase = re.sub(r"^(?:the|a|an|some|several|many|other|two|three)\s+", "", text.strip(), flags=re.IGNORECASE)
        # Scoped to the article: "officials" here and "officials" in another story are
        # not the same real actor, so the store must not merge them.
        actor = Actor(id=f"unnamed:{slug(phrase) or 'source'}@{self.article.id}", name=phrase or text,
                      kind="unnamed")
        actor = self.add(actor)
        actor.add_mention(Mention(text, start, end, "description"))
        self._spans = None
        return actor

    def add_descriptor(self, actor_id: str, text: str, start: int, end: int) -> None:
        if not any(d.start == start and d.end == end for d in self.descriptors):
            self.descriptors.append(Descriptor(actor_id, text, start, end))

    # -- lookup ---------------------------------------------------------------
    def _sorted(self) -> list[tuple[int, int, str]]:
        if self._spans is None:
            self._spans = sorted((m.start, m.end, a.id) for a in self.actors.values() for m in a.mentions)
            self._longest = max((e - s for s, e, _ in self._spans), default=0)
        return self._spans

    def at(self, start: int, end: int) -> Actor | None:
        """The actor with a mention overlapping [start, end), preferring the tightest fit."""
        spans = self._sorted()
        best: tuple[int, str] | None = None
        i = bisect.bisect_left(spans, (start - self._longest, -1, ""))
        while i < len(spans) and spans[i][0] < end:
            s, e, aid = spans[i]
            ov = min(end, e) - max(start, s)
            if ov > 0:
                waste = (e - s) + (end - start) - 2 * ov
                if best is None or waste < best[0]:
                    best = (waste, aid)
            i += 1
        return self.actors[best[1]] if best else None

    def for_token(self, tok: Token) -> Actor | None:
        return self.at(tok.idx, tok.idx + len(tok.text))

    def for_span(self, span: Span) -> Actor | None:
        return self.at(span.start_char, span.end_char)

    def gender_of(self, actor_id: str) -> str | None:
        """``m``/``f`` when known (KB, first name, title), else None."""
        return self.gender.get(actor_id)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors.values())


# ---------------------------------------------------------------------------
class _Resolver:
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
        self.history: list[tuple[int, str, int, bool]] = []  # (token, actor id, sentence, subject)
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

    def push(self, tok_i: int, aid: str) -> None:
        t = self.doc[tok_i]
        subj = t.dep_ in SUBJ or (t.dep_ in ("compound", "poss", "appos") and t.head.dep_ in SUBJ)
        self.history.append((tok_i, aid, self.sent_of[tok_i], subj))

    # -- pass 1: names --------------------------------------------------------
    def trim(self, start: int, end: int) -> tuple[int, int]:
        doc = self.doc
        while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
            start += 1
        while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].text in POSSESSIVE
                               or doc[end - 1].is_punct and doc[end - 1].text not in (".",)):
            end -= 1
        return start, end

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

    def strip_title_tokens(self, s: int, e: int) -> int:
        doc = self.doc
        titles = self.kb.titles
        while s < e - 1 and (doc[s].lower_.strip(".") in titles):
            s += 1
        return s

    def names(self) -> None:
        doc = self.doc
        kb = self.kb
        cands = self.candidates()
        persons = []
        surnames = {norm(doc[e - 1].text) for s, e, label in cands if label == "PERSON" and e - s > 1}
        for s, e, label in cands:
            if label != "PERSON" and e - s == 1 and norm(doc[s].text) in surnames and not kb.place(doc[s].text):
                label = "PERSON"  # "Trump" tagged ORG after "Donald Trump"
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

    def locative(self, s: int, e: int) -> bool:
        """A place used as a location (``in Moscow``), not as an actor."""
        root = self.doc[s:e].root
        return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE

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

    def has_name_after(self, h: Token) -> bool:
        """The agent noun is the title of a name (``President Putin``, ``spokesperson X``)."""
        if h.dep_ in ("compound", "appos") and h.head.ent_type_ in ("PERSON", "ORG") and h.head.i > h.i:
            return True
        nxt = h.i + 1
        if nxt < len(self.doc) and self.doc[nxt].ent_type_ == "PERSON":
            return True
        return any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in h.children)

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

    def person_from_entity(self, ent: Entity) -> str:
        aid = ent.id
        if aid not in self.index.actors:
            self.new_actor(aid, ent.name, "person")
        self.entity[aid] = ent
        if ent.female:
            self.index.gender[aid] = "f"
        return aid

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
        elif m and m.group(1).lower() in TLD | {"com": None, "org": None, "net": None, "news": None, "info": None}:
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
        for s, ns, e, bare in full:
            key = norm(bare)
            aid = self.full_people.get(key)
            if aid is None:
                # the same person under a longer/shorter full name (first + last match)
                toks = key.split()
                for k2, a2 in self.full_people.items():
                    t2 = k2.split()
                    # George Bush = George W. Bush, but George H. W. Bush is another man
                    if t2[-1] == toks[-1] and t2[0] == toks[0] and (
                            t2[1:-1] == toks[1:-1] or not t2[1:-1] or not toks[1:-1]):
                        aid = a2
                        break
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
            self.people_by_surname.setdefault(norm(doc[e - 1].text), []).append((s, aid))
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

    # -- pass 2: titles, appositions, descriptors ------------------------------
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
            break
        start = j + 1
        if start >= lo:
            return
        pre = doc[start:lo]
        if not any(t.pos_ in ("NOUN", "PROPN", "ADJ") for t in pre):
            return
        self.title_phrase(aid, actor, pre, lo)

    def appositions(self, aid: str, actor: Actor, span: Span) -> None:
        doc = self.doc
        root = span.root
        # "Vladimir Solovyov, Putin's key propagandist": the apposition after the name.
        for c in root.children:
            if c.dep_ == "appos" and c.i >= span.end and c.pos_ in ("NOUN",) and not self.tok_named[c.i]:
                left = c.left_edge.i
                if left < span.end:
                    continue
                self.title_phrase(aid, actor, doc[left:c.i + 1], None)
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
                    and (h.i + 1 >= len(doc) or doc[h.i + 1].lower_ not in ("and", "or")):
                self.title_phrase(aid, actor, doc[k:h.i + 1], None)
        # "Russia's president, Vladimir Putin": the name is the apposition.
        if root.dep_ == "appos" and root.head.i < span.start and root.head.pos_ == "NOUN" \
                and not self.tok_named[root.head.i]:
            h = root.head
            self.title_phrase(aid, actor, doc[h.left_edge.i:h.i + 1], None)

    def denotes_agent(self, head: Token, actor: Actor) -> bool:
        """The head of an apposition can describe this actor (``propagandist``,
        ``thinker``; for organisations ``outlet``), not ``the goal`` or ``a range``."""
        low = head.lower_
        if self.kb.agent(low) or self.kb.agent(head.lemma_.lower()):
            return True
        if actor.kind == "person":
            return low in DESC_PERSON or bool(AGENTIVE.search(low))
        return low in DESC_ORG

    def title_phrase(self, aid: str, actor: Actor, phrase: Span, name_start: int | None) -> None:
        """A noun phrase that names ``actor``'s role or labels it: add it as a
        ``title`` mention, take role/country/sector from it, and keep it as a
        descriptor when it is more than a neutral title."""
        doc = self.doc
        # trim leading determiners/punct for the mention; the descriptor keeps "the"/"a"
        head = None
        for t in reversed(list(phrase)):
            if t.pos_ in ("NOUN", "PROPN") and not self.tok_named[t.i]:
                head = t
                break
        if head is None or not self.denotes_agent(head, actor):
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
        if label:
            s, e = phrase.start_char, phrase.end_char
            self.index.add_descriptor(aid, self.text[s:e], s, e)

    def describe(self, t: Token) -> str | None:
        """Resolve a description noun (``the dictator``) now, from the names seen before it."""
        if not self.is_description(t):
            return None
        if self.tok_actor[t.i]:
            return self.tok_actor[t.i]
        return self.resolve_description(t)

    # -- pass 3: coreference ---------------------------------------------------
    def is_description(self, t: Token) -> bool:
        low = t.lower_
        if (low not in DESC_PERSON and low not in DESC_ORG) or t.pos_ != "NOUN" or t.tag_ not in ("NN",) \
                or self.tok_named[t.i]:
            return False
        # "the US president": a role phrase, not a description of someone named before
        if any(c.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") for c in t.lefts):
            return False
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in t.lefts):
            return False
        if t.dep_ in ("compound",) or self.has_name_after(t):
            return False
        # "the company that ..." with no agent meaning: a new referent, not a description
        return not (any(c.dep_ in ("prep", "relcl", "acl") and c.lower_ != "'s" for c in t.children)
                    and not self.kb.agent(t.lower_))

    def resolve_description(self, t: Token) -> str | None:
        ag = self.kb.agent(t.lower_) or (None, t.lower_)
        sector, role = ag
        want = "org" if t.lower_ in DESC_ORG else "person"
        strict = want == "person" and t.lower_ not in SALIENT_NOUNS
        return self.resolve(t.i, want, None, role=role, sector=sector, strict=strict)

    def resolve(self, i: int, want: str, gender: str | None, role: str | None = None,
                sector: str | None = None, strict: bool = False) -> str | None:
        si = self.sent_of[i]
        best = None
        best_key = None
        for tok_i, aid, s, subj in reversed(self.history):
            if tok_i >= i:
                continue
            dist = si - s
            if dist > 3:
                break
            a = self.index.actors.get(aid)
            if a is None:
                continue
            if want == "person":
                if a.kind != "person":
                    continue
                g = self.index.gender.get(aid)
                if gender and g and g != gender:
                    continue
            elif want == "org":
                if a.kind not in ("organization", "group"):
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
            at = self.attr.get(aid, {})
            arole = at.get("role")
            role_match = bool(role and arole and (arole == role or role in arole))
            if role and want == "org" and not role_match:
                asec = at.get("sector")
                role_match = bool(sector and asec == sector)
            gmatch = bool(gender and self.index.gender.get(aid) == gender)
            key = (0 if role_match else 1, dist, 0 if subj else 1, 0 if gmatch else 1, -tok_i)
            if best_key is None or key < best_key:
                best_key, best = key, aid
        if best is None:
            return None
        if strict and best_key[0] == 1:
            return None  # "the spokesperson" with no spokesperson named: not a guess
        if want == "org" and role and best_key[0] == 1 and sector is not None:
            # "the outlet" with no outlet around: do not guess.
            return None
        return best

    def coref(self, only_names: bool = False) -> None:
        doc = self.doc
        self.history = []
        named_at: dict[int, str] = {}
        for aid, a in self.index.actors.items():
            for m in a.mentions:
                sp = doc.char_span(m.start, m.end, alignment_mode="expand")
                if sp is not None:
                    named_at.setdefault(sp.root.i, aid)
        if only_names:
            for i in sorted(named_at):
                self.push(i, named_at[i])
            return
        # Only pronouns, agent nouns and named positions need a look: find them on arrays.
        lows = doc.to_array("LOWER")
        wanted = _wanted_hashes(doc, self.kb)
        todo = sorted(set(named_at) | {i for i, h in enumerate(lows.tolist()) if h in wanted})
        for i in todo:
            t = doc[i]
            aid = named_at.get(i)
            if aid is not None:
                self.push(t.i, aid)
                continue
            low = t.lower_
            if t.pos_ == "PRON" and (low in MALE_PRON or low in FEMALE_PRON or low in PLURAL_PRON):
                if self.in_quote(t.idx) or not self.story(t.idx, t.idx + len(t.text)):
                    continue
                if low in PLURAL_PRON:
                    r = self.resolve(t.i, "plural", None)
                else:
                    r = self.resolve(t.i, "person", "m" if low in MALE_PRON else "f")
                if r:
                    self.mention(r, t.i, t.i + 1, "pronoun")
                    self.push(t.i, r)
                continue
            if t.pos_ == "NOUN" and self.tok_actor[t.i] is None and self.is_description(t):
                if self.in_quote(t.idx) or not self.story(t.idx, t.idx + len(t.text)):
                    continue
                r = self.resolve_description(t)
                if r:
                    det = min((c.i for c in t.children if c.dep_ == "det"), default=t.i)
                    start = min([det] + [c.i for c in t.children if c.dep_ in ("amod", "compound") and c.i < t.i])
                    self.mention(r, start, t.i + 1, "description")
                    self.push(t.i, r)
                    words = {x.lower_ for x in doc[start:t.i + 1]} - NEUTRAL_MODS
                    if t.lower_ in EVALUATIVE or len(words) > 1:
                        s, e = doc[start].idx, t.idx + len(t.text)
                        self.index.add_descriptor(r, self.text[s:e], s, e)

    # -- pass 2b: role phrases without a name ----------------------------------
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

    # -- pass 4: attributes -----------------------------------------------------
    def merge_roles(self) -> None:
        """``the Iranian foreign minister`` after ``Iranian Foreign Minister Abbas
        Araghchi``: the unnamed role actor is the named person holding that role."""
        for rid in [a for a in self.index.actors if a.startswith("role:")]:
            at = self.attr.get(rid, {})
            holders = [aid for aid, a in self.index.actors.items()
                       if a.kind == "person" and not aid.startswith("role:")
                       and self.attr.get(aid, {}).get("role") == at.get("role")
                       and self.attr.get(aid, {}).get("country") == at.get("country")]
            if len(holders) != 1:
                continue
            role_actor = self.index.actors.pop(rid)
            for m in role_actor.mentions:
                self.index.add_mention(holders[0], m.text, m.start, m.end, "title" if m.kind == "demonym" else m.kind)
            for d in self.index.descriptors:
                if d.actor == rid:
                    d.actor = holders[0]
            self.attr.pop(rid, None)
        self.index._spans = None

    def finish(self) -> ActorIndex:
        self.merge_roles()
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
            if a.country and a.country not in ("IGO", "NGO", "IMG", "MNC"):
                votes[a.country] += sum(1 for m in a.mentions if m.kind != "pronoun")
        total = sum(votes.values())
        top = votes.most_common(2)
        dominant = top[0] if top else None
        second = top[1][1] if len(top) > 1 else 0
        for aid, a in self.index.actors.items():
            if a.kind == "person" and a.country is None and dominant and dominant[1] >= 0.5 * total \
                    and dominant[1] >= 5 and dominant[1] >= 2.5 * second:
                # An unknown person in an article about one country: most likely of it.
                a.country = dominant[0]
            if a.kind == "person" and a.sector is None and a.role:
                ag = self.kb.agent(a.role)
                if ag and ag[0]:
                    a.sector = ag[0]
        return self.index


_WANTED: dict[int, set[int]] = {}


def _wanted_hashes(doc: Doc, kb: KB) -> set[int]:
    """Hashes of the lower-case words coreference looks at: pronouns and one-word agent nouns."""
    key = id(doc.vocab)
    got = _WANTED.get(key)
    if got is None:
        strings = doc.vocab.strings
        words = MALE_PRON | FEMALE_PRON | PLURAL_PRON | {k for k in DESC_PERSON | DESC_ORG if " " not in k}
        got = _WANTED[key] = {strings.add(w) for w in words}
    return got


def resolve_actors(doc: Doc, article: Article) -> ActorIndex:
    """All actors of the article with their mentions, descriptors and attributes."""
    r = _Resolver(doc, article)
    r.names()
    r.role_phrases()
    r.coref(only_names=True)  # the history of names, for descriptions inside titles
    r.titles()
    r.coref()
    return r.finish()
