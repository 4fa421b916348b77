"""Cleaning: separate the date header, byline, standfirst, photo captions and credits
from the body, keeping offsets into the article text untouched.

The text itself is never rewritten: cleaning only marks zones, so every offset the
later stages produce points at the characters the user gave us.
"""
from __future__ import annotations

import re

from newsgraph.dates import find_dates, normalise_date
from newsgraph.model import Article, Caption, Credit, Zone

_DATE_HEADER = re.compile(r"^\s*date\s+(?P<date>\d{4}-\d\d(?:-\d\d)?)\b[ \t]*(?P<rest>[^\n]*)", re.IGNORECASE)
# "Image – caption", "Photo: caption", "Picture - caption" after the date on the same line.
_CAPTION_LEAD = re.compile(r"(?:image|photo|picture|photograph|pictured)\s*[–—:-]\s*", re.IGNORECASE)
_BYLINE = re.compile(r"^\s*By\s+(?P<body>[^\n]{2,200})$")
# "Photograph: Alexander Zemlianichenko/Reuters", "Photo: AP", "(Reuters)", "Credit: ..."
_CREDIT = re.compile(
    r"(?P<credit>(?:Photograph|Photo|Picture|Image|Credit|Photo credit|Illustration)\s*:\s*"
    r"(?P<who>[^\n]{2,120}?))\s*$"
)
_AGENCIES = {"reuters", "ap", "afp", "getty images", "getty", "epa", "pa", "shutterstock", "alamy",
             "tass", "xinhua", "anadolu", "bloomberg", "pa images", "ap photo", "epa-efe", "sputnik"}
_PARA = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")

COUNTRY_ALIASES = {"uk": "GBR", "u.k.": "GBR", "britain": "GBR", "great britain": "GBR", "england": "GBR",
                   "us": "USA", "u.s.": "USA", "usa": "USA", "america": "USA", "united states": "USA",
                   "russia": "RUS", "iran": "IRN", "south korea": "KOR", "north korea": "PRK"}


def country_code(name: str) -> str | None:
    """ISO3 for a country name as a byline or dateline writes it."""
    key = name.strip().strip(".").lower()
    if not key:
        return None
    if key in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[key]
    from newsgraph.kb import (
        get_kb,  # the bundled knowledge base knows every ISO 3166 name
    )

    kb = get_kb()
    code = name.strip().upper()
    if len(code) == 3 and code in kb.countries:
        return code
    return kb.country(name.strip())


def _paragraphs(text: str, start: int = 0) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PARA.finditer(text, start) if m.group().strip()]


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def split_credit(who: str) -> tuple[str | None, str | None]:
    """``Alexander Zemlianichenko/Reuters`` -> (photographer, agency)."""
    parts = [p.strip() for p in re.split(r"\s*[/|]\s*|\s+for\s+", who) if p.strip()]
    if not parts:
        return None, None
    if len(parts) == 1:
        return (None, parts[0]) if parts[0].lower() in _AGENCIES else (parts[0], None)
    return parts[0], parts[-1]


def parse_byline(body: str) -> tuple[list[str], str | None, str | None]:
    """``Laura Zilincanova, Express , UK`` -> (authors, outlet, outlet country)."""
    parts = [p.strip() for p in body.split(",") if p.strip()]
    country = None
    if len(parts) >= 2 and country_code(parts[-1]):
        country = country_code(parts[-1])
        parts = parts[:-1]
    outlet = parts[-1] if len(parts) >= 2 else None
    names = parts[:-1] if len(parts) >= 2 else parts
    authors: list[str] = []
    for chunk in names:
        authors += [a.strip() for a in re.split(r"\s+and\s+|\s*&\s*", chunk) if a.strip()]
    # "Wikinews contributors" is a collective, not a person's byline.
    authors = [a for a in authors if not re.search(r"\b(?:contributors|staff|reporters?|correspondents?)$", a, re.IGNORECASE)]
    return authors, outlet, country


def _add_caption(article: Article, s: int, e: int) -> None:
    """Record a caption paragraph; a trailing credit becomes its own record."""
    text = article.text
    s, e = _strip(text, s, e)
    credit_text = None
    m = _CREDIT.search(text, s, e)
    cap_end = e
    if m:  # the pattern is anchored at the paragraph end, so a match is its trailing credit
        cs, ce = _strip(text, m.start("credit"), m.end("credit"))
        photographer, agency = split_credit(m.group("who"))
        article.credits.append(Credit(text[cs:ce], cs, ce, photographer, agency))
        article.zones.append(Zone("credit", cs, ce))
        credit_text = text[cs:ce]
        cap_end = m.start("credit")
    s, cap_end = _strip(text, s, cap_end)
    if cap_end <= s:
        return
    dates = [d for d in find_dates(text[s:cap_end], article.metadata.date) if d.value and len(d.value) >= 4
             and not d.text.lower().startswith(("monday", "tuesday", "wednesday", "thursday", "friday",
                                                "saturday", "sunday"))]
    article.captions.append(Caption(text[s:cap_end], s, cap_end, dates[-1].value if dates else None, credit_text))
    article.zones.append(Zone("caption", s, cap_end))


def _is_caption_paragraph(text: str, s: int, e: int) -> bool:
    m = _CREDIT.search(text, s, e)
    return bool(m) and len(text[s:e]) < 600


# spaCy's tokenizer strips prefixes and suffixes from each whitespace-delimited word one
# character at a time, searching the rest of the word each time: quadratic in the length
# of a word made of punctuation (10,000 '<' took 14 s, 50,000 minutes; '.,' repeated is
# worse) or of mixed symbols and letters (',a:a:a...'). No word of a real article comes
# near these bounds (the longest in the shared corpus and gold sets: a 221-character URL;
# the longest run of symbols: 10), so they change nothing there and keep the tokenizer's
# work linear in the article's length.
MAX_WORD_CHARS = 1000
MAX_SYMBOL_RUN = 32
# Each alternative may only start where its kind of run starts (the lookbehinds), so a
# failed attempt is never retried from inside the same run: one linear pass.
_OVERLONG = re.compile(rf"(?<!\S)\S{{{MAX_WORD_CHARS + 1},}}"
                       rf"|(?<![^\w\s])(?<!_)(?:[^\w\s]|_){{{MAX_SYMBOL_RUN + 1},}}")


# Spaces other than U+0020 within a line (no-break, narrow no-break, thin, figure, en and
# em spaces): spaCy's tokenizer splits words on U+0020 only and makes each of these a token
# of its own, which the parser attaches somewhere and which can change the parse of the whole
# sentence (a no-break space between a subject and its verb lost the act of a coordinated
# sentence). Each is parsed as U+0020: one character for one, so offsets hold.
INLINE_SPACES = str.maketrans({c: " " for c in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
                                                "\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"})


def parse_text(text: str) -> str:
    """The text spaCy parses: the article's text with its inline spaces of other kinds
    made plain spaces, and every word over MAX_WORD_CHARS characters and every run of more
    than MAX_SYMBOL_RUN symbols replaced by as many spaces. The length never changes, so
    every offset into it is an offset into the article's text; the article's text itself
    is never rewritten."""
    return _OVERLONG.sub(lambda m: " " * (m.end() - m.start()), text.translate(INLINE_SPACES))


def clean(article: Article) -> Article:
    """Mark header, byline, standfirst, captions, credits and body on the article."""
    text = article.text
    meta = article.metadata
    article.zones = []
    # Cleaning twice must not list the captions twice.
    article.captions, article.credits = [], []
    pos = 0
    header = _DATE_HEADER.match(text)
    title_found = bool(meta.title)
    byline_seen = False
    if header:
        meta.date = meta.date or normalise_date(header.group("date"))
        hs, he = header.start("date") - len("date "), header.end("date")
        article.zones.append(Zone("header", max(0, hs), he))
        rest_s, rest_e = _strip(text, header.start("rest"), header.end("rest"))
        if rest_e > rest_s:
            lead = _CAPTION_LEAD.match(text, rest_s)
            if lead:
                article.zones.append(Zone("header", rest_s, lead.end()))
                _add_caption(article, lead.end(), rest_e)
            else:
                # The line after the date is a title, as in the sample files.
                meta.title = meta.title or text[rest_s:rest_e]
                article.zones.append(Zone("title", rest_s, rest_e))
                title_found = True
        pos = header.end()
        # The following lines until the first blank one: a title, then the byline.
        paras = _paragraphs(text, pos)
        if paras:
            ps, pe = paras[0]
            for line in re.finditer(r"[^\n]+", text[ps:pe]):
                ls, le = _strip(text, ps + line.start(), ps + line.end())
                by = _BYLINE.match(text[ls:le])
                if by:
                    authors, outlet, country = parse_byline(by.group("body"))
                    meta.authors = meta.authors or authors
                    meta.outlet = meta.outlet or outlet
                    meta.outlet_country = meta.outlet_country or country
                    article.zones.append(Zone("byline", ls, le))
                    byline_seen = True
                elif not title_found and not byline_seen:
                    meta.title = text[ls:le]
                    article.zones.append(Zone("title", ls, le))
                    title_found = True
                else:
                    break
            else:
                pos = pe
    paras = _paragraphs(text, pos)
    first_body = True
    for i, (s, e) in enumerate(paras):
        s, e = _strip(text, s, e)
        if not byline_seen and i == 0 and not header:
            by = _BYLINE.match(text[s:e])
            if by and "\n" not in text[s:e]:
                authors, outlet, country = parse_byline(by.group("body"))
                meta.authors, meta.outlet = meta.authors or authors, meta.outlet or outlet
                meta.outlet_country = meta.outlet_country or country
                article.zones.append(Zone("byline", s, e))
                byline_seen = True
                continue
        if _is_caption_paragraph(text, s, e):
            _add_caption(article, s, e)
            continue
        # In the example's shape a scraped page with no title line puts the standfirst
        # right after the byline: one sentence, followed by the body.
        if (first_body and byline_seen and not title_found and meta.standfirst in (None, text[s:e])
                and i + 1 < len(paras)
                and len(text[s:e]) < 400 and len(re.findall(r"[.!?](?:\s|$)", text[s:e])) <= 1):
            meta.standfirst = text[s:e]
            article.zones.append(Zone("standfirst", s, e))
            first_body = False
            continue
        first_body = False
        article.zones.append(Zone("body", s, e))
    article.zones.sort(key=lambda z: z.start)
    article.captions.sort(key=lambda c: c.start)
    return article
