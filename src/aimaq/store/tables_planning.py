"""Tables of the store for planning data: targets and other user assumptions (aimaq.analysis.monitoring)."""

from __future__ import annotations

from aimaq.store.schema import metadata

__all__: list[str] = []

_ = metadata
