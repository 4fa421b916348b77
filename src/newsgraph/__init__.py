"""newsgraph: who said and did what to whom, and when, from news articles."""
from __future__ import annotations

from pathlib import Path
from typing import Any

__version__ = "0.1.0"
__all__ = ["extract", "__version__"]


def extract(text_or_path: str | Path, **meta: Any) -> dict[str, Any] | list[dict[str, Any]]:
    """The SCHEMA.md record for a text, or the records for a path (file, directory, glob).

    A string that names an existing path is read as one; any other string is the text
    of one article (``title=``, ``date=``, ``outlet=`` may be given as keywords).
    """
    from newsgraph import service

    p = Path(str(text_or_path))
    if isinstance(text_or_path, Path) or ("\n" not in str(text_or_path) and len(str(text_or_path)) < 4096
                                           and p.exists()):
        errors: list[Any] = []
        records = list(service.extract([str(p)], on_error=errors.append))
        if errors and not records:
            raise errors[0]
        return records[0] if len(records) == 1 and p.is_file() and not str(p).endswith((".jsonl", ".gz")) else records
    return service.extract_text(str(text_or_path), **meta)
