"""newsgraph: who said and did what to whom, and when, from news articles."""
from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, overload

if TYPE_CHECKING:
    from newsgraph.errors import InputError

from newsgraph.version import __version__

__all__ = ["__version__", "extract", "extract_path"]


@overload
def extract(text: str, **meta: Any) -> dict[str, Any]: ...


@overload
def extract(text: os.PathLike[str], **meta: Any) -> list[dict[str, Any]]: ...


def extract(text: str | os.PathLike[str], **meta: Any) -> dict[str, Any] | list[dict[str, Any]]:
    """The SCHEMA.md record of one article's text (``title=``, ``date=``, ``outlet=``...
    may be given as keywords).

    A ``str`` is always the article's text, never looked up on the file system: a text
    that happens to name a file must not be read from it, and a long one must not fail
    as a file name. To read files, pass a ``pathlib.Path`` (the same as ``extract_path``).
    """
    if isinstance(text, os.PathLike):
        if meta:
            raise TypeError(f"metadata keywords ({', '.join(sorted(meta))}) go with a text, not a path")
        return extract_path(text)
    if not isinstance(text, str):
        raise TypeError(f"extract() takes the article's text as a str (or a pathlib.Path to read), "
                        f"not {type(text).__name__}")
    from newsgraph import service

    return service.extract_text(text, **meta)


def extract_path(*paths: str | os.PathLike[str],
                 on_error: Callable[[InputError], None] | None = None) -> list[dict[str, Any]]:
    """The records of every article in ``paths`` (files, directories, globs), in input
    order. Inputs that cannot be read go to ``on_error``; without one, the first is
    raised when no article at all could be read."""
    from newsgraph import service

    errors: list[InputError] = []
    records = list(service.extract([os.fspath(p) for p in paths], on_error=on_error or errors.append))
    if errors and not records:
        raise errors[0]
    return records
