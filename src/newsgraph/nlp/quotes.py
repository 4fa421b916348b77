"""Statements: direct, mixed and indirect quotes with their speakers and cues.

One pass finds the quotation-mark spans in the text (every style, across
paragraphs), one pass over the tokens finds reporting cues and their
complements; the two are then joined: a quote inside a reported proposition
makes it mixed, a quote with a cue next to it is direct, a quote paragraph with
no cue continues the previous speaker. Short quoted terms with no cue are scare
quotes or titles and are not statements. No second spaCy call: everything comes
from the parse the pipeline already made.

The passes live in their own modules: ``quote_marks`` (quotation-mark scanning),
``cue_detection`` (quotations and the cues next to them), ``content_bounds`` (reported
speech and where its content starts and ends; ``nominal_reports`` for the span cutting
and the reports that are no verb), on the shared view of the parse in ``candidates``; this module joins them and attributes each statement to its speaker.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from newsgraph.model import Article, Quote
from newsgraph.nlp.actors import ActorIndex
from newsgraph.nlp.attribution_tagger import Tagged, is_anchor, statements, tagger
from newsgraph.nlp.candidates import TELL_VERBS, Cand
from newsgraph.nlp.content_bounds import ContentBounds
from newsgraph.nlp.cue_detection import CueDetection
from newsgraph.nlp.cues import (
    ACT_OBJECTS,
    BELIEF_VERBS,
    CHARGE_VERBS,
    DOC_NOUNS,
    DOC_VERBS,
    FIRST,
    LABEL_VERBS,
    NOMINAL_ACTS,
    NON_AUTHORS,
    OWN_ACTION_VERBS,
    POSITION_VERBS,
    SAY_VERBS,
    SPEECH_NOUNS,
    STANCE_VERBS,
    XCOMP_VERBS,
    cue_lemma,
    is_data,
    says_nothing,
    stance_object,
)
from newsgraph.nlp.interviews import INTERVIEW, Turn, find_turns, label_actor
from newsgraph.nlp.modality import reduced_passive
from newsgraph.nlp.nesting import drop_nested
from newsgraph.nlp.quote_marks import WORD, Marked, scan_marks
from newsgraph.nlp.speakers import Speaker, inverted_subject, np_bounds, subject_of
from newsgraph.nlp.utterances import link_utterances

__all__ = ["QuoteFinder", "extract_quotes", "scan_marks"]

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

# Verbs whose object is a party to the report (the one told, cited, interviewed), not its content.
HEARER_VERBS = TELL_VERBS | frozenset(("cite", "quote", "interview", "ask", "thank", "brief"))


# What may stand between two conjuncts of one speaker phrase (never a line break).
JOINER = re.compile(r"^[ ,]*(?:(?:and|or|nor|&|as well as)[ ]+)?(?:both[ ]+|either[ ]+)?$", re.I)


class QuoteFinder(CueDetection, ContentBounds):
    """Joins the passes: quotations and reported speech into statements, with their
    speakers resolved, interviews' turns, split quotes and channels."""

    # -- joining ------------------------------------------------------------
    def run(self) -> list[Quote]:
        self.mend_verbs()
        self.classify()
        direct = self.direct_quotes()
        reported = [r for r in self.mend_left_clauses(self.reported()) if not self.is_act(r)] \
            + self.transcript_lines()
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
                # content crosses a direct quote's boundary: the quote stands alone, and
                # what the verb reported before a colon that opens it is a statement of its own
                head = self._before_colon_quote(r, overlapping)
                if head is not None:
                    keep_rep.append(head)
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
        cands += self.tagged(cands)
        cands.sort(key=lambda c: (c.start, c.end))
        # one statement per span
        uniq: list[Cand] = []
        for c in cands:
            if uniq and uniq[-1].start == c.start and uniq[-1].end == c.end:
                continue
            uniq.append(c)
        return self.finish(uniq)

    def _before_colon_quote(self, r: Cand, quotes: list[Marked]) -> Cand | None:
        """'X said A: "B …"': the parser runs the reported clause A on over the colon into
        the quotation. A is the speaker's report, the quotation another statement of the
        same cue (as ANNOTATION.md counts a quote its cue interrupts); None when the
        quotation opens anywhere but right after a colon, or A is not a clause's worth."""
        opening = min(quotes, key=lambda q: q.open)
        if opening.open <= r.start:
            return None
        head = self.text[r.start:opening.open].rstrip()
        if not head.endswith(":") or len(WORD.findall(head)) < 4:
            return None
        cut = r.start + len(head[:-1].rstrip())
        frags = [[a, min(b, cut)] for a, b in r.fragments if a < cut]
        return replace(r, end=cut, fragments=frags or [[r.start, cut]])

    def mend_verbs(self) -> None:
        """``But Trump claims that he …``: the tagger may read a reporting verb in -s as a
        plural noun (``claims``, ``warns``) yet parse it with a subject and a clause of its
        own; with both it is the verb, and every later pass should see a verb."""
        for t in self.doc:
            if t.pos_ != "NOUN" or t.tag_ != "NNS" or not t.lower_.endswith("s"):
                continue
            lem = cue_lemma(t)
            if lem not in SAY_VERBS and lem not in BELIEF_VERBS:
                continue
            kids = list(t.children)
            # the subject may come out as a compound of the "noun" ("Trump claims")
            subj = any(c.i < t.i and (c.dep_ == "nsubj" or c.dep_ == "compound" and c.pos_ == "PROPN")
                       for c in kids)
            clause = any(c.dep_ == "ccomp" and c.i > t.i and c.pos_ in ("VERB", "AUX") and any(
                m.dep_ in ("mark", "nsubj", "nsubjpass", "expl") for m in c.children) for c in kids)
            if subj and clause and not any(c.dep_ in ("det", "poss", "amod") for c in kids):
                t.pos_, t.tag_ = "VERB", "VBZ"
                for c in kids:
                    if c.dep_ == "compound" and c.i < t.i:
                        c.dep_ = "nsubj"

    def mend_left_clauses(self, reported: list[Cand]) -> list[Cand]:
        """``X continues to insist, in an interview with Y, that he wants …``: after a long
        aside the parser may make the that-clause's verb the root and hang the reporting
        clause on it as a complement to its left. The cue is the reporting verb on the
        left, its subject the source, and the content the that-clause; the clause's own
        verb reports nothing of its own with the reporting clause as its content."""
        doc = self.doc
        swapped: set[int] = set()
        out: list[Cand] = []
        for v in doc:
            if v.dep_ != "ROOT" or v.pos_ not in ("VERB", "AUX"):
                continue
            mark = next((m for m in v.children if m.dep_ == "mark" and m.lower_ == "that" and m.i < v.i), None)
            left = next((c for c in v.children if c.dep_ == "ccomp" and c.i < v.i), None)
            if mark is None or left is None or not self.in_story(left.idx):
                continue
            cue = left if cue_lemma(left) in SAY_VERBS | BELIEF_VERBS else next(
                (x for x in left.children if x.dep_ == "xcomp" and cue_lemma(x) in SAY_VERBS | BELIEF_VERBS), None)
            if cue is None or left.right_edge.i >= mark.i:
                continue
            subj = subject_of(cue)
            if subj is None:
                continue
            b = v.right_edge.i
            while b > mark.i and doc[b].is_punct:
                b -= 1
            got = self._content([(mark.i + 1, b)], None, cue)
            if got is None:
                continue
            s, e, frags = got
            out.append(Cand(s, e, "indirect", frags, cue=self.cue_span(cue), cue_tok=cue, subj=subj))
            swapped.add(v.i)
        if not swapped:
            return reported
        # the clause's own verb with the reporting clause before it as its "content"
        kept = [r for r in reported if not (r.cue_tok is not None and r.cue_tok.i in swapped and r.end <= r.cue_tok.idx)]
        return kept + out

    @staticmethod
    def is_act(c: Cand) -> bool:
        """A report verb in a use that reports nothing: a side taken by a participle or
        infinitive hung on something else, or by a finding (``slogans supporting the
        law``, ``the findings support the theory``); one asked a question, with only
        its topic (``when asked about the tax``: the answer, if any, is the statement);
        a verb its object makes an act (``the storm claimed 20 lives``, ``ordered a review``)."""
        t = c.cue_tok
        if t is None or t.pos_ not in ("VERB", "AUX"):
            return False
        lem = t.lemma_.lower()
        if lem in POSITION_VERBS:
            # a participle or infinitive with no subject or tense of its own; not one on a
            # text ("a letter backing X")
            hung = t.tag_ in ("VB", "VBG", "VBN") and t.dep_ in ("acl", "xcomp", "advcl", "pcomp") and not any(
                x.dep_ in ("nsubj", "aux", "auxpass") and x.lower_ != "to" for x in t.children) and not (
                t.dep_ == "acl" and t.head.lemma_.lower() in SPEECH_NOUNS | DOC_NOUNS)
            if hung or c.subj is not None and (c.subj.lemma_.lower() in NON_AUTHORS or is_data(c.subj)):
                return True
        if lem == "ask" and t.tag_ == "VBN" and not any(
                x.dep_ in ("agent", "ccomp", "xcomp", "dobj") for x in t.children) \
                and any(x.dep_ == "prep" and x.lower_ == "about" for x in t.children):
            return True
        if lem in ("ask", "question") and reduced_passive(t) and not any(
                x.dep_ in ("agent", "dobj", "dative") for x in t.children):
            # "X, when asked whether …, told …": X is the one asked, the question is an
            # unnamed interviewer's and no statement of X (the answer is)
            return True
        if lem in STANCE_VERBS and c.kind == "indirect" and stance_object(t, c.start, c.end):
            return True
        if lem in NOMINAL_ACTS and not any(x.dep_ in ("ccomp", "xcomp", "advcl") for x in t.children):
            # "ordered a review": what was ordered is a noun, the order an act (events code it)
            return True
        objects = ACT_OBJECTS.get(lem)
        return bool(objects) and any(x.dep_ == "dobj" and x.lemma_.lower() in objects for x in t.children)

    # -- the trained tagger ---------------------------------------------------
    def tagged(self, found: list[Cand]) -> list[Cand]:
        """What the attribution tagger finds where the rules found nothing: statements
        in sentences with a reporting verb that overlap no statement of the rules."""
        model = tagger()
        if model is None:
            return []
        taken = sorted((c.start, c.end) for c in found)
        starts = [a for a, _ in taken]
        reach = max((b - a for a, b in taken), default=0)

        def free(s: int, e: int) -> bool:
            lo = bisect.bisect_left(starts, s - reach)
            return not any(a < e and s < b for a, b in taken[lo:bisect.bisect_right(starts, e)])

        out: list[Cand] = []
        for sent in self.doc.sents:
            if not self.in_story(sent.start_char) or not any(is_anchor(t) for t in sent):
                continue
            for st in statements(model, sent):
                c = self._tagged_cand(st)
                if c is not None and free(c.start, c.end) and not self.is_act(c):
                    out.append(c)
        return out

    def _tagged_cand(self, st: Tagged) -> Cand | None:
        doc = self.doc
        cue = doc[st.cue[0]]
        q = self.mark_of(cue.idx)
        if q is not None and q.direct:
            return None  # inside a quotation: the quoted words, not the article's report
        a, b = st.content
        root = next((doc[i] for i in range(a, b + 1) if not a <= doc[i].head.i <= b), doc[b])
        if root.pos_ in ("PROPN", "PRON") or root.dep_ in ("nsubj", "nsubjpass", "dative") \
                or root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass") and is_anchor(root.head.head) \
                or cue.head == root and cue.dep_ == "relcl" \
                or any(ch.dep_ == "relcl" and is_anchor(ch) for ch in root.children) \
                or root.dep_ == "dobj" and (cue.lemma_.lower() in HEARER_VERBS or root == inverted_subject(cue)) \
                or cue.head == root and cue.dep_ in ("amod", "compound") and root.dep_ in ("dobj", "pobj"):
            # a name, a pronoun, someone's subject, or the apposition of a reporting
            # verb's subject ("the paper, the minister's adviser, said"), the noun whose relative clause is the cue or another
            # reporting verb ("read out the letter, which said …": the letter is a source, what
            # it said is the content), the one told or cited, or the subject
            # of an inverted cue the parser took for its object ("…, argued the city's
            # lawyer", or "…, reported officials" where it took the cue for the noun's
            # modifier): a party to the report ("told the BBC"), not what was reported
            return None
        if says_nothing(root):
            return None  # "voiced their opinions": that something was said, not what
        lem = cue.lemma_.lower()
        if lem in CHARGE_VERBS:
            return None  # "attacked": an act unless the rules find the charge
        if lem in OWN_ACTION_VERBS:
            return None  # "declined the offer", "agreed to talks": the source's own act (A4)
        if lem in LABEL_VERBS or root.dep_ == "xcomp" and root.tag_ == "VB" and not (
                lem in XCOMP_VERBS or lem in SAY_VERBS):
            # what the rules settle by the guideline: a label verb with no label is an act
            # ("named a coach"), an infinitive after a wish or plan is the source's own
            # future action, no statement (A4: "wants to run", "plans to visit")
            return None
        got = self._content([st.content], None, cue)
        if got is None:
            return None
        s, e, frags = got
        if self._only_time(s, e):
            return None
        subj = None
        if st.source is not None:
            a, b = st.source
            subj = next((doc[i] for i in range(a, b + 1) if not a <= doc[i].head.i <= b), doc[b])
            if is_data(subj):
                return None  # "figures show": evidence on no one's record (A7)
        if lem in DOC_VERBS and lem not in SAY_VERBS and not self._document_source(cue, subj):
            # as the rules have it: "found", "showed" report only a document's finding or
            # a finding with a clause ("police found a body" is an act)
            return None
        kind = "mixed" if any(q.words and s <= q.start and q.end <= e for q in self.marks_near(s, e)) else "indirect"
        cue_end = doc[st.cue[1]]
        return Cand(s, e, kind, frags, cue=(cue.idx, cue_end.idx + len(cue_end.text)), cue_tok=cue,
                    subj=subj, no_speaker=subj is None)

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

    def _own_outlet(self, subj: Token | None) -> bool:
        """``Wikinews asked him whether …``: the article's own outlet as the source is the
        journalist at work, an interviewer's question or the reporting itself (A11, D2),
        not a statement on anyone's record."""
        outlet = (self.article.metadata.outlet or "").lower().split()
        if subj is None or not outlet or subj.i + 1 < len(outlet):
            return False
        words = [self.doc[k].lower_ for k in range(subj.i - len(outlet) + 1, subj.i + 1)]
        return words == outlet

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
                    by_cue[key] = self.coordination(self.resolver.resolve(c.subj), c)
                c.speaker = by_cue[key]
            elif c.inherit and prev is not None and prev.speaker is not None:
                gap = text[prev.end:c.start]
                if gap.count("\n") <= 2 and len(gap) < 400:
                    c.speaker = prev.speaker
            if c.inherit and c.speaker is None and (c.mark is None or c.mark.words < 8):
                continue
            if c.speaker is not None or c.kind == "direct":
                prev = c
        cands = [c for c in cands if not (c.inherit and c.speaker is None and (c.mark is None or c.mark.words < 8))
                 and not self._own_outlet(c.subj)]
        for n, c in enumerate(cands, 1):
            sp = _trimmed(c.speaker, text)
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
        link_utterances(out, text)
        return out

    def coordination(self, sp: Speaker | None, c: Cand) -> Speaker | None:
        """``Australia and Canada have both stated concerns``: one statement whose speaker
        mention is the whole coordination, as the shared guideline's gold marks it (D10);
        the speaker actor stays the first conjunct (a statement has one). ``A, along with
        B,`` is no coordination: the grammar gives A alone."""
        subj = c.subj
        if sp is None or subj is None or subj.dep_ == "conj" or not sp.start <= subj.idx < sp.end:
            return sp
        conj = [k for k in subj.conjuncts
                if k.i > subj.i and k.pos_ in ("PROPN", "NOUN") and not c.start <= k.idx < c.end]
        # a real coordination has its "and" / "or" ("X, Y's chancellor" is a misread apposition)
        if not conj or not any(t.dep_ == "cc" for k in (subj, *conj) for t in k.children):
            return sp
        end = sp.end
        for k in conj:
            a, b = np_bounds(k)
            if not JOINER.match(self.text[end:self.doc[a].idx]):
                return sp
            end = max(end, self.doc[b].idx + len(self.doc[b].text))
        if end <= sp.end or (c.start < end and sp.start < c.end):
            return sp
        return Speaker(sp.actor, self.text[sp.start:end], sp.start, end)

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


def _trimmed(sp: Speaker | None, text: str) -> Speaker | None:
    """The speaker's span without the white space the parse may run it over (a name
    closing a paragraph takes the line break after it, a no-break space after a name)."""
    if sp is None or text[sp.start:sp.end] != sp.text or sp.text == sp.text.strip():
        return sp
    start, end = sp.start, sp.end
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return Speaker(sp.actor, text[start:end], start, end) if end > start else sp
