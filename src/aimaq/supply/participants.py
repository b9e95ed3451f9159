"""Participants of the food chain and their API keys.

Producers, processors, distribution centres, the regional social-entrepreneurial corporations
that run the stabilisation funds, retailers, the regulator and analysts share one service. Each
participant has a role, a home region, a GS1 company prefix and the GLNs of its locations. An
API key is generated once, shown once and stored only as an Argon2id hash of its secret part
(argon2-cffi); it can be revoked or rotated, and its last use is recorded.

A key reads ``aimaq_<key id>.<secret>``: the key id (public, 12 hex digits) finds the stored
hash, the secret (43 URL-safe characters, 256 bits) is verified against it.

Examples
--------
>>> from aimaq.store import Store
>>> reg = Participants(Store("sqlite://"))
>>> issued = reg.add("Demo dairy", "processor", glns=["4600000000015"])
>>> reg.authenticate(issued.key).name
'Demo dairy'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import threading
from dataclasses import dataclass
from enum import StrEnum

import sqlalchemy as sa

from aimaq.store import tables_participants as T

__all__ = [
    "AuthError",
    "IssuedKey",
    "Participant",
    "ParticipantError",
    "Participants",
    "Role",
    "gln_is_valid",
    "key_id_of",
]


class Role(StrEnum):
    """What a participant is in the chain."""

    PRODUCER = "producer"
    PROCESSOR = "processor"
    DISTRIBUTION_CENTRE = "distribution_centre"
    STABILISATION_FUND = "stabilisation_fund"  # regional social-entrepreneurial corporation
    RETAILER = "retailer"
    REGULATOR = "regulator"
    ANALYST = "analyst"


class ParticipantError(ValueError):
    """A participant or key request that cannot be carried out (nothing was written)."""


class AuthError(Exception):
    """A key that does not authenticate; ``reason`` says why (for the audit log)."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class Participant:
    """One organisation in the registry."""

    id: int
    name: str
    role: Role
    region: str | None
    gs1_prefix: str | None
    glns: tuple[str, ...]
    created_at: dt.datetime

    @property
    def is_regulator(self) -> bool:
        return self.role is Role.REGULATOR


@dataclass(frozen=True)
class IssuedKey:
    """A newly generated key: ``key`` is shown once and never stored."""

    participant: Participant
    key_id: str
    key: str


_KEY = re.compile(r"^aimaq_([0-9a-f]{12})\.([A-Za-z0-9_-]{43})$")


def gln_is_valid(gln: str) -> bool:
    """Whether ``gln`` is 13 digits with a correct GS1 check digit (mod 10, weights 3/1).

    Examples
    --------
    >>> gln_is_valid("4600000000015"), gln_is_valid("4600000000018")
    (True, False)
    """
    if not re.fullmatch(r"\d{13}", gln):
        return False
    digits = [int(c) for c in gln]
    total = sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits[:12]))
    return (10 - total % 10) % 10 == digits[12]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


class Participants:
    """The participant registry in a store (:class:`aimaq.store.Store`)."""

    # last_used_at is written at most this often per key (a write per request would make
    # every read a write on SQLite)
    LAST_USED_EVERY = dt.timedelta(minutes=1)

    def __init__(self, store):
        self.engine = store.engine
        self._ph = _hasher()
        self._verified: dict[str, tuple[str, int]] = {}  # sha256(key) -> (key_id, participant)
        self._touched: dict[str, dt.datetime] = {}
        self._lock = threading.Lock()

    # -- registry -------------------------------------------------------------------------
    def add(
        self,
        name: str,
        role: str | Role,
        region: str | None = None,
        glns=(),
        gs1_prefix: str | None = None,
        by: int | None = None,
    ) -> IssuedKey:
        """Register a participant and issue its first key."""
        name = (name or "").strip()
        if not name:
            raise ParticipantError("name: empty; give the organisation's name")
        try:
            role = Role(role)
        except ValueError:
            opts = ", ".join(r.value for r in Role)
            raise ParticipantError(f"role: {role!r} is not a role; use one of {opts}") from None
        code = _region_code(region) if region else None
        glns = [g.strip() for g in glns]
        for g in glns:
            if not gln_is_valid(g):
                raise ParticipantError(
                    f"gln: {g!r} is not a GLN (13 digits with a GS1 check digit)"
                )
        if gs1_prefix is not None and not re.fullmatch(r"\d{6,12}", gs1_prefix):
            raise ParticipantError(f"gs1_prefix: {gs1_prefix!r} must be 6 to 12 digits")
        with self.engine.begin() as conn:
            if conn.execute(
                sa.select(T.participants.c.id).where(T.participants.c.name == name)
            ).first():
                raise ParticipantError(f"name: a participant called {name!r} exists already")
            taken = (
                conn.execute(
                    sa.select(T.participant_locations.c.gln).where(
                        T.participant_locations.c.gln.in_(glns)
                    )
                )
                .scalars()
                .all()
            )
            if taken:
                raise ParticipantError(f"gln: {', '.join(taken)} belong(s) to another participant")
            pid = conn.execute(
                sa.insert(T.participants)
                .values(
                    name=name,
                    role=role.value,
                    region=code,
                    gs1_prefix=gs1_prefix,
                    created_at=_now(),
                    created_by=by,
                )
                .returning(T.participants.c.id)
            ).scalar_one()
            if glns:
                conn.execute(
                    sa.insert(T.participant_locations),
                    [{"participant_id": pid, "gln": g} for g in glns],
                )
            key_id, key = self._issue(conn, pid)
        return IssuedKey(self.get(pid), key_id, key)

    def list(self) -> list[Participant]:
        """All participants, by id."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(T.participants).order_by(T.participants.c.id)).all()
            locs = conn.execute(sa.select(T.participant_locations)).all()
        by: dict[int, list[str]] = {}
        for pid, gln in locs:
            by.setdefault(pid, []).append(gln)
        return [_participant(r, by.get(r.id, [])) for r in rows]

    def get(self, who: int | str) -> Participant:
        """The participant with this id or name."""
        col = (
            T.participants.c.id
            if isinstance(who, int) or str(who).isdigit()
            else T.participants.c.name
        )
        val = int(who) if col is T.participants.c.id else who
        with self.engine.connect() as conn:
            r = conn.execute(sa.select(T.participants).where(col == val)).first()
            if r is None:
                raise ParticipantError(
                    f"participant {who!r}: not in the registry (aimaq participant list)"
                )
            glns = (
                conn.execute(
                    sa.select(T.participant_locations.c.gln).where(
                        T.participant_locations.c.participant_id == r.id
                    )
                )
                .scalars()
                .all()
            )
        return _participant(r, glns)

    def owner_of(self, gln: str) -> Participant | None:
        """The participant whose location ``gln`` is, if any."""
        with self.engine.connect() as conn:
            pid = conn.execute(
                sa.select(T.participant_locations.c.participant_id).where(
                    T.participant_locations.c.gln == gln
                )
            ).scalar()
        return None if pid is None else self.get(pid)

    # -- keys -----------------------------------------------------------------------------
    def _issue(self, conn, pid: int) -> tuple[str, str]:
        key_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        conn.execute(
            sa.insert(T.api_keys).values(
                key_id=key_id, participant_id=pid, hash=self._ph.hash(secret), created_at=_now()
            )
        )
        return key_id, f"aimaq_{key_id}.{secret}"

    def revoke(self, who: int | str) -> int:
        """Revoke every live key of a participant; the number revoked."""
        p = self.get(who)
        with self.engine.begin() as conn:
            n = conn.execute(
                sa.update(T.api_keys)
                .where(T.api_keys.c.participant_id == p.id, T.api_keys.c.revoked_at.is_(None))
                .values(revoked_at=_now())
            ).rowcount
        with self._lock:
            self._verified = {k: v for k, v in self._verified.items() if v[1] != p.id}
        return n

    def rotate(self, who: int | str) -> IssuedKey:
        """Revoke a participant's keys and issue a new one, in one transaction."""
        p = self.get(who)
        with self.engine.begin() as conn:
            conn.execute(
                sa.update(T.api_keys)
                .where(T.api_keys.c.participant_id == p.id, T.api_keys.c.revoked_at.is_(None))
                .values(revoked_at=_now())
            )
            key_id, key = self._issue(conn, p.id)
        with self._lock:
            self._verified = {k: v for k, v in self._verified.items() if v[1] != p.id}
        return IssuedKey(p, key_id, key)

    def keys(self, who: int | str) -> list[dict]:
        """A participant's keys: id, created, revoked, last used (never the secret)."""
        p = self.get(who)
        k = T.api_keys
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(k.c.key_id, k.c.created_at, k.c.revoked_at, k.c.last_used_at)
                .where(k.c.participant_id == p.id)
                .order_by(k.c.created_at)
            ).all()
        return [r._asdict() for r in rows]

    def authenticate(self, key: str) -> Participant:
        """The participant holding ``key``; :class:`AuthError` if it is malformed, unknown or revoked."""
        m = _KEY.match(key or "")
        if not m:
            raise AuthError("malformed key")
        key_id, secret = m.groups()
        k = T.api_keys
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(k.c.participant_id, k.c.hash, k.c.revoked_at).where(k.c.key_id == key_id)
            ).first()
        if row is None:
            raise AuthError("unknown key")
        if row.revoked_at is not None:
            raise AuthError("revoked key")
        digest = hashlib.sha256(key.encode()).hexdigest()
        with self._lock:
            known = self._verified.get(digest)
        if known is None:  # Argon2 once per key and process, then a constant-time cache hit
            from argon2.exceptions import VerificationError

            try:
                self._ph.verify(row.hash, secret)
            except VerificationError:
                raise AuthError("wrong secret") from None
            with self._lock:
                self._verified[digest] = (key_id, row.participant_id)
        self._touch(key_id)
        return self.get(row.participant_id)

    def _touch(self, key_id: str) -> None:
        now = _now()
        with self._lock:
            last = self._touched.get(key_id)
            if last is not None and now - last < self.LAST_USED_EVERY:
                return
            self._touched[key_id] = now
        with self.engine.begin() as conn:
            conn.execute(
                sa.update(T.api_keys).where(T.api_keys.c.key_id == key_id).values(last_used_at=now)
            )

    # -- audit ----------------------------------------------------------------------------
    def audit(
        self,
        method: str,
        path: str,
        status: int,
        reason: str,
        participant_id: int | None = None,
        key_id: str | None = None,
    ) -> None:
        """Record a denied request."""
        with self.engine.begin() as conn:
            conn.execute(
                sa.insert(T.audit_log).values(
                    at=_now(),
                    participant_id=participant_id,
                    key_id=key_id,
                    method=method,
                    path=path,
                    status=status,
                    reason=reason,
                )
            )

    def audit_log(self, limit: int = 100) -> list[dict]:
        """The latest denied requests, newest first."""
        a = T.audit_log
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(a).order_by(a.c.id.desc()).limit(limit)).all()
        return [r._asdict() for r in rows]


def key_id_of(key: str) -> str | None:
    """The public key id of a well-formed key (for the audit log), else None."""
    m = _KEY.match(key or "")
    return m.group(1) if m else None


def _region_code(region: str) -> str:
    from aimaq.geo import names, registry

    if region in registry.all_codes():
        return region
    try:
        return names.resolve(region)
    except ValueError as e:
        raise ParticipantError(f"region: {e}") from None


def _participant(r, glns) -> Participant:
    created = r.created_at
    if created is not None and created.tzinfo is None:
        created = created.replace(tzinfo=dt.UTC)
    return Participant(
        id=r.id,
        name=r.name,
        role=Role(r.role),
        region=r.region,
        gs1_prefix=r.gs1_prefix,
        glns=tuple(sorted(glns)),
        created_at=created,
    )
