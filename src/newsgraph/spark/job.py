"""The Spark job behind ``newsgraph spark INPUT... OUTPUT``.

1. Spark's own readers read the inputs, from local paths or any Hadoop-compatible
   URI: ``binaryFile`` for text and HTML files (one row per file, ``.gz`` included),
   ``textFile`` lines for JSONL (line numbers kept for error messages).
2. One ``mapPartitions`` runs newsgraph's readers on those bytes and the same
   extraction as ``newsgraph extract`` (``service.analyse_stream``): the spaCy
   pipeline is loaded once per Python worker (``nlp.pipeline.load_nlp`` caches it and
   Spark reuses its Python workers), never per row.
3. Each article becomes the rows of ``model/schema.py`` (flattened by ``model/tables.py``); every table is written as
   Parquet under ``OUTPUT/<table>/``, partitioned by ``year_month`` (the article's
   date, ``YYYY-MM``; ``YYYY`` for a year-only date; null when undated). Inputs that
   cannot become articles go to ``OUTPUT/errors/`` (input, where, reason): the job
   never fails on them.
"""
from __future__ import annotations

import json
import os
import re
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlparse

from newsgraph.model.schema import TABLE_NAMES as TABLES
from newsgraph.model.schema import spark_schema as _table_schema

PARTITION_COLUMN = "year_month"
ERROR_COLUMNS = ["input", "where", "reason"]
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json", ".jsonl.gz", ".ndjson.gz", ".json.gz")
_DOC_FILE = re.compile(r"^(?:readme|license|licence|notice|copying|attribution)(?:\.\w+)?$", re.IGNORECASE)


@dataclass
class SparkReport:
    articles: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    errors: int = 0
    error_samples: list[dict[str, str]] = field(default_factory=list)
    partitions: int = 0
    seconds: float = 0.0
    output: str = ""


# -- helpers shared by driver and executors ----------------------------------------
def year_month(date: str | None) -> str | None:
    """The partition value of an article date: ``YYYY-MM``, ``YYYY``, or None."""
    if not date:
        return None
    if re.match(r"^\d{4}-\d\d", date):
        return date[:7]
    if re.match(r"^\d{4}$", date):
        return date
    return None


def display_name(uri: str) -> str:
    """Local files as the plain absolute path ``newsgraph extract`` would show
    (``file:/a/b.txt`` -> ``/a/b.txt``); other URIs (hdfs://, s3a://) as they are."""
    if uri.startswith("file:"):
        return unquote(urlparse(uri).path)
    return uri


def is_jsonl(name: str) -> bool:
    return name.lower().endswith(JSONL_SUFFIXES)


def spark_schema(table: str):  # -> pyspark StructType
    """The Spark schema of a table of model/schema.py, or of ``errors``."""
    if table == "errors":
        return _table_schema(table, [(c, "str") for c in ERROR_COLUMNS])
    return _table_schema(table)


# -- executor side --------------------------------------------------------------
def _error_row(where: str, reason: str, source: str) -> tuple[str, str | None, str]:
    return ("errors", None, json.dumps({"input": source, "where": where, "reason": reason}, ensure_ascii=False))


def extract_partition(rows: Iterable[tuple[str, str, int, bytes]]) -> Iterator[tuple[str, str | None, str]]:
    """Executor side: (kind, uri, line number, bytes) in, (table, year_month, row JSON) out.

    ``kind`` is ``file`` (a whole text/HTML file) or ``line`` (one JSONL line). The
    readers and extraction are newsgraph's own; one pipeline per Python worker."""
    import gzip
    import io

    from newsgraph.errors import InputError
    from newsgraph.ingest.jsonl import read_jsonl_lines
    from newsgraph.ingest.sources import guard_reader, read_stream
    from newsgraph.model import to_record
    from newsgraph.model.tables import record_rows
    from newsgraph.nlp.pipeline import Extractor
    from newsgraph.parallel import limit_threads
    from newsgraph.service import analyse_stream
    from newsgraph.settings import get_settings

    limit_threads()
    settings = get_settings()
    extractor = Extractor(settings=settings)
    errors: list[tuple[InputError, str]] = []
    read_errors: dict[int, str] = {}  # id of a reader's InputError -> its input

    def on_error(e: InputError) -> None:
        # Reader errors name their input; a stage error's ``where`` is the article's path.
        errors.append((e, read_errors.pop(id(e), None) or e.where))

    def items() -> Iterator[Any]:
        for item in read_items():
            if isinstance(item[0], InputError):
                read_errors[id(item[0])] = item[1]
            yield item[0]

    def read_items() -> Iterator[tuple[Any, str]]:
        for kind, uri, lineno, data in rows:
            name = display_name(uri)
            for item in read_one(kind, name, lineno, data):
                yield item, name

    def read_one(kind: str, name: str, lineno: int, data: bytes) -> Iterator[Any]:
        try:
            if kind == "line":
                for item in read_jsonl_lines(iter([data]), name, settings, name):
                    if isinstance(item, InputError):
                        item = InputError(f"{name}:{lineno}", item.reason)
                    yield item
                return
            if len(data) > settings.max_file_bytes and not name.endswith(".gz"):
                yield InputError(name, f"file is {len(data):,} bytes, over the size limit of "
                                       f"{settings.max_file_bytes:,} (NEWSGRAPH_MAX_FILE_BYTES)")
                return
            raw = io.BytesIO(data)
            stream = gzip.GzipFile(fileobj=raw) if name.endswith(".gz") else io.BufferedReader(raw)
            yield from guard_reader(read_stream(stream, name, settings, path=name), name)  # type: ignore[arg-type]
        except Exception as exc:  # noqa: BLE001 - a reader bug must not fail the job
            yield InputError(name, f"cannot read: {exc.__class__.__name__}: {exc}")

    def drain() -> Iterator[tuple[str, str | None, str]]:
        while errors:
            e, source = errors.pop(0)
            yield _error_row(e.where, e.reason, source)

    for article in analyse_stream(items(), extractor, on_error):
        yield from drain()
        part = year_month(article.metadata.date)
        for table, trows in record_rows(to_record(article)).items():
            for r in trows:
                yield table, part, json.dumps(r, ensure_ascii=False)
    yield from drain()


# -- driver side ------------------------------------------------------------------
def session(master: str | None = None, app: str = "newsgraph"):
    """A SparkSession for the job: ``local[*]`` unless a master URL is given."""
    from pyspark.sql import SparkSession

    from newsgraph.parallel import single_thread_env

    master = master or os.environ.get("NEWSGRAPH_SPARK_MASTER") or "local[*]"
    # Local Python workers run this interpreter (the one newsgraph is installed in).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    local = master.startswith("local")
    if local:
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    b = (SparkSession.builder.appName(app).master(master)
         .config("spark.ui.enabled", "false")
         .config("spark.ui.showConsoleProgress", "false")
         .config("spark.python.worker.reuse", "true")
         .config("spark.sql.shuffle.partitions", "8")
         .config("spark.sql.session.timeZone", "UTC"))
    for k, v in single_thread_env().items():
        b = b.config(f"spark.executorEnv.{k}", v)
    if local:
        b = b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        # Local Python workers inherit the driver JVM's environment.
        for k, v in single_thread_env().items():
            os.environ.setdefault(k, v)
    spark = b.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _glob(spark, path: str) -> list[tuple[str, bool]]:
    """(uri, is_dir) of what ``path`` names, through Hadoop's FileSystem (any scheme)."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    p = jvm.org.apache.hadoop.fs.Path(path)
    fs = p.getFileSystem(conf)
    stats = fs.globStatus(p)
    if stats is None:
        return []
    return [(s.getPath().toString(), s.isDirectory()) for s in stats]


def _local_uri(path: str) -> str:
    """Plain local paths become absolute ``file:`` paths; URIs are kept."""
    if re.match(r"^[a-zA-Z][\w+.-]*://", path) or path.startswith("file:"):
        return path
    return "file://" + os.path.abspath(path)


def run_job(inputs: list[str], output: str, master: str | None = None, partitions: int | None = None,
            spark=None) -> SparkReport:
    """Read ``inputs``, extract, write the tables under ``output``. Returns counts."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType, StructField, StructType

    t0 = time.perf_counter()
    own = spark is None
    spark = spark or session(master)
    sc = spark.sparkContext
    try:
        missing: list[tuple[str, str, str]] = []
        files: list[str] = []
        jsonl: list[str] = []
        named: set[str] = set()
        for p in inputs:
            hits = _glob(spark, _local_uri(p))
            if not hits:
                missing.append(_error_row(p, "no such file or directory" if not any(ch in p for ch in "*?[")
                                          else "no file matches this pattern", p))
                continue
            for uri, is_dir in hits:
                if is_dir:
                    files.append(uri)
                else:
                    named.add(uri)
                    (jsonl if is_jsonl(uri) else files).append(uri)

        units = []  # RDDs of (kind, uri, line number, bytes)
        if files:
            df = (spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(files))
            base = lambda c: F.regexp_extract(F.col(c), r"([^/]*)$", 1)
            doc = base("path").rlike(_DOC_FILE.pattern.replace("(?:", "(?i)(?:", 1))
            explicit = F.col("path").isin(sorted(named)) if named else F.lit(False)
            keep = explicit | ~doc
            jpred = F.lower(F.col("path")).rlike("(" + "|".join(re.escape(s) for s in JSONL_SUFFIXES) + ")$")
            jsonl += [r.path for r in df.filter(jpred & keep).select("path").collect()]
            whole = df.filter(~jpred & keep).select("path", "content")
            units.append(whole.rdd.map(lambda r: ("file", r.path, 0, bytes(r.content))))
        for uri in dict.fromkeys(jsonl):
            lines = sc.textFile(uri, use_unicode=False).zipWithIndex()
            units.append(lines.map(lambda x, u=uri: ("line", u, x[1] + 1, x[0])))
        n_parts = partitions or max(2, sc.defaultParallelism * 4)
        if units:
            rdd = sc.union(units) if len(units) > 1 else units[0]
            # Spread the work: JSONL files and gzip files arrive as one partition each.
            out = rdd.repartition(n_parts).mapPartitions(extract_partition)
        else:
            out = sc.emptyRDD()
        if missing:
            out = out.union(sc.parallelize(missing, 1))
        envelope = StructType([StructField("table", StringType()), StructField(PARTITION_COLUMN, StringType()),
                               StructField("payload", StringType())])
        rows = spark.createDataFrame(out, envelope).persist(StorageLevel.MEMORY_AND_DISK)
        counts = {r["table"]: r["count"] for r in rows.groupBy("table").count().collect()}

        for table in TABLES:
            schema = spark_schema(table)
            t = (rows.filter(F.col("table") == table)
                 .select(F.from_json("payload", schema).alias("r"), PARTITION_COLUMN)
                 .select("r.*", PARTITION_COLUMN))
            t.write.mode("overwrite").partitionBy(PARTITION_COLUMN).parquet(f"{output.rstrip('/')}/{table}")
        errs = (rows.filter(F.col("table") == "errors")
                .select(F.from_json("payload", spark_schema("errors")).alias("r")).select("r.*"))
        errs.coalesce(1).write.mode("overwrite").parquet(f"{output.rstrip('/')}/errors")
        samples = [r.asDict() for r in errs.limit(20).collect()]
        rows.unpersist()
        return SparkReport(articles=counts.get("articles", 0), rows={t: counts.get(t, 0) for t in TABLES},
                           errors=counts.get("errors", 0), error_samples=samples, partitions=n_parts,
                           seconds=time.perf_counter() - t0, output=output)
    finally:
        if own:
            spark.stop()
