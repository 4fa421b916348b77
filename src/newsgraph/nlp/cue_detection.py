"""Cue detection around quotation marks: which quotations are statements, and the cue
and source next to each (``"…," she said``, ``X said: "…"``, ``"…" ― X``, a clause and
a colon, a transcript line ``NAME: …``). A quotation with no cue is left to take the
previous speaker (A6) when it is long enough to be one.
"""
from __future__ import annotations

from spacy.tokens import Token

from newsgraph.nlp.candidates import FINITE, SENT_END, Cand, FinderBase
from newsgraph.nlp.cues import (
    DIRECT_ONLY,
    PERSONAL,
    PLURAL,
    SAY_VERBS,
    SPEECH_NOUNS,
)
from newsgraph.nlp.quote_marks import DASH_SIGN, LABEL_LINE, WORD, Marked, is_mark
from newsgraph.nlp.speakers import Speaker, adjacent_subject, subject_of

IRREGULAR_SAYING = {"said": "say", "says": "say", "wrote": "write", "writes": "write", "told": "tell",
                    "tells": "tell", "spoke": "speak"}


def saying_form(word: str) -> str | None:
    """The saying verb (in SAY_VERBS) that a past or third-person form is of, read from
    the surface alone (for words the tagger did not take for verbs): ``remarked`` ->
    ``remark``, ``explains`` -> ``explain``, ``replied`` -> ``reply``."""
    if word in IRREGULAR_SAYING:
        return IRREGULAR_SAYING[word]
    stems = []
    if word.endswith("ied"):
        stems.append(word[:-3] + "y")
    if word.endswith("ed"):
        stems += [word[:-2], word[:-1]]
    if word.endswith("es"):
        stems.append(word[:-2])
    if word.endswith("s"):
        stems.append(word[:-1])
    return next((st for st in stems if st in SAY_VERBS), None)


class CueDetection(FinderBase):
    """The direct-quote passes of the statement finder."""

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
                       and not finite) or (self._alone(q) and 2 <= q.words <= 8 and caps >= 0.6 * q.words
                                           and stripped[-1:] not in "?!")
            q.direct = not q.title and (q.words >= 8 or (q.words >= 3 and finite)
                                        or (q.words >= 3 and ends and stripped[-1:] in "?!"))

    def _alone(self, q: Marked) -> bool:
        """Whether the quotation is its paragraph's only text: a short one in title case
        there (`'All Bets Are Off.'`) is a section heading, not something said (A11)."""
        text = self.text
        if not q.closed:
            return False
        before = text[text.rfind("\n", 0, q.open) + 1:q.open]
        nl = text.find("\n", q.close)
        after = text[q.close + 1:len(text) if nl < 0 else nl]
        return not before.strip() and not after.strip(" .\u00a0")

    def direct_quotes(self) -> list[Cand]:
        text = self.text
        out: list[Cand] = []
        for qi, q in enumerate(self.marks):
            # (one word is an utterance too when a cue sits right against it: '"Yes," said X')
            voiced = not q.direct and self._voiced(q)
            if not q.direct and not (q.words >= 1 and not q.title and self._tight_cue(q)) and not voiced:
                continue
            prev_close = self.marks[qi - 1].close if qi else -1
            next_open = self.marks[qi + 1].open if qi + 1 < len(self.marks) else len(text)
            cand = Cand(q.start, q.end, "direct", [list(p) for p in q.pieces if p[1] > p[0]], mark=q)
            dash = self._dash_source(q)
            if dash is not None:
                cand.cue, cand.subj = dash
                out.append(cand)
                continue
            fronted = self._fronted_cue(q)
            if fronted is not None:
                cand.cue_tok, cand.subj = fronted
                cand.cue = self.cue_span(fronted[0])
                out.append(cand)
                continue
            cue = self._introduced(q, prev_close) or self._cue_after(q, next_open) \
                or self._cue_before(q, prev_close)
            if cue is None and q.title and not voiced:
                continue
            if cue is not None:
                cand.cue_tok = cue
                cand.cue = self.cue_span(cue) if cue.lower_ != "according" else (cue.idx, cue.idx + 12)
                cand.subj, cand.no_speaker = self.source_of(cue)
                if cand.subj is not None and cand.subj.i > cue.i and self.mark_of(cand.subj.idx) is not None:
                    # a "subject" after the cue inside quotation marks is a title the parser
                    # misread (`said on Fox News's "Fox and Friends"`): the name before the
                    # cue speaks
                    alt = self._name_before(cue)
                    if alt is not None:
                        cand.subj = alt
                if cand.subj is None and not cand.no_speaker:
                    cand.subj = self._noun_source(cue) or self._inverted_after(q, cue)
                if cand.subj is not None and q.start <= cand.subj.idx < q.end:
                    # a "source" inside the quotation is a parse gone wrong; the name right
                    # before the cue outside the marks (`"…," police Chief Jordan said`,
                    # which the parser hung on the quoted verb) is the source, else none
                    alt = self._name_before(cue)
                    if alt is None and q.closed and cue.idx > q.close:
                        # '"Good evening!" cried a cheerful Smith': the parser took
                        # the quotation for the inverted cue's subject and the name for its object
                        after = adjacent_subject(cue)
                        if after is not None and after.i > cue.i and after.pos_ == "PROPN" \
                                and self.mark_of(after.idx) is None:
                            alt = after
                    if alt is not None and not q.open <= alt.idx <= q.close:
                        cand.subj = alt
                    else:
                        cand.subj, cand.cue, cand.cue_tok, cand.inherit = None, None, None, True
            else:
                cand.subj = self._colon_source(q)
                cand.inherit = cand.subj is None
            out.append(cand)
        return out

    def _fronted_cue(self, q: Marked) -> tuple[Token, Token] | None:
        """``Remarked Center for Biological Diversity scientist Jane Roe, "…"``: quotative
        inversion at the head of a sentence, which the parser reads as a name (the
        capitalised verb taken for its first word). The sentence opens with a form of a
        saying verb and a name ends right before the comma and the opening mark; the name
        is the source."""
        doc = self.doc
        i = self.tok_at(q.open)
        sent = doc[i].sent
        first = doc[sent.start]
        if i - sent.start < 3 or doc[i - 1].text != "," or not first.text[:1].isupper():
            return None
        if saying_form(first.lower_) is None:
            return None
        name = doc[i - 2]
        if name.pos_ != "PROPN" and name.ent_type_ not in ("PERSON", "ORG"):
            return None
        clause = any(t.pos_ in ("VERB", "AUX") or t.text in (",", ";", ":") or is_mark(t.text)
                     for t in doc[sent.start + 1:i - 1] if not t.ent_type_)
        if clause and not any(t.ent_type_ == "PERSON" for t in doc[sent.start + 1:i - 1]):
            # a verb or a break between the opening word and the name is a clause of its
            # own, not an inversion; a person named there is the apposition of one
            # ("Explains the firm's founder and CEO, Jane Roe, "…"")
            return None
        return first, name

    def _introduced(self, q: Marked, prev_close: int) -> Token | None:
        """``X said at a briefing: "…." Y has called for …``: a quotation that a cue
        introduces with a colon, or with a comma right after the verb, and that ends its
        sentence belongs to that cue, not to a verb after it, which starts a sentence
        of its own."""
        before = self.text[max(0, q.open - 3):q.open].rstrip()
        content = self.text[q.start:q.end].rstrip()
        if content[-1:] not in SENT_END and content[-2:-1] not in SENT_END:
            return None
        cue = self._cue_before(q, prev_close)
        if cue is None or cue.pos_ not in ("VERB", "AUX"):
            return None
        if not before.endswith((":", ",")):
            # 'X wrote in the announcement "…."': a finite cue with its subject a few words
            # before the mark, nothing but its own phrase between
            opening = self.tok_at(q.open)
            between = self.doc[cue.i + 1:opening]
            if cue.tag_ not in ("VBD", "VBZ", "VBP") or len(between) > 5 or any(
                    t.is_punct or t.pos_ in ("VERB", "AUX") for t in between) or subject_of(cue) is None:
                return None
            return cue
        if before.endswith(","):
            # only the verb itself before the comma (`she said, "…"`), not a clause
            # that merely ends in a comma
            i = self.tok_at(len(before) - 1 + max(0, q.open - 3))
            j = i - 1 if self.doc[i].is_punct else i
            if j != cue.i:
                return None
        return cue

    def _inverted_after(self, q: Marked, cue: Token) -> Token | None:
        """``"…," added the statement.``: a cue right after the closing mark with no
        subject of its own is inverted, and the noun phrase that follows it and ends the
        sentence is its source, whatever the parser made of it (it often takes it for the
        object: quotative inversion puts the subject after the verb)."""
        doc = self.doc
        if not q.closed or cue.idx < q.close or any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
            return None
        if any(not (t.is_punct or is_mark(t.text)) for t in doc[self.tok_at(q.close):cue.i] if t.idx >= q.close):
            return None  # something stands between the quotation and the cue
        obj = next((c for c in cue.children if c.dep_ in ("dobj", "attr", "npadvmod") and c.i > cue.i
                    and c.pos_ in ("NOUN", "PROPN") and c.ent_type_ not in ("DATE", "TIME")), None)
        if obj is None or not any(d.dep_ == "det" or d.pos_ in ("PROPN", "ADJ") for d in obj.subtree) \
                and obj.pos_ != "PROPN":
            return None
        end = obj.right_edge.i + 1
        if end < len(doc) and not (doc[end].text in SENT_END or doc[end].is_sent_start or is_mark(doc[end].text)):
            return None  # the sentence goes on: an object after all ("…," added two more names to the list)
        return obj

    def _name_before(self, cue: Token) -> Token | None:
        """The name right before a cue (``Flynn, a top Trump surrogate, said``), through
        a description set off in apposition, when the parser gave the cue no subject of
        its own."""
        alt = adjacent_subject(cue)
        if alt is None or alt.i > cue.i:
            return None
        if alt.dep_ == "appos" and alt.head.i < alt.i:
            alt = alt.head
        return alt if alt.pos_ == "PROPN" else None

    def _colon_source(self, q: Marked) -> Token | None:
        """``Trump took a parting shot on Twitter: "…"``: a quotation a clause introduces
        with a colon (or a comma before a whole quoted sentence) and no reporting verb is
        the words of that clause's subject (cue null), when the subject is someone who can
        speak."""
        before = self.text[max(0, q.open - 3):q.open].rstrip()
        # (a comma too, before a whole quoted sentence: 'X also reacted on Twitter, "Sad
        # news …"')
        if not before.endswith(":") and not (before.endswith(",") and q.direct):
            return None
        colon = self.doc[self.tok_at(len(before) - 1 + max(0, q.open - 3))]
        if colon.text not in (":", ","):
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

    def _voiced(self, q: Marked, depth: int = 0) -> bool:
        """``protesters chanted "Down with the government"``, ``shouted slogans such as "…"
        and "…"``: a slogan right after the verb that voices it (shout, chant, …) is a
        statement whatever its capitals (a title test would drop it)."""
        doc = self.doc
        k = self.tok_at(q.open) - 1
        if k < 2:
            return False
        if doc[k].lower_ in ("and", "or", ",") and is_mark(doc[k - 1].text) and depth < 3:
            prev = self.mark_of(doc[k - 1].idx - 1)
            return prev is not None and prev is not q and self._voiced(prev, depth + 1)
        if doc[k].lower_ in ("as", "like", ":"):
            k -= 2 if doc[k].lower_ == "as" and doc[k - 1].lower_ == "such" else 1
            if doc[k].lemma_.lower() not in ("slogan", "phrase", "word", "chant", "cry") or doc[k].dep_ != "dobj":
                return False
            k = doc[k].head.i
        return doc[k].pos_ == "VERB" and doc[k].lemma_.lower() in DIRECT_ONLY

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
            while k < len(doc) and is_mark(doc[k].text):
                k += 1
            for j in range(k, min(k + 3, len(doc))):
                t = doc[j]
                if self.is_cue(t, titles=False) and t.pos_ == "VERB":
                    if any(c.dep_ == "nsubj" and c.idx > q.close for c in t.children):
                        return True
                    # '"Good evening!" cried a cheerful Smith': the name parsed as object
                    after = adjacent_subject(t)
                    return after is not None and after.i > t.i and after.pos_ == "PROPN"
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
        while i < len(doc) and is_mark(doc[i].text):
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
            if seen > 8 and (seen > 14 or t.pos_ not in ("PROPN", "NOUN", "PUNCT", "DET", "ADJ", "ADP", "NUM")):
                # past eight tokens, only a long name with its title or affiliation
                # (`Rep. Elijah E. Cummings (D-Md.) said`) may still lead to the cue
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
