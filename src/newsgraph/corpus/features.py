"""What an article looks like to story clustering: weighted terms of its whole text and
of its lead, read from the stored record (text, title, actors) with no parsing.

Two events of one kind (two earthquakes, two rehab stays) share most of their words;
what tells them apart is who, where, when and how many. So proper names and numbers
weigh more than other words, and the lead, where an article says which occurrence it
reports, weighs more than the background it recalls further down.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

_WORD = re.compile(r"[^\W\d_][\w'’\-]*[^\W_]|[^\W\d_]|\d+(?:[.,:]\d+)?")

Vector = dict[str, float]


@cache
def settings() -> dict[str, Any]:
    return json.loads(resources.files("newsgraph.corpus").joinpath("data/stories.json").read_text("utf-8"))


@cache
def stopwords() -> frozenset[str]:
    data = json.loads(resources.files("newsgraph.corpus").joinpath("data/stopwords.json").read_text("utf-8"))
    return frozenset(data["words"])


@dataclass
class ArticleTerms:
    """Raw term counts (before IDF) of one article: ``text`` over the whole article,
    ``lead`` the names and numbers of its title and first characters."""

    article_id: str
    date: str | None
    text: dict[str, float]
    lead: dict[str, float]

    def keys(self, n: int) -> list[str]:
        """The blocking keys: the article's heaviest names, actors and numbers."""
        named = [(w, t) for t, w in self.lead.items()] + [(w, t) for t, w in self.text.items() if t[:2] in ("N:", "A:")]
        out: list[str] = []
        for _, t in sorted(named, key=lambda x: (-x[0], x[1])):
            if t not in out:
                out.append(t)
            if len(out) >= n:
                break
        return out

    def to_json(self) -> str:
        return json.dumps({"text": self.text, "lead": self.lead}, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, article_id: str, date: str | None, raw: str) -> ArticleTerms:
        d = json.loads(raw)
        return cls(article_id, date, d["text"], d["lead"])


def _norm(word: str) -> str:
    w = word.lower().replace("’", "'")
    w = w.removesuffix("'s")
    # A crude plural fold: "strikes"/"strike", "Chargers"/"Charger" count as one term.
    if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return w


def _terms(text: str, lead_chars: int, lead_weight: float, names_only: bool) -> Counter[str]:
    p = settings()["features"]
    stop = stopwords()
    out: Counter[str] = Counter()
    for m in _WORD.finditer(text):
        if names_only and m.start() >= lead_chars:
            break
        tok = m.group()
        w = lead_weight if m.start() < lead_chars else 1.0
        if tok[0].isdigit():
            out["#" + tok.replace(",", "")] += p["number_weight"] * w
            continue
        low = tok.lower()
        if low in stop or len(low) < 3:
            continue
        # A capital inside a sentence marks a name; at a line's start it marks nothing.
        line_start = m.start() == 0 or text[m.start() - 1] == "\n"
        if tok[0].isupper() and not line_start:
            out["N:" + _norm(tok)] += p["name_weight"] * w
        elif not names_only:
            out[_norm(tok)] += w
    return out


def article_terms(record: Mapping[str, Any]) -> ArticleTerms:
    """The terms of one SCHEMA.md record."""
    p = settings()["features"]
    meta = record.get("metadata") or {}
    title = (meta.get("title") or "").strip()
    body = record.get("text") or ""
    # The title, when known apart from the text, is the head of the lead.
    text = f"{title}\n{body}" if title and not body.startswith(title) else body
    whole = _terms(text, p["body_lead_chars"], p["lead_weight"], names_only=False)
    kinds = set(p["actor_kinds"])
    for a in record.get("actors") or []:
        if a.get("kind") in kinds and a.get("id"):
            whole["A:" + a["id"]] += p["actor_weight"]
    lead = _terms(text, p["lead_chars"], 1.0, names_only=True)
    return ArticleTerms(str(record["id"]), meta.get("date"), dict(whole), dict(lead))


def tfidf(counts: Mapping[str, float], df: Mapping[str, int], n_docs: int) -> Vector:
    """Sublinear TF times smoothed IDF, unit length. The IDF counts ``prior_docs`` more
    documents that hold none of the terms: in a store of three articles about one event,
    words all three share would otherwise weigh nothing, and the first articles of a
    store would never cluster."""
    n_docs += settings()["features"]["prior_docs"]
    v = {t: (1.0 + math.log(x)) * math.log((n_docs + 1) / (df.get(t, 0) + 0.5))
         for t, x in counts.items() if x > 0}
    v = {t: x for t, x in v.items() if x > 0}
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {t: x / norm for t, x in v.items()}


def combined(terms: ArticleTerms, df_text: Mapping[str, int], df_lead: Mapping[str, int], n_docs: int) -> Vector:
    """One vector whose dot product with another is the mixed similarity of stories.json:
    (1 - s) * text cosine + s * lead cosine."""
    share = settings()["similarity"]["lead_share"]
    a, b = math.sqrt(1.0 - share), math.sqrt(share)
    out = {"t" + k: x * a for k, x in tfidf(terms.text, df_text, n_docs).items()}
    out.update({"l" + k: x * b for k, x in tfidf(terms.lead, df_lead, n_docs).items()})
    return out


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(k, 0.0) for k, x in a.items())


def document_frequencies(items: Iterable[ArticleTerms]) -> tuple[Counter[str], Counter[str]]:
    text: Counter[str] = Counter()
    lead: Counter[str] = Counter()
    for t in items:
        text.update(t.text.keys())
        lead.update(t.lead.keys())
    return text, lead
