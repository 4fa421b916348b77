"""Turn what the user names (files, directories, globs, ``-`` for stdin) into a stream
of Articles, with one InputError per input that cannot be read. Nothing is read that
the user did not name: no field of a record is ever opened as a path."""
from __future__ import annotations

import glob
import gzip
import io
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from newsgraph.errors import InputError
from newsgraph.ingest.common import decode, within_budget
from newsgraph.ingest.html import read_html
from newsgraph.ingest.jsonl import read_jsonl_lines
from newsgraph.ingest.text import read_text
from newsgraph.model import Article
from newsgraph.settings import Settings, get_settings

TEXT_EXT = {".txt", ".text", ".md"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson", ".json"}
Item = Article | InputError
_DOC_FILE = re.compile(r"^(?:readme|license|licence|notice|copying|attribution)(?:\.\w+)?$", re.IGNORECASE)


def expand(paths: Iterable[str]) -> Iterator[str | InputError]:
    """Files in the order named; directories walked in sorted order; globs expanded."""
    for p in paths:
        if p == "-":
            yield p
            continue
        if any(ch in p for ch in "*?[") and not os.path.exists(p):
            hits = sorted(glob.glob(p, recursive=True))
            if not hits:
                yield InputError(p, "no file matches this pattern")
            for h in hits:
                yield from expand([h])
            continue
        path = Path(p)
        if path.is_dir():
            yield from walk(path)
        elif path.is_file():
            yield str(path)
        elif path.is_symlink():
            yield InputError(p, "a symbolic link that leads nowhere (its target is missing, or it is a loop)")
        elif path.exists():
            yield InputError(p, "not a regular file")
        else:
            yield InputError(p, "no such file or directory")


def _dir_key(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_dev, st.st_ino


def walk(top: Path) -> Iterator[str | InputError]:
    """The files under ``top``: each folder's files in sorted order, then its sub-folders,
    as ``os.walk`` gives them. Hidden names and README/licence files are skipped; every
    other thing that is not read gets an error, never silence: a symbolic link to a
    folder is followed unless it leads back to a folder already read (a loop, say),
    and a folder that cannot be listed is reported."""
    seen = {_dir_key(top): top}
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield InputError(str(folder), f"cannot read this folder: {exc.strerror or exc}")
            continue
        subdirs: list[Path] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            full = Path(folder) / entry.name
            if _is_dir(entry):
                item = _folder(full, seen)
                if isinstance(item, InputError):
                    yield item
                else:
                    subdirs.append(item)
            elif _DOC_FILE.match(entry.name):
                continue  # a folder of articles often carries its README or licence: not articles
            else:
                yield _file(full)
        stack.extend(reversed(subdirs))


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """A folder, or a link to one (followed); a link to itself is not (ELOOP: it leads nowhere)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _folder(full: Path, seen: dict[tuple[int, int], Path]) -> Path | InputError:
    """A sub-folder to walk, or why not: each folder is read once, however many links lead to it."""
    try:
        key = _dir_key(full)
    except OSError as exc:
        return InputError(str(full), f"cannot read this folder: {exc.strerror or exc}")
    first = seen.get(key)
    if first is None:
        seen[key] = full
        return full
    if full.parts[:len(first.parts)] == first.parts:  # Path(".").parts is (): the root of all
        return InputError(str(full), f"a symbolic link loop: it leads back to {first}, which holds it; "
                                     "not followed")
    return InputError(str(full), f"the same folder as {first}, already read; skipped")


def _file(full: Path) -> str | InputError:
    # A FIFO or a device would block or never end: refuse it, don't open it.
    if full.is_file():
        return str(full)
    if full.is_symlink() and not full.exists():
        return InputError(str(full), "a symbolic link that leads nowhere (its target is missing, or it is a loop)")
    return InputError(str(full), "not a regular file")


def _format_of(name: str, head: bytes) -> str:
    base = name.removesuffix(".gz")
    ext = Path(base).suffix.lower()
    if ext in JSONL_EXT:
        return "jsonl"
    if ext in HTML_EXT:
        return "html"
    if ext in TEXT_EXT:
        return "text"
    sniff = head.lstrip()[:200].lower()
    if sniff.startswith(b"{"):
        return "jsonl"
    if sniff.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head[:4096].lower():
        return "html"
    return "text"


def _open(path: str) -> BinaryIO:
    if path.endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def read_stream(stream: BinaryIO, name: str, settings: Settings, path: str | None = None) -> Iterator[Item]:
    """Read one already-open input; JSONL is streamed line by line."""
    try:
        head = stream.peek(4096)[:4096] if hasattr(stream, "peek") else b""
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield InputError(name, f"cannot read: {exc}")
        return
    fmt = _format_of(name, head)
    if fmt == "jsonl":
        empty = True
        for item in read_jsonl_lines(_bounded_lines(stream, name, settings), name, settings, path):
            empty = False
            yield item
        if empty:  # only blank lines: bad input, as an empty file is in every other format
            yield InputError(name, "empty input (no JSON record in it)")
        return
    try:
        data = stream.read(settings.max_file_bytes + 1)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield InputError(name, f"cannot read: {exc}")
        return
    if len(data) > settings.max_file_bytes:
        yield InputError(name, f"file is over the size limit of {settings.max_file_bytes:,} bytes "
                               "(NEWSGRAPH_MAX_FILE_BYTES)")
        return
    reader = read_html if fmt == "html" else read_text
    try:
        yield within_budget(lambda: reader(decode(data, name), name, settings, path=path), name, settings)
    except InputError as err:
        yield err


def _bounded_lines(stream: BinaryIO, name: str, settings: Settings) -> Iterator[bytes]:
    """Lines of a stream, each cut at the size limit so one huge line cannot exhaust memory."""
    limit = settings.max_file_bytes
    while True:
        try:
            line = stream.readline(limit + 1)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise InputError(name, f"cannot read: {exc}") from None
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            # Skip the rest of the over-long line.
            while True:
                more = stream.readline(1 << 20)
                if not more or more.endswith(b"\n"):
                    break
        yield line


def read_inputs(paths: Iterable[str], settings: Settings | None = None) -> Iterator[Item]:
    """Every article from every named input, with an InputError for each failure."""
    settings = settings or get_settings()
    for p in expand(paths):
        if isinstance(p, InputError):
            yield p
            continue
        if p == "-":
            yield from guard_reader(read_stream(io.BufferedReader(sys.stdin.buffer), "<stdin>", settings), "<stdin>")
            continue
        try:
            size = os.path.getsize(p)
            f = _open(p)
        except OSError as exc:
            yield InputError(p, f"cannot open: {exc.strerror or exc}")
            continue
        if not p.endswith(".gz") and size > settings.max_file_bytes and _format_of(p, b"") != "jsonl":
            f.close()
            yield InputError(p, f"file is {size:,} bytes, over the size limit of {settings.max_file_bytes:,} "
                                "(NEWSGRAPH_MAX_FILE_BYTES)")
            continue
        with f:
            yield from guard_reader(read_stream(f, p, settings, path=p), p)


def guard_reader(items: Iterator[Item], name: str) -> Iterator[Item]:
    """A reader that fails midway yields what it had and one error, never a traceback."""
    try:
        yield from items
    except InputError as err:
        yield err
    except (OSError, EOFError, gzip.BadGzipFile, ValueError) as exc:
        yield InputError(name, f"cannot read: {exc}")
