"""The Spark job in local mode on the bundled sample: its Parquet tables hold, row
for row, what ``newsgraph extract`` gives for the same inputs; a bad file becomes an
errors row; ``import`` loads the output into the store, idempotently."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("pyspark")
pa_ds = pytest.importorskip("pyarrow.dataset")

from newsgraph import service
from newsgraph.model.schema import TABLE_NAMES as TABLES
from newsgraph.model.tables import COLUMNS, rows_of, with_text

pytestmark = pytest.mark.spark

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
BAD = b"\x00\x01\x02 this is binary, not an article"


def _key(row: dict, cols: list[str]) -> tuple:
    return tuple("" if row.get(c) is None else repr(row.get(c)) for c in cols)


def _table(out: Path, name: str) -> list[dict]:
    d = out / name
    if not any(d.rglob("*.parquet")):
        return []
    return pa_ds.dataset(str(d), format="parquet", partitioning="hive").to_table().to_pylist()


@pytest.fixture(scope="module")
def job(tmp_path_factory):
    base = tmp_path_factory.mktemp("spark")
    inp = base / "in"
    inp.mkdir()
    for f in sorted(SAMPLE.glob("*.txt")):
        shutil.copy(f, inp / f.name)
    (inp / "README.md").write_text("not an article: skipped as in `ingest`\n")
    (inp / "broken.txt").write_bytes(BAD)
    out = base / "out"
    from newsgraph.spark import run_job

    report = run_job([str(inp)], str(out), master="local[2]")
    return inp, out, report


def test_tables_match_extract_row_for_row(job):
    inp, out, report = job
    files = sorted(str(p) for p in inp.glob("*.txt"))
    records = list(service.extract(files))
    assert len(records) == 20 and report.articles == 20
    expected = rows_of(records)
    for t in TABLES:
        got = _table(out, t)
        cols = COLUMNS[t]
        assert sorted(_key(r, cols) for r in got) == sorted(_key(r, cols) for r in expected[t]), t
        assert report.rows[t] == len(expected[t])


def test_partitioned_by_article_month(job):
    _, out, _ = job
    assert (out / "articles" / "year_month=2019-09").is_dir()
    for r in _table(out, "articles"):
        assert str(r["year_month"]) == r["date"][:7]
    dates = {r["article_id"]: r["date"][:7] for r in _table(out, "articles")}
    for r in _table(out, "quotes"):
        assert str(r["year_month"]) == dates[r["article_id"]]


def test_bad_file_is_an_errors_row(job):
    inp, out, report = job
    errs = _table(out, "errors")
    assert report.errors == 1 and len(errs) == 1
    assert errs[0]["input"] == str(inp / "broken.txt")
    assert "binary" in errs[0]["reason"]


def test_import_rebuilds_records_idempotently(job, tmp_path):
    _, out, _ = job
    db = tmp_path / "ng.db"
    first = service.import_parquet(str(out), db=str(db))
    assert (first.read, first.stored, first.failed) == (20, 20, 0)
    again = service.import_parquet(str(out), db=str(db))
    assert (again.stored, again.unchanged) == (0, 20)
    stored = {r["id"]: r for r in service.stored_records(str(db))}
    spark_records = {r["article_id"]: with_text(r["record"], r["text"]) for r in _table(out, "articles")}
    # the import places every article in a story (the Spark job itself builds none); the
    # rest of each record is exactly what the job wrote
    assert all(len(r.pop("stories")) == 1 for r in stored.values())
    assert stored == spark_records
