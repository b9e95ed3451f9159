"""Tables of the store for participants, API keys and the audit log (aimaq.supply.participants)."""

from __future__ import annotations

import sqlalchemy as sa

from aimaq.store.schema import metadata

__all__ = ["api_keys", "audit_log", "participant_locations", "participants"]

participants = sa.Table(
    "participants",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.Text, nullable=False, unique=True),
    sa.Column("role", sa.String(32), nullable=False),
    sa.Column("region", sa.String(16), nullable=True),
    sa.Column("gs1_prefix", sa.String(12), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("created_by", sa.Integer, nullable=True),  # participant id; None = CLI operator
)

participant_locations = sa.Table(
    "participant_locations",
    metadata,
    sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id"), nullable=False),
    sa.Column("gln", sa.String(13), nullable=False, unique=True),
    sa.PrimaryKeyConstraint("participant_id", "gln"),
)

api_keys = sa.Table(
    "api_keys",
    metadata,
    sa.Column("key_id", sa.String(16), primary_key=True),
    sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id"), nullable=False),
    sa.Column("hash", sa.Text, nullable=False),  # argon2id of the secret part
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
)
sa.Index("ix_api_keys_participant", api_keys.c.participant_id)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("participant_id", sa.Integer, nullable=True),
    sa.Column("key_id", sa.String(16), nullable=True),
    sa.Column("method", sa.String(8), nullable=False),
    sa.Column("path", sa.Text, nullable=False),
    sa.Column("status", sa.Integer, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
)
