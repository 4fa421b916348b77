"""The span cutting every reported-speech pass shares, and the reports that are no verb:
a content noun's that-clause (``his claim that …``, ``issued a statement that …``), a
belief adjective's clause (``is confident that …``) and a source's own words or view in
an ``in`` phrase (``in his view, …``); and the parse repairs the verb pass shares (a cue set
off by commas, a clause subject taken for an object, a finding). ``ContentBounds`` builds
on it for the verbs.
"""
from __future__ import annotations

from spacy.tokens import Token

from newsgraph.nlp.candidates import FINITE, Cand, FinderBase
from newsgraph.nlp.cues import (
    BELIEF_VERBS,
    CHARGE_VERBS,
    DOC_NOUNS,
    FINDING_SOURCES,
    NEXT_STATEMENT_PARTICIPLES,
    NON_SOURCES,
    OBJECT_VERBS,
    PERSONAL,
    PLURAL,
    SAY_VERBS,
    SPEECH_NOUNS,
    TOPIC_PREPS,
    UNNAMED_HEADS,
    UTTERANCE_VERBS,
    XCOMP_VERBS,
    cue_lemma,
    published_data,
)
from newsgraph.nlp.quote_marks import WORD, is_mark
from newsgraph.nlp.speakers import subject_of

# Where the parser hangs a trailing ``…, adding …`` participle inside a reported clause.
PARTICIPLE_DEPS = frozenset(("advcl", "csubj", "conj", "acl", "xcomp", "npadvmod"))


def same_finite_form(cue: Token, verb: Token, clause: Token) -> bool:
    """Whether ``verb``, coordinated with the reported ``clause``, has the cue's finite
    form, as the speaker's next report would (``said A and urged B``, ``say A and warn
    B``). The parser tags a present plural after a conjunction as a bare form (``Experts
    say A is rising and warn …``: ``warn`` VB); a bare form counts only when the clause
    has no modal or ``to`` of its own, whose verbs it could continue (``will rise and
    ask``)."""
    if cue.tag_ not in ("VBD", "VBZ", "VBP"):
        return False
    if verb.tag_ == cue.tag_:
        return True
    return cue.tag_ == "VBP" and verb.tag_ == "VB" and clause.tag_ != "VB" and not any(
        c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ == "to") for c in clause.children)


# a participle after these is part of the clause ("quoted as saying", "as well as saying")
LEADING_PREPS = frozenset(("as", "by", "of", "for", "without", "while", "after", "before", "when", "in"))


class NominalReports(FinderBase):
    """Content spans (A10) and the nominal and adjectival reports."""

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
            b = self._before_relative_report(a, b, cue)
            b = self._before_own_report(a, b, cue)
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
            while x <= y and (doc[x].is_punct and not is_mark(doc[x].text) or doc[x].dep_ in ("mark", "cc")
                              or doc[x].is_space):
                x += 1
            while y >= x and (doc[y].is_punct and not is_mark(doc[y].text) or doc[y].is_space
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

    def _before_relative_report(self, a: int, b: int, cue: Token) -> int:
        """The content's last token before a trailing relative clause set off by a comma
        that reports on its own (``X claimed A, which Y denied``; ``named his view as B,
        which he said was …``): that clause is another statement, not part of this one."""
        doc = self.doc
        for x in doc[a:b + 1]:
            if x.dep_ != "relcl" or x.i == cue.i or x.left_edge.i <= a + 1 \
                    or doc[x.left_edge.i - 1].text != "," or x.right_edge.i < b - 1 \
                    or x.left_edge.i <= cue.i <= x.right_edge.i:
                continue
            reports = [y for y in (x, *x.children) if y.pos_ in ("VERB", "AUX") and (
                cue_lemma(y) in SAY_VERBS or cue_lemma(y) in BELIEF_VERBS
                or cue_lemma(y) in OBJECT_VERBS and y.i == x.i)]
            if any(any(c.dep_ in ("nsubj", "nsubjpass") for c in y.children) for y in reports):
                return x.left_edge.i - 2
        return b

    def _before_own_report(self, a: int, b: int, cue: Token) -> int:
        """The content's last token before a participle of a speech verb that brings its
        own content (``denied any exercise was taking place stating, "…"``, ``denied
        interest in the nomination saying he wants to …``): with or without a comma before
        it, the participle is the speaker's next statement, not part of this one. Its own
        content: a quotation mark, a colon or a comma after it, or a clause of its own."""
        doc = self.doc
        for x in doc[a + 3:b + 1]:
            # a participle hung on a verb (not a noun's modifier: "resolutions stating that …"
            # is what was reported), not after a preposition ("quoted as saying", "as well as
            # saying": part of the clause)
            if x.tag_ != "VBG" or x.i == cue.i or x.lemma_.lower() not in NEXT_STATEMENT_PARTICIPLES \
                    or x.dep_ not in ("advcl", "conj", "xcomp") or doc[x.i - 1].lower_ in LEADING_PREPS:
                continue
            nxt = doc[x.i + 1] if x.i + 1 < len(doc) else None
            own = nxt is not None and (nxt.text == ":" or is_mark(nxt.text)
                                       or nxt.text == "," and x.i + 2 < len(doc) and is_mark(doc[x.i + 2].text)) \
                or any(c.dep_ == "ccomp" and c.i > x.i for c in x.children)
            if not own:
                continue
            k = x.i - 1
            while k > a and (doc[k].is_punct and not is_mark(doc[k].text) or doc[k].is_space
                             or doc[k].lower_ in ("further", "also", "and", "then")):
                k -= 1
            return k
        return b

    def _before_participle_report(self, clause: Token, cue: Token | None = None) -> int:
        """The last token of a reported clause, before a ``…, adding …`` / ``…, saying …``
        the parser hung inside it: that participle is a report of its own (the same
        speaker's next statement), not part of this one. The same for a reporting verb
        the parser coordinated with the clause (``said there was no plan and urged the
        crowd to …``): with no subject of its own and the cue's tense, it is the
        speaker's next act, not the reported clause's."""
        doc = self.doc
        for x in clause.subtree:
            # wherever the parser hangs the participle: on the clause's verb (advcl), as the
            # subject of a verb after it ("…, adding one factor would be …": csubj) or as a
            # conjunct; "citing" too ("…, citing the costs": what the speaker cites next)
            if x.dep_ in PARTICIPLE_DEPS and x.tag_ == "VBG" and x.head.i != x.i \
                    and (x.lemma_.lower() in SAY_VERBS or x.lemma_.lower() == "cite") \
                    and x.left_edge.i > clause.left_edge.i + 1 and doc[x.left_edge.i - 1].text == ",":
                return x.left_edge.i - 2
        if cue is not None:
            for x in clause.children:
                lem = cue_lemma(x)
                if x.dep_ == "conj" and x.i > clause.i and same_finite_form(cue, x, clause) \
                        and (lem in SAY_VERBS or lem in OBJECT_VERBS and lem not in CHARGE_VERBS
                             or lem in XCOMP_VERBS) \
                        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in x.children):
                    return x.left_edge.i - 1
        return clause.right_edge.i

    def _only_time(self, s: int, e: int) -> bool:
        """``said last week``: a time the parser (or the tagger) took for the content is
        no content."""
        doc = self.doc
        return all(doc[k].ent_type_ in ("DATE", "TIME") or doc[k].is_punct
                   for k in range(self.tok_at(s), self.tok_at(max(s, e - 1)) + 1))

    def _is_party(self, tok: Token) -> bool:
        """A noun phrase that names a source rather than a content: a person or an
        organisation, an unnamed source (``officials``). (A document or a figure cited
        is what the source points to: ``cited the audit as the reason``.)"""
        return tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or tok.lower_ in UNNAMED_HEADS

    def _document_source(self, t: Token, subj: Token | None) -> bool:
        """Can ``subj`` report with the document verb ``t`` (``the poll shows``, ``the
        report found``)? A document, an organisation, figures whose publisher is named, or
        those who made a finding (``_finds``)."""
        return subj is not None and (subj.lemma_.lower() in DOC_NOUNS or subj.ent_type_ == "ORG"
                                     or published_data(subj) or self._finds(t, subj))

    def _finds(self, t: Token, subj: Token) -> bool:
        """``The researchers found (that) ...``, ``the court found ...``, ``they showed ...``:
        a study's or an inquiry's finding put on record by those who made it, only with a
        clause (``police found a body`` is an act) and a source that can make one (a
        person, a group, a body, their pronoun)."""
        if not any(c.dep_ == "ccomp" and c.i > t.i for c in t.children):
            return False
        low = subj.lower_
        return (low in PERSONAL or low in PLURAL or low in ("we", "i") or self._is_party(subj)
                or subj.lemma_.lower() in FINDING_SOURCES)

    def _aside(self, t: Token, subj: Token | None) -> tuple[int, int] | None:
        """``…, officials said, …``: the cue and its own subject alone between two commas,
        with words of the sentence on both sides; the token range of the aside."""
        doc = self.doc
        if subj is None or subj.head.i != t.i or subj.i > t.i or t.i + 1 >= len(doc) or doc[t.i + 1].text != ",":
            return None
        le = subj.left_edge.i
        if le < 1 or doc[le - 1].text != ",":
            return None
        inside = {x.i for x in subj.subtree} | {c.i for c in t.children if c.dep_ in ("aux", "advmod", "neg")
                                                   and le <= c.i < t.i}
        if any(k not in inside for k in range(le, t.i)):
            return None
        sent = t.sent
        before = [k for k in range(sent.start, le - 1) if not doc[k].is_punct]
        after = [k for k in range(t.i + 2, sent.end) if not doc[k].is_punct]
        if len(before) < 2 or len(after) < 2 or any(is_mark(doc[k].text) for k in range(sent.start, sent.end)):
            return None  # quotations are the direct pass's
        if doc[t.i + 2].dep_ == "cc" or doc[t.i + 2].pos_ == "CCONJ":
            return None  # "A, he said, and B": a second report after the first, as the parse has it
        return le - 1, t.i + 1

    def _clause_taken_for_conj(self, t: Token, children: list[Token]) -> list[Token]:
        """``indicated on Twitter the girl was ill``, ``has maintained an inquiry is what
        the committee does``: with no ``that``, the parser may hang the reported clause's
        verb on the cue as a second conjunct. A real coordination has its ``and`` / ``or``
        (a cc on the cue or on the conjunct); a tensed conjunct with none, after the cue and
        with no other conjunct of its own, is the cue's content clause (its subject is then
        its own, or the object the parser gave the cue, which _subject_taken_for_object
        finds). [the conjunct] or []."""
        if any(c.dep_ in ("cc", "preconj") for c in children):
            return []
        doc = self.doc
        for c in children:
            if c.dep_ != "conj" or c.i < t.i or c.pos_ not in ("VERB", "AUX"):
                continue
            kids = list(c.children)
            if any(k.dep_ in ("cc", "conj", "mark") for k in kids) or any(
                    doc[k].dep_ in ("cc", "preconj") or doc[k].pos_ == "CCONJ" for k in range(t.i + 1, c.i)):
                return []  # an 'and' anywhere between: a coordination, however hung
            if not (c.tag_ in FINITE or any(k.dep_ in ("aux", "auxpass") and k.i < c.i and k.tag_ in FINITE
                                            for k in kids)):
                return []
            subj = next((k for k in kids if k.dep_ in ("nsubj", "nsubjpass", "expl") and k.i < c.i), None)
            if subj is not None:
                # its own subject: only straight after the cue and its modifiers, with no
                # comma or other mark between (a comma there is a clause of its own)
                if any(doc[k].is_punct for k in range(t.i + 1, subj.left_edge.i)):
                    return []
            elif not any(d.dep_ == "dobj" and t.i < d.i < c.i for d in children) or (
                    c.tag_ == t.tag_ and doc[c.left_edge.i - 1].is_punct):
                # ('denied the charges, called them lies': a second verb of the same form
                # after a comma is the cue's asyndetic conjunct)
                return []
            return [c]
        return []

    def _subject_taken_for_object(self, t: Token, children: list[Token],
                                  ccomp: list[Token]) -> tuple[Token, Token] | None:
        """``reported Storm Alma had strengthened``, ``suggested the algae, like X,
        might render ...``: with no ``that``, the parser takes the reported clause's subject
        for the cue's object and leaves the clause (a ccomp or an advcl) with no subject of
        its own; the clause starts at that object. (object, clause) or None."""
        d = next((c for c in children if c.dep_ == "dobj" and c.i > t.i), None)
        if d is None:
            return None
        for c in ccomp or [c for c in children if c.dep_ == "advcl"]:
            if c.i <= d.right_edge.i or c.left_edge.i <= d.right_edge.i:
                continue
            kids = list(c.children)
            if any(k.dep_ in ("nsubj", "nsubjpass", "expl", "csubj", "mark") for k in kids):
                continue
            # finite: a tensed verb or an auxiliary before it ("had strengthened", "might
            # render"); a bare participle after the object is the object's own modifier
            if c.tag_ in ("VBD", "VBZ", "VBP") or any(k.dep_ in ("aux", "auxpass") and k.i < c.i
                                                       and k.tag_ in FINITE for k in kids):
                return d, c
        return None

    def _topic(self, t: Token, lem: str) -> tuple[int, int] | None:
        """``warned of a storm``, ``disagreed with the correlation``, ``commented on the
        unfairness of X``: the object of the preposition the cue takes for its topic
        (cues.json topic_preps), as a token range; not a date, a time or a channel (``said
        on Twitter``), nor a phrase a quotation follows (the quotation is the statement)."""
        doc = self.doc
        for p in t.children:
            if p.dep_ != "prep" or p.i < t.i or lem not in TOPIC_PREPS.get(p.lower_, ()):
                continue
            obj = next((c for c in p.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is None or obj.ent_type_ in ("DATE", "TIME", "PERSON", "ORG", "NORP", "GPE") \
                    or obj.pos_ in ("PRON", "PROPN") or obj.lemma_.lower() in SPEECH_NOUNS:
                return None  # a time, a channel, or the one agreed with: no topic
            a, b = p.i + 1, p.right_edge.i
            while b > a and doc[b].is_punct:
                b -= 1
            nxt = b + 1
            while nxt < len(doc) and doc[nxt].is_punct and not is_mark(doc[nxt].text):
                nxt += 1
            if b - a < 1 or nxt < len(doc) and is_mark(doc[nxt].text) or any(
                    is_mark(doc[k].text) for k in range(t.i, a)):
                return None
            return a, b
        return None

    def _belief_adjective(self, t: Token) -> Cand | None:
        """``The minister is confident that the deal will pass`` / ``she was sure Trump
        would win``: a belief adjective with a clause reports its subject's position (A4);
        without a clause (``worried about the cuts``) it is a state, no statement."""
        head = t.head
        if t.dep_ not in ("acomp", "oprd") or head.pos_ not in ("VERB", "AUX") or any(
                c.dep_ == "neg" for c in list(t.children) + list(head.children)):
            return None
        q = self.mark_of(t.idx)
        if q is not None and q.direct:
            return None  # the quoted speaker's own words
        # (a clause with a subject of its own even when the parser tags its head an
        # adjective: "that the edge may be undercut")
        clause = next((c for c in t.children if c.dep_ == "ccomp" and c.i > t.i and (c.pos_ in ("VERB", "AUX") or any(
            k.dep_ in ("nsubj", "nsubjpass") for k in c.children))), None)
        if clause is None:
            return None
        subj = subject_of(head)
        if subj is None or subj.lower_ in NON_SOURCES:
            return None
        got = self._content([(clause.left_edge.i, self._before_participle_report(clause))], None, t)
        if got is None:
            return None
        s, e, frags = got
        if any(fs <= subj.idx < fe for fs, fe in frags):
            return None
        return Cand(s, e, "indirect", frags, cue=(t.idx, t.idx + len(t.text)), cue_tok=t, subj=subj)

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
        if subj is None and t.left_edge.i >= 2 and self.doc[t.left_edge.i - 1].lower_ in ("'s", "\u2019s"):
            # "Tulsa police's earlier claim that ...", the possessive the parser lost
            subj = self.doc[t.left_edge.i - 2]
        if subj is None and t.dep_ in ("dobj", "pobj", "attr"):
            verb = t.head if t.dep_ != "pobj" else t.head.head
            # only the one who issued, made or repeated the claim is its source, not the
            # one who rejects or contradicts it
            if verb.pos_ in ("VERB", "AUX") and (t.dep_ == "attr" or cue_lemma(verb) in UTTERANCE_VERBS
                                                 or cue_lemma(verb) in SAY_VERBS):
                subj = subject_of(verb)
        if subj is None or subj.pos_ in ("VERB", "AUX"):
            # a clause is no source ("…, adding one factor would be the belief that …": the
            # parser made the participle the subject of "be")
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
