"""The ``newsgraph`` command: a thin skin over the service layer."""
from __future__ import annotations

import json
import os
import re
import sqlite3
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from newsgraph import service
from newsgraph.errors import InputError, NewsgraphError
from newsgraph.settings import Settings, get_settings

if TYPE_CHECKING:
    from newsgraph.live.watch import PassReport

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn news articles into a graph of who said and did what to whom, and when.")
# Almost everything this command prints comes from outside: file names, JSONL ids, article
# titles, actor names, error reasons that quote them. With markup or emoji codes on, a name
# like "a[/x].txt" aborts the run (MarkupError) and "[bold]b.txt" or ":x:" prints a name
# that does not exist. So both consoles interpret nothing; colour comes from Text styles.
out = Console(markup=False, emoji=False, highlight=False)
err = Console(stderr=True, markup=False, emoji=False, highlight=False)

# Characters that would let a name rewrite the terminal (ESC sequences), break the
# one-line-per-error log format (newlines, U+2028), display reordered (bidi controls), or
# fail to encode at all (the lone surrogates that stand for undecodable bytes in a file name).
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                          r"\ud800-\udfff]")


def shown(value: object) -> str:
    """An untrusted string as it is safe to print: control characters as escapes."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(value))


def labelled(label: str, style: str, *parts: object) -> Text:
    """``label`` in ``style``, then the parts as plain, escaped text (never markup)."""
    return Text.assemble((label, style), " ", *(shown(p) for p in parts))


DbOption = typer.Option(None, "--db", help="The SQLite store [default: $NEWSGRAPH_DB or ./newsgraph.db].")


def _db(db: str | None) -> str:
    return db or os.environ.get("NEWSGRAPH_DB") or "newsgraph.db"


def _error_line(e: InputError) -> Text:
    return labelled("error", "red", e.where, ": ", e.reason)


def _report_error(e: InputError) -> None:
    err.print(_error_line(e), soft_wrap=True)


MinConfidenceOption = typer.Option(
    None, "--min-confidence", min=0.0, max=1.0,
    help="Leave out events whose confidence (the calibrated probability that type and parties are right) "
         "is below this [default: $NEWSGRAPH_MIN_CONFIDENCE or 0].")


def _settings(min_confidence: float | None) -> Settings:
    base = get_settings()
    return base if min_confidence is None else replace(base, min_event_confidence=min_confidence)


@app.callback()
def _root() -> None:
    """newsgraph: who said and did what to whom, and when."""


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, directories, globs, or - for stdin."),
    db: str | None = DbOption,
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Local processes for analysis."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    min_confidence: float | None = MinConfidenceOption,
) -> None:
    """Read, analyse and store articles. Already-stored articles are skipped."""
    # The inputs are streamed, so the total is unknown: a count ("20 articles"), not "20/?".
    progress = Progress(SpinnerColumn(), TextColumn("[bold]ingest"), BarColumn(),
                        TextColumn("{task.completed} articles"), TimeElapsedColumn(), console=err, disable=quiet,
                        transient=False)
    with progress:
        task = progress.add_task("ingest", total=None)
        report = service.ingest(
            paths, db=_db(db), workers=workers, settings=_settings(min_confidence),
            on_error=lambda e: progress.console.print(_error_line(e), soft_wrap=True),
            on_progress=lambda n: progress.advance(task, n),
            on_wait=lambda msg: progress.console.print(labelled("waiting", "yellow", msg), soft_wrap=True),
        )
    err.print(f"read {report.read} articles: {report.stored} stored, {report.unchanged} unchanged, "
              f"{report.failed} failed, in {report.seconds:.1f} s -> {shown(_db(db))}", soft_wrap=True)
    if report.failed:
        raise typer.Exit(1)


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Files, directories, globs, or - for stdin."),
    format: str = typer.Option("jsonl", "--format", "-f", help="Output format: jsonl."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
    min_confidence: float | None = MinConfidenceOption,
) -> None:
    """Print the SCHEMA.md record of each article as JSONL (no store)."""
    if format != "jsonl":
        raise typer.BadParameter("only jsonl is supported for extract", param_hint="--format")
    failed = 0

    def on_error(e: InputError) -> None:
        nonlocal failed
        failed += 1
        _report_error(e)

    fh = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        for rec in service.extract(paths, settings=_settings(min_confidence), on_error=on_error):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            fh.flush()
    finally:
        if output:
            fh.close()
    if failed:
        raise typer.Exit(1)


@app.command()
def export(
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl, csv or parquet."),
    output: Path | None = typer.Option(None, "--output", "-o",
                                          help="jsonl: a file (default stdout); csv/parquet: a directory."),
    db: str | None = DbOption,
) -> None:
    """Export the store: JSONL records, or one CSV/Parquet table per list of SCHEMA.md."""
    from newsgraph.store import export as exporter

    if format == "jsonl":
        fh = open(output, "w", encoding="utf-8") if output else sys.stdout
        try:
            n = exporter.write_jsonl(service.stored_records(_db(db)), fh)
        finally:
            if output:
                fh.close()
    elif format in ("csv", "parquet"):
        if format == "parquet":
            _need("pyarrow", "parquet", "the Parquet export")
        if output is None:
            raise typer.BadParameter(f"{format} export writes a directory: give --output DIR", param_hint="--output")
        n = exporter.write_tables(service.stored_records(_db(db)), output, format)
    else:
        raise typer.BadParameter("choose jsonl, csv or parquet", param_hint="--format")
    err.print(f"exported {n} articles")


@app.command()
def spark(
    args: list[str] = typer.Argument(..., metavar="INPUT... OUTPUT",
                                     help="Inputs (paths, globs or Hadoop URIs: hdfs://, s3a://...), then the "
                                          "output directory."),
    master: str | None = typer.Option(None, "--master", help="Spark master URL [default: local[*]]."),
    partitions: int | None = typer.Option(None, "--partitions", min=1,
                                             help="Partitions to spread the work over [default: 4 per core]."),
) -> None:
    """Run the extraction as a Spark job; write Parquet tables partitioned by year_month."""
    if len(args) < 2:
        raise typer.BadParameter("give at least one INPUT and the OUTPUT directory", param_hint="INPUT... OUTPUT")
    import importlib.util

    if importlib.util.find_spec("pyspark") is None:  # an optional extra: most users never need it
        err.print("error: the Spark job needs pyspark: pip install 'newsgraph[spark]' (or make test-spark)",
                  soft_wrap=True, markup=False)
        raise typer.Exit(2)
    from newsgraph.spark import run_job

    report = run_job(list(args[:-1]), args[-1], master=master, partitions=partitions)
    for e in report.error_samples:
        _report_error(InputError(e["where"], e["reason"]))
    if report.errors > len(report.error_samples):
        err.print(f"... and {report.errors - len(report.error_samples)} more in {shown(report.output)}/errors",
                  soft_wrap=True)
    rows = ", ".join(f"{t} {n}" for t, n in report.rows.items() if t != "articles")
    err.print(f"spark: {report.articles} articles ({rows}), {report.errors} errors, "
              f"in {report.seconds:.1f} s -> {shown(report.output)}", soft_wrap=True)


@app.command("import")
def import_(
    parquet_dir: str = typer.Argument(..., help="Output directory of `newsgraph spark` (or a Parquet export)."),
    db: str | None = DbOption,
) -> None:
    """Load Parquet tables written by `newsgraph spark` into the store (idempotent)."""
    _need("pyarrow", "parquet", "reading Parquet")
    report = service.import_parquet(parquet_dir, db=_db(db))
    for e in report.errors:
        _report_error(e)
    err.print(f"read {report.read} articles: {report.stored} stored, {report.unchanged} unchanged, "
              f"{report.failed} failed, in {report.seconds:.1f} s -> {shown(_db(db))}", soft_wrap=True)
    if report.failed:
        raise typer.Exit(1)


@app.command()
def search(
    query: str = typer.Argument("", help="Words to find in article text."),
    db: str | None = DbOption,
    actor: str | None = typer.Option(None, help="Actor id or name (Putin, person:vladimir-putin)."),
    outlet: str | None = typer.Option(None),
    since: str | None = typer.Option(None, "--from", help="YYYY[-MM[-DD]]"),
    until: str | None = typer.Option(None, "--to", help="YYYY[-MM[-DD]]"),
    event_type: str | None = typer.Option(None, "--event-type"),
    limit: int = typer.Option(20, min=1, max=100),
    offset: int = typer.Option(0, min=0, max=10_000),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Full-text search over stored articles (the same answer as the UI's search page)."""
    from pydantic import ValidationError

    try:
        res = service.search(_db(db), query, actor=actor, outlet=outlet, date_from=since, date_to=until,
                             event_type=event_type, limit=limit, offset=offset)
    except ValidationError as exc:
        for e in exc.errors():
            err.print(Text(f"error: --{str(e['loc'][0]).replace('date_from', 'from').replace('date_to', 'to')}"
                           f"{'=' + repr(e['input']) if e.get('input') is not None else ''}: {e['msg']}"),
                      soft_wrap=True)
        raise typer.Exit(2) from None
    if as_json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return
    if actor and res.get("actor") is None:
        err.print(Text(f"no actor matches {actor!r}; try `newsgraph actor NAME`"), soft_wrap=True)
    elif actor:
        a = res["actor"]
        err.print(Text(f"actor: {a.get('name')} ({a['id']})"), soft_wrap=True)
        if res.get("actor_candidates"):
            # A name several actors answer to: say which was taken and how to pick another.
            others = ", ".join(f"{c['name']} ({c['id']})" for c in res["actor_candidates"][:5])
            err.print(Text(f"{actor!r} is ambiguous; did you mean {others}? pass the id to choose"),
                      soft_wrap=True)
    t = Table(title=f"{res['total']} articles")
    for col in ("date", "id", "title", "quotes", "events"):
        t.add_column(col)
    for r in res["results"]:
        t.add_row(shown(r["date"] or ""), shown(r["id"]), shown((r["title"] or "")[:70]), str(r["n_quotes"]),
                  str(r["n_events"]))
    out.print(t)


@app.command()
def stats(db: str | None = DbOption, as_json: bool = typer.Option(False, "--json")) -> None:
    """What the store holds."""
    s = service.stats(_db(db))
    if as_json:
        print(json.dumps(s, ensure_ascii=False, indent=1))
        return
    t = Table(title=f"newsgraph store {shown(_db(db))}")
    t.add_column("table")
    t.add_column("rows", justify="right")
    for k, v in s["counts"].items():
        t.add_row(k, f"{v:,}")
    out.print(t)
    out.print(f"dates {shown(s['dates']['first'])} .. {shown(s['dates']['last'])}")
    if s["top_actors"]:
        out.print("top actors: " + ", ".join(f"{shown(a['name'])} ({a['articles']})" for a in s["top_actors"]),
                  soft_wrap=True)
    if s["event_types"]:
        out.print("events: " + ", ".join(f"{e['type']} {e['n']}" for e in s["event_types"]))


@app.command()
def actor(name: str = typer.Argument(...), db: str | None = DbOption,
          as_json: bool = typer.Option(False, "--json")) -> None:
    """Find actors by name or alias."""
    rows = service.find_actors(_db(db), name)
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    t = Table(title=f"actors matching {shown(repr(name))}")
    for col in ("id", "name", "kind", "country", "sector", "role", "articles"):
        # the id is what other commands take: never cut it, let the other columns give way
        t.add_column(col, no_wrap=col == "id", min_width=max((len(r["id"]) for r in rows), default=2) if col == "id"
                     else None, overflow="fold")
    for r in rows:
        t.add_row(*(shown(r[c] or "") for c in ("id", "name", "kind", "country", "sector", "role", "articles")))
    out.print(t)


@app.command()
def stories(
    story_id: str | None = typer.Argument(None, help="Show this story; none: list the stories."),
    db: str | None = DbOption,
    query: str = typer.Option("", "--query", "-q", help="Only stories whose title holds this."),
    limit: int = typer.Option(30, min=1, max=1000),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Stories: one real-world occurrence across articles and outlets, and its reactions."""
    if story_id is None:
        res = service.list_stories(_db(db), query, limit)
        if as_json:
            print(json.dumps(res, ensure_ascii=False, indent=1))
            return
        t = Table(title=f"{res['total']} stories")
        t.add_column("id", overflow="fold")
        for col in ("first", "last", "articles", "outlets", "mentions", "kind", "title"):
            t.add_column(col)
        for r in res["stories"]:
            t.add_row(shown(r["id"]), shown(r["first_date"] or ""), shown(r["last_date"] or ""), str(r["n_articles"]),
                      str(r["n_sources"]), str(r["n_mentions"]), shown(r["kind"] or ""), shown((r["title"] or "")[:60]))
        out.print(t)
        return
    res = service.story(_db(db), story_id)
    if res is None:
        raise NewsgraphError(f"no story {story_id} in {_db(db)}")
    if as_json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return
    s = res["story"]
    out.print(Text.assemble((shown(s["title"] or s["id"]), "bold")), soft_wrap=True)
    out.print(f"{shown(s['first_date'] or '?')} .. {shown(s['last_date'] or '?')}: {s['n_articles']} articles, "
              f"{s['n_sources']} outlets, {s['n_mentions']} event mentions", soft_wrap=True)
    for a in res["articles"]:
        out.print(f"  {shown(a['date'] or '')} {shown(a['outlet'] or '')}: {shown(a['title'] or a['id'])}", soft_wrap=True)
    for g in res["reactions_by_actor"]:
        sc = g["stance_counts"]
        out.print(f"{shown(g['name'])}: {g['n']} (- {sc['negative']} / = {sc['neutral']} / + {sc['positive']})",
                  soft_wrap=True)
        for r in g["items"]:
            out.print(f"    {r['score']:+.2f} {shown(r['cue'] or '')}: {shown((r['content'] or '')[:100])}", soft_wrap=True)


@app.command()
def compare(
    a: str = typer.Argument(..., help="A story id."),
    b: str = typer.Argument(..., help="Another story id."),
    speaker: str | None = typer.Option(None, "--speaker", help="Only this actor's reactions (id or name)."),
    db: str | None = DbOption,
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Reactions to two stories side by side: counts, stances, harshest and mildest, cues."""
    res = service.compare(_db(db), a, b, speaker)
    if res is None:
        raise NewsgraphError(f"no story {a} or {b} in {_db(db)}")
    if as_json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return
    t = Table(title="reactions" + (f" of {shown(speaker)}" if speaker else ""))
    t.add_column("")
    sides = (res["a"], res["b"])
    for side in sides:
        t.add_column(shown((side["story"]["title"] or side["story"]["id"])[:50]))

    def fmt(v: object) -> str:
        return "–" if v is None else f"{v:+.2f}" if isinstance(v, float) else str(v)

    t.add_row("statements", *(str(x["n_reactions"]) for x in sides))
    for st in ("negative", "neutral", "positive"):
        t.add_row(st, *(str(x["stance_counts"][st]) for x in sides))
    t.add_row("mean score", *(fmt(x["mean_score"]) for x in sides))
    t.add_row("harshest", *(shown((x["harshest"][0]["content"] or "")[:50]) if x["harshest"] else "" for x in sides))
    t.add_row("mildest", *(shown((x["mildest"][0]["content"] or "")[:50]) if x["mildest"] else "" for x in sides))
    t.add_row("cues", *(shown(", ".join(f"{c['cue']} {c['n']}" for c in x["cues"][:5])) for x in sides))
    out.print(t)
    v = res["verdict"]
    if v and v["harsher"]:
        out.print(f"harsher: {shown(v['harsher'])} (mean score difference {v['score_difference']:+.2f})")


@app.command()
def watch(
    sources: list[str] = typer.Argument(None, help="RSS/Atom feeds, sitemaps (URLs) or files of URLs; "
                                                   "none: every source watched before."),
    db: str | None = DbOption,
    once: bool = typer.Option(False, "--once", help="One pass, then exit (for cron)."),
    every: str | None = typer.Option(None, "--every", help="Keep going: a pass every 15m, 90s, 1h..."),
    list_: bool = typer.Option(False, "--list", help="Show the watched sources and their status."),
    as_json: bool = typer.Option(False, "--json", help="With --list: JSON."),
) -> None:
    """Follow news feeds, sitemaps and URL lists; store each new article once."""
    from datetime import datetime

    if list_:
        _watch_list(_db(db), as_json)
        return
    if once and every:
        raise typer.BadParameter("choose --once or --every", param_hint="--every")
    try:
        interval = None if every is None else _interval(every)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--every") from None
    if not sources and not Path(_db(db)).exists():
        raise typer.BadParameter("give at least one SOURCE (no sources are watched yet)", param_hint="SOURCE")

    def log(level: str, msg: str) -> None:
        stamp = datetime.now().strftime("%H:%M:%S")
        style = {"error": "red"}.get(level, "dim")
        err.print(labelled(f"{stamp} {level}", style, msg), soft_wrap=True)

    failed = 0

    def on_pass(r: PassReport) -> None:
        nonlocal failed
        failed = r.failed + r.source_errors
        err.print(f"pass: {r.sources} sources, {r.queued} new or changed URLs, {r.stored} stored, "
                  f"{r.unchanged + r.not_modified} unchanged, {r.duplicates} duplicates, "
                  f"{r.failed} failed, {r.source_errors} source errors, {r.requests} requests, "
                  f"in {r.seconds:.1f} s -> {shown(_db(db))}", soft_wrap=True)

    from newsgraph.live.watch import watch as run_watch

    run_watch(list(sources or []), _db(db), interval, log=log, on_pass=on_pass)
    if failed:
        raise typer.Exit(1)


def _interval(value: str) -> float:
    from newsgraph.live.watch import parse_every

    seconds = parse_every(value)
    if seconds <= 0:
        raise ValueError("the interval must be more than 0")
    return seconds


def _watch_list(db: str, as_json: bool) -> None:
    from newsgraph.live.watch import watch_status

    st = watch_status(db)
    if as_json:
        print(json.dumps(st, ensure_ascii=False, indent=1))
        return
    t = Table(title=f"watched sources in {shown(db)}")
    for col in ("source", "kind", "last fetch", "last ok", "articles", "new", "pending", "failed", "last error"):
        t.add_column(col)
    for s in st["sources"]:
        t.add_row(shown(s["source"]), shown(s["kind"] or ""), shown(s["last_fetch"] or ""), shown(s["last_ok"] or ""),
                  str(s["articles"]), str(s["last_new"]), str(s["pending"]), str(s["failed"]),
                  shown((s["last_error"] or "")[:80]))
    out.print(t)
    for e in st["errors"][:10]:
        out.print(labelled(e["state"], "red", e["url"], ": ", e["error"]), soft_wrap=True)


def _need(module: str, extra: str, what: str) -> None:
    """Stop with one clear line when an optional extra is not installed."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        err.print(f"error: {what} needs {module}: pip install 'newsgraph[{extra}]'", soft_wrap=True, markup=False)
        raise typer.Exit(2)


@app.command()
def serve(
    db: str | None = DbOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; the default keeps it on this machine."),
    port: int = typer.Option(8765, "--port", min=1, max=65535),
) -> None:
    """Serve the web UI and its JSON API (read-only) over the store."""
    _need("fastapi", "web", "the web UI")
    _need("uvicorn", "web", "the web UI")
    import uvicorn

    from newsgraph.api import create_app

    path = _db(db)
    # Host check against DNS rebinding: only the names this server is reachable by.
    hosts = None if host in ("0.0.0.0", "::") else sorted({host, "127.0.0.1", "localhost", "[::1]"})
    application = create_app(path, allowed_hosts=hosts)  # a missing store fails here, with its message
    err.print(f"newsgraph: serving {shown(path)} read-only on http://{shown(host)}:{port}/ (API docs at /docs)",
              soft_wrap=True)
    uvicorn.run(application, host=host, port=port, log_level="warning")


def main() -> None:
    try:
        app()
    except NewsgraphError as exc:
        err.print(labelled("error", "red", exc), soft_wrap=True)  # one line per error, for logs
        sys.exit(2)
    except sqlite3.Error as exc:
        # Whatever the store layer did not translate: a message, never a traceback.
        msg = str(exc)
        if "locked" in msg or "busy" in msg:
            msg = ("the store is busy: another newsgraph process is writing to it; try again when it is done "
                   "(or wait longer with NEWSGRAPH_BUSY_SECONDS)")
        err.print(labelled("error", "red", "store ", _db(None), ": ", msg), soft_wrap=True)
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("interrupted: every batch already written is kept; run the same command again to go on")
        sys.exit(130)
    except BrokenPipeError:
        # `newsgraph extract ... | head`: the reader left; stop quietly, as Unix tools do.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        sys.exit(141)


if __name__ == "__main__":
    main()
