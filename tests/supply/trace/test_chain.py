"""Tamper evidence: modify, insert, delete, reorder stored records; verify names the record."""

import pytest
import sqlalchemy as sa

from aimaq.store.tables_trace import trace_events as E
from aimaq.supply.trace.chain import verify
from aimaq.supply.trace.repository import capture


@pytest.fixture
def chained(store, make_event, make_doc):
    evs = [make_event(epcList=[f"urn:epc:id:sgtin:9521002.000002.{i}"]) for i in range(1, 7)]
    capture(store, make_doc(*evs[:3]))
    capture(store, make_doc(*evs[3:]))
    assert verify(store).ok and verify(store).n_records == 6
    return store


def _exec(st, stmt):
    with st.engine.begin() as c:
        c.execute(stmt)


def test_modified_body_is_named(chained):
    _exec(
        chained,
        sa.update(E)
        .where(E.c.id == 4)
        .values(body=sa.func.replace(E.c.body, "shipping", "receiving")),
    )
    r = verify(chained)
    assert (r.ok, r.first_bad) == (False, 4) and "changed" in r.reason


def test_modified_indexed_column_is_named(chained):
    _exec(
        chained,
        sa.update(E).where(E.c.id == 2).values(biz_location="https://id.gs1.org/414/9521005000013"),
    )
    assert verify(chained).first_bad == 2


def test_deleted_record_is_named(chained):
    _exec(chained, sa.delete(E).where(E.c.id == 3))
    r = verify(chained)
    assert (r.ok, r.first_bad) == (False, 3) and "missing" in r.reason


def test_deleted_last_record_is_named(chained):
    _exec(chained, sa.delete(E).where(E.c.id == 6))
    r = verify(chained)
    assert (r.ok, r.first_bad) == (False, 6) and "missing" in r.reason


def test_inserted_record_is_named(chained):
    with chained.engine.begin() as c:
        row = dict(c.execute(sa.select(E).where(E.c.id == 6)).mappings().one())
    row.update(id=7, dedup_key="forged", event_hash="forged")
    _exec(chained, sa.insert(E).values(**row))
    r = verify(chained)
    assert (r.ok, r.first_bad) == (False, 7)


def test_reordered_records_are_named(chained):
    cols = [c.name for c in E.columns if c.name != "id"]
    with chained.engine.begin() as c:
        a = dict(c.execute(sa.select(E).where(E.c.id == 2)).mappings().one())
        b = dict(c.execute(sa.select(E).where(E.c.id == 5)).mappings().one())
        c.execute(sa.update(E).where(E.c.id == 2).values(dedup_key="tmp"))
        c.execute(sa.update(E).where(E.c.id == 5).values(**{k: a[k] for k in cols}))
        c.execute(sa.update(E).where(E.c.id == 2).values(**{k: b[k] for k in cols}))
    r = verify(chained)
    assert (r.ok, r.first_bad) == (False, 2)


def test_recomputed_record_still_breaks_the_next_link(chained):
    from aimaq.supply.trace.chain import record_hash, record_text

    with chained.engine.begin() as c:
        row = dict(c.execute(sa.select(E).where(E.c.id == 3)).mappings().one())
        row["body"] = row["body"].replace("shipping", "receiving")
        h = record_hash(3, row["prev_hash"], record_text(row))
        c.execute(sa.update(E).where(E.c.id == 3).values(body=row["body"], record_hash=h))
    r = verify(chained)
    assert (r.ok, r.first_bad) == (False, 4) and "follow" in r.reason
