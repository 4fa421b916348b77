"""Statements: direct, mixed and indirect quotes with their speakers and cues.

One pass finds the quotation-mark spans in the text (every style, across
paragraphs), one pass over the tokens finds reporting cues and their
complements; the two are then joined: a quote inside a reported proposition
makes it mixed, a quote with a cue next to it is direct, a quote paragraph with
no cue continues the previous speaker. Short quoted terms with no cue are scare
quotes or titles and are not statements. No second spaCy call: everything comes
from the parse the pipeline already made.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.attrs import IDX, LEMMA, LOWER
from spacy.tokens import Doc, Token

from newsgraph.model import Article, Quote
from newsgraph.nlp.actors import ActorIndex
from newsgraph.nlp.cues import (
    BELIEF_VERBS,
    CONTENT_NOUNS,
    DIRECT_ONLY,
    DOC_NOUNS,
    DOC_VERBS,
    FIRST,
    IMPERSONAL_VERBS,
    LABEL_VERBS,
    NON_SOURCES,
    OBJECT_VERBS,
    PERSONAL,
    PLURAL,
    REPORT_ADVERBS,
    SAY_VERBS,
    SPEECH_NOUNS,
    TITLE_CUES,
    VIEW_NOUNS,
    XCOMP_VERBS,
)
from newsgraph.nlp.interviews import INTERVIEW, Turn, find_turns, label_actor
from newsgraph.nlp.nesting import drop_nested
from newsgraph.nlp.speakers import (
    Speaker,
    SpeakerResolver,
    according_appos,
    adjacent_subject,
    relayed_source,
    subject_of,
)

# ---------------------------------------------------------------------------
# Quotation marks
# ---------------------------------------------------------------------------
DOUBLE_OPEN = {'"': '"', "“": "”", "„": "“", "«": "»", "”": "”"}
DOUBLE_CLOSE = frozenset('"”“»')
SINGLE_OPEN = frozenset("‘'‚")
SINGLE_CLOSE = frozenset("’'")
ALL_MARKS = "\"'“”‘’«»„‚"
OPEN_BEFORE = frozenset(" \t\n([{—–-/:;,")
WORD = re.compile(r"\w+")
LINE = re.compile(r"[^\n]+")
DASH_SIGN = re.compile(r"[ \u00a0\u2009]*([―—–]|--?)[ \u00a0\u2009]*")
LABEL_LINE = re.compile(r"(?m)^[ \t\"“]*([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}):[ \t]+(\S[^\n]{10,})$")
MARK_RE = re.compile("''|``|[\"'“”‘’«»„‚]")


@dataclass
class Marked:
    """A stretch of text between quotation marks (possibly over paragraphs)."""

    open: int  # index of the opening mark
    close: int  # index of the closing mark, or the end of the last paragraph
    start: int  # content start
    end: int  # content end
    pieces: list[list[int]] = field(default_factory=list)
    closed: bool = True
    single: bool = False
    words: int = 0
    direct: bool = False  # long enough / clausal: a direct quote candidate
    title: bool = False


def _is_mark(s: str) -> bool:
    return bool(s) and all(ch in ALL_MARKS or ch == "`" for ch in s)


def _is_alnum(ch: str) -> bool:
    return ch.isalnum()


def _later_single_close(text: str, k: int, pe: int) -> bool:
    """Another closing single mark later in the paragraph that is not a plural
    possessive (``the farmers’ bill``): then this one is the possessive."""
    while True:
        j = min((x for x in (text.find("’", k, pe), text.find("'", k, pe)) if x >= 0), default=-1)
        if j < 0:
            return False
        nxt = text[j + 1] if j + 1 < len(text) else " "
        if not _is_alnum(nxt) and not text[j - 1].isspace() and not (text[j - 1] in "sS" and nxt == " "):
            return True
        k = j + 1


def scan_marks(text: str) -> list[Marked]:
    """Every top-level quotation in ``text``. A paragraph that opens a quote and
    does not close it continues into the next paragraph when that one opens with
    a quotation mark too; otherwise the quote ends with its paragraph."""
    out: list[Marked] = []
    carry: Marked | None = None
    carry_style = ""
    n = len(text)
    for m in LINE.finditer(text):
        ps, pe = m.start(), m.end()
        while ps < pe and text[ps].isspace():
            ps += 1
        while pe > ps and text[pe - 1].isspace():
            pe -= 1
        if ps >= pe:
            continue
        cur: Marked | None = None
        style = ""
        k = ps
        if carry is not None:
            w0 = 2 if text[ps:ps + 2] in ("''", "``") else 1
            if text[ps] in DOUBLE_OPEN or text[ps] in "“«" or w0 == 2:
                cur, style = carry, carry_style
                cur.pieces.append([ps + w0, ps + w0])
                k = ps + w0
            else:
                carry.closed = False
                out.append(carry)
            carry = None
        single: tuple[int, str] | None = None  # an open single quote at top level
        while k < pe:
            mm = MARK_RE.search(text, k, pe)
            if mm is None:
                break
            k = mm.start()
            c = text[k]
            w = 1
            if c in "'`" and text[k + 1:k + 2] == c:
                # typewriter double quotes: ``…'' or ''…''
                c, w = '"', 2
            prev = text[k - 1] if k > 0 else " "
            nxt = text[k + w] if k + w < n else " "
            if cur is None and single is None:
                if c in DOUBLE_OPEN and c != "”" or (c == "”" and prev in OPEN_BEFORE and _is_alnum(nxt)):
                    if c == '"' and not (prev in OPEN_BEFORE or prev in "‘'") and nxt in " \n.,;:)":
                        k += w  # a stray closing mark
                        continue
                    cur = Marked(k, -1, k + w, -1, pieces=[[k + w, k + w]])
                    style = c
                elif c in SINGLE_OPEN and (prev in OPEN_BEFORE or prev in "\"“") and (_is_alnum(nxt) or nxt in "…."):
                    single = (k, c)
            elif cur is not None:
                if c in DOUBLE_CLOSE and (c != "“" or style == "„" or not _is_alnum(nxt)):
                    if c == '"' and style != '"' and _is_alnum(prev) is False and _is_alnum(nxt):
                        k += w
                        continue
                    if c == "“" and style not in ("„",) and _is_alnum(nxt):
                        k += 1
                        continue
                    cur.close = k
                    cur.end = k
                    cur.pieces[-1][1] = k
                    out.append(cur)
                    cur = None
            elif single is not None:
                if c in SINGLE_CLOSE and not prev.isspace() and not _is_alnum(nxt) \
                        and not (prev in "sS" and nxt == " " and _later_single_close(text, k + 1, pe)):
                    sm = Marked(single[0], k, single[0] + 1, k, pieces=[[single[0] + 1, k]], single=True)
                    out.append(sm)
                    single = None
                elif c in DOUBLE_OPEN and c != "”" and prev in OPEN_BEFORE:
                    single = None
                    continue
            k += w
        if cur is not None:
            cur.pieces[-1][1] = pe
            cur.close = pe
            cur.end = pe
            carry, carry_style = cur, style
    if carry is not None:
        carry.closed = False
        out.append(carry)
    out.sort(key=lambda q: q.open)
    return out


def _story_ranges(article: Article) -> tuple[list[int], list[int]] | None:
    """The story zones as sorted (starts, ends), for ``Article.is_story`` by
    bisection; the headline is left out (a headline is not a statement)."""
    if not article.zones:
        return None
    zs = sorted((z.start, z.end) for z in article.zones
                if z.kind in ("body", "standfirst", "caption") and z.end > z.start)
    return [a for a, _ in zs], [b for _, b in zs]


_CUE_IDS: dict[int, tuple[frozenset[int], frozenset[int]]] = {}


def _cue_ids(doc: Doc) -> tuple[frozenset[int], frozenset[int]]:
    """String ids of every cue lemma and cue word, once per vocabulary."""
    key = id(doc.vocab.strings)
    got = _CUE_IDS.get(key)
    if got is None:
        strings = doc.vocab.strings
        lemmas = SAY_VERBS | BELIEF_VERBS | DOC_VERBS | OBJECT_VERBS | XCOMP_VERBS | {"put"}
        words = {"according"} | VIEW_NOUNS | REPORT_ADVERBS | CONTENT_NOUNS
        lem_ids = set()
        for w in lemmas:
            lem_ids.add(strings.add(w))
            lem_ids.add(strings.add(w.capitalize()))
        got = (frozenset(lem_ids), frozenset(strings.add(w) for w in words))
        _CUE_IDS[key] = got
    return got


# ---------------------------------------------------------------------------
# Candidates
# ---------------------------------------------------------------------------
@dataclass
class Cand:
    start: int
    end: int
    kind: str
    fragments: list[list[int]]
    cue: tuple[int, int] | None = None  # char span
    cue_tok: Token | None = None
    subj: Token | None = None  # subject token to resolve
    speaker: Speaker | None = None
    no_speaker: bool = False  # passive / impersonal: a statement with no source
    mark: Marked | None = None
    inherit: bool = False  # a floating quote: takes the previous speaker
    label: bool = False  # a transcript line "NAME: …" or an interview turn
    channel: str | None = None  # where it was said, when known before the parse is read


SENT_END = frozenset(".!?")
CHANNEL_PREPS = frozenset((
    "in", "on", "via", "during", "through", "over", "at",
))
CHANNELS = frozenset((
    "statement", "interview", "tweet", "twitter", "post", "facebook", "instagram", "letter",
    "speech", "conference", "briefing", "television", "tv", "radio", "website", "blog", "op-ed",
    "column", "video", "broadcast", "email", "e-mail", "remarks", "message", "podcast", "telegram",
    "rally", "debate", "hearing", "address", "release", "communique", "communiqué", "show",
    "program", "programme", "session", "meeting", "summit", "appearance",
))
GERUND_VERBS = frozenset((
    "propose", "suggest", "recommend", "urge", "advocate",
))
TELL_VERBS = frozenset((
    "tell", "inform", "assure", "remind", "warn", "notify", "advise", "convince", "persuade",
    "promise",
))
FINITE = frozenset(("VBD", "VBZ", "VBP", "MD"))
# Object verbs whose passive subject is the one addressed or labelled, not the content:
# "was urged by", "was described by X as" (D11 keeps the label alone).
PASSIVE_HEARERS = TELL_VERBS | LABEL_VERBS | frozenset(("ask", "urge", "cite", "quote", "thank", "describe",
                                                        "characterize", "characterise", "credit"))


class QuoteFinder:
    def __init__(self, doc: Doc, article: Article, index: ActorIndex) -> None:
        self.doc = doc
        self.article = article
        self.text = article.text
        self.index = index
        self.resolver = SpeakerResolver(doc, article, index)
        arr = doc.to_array([IDX, LEMMA, LOWER])
        self.starts = arr[:, 0].tolist() if len(doc) else []
        self._lemmas = arr[:, 1].tolist() if len(doc) else []
        self._lowers = arr[:, 2].tolist() if len(doc) else []
        self._story = _story_ranges(article)
        self.marks = [q for q in scan_marks(self.text) if self.in_story(q.open)]
        self.mark_starts = [q.start for q in self.marks]
        self._mark_span = max((q.end - q.start for q in self.marks), default=0)

    # -- helpers ------------------------------------------------------------
    def in_story(self, pos: int) -> bool:
        if self._story is None:
            return True
        starts, ends = self._story
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and pos < ends[i]

    def tok_at(self, pos: int) -> int:
        """Index of the token containing (or first after) char ``pos``."""
        i = bisect.bisect_right(self.starts, pos) - 1
        return max(i, 0)

    def mark_of(self, pos: int) -> Marked | None:
        i = bisect.bisect_right(self.mark_starts, pos) - 1
        if i >= 0:
            q = self.marks[i]
            if q.start <= pos < q.end:
                return q
        return None

    def marks_near(self, start: int, end: int) -> list[Marked]:
        """Marks that may touch [start, end): a bisect on the sorted starts, so joining
        stays linear in the number of marks (a list scan per candidate was quadratic)."""
        lo = bisect.bisect_left(self.mark_starts, start - self._mark_span - 1)
        hi = bisect.bisect_right(self.mark_starts, end + 1)
        return self.marks[lo:hi]

    def span_chars(self, a: int, b: int) -> tuple[int, int]:
        doc = self.doc
        return doc[a].idx, doc[b].idx + len(doc[b].text)

    def cue_span(self, tok: Token) -> tuple[int, int]:
        s, e = tok.idx, tok.idx + len(tok.text)
        for c in tok.children:
            if c.dep_ == "prt" and c.i == tok.i + 1:
                e = c.idx + len(c.text)
            if tok.lemma_ == "put" and c.dep_ == "dobj" and c.lower_ == "it":
                e = max(e, c.idx + len(c.text))
        return s, e

    # -- quotation marks ----------------------------------------------------
    def classify(self) -> None:
        doc = self.doc
        for q in self.marks:
            content = self.text[q.start:q.end]
            words = WORD.findall(content)
            q.words = len(words)
            if q.single and q.words > 60:
                q.words = 0  # an apostrophe pairing gone wrong
                continue
            a, b = self.tok_at(q.start), self.tok_at(max(q.end - 1, q.start))
            finite = any(doc[i].tag_ in FINITE for i in range(a, b + 1) if q.start <= doc[i].idx < q.end)
            stripped = content.rstrip(" \u2009\u00a0")
            ends = stripped[-1:] in SENT_END or stripped[-2:-1] in SENT_END
            caps = sum(1 for w in words if w[0].isupper())
            q.title = (not ends and q.words <= 12 and q.words >= 2 and caps >= 0.6 * q.words
                       and not finite)
            q.direct = not q.title and (q.words >= 8 or (q.words >= 3 and finite)
                                        or (q.words >= 3 and ends and stripped[-1:] in "?!"))

    def is_cue(self, tok: Token, titles: bool = True) -> bool:
        lem = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") and (lem in SAY_VERBS or lem in OBJECT_VERBS or lem in DIRECT_ONLY
                                            or lem in ("speak", "put")):
            if lem == "put":
                return any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children)
            return True
        if titles and lem in TITLE_CUES and tok.pos_ in ("VERB", "ADJ"):
            return True
        return tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"

    def source_of(self, cue: Token) -> tuple[Token | None, bool]:
        """(subject token, impersonal) for a cue token."""
        if cue.lower_ == "according":
            to = cue.doc[cue.i + 1]
            for c in to.children:
                if c.dep_ == "pobj":
                    return c, False
            return None, False
        subj = subject_of(cue)
        if subj is None:
            passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children)
            if not passive:
                subj = according_appos(cue) or adjacent_subject(cue)
            return subj, passive and subj is None
        return relayed_source(subj), False

    def direct_quotes(self) -> list[Cand]:
        text = self.text
        out: list[Cand] = []
        for qi, q in enumerate(self.marks):
            if not q.direct and not (q.words >= 2 and not q.title and self._tight_cue(q)):
                continue
            prev_close = self.marks[qi - 1].close if qi else -1
            next_open = self.marks[qi + 1].open if qi + 1 < len(self.marks) else len(text)
            cand = Cand(q.start, q.end, "direct", [list(p) for p in q.pieces if p[1] > p[0]], mark=q)
            dash = self._dash_source(q)
            if dash is not None:
                cand.cue, cand.subj = dash
                out.append(cand)
                continue
            cue = self._cue_after(q, next_open) or self._cue_before(q, prev_close)
            if cue is None and q.title:
                continue
            if cue is not None:
                cand.cue_tok = cue
                cand.cue = self.cue_span(cue) if cue.lower_ != "according" else (cue.idx, cue.idx + 12)
                cand.subj, cand.no_speaker = self.source_of(cue)
                if cand.subj is None and not cand.no_speaker:
                    cand.subj = self._noun_source(cue)
                if cand.subj is not None and q.start <= cand.subj.idx < q.end:
                    # a "source" inside the quotation is a parse gone wrong
                    cand.subj, cand.cue, cand.cue_tok, cand.inherit = None, None, None, True
            else:
                cand.subj = self._colon_source(q)
                cand.inherit = cand.subj is None
            out.append(cand)
        return out

    def _colon_source(self, q: Marked) -> Token | None:
        """``Trump took a parting shot on Twitter: "…"``: a quotation a clause introduces
        with a colon and no reporting verb is the words of that clause's subject (cue
        null), when the subject is someone who can speak."""
        before = self.text[max(0, q.open - 3):q.open].rstrip()
        if not before.endswith(":"):
            return None
        colon = self.doc[self.tok_at(len(before) - 1 + max(0, q.open - 3))]
        if colon.text != ":":
            return None
        verb = colon.head
        if verb.pos_ not in ("VERB", "AUX") or verb.i > colon.i:
            return None
        subj = subject_of(verb, max_up=1)
        if subj is None or subj.i > colon.i:
            return None
        if subj.ent_type_ in ("PERSON", "ORG", "NORP") or subj.lower_ in PERSONAL or subj.lower_ in PLURAL:
            return subj
        return None

    def _tight_cue(self, q: Marked) -> bool:
        """A short quotation is still a quote when a cue sits right against it:
        ``O'Neill said, "Not going there."`` / ``"No comment," she said.``"""
        doc = self.doc
        text = self.text
        before = text[max(0, q.open - 3):q.open].rstrip()
        if before.endswith((",", ":")):
            i = self.tok_at(len(before) - 1)
            j = i - 1 if doc[i].is_punct else i
            if j >= 0 and self.is_cue(doc[j], titles=False) and doc[j].pos_ == "VERB":
                return True
        if q.closed and text[q.close - 1:q.close] in ",?!":
            i = self.tok_at(q.close)
            k = i + 1
            while k < len(doc) and _is_mark(doc[k].text):
                k += 1
            for j in range(k, min(k + 3, len(doc))):
                t = doc[j]
                if self.is_cue(t, titles=False) and t.pos_ == "VERB":
                    return any(c.dep_ == "nsubj" and c.idx > q.close for c in t.children)
        return False

    def _dash_source(self, q: Marked) -> tuple[tuple[int, int], Token] | None:
        """``"…" ― Jane Doe``: a quotation signed with a dash and a name."""
        if not q.closed:
            return None
        m = DASH_SIGN.match(self.text, q.close + 1)
        if m is None:
            return None
        i = self.tok_at(m.end())
        tok = self.doc[i]
        if tok.idx != m.end() or tok.pos_ != "PROPN":
            return None
        while tok.dep_ in ("compound", "flat") and tok.head.i > tok.i:
            tok = tok.head
        return (m.start(1), m.end(1)), tok

    def transcript_lines(self) -> list[Cand]:
        """``PENCE: Well, …`` / ``Sanders: Clinton needs to …``: a line led by the
        name of a person or organisation of the article and a colon."""
        out: list[Cand] = []
        text = self.text
        persons = {}
        for a in self.index.actors.values():
            if a.kind in ("person", "organization") and a.name.split():
                persons.setdefault(a.name.split()[-1].lower(), a)
        for m in LABEL_LINE.finditer(text):
            ls, le = m.start(1), m.end(1)
            if not self.in_story(ls):
                continue
            label = m.group(1)
            i = self.tok_at(le - 1)
            tok = self.doc[i]
            actor = self.resolver.covering(tok)
            if actor is None and len(label.split()) <= 2:
                actor = persons.get(label.split()[-1].lower())
            if actor is None or actor.kind not in ("person", "organization"):
                continue
            cs, ce = m.start(2), m.end(2)
            while ce > cs and text[ce - 1] in " \"”'\u00a0":
                ce -= 1
            if len(WORD.findall(text[cs:ce])) < 4:
                continue
            a, b = self.tok_at(cs), self.tok_at(max(cs, ce - 1))
            if not any(self.doc[j].tag_ in FINITE for j in range(a, b + 1)):
                continue  # a caption or a title, not something said
            c = Cand(cs, ce, "direct" if label.isupper() else "indirect", [[cs, ce]],
                     cue=(le, le + 1))
            c.speaker = Speaker(actor, label, ls, le)
            c.label = True
            out.append(c)
        return out

    def _noun_source(self, cue: Token) -> Token | None:
        """A nominal cue's source: its possessor (``his statement``)."""
        for c in cue.children:
            if c.dep_ == "poss":
                return c
        return None

    def _cue_after(self, q: Marked, limit: int) -> Token | None:
        """``"…," he said`` / ``"…," said X`` / ``"…" X told TASS on Monday.``"""
        doc = self.doc
        text = self.text
        if not q.closed:
            return None
        i = self.tok_at(q.close)
        if doc[i].idx < q.close:
            i += 1
        while i < len(doc) and _is_mark(doc[i].text):
            i += 1
        # A quote that ends its sentence, followed by a capitalised word, starts a
        # new sentence unless that sentence is a short cue clause of its own.
        content_end = text[q.start:q.end].rstrip()
        sentence_over = content_end[-1:] in SENT_END
        for seen, j in enumerate(range(i, min(len(doc), i + 14)), 1):
            t = doc[j]
            if t.idx >= limit or t.text in SENT_END or t.text == ";" or "\n" in t.text:
                break
            if self.is_cue(t):
                if sentence_over and any(c.dep_ in ("ccomp", "xcomp") and q.close < c.idx < limit
                                         for c in t.children):
                    return None  # the verb has a complement of its own: its own statement
                if sentence_over:
                    # the rest must end before the next quote opens
                    k = j
                    while k < len(doc) and doc[k].text not in SENT_END and doc[k].idx < limit:
                        k += 1
                    if k < len(doc) and doc[k].idx >= limit:
                        return None
                return t
            if seen > 8:
                break
        return None

    def _cue_before(self, q: Marked, prev_close: int) -> Token | None:
        """``X said, "…"`` / ``As X put it, …: "…"`` / ``X wrote:`` + new paragraph."""
        doc = self.doc
        text = self.text
        i = self.tok_at(q.open)
        sent = doc[i].sent
        lo = max(sent.start, self.tok_at(prev_close) + 1 if prev_close >= 0 else 0)
        infinitive: Token | None = None
        for j in range(i - 1, lo - 1, -1):
            t = doc[j]
            if "\n" in t.text:
                break
            if self.is_cue(t):
                if t.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
                    # "explained the reason to call it X:": an infinitive names a saying, the
                    # finite verb before it reports one
                    infinitive = infinitive or t
                    continue
                return t
        if infinitive is not None:
            return infinitive
        # a paragraph opened by the quote, after "X wrote:" ending the previous one
        line_start = text.rfind("\n", 0, q.open) + 1
        j = line_start
        while j > 0 and text[j - 1].isspace():
            j -= 1
        if text[line_start:q.open].strip() == "" and j > 0 and text[j - 1] == ":":
            end_tok = self.tok_at(j - 1)
            s2 = doc[end_tok].sent
            for j in range(end_tok, s2.start - 1, -1):
                if self.is_cue(doc[j]):
                    return doc[j]
        # nominal cue right before the mark: "made the following announcement:"
        for j in range(i - 1, max(lo, i - 4) - 1, -1):
            t = doc[j]
            if t.lemma_.lower() in SPEECH_NOUNS and t.pos_ == "NOUN":
                return t
        return None

    # -- reported speech ----------------------------------------------------
    def reported(self) -> list[Cand]:
        doc = self.doc
        out: list[Cand] = []
        lem_ids, low_ids = _cue_ids(doc)
        lowers = self._lowers
        for i, lid in enumerate(self._lemmas):
            if lid not in lem_ids and lowers[i] not in low_ids:
                continue
            t = doc[i]
            lem = t.lemma_.lower()
            if t.lower_ in VIEW_NOUNS and t.dep_ == "pobj" and t.head.lower_ == "in" and self.in_story(t.idx):
                c = self._own_words(t)
                if c is not None:
                    out.append(c)
                    continue
            if t.pos_ == "NOUN" and t.lower_ in CONTENT_NOUNS:
                if self.in_story(t.idx):
                    c = self._noun_content(t)
                    if c is not None:
                        out.append(c)
                continue
            if t.pos_ not in ("VERB", "AUX") and t.lower_ != "according" \
                    and t.lower_ not in REPORT_ADVERBS:
                continue
            if not self.in_story(t.idx):
                continue
            q = self.mark_of(t.idx)
            if q is not None and q.direct:
                continue
            c = self._reported_from(t, lem)
            if c is not None:
                out.append(c)
        return out

    def _content(self, toks: list[tuple[int, int]], exclude: tuple[int, int] | None = None,
                 cue: Token | None = None) -> tuple[int, int, list[list[int]]] | None:
        doc = self.doc
        a = min(x for x, _ in toks)
        b = max(y for _, y in toks)
        if cue is not None:
            # reported content stays in the cue's paragraph (the parser's sentences
            # sometimes run over a quote's end into the next paragraph)
            lo = self.text.rfind("\n", 0, cue.idx) + 1
            hi = self.text.find("\n", cue.idx)
            hi = len(self.text) if hi < 0 else hi
            semi = self.text.rfind(";", lo, cue.idx)
            if semi >= 0:
                lo = semi + 1
            semi = self.text.find(";", cue.idx, hi)
            if semi >= 0:
                hi = semi
            while a <= b and doc[a].idx < lo:
                a += 1
            while b >= a and doc[b].idx >= hi:
                b -= 1
            if a > b:
                return None
        frags: list[tuple[int, int]] = [(a, b)]
        if exclude is not None:
            ea, eb = exclude
            frags = []
            if a < ea:
                frags.append((a, min(b, ea - 1)))
            if eb < b:
                frags.append((max(a, eb + 1), b))
        clean: list[list[int]] = []
        for x, y in frags:
            # "Reportedly also, …": a sentence adverb set off by a comma is no content
            if x + 1 <= y and doc[x].pos_ == "ADV" and doc[x + 1].text == ",":
                x += 2
            while x <= y and (doc[x].is_punct and not _is_mark(doc[x].text) or doc[x].dep_ in ("mark", "cc")
                              or doc[x].is_space):
                x += 1
            while y >= x and (doc[y].is_punct and not _is_mark(doc[y].text) or doc[y].is_space
                              or doc[y].dep_ == "cc"):
                y -= 1
            if y >= x:
                clean.append(list(self.span_chars(x, y)))
        if not clean:
            return None
        words = sum(len(WORD.findall(self.text[s:e])) for s, e in clean)
        if words < 2:
            return None
        return clean[0][0], clean[-1][1], clean

    def _before_participle_report(self, clause: Token) -> int:
        """The last token of a reported clause, before a ``…, adding …`` / ``…, saying …``
        the parser hung inside it: that participle is a report of its own (the same
        speaker's next statement), not part of this one."""
        doc = self.doc
        for x in clause.subtree:
            if x.dep_ == "advcl" and x.tag_ == "VBG" and x.lemma_.lower() in SAY_VERBS and x.head.i != x.i \
                    and x.left_edge.i > clause.left_edge.i and doc[x.left_edge.i - 1].text == ",":
                return x.left_edge.i - 2
        return clause.right_edge.i

    def _trailing_clause(self, t: Token, end: int) -> int:
        """The end of the content with an adverbial clause the parser hung on the cue right
        after it (``reported E. coli releases gases when it lives in hydrogen``, ``projected
        a failure if these were overlooked``): with no comma between, it belongs to what
        was reported; a clause after a comma (``…, adding …``) is the cue's own."""
        for c in t.children:
            if c.dep_ == "advcl" and c.left_edge.i == end + 1 and c.tag_ != "VBG" \
                    and not self.doc[end + 1].is_punct:
                return c.right_edge.i
        return end

    def _reports_itself(self, head: Token) -> bool:
        """``According to the BBC, a spokesman said ...``: the clause is a report with a
        cue and a source of its own; the outlet only relays it, and the report is the
        spokesman's statement, not the BBC's."""
        lem = head.lemma_.lower()
        if not (lem in SAY_VERBS or lem in OBJECT_VERBS or lem in BELIEF_VERBS) or any(
                c.dep_ == "neg" for c in head.children):
            return False
        inner = self._reported_from(head, lem)  # a report only with a content of its own
        return inner is not None and inner.subj is not None and inner.subj.lower_ not in NON_SOURCES

    def _reported_from(self, t: Token, lem: str) -> Cand | None:
        doc = self.doc
        if t.lower_ == "according":
            if t.i + 1 >= len(doc) or doc[t.i + 1].lower_ != "to":
                return None
            subj, _ = self.source_of(t)
            if subj is None:
                return None
            head = t.head
            hops = 0
            while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i and hops < 3:
                head = head.head
                hops += 1
            # "Rescuers, working in the cold, according to X recovered ...": a
            # participle is not the clause; the verb it hangs from is
            while head.tag_ in ("VBG", "VBN") and head.dep_ in ("advcl", "acl") and head.head.i != head.i \
                    and head.head.pos_ in ("VERB", "AUX") and hops < 4:
                head = head.head
                hops += 1
            if head.i == t.i or self._reports_itself(head):
                return None
            got = self._content([(head.left_edge.i, head.right_edge.i)], (t.left_edge.i, t.right_edge.i), t)
            if got is None:
                return None
            s, e, frags = got
            return Cand(s, e, "indirect", frags, cue=(t.idx, doc[t.i + 1].idx + 2), cue_tok=t, subj=subj)
        if t.lower_ in REPORT_ADVERBS:
            head = t.head
            if head.i == t.i or head.pos_ not in ("VERB", "AUX") or head.dep_ in ("relcl", "acl"):
                return None
            got = self._content([(head.left_edge.i, head.right_edge.i)], (t.i, t.i), t)
            if got is None:
                return None
            s, e, frags = got
            return Cand(s, e, "indirect", frags, cue=(t.idx, t.idx + len(t.text)), cue_tok=t, no_speaker=True)
        if any(c.dep_ == "neg" for c in t.children) or (t.dep_ == "pcomp" and t.head.lower_ == "without"):
            return None
        is_say = lem in SAY_VERBS or (lem == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in t.children))
        is_belief = lem in BELIEF_VERBS
        is_doc = lem in DOC_VERBS
        if not (is_say or is_belief or is_doc or lem in OBJECT_VERBS or lem in XCOMP_VERBS):
            return None
        subj, impersonal = self.source_of(t)
        impersonal = impersonal and lem in IMPERSONAL_VERBS
        if is_doc and not is_say and (subj is None or not (subj.lemma_.lower() in DOC_NOUNS
                                                            or subj.ent_type_ == "ORG")):
            return None
        if is_belief and subj is not None and t.tag_ == "VBG" and subj.i == t.i:
            return None
        spans: list[tuple[int, int]] = []
        exclude = None
        children = list(t.children)
        ccomp = [c for c in children if c.dep_ == "ccomp"]
        if not ccomp and lem in TELL_VERBS:
            # "told a meeting of island leaders that ...": the that-clause the
            # parser hung on the hearer
            ccomp = [x for d in children if d.dep_ in ("dobj", "dative") for x in d.subtree
                     if x.dep_ in ("acl", "relcl", "ccomp") and x.pos_ in ("VERB", "AUX")
                     and any(m.dep_ == "mark" and m.lower_ == "that" for m in x.children)][:1]
        if not ccomp and is_say and lem not in OBJECT_VERBS:
            # "said a law allowing X marked a sad day": the parser took the
            # reported clause's subject for an object
            ccomp = [d for d in children if d.dep_ == "dobj" and d.i > t.i and any(
                x.tag_ in FINITE and any(y.dep_ in ("nsubj", "nsubjpass") for y in x.children)
                for x in d.subtree)][:1]
        if ccomp and (is_say or is_belief or is_doc or lem in OBJECT_VERBS):
            c = ccomp[0]
            spans.append((c.left_edge.i, self._before_participle_report(c)))
            # "X is ..., but Y is ..., he noted": clauses coordinated under one cue, which the
            # parser hangs on the cue side by side, are one reported content (A10)
            # (not across a colon, a semicolon or a quotation, which start a new report)
            for x in ccomp[1:]:
                if (x.i < t.i) == (c.i < t.i) and not any(
                        doc[k].text in (":", ";") or _is_mark(doc[k].text)
                        for k in range(c.right_edge.i + 1, x.left_edge.i + 1)):
                    spans.append((x.left_edge.i, x.right_edge.i))
        elif (lem == "put" and is_say) or ((is_say or is_belief) and t.dep_ == "advcl"
                                             and any(c.dep_ == "mark" and c.lower_ == "as" for c in children)):
            head = t.head
            if head.i == t.i:
                return None
            spans.append((head.left_edge.i, head.right_edge.i))
            exclude = (t.left_edge.i, t.right_edge.i)
        elif (is_say or is_belief) and any(c.dep_ == "auxpass" for c in children) and \
                any(c.dep_ == "xcomp" and c.i > t.i for c in children):
            # "was reported to be stable", "is believed to have fled"
            x = next(c for c in children if c.dep_ == "xcomp" and c.i > t.i)
            spans.append((x.left_edge.i, x.right_edge.i))
        elif (is_say or is_belief) and t.head.pos_ in ("VERB", "AUX") and (
                t.dep_ == "parataxis" or t.dep_ == "ccomp" and t.head.i > t.i):
            # "The economy, he said, is growing" / "X reported on Monday, coverage had risen"
            head = t.head
            spans.append((head.left_edge.i, head.right_edge.i))
            exclude = (t.left_edge.i, t.right_edge.i)
            le, re_ = t.left_edge.i, t.right_edge.i
            while le < t.i and doc[le].is_punct:
                le += 1
            while re_ > t.i and doc[re_].is_punct:
                re_ -= 1
            if le > 0 and re_ + 1 < len(doc) and doc[le - 1].text == "," and doc[re_ + 1].text == ",":
                # a parenthetical cue ("…, he said, …") reports its whole sentence
                sent = t.sent
                spans = [(sent.start, sent.end - 1)]
        elif lem in OBJECT_VERBS and lem not in PASSIVE_HEARERS and any(c.dep_ == "agent" for c in children) \
                and any(c.dep_ == "nsubjpass" and c.i < t.i for c in children):
            # "The charge was denied by her lawyer": the passive subject is what the agent
            # denied, condemned, claimed (the active "denied the charge" has it as object)
            x = next(c for c in children if c.dep_ == "nsubjpass")
            spans.append((x.left_edge.i, x.right_edge.i))
        else:
            dobj = [c for c in children if c.dep_ == "dobj"]
            xcomp = [c for c in children if c.dep_ in ("xcomp", "oprd") and c.i > t.i]
            preps = [c for c in children if c.dep_ == "prep" and c.lower_ in ("for", "of", "about", "against", "as", "to", "with")
                     and c.i > t.i]
            if lem in ("cite", "quote") and any(x.lower_ == "as" and x.dep_ == "prep" and any(
                    c.dep_ == "pcomp" for c in x.children) for x in t.subtree):
                return None  # "cited X as saying ...": the saying is the statement
            if lem in OBJECT_VERBS and dobj and dobj[0].i > t.i and dobj[0].lower_ not in ("it", "this", "that"):
                d = dobj[0]
                if lem in LABEL_VERBS and not (xcomp or any(p.lower_ in ("as", "to", "with") or p.lower_ == "for" and lem == "call"
                                                            for p in preps)):
                    return None
                if lem in ("tell", "ask", "urge") and not xcomp:
                    return None
                spans.append((d.left_edge.i, d.right_edge.i))
                # "accused X of Y", "praised X for Y": the charge or the merit is part of
                # the evaluation (A3)
                # (not a gerund under a preposition: "balancing between X and criticising Y
                # for Z" describes a stance, it reports no statement)
                gerund = t.tag_ == "VBG" and "pcomp" in (t.dep_, t.head.dep_ if t.dep_ == "conj" else "")
                labels = [p for p in preps if p.lower_ == "as" or p.lower_ in ("of", "for") and p.i > d.i
                          and not gerund or p.lower_ in ("to", "with") and lem in LABEL_VERBS and p.i > d.i]
                for x in xcomp + labels:
                    spans.append((x.left_edge.i, x.right_edge.i))
                for x in children:  # "denounced the killing as murder committed ..."
                    if x.dep_ == "advcl" and x.i > d.i and any(m.dep_ == "mark" and m.lower_ == "as"
                                                               for m in x.children):
                        spans.append((x.left_edge.i, x.right_edge.i))
            elif lem in XCOMP_VERBS and xcomp and (xcomp[0].tag_ == "VB" or xcomp[0].tag_ == "VBG" and lem in GERUND_VERBS):
                x = xcomp[0]
                spans.append((x.left_edge.i, x.right_edge.i))
                for y in children:  # "pledged to cap and then gradually reduce ...": one promise
                    if y.dep_ == "conj" and y.i > x.i and y.tag_ == "VB":
                        spans.append((y.left_edge.i, y.right_edge.i))
                if dobj and dobj[0].i < x.i and lem in ("urge", "ask", "call", "tell", "order", "encourage",
                                                          "advise", "instruct", "warn"):
                    spans.append((dobj[0].left_edge.i, dobj[0].right_edge.i))
            elif lem in ("call", "ask", "urge") and any(c.dep_ == "advcl" and c.i > t.i and any(
                    m.dep_ == "mark" and m.lower_ == "for" for m in c.children) for c in children):
                x = next(c for c in children if c.dep_ == "advcl" and c.i > t.i)
                spans.append((x.left_edge.i + 1 if x.left_edge.lower_ == "for" else x.left_edge.i, x.right_edge.i))
            elif lem in ("call", "ask", "warn", "complain") and any(p.lower_ not in ("to", "with") for p in preps):
                p = next(p for p in preps if p.lower_ not in ("to", "with"))
                if p.lower_ == "as":
                    return None
                spans.append((p.left_edge.i + 1, p.right_edge.i))
            else:
                return None
        if not spans:
            return None
        if exclude is None:
            spans.append((spans[0][0], self._trailing_clause(t, max(b for _, b in spans))))
        got = self._content(spans, exclude, t)
        if got is None:
            return None
        s, e, frags = got
        if subj is None and not impersonal:
            return None
        if subj is not None and any(fs <= subj.idx < fe for fs, fe in frags):
            # the "subject" lies inside the content: a parse that went wrong
            return None
        kind = "indirect"
        return Cand(s, e, kind, frags, cue=self.cue_span(t), cue_tok=t, subj=subj, no_speaker=subj is None)

    def _noun_content(self, t: Token) -> Cand | None:
        """``The Department issued a statement that an inmate had been stabbed``."""
        clause = next((c for c in t.children if c.dep_ in ("acl", "ccomp", "relcl") and c.i > t.i
                       and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        if clause is None or clause.pos_ not in ("VERB", "AUX"):
            return None
        # "that" as a relative pronoun would be the clause's subject or object, not a mark
        subj = next((c for c in t.children if c.dep_ == "poss"), None)
        if subj is None:  # "a New York Times report that ..."
            subj = next((c for c in t.children if c.dep_ == "compound" and c.ent_type_ in ("ORG", "PERSON", "NORP", "GPE")), None)
        if subj is None and t.dep_ in ("dobj", "pobj", "attr"):
            verb = t.head if t.dep_ != "pobj" else t.head.head
            if verb.pos_ in ("VERB", "AUX"):
                subj = subject_of(verb)
        if subj is None:
            return None
        got = self._content([(clause.left_edge.i, clause.right_edge.i)], None, t)
        if got is None:
            return None
        s, e, frags = got
        return Cand(s, e, "indirect", frags, cue=(t.idx, t.idx + len(t.text)), cue_tok=t, subj=subj)

    def _own_words(self, t: Token) -> Cand | None:
        """``X, in his own words, did not "want to discuss"`` / ``in the words of X, ...``."""
        prep = t.head
        if t.dep_ != "pobj" or prep.lower_ != "in":
            return None
        subj = None
        for c in t.children:
            if c.dep_ == "poss":
                subj = c
            elif c.dep_ == "prep" and c.lower_ == "of":
                subj = next((p for p in c.children if p.dep_ == "pobj"), None)
        if subj is None:
            return None
        head = prep.head
        if head.pos_ not in ("VERB", "AUX"):
            return None
        # The clause around the phrase, without it (``The plan, in his view, is flawed``);
        # a source named before the phrase is no content (``X, in his own words, ...``).
        a = head.left_edge.i
        if subj.pos_ == "PRON" and any(c.dep_ in ("nsubj", "nsubjpass") and c.i < prep.i for c in head.children):
            a = prep.right_edge.i + 1
        if a > head.right_edge.i:
            return None
        got = self._content([(a, head.right_edge.i)], (prep.left_edge.i, prep.right_edge.i), t)
        if got is None:
            return None
        s, e, frags = got
        return Cand(s, e, "indirect", frags, cue=(prep.idx, t.idx + len(t.text)), cue_tok=t, subj=subj)

    # -- joining ------------------------------------------------------------
    def run(self) -> list[Quote]:
        self.classify()
        direct = self.direct_quotes()
        reported = self.reported() + self.transcript_lines()
        dropped: set[int] = set()
        keep_rep: list[Cand] = []
        by_mark: dict[int, list[Cand]] = {}
        for d in direct:
            by_mark.setdefault(id(d.mark), []).append(d)

        def directs_of(marks: list[Marked]) -> list[Cand]:
            return [d for q in marks for d in by_mark.get(id(q), ())]

        for r in reported:
            near = self.marks_near(r.start, r.end)
            inner = [q for q in near if q.start >= r.start - 1 and q.end <= r.end + 1 and q.words]
            overlapping = [q for q in near if q.direct and q.start < r.end and r.start < q.end]
            if r.label and overlapping:
                # a transcript inside quotation marks: the label tells who speaks
                for d in directs_of(overlapping):
                    dropped.add(id(d))
                keep_rep.append(r)
                continue
            if overlapping and not inner:
                # content crosses a direct quote's boundary: the quote stands alone
                continue
            if inner:
                inside = sum(len(WORD.findall(self.text[q.start:q.end])) for q in inner)
                total = len(WORD.findall(self.text[r.start:r.end]))
                if total - inside < 2 and any(q.direct for q in inner):
                    # the complement is the quote itself: keep the direct one, give it this cue
                    for d in directs_of(inner):
                        if d.cue_tok is None or d.inherit:
                            d.cue_tok, d.cue, d.subj, d.no_speaker, d.inherit = r.cue_tok, r.cue, r.subj, r.no_speaker, False
                    continue
                r.kind = "mixed"
                for d in directs_of(inner):
                    dropped.add(id(d))
            keep_rep.append(r)
        cands = drop_nested([d for d in direct if id(d) not in dropped] + keep_rep)
        turns = self.interview_turns()
        if turns:
            cands = [c for c in cands if self._own_source_in_turn(c, turns)] + [
                self._turn_cand(t) for t in turns if not t.question]
        cands.sort(key=lambda c: (c.start, c.end))
        # one statement per span
        uniq: list[Cand] = []
        for c in cands:
            if uniq and uniq[-1].start == c.start and uniq[-1].end == c.end:
                continue
            uniq.append(c)
        return self.finish(uniq)

    # -- interviews -----------------------------------------------------------
    def interview_turns(self) -> list[Turn]:
        zones = [(z.start, z.end) for z in self.article.zones if z.kind in ("body", "standfirst")]

        def in_body(pos: int) -> bool:
            return not zones or any(a <= pos < b for a, b in zones)

        persons = [a.name for a in self.index.actors.values() if a.kind == "person"]
        return find_turns(self.text, persons, in_body)

    def _turn_cand(self, t: Turn) -> Cand:
        """An answer turn: a direct statement of the one answering, cue null (D2)."""
        actor = label_actor(t.label, list(self.index.actors.values()))
        if actor is not None and self.index.at(t.label_start, t.label_end) is None:
            self.index.add_mention(actor.id, t.label, t.label_start, t.label_end)
        c = Cand(t.start, t.end, "direct", [list(f) for f in t.fragments])
        c.speaker = Speaker(actor, t.label, t.label_start, t.label_end)
        c.label = True
        c.channel = INTERVIEW
        return c

    def _own_source_in_turn(self, c: Cand, turns: list[Turn]) -> bool:
        """Inside a turn, only a statement with a cue and a third-party source of its
        own stands apart; the rest is the turn's own words (\"I think\", a quotation
        the answer makes, the interviewer's \"you said\")."""
        t = next((t for t in turns if t.start <= c.start < t.end), None)
        if t is None:
            return True
        if c.subj is None or c.label or c.inherit:
            return False
        # a pronoun ("they announced", "it tells us") points back into the answer itself
        return c.subj.lower_ not in FIRST and c.subj.pos_ != "PRON"

    def share_split_cue(self, cands: list[Cand]) -> list[Cand]:
        """``"A," he said, "B."`` and ``"A," he said. "B."`` in one paragraph: two
        statements of the same speaker with the same cue (A5), as the Wikinews and Gender
        Gap Tracker gold mark them; the part after the cue takes the cue of the first."""
        prev: Cand | None = None
        for c in cands:
            p = prev
            prev = c
            if (p is None or c.kind != "direct" or p.kind != "direct" or p.cue_tok is None
                    or "\n" in self.text[p.end:c.start] or c.start - p.end >= 200):
                continue
            if c.cue_tok is not None and c.cue_tok.i == p.cue_tok.i:
                continue  # already shares it
            if c.inherit:
                c.cue, c.cue_tok, c.subj, c.no_speaker, c.inherit = p.cue, p.cue_tok, p.subj, p.no_speaker, False
        return cands

    def _balance(self, c: Cand) -> None:
        """Take in the quotation mark a reported content cuts in half
        (``deep disappointment” that …`` -> ``“deep disappointment” that …``)."""
        text = self.text
        inner = [q for q in self.marks_near(c.start, c.end) if q.start < c.end and c.start < q.end]
        for q in inner:
            if q.open < c.start <= q.start + 1:
                c.start = q.open
            if q.end <= c.end + 1 and q.closed and q.close + 1 > c.end and q.close >= c.end - 1 or q.start >= c.start and q.end > c.end and q.closed and q.close - c.end <= 2 \
                    and text[c.end:q.close].strip(" .,") == "":
                c.end = q.close + 1
        if c.fragments:  # the fragments run from start to end
            c.fragments[0][0] = c.start
            c.fragments[-1][1] = c.end

    def finish(self, cands: list[Cand]) -> list[Quote]:
        text = self.text
        cands = self.share_split_cue(cands)
        out: list[Quote] = []
        prev: Cand | None = None
        by_cue: dict[int, Speaker | None] = {}
        for c in sorted(cands, key=lambda c: c.start):
            if c.subj is not None:
                key = c.subj.i
                if key not in by_cue:
                    by_cue[key] = self.resolver.resolve(c.subj)
                c.speaker = by_cue[key]
            elif c.inherit and prev is not None and prev.speaker is not None:
                gap = text[prev.end:c.start]
                if gap.count("\n") <= 2 and len(gap) < 400:
                    c.speaker = prev.speaker
            if c.inherit and c.speaker is None and (c.mark is None or c.mark.words < 8):
                continue
            if c.speaker is not None or c.kind == "direct":
                prev = c
        cands = [c for c in cands if not (c.inherit and c.speaker is None and (c.mark is None or c.mark.words < 8))]
        for n, c in enumerate(cands, 1):
            sp = c.speaker
            cue_text = text[c.cue[0]:c.cue[1]] if c.cue else None
            if c.kind != "direct":
                self._balance(c)
            if len(c.fragments) > 1:
                content = " ".join(text[a:b] for a, b in c.fragments)
            else:
                content = text[c.start:c.end]
            out.append(Quote(
                id=f"{self.article.id}:q{n}", content=content, start=c.start, end=c.end,
                kind=c.kind, fragments=[list(f) for f in c.fragments] if len(c.fragments) > 1 else [],
                speaker=sp.actor.id if sp and sp.actor else None, speaker_text=sp.text if sp else None,
                speaker_start=sp.start if sp else None, speaker_end=sp.end if sp else None,
                cue=cue_text, cue_start=c.cue[0] if c.cue else None, cue_end=c.cue[1] if c.cue else None,
                channel=c.channel or self._channel(c),
            ))
        return out

    def _channel(self, c: Cand) -> str | None:
        """Where it was said: ``in a statement posted on the Kremlin's website``,
        ``on Twitter``, ``in an interview with the BBC``."""
        t = c.cue_tok
        if t is None or t.pos_ not in ("VERB", "AUX"):
            return None
        verbs = [t]
        if t.head.i != t.i and t.head.pos_ in ("VERB", "AUX") and t.dep_ in ("advcl", "conj", "xcomp"):
            verbs.append(t.head)
        for v in verbs:
            for p in v.children:
                if p.dep_ != "prep" or p.lower_ not in CHANNEL_PREPS:
                    continue
                obj = next((x for x in p.children if x.dep_ == "pobj"), None)
                if obj is not None and obj.lemma_.lower() in CHANNELS:
                    a, b = p.i, p.right_edge.i
                    for k in range(obj.i, b + 1):  # a comma ends the phrase
                        if self.doc[k].text == ",":
                            b = k - 1
                            break
                    while b > a and self.doc[b].is_punct:
                        b -= 1
                    s, e = self.span_chars(a, b)
                    if any(fs <= s and e <= fe for fs, fe in c.fragments):
                        continue  # inside the content: part of what was said
                    return self.text[s:e]
        return None


def extract_quotes(doc: Doc, article: Article, index: ActorIndex) -> list[Quote]:
    """The statements of one parsed article, in text order."""
    if not article.text:
        return []
    return QuoteFinder(doc, article, index).run()
