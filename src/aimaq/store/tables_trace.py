"""Tables of the store for EPCIS events of the traceability repository (aimaq.supply.trace)."""

from __future__ import annotations

from aimaq.store.schema import metadata

__all__: list[str] = []

_ = metadata
