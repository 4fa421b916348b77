"""Exports: JSONL records, and one CSV or Parquet file per table of model/schema.py.

Parquet keeps lists and the tone struct as native list/struct columns; CSV, which has
no such cells, holds them as JSON text."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from newsgraph.model.schema import TABLE_NAMES, arrow_schema
from newsgraph.model.tables import COLUMNS, as_text_row, record_rows


def write_jsonl(records: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    n = 0
    for rec in records:
        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_tables(records: Iterable[dict[str, Any]], out_dir: Path, fmt: str, chunk: int = 500) -> int:
    """Stream records into one file per table; Parquet is written in row groups so
    memory stays flat however large the store."""
    out_dir.mkdir(parents=True, exist_ok=True)
    n = 0
    if fmt == "csv":
        files = {t: open(out_dir / f"{t}.csv", "w", newline="", encoding="utf-8") for t in TABLE_NAMES}
        writers = {t: csv.DictWriter(files[t], fieldnames=COLUMNS[t]) for t in TABLE_NAMES}
        try:
            for w in writers.values():
                w.writeheader()
            for rec in records:
                n += 1
                for t, rows in record_rows(rec).items():
                    writers[t].writerows(as_text_row(t, r) for r in rows)
        finally:
            for f in files.values():
                f.close()
        return n
    import pyarrow as pa
    import pyarrow.parquet as pq

    schemas = {t: arrow_schema(t) for t in TABLE_NAMES}
    writers_pq = {t: pq.ParquetWriter(out_dir / f"{t}.parquet", schemas[t]) for t in TABLE_NAMES}
    buf: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLE_NAMES}

    def flush() -> None:
        for t in TABLE_NAMES:
            if buf[t]:
                writers_pq[t].write_table(pa.Table.from_pylist(buf[t], schema=schemas[t]))
                buf[t] = []

    try:
        for rec in records:
            n += 1
            for t, rows in record_rows(rec).items():
                buf[t].extend(rows)
            if n % chunk == 0:
                flush()
        flush()
    finally:
        for w in writers_pq.values():
            w.close()
    return n
