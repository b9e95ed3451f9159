"""Tables of the store for price observations (aimaq.supply.prices).

One row per price of one product at one market (city) on one date at one stage of the chain
(producer, wholesale, retail). Loads, sources and vintages work as for the observation store:
the same price loaded twice changes nothing, a revised price becomes a new vintage and the old
one stays queryable (``is_current`` false).
"""

from __future__ import annotations

import sqlalchemy as sa

from aimaq.store.schema import metadata

__all__ = ["STAGES", "price_observations"]

#: stages of the chain a price may be observed at, upstream first
STAGES = ("producer", "wholesale", "retail")

price_observations = sa.Table(
    "price_observations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("product", sa.String(64), nullable=False),
    sa.Column("market", sa.String(96), nullable=False),
    sa.Column("region", sa.String(16), nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("stage", sa.String(16), nullable=False),
    sa.Column("price", sa.Float, nullable=False),
    sa.Column("unit", sa.String(16), nullable=False),
    sa.Column("currency", sa.String(3), nullable=False),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=False),
    sa.Column("note", sa.Text, nullable=True),
    sa.Column("product_as_published", sa.Text, nullable=True),
    sa.Column("market_as_published", sa.Text, nullable=True),
    sa.Column("vintage", sa.Integer, nullable=False),
    sa.Column("is_current", sa.Boolean, nullable=False),
    sa.Column("load_id", sa.Integer, sa.ForeignKey("loads.id"), nullable=False),
    sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("product", "market", "stage", "date", "vintage", name="uq_price_vintage"),
)
sa.Index("ix_price_current", price_observations.c.product, price_observations.c.is_current)
