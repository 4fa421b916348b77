"""newsgraph on Spark: the same readers and the same extraction as ``newsgraph
extract``, run by partition, written as the Parquet tables of ``model/tables.py``.

``pyspark`` is an optional dependency (the ``spark`` extra); nothing here imports it
until a job runs.
"""
from newsgraph.spark.job import ERROR_COLUMNS, PARTITION_COLUMN, SparkReport, run_job

__all__ = ["ERROR_COLUMNS", "PARTITION_COLUMN", "SparkReport", "run_job"]
