#!/usr/bin/env python3
"""Build newsgraph's compact actor knowledge base (``make kb``).

Reads the shared ``kb/`` folder (Phoenix actor and agent dictionaries, CountryInfo,
Factbook tables, Wikidata leaders) and pycountry, and writes
``src/newsgraph/kb/data/kb.json.gz`` plus ``NOTICE`` with the licence notices.

    python scripts/build_kb.py --shared ../shared

The output holds only lookup tables (normalised key -> code); the runtime never
needs the shared folder.
"""
from __future__ import annotations

import argparse
import csv
import difflib
import gzip
import html
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from newsgraph.kb import norm

OUT = ROOT / "src" / "newsgraph" / "kb" / "data"

# CAMEO role blocks -> PLOVER sectors (CAMEO MED is media = PLOVER JRN; HLH = MED).
SECTORS = {"GOV", "MIL", "REB", "OPP", "CVL", "MED", "BUS", "JUD", "LEG", "PTY", "COP", "SPY",
           "ELI", "EDU", "LAB", "REL", "REF", "AGR", "HLH", "ENV", "HRI", "UAF", "CRM", "SOC",
           "DEV", "JRN", "MOS", "CHR", "IGO", "NGO", "INS", "SEP", "IRC", "PRE"}
SECTOR_MAP = {"MED": "JRN", "HLH": "MED", "INS": "REB", "SEP": "REB"}
NON_STATE = {"IGO", "NGO", "IMG", "MNC"}

# Honorifics and titles stripped from names (runtime uses the same list).
TITLES = ["mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "president", "vice", "prime", "minister", "premier", "chancellor", "king", "queen", "prince", "princess", "emir", "amir", "sheikh", "shaikh", "sultan", "ayatollah", "hojatolislam", "hojatoleslam", "sayyed", "sayed", "seyed", "grand", "imam", "pope", "cardinal", "archbishop", "bishop", "rev", "reverend", "father", "general", "gen", "lt", "col", "colonel", "major", "maj", "capt", "captain", "admiral", "commander", "marshal", "sen", "senator", "rep", "representative", "gov", "governor", "mayor", "judge", "justice", "secretary", "foreign", "defence", "defense", "interior", "deputy", "former", "acting", "supreme", "leader", "chairman", "chairwoman", "chair", "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy", "crown", "duke", "emperor", "tsar", "czar", "mullah", "maulana", "mufti", "state", "first", "lady", "gentleman", "ceo", "chief", "director"]

FEMALE = ["mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica", "sarah", "karen", "nancy", "lisa", "margaret", "betty", "sandra", "ashley", "dorothy", "kimberly", "emily", "donna", "michelle", "carol", "amanda", "melissa", "deborah", "stephanie", "rebecca", "laura", "sharon", "cynthia", "kathleen", "amy", "shirley", "angela", "helen", "anna", "brenda", "pamela", "nicole", "emma", "samantha", "katherine", "christine", "debra", "rachel", "catherine", "carolyn", "janet", "ruth", "maria", "heather", "diane", "virginia", "julie", "joyce", "victoria", "olivia", "kelly", "christina", "lauren", "joan", "evelyn", "judith", "megan", "cheryl", "andrea", "hannah", "martha", "jacqueline", "frances", "gloria", "ann", "teresa", "kathryn", "sara", "janice", "jean", "alice", "madison", "doris", "abigail", "julia", "judy", "grace", "denise", "amber", "marilyn", "beverly", "danielle", "theresa", "sophia", "marie", "diana", "brittany", "natalie", "isabella", "charlotte", "rose", "alexis", "kayla", "angela", "ursula", "kamala", "hillary", "theresa", "nikki", "giorgia", "marine", "ursula", "kaja", "annalena", "liz", "theresa", "jacinda", "sanna", "mette", "angela", "yulia", "yuliya", "tatiana", "tatyana", "olga", "irina", "natalia", "natalya", "svetlana", "elena", "yelena", "maria", "marina", "valentina", "ekaterina", "yekaterina", "anastasia", "lyudmila", "galina", "nadezhda", "ludmila", "oksana", "iryna", "olena", "kristalina", "christine", "nancy", "kristi", "tulsi", "marjorie", "alexandria", "ilhan", "rashida", "lauren", "elise", "karoline", "kristi", "pam", "susie", "condoleezza", "madeleine", "samantha", "nikki", "benazir", "indira", "sheikh", "hasina", "aung", "suu", "kyi", "tsai", "ing-wen", "park", "geun-hye", "dilma", "cristina", "michelle", "golda", "mariam", "fatima", "aisha", "ayesha", "leila", "layla", "zainab", "maryam", "nasrin", "shirin", "narges", "masih", "tzipi", "ayelet", "miri", "gila", "orit"]
FEMALE = [w for w in FEMALE if w not in {"sheikh", "aung", "suu", "kyi", "tsai", "park", "ing-wen", "geun-hye"}]

MALE = ["james", "john", "robert", "michael", "william", "david", "richard", "joseph", "thomas", "charles", "christopher", "daniel", "matthew", "anthony", "mark", "donald", "steven", "paul", "andrew", "joshua", "kenneth", "kevin", "brian", "george", "timothy", "ronald", "edward", "jason", "jeffrey", "ryan", "jacob", "gary", "nicholas", "eric", "jonathan", "stephen", "larry", "justin", "scott", "brandon", "benjamin", "samuel", "gregory", "alexander", "frank", "patrick", "raymond", "jack", "dennis", "jerry", "tyler", "aaron", "jose", "adam", "nathan", "henry", "douglas", "zachary", "peter", "kyle", "ethan", "walter", "noah", "jeremy", "christian", "keith", "roger", "terry", "gerald", "harold", "sean", "austin", "carl", "arthur", "lawrence", "dylan", "jesse", "jordan", "bryan", "billy", "joe", "bruce", "gabriel", "logan", "albert", "willie", "alan", "juan", "wayne", "elijah", "randy", "roy", "vincent", "ralph", "eugene", "russell", "bobby", "mason", "philip", "louis", "vladimir", "dmitry", "dmitri", "sergei", "sergey", "alexei", "alexey", "mikhail", "nikolai", "igor", "ivan", "yuri", "boris", "viktor", "oleg", "andrei", "andriy", "volodymyr", "petro", "ali", "mohammed", "muhammad", "mohammad", "ahmed", "ahmad", "hassan", "hussein", "mahmoud", "abdullah", "omar", "khalid", "ibrahim", "yusuf", "masoud", "hassan", "ebrahim", "benjamin", "yair", "naftali", "ehud", "ariel", "shimon", "yitzhak", "emmanuel", "olaf", "friedrich", "keir", "rishi", "boris", "xi", "li", "recep", "bashar", "kim", "nicolas", "nicolás", "hugo", "jair", "luiz", "narendra", "shinzo", "fumio", "justin", "jacinda"]
MALE = [w for w in MALE if w != "jacinda"]

# Regions of one country that none of the sources lists (CountryInfo has 49 US states, not
# Wisconsin) and nationality words they lack; disputed or shared regions (Kashmir, Punjab,
# Crimea, Borneo) stay out.
EXTRA_PLACES = {
    "Wisconsin": ("USA", "region"), "Quebec": ("CAN", "region"), "Newfoundland": ("CAN", "region"),
    "Northern Ireland": ("GBR", "region"), "Sindh": ("PAK", "region"), "Khyber Pakhtunkhwa": ("PAK", "region"),
    "Flanders": ("BEL", "region"), "Java": ("IDN", "region"),
}

# Agent nouns not in (or mis-coded for news use by) the Phoenix agents file.
EXTRA_AGENTS = {
    "spokesperson": (None, "spokesperson"), "spokesman": (None, "spokesperson"),
    "spokeswoman": (None, "spokesperson"), "press secretary": ("GOV", "press secretary"),
    "propagandist": ("JRN", "propagandist"), "commentator": ("JRN", "commentator"),
    "pundit": ("JRN", "pundit"), "columnist": ("JRN", "columnist"), "journalist": ("JRN", "journalist"),
    "reporter": ("JRN", "reporter"), "correspondent": ("JRN", "correspondent"), "editor": ("JRN", "editor"),
    "presenter": ("JRN", "presenter"), "tv host": ("JRN", "tv host"), "blogger": ("JRN", "blogger"),
    "outlet": ("JRN", "outlet"), "news outlet": ("JRN", "news outlet"), "media outlet": ("JRN", "media outlet"),
    "newspaper": ("JRN", "newspaper"), "tabloid": ("JRN", "tabloid"), "broadcaster": ("JRN", "broadcaster"),
    "news agency": ("JRN", "news agency"), "website": ("JRN", "website"), "news site": ("JRN", "news site"),
    "channel": ("JRN", "channel"), "media": ("JRN", "media"), "state media": ("JRN", "state media"),
    "thinker": (None, "thinker"), "ideologue": (None, "ideologue"), "philosopher": (None, "philosopher"),
    "analyst": (None, "analyst"), "expert": (None, "expert"), "official": ("GOV", "official"),
    "officials": ("GOV", "official"), "authorities": ("GOV", "authorities"),
    "government": ("GOV", "government"), "regime": ("GOV", "regime"), "administration": ("GOV", "administration"),
    "cabinet": ("GOV", "cabinet"), "dictator": ("GOV", "dictator"), "autocrat": ("GOV", "autocrat"),
    "strongman": ("GOV", "strongman"), "despot": ("GOV", "despot"), "tyrant": ("GOV", "tyrant"),
    "leader": ("GOV", "leader"), "supreme leader": ("GOV", "supreme leader"), "president": ("GOV", "president"),
    "prime minister": ("GOV", "prime minister"), "premier": ("GOV", "prime minister"),
    "foreign minister": ("GOV", "foreign minister"), "defence minister": ("GOV", "defence minister"),
    "defense minister": ("GOV", "defense minister"), "minister": ("GOV", "minister"),
    "chancellor": ("GOV", "chancellor"), "king": ("GOV", "king"), "queen": ("GOV", "queen"),
    "emir": ("GOV", "emir"), "diplomat": ("GOV", "diplomat"), "ambassador": ("GOV", "ambassador"),
    "envoy": ("GOV", "envoy"), "secretary general": ("GOV", "secretary general"),
    "secretary-general": ("GOV", "secretary general"), "alliance": (None, "alliance"), "negotiator": ("GOV", "negotiator"), "senator": ("LEG", "senator"),
    "lawmaker": ("LEG", "lawmaker"), "legislator": ("LEG", "legislator"), "parliament": ("LEG", "parliament"),
    "congress": ("LEG", "congress"), "mp": ("LEG", "mp"), "court": ("JUD", "court"), "judge": ("JUD", "judge"),
    "prosecutor": ("JUD", "prosecutor"), "army": ("MIL", "army"), "military": ("MIL", "military"),
    "troops": ("MIL", "troops"), "forces": ("MIL", "forces"), "soldier": ("MIL", "soldier"),
    "general": ("MIL", "general"), "navy": ("MIL", "navy"), "air force": ("MIL", "air force"),
    "rebel": ("REB", "rebel"), "militant": ("REB", "militant"), "insurgent": ("REB", "insurgent"),
    "militia": ("REB", "militia"), "guerrilla": ("REB", "guerrilla"), "guerilla": ("REB", "guerrilla"),
    "police": ("COP", "police"), "opposition": ("OPP", "opposition"), "dissident": ("OPP", "dissident"),
    "protester": ("CVL", "protester"), "protestor": ("CVL", "protester"), "demonstrator": ("CVL", "demonstrator"),
    "civilian": ("CVL", "civilian"), "resident": ("CVL", "resident"), "citizen": ("CVL", "citizen"),
    "refugee": ("REF", "refugee"), "student": ("EDU", "student"), "party": ("PTY", "party"),
    "company": ("BUS", "company"), "businessman": ("BUS", "businessman"), "businesswoman": ("BUS", "businesswoman"),
    "doctor": ("MED", "doctor"), "ministry": ("GOV", "ministry"), "foreign ministry": ("GOV", "foreign ministry"),
    "security forces": ("COP", "security forces"), "peacekeeper": ("MIL", "peacekeeper"),
    "spy agency": ("SPY", "spy agency"), "intelligence": ("SPY", "intelligence"), "worker": ("LAB", "worker"),
    "union": ("LAB", "union"), "farmer": ("AGR", "farmer"), "cleric": ("REL", "cleric"), "church": ("REL", "church"),
}
IRREGULAR_PLURAL = {"spokesman": "spokesmen", "spokeswoman": "spokeswomen", "businessman": "businessmen",
                    "businesswoman": "businesswomen", "police": "police", "military": "military", "media": "media",
                    "authorities": "authorities", "officials": "officials", "forces": "forces", "troops": "troops",
                    "intelligence": "intelligence", "army": "armies", "party": "parties", "militia": "militias",
                    "strongman": "strongmen", "congress": "congresses", "opposition": "opposition",
                    "security forces": "security forces", "cabinet": "cabinets"}

# State-owned or state-controlled media: their state is their country. Other outlets
# are journalists (JRN) with no country claimed.
STATE_MEDIA = {
    "tass": "RUS", "ria novosti": "RUS", "ria": "RUS", "rt": "RUS", "russia today": "RUS", "sputnik": "RUS",
    "rossiya 1": "RUS", "channel one": "RUS", "xinhua": "CHN", "cctv": "CHN", "cgtn": "CHN",
    "global times": "CHN", "people's daily": "CHN", "kcna": "PRK", "irna": "IRN", "press tv": "IRN",
    "fars": "IRN", "fars news agency": "IRN", "tasnim": "IRN", "tasnim news agency": "IRN", "irib": "IRN",
    "anadolu": "TUR", "anadolu agency": "TUR", "trt": "TUR", "sana": "SYR", "wafa": "PSE", "spa": "SAU",
    "saudi press agency": "SAU", "al jazeera": "QAT", "bbc": "GBR", "ukrinform": "UKR", "belta": "BLR",
    "kyodo": "JPN", "yonhap": "KOR", "bernama": "MYS", "antara": "IDN", "prensa latina": "CUB",
    "voice of america": "USA", "radio free europe": "USA", "france 24": "FRA", "deutsche welle": "DEU",
}
MEDIA = """reuters|associated press|ap|afp|agence france-presse|bloomberg|cnn|fox news|nbc|nbc news|
abc news|cbs|cbs news|msnbc|npr|the new york times|new york times|the washington post|washington post|
the wall street journal|wall street journal|the guardian|guardian|the times|the telegraph|
the daily telegraph|the independent|daily mail|the sun|the mirror|express|the express|financial times|
the economist|politico|axios|the hill|newsweek|time|the atlantic|usa today|los angeles times|
sky news|itv|channel 4|euronews|der spiegel|spiegel|le monde|kommersant|izvestia|vedomosti|meduza|
novaya gazeta|haaretz|the times of israel|times of israel|al arabiya|the kyiv independent|
kyiv independent|interfax|tehran times|dawn|the hindu|south china morning post|scmp|nikkei|
bild|la repubblica|el pais|semafor|vox|buzzfeed news|huffpost|the daily beast|breitbart|wikinews|
wikipedia|al-monitor|middle east eye|the moscow times|rferl|radio liberty|voa""".replace("\n", "").split("|")


def parse_date(s: str) -> str:
    s = s.strip()
    if not s.isdigit():
        return ""
    if len(s) == 6:
        yy = int(s[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        mm, dd = s[2:4], s[4:6]
    elif len(s) == 8:
        year, mm, dd = int(s[:4]), s[4:6], s[6:8]
    else:
        return ""
    mm = mm if "01" <= mm <= "12" else "01"
    dd = dd if "01" <= dd <= "31" else "01"
    return f"{year:04d}-{mm}-{dd}"


def parse_range(r: str) -> tuple[str, str] | None:
    r = r.replace(" ", "")
    if not r:
        return ("", "")
    if r.startswith(">"):
        return (parse_date(r[1:]), "")
    if r.startswith("<"):
        return ("", parse_date(r[1:]))
    if "-" in r:
        a, b = r.split("-", 1)
        da, db = parse_date(a), parse_date(b)
        if (a and not da) or (b and not db):
            return None
        return (da, db)
    return None


ISO3 = {c.alpha_3 for c in pycountry.countries}
ISO3 |= {"XKX", "KSV"}  # Kosovo (not in ISO 3166)


def code_parts(code: str) -> tuple[str | None, str | None]:
    """(country, sector) of a CAMEO code like RUSGOV, IGOUNO, AFGGOVMIL, ~MED."""
    code = code.strip().upper()
    country = None
    rest = code
    if len(code) >= 3 and (code[:3] in ISO3 or code[:3] in NON_STATE):
        country, rest = code[:3], code[3:]
    elif len(code) >= 3 and code[:3] not in SECTORS:
        rest = code[3:]
    sector = None
    for i in range(0, len(rest) - 2, 3):
        blk = rest[i:i + 3]
        if blk in SECTORS:
            sector = SECTOR_MAP.get(blk, blk)
            break
    if country == "KSV":
        country = "XKX"
    return country, sector


def phrase_text(p: str) -> str:
    p = p.split("#", 1)[0].strip().rstrip("_").replace("_", " ").strip()
    return re.sub(r"\s+", " ", p)


TITLE_SET = set(TITLES)


def strip_titles(words: list[str]) -> list[str]:
    i = 0
    while i < len(words) - 1 and norm(words[i]).strip(".") in TITLE_SET:
        i += 1
    return words[i:]


def nice(name: str, acronym_ok: bool = True) -> str:
    out = []
    for w in name.split():
        lw = w.lower()
        if re.fullmatch(r"[ivx]+", lw) and out or "." in w or (acronym_ok and len(w) <= 4 and not re.search(r"[aeiou]", lw) and len(name.split()) <= 3):
            out.append(w.upper())
        elif lw in {"of", "the", "and", "for", "in", "al", "bin", "de", "la", "du", "van", "von"} and out:
            out.append(lw)
        else:
            out.append("-".join(x[:1].upper() + x[1:].lower() for x in w.split("-")))
    return " ".join(out)


ORG_WORDS = {"ministry", "council", "party", "army", "front", "union", "committee", "government", "court",
             "assembly", "parliament", "agency", "office", "service", "force", "forces", "bank", "commission",
             "organization", "organisation", "movement", "league", "federation", "association", "police",
             "guard", "kremlin", "house", "senate", "congress", "duma", "brigade", "brigades", "group",
             "company", "corporation", "fund", "institute", "university", "church", "alliance", "authority",
             "administration", "cabinet", "navy", "republic", "state", "department", "command", "corps",
             "tribunal", "centre", "center", "network", "press", "news", "radio", "television", "tv",
             "militia", "faction", "reserve", "community", "nation"}


class Builder:
    def __init__(self) -> None:
        self.entities: list[list] = []  # [name, kind, codes, female]
        self.names: dict[str, int] = {}
        self.surname_hits: dict[str, set[int]] = defaultdict(set)
        self.places: dict[str, list] = {}
        self._country_names: dict[str, list[str]] = {}  # iso3 -> the country's names, for spelling_of
        self.agents: dict[str, list] = {}
        self.offices: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        self.countries: dict[str, dict] = {}

    # -- entities -------------------------------------------------------------
    def new_entity(self, name: str, kind: str, codes: list) -> int:
        self.entities.append([name, kind, codes, 0])
        return len(self.entities) - 1

    def latest(self, idx: int) -> str:
        ends = [c[4] or "9999" for c in self.entities[idx][2] if c[3] or c[4]]
        return max(ends) if ends else "0000"

    def add_name(self, key: str, idx: int, person: bool, variants: bool = True) -> None:
        if not key:
            return
        if person and variants:
            for v in sorted(translit_variants(key)):
                if v != key:
                    self.add_name(v, idx, True, False)
        toks = key.split()
        if person and len(toks) == 1:
            self.surname_hits[key].add(idx)
            return
        have = self.names.get(key)
        if have is None or (have != idx and self.latest(idx) > self.latest(have)):
            self.names[key] = idx
        if person and len(toks) > 1:
            self.surname_hits[toks[-1]].add(idx)

    def add_place(self, key: str, iso3: str, typ: str, override: bool = False) -> None:
        key = norm(key)
        if not key or len(key) < 2:
            return
        have = self.places.get(key)
        if have is not None and have[0] != iso3 and typ in ("demonym", "people") and have[1] == "country":
            return  # a country's own name beats another country's adjective ("Congo")
        if have is not None and have[0] != iso3 and typ in ("demonym", "people") and override:
            # "French" is also the adjective of French dependencies: keep the country
            # whose name the demonym comes from (Fren-ch / Fran-ce), else the first seen.
            name_new = norm(self.countries.get(iso3, {}).get("name", ""))
            name_old = norm(self.countries.get(have[0], {}).get("name", ""))
            if name_old[:3] == key[:3] and name_new[:3] != key[:3]:
                return
            if name_new[:3] != key[:3] and name_old[:3] != key[:3]:
                return
        if override or key not in self.places:
            self.places[key] = [iso3, typ]

    def spelling_of(self, alias: str, iso3: str, primary: str) -> bool:
        """Whether a country block's alias spells the country's name or its adjective
        (INDONISIA, INDONESIAN), not one of its places: it shares the first four letters
        or most of its letters with the block's name or the country's."""
        a = norm(alias)
        if iso3 not in self._country_names:
            self._country_names[iso3] = [k for k, v in self.places.items() if v == [iso3, "country"]]
        # a part of one of its names ("America" of "United States of America")
        if any(f" {a} " in f" {name} " for name in self._country_names[iso3]):
            return True
        for name in (norm(primary), norm(self.countries.get(iso3, {}).get("name", ""))):
            if name and (a[:4] == name[:4] or difflib.SequenceMatcher(None, a, name).ratio() >= 0.75):
                return True
        return False

    # -- sources --------------------------------------------------------------
    def countries_pycountry(self) -> None:
        for c in pycountry.countries:
            name = getattr(c, "common_name", None) or c.name
            self.countries[c.alpha_3] = {"name": name}
            for n in sorted({c.name, name, getattr(c, "official_name", None)} - {None}):
                if n:
                    self.add_place(n, c.alpha_3, "country", override=True)
                    if " and " in n and "," not in n and not n.startswith(("Saint", "St")):
                        # "Bosnia and Herzegovina" is also just "Bosnia"
                        self.add_place(n.split(" and ")[0], c.alpha_3, "country")

    def countries_factbook(self, path: Path) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        self.gov_type = {}
        for c in data["countries"]:
            iso = c.get("iso3")
            if not iso:
                continue
            self.gov_type[iso] = (c.get("government_type") or "").lower()
            short = html.unescape(c.get("conventional_short_form") or "")
            if short and short.lower() != "none" and iso in self.countries and "," not in short:
                if len(short) > 3:
                    self.countries[iso]["name"] = short
            for fld in ("conventional_short_form", "conventional_long_form", "local_short_form", "former",
                        "abbreviation"):
                v = html.unescape(c.get(fld) or "")
                if not v or v.lower() == "none":
                    continue
                v = re.sub(r";.*", "", v)
                parts = re.split(r",\s*|\s+or\s+|\s*\(or\s+|\)", v) if fld in ("former", "abbreviation") else [v]
                for p in parts:
                    p = p.strip(" ()")
                    if fld == "abbreviation" and len(p) < 2:
                        continue
                    self.add_place(p, iso, "country", override=fld != "former")
            adj = html.unescape(c.get("nationality_adjective") or "")
            for a in re.split(r"\s+or\s+|,\s*", re.sub(r"\(.*?\)|;.*", "", adj)):
                a = a.strip()
                if a and a.lower() != "none":
                    self.add_place(a, iso, "demonym", override=True)
            noun = html.unescape(c.get("nationality_noun") or "")
            noun = re.sub(r";.*", "", noun)
            for n in re.split(r",\s*|\s+or\s+", noun):
                n = n.strip()
                m = re.match(r"^([\w' -]+?)\((\w+)\)", n)
                if m:
                    base, suf = m.group(1).strip(), m.group(2)
                    self.add_place(base, iso, "people")
                    base[: -len(suf.rstrip("s")) + 0] if False else None
                    if suf == "s":
                        self.add_place(base + "s", iso, "people", override=True)
                    elif suf in ("men", "women"):
                        self.add_place(base[: -len(suf) + 2] + suf if base.endswith(suf[:-2] + "an") else base, iso,
                                       "people")
                elif n and n.lower() not in ("none",) and "singular" not in n:
                    self.add_place(re.sub(r"\s*\(.*", "", n), iso, "people")
            cap = html.unescape(c.get("capital") or "")
            for p in re.split(r";|,\s*(?=[A-Z][a-z]+ \()", re.sub(r"note.*", "", cap)):
                p = re.sub(r"\(.*?\)", "", p).strip(" ,")
                p = re.sub(r",\s*D\.C\.$", "", p)
                if p and p.lower() != "none" and len(p) < 40:
                    self.add_place(p, iso, "capital", override=False)
                    self.countries.setdefault(iso, {"name": iso}).setdefault("capital", []).append(p)

    def countryinfo(self, path: Path) -> None:
        text = path.read_text(encoding="utf-8", errors="replace")
        for block in re.findall(r"<Country>[ \t]*\n(<CountryCode>.*?)</Country>", text, flags=re.DOTALL):
            m = re.search(r"<CountryCode>\s*(\w+)\s*</CountryCode>", block)
            if not m:
                continue
            iso = m.group(1).strip()
            if iso not in ISO3:
                continue

            def items(tag: str, block: str = block) -> list[str]:
                mm = re.search(rf"<{tag}>(.*?)</{tag}>", block, flags=re.DOTALL)
                if not mm:
                    return []
                out = []
                for line in mm.group(1).splitlines():
                    line = line.strip()
                    if not line or line.startswith("#"):
                        continue
                    out.append(phrase_text(line))
                return [x for x in out if x]

            name = re.search(r"<CountryName>\s*(.*?)\s*</CountryName>", block)
            if name:
                self.add_place(phrase_text(name.group(1)), iso, "country")
            for n in items("Nationality"):
                self.add_place(n, iso, "demonym")
            for n in items("Capital"):
                self.add_place(n, iso, "capital")
                self.countries.setdefault(iso, {"name": iso}).setdefault("capital", []).append(nice(n, False))
            for n in items("MajorCities"):
                self.add_place(n, iso, "city")
            lm = re.search(r"<Leaders>(.*?)</Leaders>", block, flags=re.DOTALL)
            if lm:
                office = None
                for line in lm.group(1).splitlines():
                    s = line.strip()
                    t = re.match(r"^<([^/][^>]*)>$", s)
                    if t:
                        office = t.group(1).lower()
                        continue
                    if s.startswith(("</", "#")) or not s or office is None:
                        continue
                    nm = re.match(r"^([A-Z][^\[\t#]*?)\s*(\[.*)$", s)
                    if not nm:
                        continue
                    pname = phrase_text(nm.group(1))
                    ranges = [r for r in re.findall(r"\[([^\]]*)\]", nm.group(2)) if not r.startswith(("B:", "D:"))]
                    off = office_name(office)
                    if not off:
                        continue
                    for r in ranges:
                        rr = parse_range(r)
                        if rr:
                            # Open terms mean "in office at the file's date" (2012-01-16).
                            self.add_leader(iso, off, pname, rr[0], rr[1] or "2012-01-16")

    def add_leader(self, iso: str, office: str, pname: str, start: str, end: str, female: bool = False) -> None:
        words = strip_titles(pname.split())
        if not words:
            return
        display = nice(" ".join(words), acronym_ok=False)
        key = norm(display)
        idx = self.names.get(key)
        if idx is None or self.entities[idx][1] != "person":
            # The same person under another spelling of the given name (Joe/Joseph Biden):
            # one known person of that country with that surname.
            same = [i for i in self.surname_hits.get(key.split()[-1], ())
                    if self.entities[i][1] == "person" and any(c[0] == iso for c in self.entities[i][2])
                    and same_person_name(norm(self.entities[i][0]), key)]
            idx = same[0] if len(same) == 1 else None
            if idx is None:
                idx = self.new_entity(display, "person", [])
            self.add_name(key, idx, True)
        codes = self.entities[idx][2]
        row = [iso, "GOV", office, start, end]
        if row not in codes:
            codes.append(row)
        if female:
            self.entities[idx][3] = 1
        self.offices[iso][office].append([idx, start, end])

    def factbook_terms(self, path: Path) -> None:
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        per_person: dict[str, set[str]] = defaultdict(set)
        parsed = []
        for r in rows:
            text = html.unescape(r["holder_text"]).strip()
            if text.lower().startswith("represented by") or " of the " in text and text.split()[0] in ("King", "Queen"):
                # Commonwealth realms and dependencies: the monarch belongs to GBR/NLD etc.
                if not (text.startswith("King CHARLES") and r["iso3"] == "GBR"):
                    continue
            parts = [p.strip() for p in re.split(r",\s+(?=[A-Z])", text) if p.strip()]
            title = None
            for p in parts:
                words = re.sub(r"\(.*?\)|\".*?\"", "", p).split()
                tw = []
                while words and (words[0].lower().strip(",") in TITLE_SET or words[0].lower() in
                                 {"of", "the", "co-prince", "regent", "deputy", "premiers", "ministers", "presidents"}):
                    tw.append(words.pop(0).lower())
                if tw:
                    title = " ".join(tw)
                if not words or not title:
                    continue
                caps = [w for w in words if re.fullmatch(r"[A-Z][A-Z'\-]+", w.split("-")[-1]) and len(w) > 1]
                if not caps or caps[0] == "JR.":
                    continue
                first = words[0] if words[0] not in caps else None
                sur = " ".join(c.split("-")[-1] if c.split("-")[-1].isupper() and not c.isupper() else c for c in caps)
                sur = sur.replace(",", "")
                name = f"{first} {sur}" if first and not first.endswith(".") else sur
                if len(name.split()) < 2:
                    continue
                parsed.append((r["iso3"], office_name(title), name, r["since"], r["gone_by"]))
                per_person[norm(name)].add(r["iso3"])
        bad = ("territor", "realm", "dependen", "overseas", "self-governing", "special administrative",
               "part of", "commonwealth", "sovereignty of")
        rows_per: dict[tuple[str, str], int] = defaultdict(int)
        for iso, off, name, _since, _gone in parsed:
            rows_per[(norm(name), iso)] += 1 if off else 0  # a co-prince of Andorra is not its president
        home = {}
        for key, isos in per_person.items():
            # A leader listed for several entities (a US president for US territories, the
            # British monarch for the Commonwealth realms) belongs to the one listing them most,
            # then the one that is not a territory or realm, then the United Kingdom.
            home[key] = max(sorted(isos), key=lambda i: (rows_per[(key, i)] > 0,
                                                  not any(b in self.gov_type.get(i, "") for b in bad),
                                                  bool(self.countries.get(i, {}).get("capital")),
                                                  rows_per[(key, i)], i == "GBR"))
        for iso, off, name, since, gone in parsed:
            if home.get(norm(name)) != iso:
                continue
            if not off:
                continue
            end = gone or ""
            self.add_leader(iso, off, name, since if len(since) == 10 else (since + "-01-01")[:10], end)

    def wikidata(self, path: Path) -> None:
        for r in csv.DictReader(path.open(encoding="utf-8")):
            label = r["positionLabel"]
            off = office_name(label.split(" of ")[0])
            if not off:
                continue
            iso = None
            country = r["country"]
            try:
                iso = pycountry.countries.lookup(country).alpha_3
            except LookupError:
                hit = self.places.get(norm(country))
                iso = hit[0] if hit else None
            if not iso:
                continue
            start = f"{r['start_year']}-01-01" if r["start_year"] else ""
            # An open term here means "in office when the query ran" (2022-10-09).
            end = f"{r['end_year']}-12-31" if r["end_year"] else "2022-10-09"
            self.add_leader(iso, off, r["officeholderLabel"], start, end)

    def phoenix(self, path: Path, file_kind: str) -> None:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        blocks: list[tuple[list[str], list[tuple[str, str, str]], str]] = []
        phrases: list[str] = []
        codes: list[tuple[str, str, str]] = []
        comment = ""

        def flush():
            nonlocal phrases, codes, comment
            if phrases and codes:
                blocks.append((phrases, codes, comment))
            phrases, codes, comment = [], [], ""

        for raw in lines:
            if not raw.strip() or raw.lstrip().startswith("#"):
                continue
            line = raw
            cm = ""
            if "#" in line:
                line, cm = line.split("#", 1)
            found = re.findall(r"\[([^\]]*)\]", line)
            body = re.sub(r"\[[^\]]*\]", "", line)
            if raw[0] in "\t ":
                pass  # a code line
            elif raw.startswith("+"):
                phrases.append(phrase_text(body[1:]))
            else:
                if codes:
                    flush()
                p = phrase_text(body)
                if p:
                    phrases.append(p)
                comment = comment or cm
            for f in found:
                f = f.strip()
                if not f or f.startswith(("-", "~")):
                    continue
                parts = f.split(None, 1)
                rng = parse_range(parts[1]) if len(parts) > 1 else ("", "")
                if rng is None:
                    continue
                codes.append((parts[0], rng[0], rng[1]))
        flush()

        for phr, cds, cm in blocks:
            phr = [p for p in phr if p and not p.startswith("+")]
            if not phr:
                continue
            parsed = []
            for code, s, e in cds:
                country, sector = code_parts(code)
                parsed.append([country, sector, None, s, e])
            dated = any(c[3] or c[4] for c in parsed)
            primary = phr[0]
            pwords = norm(primary).split()
            # Country-level blocks: names and adjectives of a country or its places.
            if file_kind == "countries" and len(cds) == 1 and re.fullmatch(r"[A-Z]{3}", cds[0][0]) \
                    and cds[0][0] in ISO3 and not dated and "CountryInfo" not in cm:
                iso = cds[0][0]
                typ = "country" if norm(primary) in self.places and self.places[norm(primary)][0] == iso \
                    and self.places[norm(primary)][1] == "country" else "city"
                for p in phr:
                    if p == primary:
                        self.add_place(p, iso, typ)
                    elif typ != "country":
                        self.add_place(p, iso, "city")
                    else:
                        # a country's block also lists its regions and towns (INDONESIA: BANTEN,
                        # BALI): only spellings of the country's own name are the country
                        self.add_place(p, iso, "country" if self.spelling_of(p, iso, primary) else "region")
                continue
            orgish = bool(set(pwords) & ORG_WORDS)
            # An undated block is a person too when it lists the name's last words alone
            # as an alias, as the dictionaries list a surname (OSAMA BIN LADEN: BIN LADEN)
            surname_alias = len(pwords) >= 2 and pwords[0] not in ("al", "el", "the", "bin") \
                and not any(w in ("of", "u.s.", "us") or re.search(r"\d", w) for w in pwords) and any(
                1 <= len(norm(p).split()) < len(pwords) and pwords[-len(norm(p).split()):] == norm(p).split()
                and norm(p).split()[-1] not in ("al", "bin")
                for p in phr[1:])
            if "CountryInfo" in cm or (not orgish and 2 <= len(pwords) <= 5 and (dated or surname_alias)):
                kind = "person"
            elif file_kind == "nonstate":
                kind = "group"
            else:
                kind = "organization"
            if kind == "person":
                words = strip_titles(primary.split())
                display = nice(" ".join(words), acronym_ok=False)
            else:
                words = primary.split()
                if words and words[0].lower() == "the" and len(words) > 1:
                    words = words[1:]
                display = nice(" ".join(words))
            key = norm(display)
            idx = self.names.get(key) if kind == "person" else None
            if kind == "person" and idx is None and len(key.split()) == 1:
                isos = {c[0] for c in parsed}
                same = [i for i in self.surname_hits.get(key, ()) if self.entities[i][1] == "person"
                        and len(norm(self.entities[i][0]).split()) == 1
                        and any(c[0] in isos for c in self.entities[i][2])]
                idx = same[0] if len(same) == 1 else None
            if idx is not None and self.entities[idx][1] == "person":
                for c in parsed:
                    if c not in self.entities[idx][2]:
                        self.entities[idx][2].append(c)
            else:
                idx = self.new_entity(display, kind, parsed)
            for p in phr:
                k = norm(p)
                if kind == "person" and set(k.split()) & ORG_WORDS:
                    continue  # "BUSH_ADMINISTRATION" is not the man himself
                if kind == "person":
                    w = strip_titles(p.split())
                    k2 = norm(" ".join(w))
                    # Demonym/title-led aliases ("RUSSIAN PRESIDENT VLADIMIR PUTIN") are kept too.
                    self.add_name(k, idx, True)
                    if k2 != k:
                        self.add_name(k2, idx, True)
                else:
                    self.add_name(k, idx, False)
                    if k.startswith("the "):
                        self.add_name(k[4:], idx, False)
            self.add_name(key, idx, kind == "person")

    def merge_acronyms(self) -> None:
        """``UN``/``U.N.`` and ``United Nations`` with the same sole code: one entity."""
        by_code: dict[str, list[int]] = defaultdict(list)
        for i, (_name, kind, codes, _f) in enumerate(self.entities):
            if kind != "person" and len(codes) == 1 and not (codes[0][3] or codes[0][4]):
                by_code[json.dumps(codes[0])].append(i)
        for idxs in by_code.values():
            if len(idxs) < 2:
                continue
            longs = {}
            for i in idxs:
                w = [x for x in norm(self.entities[i][0]).split() if x not in ("the", "of", "and", "for")]
                if len(w) > 1:
                    longs["".join(x[0] for x in w)] = i
            for i in idxs:
                k = norm(self.entities[i][0]).replace(".", "").replace(" ", "")
                j = longs.get(k)
                if j is not None and j != i:
                    for key, v in list(self.names.items()):
                        if v == i:
                            self.names[key] = j

    def agents_phoenix(self, path: Path) -> None:
        subs: dict[str, list[str]] = {}
        for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            m = re.match(r"^(!\w+!)\s*=\s*(.*)$", line)
            if m:
                subs[m.group(1)] = [x.strip().lower() for x in m.group(2).split(",")]
                continue
            m = re.match(r"^([^\[{]+?)\s*(\{[^}]*\})?\s*\[([^\]]*)\]", line)
            if not m:
                continue
            phrase, plural, code = m.group(1).strip(), m.group(2), m.group(3).strip()
            code = code.replace("~", "")
            _, sector = code_parts("XXX" + code) if len(code) >= 3 else (None, None)
            if sector is None:
                continue
            forms = [phrase.lower().replace("_", " ")]
            for sub, vals in subs.items():
                if sub.lower() in forms[0]:
                    forms = [f.replace(sub.lower(), v) for f in forms for v in vals]
            out = []
            for f in forms:
                f = re.sub(r"\s+", " ", f).strip()
                if f.endswith("minist"):
                    out += [f + "er", f + "ers", f + "ry", f + "ries"]
                    continue
                out.append(f)
                if plural is not None:
                    pl = plural.strip("{}").strip()
                    if pl:
                        out.append(pl.lower().replace("_", " "))
                elif not f.endswith(("men", "women", "people", "s")):
                    out.append(pluralize(f))
            base = re.sub(r"minist$", "minister", forms[0].strip())
            role = re.sub(r"\b(spokes)(man|men|woman|women|person)\b", r"\1person", base)
            role = re.sub(r"\bministers\b", "minister", role)
            for f in out:
                k = norm(f)
                if k and k not in self.agents:
                    self.agents[k] = [sector, singular(role)]

    def agents_extra(self) -> None:
        for k, (sector, role) in EXTRA_AGENTS.items():
            self.agents[norm(k)] = [sector, role]
            pl = IRREGULAR_PLURAL.get(k) or pluralize(k)
            self.agents.setdefault(norm(pl), [sector, role])
            if pl not in IRREGULAR_PLURAL.values():
                self.agents[norm(pl)] = [sector, role]

    def media(self) -> dict[str, list]:
        out = {}
        for k in MEDIA:
            k = norm(k)
            if k:
                out[k] = [None, "JRN"]
        for k, iso in STATE_MEDIA.items():
            out[norm(k)] = [iso, "JRN"]
        return out

    def result(self) -> dict:
        surnames = {}
        for k, idxs in self.surname_hits.items():
            people = sorted({i for i in idxs if self.entities[i][1] == "person"})
            if people and len(k) > 2 and k not in TITLE_SET and k not in self.places and len(people) <= 12:
                surnames[k] = people
        names = {k: v for k, v in self.names.items() if k not in self.places or len(k.split()) > 1}
        # Mark women: first name in the list of female first names.
        fem = set(FEMALE)
        for e in self.entities:
            if e[1] == "person" and norm(e[0]).split()[0] in fem:
                e[3] = 1
        for e in self.entities:
            if not e[3]:
                e.pop()
        offices = {iso: {o: v for o, v in d.items()} for iso, d in self.offices.items()}
        return {
            "version": 1,
            "countries": self.countries,
            "places": self.places,
            "agents": self.agents,
            # one JSON string per entity: parsed on first use, so loading stays cheap
            "entities": [json.dumps(e, ensure_ascii=False, separators=(",", ":")) for e in self.entities],
            "names": names,
            "surnames": surnames,
            "offices": offices,
            "female": sorted(set(FEMALE)),
            "male": sorted(set(MALE)),
            "titles": sorted(TITLE_SET),
            "media": self.media(),
        }


FIRST_VARIANTS = {"dmitriy": "dmitry", "dmitri": "dmitry", "sergey": "sergei", "aleksandr": "alexander",
                  "aleksey": "alexei", "alexey": "alexei", "yuriy": "yuri", "yury": "yuri", "andrey": "andrei",
                  "nikolay": "nikolai", "mikhail": "mikhail", "volodymyr": "volodymyr", "muhammad": "mohammed",
                  "mohammad": "mohammed", "mohamed": "mohammed"}


def translit_variants(key: str) -> set[str]:
    """Common transliteration variants of a person key (Zelenskyy/Zelensky, Dmitriy/Dmitry),
    the key without Arabic particles (al-, el-) and first + last name of a longer name."""
    from newsgraph.kb import person_keys
    out = set()
    for k in person_keys(key, build=True):
        out |= _translit(k)
    return out


def _translit(key: str) -> set[str]:
    toks = key.split()
    out = {key}
    last = toks[-1]
    lv = {last}
    for a, b in (("yy", "y"), ("iy", "y"), ("skiy", "sky"), ("ii", "i")):
        if last.endswith(a):
            lv.add(last[: -len(a)] + b)
    fv = {toks[0]}
    if len(toks) > 1:
        f = toks[0]
        if f in FIRST_VARIANTS:
            fv.add(FIRST_VARIANTS[f])
        for k, v in FIRST_VARIANTS.items():
            if v == f:
                fv.add(k)
    for f in fv:
        for lt in lv:
            out.add(" ".join(([f] + toks[1:-1] + [lt]) if len(toks) > 1 else [lt]))
    return out


def same_person_name(a: str, b: str) -> bool:
    """Two spellings of one person's name from different sources: same surname, same
    first initial (Joe/Joseph), and the same middle names if both give any (George W.
    Bush is not George H. W. Bush, nor George Bush of CountryInfo)."""
    ta, tb = a.split(), b.split()
    if len(ta) == 1 or len(tb) == 1:
        return True
    if ta[-1] != tb[-1] or ta[0][:1] != tb[0][:1]:
        return False
    return ta[1:-1] == tb[1:-1]


def pluralize(w: str) -> str:
    if w.endswith("man"):
        return w[:-3] + "men"
    if re.search(r"[^aeiou]y$", w):
        return w[:-1] + "ies"
    if w.endswith(("s", "x", "ch", "sh")):
        return w + "es"
    return w + "s"


def singular(w: str) -> str:
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith("men"):
        return w[:-3] + "man"
    return w


OFFICES = {"president": "president", "presidents": "president", "prime minister": "prime minister",
           "prime ministers": "prime minister", "premier": "prime minister", "premiers": "prime minister",
           "king": "king", "kings": "king", "queen": "queen", "emir": "emir", "emirs": "emir",
           "amir": "emir", "sultan": "sultan", "sultans": "sultan", "chancellor": "chancellor",
           "chancellors": "chancellor", "federal chancellor": "chancellor", "supreme leader": "supreme leader",
           "leader": "leader", "vice president": "vice president", "emperor": "emperor", "monarch": "king",
           "head of state": "head of state", "heads of state": "head of state", "taoiseach": "prime minister",
           "first minister": "first minister", "chief executive": "chief executive",
           "general secretaries of the communist party": "general secretary",
           "general secretary": "general secretary", "crown prince": "crown prince", "grand duke": "grand duke"}


def office_name(title: str) -> str | None:
    t = norm(title)
    return OFFICES.get(t)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args(argv)
    kb = Path(args.shared) / "kb"
    b = Builder()
    b.countries_pycountry()
    b.countries_factbook(kb / "factbook" / "factbook_countries_current.json")
    b.countryinfo(kb / "countryinfo" / "CountryInfo.120116.txt")
    b.phoenix(kb / "cameo_phoenix" / "Phoenix.Countries.actors.txt", "countries")
    b.phoenix(kb / "cameo_phoenix" / "Phoenix.International.actors.txt", "international")
    b.phoenix(kb / "cameo_phoenix" / "Phoenix.MilNonState.actors.txt", "nonstate")
    b.factbook_terms(kb / "factbook" / "factbook_executive_terms.csv")
    b.wikidata(kb / "wikidata" / "world_leaders_2021_wikidata.csv")
    # Countries' own ISO names have the last word over adjectives of other countries.
    for c in pycountry.countries:
        for n in sorted({c.name, getattr(c, "common_name", None)} - {None}):
            if n and "," not in n:
                b.places[norm(n)] = [c.alpha_3, "country"]
    for name, (iso, typ) in EXTRA_PLACES.items():
        b.places.setdefault(norm(name), [iso, typ])
    b.merge_acronyms()
    b.agents_phoenix(kb / "cameo_phoenix" / "Phoenix.agents.txt")
    b.agents_extra()
    data = b.result()
    OUT.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    with gzip.GzipFile(OUT / "kb.json.gz", "wb", mtime=0) as f:
        f.write(raw)
    notice = (ROOT / "scripts" / "kb_NOTICE.txt").read_text(encoding="utf-8")
    mit = (kb / "cameo_phoenix" / "LICENSE.MIT.txt").read_text(encoding="utf-8")
    (OUT / "NOTICE").write_text(notice + "\n\n--- LICENSE.MIT.txt (Phoenix dictionaries) ---\n\n" + mit,
                                encoding="utf-8")
    print(f"kb: {len(data['entities'])} entities, {len(data['names'])} names, {len(data['places'])} places, "
          f"{len(data['agents'])} agents, {sum(len(v) for v in data['offices'].values())} offices; "
          f"{(OUT / 'kb.json.gz').stat().st_size // 1024} KB gzip")
    return 0


if __name__ == "__main__":
    sys.exit(main())
