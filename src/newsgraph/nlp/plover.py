"""PLOVER lexicons: lemma -> (PLOVER type, CAMEO code, mode, strength).

Two layers, looked up by spaCy lemma (dict lookups, built once per process):

* the curated tables below: common news verbs and their nominalisations, light-verb
  objects (``hold talks``, ``impose sanctions``) and speech acts; these win;
* ``kb/data/plover_verbs.json``, derived by ``scripts/build_verbs.py`` from the CAMEO
  verb dictionary and the CAMEO2PLOVER table (MIT / CC BY-SA 4.0, Open Event Data
  Alliance). Its block defaults are broad (``face`` is CONSULT there), so its verbs
  carry a low strength and the extractor asks more of them before coding an event.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "kb" / "data" / "plover_verbs.json"

COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
CONFLICTUAL = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "THREATEN"}
VERBAL = {"AGREE", "CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}


@dataclass(frozen=True)
class Code:
    type: str
    cameo: str | None
    mode: str | None = None
    strength: float = 0.9  # how reliably the word alone signals the type

    def weaker(self, by: float) -> Code:
        return Code(self.type, self.cameo, self.mode, max(0.1, self.strength - by))


def _words(text: str) -> set[str]:
    return set(text.split())


def _c(t: str, cameo: str | None, mode: str | None = None, s: float = 0.9) -> Code:
    return Code(t, cameo, mode, s)


# -- verbs ---------------------------------------------------------------------------
_V: dict[str, Code] = {}


def _add(table: dict[str, Code], words: str, code: Code) -> None:
    for w in words.split():
        table[w.replace("_", " ")] = code


_add(_V, "attack assault raid ambush bombard storm pound", _c("ASSAULT", "190"))
_add(_V, "bomb airstrike", _c("ASSAULT", "195", "heavy-weapons"))
_add(_V, "shell", _c("ASSAULT", "194", "heavy-weapons"))
_add(_V, "shoot gun", _c("ASSAULT", "193", "firearms", 0.75))
_add(_V, "kill murder slay behead execute massacre", _c("ASSAULT", "1823"))
_add(_V, "assassinate", _c("ASSAULT", "186", "assassinate"))
_add(_V, "poison", _c("ASSAULT", "1823", None, 0.8))
_add(_V, "stab beat wound injure", _c("ASSAULT", "182", "beat", 0.8))
_add(_V, "torture", _c("ASSAULT", "1822", "torture"))
_add(_V, "rape", _c("ASSAULT", "1821", "sexual"))
_add(_V, "invade", _c("ASSAULT", "190", "territory"))
_add(_V, "hijack", _c("ASSAULT", "181", "abduct"))
_add(_V, "strike", _c("ASSAULT", "190", None, 0.6))
_add(_V, "arrest detain capture jail imprison apprehend", _c("COERCE", "173", "arrest"))
_add(_V, "kidnap abduct", _c("COERCE", "181", "detain"))
_add(_V, "seize confiscate", _c("COERCE", "171", "seize", 0.8))
_add(_V, "demolish raze destroy", _c("COERCE", "171", "destroy", 0.7))
_add(_V, "deport extradite", _c("COERCE", "174", "deport"))
_add(_V, "ban outlaw prohibit", _c("COERCE", "172", "ban"))
_add(_V, "censor", _c("COERCE", "1721", "censor"))
_add(_V, "blockade", _c("COERCE", "191", "restrict"))
_add(_V, "occupy annex", _c("COERCE", "192", "seize", 0.8))
_add(_V, "prosecute", _c("COERCE", "173", "arrest", 0.8))
_add(_V, "sentence convict", _c("COERCE", "173", "arrest", 0.8))
_add(_V, "sanction embargo", _c("SANCTION", "163", "restrict"))
_add(_V, "expel", _c("SANCTION", "166", "expel"))
_add(_V, "sever", _c("SANCTION", "161", "withdraw", 0.8))
_add(_V, "boycott", _c("SANCTION", "160", "boycott", 0.8))
_add(_V, "mobilize mobilise", _c("MOBILIZE", "154", "troops"))
_add(_V, "deploy", _c("MOBILIZE", "154", "troops", 0.7))
_add(_V, "demonstrate rally riot march", _c("PROTEST", "141", "demo", 0.8))
_add(_V, "protest", _c("PROTEST", "140", None, 0.8))
_add(_V, "threaten", _c("THREATEN", "130"))
_add(_V, "warn", _c("THREATEN", "130", None, 0.75))
_add(_V, "reject refuse decline rebuff spurn dismiss", _c("REJECT", "120"))
_add(_V, "veto", _c("REJECT", "129"))
_add(_V, "oppose", _c("REJECT", "120", None, 0.7))
_add(_V, "defy", _c("REJECT", "128", None, 0.8))
_add(_V, "deny", _c("REJECT", "120", None, 0.6))
_add(_V, "accuse blame", _c("ACCUSE", "112", "allege"))
_add(_V, "allege", _c("ACCUSE", "112", "allege", 0.8))
_add(_V, "commit", _c("AGREE", "030", None, 0.6))
_add(_V, "condemn denounce criticise criticize decry deplore censure rebuke castigate "
         "chastise slam blast lambast lambaste", _c("ACCUSE", "111", "disapprove"))
_add(_V, "indict charge", _c("ACCUSE", "1121", "allege", 0.7))
_add(_V, "sue", _c("ACCUSE", "115", "allege"))
_add(_V, "investigate probe", _c("ACCUSE", "090", "investigate", 0.7))
_add(_V, "complain", _c("ACCUSE", "114", "allege", 0.8))
_add(_V, "demand urge request plead implore exhort", _c("REQUEST", "100"))
_add(_V, "petition", _c("REQUEST", "100", None, 0.8))
_add(_V, "appeal", _c("REQUEST", "020", None, 0.8))
_add(_V, "ask", _c("REQUEST", "020", None, 0.6))
_add(_V, "press", _c("REQUEST", "100", None, 0.5))
_add(_V, "praise endorse welcome commend hail applaud laud congratulate thank salute", _c("SUPPORT", "051"))
_add(_V, "back support", _c("SUPPORT", "050", None, 0.6))
_add(_V, "defend", _c("SUPPORT", "052", None, 0.6))
_add(_V, "apologise apologize", _c("SUPPORT", "055"))
_add(_V, "forgive", _c("SUPPORT", "056"))
_add(_V, "recognise recognize", _c("SUPPORT", "054", None, 0.5))
_add(_V, "sign ratify", _c("SUPPORT", "057", None, 0.6))
_add(_V, "agree", _c("AGREE", "030"))
_add(_V, "promise pledge vow", _c("AGREE", "030", None, 0.8))
_add(_V, "offer", _c("AGREE", "030", None, 0.7))
_add(_V, "accept", _c("AGREE", "030", None, 0.6))
_add(_V, "meet", _c("CONSULT", "040"))
_add(_V, "negotiate", _c("CONSULT", "046"))
_add(_V, "mediate broker", _c("CONSULT", "045"))
_add(_V, "visit", _c("CONSULT", "042", "visit"))
_add(_V, "host", _c("CONSULT", "043", "host", 0.8))
_add(_V, "telephone phone", _c("CONSULT", "041", "phone"))
_add(_V, "discuss consult confer", _c("CONSULT", "040", None, 0.7))
_add(_V, "cooperate collaborate", _c("COOPERATE", "060"))
_add(_V, "acquire", _c("COOPERATE", "061", "economic", 0.5))
_add(_V, "aid assist help", _c("AID", "070", None, 0.6))
_add(_V, "donate", _c("AID", "070"))
_add(_V, "rescue airlift evacuate", _c("AID", "073", "humanitarian", 0.6))
_add(_V, "concede relent accede", _c("CONCEDE", "080"))
_add(_V, "ease", _c("CONCEDE", "081", None, 0.6))
_add(_V, "release free", _c("RETREAT", "0841", "release", 0.7))
_add(_V, "withdraw retreat", _c("RETREAT", "0872", "withdraw", 0.7))
_add(_V, "surrender disarm demobilize", _c("RETREAT", "0874", "disarm"))

VERBS = _V

# Verbs whose object says what the event is (``hold talks``, ``impose sanctions``):
# the object noun's code wins over the verb's own.
LIGHT_VERBS = _words(
    "hold stage launch carry conduct impose sign reach lodge file issue express voice make "
    "take give begin start continue resume announce order approve authorize authorise step "
    "intensify mount wage unleash open pursue seek provide grant send deliver extend declare "
    "establish hold break lift end suspend halt attend join organize organise lead chair convene "
    "host increase expand boost deepen strengthen escalate broaden enhance step")

# Objects that change the verb's meaning (``lift sanctions`` is not SANCTION).
VERB_OBJECT: dict[str, Code] = {}
for verb in ("lift", "ease", "end", "remove", "relax", "shorten", "scrap"):
    for obj in ("sanction", "embargo", "blockade", "siege"):
        VERB_OBJECT[f"{verb} {obj}"] = _c("RETREAT", "085", "ease")
    # PLOVER codes easing one's own restrictions (curfew, emergency rule, bans) as CONCEDE
    for obj in ("ban", "curfew", "restriction", "emergency", "state", "measure", "law", "rule"):
        VERB_OBJECT[f"{verb} {obj}"] = _c("CONCEDE", "081", None, 0.8)
for verb in ("impose", "slap", "tighten", "extend", "announce", "expand", "approve", "adopt"):
    for obj in ("sanction", "embargo"):
        VERB_OBJECT[f"{verb} {obj}"] = _c("SANCTION", "163", "restrict")
for obj in ("demand", "condition", "request", "term"):
    VERB_OBJECT[f"accept {obj}"] = _c("CONCEDE", "083", None, 0.8)
    VERB_OBJECT[f"meet {obj}"] = _c("CONCEDE", "083", None, 0.7)
for verb in ("suspend", "halt", "cut", "stop", "freeze", "end", "withdraw"):
    for obj in ("aid", "assistance", "tie", "relation", "talk", "negotiation", "funding", "cooperation", "loan"):
        VERB_OBJECT[f"{verb} {obj}"] = _c("SANCTION", "160", "withdraw")
for obj in ("troop", "force", "soldier"):
    VERB_OBJECT[f"withdraw {obj}"] = _c("RETREAT", "0872", "withdraw")
    VERB_OBJECT[f"pull {obj}"] = _c("RETREAT", "0872", "withdraw")
    VERB_OBJECT[f"send {obj}"] = _c("MOBILIZE", "154", "troops", 0.7)
    VERB_OBJECT[f"deploy {obj}"] = _c("MOBILIZE", "154", "troops")
for obj in ("aid", "assistance", "weapon", "arm", "food", "medicine", "supply", "loan", "grant", "fund"):
    for verb in ("send", "provide", "deliver", "give", "grant", "supply", "ship", "donate", "pledge"):
        VERB_OBJECT[f"{verb} {obj}"] = _c("AID", "070", None, 0.8)
VERB_OBJECT["grant asylum"] = _c("AID", "075", "asylum")
VERB_OBJECT["seek asylum"] = _c("REQUEST", "1033")
VERB_OBJECT["seek refuge"] = _c("REQUEST", "1033")
VERB_OBJECT["sign agreement"] = _c("SUPPORT", "057")
VERB_OBJECT["sign deal"] = _c("SUPPORT", "057")
VERB_OBJECT["sign treaty"] = _c("SUPPORT", "057")
VERB_OBJECT["sign accord"] = _c("SUPPORT", "057")
VERB_OBJECT["declare emergency"] = _c("COERCE", "1724", "martial-law")
VERB_OBJECT["declare ceasefire"] = _c("RETREAT", "0871", "ceasefire")
VERB_OBJECT["declare truce"] = _c("RETREAT", "0871", "ceasefire")
VERB_OBJECT["declare war"] = _c("THREATEN", "138", "violence")
VERB_OBJECT["break ceasefire"] = _c("ASSAULT", "196")
VERB_OBJECT["violate ceasefire"] = _c("ASSAULT", "196")
VERB_OBJECT["reach agreement"] = _c("AGREE", "030")
VERB_OBJECT["reach deal"] = _c("AGREE", "030")
VERB_OBJECT["reach consensus"] = _c("AGREE", "030")
VERB_OBJECT["close border"] = _c("COERCE", "191", "restrict", 0.7)
VERB_OBJECT["close embassy"] = _c("SANCTION", "161", "withdraw")
VERB_OBJECT["recall ambassador"] = _c("SANCTION", "161", "withdraw")
VERB_OBJECT["summon ambassador"] = _c("ACCUSE", "114", "allege")
VERB_OBJECT["ask resignation"] = _c("REQUEST", "1041", "change")
VERB_OBJECT["call election"] = _c("COOPERATE", "060", None, 0.3)
VERB_OBJECT["open fire"] = _c("ASSAULT", "193", "firearms")
VERB_OBJECT["set fire"] = _c("COERCE", "171", "destroy")
VERB_OBJECT["take hostage"] = _c("ASSAULT", "181", "abduct")
VERB_OBJECT["tender resignation"] = _c("CONCEDE", "0831")
VERB_OBJECT["strengthen force"] = _c("MOBILIZE", "154", "troops")
VERB_OBJECT["strengthen security"] = _c("MOBILIZE", "153", "police")
VERB_OBJECT["tighten security"] = _c("MOBILIZE", "153", "police")
VERB_OBJECT["issue warrant"] = _c("ACCUSE", "1121", "allege")
VERB_OBJECT["use gas"] = _c("ASSAULT", "175", "riot")

# Speech-act objects: ``expressed disappointment``, ``voiced appreciation``.
FEELING: dict[str, Code] = {}
_add(FEELING, "disappointment concern regret outrage anger dismay indignation displeasure "
              "frustration alarm condemnation criticism disapproval opposition objection "
              "protest", _c("ACCUSE", "012", "disapprove", 0.8))
_add(FEELING, "appreciation gratitude thanks support satisfaction admiration solidarity praise "
              "approval", _c("SUPPORT", "051", None, 0.8))
_add(FEELING, "hope optimism", _c("SUPPORT", "051", None, 0.4))
FEELING_VERBS = {"express", "voice", "convey", "offer", "extend", "register", "state", "show"}

# -- nouns (nominal events) ----------------------------------------------------------
_N: dict[str, Code] = {}
_add(_N, "attack assault raid offensive incursion ambush bombardment", _c("ASSAULT", "190"))
_add(_N, "strike airstrike air-strike", _c("ASSAULT", "195", "heavy-weapons", 0.7))
_add(_N, "bombing", _c("ASSAULT", "183", "explosives"))
_add(_N, "shelling", _c("ASSAULT", "194", "heavy-weapons"))
_add(_N, "gunfire", _c("ASSAULT", "193", "firearms", 0.7))
_add(_N, "shooting", _c("ASSAULT", "193", "firearms", 0.7))
_add(_N, "stabbing", _c("ASSAULT", "182", "beat"))
_add(_N, "killing murder massacre execution slaying", _c("ASSAULT", "1823"))
_add(_N, "assassination", _c("ASSAULT", "186", "assassinate"))
_add(_N, "invasion", _c("ASSAULT", "190", "territory"))
_add(_N, "torture", _c("ASSAULT", "1822", "torture", 0.6))
_add(_N, "war", _c("ASSAULT", "190", None, 0.4))
_add(_N, "crackdown", _c("ASSAULT", "175", None, 0.7))
_add(_N, "capture arrest detention imprisonment", _c("COERCE", "173", "arrest"))
_add(_N, "kidnapping abduction", _c("COERCE", "181", "detain"))
_add(_N, "seizure confiscation", _c("COERCE", "171", "seize", 0.7))
_add(_N, "deportation extradition", _c("COERCE", "174", "deport"))
_add(_N, "ban", _c("COERCE", "172", "ban", 0.6))
_add(_N, "blockade siege", _c("COERCE", "191", "restrict"))
_add(_N, "occupation annexation", _c("COERCE", "192", "seize", 0.6))
_add(_N, "curfew", _c("COERCE", "1723", "curfew", 0.5))
_add(_N, "sanction embargo", _c("SANCTION", "163", "restrict"))
_add(_N, "boycott", _c("SANCTION", "160", "boycott", 0.6))
_add(_N, "expulsion", _c("SANCTION", "166", "expel"))
_add(_N, "suspension severance", _c("SANCTION", "160", "withdraw", 0.5))
_add(_N, "mobilization mobilisation deployment buildup build-up", _c("MOBILIZE", "154", "troops", 0.7))
_add(_N, "protest demonstration rally riot march sit-in", _c("PROTEST", "141", "demo", 0.7))
_add(_N, "threat ultimatum", _c("THREATEN", "130", None, 0.6))
_add(_N, "warning", _c("THREATEN", "130", None, 0.5))
_add(_N, "rejection refusal", _c("REJECT", "120", None, 0.7))
_add(_N, "veto", _c("REJECT", "129", None, 0.7))
_add(_N, "accusation allegation", _c("ACCUSE", "112", "allege", 0.6))
_add(_N, "condemnation criticism denunciation", _c("ACCUSE", "111", "disapprove", 0.7))
_add(_N, "lawsuit", _c("ACCUSE", "115", "allege", 0.7))
_add(_N, "investigation probe inquiry", _c("ACCUSE", "090", "investigate", 0.5))
_add(_N, "indictment", _c("ACCUSE", "1121", "allege", 0.7))
_add(_N, "demand request appeal", _c("REQUEST", "100", None, 0.6))
_add(_N, "praise endorsement", _c("SUPPORT", "051", None, 0.6))
_add(_N, "apology", _c("SUPPORT", "055", None, 0.7))
_add(_N, "talk negotiation", _c("CONSULT", "046"))
_add(_N, "meeting summit", _c("CONSULT", "040"))
_add(_N, "visit", _c("CONSULT", "042", "visit"))
_add(_N, "mediation", _c("CONSULT", "045"))
_add(_N, "discussion conversation", _c("CONSULT", "040", None, 0.6))
_add(_N, "agreement deal accord treaty pact", _c("AGREE", "030", None, 0.5))
_add(_N, "cooperation collaboration partnership", _c("COOPERATE", "060", None, 0.6))
_add(_N, "aid assistance", _c("AID", "070", None, 0.5))
_add(_N, "ceasefire cease-fire truce", _c("RETREAT", "0871", "ceasefire", 0.6))
_add(_N, "withdrawal pullout", _c("RETREAT", "0872", "withdraw", 0.6))
_add(_N, "release", _c("RETREAT", "0841", "release", 0.5))
_add(_N, "concession", _c("CONCEDE", "080", None, 0.6))
NOUNS = _N

# Nouns whose ``of X`` names the one the act is done to (the killing of X);
# for the others ``of X`` is the doer (the withdrawal of US troops).
PATIENT_OF = {"attack", "assault", "killing", "murder", "massacre", "execution", "slaying",
              "assassination", "invasion", "capture", "arrest", "detention", "imprisonment",
              "kidnapping", "abduction", "seizure", "confiscation", "deportation", "extradition",
              "blockade", "siege", "occupation", "annexation", "bombing", "shelling", "torture",
              "release", "expulsion", "stabbing", "shooting", "condemnation", "criticism",
              "rejection", "praise", "endorsement", "ban", "bombardment"}

# Nouns that, as the subject or object of a failure or a call, are not events themselves.
NOUN_TYPE_ADJ_PROTEST = {"hunger", "general", "labour", "labor", "worker", "workers", "student", "nationwide"}

# -- the verbs that frame another verb (``agreed to``, ``plans to``) -------------------
FUTURE_FRAMES = {"plan", "intend", "expect", "aim", "schedule", "hope", "want", "wish", "seek",
                 "propose", "consider", "prepare", "set", "mean", "look", "contemplate", "weigh",
                 "need", "have", "be", "go", "ought", "desire", "would", "like"}
HEDGE_FRAMES = {"seem", "appear", "be likely", "could"}
NEG_FRAMES = {"fail", "refrain", "avoid", "cease", "stop", "neglect", "forget"}
PASS_FRAMES = {"begin", "start", "continue", "resume", "try", "attempt", "manage", "decide",
               "move", "proceed", "help", "keep", "go on", "vote", "act", "order", "use"}
SPEECH_VERBS = {"say", "announce", "declare", "confirm", "state", "tell", "add", "report",
                "insist", "claim", "write", "note", "explain", "stress", "reiterate", "indicate",
                "signal", "conclude", "quote", "argue", "suggest", "assert", "maintain"}

# Reporting cues that are not in VERBS but still speech acts when the content is loaded.
CLAIM_CUES = {"claim", "allege", "say", "tell", "write", "add", "state", "call", "argue", "insist"}


@lru_cache(maxsize=1)
def derived() -> dict:
    """The generated CAMEO-derived lexicon (verbs, verb+object pairs, agent nouns)."""
    try:
        raw = json.loads(DATA.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raw = {}
    verbs = {k: Code(v[0], v[1], v[2], 0.35) for k, v in (raw.get("verbs") or {}).items()}
    objs = {k: Code(v[0], v[1], v[2], 0.6) for k, v in (raw.get("verb_objects") or {}).items()}
    return {"verbs": verbs, "verb_objects": objs, "agents": dict(raw.get("agents") or {})}


# Broad CAMEO verbs that code far too much in news prose.
DERIVED_STOP = _words(
    "face want need push see find take get give make keep put set go come run call bring hold "
    "look show tell say add note report state claim describe hear know think believe feel "
    "remain stay become seem appear play use work live die fall rise lead head win lose move "
    "leave return change turn open close start end begin continue follow include involve "
    "allow let help try expect plan hope wish reach hit pass raise receive sit stand serve "
    "form build create develop produce provide offer send bear carry cover face fight press "
    "point mark base post place pose stage station position arrange situate pay deal join determine draft "
    "control reveal pass vote select elect hold publish release issue win fire drive assemble attend "
    "tender gather meet")


def verb_code(lemma: str) -> Code | None:
    c = VERBS.get(lemma)
    if c is not None:
        return c
    if lemma in DERIVED_STOP:
        return None
    return derived()["verbs"].get(lemma)


VERB_OBJECT_STOP = {"hold election", "call election", "issue release", "issue statement", "make statement",
                    "announce plan", "unveil plan", "pass bill", "pass law", "pass legislation",
                    "pass resolution", "pass measure", "announce initiative", "launch initiative", "announce decision", "announce intention", "make decision"}


def verb_object_code(verb: str, obj: str) -> Code | None:
    key = f"{verb} {obj}"
    if key in VERB_OBJECT_STOP:
        return None
    c = VERB_OBJECT.get(key)
    if c is not None:
        return c
    return derived()["verb_objects"].get(key)


def noun_code(lemma: str) -> Code | None:
    return NOUNS.get(lemma)


def agent_sector(noun: str) -> str | None:
    return derived()["agents"].get(noun)


# Generic agent heads that name an actor even without a proper name.
AGENT_NOUNS = _words(
    "government administration authorities authority police army military troops forces force "
    "soldiers rebels militants insurgents fighters protesters demonstrators activists officials "
    "official ministry ministers minister president leader leaders parliament court judge "
    "prosecutors prosecutor council cabinet regime opposition party coalition students workers "
    "union unions residents villagers refugees civilians settlers guerrillas gunmen attackers "
    "attacker militia militias junta embassy spokesman spokeswoman spokesperson envoy diplomats "
    "diplomat delegation navy airforce commander commanders governor mayor police-officers "
    "officers agency agencies company firm bank organization organisation group groups people "
    "voters supporters critics lawmakers legislators senators senate congress committee "
    "commission assembly suspects suspect victims victim prisoners detainees hostages powers entities "
    "entity companies businesses allies members countries nations states")
