"""Event readings that need more than a verb's lexicon entry: the object received
(``received a prison sentence``, ``drew criticism from X``), a party labelled (``called X
a liar``), the act an into-phrase names (``entered into an agreement``), particle,
verdict and preposition readings (``called on``, ``pleaded guilty``, ``voted against``),
statements of intent (``said it would``), accusations that ground an arrest, and requests
named by a noun (``at the request of X``). ``EventTriggers`` asks these before and beside
its lexicon readings; the word lists are in ``data/plover_lexicon.json``.
"""
from __future__ import annotations

from spacy.tokens import Token

from newsgraph.model import Actor
from newsgraph.nlp.event_candidate import Cand
from newsgraph.nlp.event_completion import PartyCompletion
from newsgraph.nlp.event_noun_codes import grounded_act, noun_event_code
from newsgraph.nlp.event_readings import phrasal, verdict
from newsgraph.nlp.event_words import CROWD
from newsgraph.nlp.lexicon import Lexicon
from newsgraph.nlp.modality import verb_status
from newsgraph.nlp.plover import CONFLICTUAL, COOPERATIVE, SPEECH_VERBS, Code, verb_object_code
from newsgraph.nlp.tone import text_score

_PLOVER = Lexicon("plover_lexicon.json")  # read once for all the tables below
INTO_VERBS = _PLOVER.words("into_verbs")  # "entered into an agreement"
INTO_TYPES = ("AGREE", "CONSULT", "COOPERATE")
RECIPIENT_VERBS = _PLOVER.words("recipient_verbs")  # "received a prison sentence"
CHARACTERISE_VERBS = _PLOVER.words("characterise_verbs")  # "called X a fraud"
RESTRAINT_VERBS = _PLOVER.words("restraint_verbs")  # "prevented X from leaving"
VERBAL_ATTACK_VERBS = frozenset(_PLOVER["verbal_attack"]["verbs"])  # "attacked the plan"
VERBAL_ATTACK_OBJECTS = _PLOVER.words("verbal_attack")
RAID_VERBS = frozenset(_PLOVER["law_enforcement"]["verbs"])  # "police raided the house"
LAW_ENFORCEMENT = _PLOVER.words("law_enforcement")
ISSUE_PREPS = ("on", "over", "for")  # "attacked Trump on his taxes": the issue, not a place
PLACE_NOUNS = frozenset(("road", "street", "highway", "border", "base", "village", "town", "city", "ground",
                         "way", "side", "front", "territory", "outskirts", "area", "night", "day", "morning"))
RECIPIENT_PROSPECTS: dict[str, list[str]] = _PLOVER["recipient_verbs"]["prospects"]
RECIPIENT_OBJECTS: dict[str, Code] = {
    w: Code(e["type"], e.get("cameo"), e.get("mode"), float(e.get("strength", 0.8)))
    for e in _PLOVER["recipient_objects"]["entries"] for w in e["words"]}
# How loaded a label must be (nlp/tone.py's score, -1..1) for the labelling to be an act:
# "a fraud", "terrorists", "a disaster" score about -0.6, "a hero" +0.56, "a day" 0.
LABEL_TONE = 0.4
PERSON_PRONOUNS = ("him", "her", "them", "us", "me")  # "released him on bail": a person, whoever
THING_PRONOUNS = ("it", "this", "that", "which", "what")  # the label's object is a thing, not a party
DOER_PREPS = ("from", "by")  # "drew criticism from X", "suffered an attack by X"


class SpecialReadings(PartyCompletion):
    """The readings above, as methods of the event extractor (they add ``Cand``s and read
    parties through ``EventRoles``)."""

    def received(self, v: Token, lemma: str, obj: Token) -> bool:
        """``received a prison sentence``, ``faced charges``, ``drew criticism from X``: the
        act is the object noun's (``recipient_verbs``), done to the verb's subject by whoever
        a from- or by-phrase names; coded as a nominal event at the noun, so that a justice
        act with no doer named takes the article's court or police (``implied_doer``)."""
        if lemma not in RECIPIENT_VERBS or verb_object_code(lemma, obj.lemma_.lower()) is not None:
            return False
        code = noun_event_code(obj) or RECIPIENT_OBJECTS.get(obj.lemma_.lower())
        if code is None:
            return False
        doers = [p for h in (v, obj) for c in h.children if c.dep_ in ("prep", "agent") and c.lower_ in DOER_PREPS
                 for p in c.children if p.dep_ == "pobj"]
        src, st = self.parties(doers)
        nsrc, _, ntoks = self.noun_parties(obj, code)
        src = src or nsrc
        tgt, tt = self.parties(self.subjects(v))
        tgt = [a for a in tgt if a not in src]
        status = verb_status(v)
        if status is None and code.type in RECIPIENT_PROSPECTS.get(lemma, ()):
            status = "future"  # "faces a life sentence": not passed yet
        self.consumed.add(obj.i)
        self.cands.append(Cand(obj, code, src, tgt, [v, obj] + st + tt + ntoks, status, nominal=True))
        return True

    def labelled(self, v: Token, lemma: str) -> Code | None:
        """``called X a fraud``, ``labelled X as terrorists``, ``branded the minister a
        liar``: the label's tone makes the labelling of a party an accusation or praise; a
        neutral label (``named X as coach``) is no act."""
        objs = [c for c in v.children if c.dep_ == "dobj"]
        if lemma not in CHARACTERISE_VERBS or not objs or objs[0].lower_ in THING_PRONOUNS \
                or not self.actors_of(objs[0], deep=False)[0]:
            return None  # labelling a plan or an event ("called it a disaster") accuses no one named
        labels = [c for c in v.children if c.dep_ in ("oprd", "xcomp", "acomp")]
        labels += [p for c in v.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children
                   if p.dep_ in ("pobj", "pcomp", "acomp")]
        if len(objs) > 1:
            labels.append(objs[-1])  # "branded the minister a liar": the second object is the label
        for lab in labels:
            tone = text_score(" ".join(t.text for t in lab.subtree))
            if tone <= -LABEL_TONE:
                return Code("ACCUSE", "111", "disapprove", 0.8)
            if tone >= LABEL_TONE:
                return Code("SUPPORT", "051", None, 0.8)
        return None

    def with_outlet(self, v: Token) -> bool:
        """Does the verb's subject, object or prepositional phrase name the outlet that
        publishes the article?"""
        outlet = self.article.metadata.outlet or ""
        if not outlet:
            return False
        # the verb's object or prepositional phrases ("told X", "spoke with X", "in an
        # interview with X"), not a byline run into a caption; as written: "Express" the
        # paper, not "to express"
        last = outlet.split()[-1]
        frontier = [c for c in v.children if c.dep_ in ("dobj", "dative", "prep", "nsubj")]
        for _ in range(4):
            if any(t.text == last and t.pos_ == "PROPN" for t in frontier):
                return True
            frontier = [c for t in frontier for c in t.children if c.dep_ in ("pobj", "prep", "compound")]
        return False

    def into_act(self, v: Token, lemma: str) -> Token | None:
        """``entered into an agreement with X``: the act noun the verb's into-phrase names."""
        if lemma not in INTO_VERBS:
            return None
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ == "into":
                for p in c.children:
                    nc = noun_event_code(p) if p.dep_ == "pobj" else None
                    if nc is not None and nc.type in INTO_TYPES:
                        return p
        return None

    def special(self, v: Token, lemma: str) -> Code | None:
        got = phrasal(v, lemma)
        if got is not None:
            return got
        ver = verdict(v, lemma)
        if ver is not None:
            if not hasattr(self, "_verdict_on"):
                self._verdict_on: dict[int, list[Token]] = {}
            self._verdict_on[v.i] = ver[1]  # who the verdict falls on: the act's target
            return ver[0]
        # "called X a liar on Tuesday": a date's preposition is no "called on"
        preps = {c.lower_ for c in v.children if c.dep_ in ("prep", "prt") and not any(
            p.dep_ == "pobj" and p.ent_type_ in ("DATE", "TIME") for p in c.children)}
        if lemma == "call" and (preps & {"on", "upon"} or ("for" in preps and not any(
                c.dep_ in ("dobj", "oprd") for c in v.children))):
            return Code("REQUEST", "020", None, 0.8)
        if lemma in ("talk", "speak") and "with" in preps:
            return Code("CONSULT", "040", None, 0.8)
        if lemma == "fire" and preps & {"on", "at", "upon"}:
            return Code("ASSAULT", "190", None, 0.8)
        if lemma == "strike":
            subj = self.subjects(v)
            if subj and subj[0].lemma_.lower() in CROWD:
                return Code("PROTEST", "143", "boycott", 0.8)
            if any(c.dep_ == "dobj" and c.lemma_.lower() in ("deal", "agreement", "accord") for c in v.children):
                return Code("AGREE", "030", None, 0.8)
        if lemma == "warn" and preps & {"of", "about", "against"} and not any(
                c.dep_ in ("dobj", "ccomp") for c in v.children):
            return Code("THREATEN", "130", None, 0.2)  # "warned of floods": a caution, not a threat
        if lemma == "plead" and not preps & {"with", "for"}:
            guilty = [c for c in v.children if c.lower_ == "guilty"]
            if guilty and not any(c.dep_ == "neg" or c.lower_ == "not" for t in (v, guilty[0]) for c in t.children):
                return Code("CONCEDE", "080", None, 0.8)  # "pleaded guilty": admits (guideline B1)
            if guilty:
                return Code("REJECT", "120", None, 0.8)  # "pleaded not guilty": denies the charge (D7)
            return Code("REQUEST", "020", None, 0.2)  # "pleaded ignorance"
        if lemma in RESTRAINT_VERBS and "from" in preps and any(c.dep_ in ("dobj", "nsubjpass") for c in v.children):
            return Code("COERCE", "172", "restrict", 0.75)  # "prevented users from sharing" (restraint_verbs)
        if lemma == "rule" and "against" in preps:
            return Code("REJECT", "120", None, 0.8)  # a court striking down an act (guideline B2)
        if lemma == "vote" and preps & {"against", "down"}:  # a bill voted down (D18)
            return Code("REJECT", "120", None, 0.85)
        if lemma == "encourage" and self.frame_target(v) is not None:
            return Code("REQUEST", "020", None, 0.75)
        if lemma in ("join", "enter") and "talks" in {c.lower_ for c in v.children if c.dep_ == "dobj"}:
            return Code("CONSULT", "046", None, 0.8)
        return self.labelled(v, lemma)

    def verbal_attack(self, v: Token) -> bool:
        """``attacked the Labor party's stance``, ``attacked Trump on his taxes``, ``attacked
        the Act, saying it was provocative``: an attack in words (``verbal_attack``), ACCUSE,
        not ASSAULT. A place, a date or a target of force in the on-phrase (``attacked the
        convoy on the highway``) keeps it an assault."""
        for c in v.children:
            if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in VERBAL_ATTACK_OBJECTS:
                return True
            if c.dep_ == "prep" and c.lower_ in ISSUE_PREPS and any(
                    p.dep_ in ("pobj", "pcomp") and p.ent_type_ not in ("GPE", "LOC", "FAC", "DATE", "TIME")
                    and (p.pos_ in ("NOUN", "VERB") and p.lemma_.lower() not in PLACE_NOUNS) for p in c.children):
                return any(o.dep_ == "dobj" and (o.ent_type_ in ("PERSON", "ORG", "NORP") or o.pos_ == "PROPN")
                           for o in v.children)
            if c.dep_ == "advcl" and c.tag_ == "VBG" and c.lemma_.lower() in SPEECH_VERBS:
                return True  # "attacked the Act, saying ..."
        return False

    def police_doer(self, v: Token) -> bool:
        """Is the one who raids (the subject, or a passive's ``by`` agent) the police, a
        security or intelligence service (``law_enforcement``)?"""
        doers = [c for c in v.children if c.dep_ == "nsubj"] + [
            p for c in v.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if v.dep_ in ("conj", "xcomp") and not doers:
            doers = [c for c in v.head.children if c.dep_ == "nsubj"]
        return any(t.lemma_.lower() in LAW_ENFORCEMENT or t.lower_ in LAW_ENFORCEMENT
                   for d in doers for t in d.subtree if t.i <= d.i)

    def intent(self, v: Token, code: Code) -> tuple[Code, Token] | None:
        """A future act stated by its actor is an expression of intent (CAMEO 03/13):
        ``said it would release`` is CONCEDE (an announced retreat, D18), ``said it would
        cooperate`` AGREE, ``said it would blockade`` THREATEN,
        ``said it would not accept`` REJECT, ``said X must leave`` REQUEST."""
        aux = {c.lower_ for c in v.children if c.dep_ == "aux"}
        negated = any(c.dep_ == "neg" for c in v.children)
        h = v
        speaker = None
        for _ in range(3):
            if h.dep_ in ("ccomp", "conj", "xcomp") and h.head != h:
                h = h.head
                if h.lemma_.lower() in SPEECH_VERBS or h.lemma_.lower() in ("vow", "pledge", "promise", "warn"):
                    speaker = h
                    break
            else:
                break
        if speaker is None or verb_status(speaker) is not None:
            return None
        s = code.strength * 0.8
        if aux & {"must", "should"}:
            return Code("REQUEST", "100", None, s), speaker
        if not aux & {"will", "would", "'ll", "wo", "shall"}:
            return None
        if code.type in CONFLICTUAL:
            return Code("THREATEN", "130", code.mode, s), speaker
        if code.type in COOPERATIVE:
            if negated:
                return Code("REJECT", "120", None, s), speaker
            if code.type == "RETREAT":
                # "announced it will withdraw its troops": an announced retreat is a
                # concession (guideline D18, after PLOVER); its doer is the retreat's
                # subject, which "X said it will …" makes the announcer itself
                return Code("CONCEDE", "080", None, s), speaker
            return Code("AGREE", "030", code.mode, s), speaker
        return None

    def grounds_parties(self, n: Token, code: Code) -> tuple[list[Actor], list[Actor], list[Token]]:
        """An accusation that names no party itself but is the grounds of an arrest or a
        sentence (``X was arrested on charges of fraud``): its recipient is who was arrested,
        its doer whoever arrested (else the article's police or prosecutors, ``implied_doer``)."""
        gov = grounded_act(n) if code.type == "ACCUSE" else None
        if gov is None:
            return [], [], []
        if self.passive(gov):
            patients = [c for c in gov.children if c.dep_ == "nsubjpass"]
            doers = [p for c in gov.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        else:
            patients = [c for c in gov.children if c.dep_ == "dobj"]
            doers = self.subjects(gov)
        tgt, tt = self.parties(patients)
        src, st = self.parties(doers)
        return src, [a for a in tgt if a not in src], st + tt

    def request_of(self, n: Token) -> bool:
        """``did so at the request of X``: X asked the doer of the governing verb."""
        if n.lemma_.lower() not in ("request", "behest", "urging", "invitation", "demand") or n.dep_ != "pobj":
            return False
        if n.head.lower_ not in ("at", "upon", "on") or n.head.head.pos_ not in ("VERB", "AUX"):
            return False
        asker = [p for c in n.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
        asker += [c for c in n.children if c.dep_ == "poss"]
        src, st = self.parties(asker)
        if not src:
            return False
        gov = n.head.head
        objs = [c for c in gov.children if c.dep_ in ("nsubj",)] or [c for c in gov.children if c.dep_ == "dobj"]
        if self.passive(gov):
            objs = [p for c in gov.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"] or objs
        tgt, tt = self._collect(objs, src)
        code = Code("REQUEST", "100" if n.lemma_.lower() != "invitation" else "040", None, 0.75)
        self.cands.append(Cand(n, code, src, tgt, [n.head, n] + st + tt, verb_status(gov), nominal=True))
        return True

    def frame_target(self, v: Token) -> Token | None:
        for c in v.children:
            if c.dep_ == "xcomp" and c.pos_ == "VERB":
                return c
            if c.dep_ == "prep" and c.lower_ == "to" and v.lemma_.lower() in ("commit", "agree", "object"):
                for p in c.children:  # "committed to sending", "agreed to the release"
                    if p.dep_ == "pcomp" and p.pos_ == "VERB":
                        return p
        return None
