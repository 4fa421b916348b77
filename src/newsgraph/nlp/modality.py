"""Is an action asserted as having happened? Negation, modality, conditionals, futures.

``verb_status(tok)`` and ``noun_status(tok)`` look only at the dependency parse around
the trigger (its auxiliaries, its negation, the verbs that frame it), so they cost a
few attribute reads per candidate.
"""
from __future__ import annotations

from spacy.tokens import Token

from newsgraph.nlp.plover import FUTURE_FRAMES, NEG_FRAMES

FUTURE_AUX = {"will", "shall", "'ll", "wo", "ll"}
HEDGE_AUX = {"might", "may", "could", "should", "must", "can", "ca", "would", "'d", "ought"}
HEDGE_ADV = {"allegedly", "reportedly", "possibly", "probably", "perhaps", "maybe", "likely",
             "apparently", "purportedly", "supposedly", "potentially", "presumably"}
COND_MARKS = {"if", "unless", "whether", "lest"}
NOUN_HEDGE_MODS = {"planned", "proposed", "possible", "potential", "future", "alleged", "expected",
                   "threatened", "would-be", "prospective", "upcoming", "suspected", "feared",
                   "rumoured", "rumored", "imminent", "likely", "hypothetical", "impending"}
NOUN_NEG_DETS = {"no"}
PLAN_NOUNS = {"plan", "proposal", "intention", "intent", "threat", "offer", "call", "demand", "request",
              "promise", "pledge", "vow", "option", "idea", "possibility", "readiness", "willingness",
              "scheme"}
NEG_WORDS = {"not", "n't", "never", "no"}
# Words of weighing options that "between" follows ("balancing between", "torn between")
WEIGHING = {"balance", "tear", "torn", "choose", "decide", "pick", "alternate", "waver", "oscillate",
            "divide", "split", "hesitate", "vacillate", "caught", "choice", "dilemma"}
# Verbs whose "that" clause in the base form asks for the act, not reports it ("demanding
# that the government resign", "recommended the troops withdraw": a mandative subjunctive)
MANDATIVE = {"demand", "recommend", "insist", "urge", "ask", "propose", "request", "suggest", "require",
             "order", "call", "beg", "plead", "petition"}


def _aux(tok: Token) -> list[str]:
    return [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in ("never", "no")) for c in tok.children)


def own_status(tok: Token) -> str | None:
    """What the verb's own auxiliaries and adverbs say: None when asserted."""
    if _negated(tok):
        return "negated"
    aux = _aux(tok)
    if any(a in FUTURE_AUX for a in aux):
        return "future"
    if any(a in HEDGE_AUX for a in aux):
        return "hedged"
    if any(c.dep_ == "advmod" and c.lower_ in HEDGE_ADV for c in tok.children):
        return "hedged"
    if any(c.dep_ == "mark" and c.lower_ in COND_MARKS for c in tok.children):
        return "hypothetical"
    # "is to step down", "is going to", "is about to"
    if tok.dep_ == "xcomp" and tok.head.lemma_ in ("be", "go") and any(
            c.dep_ in ("aux", "ROOT") for c in tok.children):
        return "future"
    return None


def requested(tok: Token) -> bool:
    """Is ``tok`` an act asked for rather than done: ``calls for Abbott to resign``, ``begging
    for Italy to withdraw`` (a for-to infinitive never asserts its act), ``called for the
    minister, Jane Doe, to resign`` (the same, with the infinitive hung on the name), or
    ``demanding that the government resign`` (a base-form clause of a demand)?"""
    kids = list(tok.children)
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in kids)
    if to and any(c.dep_ == "mark" and c.lower_ == "for" for c in kids):
        return True
    if to and tok.dep_ == "relcl" and tok.head.dep_ == "pobj" and tok.head.head.lower_ == "for":
        return True
    if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in MANDATIVE and not _aux(tok):
        subj = next((c for c in kids if c.dep_ == "nsubj"), None)
        return tok.tag_ == "VB" or tok.tag_ == "VBP" and subj is not None and subj.tag_ in ("NN", "NNP")
    return False


def verb_status(tok: Token, frames_consumed: bool = False) -> str | None:
    """None when ``tok`` states an action that happened; else why not."""
    st = own_status(tok)
    if st:
        return st
    if requested(tok):
        return "future"
    # Walk the framing verbs: "plans to attack", "did not agree to meet", "if they attack".
    cur = tok
    for _ in range(4):
        dep, head = cur.dep_, cur.head
        if head == cur:
            break
        if dep == "xcomp":
            if _negated(head):
                return "negated"  # "did not even want to discuss": negation outranks the frame
            if not frames_consumed or cur != tok:
                if head.lemma_ in NEG_FRAMES:
                    return "negated"
                if head.lemma_ in FUTURE_FRAMES:
                    return "future"
            hs = own_status(head)
            if hs:
                return hs
            cur = head
            continue
        if dep == "acl" and head.lemma_.lower() in PLAN_NOUNS:
            return "future"  # "a plan to increase sanctions", "calls to withdraw"
        if dep in ("advcl", "ccomp", "conj", "relcl", "acl", "pcomp"):
            if dep == "pcomp" and head.lower_ == "between" and cur.tag_ == "VBG" \
                    and head.head.lemma_.lower() in WEIGHING:
                # "is balancing between keeping the US on side and criticising Trump": the
                # acts weighed against each other are options, not acts done
                return "hypothetical"
            if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in COND_MARKS for c in cur.children):
                return "hypothetical"
            if dep == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
                # a purpose clause ("was to meet ... to discuss") is as real as its head
                hs = own_status(head)
                if hs:
                    return hs
                cur = head
                continue
            if dep == "conj":
                hs = own_status(head)
                # "X will meet and sign": the conjunct shares its head's auxiliaries.
                if hs and not _aux(cur):
                    return hs
                cur = head
                continue
            break
        break
    return None


def noun_status(tok: Token) -> str | None:
    """For a nominal event: ``no talks``, ``planned attack``, ``possible strike``."""
    for c in tok.children:
        if c.dep_ == "det" and c.lower_ in NOUN_NEG_DETS:
            return "negated"
        if c.dep_ in ("amod", "compound") and c.lower_ in NOUN_HEDGE_MODS:
            return "hedged" if c.lower_ in ("possible", "potential", "alleged", "suspected", "likely") else "future"
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "without":
        return "negated"
    return None


ADVERBIAL_MARKS = frozenset(("when", "if", "after", "once", "while", "before", "until", "unless"))


def reduced_passive(verb: Token) -> bool:
    """A participle with no subject or auxiliary of its own, read as a passive on the noun
    or clause it leans on: ``Asked whether he would resign, X said``, ``X, when asked
    about it, said``, ``the minister, questioned by MPs, said``. The parser reads an
    active verb after its subject (``The partner asked for …``) as such a participle
    too (acl, relcl), so there a comma before it or a ``when`` / ``if`` on it is required."""
    if verb.tag_ not in ("VBN", "VBD") or verb.dep_ not in ("advcl", "relcl", "acl"):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "csubj") for c in verb.children):
        return False
    if verb.dep_ == "advcl":
        return True
    left = verb.left_edge.i
    marked = any(c.dep_ in ("advmod", "mark") and c.lower_ in ADVERBIAL_MARKS for c in verb.children)
    return marked or (left > 0 and verb.doc[left - 1].text == ",")
