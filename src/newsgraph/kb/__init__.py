"""The bundled actor knowledge base: countries, places, people with date-bounded
roles, organisations and agent nouns, derived from ``/work/shared/kb`` by
``scripts/build_kb.py`` into ``kb/data/kb.json.gz`` (see ``kb/data/NOTICE``).

Loaded lazily, once per process (``get_kb()``); every lookup is a dict access on a
normalised key, so resolving a mention costs no scan of the data.
"""
from __future__ import annotations

import gzip
import json
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsgraph.model.ids import slug

DATA = Path(__file__).parent / "data" / "kb.json.gz"

# PLOVER/CAMEO country-like codes that are not ISO countries but are kept as codes.
NON_STATE = {"IGO", "NGO", "IMG", "MNC", "UNO"}

_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-"})


@lru_cache(maxsize=1 << 16)  # the actor passes ask about the same names again and again (some 400 calls an article)
def norm(s: str) -> str:
    """The lookup key of a phrase: accents folded, lower case, single spaces."""
    s = s.translate(_APOS)
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s)
        s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace("_", " ")
    s = " ".join(s.split()).strip(" ,;:")
    return s


PARTICLES = {"al", "el", "al-", "el-", "ad", "as", "ash", "bin", "ibn", "ben"}


def person_keys(key: str, build: bool = False) -> list[str]:
    """Lookup keys of a person name, most specific first: the name, the name without
    Arabic particles (``Omar El Bashir`` -> ``omar bashir``), and, for the KB's own long
    names only (``build``), first + last (``Carlos Saul Menem`` -> ``carlos menem``); a
    query with middle names is never cut down (George H. W. Bush is not George W. Bush)."""
    out = [key]
    # initials written with or without spaces: "george h. w. bush" = "george h.w. bush"
    tight = re.sub(r"\b([a-z])\.\s+(?=[a-z]\.)", r"\1.", key)
    if tight != key:
        out.append(tight)
    toks = key.split()
    toks = [re.sub(r"^(al|el)-", "", t) for t in toks if t not in PARTICLES]
    k2 = " ".join(toks)
    if k2 and k2 not in out:
        out.append(k2)
    if len(toks) > 2 and build:
        k3 = f"{toks[0]} {toks[-1]}"
        if k3 not in out:
            out.append(k3)
    return out


def date_key(d: str | None) -> str | None:
    """An article date (YYYY, YYYY-MM or YYYY-MM-DD) as a comparable YYYY-MM-DD string."""
    if not d:
        return None
    d = str(d)[:10]
    if re.fullmatch(r"\d{4}", d):
        return d + "-07-01"
    if re.fullmatch(r"\d{4}-\d{2}", d):
        return d + "-15"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d):
        return d
    return None


@dataclass
class Role:
    """One date-bounded code of an entity: country, sector and (when known) the office."""

    country: str | None
    sector: str | None
    role: str | None
    start: str
    end: str


@dataclass
class Entity:
    """A known person, organisation or group."""

    idx: int
    name: str
    kind: str  # person | organization | group | country
    roles: list[Role]
    female: bool = False

    @property
    def id(self) -> str:
        prefix = {"person": "person", "group": "group"}.get(self.kind, "org")
        return f"{prefix}:{slug(self.name)}"

    def at(self, date: str | None) -> Role | None:
        """The role valid on ``date`` (YYYY-MM-DD); with no date, the latest dated one,
        else the default. A role only valid at other dates is not returned: a former
        president is not the president (the default code, often ELI, is)."""
        if not self.roles:
            return None
        dated = [r for r in self.roles if r.start or r.end]
        default = [r for r in self.roles if not (r.start or r.end)]
        if date:
            hits = [r for r in dated if (not r.start or r.start <= date) and (not r.end or date <= r.end)]
            # An open-ended code that began before a known office term ended is superseded
            # by that term (the dictionaries predate it): a former president is not the president.
            ended = [r.end for r in dated if r.role and r.end and r.end < date]
            if ended:
                last_end = max(ended)
                hits = [r for r in hits if r.role or r.end or (r.start and r.start > last_end)]
            if hits:
                # Prefer a role that carries an office; among offices held at once in several
                # countries (a monarch of many realms), the country most of the entity's codes
                # name; then the most specific (latest start).
                weight = self.country_weights()
                return max(hits, key=lambda r: (r.role is not None, weight.get(r.country, 0), r.start))
            if default:
                return default[0]
            past = [r for r in dated if r.end and r.end < date]
            if past:
                last = max(past, key=lambda r: r.end)
                return Role(last.country, "ELI", f"former {last.role}" if last.role else None, "", "")
            return Role(dated[0].country, None, None, "", "")
        if default and not any(r.role for r in dated):
            return default[0]
        if dated:
            return max(dated, key=lambda r: (r.end == "", r.end or r.start, r.role is not None))
        return default[0]

    def country_weights(self) -> dict[str, int]:
        """How many of the entity's codes name each country: the dictionaries list a
        head of state of several realms under each, but the home country under most."""
        out: dict[str, int] = {}
        for r in self.roles:
            if r.country:
                out[r.country] = out.get(r.country, 0) + 1
        return out

    @property
    def country(self) -> str | None:
        """The country most of the entity's codes name (the first listed on a tie)."""
        weight = self.country_weights()
        if not weight:
            return None
        return max(weight, key=lambda c: weight[c])  # max keeps the first of equals


class KB:
    def __init__(self, data: dict) -> None:
        self.version = data.get("version")
        self.countries: dict[str, dict] = data["countries"]
        self.places: dict[str, list] = data["places"]  # key -> [iso3, type]
        self.agents: dict[str, list] = data["agents"]  # key -> [sector, role]
        self.names: dict[str, int] = data["names"]  # key -> entity index
        self.surnames: dict[str, list[int]] = data["surnames"]
        self.offices: dict[str, dict[str, list]] = data["offices"]
        self.female: set[str] = set(data.get("female", []))
        self.male: set[str] = set(data.get("male", []))
        self.titles: set[str] = set(data.get("titles", []))
        self.media: dict[str, list] = data.get("media", {})
        self._raw = data["entities"]
        self._ents: dict[int, Entity] = {}

    # -- entities -------------------------------------------------------------
    def entity(self, idx: int) -> Entity:
        e = self._ents.get(idx)
        if e is None:
            raw = self._raw[idx]
            if isinstance(raw, str):  # stored as a JSON string, parsed on first use
                raw = json.loads(raw)
            name, kind, codes = raw[:3]
            female = len(raw) > 3 and bool(raw[3])
            roles = [Role(*c) for c in codes]
            e = self._ents[idx] = Entity(idx, name, kind, roles, female)
        return e

    def lookup(self, name: str) -> Entity | None:
        """An entity by its full name or a known alias (``the Kremlin``, ``NATO``)."""
        k = norm(name)
        i = self.names.get(k)
        if i is None and k.startswith("the "):
            i = self.names.get(k[4:])
        if i is None and " " in k:
            for k2 in person_keys(k)[1:]:
                i = self.names.get(k2)
                if i is not None and self.entity(i).kind == "person":
                    break
                i = None
        return self.entity(i) if i is not None else None

    def surname(self, name: str, role: str | None = None, date: str | None = None) -> Entity | None:
        """A person by surname: the only one known, or the only one holding ``role``
        (``President Obama``), or the only one in office on ``date``."""
        idxs = self.surnames.get(norm(name))
        if not idxs:
            return None
        if len(idxs) == 1:
            return self.entity(idxs[0])
        ents = [self.entity(i) for i in idxs]
        if role:
            hit = [e for e in ents if any(r.role == role for r in e.roles)]
            if len(hit) == 1:
                return hit[0]
        if date:
            hit = [e for e in ents if (r := e.at(date)) is not None and r.role and not r.role.startswith("former")]
            if len(hit) == 1:
                return hit[0]
        office = [e for e in ents if any(r.role for r in e.roles)]
        if len(office) == 1 and not role:
            return office[0]
        return None

    def surname_country(self, name: str, role: str | None = None) -> str | None:
        """The country all known office holders of a surname share (``President Bush``:
        USA), else all known bearers of it."""
        idxs = self.surnames.get(norm(name))
        if not idxs:
            return None
        ents = [self.entity(i) for i in idxs]
        for group in ([e for e in ents if any(r.role and (role is None or r.role == role) for r in e.roles)], ents):
            cs = {e.country for e in group}
            if len(cs) == 1 and None not in cs:
                return cs.pop()
        return None

    # -- places ---------------------------------------------------------------
    def place(self, name: str) -> tuple[str, str] | None:
        """(ISO3, type) for a country name, demonym, capital, city or region; type is
        ``country``, ``demonym``, ``people``, ``capital``, ``city`` or ``region`` (a
        province or state: ``Texas``, ``Banten``)."""
        k = norm(name)
        hit = self.places.get(k)
        if hit is None and k.startswith("the "):
            hit = self.places.get(k[4:])
        return (hit[0], hit[1]) if hit else None

    def country(self, name: str) -> str | None:
        """ISO3 of a country name or demonym, or of the country of a region (``Texas
        Governor``); not of a city."""
        hit = self.place(name)
        return hit[0] if hit and hit[1] != "city" else None

    def country_name(self, iso3: str) -> str:
        c = self.countries.get(iso3)
        return c["name"] if c else iso3

    # -- agents and offices ---------------------------------------------------
    def agent(self, noun: str) -> tuple[str | None, str] | None:
        """(sector, role) for an agent noun or noun phrase (``spokesperson``,
        ``foreign minister``, ``rebels``)."""
        hit = self.agents.get(norm(noun))
        return (hit[0], hit[1]) if hit else None

    def office_holder(self, iso3: str, office: str, date: str | None) -> Entity | None:
        """The person holding ``office`` (``president``, ``prime minister``) of a
        country on ``date``; None when unknown or no date is given."""
        if not date:
            return None
        terms = self.offices.get(iso3, {}).get(norm(office))
        if not terms:
            return None
        hits = [t for t in terms if (not t[1] or t[1] <= date) and (not t[2] or date <= t[2])]
        if not hits:
            return None
        best = max(hits, key=lambda t: t[1])
        return self.entity(best[0])

    def gender(self, first_name: str) -> str | None:
        k = norm(first_name)
        if k in self.female:
            return "f"
        if k in self.male:
            return "m"
        return None


_lock = threading.Lock()
_kb: KB | None = None


def get_kb() -> KB:
    """The knowledge base, loaded on first use and cached for the process."""
    global _kb
    if _kb is None:
        with _lock:
            if _kb is None:
                with gzip.open(DATA, "rt", encoding="utf-8") as f:
                    _kb = KB(json.load(f))
    return _kb
