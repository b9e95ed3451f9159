"""Readers for the statistics bureau's files and tidy CSV."""

from aimaq.ingest.errors import IngestError

__all__ = ["IngestError"]
