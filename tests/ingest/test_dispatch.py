"""aimaq.ingest.dispatch: the reader picked by extension and header; damaged files refused."""

from pathlib import Path

import pandas as pd
import pytest

from aimaq.ingest import IngestError
from aimaq.ingest.dispatch import ingest_file, read_bureau_file
from aimaq.store import LoadError

RAW = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "kz" / "raw"


def test_truncated_xlsx(tmp_path, store, rejected):
    if not RAW.is_dir():
        pytest.skip(f"../shared not present ({RAW}): needs a real bureau workbook to cut")
    data = (RAW / "bns_grp_per_capita_2008-2023.xlsx").read_bytes()
    p = tmp_path / "cut.xlsx"
    p.write_bytes(data[: len(data) // 2])
    e = rejected(p, r"cut\.xlsx: truncated or damaged \.xlsx workbook")
    assert e.file == str(p)


def test_truncated_generated_xlsx(tmp_path, store, rejected, table):
    good = table(tmp_path / "g.xlsx")
    p = tmp_path / "cut2.xlsx"
    p.write_bytes(good.read_bytes()[:-200])
    rejected(p, r"cut2\.xlsx: truncated or damaged")


def test_not_a_spreadsheet(tmp_path, store, rejected):
    p = tmp_path / "notes.xlsx"
    p.write_text("Валовой региональный продукт; 2022; 5 513,6\n", encoding="utf-8")
    rejected(p, r"notes\.xlsx: not an \.xlsx workbook")
    q = tmp_path / "pic.png"
    q.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    rejected(q, r"pic\.png: unsupported file type '\.png'")


def test_legacy_xls_is_named(tmp_path, store, rejected):
    p = tmp_path / "old.xls"
    p.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(512))
    rejected(p, r"old\.xls: legacy \.xls workbook: save it as \.xlsx")


def test_dispatch_by_header(tmp_path, store):
    tidy = tmp_path / "tidy.csv"
    tidy.write_text(
        "region,indicator,year,value,unit,source\n"
        "Акмолинская,grp_per_capita_thousand_kzt,2020,3 500.5,thousand KZT per person,test\n",
        encoding="utf-8",
    )
    s = ingest_file(tidy, store)
    assert (s.added, store.value("grp_per_capita_thousand_kzt", 2020, "KZ-11")) == (1, 3500.5)
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    before = store.count()
    with pytest.raises(IngestError, match=r"other\.csv, row 1: CSV header \['a', 'b'\] is neither"):
        ingest_file(other, store)
    assert store.count() == before == 9


def test_failed_store_load_leaves_store_unchanged(tmp_path, store, table):
    """A frame the store rejects (conflicting duplicate) writes nothing."""
    frame = read_bureau_file(table(tmp_path / "ok.xlsx")).frame
    new = frame.iloc[[0]].assign(period="2023", year=2023, value=1.0)
    bad = pd.concat([frame, new, new.assign(value=2.0)], ignore_index=True)
    before = store.count()
    with pytest.raises(LoadError, match="duplicated KZ grp_per_capita_thousand_kzt 2023"):
        store.load(bad, file="bad")
    assert store.count() == before == 8


def test_layouts_are_asked_in_priority_order():
    from aimaq.ingest import activity, bureau, grid

    names = [x.name for x in grid.layouts()]
    assert names.index(activity.LAYOUT.name) < names.index(bureau.LAYOUT.name)
    assert (
        bureau.LAYOUT.claims("anything") and activity.LAYOUT.claims("численность населения") is None
    )


def test_a_registered_layout_reads_the_sheets_it_claims(tmp_path, table, monkeypatch):
    from aimaq.ingest import grid
    from aimaq.ingest.table import SheetResult

    seen = []

    def read(ctx, ws, cells, token):
        seen.append((ws.title, token, cells[0][0]))
        ctx.skip(ws.title, None, None, None, "read by the test layout")
        return SheetResult([], None, set())

    monkeypatch.setattr(grid, "_LAYOUTS", dict(grid._LAYOUTS))
    grid.register_layout(grid.SheetLayout("test", lambda head: "валов" in head or None, read, 99))
    with pytest.raises(IngestError, match="no figures read \\(read by the test layout\\)"):
        read_bureau_file(table(tmp_path / "t.xlsx"))
    assert seen == [("тыс.тенге", True, "Валовой региональный продукт на душу населения")]
