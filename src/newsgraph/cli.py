"""The ``newsgraph`` command: a thin skin over the service layer."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from newsgraph import service
from newsgraph.errors import InputError, NewsgraphError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn news articles into a graph of who said and did what to whom, and when.")
err = Console(stderr=True)


@app.callback()
def _root() -> None:
    """newsgraph: who said and did what to whom, and when."""


def _report_error(e: InputError) -> None:
    err.print(f"[red]error[/red] {e.where}: {e.reason}", highlight=False, markup=True, soft_wrap=True)


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Files, directories, globs, or - for stdin."),
    format: str = typer.Option("jsonl", "--format", "-f", help="Output format: jsonl."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
) -> None:
    """Extract the SCHEMA.md record of each article, as JSONL on stdout (no store)."""
    if format != "jsonl":
        raise typer.BadParameter("only jsonl is supported for extract", param_hint="--format")
    failed = 0

    def on_error(e: InputError) -> None:
        nonlocal failed
        failed += 1
        _report_error(e)

    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        for rec in service.extract(paths, on_error=on_error):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            out.flush()
    finally:
        if output:
            out.close()
    if failed:
        raise typer.Exit(1)


def main() -> None:
    try:
        app()
    except NewsgraphError as exc:
        err.print(f"[red]error[/red] {exc}")
        sys.exit(2)


if __name__ == "__main__":
    main()
