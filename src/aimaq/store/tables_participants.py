"""Tables of the store for participants, API keys and the audit log (aimaq.supply.participants)."""

from __future__ import annotations

from aimaq.store.schema import metadata

__all__: list[str] = []

_ = metadata
