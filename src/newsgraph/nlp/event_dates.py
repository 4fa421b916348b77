"""Event dates: the date expression of the event's clause, the story's narrative day,
and whether an act belongs to the past story rather than the reported news."""
from __future__ import annotations

import datetime as dt

from spacy.tokens import Span

from newsgraph.dates import find_dates
from newsgraph.nlp.event_candidate import Cand, ExtractorState
from newsgraph.nlp.event_words import HIST_ADV


class EventDates(ExtractorState):
    # -- dates ----------------------------------------------------------------------
    def sent_dates(self, sent: Span) -> list[tuple[int, int, str | None]]:
        got = self._dates.get(sent.start)
        if got is None:
            got = [(sent.start_char + d.start, sent.start_char + d.end, d.value)
                   for d in find_dates(sent.text, self.ref)]
            self._dates[sent.start] = got
        return got

    def date_of(self, c: Cand) -> str | None:
        """The date expression that attaches to the event's clause (its verb, or for a
        nominal event the verb of the clause it sits in)."""
        t = c.trigger
        dates = self.sent_dates(self.sent(t))
        if not dates:
            return None
        anchor = t
        if c.nominal:
            for a in t.ancestors:
                if a.pos_ in ("VERB", "AUX"):
                    anchor = a
                    break
        best = None
        for s, e, value in dates:
            if value is None:
                continue
            span = self.doc.char_span(s, e, alignment_mode="expand")
            if span is None:
                continue
            h = span.root
            hops = 0
            while h != h.head and h not in (t, anchor) and hops < 8:
                if h.pos_ == "VERB" and h != anchor and hops > 0:
                    break
                h = h.head
                hops += 1
            if h in (t, anchor) and (best is None or hops < best[0]):
                best = (hops, value)
        return best[1] if best else None

    def narrative_date(self, c: Cand) -> str | None:
        """No date in the clause: news tells a story on the day its lead names (``on
        Monday`` in the first sentences), so a day named earlier in the same paragraph,
        or in the lead, carries over when it is within ten days of the article."""
        ref = _parse(self.ref)
        if ref is None:
            return None
        here = self.sent(c.trigger)
        para_start = self.text.rfind("\n\n", 0, here.start_char)
        best = None
        for k in range(self._sent_of[c.trigger.i] - 1, -1, -1):
            sp = self._sents[k]
            lead = k < 2
            if sp.start_char < para_start and not lead:
                continue
            for _s, _e, value in self.sent_dates(sp):
                d = _parse(value)
                if d is not None and 0 <= (ref - d).days <= 10:
                    best = value
            if best:
                return best
        return None

    def historical(self, c: Cand, date: str | None) -> bool:
        t = c.trigger
        if not c.nominal and any(a.lower_ == "had" for a in t.children if a.dep_ == "aux") and t.tag_ == "VBN":
            return True
        if any(a.dep_ == "advmod" and a.lower_ in HIST_ADV for a in t.children):
            return True
        for p in t.children:  # "since 2011", "in the last few years"
            if p.dep_ == "prep" and p.lower_ in ("since", "in", "over", "during"):
                for o in p.children:
                    if o.dep_ == "pobj" and (p.lower_ == "since" or (
                            o.lemma_.lower() in ("year", "decade", "month") and any(
                                m.lower_ in ("last", "past", "previous") for m in o.children))):
                        return True
        ref = _parse(self.ref)
        if ref is None or not date:
            return False
        if len(date) == 4:
            return int(date) < ref.year
        if len(date) == 7:
            return date < self.ref[:7]
        when = _parse(date)
        return when is not None and (ref - when).days > 10


def _parse(value: str | None, lenient: bool = False) -> dt.date | None:
    if not value:
        return None
    try:
        if len(value) >= 10:
            return dt.date.fromisoformat(value[:10])
        if lenient and len(value) == 7:
            y, m = value.split("-")
            # a month is over when its last day is
            nxt = dt.date(int(y) + (m == "12"), int(m) % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        if lenient and len(value) == 4:
            return dt.date(int(value), 12, 31)
    except ValueError:
        return None
    return None
