"""Store behaviour; every test runs on SQLite and, when reachable, PostgreSQL."""

import json

import pandas as pd
import pytest

from aimaq.store import LoadError


def _rows(values=(1.0, 2.0), indicator="grp_mln_kzt", source="test source"):
    return pd.DataFrame(
        {
            "region": ["KZ-11", "KZ-15"][: len(values)],
            "indicator": indicator,
            "year": 2022,
            "value": list(values),
            "unit": "million KZT",
            "source": source,
        }
    )


def test_load_and_query(empty_store):
    s = empty_store.load(_rows(), file="a.csv")
    assert (s.added, s.unchanged, s.revised) == (2, 0, 0)
    df = empty_store.observations("grp", years=[2022])
    assert df.set_index("region")["value"].to_dict() == {"KZ-11": 1.0, "KZ-15": 2.0}
    assert set(df["source"]) == {"test source"}


def test_same_file_twice_changes_nothing(empty_store):
    empty_store.load(_rows(), file="a.csv")
    n = empty_store.count()
    s = empty_store.load(_rows(), file="a.csv")
    assert (s.added, s.unchanged, s.revised) == (0, 2, 0)
    assert empty_store.count() == n


def test_revision_is_a_new_vintage(empty_store):
    empty_store.load(_rows((1.0, 2.0)), file="a.csv")
    s = empty_store.load(_rows((1.0, 2.5), source="revised source"), file="b.csv")
    assert (s.added, s.unchanged, s.revised) == (0, 1, 1)
    assert empty_store.value("grp", 2022, "KZ-15") == 2.5
    h = empty_store.history("grp", "KZ-15", "2022")
    assert h["value"].tolist() == [2.0, 2.5]
    assert h["vintage"].tolist() == [1, 2]
    assert h["is_current"].tolist() == [False, True]


@pytest.mark.parametrize(
    ("mutate", "match"),
    [
        (lambda d: d.assign(region=["KZ-11", "KZ-XX"]), "row 3: unknown region code 'KZ-XX'"),
        (lambda d: d.assign(value=["1", "abc"]), "row 3, field value: 'abc' is not a number"),
        (lambda d: pd.concat([d, d.iloc[[0]].assign(value=9.0)]), "duplicated KZ-11"),
        (lambda d: d.assign(unit=["million KZT", "thousand KZT"]), "mixed units"),
        (lambda d: d.assign(indicator="no_such"), "unknown indicator"),
        (lambda d: d.drop(columns=["source"]), "missing column"),
    ],
)
def test_bad_input_leaves_store_unchanged(empty_store, mutate, match):
    empty_store.load(
        _rows((5.0, 6.0), indicator="population_total").assign(unit="persons"), file="ok"
    )
    before = empty_store.count()
    with pytest.raises(LoadError, match=match):
        empty_store.load(mutate(_rows()).reset_index(drop=True), file="bad.csv")
    assert empty_store.count() == before


def test_unit_must_match_stored(empty_store):
    empty_store.load(_rows(), file="a.csv")
    with pytest.raises(LoadError, match="store holds it in 'million KZT'"):
        empty_store.load(_rows().assign(unit="billion KZT"), file="b.csv")


def test_failure_mid_transaction_rolls_back(empty_store, monkeypatch):
    """Rows already sent to the database are rolled back when the load fails after them."""
    import aimaq.store as store_mod

    empty_store.load(_rows(), file="a.csv")
    before = empty_store.count()
    real = store_mod._bulk_insert

    def insert_then_fail(conn, recs):
        real(conn, recs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(store_mod, "_bulk_insert", insert_then_fail)
    with pytest.raises(RuntimeError, match="disk full"):
        empty_store.load(_rows((7.0, 8.0), indicator="population_total").assign(unit="persons"))
    monkeypatch.undo()
    assert empty_store.count() == before
    assert len(empty_store.loads()) == 1


def test_older_schema_is_upgraded_in_place(empty_store, monkeypatch):
    """Opening a store of schema v runs the steps v+1..current and records the new version."""
    import sqlalchemy as sa

    from aimaq.store import Store
    from aimaq.store import schema as S

    empty_store.load(_rows(), file="a.csv")
    url = empty_store.url

    def add_column(conn):
        conn.execute(sa.text("ALTER TABLE sources ADD COLUMN licence TEXT"))

    v = S.SCHEMA_VERSION + 1
    monkeypatch.setattr(S, "SCHEMA_VERSION", v)
    monkeypatch.setitem(S.MIGRATIONS, v, add_column)
    empty_store.dispose()
    st = Store(url)
    with st.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT value FROM aimaq_meta")).scalar_one() == str(v)
        conn.execute(sa.text("SELECT licence FROM sources")).all()
    assert st.count() == 2  # figures kept
    monkeypatch.setattr(S, "SCHEMA_VERSION", v - 1)
    with pytest.raises(RuntimeError, match="newer than this aimaq"):
        Store(url)


def _split_rows():
    """Population of 2023 for Almaty region and Zhetysu (split from it on 2022-06-08)."""
    return pd.DataFrame(
        {
            "region": ["KZ-19", "KZ-33", "KZ-19"],
            "indicator": "population_total",
            "year": [2023, 2023, 2021],
            "value": [1500.0, 700.0, 2100.0],
            "unit": "persons",
            "source": ["src A", "src B", "src A"],
        }
    )


def test_on_division_sums_successors_with_their_sources(empty_store):
    empty_store.load(_split_rows(), file="p.csv")
    raw = empty_store.observations("population_total", years=[2023])
    res = empty_store.on_division(raw, 2021, "population_total")
    alm = res.frame.set_index("region").loc["KZ-ALM"]
    assert alm["value"] == 2200.0 and alm["source"] == "src A; src B"
    assert alm["note"] == "aggregated by aimaq: sum of KZ-19 + KZ-33"
    # the same as a harmonised query of the store
    q = empty_store.observations("population_total", years=[2023], borders=2021)
    assert q.set_index("region").loc["KZ-ALM", "value"] == 2200.0


def test_year_filter_is_in_the_sql(empty_store):
    import sqlalchemy as sa

    empty_store.load(_split_rows(), file="p.csv")
    seen = []
    sa.event.listen(
        empty_store.engine,
        "before_cursor_execute",
        lambda conn, cur, stmt, params, ctx, many: seen.append((stmt, params)),
    )
    df = empty_store.observations("population_total", years=[2021])
    assert df["year"].tolist() == [2021] and df["value"].tolist() == [2100.0]
    stmt, params = next((s, p) for s, p in seen if "observations" in s and "year" in s)
    assert "observations.year IN" in stmt
    flat = list(params.values()) if isinstance(params, dict) else list(params)
    assert 2021 in flat and 2023 not in flat


def test_v2_store_is_upgraded_to_v3_keeping_its_loads(empty_store):
    """v3 adds what a load skipped and warned about to ``loads``; older load records stay."""
    import sqlalchemy as sa

    from aimaq.store import Store
    from aimaq.store import schema as S

    empty_store.load(_rows(), file="old.csv")
    url = empty_store.url
    with empty_store.engine.begin() as conn:  # back to the v2 table
        for c in ("rows_skipped", "skipped_by_reason", "warnings", "note"):
            conn.execute(sa.text(f"ALTER TABLE loads DROP COLUMN {c}"))
        conn.execute(sa.text("UPDATE aimaq_meta SET value = '2' WHERE key = 'schema'"))
    empty_store.dispose()
    st = Store(url)
    with st.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT value FROM aimaq_meta")).scalar_one() == str(
            S.SCHEMA_VERSION
        )
    loads = st.loads()
    assert loads["file"].tolist() == ["old.csv"] and loads["warnings"].isna().all()
    s = st.load(
        _rows((5.0, 6.0)),
        file="new.csv",
        skipped={"gap: empty": 3},
        warnings=["no unit stated"],
        note="checked by hand",
    )
    rec = st.loads().iloc[-1]
    assert (rec["rows_skipped"], rec["note"]) == (3, "checked by hand")
    assert json.loads(rec["skipped_by_reason"]) == {"gap: empty": 3}
    assert json.loads(rec["warnings"]) == ["no unit stated"]
    assert s.rows_skipped == 3
    st.dispose()
