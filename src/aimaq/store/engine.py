"""The store's database connections and its write transactions, safe with several writers.

SQLite: write-ahead logging (readers never wait for a writer), a busy timeout, and every write
transaction opened with ``BEGIN IMMEDIATE`` so that two writers queue at the start instead of
deadlocking half-way; a writer that still finds the store locked after the timeout gets one
clear :class:`StoreBusyError`. PostgreSQL: a write transaction takes a transaction-level
advisory lock per indicator it writes (in sorted order, so two loads cannot deadlock); loads of
overlapping indicators run one after the other, each seeing what the other committed, so the
result equals some serial order; loads of different indicators run side by side.
"""

from __future__ import annotations

import os
import time
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import sqlalchemy as sa

__all__ = ["StoreBusyError", "busy_timeout", "make_engine", "write_transaction"]


class StoreBusyError(RuntimeError):
    """Another process kept the store locked for longer than the busy timeout."""


def busy_timeout() -> float:
    """Seconds a writer waits for another one: ``AIMAQ_BUSY_TIMEOUT``, default 60."""
    try:
        return max(0.1, float(os.environ.get("AIMAQ_BUSY_TIMEOUT", "60")))
    except ValueError:
        return 60.0


def make_engine(url: str) -> sa.Engine:
    """An engine for ``url``; on SQLite with WAL, a busy timeout and explicit transactions."""
    if not url.startswith("sqlite"):
        return sa.create_engine(url)
    engine = sa.create_engine(url)

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None  # the driver leaves BEGIN to us (below)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout() * 1000)}")
        if url not in ("sqlite://", "sqlite:///:memory:"):
            cur.execute("PRAGMA journal_mode = WAL")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        immediate = conn.get_execution_options().get("aimaq_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _lock_key(name: str) -> int:
    return zlib.crc32(f"aimaq:{name}".encode()) - 2**31  # a signed 32-bit advisory-lock key


def _is_busy(e: sa.exc.OperationalError) -> bool:
    msg = str(e.orig).lower() if e.orig is not None else str(e).lower()
    return "database is locked" in msg or "database is busy" in msg or "lock timeout" in msg


@contextmanager
def write_transaction(
    engine: sa.Engine, url: str, keys: Iterable[str] = ()
) -> Iterator[sa.Connection]:
    """A write transaction that waits its turn (see the module docstring).

    Parameters
    ----------
    keys : iterable of str
        What the transaction writes (indicator ids, "schema"): on PostgreSQL each is locked.

    Raises
    ------
    StoreBusyError
        The store stayed locked by another writer for longer than :func:`busy_timeout`.
    """
    timeout = busy_timeout()
    deadline = time.monotonic() + timeout
    attempt = 0
    while True:
        attempt += 1
        conn = engine.connect().execution_options(aimaq_write=True)
        try:
            trans = conn.begin()
        except sa.exc.OperationalError as e:
            conn.close()
            if _is_busy(e) and time.monotonic() < deadline:
                time.sleep(min(0.5, 0.05 * attempt))
                continue
            if _is_busy(e):
                raise StoreBusyError(_busy_message(url, timeout)) from None
            raise
        break
    try:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{int(timeout * 1000)}ms'")
            for k in sorted(set(keys)):
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _lock_key(k)})
        yield conn
        trans.commit()
    except sa.exc.OperationalError as e:
        trans.rollback()
        if (
            _is_busy(e)
            or "lock timeout" in str(e).lower()
            or "locknotavailable" in type(e.orig).__name__.lower()
        ):
            raise StoreBusyError(_busy_message(url, timeout)) from None
        raise
    except BaseException:
        trans.rollback()
        raise
    finally:
        conn.close()


def _busy_message(url: str, timeout: float) -> str:
    where = sa.engine.make_url(url).render_as_string(hide_password=True)
    return (
        f"store {where} is busy: another aimaq process kept it locked for more than "
        f"{timeout:g} s; nothing was written — run the command again when it has finished "
        "(or set AIMAQ_BUSY_TIMEOUT to wait longer)"
    )
