"""Date expressions in text, resolved to ISO strings as precise as the text is.

``November 1, 2017`` -> 2017-11-01, ``in May 2024`` -> 2024-05, ``on Monday`` with
an article date of 2026-03-04 (a Wednesday) -> 2026-03-02. Stdlib only.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    m: i + 1 for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"])
}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MON = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_PATTERNS = [
    # 2017-11-01
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    # November 1, 2017 / Nov. 1 2017 / November 1st, 2017
    re.compile(_MON + r"\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b"),
    # 1 November 2017
    re.compile(r"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+" + _MON + r",?\s+(?P<y>(?:19|20)\d\d)\b"),
    # May 2024
    re.compile(_MON + r",?\s+(?P<y>(?:19|20)\d\d)\b"),
    # November 1 (year from the reference date)
    re.compile(_MON + r"\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b"),
    # 1 November
    re.compile(r"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+" + _MON + r"\b"),
    # on Monday / last Tuesday
    re.compile(r"\b(?P<rel>(?:last|this|next)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
    re.compile(r"\b(?P<word>yesterday|today|tonight|tomorrow)\b", re.IGNORECASE),
    # in 2019
    re.compile(r"\b(?:in|since|during|of|by)\s+(?P<y>(?:19|20)\d\d)\b"),
]


@dataclass
class DateMention:
    text: str
    start: int
    end: int
    value: str | None  # ISO, as precise as the text


def _parse_ref(ref: str | None) -> dt.date | None:
    if not ref:
        return None
    try:
        return dt.date.fromisoformat(ref[:10]) if len(ref) >= 10 else None
    except ValueError:
        return None


def _resolve(m: re.Match[str], ref: dt.date | None, ref_str: str | None) -> str | None:
    g = m.groupdict()
    if g.get("word"):
        if ref is None:
            return None
        shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[g["word"].lower()]
        return (ref + dt.timedelta(days=shift)).isoformat()
    if g.get("wd"):
        if ref is None:
            return None
        wd = WEEKDAYS.index(g["wd"].lower())
        rel = (g.get("rel") or "").strip().lower()
        if rel == "next":
            delta = (wd - ref.weekday()) % 7 or 7
            return (ref + dt.timedelta(days=delta)).isoformat()
        # News reports past days: "on Monday" is the most recent Monday up to the article's date.
        delta = (ref.weekday() - wd) % 7
        if rel == "last" and delta == 0:
            delta = 7
        return (ref - dt.timedelta(days=delta)).isoformat()
    year = int(g["y"]) if g.get("y") else None
    month = None
    if g.get("mon"):
        month = MONTHS[g["mon"].lower().rstrip(".")[:4] if g["mon"].lower().startswith("sept") else g["mon"].lower()[:3]]
    elif g.get("m"):
        month = int(g["m"])
    day = int(g["d"]) if g.get("d") else None
    if year is None:
        if ref is None:
            return None
        year = ref.year
        # "December 30" in an article of 2 January is last year's.
        if month and month > ref.month + 1:
            year -= 1
    try:
        if month and day:
            return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
    if month:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}"


def find_dates(text: str, ref_date: str | None = None) -> list[DateMention]:
    """Every date expression in ``text``, longest first where they overlap."""
    ref = _parse_ref(ref_date)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pat in _PATTERNS:
        for m in pat.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if m.groupdict().get("mon") == "May" and not m.groupdict().get("y") and not m.groupdict().get("d"):
                continue
            taken.append((s, e))
            found.append(DateMention(m.group(0), s, e, _resolve(m, ref, ref_date)))
    found.sort(key=lambda d: d.start)
    return found


def normalise_date(value: str | None) -> str | None:
    """A date field from metadata (ISO, RFC 2822-ish, ``2026-03-04T10:00``) as ISO."""
    if not value:
        return None
    value = str(value).strip()
    m = re.match(r"^((?:19|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?", value)
    if m:
        y, mo, d = m.groups()
        # Keep only the valid part: "2024-13-45" is the year 2024, not a date.
        if mo and not 1 <= int(mo) <= 12:
            return y
        if d:
            try:
                return dt.date(int(y), int(mo), int(d)).isoformat()
            except ValueError:
                return f"{y}-{mo}"
        return "-".join(p for p in (y, mo) if p)
    hits = find_dates(value)
    return hits[0].value if hits else None
