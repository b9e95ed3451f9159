"""Tables of the observation store (SQLAlchemy 2 Core).

The other pillars' tables live in ``tables_*.py`` on the same :data:`metadata`; the store
package imports them (this module does not, so that they can import it).
"""

from __future__ import annotations

import sqlalchemy as sa

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "loads", "meta", "metadata", "observations", "sources"]

SCHEMA_VERSION = 3

# Upgrade steps: MIGRATIONS[v](conn) takes a store from schema v - 1 to v (run in order, inside
# the opening transaction). Tables and indexes new in v are created by ``create_all``; a step
# only alters what exists (ALTER TABLE ..., data moves). Version 1 is the first schema.


def _v3(conn) -> None:
    """v3: what a load skipped and warned about, and the note of a forced load, on ``loads``."""
    for name, kind in (
        ("rows_skipped", "INTEGER"),
        ("skipped_by_reason", "TEXT"),
        ("warnings", "TEXT"),
        ("note", "TEXT"),
    ):
        conn.execute(sa.text(f"ALTER TABLE loads ADD COLUMN {name} {kind}"))


MIGRATIONS: dict = {
    # v2: the supply-chain and planning tables (tables_*.py), all new, so create_all makes them
    2: lambda conn: None,
    3: _v3,
}

metadata = sa.MetaData()

meta = sa.Table(
    "aimaq_meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("citation", sa.Text, nullable=False, unique=True),
    sa.Column("first_loaded_at", sa.DateTime(timezone=True), nullable=False),
)

loads = sa.Table(
    "loads",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("file", sa.Text, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=True),
    sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("rows_added", sa.Integer, nullable=False),
    sa.Column("rows_unchanged", sa.Integer, nullable=False),
    sa.Column("rows_revised", sa.Integer, nullable=False),
    # v3: cells the reader did not load (count, and JSON {reason: count}), the reader's warnings
    # (JSON list of strings) and the user's note when a load was forced past plausibility bounds
    sa.Column("rows_skipped", sa.Integer, nullable=True),
    sa.Column("skipped_by_reason", sa.Text, nullable=True),
    sa.Column("warnings", sa.Text, nullable=True),
    sa.Column("note", sa.Text, nullable=True),
)

observations = sa.Table(
    "observations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("region", sa.String(16), nullable=False),
    sa.Column("indicator", sa.String(96), nullable=False),
    sa.Column("period", sa.String(16), nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("unit", sa.String(64), nullable=False),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=False),
    sa.Column("note", sa.Text, nullable=True),
    sa.Column("region_as_published", sa.Text, nullable=True),
    sa.Column("vintage", sa.Integer, nullable=False),
    sa.Column("is_current", sa.Boolean, nullable=False),
    sa.Column("load_id", sa.Integer, sa.ForeignKey("loads.id"), nullable=False),
    sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("region", "indicator", "period", "vintage", name="uq_obs_vintage"),
)
sa.Index("ix_obs_current", observations.c.indicator, observations.c.is_current)
