"""Exports: JSONL records, and one CSV or Parquet file per table of model/tables.py."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from newsgraph.model.tables import COLUMNS, TABLES, record_rows


def write_jsonl(records: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    n = 0
    for rec in records:
        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


def arrow_schema(table: str):  # -> pyarrow.Schema
    import pyarrow as pa

    from newsgraph.model.tables import BOOL_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS

    def typ(c: str) -> Any:
        if c in INT_COLUMNS:
            return pa.int64()
        if c in BOOL_COLUMNS:
            return pa.bool_()
        if c in FLOAT_COLUMNS:
            return pa.float64()
        return pa.string()

    return pa.schema([(c, typ(c)) for c in COLUMNS[table]])


def write_tables(records: Iterable[dict[str, Any]], out_dir: Path, fmt: str, chunk: int = 500) -> int:
    """Stream records into one file per table; Parquet is written in row groups so
    memory stays flat however large the store."""
    out_dir.mkdir(parents=True, exist_ok=True)
    n = 0
    if fmt == "csv":
        files = {t: open(out_dir / f"{t}.csv", "w", newline="", encoding="utf-8") for t in TABLES}
        writers = {t: csv.DictWriter(files[t], fieldnames=COLUMNS[t]) for t in TABLES}
        try:
            for w in writers.values():
                w.writeheader()
            for rec in records:
                n += 1
                for t, rows in record_rows(rec).items():
                    writers[t].writerows(rows)
        finally:
            for f in files.values():
                f.close()
        return n
    import pyarrow as pa
    import pyarrow.parquet as pq

    writers_pq = {t: pq.ParquetWriter(out_dir / f"{t}.parquet", arrow_schema(t)) for t in TABLES}
    buf: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}

    def flush() -> None:
        for t in TABLES:
            if buf[t]:
                writers_pq[t].write_table(pa.Table.from_pylist(buf[t], schema=arrow_schema(t)))
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
