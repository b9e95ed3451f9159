"""Tables of the store for price observations (aimaq.supply.prices)."""

from __future__ import annotations

from aimaq.store.schema import metadata

__all__: list[str] = []

_ = metadata
