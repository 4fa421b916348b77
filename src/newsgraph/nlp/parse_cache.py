"""spaCy's parses kept on disk, for runs that extract the same articles again and again.

``make train`` extracts the annotated train split many times: the event type, party and
statement-act models each record the pipeline's candidates over it, and the confidence
model's out-of-fold pass retrains and extracts each fold again. The articles do not change
between these runs and spaCy's components take most of an extraction's CPU (``make
bench``), so the first run keeps each article's parse and the later runs read it back and
run only newsgraph's stages.

The cache is off unless ``NEWSGRAPH_PARSE_CACHE`` names a directory; ``make train`` makes
a new one for each run and removes it at the end, so that a parse is never read by code
that parses differently (a changed model, spaCy, or ``parse_speedups``). Entries are
keyed besides by the model's name and version and spaCy's version, and written by rename,
so two processes may share a directory. A Doc read back is the one stored: every token's
text, tag, part of speech, morphology, lemma, head, dependency, sentence start and entity
(``Doc.to_bytes``); the stages read nothing else (tests/test_parse_cache.py compares the
extraction records).
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

ENV = "NEWSGRAPH_PARSE_CACHE"
# the stages' own extension attributes live in user_data; they are set per article, after
# the parse, and are not the parse's to keep
_EXCLUDE = ["user_data", "tensor"]


class ParseCache:
    """Parses on disk under ``root``, one file per (model, spaCy version, text)."""

    def __init__(self, root: str | os.PathLike[str], nlp: Language) -> None:
        self.root = Path(root)
        self.nlp = nlp
        meta = nlp.meta
        self._salt = f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}/spacy-{spacy.__version__}\0"

    def _path(self, text: str) -> Path:
        key = hashlib.sha256((self._salt + text).encode("utf-8")).hexdigest()
        return self.root / key[:2] / f"{key}.doc"

    def get(self, text: str) -> Doc | None:
        try:
            data = self._path(text).read_bytes()
        except FileNotFoundError:
            return None
        return Doc(self.nlp.vocab).from_bytes(data, exclude=_EXCLUDE)

    def put(self, text: str, doc: Doc) -> None:
        path = self._path(text)
        path.parent.mkdir(parents=True, exist_ok=True)
        # write aside, then rename: a reader never sees half a file
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(doc.to_bytes(exclude=_EXCLUDE))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def from_env(nlp: Language) -> ParseCache | None:
    """The cache ``NEWSGRAPH_PARSE_CACHE`` names, or None (the default: no cache)."""
    root = os.environ.get(ENV)
    return ParseCache(root, nlp) if root else None
