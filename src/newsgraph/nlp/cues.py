"""Reporting cues: the verbs, nouns and phrases that mark a statement.

The lexicon follows the reporting-verb classes of the attribution literature
(PARC/PolNeAR, Levin's "verbs of communication", Bergler's reporting verbs):
neutral saying, assertion, argument, admission and denial, announcement,
requests and demands, promises and threats, evaluation (praise, blame), writing
and publishing, and reported beliefs and intentions. The sets hold lemmas so one
lookup per token classifies it.
"""
from __future__ import annotations

# Verbs whose clausal complement (ccomp / parataxis) is the reported content.
SAY_VERBS = frozenset((
    "say", "tell", "add", "continue", "write", "state", "claim", "announce", "report", "note",
    "explain", "argue", "insist", "assert", "declare", "deny", "admit", "acknowledge", "confirm",
    "reveal", "suggest", "indicate", "estimate", "warn", "predict", "promise", "pledge", "vow",
    "threaten", "stress", "emphasize", "emphasise", "reiterate", "repeat", "observe", "comment",
    "remark", "reply", "respond", "answer", "tweet", "post", "describe", "allege", "complain",
    "concede", "conclude", "contend", "maintain", "mention", "recall", "testify", "inform",
    "advise", "caution", "disclose", "counter", "retort", "joke", "boast", "lament", "assure",
    "guarantee", "signal", "hint", "imply", "speculate", "forecast", "project", "affirm",
    "proclaim", "agree", "disagree", "clarify", "specify", "recount", "relate", "reason", "charge",
    "accuse", "blame", "question", "wonder", "ask", "demand", "urge", "propose", "recommend",
    "order", "instruct", "point", "publish", "blog", "express", "voice", "rule", "decide",
))

# Manner-of-speaking verbs: cues for a quotation next to them, never for a clause.
DIRECT_ONLY = frozenset((
    "shout", "cry", "scream", "whisper", "exclaim", "laugh", "sigh", "snap", "chant", "sing",
    "yell", "mutter", "quip",
))

# Adverbs that mark a report with no source named: "Reportedly, ...".
REPORT_ADVERBS = frozenset((
    "reportedly", "allegedly", "purportedly", "supposedly",
))

# Reported beliefs and intentions that count as a source's position.
BELIEF_VERBS = frozenset((
    "believe", "think", "fear", "hope", "expect", "feel", "suspect", "doubt", "worry", "reckon",
    "assume", "consider",
))

# Verbs whose direct object (or object + infinitive) is the reported content:
# "confirmed his identity", "expressed deep disappointment", "urged X to ...".
OBJECT_VERBS = frozenset((
    "announce", "confirm", "deny", "acknowledge", "express", "voice", "claim", "stress",
    "reiterate", "cite", "reveal", "report", "propose", "demand", "promise", "pledge", "reject",
    "condemn", "denounce", "praise", "welcome", "criticize", "criticise", "urge", "ask", "predict",
    "estimate", "warn", "suggest", "indicate", "note", "describe", "dismiss", "allege", "admit",
    "concede", "accuse", "blame", "request", "recommend", "call", "dispute", "question", "defend",
    "endorse", "hail", "applaud", "slam", "blast", "disclose", "repeat", "vow", "threaten",
    "mention",
))

# Verbs that report an intention with a to-infinitive: "vowed to", "threatened to".
XCOMP_VERBS = frozenset((
    "promise", "pledge", "vow", "threaten", "refuse", "decline", "agree", "offer", "urge", "ask",
    "call", "tell", "order", "instruct", "advise", "encourage", "warn", "demand", "propose",
    "suggest", "recommend", "advocate",
))

# Verbs of documents and studies ("the poll shows", "the report found"): cues only
# when their subject is such a document.
DOC_VERBS = frozenset((
    "show", "find", "conclude", "suggest", "indicate", "reveal", "estimate", "say", "state",
    "note",
))
DOC_NOUNS = frozenset((
    "study", "poll", "survey", "report", "data", "analysis", "research", "investigation", "review",
    "audit", "record", "document", "transcript", "statement", "release", "memo", "letter",
    "figure", "estimate", "assessment",
))

# Nouns that carry a statement: "in a statement", "issued a statement:",
# "made the following announcement:".
SPEECH_NOUNS = frozenset((
    "statement", "announcement", "tweet", "post", "message", "letter", "interview", "remark",
    "remarks", "speech", "comment", "comments", "press", "release", "communique", "communiqué",
    "note", "op-ed", "editorial", "column",
))

# Nouns whose that-clause is the content: "issued a statement that ...",
# "his claim that ...", "a warning that ...".
CONTENT_NOUNS = frozenset((
    "statement", "announcement", "claim", "assertion", "allegation", "warning", "promise",
    "pledge", "assurance", "insistence", "admission", "denial", "argument", "suggestion",
    "confirmation", "message", "report", "finding", "conclusion", "belief", "fear", "concern",
    "view", "accusation", "charge", "threat", "vow", "demand",
))

# Participles/adjectives and verbs that introduce a title presented as a message.
TITLE_CUES = frozenset((
    "title", "headline", "entitle", "caption",
))

# Pronouns that, as a speaker, refer back to an actor.
PERSONAL = frozenset((
    "he", "she", "him", "her", "his", "hers",
))
PLURAL = frozenset((
    "they", "them", "their", "theirs",
))
NEUTER = frozenset((
    "it", "its",
))
FIRST = frozenset((
    "i", "me", "my", "we", "us", "our", "you", "your",
))
RELATIVE = frozenset((
    "who", "which", "that", "whom", "whose",
))

# Subjects that are never sources ("it was reported", "there are claims").
NON_SOURCES = frozenset((
    "it", "there", "this", "that", "what", "which", "these", "those", "something", "nothing",
))

# Heads that make a common noun phrase an unnamed source.
UNNAMED_HEADS = frozenset((
    "official", "officials", "source", "sources", "analyst", "analysts", "expert", "experts",
    "observer", "observers", "diplomat", "diplomats", "spokesman", "spokeswoman", "spokesperson",
    "witness", "witnesses", "eyewitness", "eyewitnesses", "resident", "residents", "critic",
    "critics", "activist", "activists", "lawyer", "lawyers", "aide", "aides", "adviser",
    "advisers", "advisor", "advisors", "insider", "insiders", "report", "reports", "police",
    "authority", "authorities", "investigator", "investigators", "prosecutor", "prosecutors",
    "researcher", "researchers", "scientist", "scientists", "doctor", "doctors", "people",
    "person", "voter", "voters", "worker", "workers", "member", "members", "leader", "leaders",
    "supporter", "supporters", "opponent", "opponents", "commentator", "commentators", "economist",
    "economists", "media", "agency", "agencies", "government", "ministry", "department", "office",
    "officer", "officers", "statement", "study", "poll", "survey",
))
