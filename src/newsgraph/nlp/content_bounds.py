"""Reported speech and its content boundaries (A10): from a cue token to the span of
what was reported, by the cue's class (a clause, an object, an infinitive, a label, a
noun's that-clause, ``according to``, ``in his view``), cut to the reported clause: not
over a semicolon or a paragraph, not into a participle that reports on its own, and
with the clause the parser hung on the cue when it runs on from the content.
"""
from __future__ import annotations

from spacy.tokens import Token

from newsgraph.nlp.candidates import (
    FINITE,
    PASSIVE_HEARERS,
    TELL_VERBS,
    Cand,
    cue_ids,
)
from newsgraph.nlp.cues import (
    ANY_PHRASE_ADVERBS,
    BELIEF_ADJECTIVES,
    BELIEF_VERBS,
    CHARGE_VERBS,
    COMPEL_VERBS,
    CONTENT_NOUNS,
    CONTROL_VERBS,
    DOC_NOUNS,
    DOC_VERBS,
    GERUND_VERBS,
    IMPERSONAL_VERBS,
    LABEL_VERBS,
    NAMING_VERBS,
    NON_SOURCES,
    OBJECT_PREPS,
    OBJECT_VERBS,
    OWN_ACTION_VERBS,
    PASSIVE_LABEL_VERBS,
    PREP_LABEL_VERBS,
    PURPOSE_REQUESTS,
    REPORT_ADVERBS,
    SAY_VERBS,
    SOURCE_PREPS,
    SPEECH_NOUNS,
    VIEW_NOUNS,
    XCOMP_VERBS,
    cue_lemma,
    is_data,
    says_nothing,
)
from newsgraph.nlp.modality import reduced_passive
from newsgraph.nlp.nominal_reports import NominalReports, same_finite_form
from newsgraph.nlp.quote_marks import is_mark
from newsgraph.nlp.speakers import according_phrase, after_comma_participle, inverted_subject, subject_of


def stray_that(that: Token, clause: Token) -> bool:
    """Is ``that``, first word of ``clause``, a complementiser the parser gave another role
    (an object of the phrase before it, or of the clause's verb when that verb has its own
    object), rather than a relative pronoun or the clause's subject?"""
    if that.lower_ != "that" or that.i >= clause.i:
        return False
    if that.dep_ in ("pobj", "det"):
        return True
    return that.dep_ == "dobj" and any(c.dep_ == "dobj" and c.i != that.i for c in clause.children)


def withheld(t: Token) -> bool:
    """Is the cue ``t`` a report someone did not make? Its negation sits on the verb it is
    coordinated with (``did not concede or admit defeat``), on the verb it completes
    (``refused to confirm``, ``failed to disclose``, ``have yet to confirm``), or in its
    subject (``neither of the companies would reveal``, ``no one confirmed``): nothing was
    put on record (A11)."""
    h = t.head
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
    if t.dep_ == "conj" and not own_subject and h.pos_ in ("VERB", "AUX") and any(c.dep_ == "neg" for c in h.children) \
            and not any(c.dep_ == "aux" for c in t.children):
        # (the negation spans "or": "did not concede or admit"; not "and": "did not know the
        # address and said …")
        joiner = max((c for c in h.children if c.dep_ == "cc" and h.i < c.i < t.i), key=lambda c: c.i, default=None)
        if joiner is not None and joiner.lower_ in ("or", "nor"):
            return True
    if t.dep_ == "xcomp" and (h.lemma_.lower() in WITHHOLDING or any(c.lower_ == "yet" for c in h.children)):
        return True
    for c in t.children if own_subject else (h.children if t.dep_ in ("conj", "xcomp") else ()):
        if c.dep_ in ("nsubj", "nsubjpass") and (
                c.lower_ in NEGATIVE_SUBJECTS or any(d.dep_ == "det" and d.lower_ in ("no", "neither") for d in c.children)):
            return True
    return False


# Verbs whose infinitive is a report not made ("refused to confirm", "failed to mention").
WITHHOLDING = frozenset(("refuse", "decline", "fail", "neglect", "hesitate"))
NEGATIVE_SUBJECTS = frozenset(("neither", "none", "nobody", "no-one"))

# Connectives that set one report against another ("A, however B says C").
CONTRASTS = frozenset(("however", "but", "though", "although", "whereas", "yet", "while"))


class ContentBounds(NominalReports):
    """The reported-speech passes of the statement finder."""

    # -- reported speech ----------------------------------------------------
    def reported(self) -> list[Cand]:
        doc = self.doc
        out: list[Cand] = []
        lem_ids, low_ids = cue_ids(doc)
        lowers = self._lowers
        for i, lid in enumerate(self._lemmas):
            if lid not in lem_ids and lowers[i] not in low_ids:
                continue
            t = doc[i]
            lem = cue_lemma(t)
            if t.lower_ in BELIEF_ADJECTIVES and (t.pos_ == "ADJ" or t.tag_ == "VBN" and t.dep_ == "acomp" and not (
                    lem in BELIEF_VERBS or lem in SAY_VERBS or lem in OBJECT_VERBS)):
                # "is convinced that": the parser tags the participle a verb ("convince" is no
                # reporting verb; "worried" is, and the verb pass has it)
                if self.in_story(t.idx):
                    c = self._belief_adjective(t)
                    if c is not None:
                        out.append(c)
                continue
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
            if t.lower_ in SOURCE_PREPS and t.dep_ == "prep":
                if self.in_story(t.idx):
                    c = self._source_prep(t)
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

    def _cited_clause(self, t: Token, dobj: list[Token]) -> tuple[Token, Token] | None:
        """``cited a security source that mental health may be a factor``: the parser
        hangs the that-clause on the one cited; (source, object, clause) when the clause
        has the complementiser ``that`` and a subject of its own (a relative clause,
        ``sources that spoke to …``, has ``that`` as its subject instead): (source, clause)."""
        if not dobj or dobj[0].i < t.i:
            return None
        d = dobj[0]
        for x in d.children:
            if x.dep_ in ("acl", "relcl", "ccomp") and x.i > d.i and x.pos_ in ("VERB", "AUX") \
                    and any(m.dep_ == "mark" and m.lower_ == "that" for m in x.children) \
                    and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in x.children):
                return d, x
        return None

    def _coordinated_report(self, t: Token) -> Token | None:
        """``X reported that A, and called B …``: the parser hangs the second reporting
        verb on the reported clause, so its subject would be A's; it is X's next act
        (the clause's content ends before it, ``_before_participle_report``)."""
        if t.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in t.children):
            return None
        h = t.head
        if h.dep_ != "ccomp" or not same_finite_form(h.head, t, h):
            return None
        v = h.head
        lem = cue_lemma(v)
        if not (lem in SAY_VERBS or lem in OBJECT_VERBS or lem in BELIEF_VERBS):
            return None
        return subject_of(v)

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

    @staticmethod
    def _infinitive_source(t: Token) -> tuple[bool, Token | None]:
        """(asserted, source) of a to-infinitive cue. Not asserted: one that modifies a noun
        (`a way to report profits`, `no reason to think`), or one whose doer is someone asked
        or obliged to do it (`urged the crowd to consider`, `requires candidates to
        disclose`, `was asked to describe`): nothing was put on record. Where the object did
        it (`forced X to admit`), the object is the source. A purpose clause after an act with
        an object (`installed sensors to report the level`) reports nothing, unless it is a
        request (`staged protests to demand X`: the protesters' demand, D8)."""
        if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in t.children):
            return True, None
        if t.dep_ in ("acl", "relcl"):
            return False, None
        h = t.head
        obj = next((c for c in h.children if c.dep_ in ("dobj", "dative") and c.i < t.i), None)
        # "was asked to describe", and the fronted "Asked to describe the device, X said"
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in h.children) or reduced_passive(h)
        lem = cue_lemma(h)
        if t.dep_ == "xcomp" and lem in COMPEL_VERBS:
            return True, obj
        if t.dep_ == "xcomp" and lem in CONTROL_VERBS and (obj is not None or passive):
            return False, None
        if t.dep_ == "advcl" and obj is not None and not (lem in SAY_VERBS or lem in OBJECT_VERBS) \
                and cue_lemma(t) not in PURPOSE_REQUESTS:
            return False, None
        return True, None

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
            # (the parser hangs it on the verb, makes it a clausal subject, or hangs it on
            # the subject noun: then the verb is the one that noun is the subject of)
            while head.tag_ in ("VBG", "VBN") and head.dep_ in ("advcl", "acl", "csubj") and hops < 4:
                up = head.head
                if head.dep_ == "acl" and up.dep_ in ("nsubj", "nsubjpass") and up.i < head.i:
                    up = up.head
                if up.i == head.i or up.pos_ not in ("VERB", "AUX"):
                    break
                head = up
                hops += 1
            if head.i == t.i and t.i == t.sent.start:
                # "According to X, for days the phone was off": the parser made the phrase
                # the root and scattered the clause; set off at the start it reports the rest
                # of its sentence
                pb = doc[t.i + 1].right_edge.i
                if pb + 2 < t.sent.end and doc[pb + 1].text == ",":
                    got = self._content([(pb + 2, t.sent.end - 1)], (t.i, pb), t)
                    if got is not None:
                        s, e, frags = got
                        return Cand(s, e, "indirect", frags, cue=(t.idx, doc[t.i + 1].idx + 2), cue_tok=t, subj=subj)
                return None
            if head.i == t.i or self._reports_itself(head):
                return None
            span = (head.left_edge.i, head.right_edge.i)
            # the phrase is "according to X" (the parser may hang more on "according")
            pa, pb = t.left_edge.i, doc[t.i + 1].right_edge.i
            mended = according_phrase(t)
            if mended is not None:
                pb = max(pb, mended[1])
            sent = t.sent
            at_start = pa == sent.start
            at_end = pb + 1 >= sent.end or pb + 2 == sent.end and doc[pb + 1].is_punct
            # (mid-sentence only where it hangs on the clause's verb: "killed 62, including,
            # according to X, 54 children" reports only the phrase it sits in)
            inside = doc[pa - 1].text == "," and pb + 1 < sent.end and doc[pb + 1].text == "," \
                and t.head.pos_ in ("VERB", "AUX") and t.head.dep_ != "prep"
            if (at_start or at_end or inside) and (at_start or doc[pa - 1].text == ",") \
                    and doc[pb].lower_ not in ("which", "whom", "that"):
                # "One child was, according to the fire service, among the dead": a source
                # set off at the start, the end or by commas reports its whole sentence,
                # wherever the parser hung the phrase
                span = (sent.start, sent.end - 1)
            got = self._content([span], (pa, pb), t)
            if got is None:
                return None
            s, e, frags = got
            return Cand(s, e, "indirect", frags, cue=(t.idx, doc[t.i + 1].idx + 2), cue_tok=t, subj=subj)
        if t.lower_ in REPORT_ADVERBS:
            # D1: the hedge reports what follows it in its phrase ("The crash reportedly
            # killed seven" -> "killed seven", "shot him dead, reportedly outside a store",
            # "who reportedly works at X"): from the word after it to the end of what it modifies
            head = t.head
            if head.i == t.i or t.lower_ not in ANY_PHRASE_ADVERBS and (
                    head.pos_ not in ("VERB", "AUX") or head.dep_ in ("relcl", "acl")):
                return None
            a = t.i + 1
            while a < len(doc) and doc[a].is_punct:
                a += 1
            while head.dep_ in ("nummod", "quantmod", "amod", "det", "compound") and head.head.i > head.i:
                head = head.head  # "reportedly 18.9 deaths per year": the number's noun phrase
            b = head.right_edge.i
            while b >= a and doc[b].is_punct:
                b -= 1
            if b < a or doc[a].sent.start != t.sent.start:
                return None
            named = next((x for x in doc[a:b + 1] if x.lower_ == "according" and x.i + 1 < len(doc)
                          and doc[x.i + 1].lower_ == "to" and doc[x.i - 1].text == ","), None)
            if named is not None:
                # "The dam reportedly burst, according to local media": the named source
                # reports the sentence, hedge and all; set off at the end it is the one
                # statement, elsewhere the hedge's content stops before it
                if doc[named.i + 1].right_edge.i + 2 >= t.sent.end:
                    return None
                b = named.i - 2
                if b < a:
                    return None
            got = self._content([(a, b)], None, t)
            if got is None:
                return None
            s, e, frags = got
            return Cand(s, e, "indirect", frags, cue=(t.idx, t.idx + len(t.text)), cue_tok=t, no_speaker=True)
        if any(c.dep_ == "neg" for c in t.children) or (t.dep_ == "pcomp" and t.head.lower_ == "without"):
            return None
        if withheld(t):
            return None
        if lem in PREP_LABEL_VERBS:
            labelled = self._prep_label(t, lem)
            if labelled is not None:
                return labelled
        is_say = lem in SAY_VERBS or (lem == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in t.children))
        is_belief = lem in BELIEF_VERBS
        is_doc = lem in DOC_VERBS
        if not (is_say or is_belief or is_doc or lem in OBJECT_VERBS or lem in XCOMP_VERBS):
            return None
        asserted, controlled = self._infinitive_source(t)
        if not asserted:
            return None
        subj, impersonal = self.source_of(t)
        if controlled is not None:
            subj, impersonal = controlled, False
        impersonal = impersonal and lem in IMPERSONAL_VERBS
        inverted = t.dep_ == "conj" and subj is not None and inverted_subject(t) == subj
        outer = None if inverted else self._coordinated_report(t)
        if outer is not None:
            subj = outer
        if subj is not None and is_data(subj):
            return None  # "figures show", "the data suggests": evidence on no one's record (A7)
        held = self.mark_of(subj.idx) if subj is not None and subj.i < t.i else None
        if held is not None and not held.title and self.mark_of(t.idx) is None:
            # '"Good evening!" cried X': a quotation taken for the subject (a quoted name,
            # '"Build Back Better" calls for ...', is one)
            return None
        if is_doc and not is_say and not self._document_source(t, subj):
            return None
        if is_belief and subj is not None and t.tag_ == "VBG" and subj.i == t.i:
            return None
        spans: list[tuple[int, int]] = []
        exclude = None
        children = list(t.children)
        ccomp = [c for c in children if c.dep_ == "ccomp"]
        if any(c.i > t.i for c in ccomp):
            # "X said A; TVN24 reported B": the parser hangs the clause before the semicolon
            # on the later cue too; it is another report
            # ("Aviation Sweden-based airline SAS said it will ...": and a clause that no
            # comma, dash or quotation mark sets off from the cue is not a fronted report)
            # (nor one a contrast sets against the cue's own report: "Ethiopia has stated …,
            # however Human Rights Watch says the arrests go on")
            ccomp = [c for c in ccomp if c.i > t.i or not any(doc[k].text in (";", ":")
                                                               or doc[k].lower_ in CONTRASTS
                                                               for k in range(c.right_edge.i + 1, t.i))
                     and any(doc[k].text in (",", "—", "–") or is_mark(doc[k].text)
                             for k in range(c.right_edge.i + 1, t.i))]
        if not ccomp and lem in TELL_VERBS:
            # "told a meeting of island leaders that ...": the that-clause the
            # parser hung on the hearer
            ccomp = [x for d in children if d.dep_ in ("dobj", "dative") for x in d.subtree
                     if x.dep_ in ("acl", "relcl", "ccomp") and x.pos_ in ("VERB", "AUX")
                     and any(m.dep_ == "mark" and m.lower_ == "that" for m in x.children)][:1]
        if not ccomp and (is_say or is_belief):
            # "stated just before the airstrikes that the attacks would …", "says in a new book
            # that Bush misled him": the that-clause the parser hung on the phrase between
            ccomp = self._clause_after_phrase(t, children)
        if not ccomp and is_say and lem not in OBJECT_VERBS:
            # "said a law allowing X marked a sad day": the parser took the
            # reported clause's subject for an object
            # (not a clause that only qualifies a text the verb has for object: 'read out
            # the statement, which said …' reads a text; the relative clause is its report)
            ccomp = [d for d in children if d.dep_ == "dobj" and d.i > t.i and any(
                x.tag_ in FINITE and any(y.dep_ in ("nsubj", "nsubjpass") for y in x.children)
                and not (d.lemma_.lower() in SPEECH_NOUNS | DOC_NOUNS and self._in_relative(x, d))
                for x in d.subtree)][:1]
        if not ccomp and (is_say or is_belief):
            ccomp = self._clause_taken_for_conj(t, children)
        lost = self._subject_taken_for_object(t, children, ccomp) if (is_say or is_belief or is_doc) else None
        if not ccomp and lost is None and is_say and after_comma_participle(t):
            # "…, adding one factor would be …": the parser made the participle the subject
            # of the reported clause's verb and the clause's subject its object; the
            # clause is the verb the participle hangs from, starting at that object
            obj = next((d for d in children if d.dep_ == "dobj" and d.i > t.i), None)
            if obj is not None and obj.right_edge.i + 1 < t.head.i:
                ccomp = [t.head]
                lost = (obj, t.head)
        if lost is not None:
            ccomp = [lost[1]]
        aside = self._aside(t, subj) if is_say or is_belief else None
        if aside is not None:
            # "around 50 gallons of fuel, officials said, spilled and ignited": a cue set off
            # by commas inside its sentence reports the whole sentence, however the parser
            # hung the two halves (a ccomp, an xcomp or a prepositional phrase of the cue)
            spans.append((t.sent.start, t.sent.end - 1))
            exclude = aside
        elif ccomp and (is_say or is_belief or is_doc or lem in OBJECT_VERBS):
            c = ccomp[0]
            start = c.left_edge.i if lost is None else lost[0].left_edge.i
            if stray_that(doc[start], c):
                start += 1  # a mark the parser took for a word of the phrase before it
            if c.i > t.i and start < t.i:
                # "the mine, which Mr. Clarke says he is keeping open": a relative pronoun
                # fronted out of the clause; the content starts after the cue
                start = t.i + 1
            obj = next((d for d in children if d.dep_ == "dobj" and t.i < d.i < c.i), None)
            if obj is not None and lem in OBJECT_VERBS and lem not in SAY_VERBS and lem not in TELL_VERBS \
                    and obj.right_edge.i + 1 == start and not doc[start].is_punct \
                    and not any(m.dep_ == "mark" for m in c.children):
                # "cited disparaging remarks Trump had made about X": a clause the parser
                # took for the content is the object's reduced relative clause
                start = obj.left_edge.i
            spans.append((start, self._before_participle_report(c, t)))
            # "X is ..., but Y is ..., he noted": clauses coordinated under one cue, which the
            # parser hangs on the cue side by side, are one reported content (A10)
            # (not across a colon, a semicolon or a quotation, which start a new report)
            for x in ccomp[1:]:
                if (x.i < t.i) == (c.i < t.i) and not any(
                        doc[k].text in (":", ";") or is_mark(doc[k].text)
                        for k in range(c.right_edge.i + 1, x.left_edge.i + 1)):
                    spans.append((x.left_edge.i, x.right_edge.i))
        elif (that_end := self._clause_after_that(t, children) if is_say or is_belief else None) is not None:
            # "reported that after taking him to a field they searched him": the parser took
            # "that" for the object and scattered the clause after it
            spans.append((t.i + 2, that_end))
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
                t.dep_ == "parataxis" or t.dep_ == "ccomp" and t.head.i > t.i
                or inverted) and not (
                t.dep_ == "ccomp" and cue_lemma(t.head) in SAY_VERBS | BELIEF_VERBS
                and any(c.dep_ == "nsubj" for c in t.head.children)):
            # (not "Prosecutors charged him with murder, they said": a clause reported by the
            # cue after it is that cue's content, however its own verb could report)
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
        elif lem in PASSIVE_LABEL_VERBS and (label := self._passive_label(t)) is not None:
            # "was described as 'reckless' by the police": the agent's label (D11)
            subj, (a, b) = label
            spans.append((a, b))
            exclude = (t.i, t.i)
        elif lem in OBJECT_VERBS and lem not in PASSIVE_HEARERS and lem not in CHARGE_VERBS \
                and any(c.dep_ == "agent" for c in children) \
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
            preps_by = [c for c in children if c.dep_ == "prep" and c.lower_ == "by" and c.i > t.i
                        and any(x.dep_ == "pobj" and x.pos_ in ("NOUN", "PROPN") for x in c.children)
                        and not any(x.dep_ == "auxpass" for x in children)]
            cited = self._cited_clause(t, dobj) if lem in ("cite", "quote") else None
            if cited is not None:
                # "The Telegraph cited a security source that …": the one cited said it
                subj, x = cited
                spans.append((x.left_edge.i, x.right_edge.i))
            elif lem in ("cite", "quote") and any(x.lower_ == "as" and x.dep_ == "prep" and any(
                    c.dep_ == "pcomp" for c in x.children) for x in t.subtree):
                return None  # "cited X as saying ...": the saying is the statement
            elif lem == "cite" and dobj and self._is_party(dobj[0]):
                return None  # "citing sources within the ministry": whom it relays, no content
            elif lem in OBJECT_VERBS and dobj and dobj[0].i > t.i and (
                    dobj[0].lower_ not in ("it", "this", "that")
                    and not says_nothing(dobj[0])
                    # "called it a non-starter": a pronoun object with the label the source
                    # gives it is an evaluation (A3); "confirmed it" alone reports nothing, nor
                    # does "voiced their opinions"
                    or lem in LABEL_VERBS and lem not in NAMING_VERBS
                    and any(x.dep_ == "oprd" and x.i > dobj[0].i for x in xcomp)):
                d = dobj[0]
                end = d.right_edge.i
                nouns = [c for c in children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") and c.i > d.i]
                for x in sorted(dobj[1:] + nouns, key=lambda y: y.i):
                    # "anti-semitism": the parser makes each piece an object
                    if x.left_edge.i == end + 1 and (doc[end].text == "-" or doc[x.left_edge.i].text == "-"):
                        end = x.right_edge.i
                    elif x.i > end and any(c.dep_ == "cc" and end < c.i < x.left_edge.i for c in children) \
                            and not any(doc[k].text in (";", ":") or is_mark(doc[k].text)
                                        for k in range(end + 1, x.left_edge.i)):
                        # "reported a 95% rate on May 4, and the last death on May 9": objects
                        # coordinated under one cue are one content, as clauses are (A10)
                        end = x.right_edge.i
                # ('called the proposed deal "lousy"': a quoted label the parser hung on the
                # object as its modifier is the label all the same)
                quoted_label = False
                if lem in LABEL_VERBS and lem not in NAMING_VERBS and not xcomp:
                    label_end = self._quoted_label(d, end)
                    if label_end is not None:
                        quoted_label, end = True, max(end, label_end)
                if lem in LABEL_VERBS and not (xcomp or quoted_label or any(
                        p.lower_ in ("as", "to", "with") or p.lower_ == "for" and lem == "call" for p in preps)):
                    return None
                if lem in ("tell", "ask", "urge") and not xcomp:
                    return None
                if lem in CHARGE_VERBS and not any(p.lower_ in ("as", "for") and p.i > d.i and not any(
                        x.ent_type_ in ("DATE", "TIME") for x in p.children) for p in preps):
                    return None  # "attacked the town": an act; "attacked X for Y" reports a charge
                spans.append((d.left_edge.i, end))
                for p in sorted(children, key=lambda x: x.i):
                    # "reported 36 infections at the base": a phrase right after the object
                    # that the parser hung on the verb is the object's own
                    obj = next((x for x in p.children if x.dep_ == "pobj"), None)
                    if p.dep_ != "prep" or p.i != end + 1 or p.lower_ not in OBJECT_PREPS or obj is None \
                            or obj.ent_type_ in ("DATE", "TIME") or obj.lemma_.lower() in SPEECH_NOUNS:
                        continue
                    spans.append((p.i, p.right_edge.i))
                    end = p.right_edge.i
                by = next((p for p in preps_by if p.left_edge.i == d.right_edge.i + 1), None)
                if by is not None:
                    # "described crass behavior by the host": an active verb has no agent, so a
                    # by-phrase right after the object names the object's doer (the parser
                    # hangs it on the verb); "by saying ..." is the means, not the object
                    spans.append((by.left_edge.i, by.right_edge.i))
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
            elif is_doc and dobj and dobj[0].i > t.i and subj is not None and subj.lemma_.lower() in DOC_NOUNS \
                    and dobj[0].pos_ in ("NOUN", "PROPN", "NUM"):
                # "Polls show a close contest", "a 2014 study found 31 incidents of ...": what a
                # document shows is its object (A7)
                d = dobj[0]
                spans.append((d.left_edge.i, d.right_edge.i))
            elif lem in ("decline", "refuse") and xcomp and cue_lemma(xcomp[0]) in SAY_VERBS | {"comment"} \
                    and not any(c.dep_ in ("ccomp", "dobj") for c in xcomp[0].children):
                return None  # "declined to comment": nothing put on record
            elif xcomp and lem in OWN_ACTION_VERBS and (xcomp[0].tag_ == "VB" or any(
                    c.dep_ == "aux" and c.tag_ == "TO" for c in xcomp[0].children)):
                return None  # "agreed to add", "refused to provide": the source's own act (A4)
            elif xcomp and (lem in XCOMP_VERBS and (xcomp[0].tag_ == "VB" or any(
                    c.dep_ == "aux" and c.tag_ == "TO" for c in xcomp[0].children))  # "claimed to have lost"
                            or xcomp[0].tag_ == "VBG" and lem in GERUND_VERBS
                            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in xcomp[0].children)):
                # "vowed to resign"; "favored raising the tax", "denied wanting weapons": a
                # gerund with no subject of its own is what the source backs, denies or recalls
                x = xcomp[0]
                spans.append((x.left_edge.i, x.right_edge.i))
                for y in children:  # "pledged to cap and then gradually reduce ...": one promise
                    # (the parser may tag the second base form VBP: "to meet and exceed")
                    if y.dep_ == "conj" and y.i > x.i and (y.tag_ == "VB" or y.tag_ == "VBP" and not any(
                            c.dep_ in ("nsubj", "nsubjpass") for c in y.children)):
                        spans.append((y.left_edge.i, y.right_edge.i))
                if dobj and dobj[0].i < x.i and lem in ("urge", "ask", "call", "tell", "order", "encourage",
                                                          "advise", "instruct", "warn") and not any(
                        doc[k].text == ":" or is_mark(doc[k].text) for k in range(dobj[0].right_edge.i + 1, x.left_edge.i)):
                    # (not 'told the crowd: "Stop …"': the one told before a colon or a
                    # quotation is the hearer, and the content starts after it)
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
            elif (topic := self._topic(t, lem)) is not None:
                spans.append(topic)
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
        if self._only_time(s, e):
            return None
        if subj is not None and any(fs <= subj.idx < fe for fs, fe in frags):
            # the "subject" lies inside the content: a parse that went wrong
            return None
        kind = "indirect"
        return Cand(s, e, kind, frags, cue=self.cue_span(t), cue_tok=t, subj=subj, no_speaker=subj is None)

    def _clause_after_phrase(self, t: Token, children: list[Token]) -> list[Token]:
        """A clause opened by ``that`` right after a prepositional phrase of the cue, which
        the parser made a clause of that phrase's noun. A relative clause is told apart by
        its subject: in a complement clause ``that`` is only the mark, and the clause has a
        subject of its own (``in a book that sold well`` has none)."""
        doc = self.doc
        if any(c.dep_ in ("dobj", "dative") for c in children):
            return []  # ("claimed authority, including a claim that …": the cue has its object)
        for p in children:
            if p.dep_ != "prep" or p.i < t.i:
                continue
            for obj in p.children:
                if obj.dep_ != "pobj":
                    continue
                for x in obj.children:
                    if x.dep_ not in ("acl", "relcl") or x.pos_ not in ("VERB", "AUX") or x.i < obj.i:
                        continue
                    that = x.left_edge
                    if that.lower_ != "that" or that.i == 0 or doc[that.i - 1].is_punct \
                            or that.dep_ != "mark" and not stray_that(that, x):
                        continue  # ("in a book that he wrote": a relative pronoun)
                    if any(c.dep_ in ("nsubj", "nsubjpass") and c.i != that.i and c.lower_ not in ("which", "who")
                           for c in x.children):
                        return [x]
        return []

    def _clause_after_that(self, t: Token, children: list[Token]) -> int | None:
        """The last word of a reported clause after ``that`` when the parser made ``that`` the
        cue's object (a bare determiner with nothing of its own, right after the cue) and
        the sentence goes on with a finite verb; None otherwise."""
        doc = self.doc
        that = next((d for d in children if d.dep_ == "dobj" and d.i == t.i + 1 and d.lower_ == "that"
                     and not any(True for _ in d.children)), None)
        end = t.sent.end - 1
        while end > t.i and (doc[end].is_punct or doc[end].is_space):
            end -= 1
        if that is None or end <= that.i + 1 or doc[that.i + 1].is_punct:
            return None
        if not any(x.tag_ in FINITE for x in doc[that.i + 1:end + 1]):
            return None
        return end

    def _quoted_label(self, obj: Token, end: int) -> int | None:
        """The label a label verb gives its object in quotation marks: inside the object's
        phrase, where the parser hung it on the object (``called the proposed deal
        "lousy"``), or right after it, where the full stop inside the closing mark put the
        parser off (``called the refusal of parties to cooperate "frustrating."``). Only
        words of no clause of their own (no comma, colon or finite verb) may stand between
        the object and the label, which is a short quotation the mark reader paired.
        Returns the index of the closing mark's token."""
        doc = self.doc
        sent_end = obj.sent.end
        k = obj.left_edge.i
        while k < sent_end and not is_mark(doc[k].text):
            if k > end and (doc[k].text in (",", ";", ":", "(") or doc[k].tag_ in FINITE or k - end > 6):
                return None
            k += 1
        if k >= sent_end or k > end + 1 and doc[k - 1].pos_ in ("DET", "ADP", "ADJ", "NUM") \
                or k > end + 1 and doc[k - 1].tag_ == "PRP$":
            # ('called the meeting to discuss the "crisis"': a quotation heading a phrase
            # of its own is no label)
            return None
        q = self.mark_of(doc[k].idx + len(doc[k].text))
        if q is None or not q.closed or q.open != doc[k].idx or q.words > 6:
            return None
        for j in range(k + 1, sent_end):
            if doc[j].idx == q.close:
                return j
        return None

    def _source_prep(self, t: Token) -> Cand | None:
        """``By early reports, at least 30 were injured``, ``Per the decree, priests must
        …``: a preposition with a report or document noun (cues.json source_preps), set off
        at the start or end of its sentence or by commas, attributes the sentence as
        ``according to`` does; the object is the source (none for bare ``reports``, D1)."""
        doc = self.doc
        obj = next((c for c in t.children if c.dep_ == "pobj"), None)
        if obj is None or obj.lemma_.lower() not in SOURCE_PREPS[t.lower_]:
            return None
        q = self.mark_of(t.idx)
        if q is not None and q.direct:
            return None
        sent = t.sent
        pa, pb = t.i, obj.right_edge.i
        before = doc[pa - 1].text if pa > sent.start else None
        after = doc[pb + 1] if pb + 1 < sent.end else None
        at_start = before is None
        at_end = after is None or after.is_punct and pb + 2 >= sent.end
        inside = before == "," and after is not None and after.text == ","
        if not ((at_start and after is not None and after.text == ",") or (at_end and before == ",") or inside):
            return None
        span = (sent.start, sent.end - 1)
        head = t.head
        if inside and head.pos_ in ("VERB", "AUX") and head.dep_ in ("relcl", "acl"):
            # "the storm that had, by early reports, flooded two towns": only the clause it sits in
            a = head.left_edge.i
            while a < head.i and (doc[a].tag_ in ("WDT", "WP") or doc[a].is_punct):
                a += 1
            span = (a, head.right_edge.i)
        got = self._content([span], (pa, pb), t)
        if got is None:
            return None
        s, e, frags = got
        return Cand(s, e, "indirect", frags, cue=(t.idx, obj.idx + len(obj.text)), cue_tok=t, subj=obj)

    @staticmethod
    def _in_relative(x: Token, top: Token) -> bool:
        """Whether ``x`` sits in a relative clause with a relative pronoun (``which``,
        ``who``) between itself and ``top``; not a bare clause (``informed police she
        had …``), which the parser may take for one."""
        while x.i != top.i and x.head.i != x.i:
            if x.dep_ == "relcl" and any(c.tag_ in ("WDT", "WP", "WP$") for c in x.subtree if c.i < x.i):
                return True
            x = x.head
        return False

    def _prep_label(self, t: Token, lem: str) -> Cand | None:
        """``referred to the protesters as "thugs"``, ``spoke of the reform as a historic
        step``: an evaluation through a preposition's object and an ``as`` label (A3,
        cues.json prep_label_verbs); content = the object and its label, cue the verb.
        None without the label (``referred to the report`` reports nothing)."""
        prep = next((p for p in t.children if p.dep_ == "prep" and p.i > t.i
                     and p.lower_ == PREP_LABEL_VERBS[lem]), None)
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if obj is None or any(c.dep_ == "auxpass" for c in t.children):
            return None
        if t.tag_ in ("VB", "VBG") and (t.dep_ in ("xcomp", "csubj", "acl", "pcomp", "ccomp") or any(
                c.dep_ in ("nsubj", "mark") for c in t.children)):
            return None  # "to cease referring to X as Y": a complement of another verb, no report
        label = next((p for p in list(t.children) + list(obj.children)
                      if p.dep_ == "prep" and p.lower_ == "as" and p.i > obj.i
                      and any(c.dep_ in ("pobj", "pcomp", "amod", "acomp") for c in p.children)), None)
        if label is None:
            return None
        subj, _ = self.source_of(t)
        if subj is None or is_data(subj):
            return None
        got = self._content([(obj.left_edge.i, label.right_edge.i)], None, t)
        if got is None:
            return None
        s, e, frags = got
        if any(fs <= subj.idx < fe for fs, fe in frags):
            return None
        return Cand(s, e, "indirect", frags, cue=self.cue_span(t), cue_tok=t, subj=subj)

    @staticmethod
    def _passive_label(t: Token) -> tuple[Token, tuple[int, int]] | None:
        """(agent, label tokens) of a passive label verb: ``was described as X by Y``,
        ``reported by Y as X``, wherever the parser hung the two phrases under the verb."""
        if t.tag_ != "VBN" or not (any(c.dep_ == "auxpass" for c in t.children) or t.dep_ in ("acl", "relcl")):
            return None
        sub = [x for x in t.subtree if x.i > t.i]
        by = next((x for x in sub if x.lower_ == "by" and x.dep_ in ("agent", "prep")), None)
        as_ = next((x for x in sub if x.lower_ == "as" and x.dep_ == "prep"), None)
        agent = next((x for x in by.children if x.dep_ == "pobj"), None) if by is not None else None
        if as_ is None or agent is None or agent.pos_ not in ("NOUN", "PROPN") or agent.ent_type_ in ("DATE", "TIME"):
            return None
        a, b = as_.i + 1, as_.right_edge.i
        if a <= by.i <= b:
            b = by.i - 1  # "as 'obsessed' by the police": the by-phrase hung inside the label
        doc = t.doc
        while b >= a and (doc[b].is_punct and not is_mark(doc[b].text) or doc[b].text == ","):
            b -= 1
        if b < a or agent.i >= a and agent.i <= b:
            return None
        return agent, (a, b)

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
