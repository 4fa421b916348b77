"""Speakers: from a cue to the mention that made the statement, and on to its actor.

Works on the parse only (no second spaCy call): the subject of the cue, or of the
verb it hangs from (``adding``, ``saying``, ``titled``), the agent of a passive
(``was told by X``), the object of ``according to``. Pronouns and descriptions
go through the ``ActorIndex`` and its one coreference step (``nlp/coref.py``).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.model import Actor, Article
from newsgraph.nlp.actors import ActorIndex
from newsgraph.nlp.cues import (
    FIRST,
    GENERIC_REPORT_WORDS,
    NEUTER,
    NON_SOURCES,
    OBJECT_VERBS,
    PERSONAL,
    PLURAL,
    RELATIVE,
    SAY_VERBS,
    UNNAMED_HEADS,
    UNSOURCED_REPORTS,
)

SUBJ = ("nsubj", "nsubjpass", "csubj")
# "a Philippine daily reported": newspapers named by how often they appear, which the
# entity recogniser tags as dates
PERIODICALS = frozenset({"daily", "weekly", "monthly", "dailies", "weeklies", "monthlies"})
# Documents and utterances whose author is the source: "a statement from the ministry".
AUTHORED = frozenset((
    "statement", "tweet", "post", "release", "letter", "report", "memo", "email", "message",
    "announcement", "interview", "speech", "remark", "remarks", "comment", "comments",
    "communique", "video", "ad", "advertisement", "editorial", "column", "op-ed", "article",
    "filing", "document", "paper", "study", "survey", "poll", "transcript",
))
# Dependents that end a speaker's noun phrase: "X, who ...", "X, a thinker ...".
NP_STOP = frozenset(("relcl", "acl", "appos", "punct", "advcl", "cc", "parataxis"))
# "X was heard saying", "X was filmed shouting": the one heard speaks, as the one quoted does
PERCEIVED = frozenset(("quote", "hear", "overhear", "record", "film", "catch"))
# "X is reported to have said ...": the one reported speaks, when what X is reported to
# have done is itself a report (the cue); "was said to" alone is a report with no source
RAISING = frozenset(("report", "say", "allege"))
CLIMB = frozenset(("advcl", "xcomp", "conj", "acl", "pcomp", "pobj", "prep", "dobj", "ccomp", "relcl", "npadvmod"))


@dataclass
class Speaker:
    actor: Actor | None
    text: str
    start: int
    end: int


def _agent_source(p: Token) -> bool:
    """A ``by`` phrase that names someone (``by Senator X``, ``by witnesses``), not the
    means (``by telephone``, ``by email``)."""
    named = ("PERSON", "ORG", "GPE", "NORP")
    return p.ent_type_ in named or p.pos_ == "PROPN" or p.lemma_.lower() in UNNAMED_HEADS or any(
        c.dep_ in ("poss", "compound") and (c.pos_ == "PROPN" or c.ent_type_ in named) for c in p.children)


def after_comma_participle(t: Token) -> bool:
    """``…, adding one factor would be …``: a participle after a comma that the parser made
    the clausal subject of the verb after it. It is the speaker's next report, its object
    the subject of the reported clause (``content_bounds``)."""
    return (t.tag_ == "VBG" and t.dep_ == "csubj" and t.head.i > t.i and t.head.pos_ in ("VERB", "AUX")
            and t.i > t.sent.start and t.doc[t.i - 1].text == ",")


def _phrase_subject(c: Token, earlier: list[Token]) -> Token:
    """Of two subjects the parser gave a verb, the later one ``c`` may only continue a
    phrase of the earlier one: a name or apposition after a prepositional object inside
    it (``Jane Roe on a program on the channel NTV stated``, ``the mother of John Doe, one
    of the hostages, said``). Then the earlier subject is the source; a name set off by a
    comma stays the source (``Chief of surgery, Dr. Jane Roe said``)."""
    doc = c.doc
    k = c.left_edge.i - 1
    comma = False
    while k >= 0 and doc[k].text == ",":
        k -= 1
        comma = True
    if k < 0 or comma and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON") and c.ent_type_ not in ("GPE", "LOC"):
        # ("Mayor of Buffalo, Jane Roe said": a name set off after the description is the
        # description's apposition, and the one who spoke; a place is not: "Jane Roe of the
        # University of California, Los Angeles said")
        return c
    for x in sorted(earlier, key=lambda x: -x.i):
        if not x.left_edge.i <= k <= x.right_edge.i or k == x.i:
            continue
        inner = doc[k]
        while inner.dep_ in ("compound", "flat", "amod", "det") and inner.head.i > inner.i:
            inner = inner.head
        if inner.dep_ != "pobj":
            continue
        return x
    return c


def _place_closing_phrase(c: Token, verb: Token) -> bool:
    """``Jane Roe of the University of California, Los Angeles disagreed``: the parser hung
    the verb on the name (parataxis) and gave it the place closing the name's phrase for
    subject; the name is the source."""
    doc = c.doc
    k = c.left_edge.i - 2
    return (verb.dep_ == "parataxis" and verb.head.pos_ in ("PROPN", "NOUN") and c.ent_type_ in ("GPE", "LOC")
            and verb.head.i <= k and doc[k + 1].text == "," and verb.head.is_ancestor(doc[k])
            and not verb.is_ancestor(doc[k]))


def _name_after_title(c: Token, subs: list[Token]) -> Token:
    """``said Chief of surgery, Dr. Jane Roe``: of the subjects after the cue, a person's
    name set off after the title the parser also made a subject is the one who spoke."""
    doc = c.doc
    later = [x for x in subs if x.i > c.i and x.ent_type_ == "PERSON"]
    if later and c.ent_type_ != "PERSON" and all(
            doc[k].text == "," or c.left_edge.i <= k <= c.right_edge.i
            or doc[k].dep_ in ("compound", "flat", "det", "amod") and doc[k].head.i == later[0].i
            for k in range(c.i + 1, later[0].i)):
        return later[0]
    return c


def subject_of(verb: Token, max_up: int = 4) -> Token | None:
    """The source of a cue verb: its subject, the passive agent, or the subject of
    the clause it depends on."""
    up = verb.head
    if verb.dep_ == "pcomp" and up.lower_ == "as":
        for _ in range(4):  # "as" may hang from the object rather than the verb
            if up.lemma_ in ("quote", "cite") or up.head.i == up.i:
                break
            up = up.head
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "pcomp") and up.lemma_ in ("quote", "cite"):
        # "The BBC cited Budi Gunawan as saying ...": the one cited speaks
        obj = next((c for c in up.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if obj is not None:
            return obj
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj") or after_comma_participle(verb):
        # "X said the 36 must face charges, adding ...": the participle hangs from
        # the reported clause; its source is the speaker of the verb above it.
        up = verb.head
        for _ in range(3):
            if (up.lemma_.lower() in SAY_VERBS or up.lemma_.lower() in OBJECT_VERBS) and up.i != verb.i:
                return subject_of(up, max_up)
            if up.head.i == up.i:
                break
            up = up.head
    tok = verb
    via_conj = False
    for _ in range(max_up):
        # a reduced passive has no auxiliary but keeps its "by" agent ("a man, described by
        # witnesses as ...", "the bill, written by Senator X,")
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) or tok.i == verb.i and any(
            c.dep_ == "agent" and any(_agent_source(p) for p in c.children) for c in tok.children)
        if passive:
            for c in tok.children:
                if c.dep_ == "agent":
                    for p in c.children:
                        if p.dep_ == "pobj" and (tok.i != verb.i or _agent_source(p) or any(
                                x.dep_ in ("auxpass", "nsubjpass") for x in tok.children)):
                            return p
            # "X was quoted as saying": the quoted one is the source.
            if tok.lemma_ not in PERCEIVED and tok.i == verb.i:
                return None
        if tok.lemma_ in PERCEIVED:
            for c in tok.children:
                if c.dep_ in ("dobj", "nsubjpass"):
                    return c
        # "The attacker is reported to have jumped on stage and claimed ...": a verb
        # coordinated with a passive shares its subject
        subs = [c for c in tok.children
                if c.dep_ in ("nsubj", "csubj") or (c.dep_ == "nsubjpass" and (tok.lemma_ in PERCEIVED or via_conj
                                             or tok.i != verb.i and tok.lemma_ in RAISING))]
        if subs:
            # "Early opponent MP Tanya Davies said": the parser may give two subjects
            c = min(subs, key=lambda x: abs(x.i - tok.i))
            doc = tok.doc
            if c.i < tok.i and len(subs) > 1 and c.ent_type_ == "GPE" and c.i >= 2 \
                    and doc[c.i - 1].text == "," and doc[c.i - 2].ent_type_ in ("GPE", "LOC"):
                # "the ministry in Munich, Germany confirmed": the country closes the place
                # phrase the parser cut in two; the subject before it speaks
                earlier = [x for x in subs if x.i < c.i]
                if earlier:
                    c = max(earlier, key=lambda x: x.i)
            if c.i < tok.i and len(subs) > 1:
                c = _phrase_subject(c, [x for x in subs if x.i < c.i])
            if c.i < tok.i and _place_closing_phrase(c, tok):
                c = tok.head
            if c.i > tok.i and len(subs) > 1:
                c = _name_after_title(c, subs)
            if c.i > tok.i:
                # "said study co-author Karen Alley": the hyphen splits the phrase and the
                # parser makes its first piece a subject too; after the cue, the phrase's
                # head is its last subject (one phrase: no comma or verb between)
                for x in sorted(subs, key=lambda x: x.i):
                    if x.i > c.i and not any(doc[k].text in (",", ";", ":") or doc[k].pos_ in ("VERB", "AUX")
                                             for k in range(c.i + 1, x.i)):
                        c = x
            if c.lower_ in RELATIVE and tok.dep_ != "relcl":
                return None
            return c  # a relative "who" is resolved to the noun it modifies
        if tok.dep_ == "relcl":
            return tok.head
        if tok.dep_ not in CLIMB and not (tok.dep_ == "advmod" and tok.pos_ == "ADV") or tok.head.i == tok.i:
            # (an adverb the cue hangs from: "went as far as to say")
            return None
        if tok.dep_ == "ccomp" and tok.head.i > tok.i:
            # a clause the parser hung on a verb after it ("X expressed ...; the government
            # needs ..."): that verb's subject is not this one's source
            return None
        via_conj = tok.dep_ == "conj"
        tok = tok.head
    return None


def unsourced_report(head: Token) -> bool:
    """``according to reports``, ``media reports said``: a report no one is named
    behind, so the statement has no speaker (D1). A determiner, a possessor, an author
    (``government reports``, ``a report by the UN``) make it a source."""
    if head.lower_ not in UNSOURCED_REPORTS:
        return False
    for c in head.children:
        if c.dep_ in ("det", "poss", "nummod") or c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
            return False
        if c.dep_ in ("compound", "amod", "nmod") and c.lower_ not in GENERIC_REPORT_WORDS:
            return False
    return True


def _in_prep_phrase(tok: Token) -> bool:
    """Whether the name ``tok`` belongs to is the object of a preposition (its only
    one: a second object is the parser running a phrase into the subject, ``In the blog
    post Chris Wright, the CTO, said``)."""
    # (a conjunct is the preposition's object too: "in Science and Technology")
    while tok.dep_ in ("compound", "flat", "conj") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and sum(c.dep_ == "pobj" for c in tok.head.children) == 1


def relayed_source(subj: Token) -> Token:
    """``According to ISNA, the prosecutor general, said ...``: the parser takes the
    outlet that relays the report for the subject and hangs the one who spoke on it in
    apposition; the one who spoke is the source."""
    a = subj.left_edge.i
    doc = subj.doc
    # the relay's name split by the parser: "According to the agency Tasnim(nsubj), ..."
    split = any(p.dep_ == "prep" and p.lower_ == "according" and p.right_edge.i + 1 == a
                for p in subj.head.children)
    if split or a >= 2 and doc[a - 1].lower_ == "to" and doc[a - 2].lower_ == "according":
        appos = next((c for c in subj.children if c.dep_ == "appos"), None)
        if appos is not None:
            return appos
    return subj


def according_phrase(cue: Token) -> tuple[Token, int] | None:
    """The source of ``according to`` and the last token of its phrase, where the parser
    cut the phrase short: ``According to Ohio Senator Mark Dunn, …`` with only ``Ohio``
    as the object (the name runs on to the comma), and ``According to the town manager,
    Carl Moss, there were …`` (a name set off in apposition before the clause: the one
    named is the source). None when the parse needs no mending."""
    doc = cue.doc
    if cue.i + 1 >= len(doc) or doc[cue.i + 1].lower_ != "to":
        return None
    to = doc[cue.i + 1]
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    sent_end = cue.sent.end
    end = obj.right_edge.i
    head = obj
    k = end + 1
    while k < sent_end and doc[k].pos_ == "PROPN":
        # a name the parser split off its object: "Ohio | Senator Mark Dunn"
        k += 1
    if k > end + 1 and k < sent_end and doc[k].text == ",":
        end = k - 1
        head = doc[end]
    # "the town manager, Carl Moss, there were …": a name in apposition, then the clause
    a = end + 2
    if head.pos_ == "NOUN" and a < sent_end and doc[end + 1].text == "," and doc[a].pos_ == "PROPN":
        f = a
        while f + 1 < sent_end and doc[f + 1].pos_ == "PROPN":
            f += 1
        if f + 2 < sent_end and doc[f + 1].text == "," and doc[f + 2].pos_ != "NUM" \
                and doc[f + 2].lower_ not in RELATIVE:
            g = f + 2
            while g < sent_end and doc[g].pos_ not in ("VERB", "AUX") and doc[g].text != ",":
                g += 1
            if g < sent_end and doc[g].text != ",":
                return doc[f], f
    if head is obj:
        return None
    return head, end


def according_appos(verb: Token) -> Token | None:
    """``According to the BBC, a spokesman expressed ...`` with the spokesman parsed as
    an apposition of the BBC and the verb left without a subject."""
    for p in verb.children:
        if p.dep_ == "prep" and p.lower_ == "according":
            for to in p.children:
                for o in to.children:
                    if o.dep_ == "pobj":
                        return next((c for c in o.children if c.dep_ == "appos"), None)
    return None


def inverted_subject(verb: Token) -> Token | None:
    """``The rule is unlawful, argued the city's lawyer``: after the reported clause and a
    comma, an inverted cue's subject that the parser took for its object. The clause is
    the cue's complement to its left, or the verb the parser coordinated the cue with;
    then only a saying verb with no object of its own (``…, reported record profits``
    is a second act) and an object that ends the sentence."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text != "," or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i
                and c.pos_ in ("NOUN", "PROPN") and c.lower_ not in NON_SOURCES), None)
    if obj is None:
        return None
    if any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children):
        return obj
    end = obj.right_edge.i + 1
    while end < len(doc) and doc[end].is_punct and doc[end].text not in (",", ";", ":"):
        end += 1
    # (an object verb too when its object names a source: "…, reported officials.")
    source_like = obj.ent_type_ in ("PERSON", "ORG", "NORP") or obj.lower_ in UNNAMED_HEADS \
        or obj.lemma_.lower() in UNNAMED_HEADS
    if verb.dep_ == "conj" and verb.head.i < verb.i and verb.head.pos_ in ("VERB", "AUX") \
            and verb.lemma_.lower() in SAY_VERBS and (verb.lemma_.lower() not in OBJECT_VERBS or source_like) \
            and not any(c.dep_ == "cc" and c.i < verb.i for c in verb.head.children) \
            and (end >= verb.sent.end or doc[end].is_sent_start):
        return obj
    return None


def adjacent_subject(verb: Token) -> Token | None:
    """A subject the parser missed: the noun phrase right before a finite cue
    (``…, Jamel Msallem, said``) or right after it (``"…," said Jane Doe``)."""
    doc = verb.doc
    # ('"…" tweeted Mayor X': right after a closing quotation mark the parser may take
    # the inverted cue for a participle modifying the name)
    after_quote = verb.i > 0 and verb.tag_ == "VBN" and doc[verb.i - 1].text in ('"', "”", "’", "'")
    if verb.tag_ not in ("VBD", "VBZ", "VBP") and not after_quote:
        return None
    obj = inverted_subject(verb)
    if obj is not None:
        return obj
    j = verb.i - 1
    while j >= 0 and doc[j].text in (",", "—", "–") :
        j -= 1
    if j >= 0 and doc[j].pos_ in ("PROPN", "NOUN", "PRON") and doc[j].lower_ not in NON_SOURCES:
        t = doc[j]
        while t.dep_ in ("compound", "flat") and t.head.i != t.i and t.head.i > t.i:
            t = t.head
        # "Jane Doe, columnist from a sports network, said": the name before the cue ends
        # a phrase set off before it; the one it describes is the source
        described = t
        while described.dep_ == "pobj" and described.head.dep_ == "prep" \
                and described.head.head.pos_ in ("NOUN", "PROPN") and described.head.head.i < described.i:
            described = described.head.head
        if described.i != t.i and described.dep_ in ("appos", "conj") and described.pos_ == "NOUN" \
                and described.head.pos_ == "PROPN" and described.head.i < described.i \
                and described.head.ent_type_ == "PERSON":
            t = described.head
        return t
    j = verb.i + 1
    while j < len(doc) and doc[j].dep_ in ("compound", "det", "amod") and doc[j].pos_ != "PUNCT":
        j += 1
    if j < len(doc) and doc[j].pos_ == "PROPN":
        return doc[j]
    return None


def np_bounds(head: Token) -> tuple[int, int]:
    """Token range [a, b] of the noun phrase headed by ``head``, without its
    relative clauses, appositions and trailing punctuation."""
    a = head.left_edge.i
    b = head.i
    doc = head.doc
    for c in head.rights:
        # "the news outlet Politico" stays whole; "Dugin, a thinker" ends at the comma
        if c.dep_ in NP_STOP and not (c.dep_ == "appos" and c.left_edge.i == b + 1
                                      and not doc[c.left_edge.i].is_punct):
            break
        b = c.right_edge.i
    while b > a and doc[b].is_punct:
        b -= 1
    paren = next((k for k in range(head.i + 1, b + 1) if doc[k].text == "("), None)
    if paren is not None:  # "Sadiq Khan (no relation)": an aside, not the name
        b = paren - 1
    # ('"… all safe" tweeted Mayor X': a phrase the parser ran back over a quotation and
    # its cue starts after them)
    for k in range(head.i - 1, a - 1, -1):
        if doc[k].text in ('"', "“", "”") and k + 1 <= head.i:
            a = k + 1
            while a < head.i and doc[a].pos_ == "VERB":
                a += 1
            break
    while a < b and (doc[a].is_punct or doc[a].dep_ == "cc" or doc[a].is_space):
        a += 1
    return a, b


class SpeakerResolver:
    """Resolves subject tokens to actors through the index, with fallbacks."""

    def __init__(self, doc: Doc, article: Article, index: ActorIndex) -> None:
        self.doc = doc
        self.article = article
        self.index = index
        self.text = article.text

    # -- mentions and actors --------------------------------------------------
    def by_description(self, head: Token, pos: int) -> Actor | None:
        """``the Department`` -> the most recent actor whose name holds ``department``."""
        word = head.lower_
        if len(word) < 4:
            return None
        best: tuple[int, Actor] | None = None
        for a in self.index.actors.values():
            if a.kind == "unnamed":
                continue
            if word not in a.name.lower().split():
                continue
            last = max((m.start for m in a.mentions if m.start < pos), default=-1)
            if last >= 0 and (best is None or last > best[0]):
                best = (last, a)
        return best[1] if best else None

    def covering(self, head: Token) -> Actor | None:
        """The actor with the tightest mention that covers the head token (so the
        ``Russia`` in ``Russia's president`` does not speak for the president)."""
        pos = head.idx
        best: tuple[int, Actor] | None = None
        for a in self.index.actors.values():
            for m in a.mentions:
                if m.start <= pos < m.end and (best is None or m.end - m.start < best[0]):
                    best = (m.end - m.start, a)
        return best[1] if best else None

    def _author(self, head: Token) -> Actor | None:
        for c in head.children:
            if c.dep_ in ("poss", "compound") and c.pos_ in ("PROPN", "PRON", "NOUN"):
                if c.pos_ == "PRON":
                    sp = self.resolve(c)
                    return sp.actor if sp else None
                got = self.covering(c)
                if got is not None and got.kind != "unnamed":
                    return got
        for c in head.rights:
            if c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        got = self.covering(p)
                        if got is not None and got.kind != "unnamed":
                            return got
        return None

    def _named_in_apposition(self, head: Token) -> list[Token]:
        """Names that stand beside a descriptive subject: in apposition (``the president
        of X, Jane Doe,``), or coordinated with its description by the parser (``Retired
        FBI agent and terrorism specialist Ali Soufan told``: the description and the
        name are one person), with their own appositions."""
        out: list[Token] = []
        for c in head.children:
            if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in ("name", "call") and c.i > head.i:
                # "a university student named Wong"
                out.extend(x for x in c.children if x.dep_ in ("oprd", "dobj") and x.pos_ == "PROPN")
            elif c.dep_ == "conj" and head.pos_ == "PROPN" and c.pos_ == "NOUN" and not any(
                    x.dep_ == "cc" and head.i < x.i < c.i for x in head.children):
                # "University of X, Springfield's chancellor, Jane Doe": a description the
                # parser joined to the name before it with no "and", then the name
                out.extend(x for x in c.children if x.dep_ == "appos" and x.pos_ == "PROPN")
            elif c.dep_ == "appos":
                # "the prosecutor general of Tehran, Karim Dastani,": the name may hang
                # on the last word of the description
                out.extend(x for x in c.subtree if x.dep_ == "appos" and x.i > c.i and x.ent_type_ == "PERSON")
                out.append(c)
            elif c.dep_ == "conj" and head.pos_ == "NOUN" and c.i < head.head.i:
                if c.pos_ == "PROPN" and c.ent_type_ == "PERSON":
                    out.append(c)
                out.extend(x for x in c.children if x.dep_ == "appos" and x.ent_type_ == "PERSON")
        return out

    def _name_after(self, b: int) -> tuple[Actor, int, int] | None:
        """``the chief economist for EEF, Jane Roe, commented``, ``said the adviser for
        the White House, Jane Roe.``: a person's name set off by a comma right after a
        description that ends at token ``b``, which the parser hung elsewhere (on the
        description's last object, or as a clause of its own). The name must close the
        phrase: a comma, a full stop or the end of the sentence follows it."""
        doc = self.doc
        k = b + 2
        if k >= len(doc) or doc[b + 1].text != "," or doc[k].ent_type_ != "PERSON" or doc[k].ent_iob_ != "B":
            return None
        end = k
        while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
            end += 1
        after = doc[end + 1] if end + 1 < len(doc) else None
        if after is not None and after.text not in (",", ".") and not after.is_sent_start:
            return None
        root = doc[end]
        if root.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "dative"):
            # ("According to officials, Jane Roe was shot": the name has a role of its own)
            return None
        named = self.covering(root)
        if named is None or named.kind != "person":
            return None
        return named, doc[k].idx, doc[end].idx + len(doc[end].text)

    def resolve(self, head: Token) -> Speaker | None:
        """The speaker behind the subject token ``head``."""
        low = head.lower_
        if low in RELATIVE and head.head.dep_ == "relcl" and head.head.head.i != head.i:
            # "Alex Greenwich, who said …": the surface mention is "who", the
            # speaker is the one it stands for
            inner = self.resolve(head.head.head)
            s, e = head.idx, head.idx + len(head.text)
            return Speaker(inner.actor if inner else None, head.text, s, e)
        if low in NON_SOURCES and low != "it" and head.pos_ in ("PRON", "DET"):
            return None
        if head.ent_type_ in ("DATE", "TIME") and head.lower_ not in PERIODICALS or unsourced_report(head):
            return None
        if head.pos_ == "PRON" or low in PERSONAL | PLURAL | NEUTER | FIRST:
            s, e = head.idx, head.idx + len(head.text)
            actor = self.index.at(s, e)
            known = actor is not None
            if actor is not None and low in PERSONAL and actor.kind != "person":
                actor = None  # "he" is a person, whatever the index says
            if actor is None and low not in FIRST:
                actor = self.index.coreference().antecedent(head)
                if actor is not None and not known:
                    self.index.add_mention(actor.id, head.text, s, e, "pronoun")
            return Speaker(actor, head.text, s, e)
        a, b = np_bounds(head)
        s, e = self.doc[a].idx, self.doc[b].idx + len(self.doc[b].text)
        # The head itself, then a name in apposition ("the president of X, Jane Doe,").
        actor = self.covering(head)
        if actor is None or actor.kind != "person":
            # (a person named in the subject phrase speaks, not the organisation the phrase
            # opens with: "Northern Trade Bank president John Smith said",
            # "a spokesman for the ministry, Ahmed Salem,")
            for c in self._named_in_apposition(head):
                named = self.covering(c)
                if named is not None and named.kind != "person" and head.ent_type_ == "PERSON":
                    # "economist Jane Roe of X Securities in Charlotte, North Carolina":
                    # the place the parser set beside a person's name does not speak
                    continue
                if named is not None and (actor is None or named.kind == "person"):
                    actor = named
                    ca, cb = np_bounds(c)
                    s, e = self.doc[ca].idx, self.doc[cb].idx + len(self.doc[cb].text)
                    break
        if (actor is None or actor.kind != "person") and head.ent_type_ != "PERSON":
            named_after = self._name_after(b)
            if named_after is not None:
                actor, s, e = named_after
        if actor is None and a >= 2 and self.doc[a - 1].text == ",":
            # "Vladimir Solovyov, Putin's key propagandist, put it": a name set
            # off before the description the parser took for the subject (not a name
            # inside a phrase: "Speaking to the Star of Mysore, B Shiva Parvathi said")
            prev = self.doc[a - 2]
            named = self.covering(prev) if prev.pos_ == "PROPN" and not _in_prep_phrase(prev) else None
            if named is not None and named.kind in ("person", "organization"):
                pa, pb = np_bounds(prev)
                actor, s, e = named, self.doc[pa].idx, self.doc[pb].idx + len(self.doc[pb].text)
        if actor is None and head.pos_ == "NOUN" and head.lemma_.lower() in AUTHORED:
            # "a tweet by Mike Pompeo", "a NATO press release", "his statement":
            # the document speaks for its author
            actor = self._author(head)
        if actor is None and head.pos_ == "NOUN":
            det = self.doc[a].lower_
            if det in ("the", "this", "that"):
                actor = self.by_description(head, s)
                if actor is not None:
                    self.index.add_mention(actor.id, self.text[s:e], s, e, "description")
        if actor is None:
            actor = self.index.add_unnamed(self.text[s:e], s, e)
        return Speaker(actor, self.text[s:e], s, e)
