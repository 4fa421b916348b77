"""Readers: files, directories, globs and stdin become Articles (or clear errors)."""
from newsgraph.ingest.sources import read_inputs

__all__ = ["read_inputs"]
