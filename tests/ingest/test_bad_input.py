"""Bad bureau files: each is rejected with file, sheet, row and cell named, and the store is
left as it was."""

import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from aimaq.ingest import IngestError
from aimaq.ingest.bureau import read_bureau_file
from aimaq.ingest.dispatch import ingest_file
from aimaq.store import LoadError, Store

RAW = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "kz" / "raw"

GOOD = [
    ("Республика Казахстан", "4 580,1", "5 513,6"),
    ("Акмолинская", "3 990,2", "4 611,0"),
    ("Атырауская", "15 802,4", "18 433,9"),
    ("г.Алматы", "7 021,5", "8 436,1"),
]


def _table(
    path: Path,
    rows=GOOD,
    title="Валовой региональный продукт на душу населения",
    sheet="тыс.тенге",
    unit_cell=("C2", "тыс.тенге"),
    header=("2021 год", "2022 год"),
    unit_column=None,
) -> Path:
    """A sheet in the bureau's layout: title, unit line, period header, region rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws["A1"] = title
    if unit_cell:
        ws[unit_cell[0]] = unit_cell[1]
    first = 2 if unit_column is None else 3
    if unit_column is not None:
        ws["B3"] = "Единица измерения"
    for j, h in enumerate(header):
        ws.cell(3, first + j, h)
    for i, row in enumerate(rows, start=4):
        ws.cell(i, 1, row[0])
        if unit_column is not None:
            ws.cell(i, 2, unit_column[i - 4])
        for j, v in enumerate(row[1:]):
            ws.cell(i, first + j, v)
    wb.save(path)
    return path


@pytest.fixture
def store(tmp_path):
    """A store holding one good table, so that 'unchanged' is not trivially empty."""
    st = Store(tmp_path / "s.sqlite")
    s = ingest_file(_table(tmp_path / "good.xlsx"), st)
    assert s.added == 8
    yield st
    st.dispose()


def _rejected(store, path, match, **kw):
    before = store.count()
    with pytest.raises(IngestError, match=match) as e:
        ingest_file(path, store, **kw)
    assert store.count() == before == 8
    return e.value


def test_good_table_values(tmp_path, store):
    df = store.observations("grp_per_capita_thousand_kzt")
    got = dict(zip(zip(df["region"], df["year"], strict=True), df["value"], strict=True))
    assert got[("KZ", 2022)] == 5513.6
    assert got[("KZ-11", 2021)] == 3990.2
    assert got[("KZ-75", 2022)] == 8436.1


def test_truncated_xlsx(tmp_path, store):
    if not RAW.is_dir():
        pytest.skip(f"../shared not present ({RAW}): needs a real bureau workbook to cut")
    data = (RAW / "bns_grp_per_capita_2008-2023.xlsx").read_bytes()
    p = tmp_path / "cut.xlsx"
    p.write_bytes(data[: len(data) // 2])
    e = _rejected(store, p, r"cut\.xlsx: truncated or damaged \.xlsx workbook")
    assert e.file == str(p)


def test_truncated_generated_xlsx(tmp_path, store):
    good = _table(tmp_path / "g.xlsx")
    p = tmp_path / "cut2.xlsx"
    p.write_bytes(good.read_bytes()[:-200])
    _rejected(store, p, r"cut2\.xlsx: truncated or damaged")


def test_not_a_spreadsheet(tmp_path, store):
    p = tmp_path / "notes.xlsx"
    p.write_text("Валовой региональный продукт; 2022; 5 513,6\n", encoding="utf-8")
    _rejected(store, p, r"notes\.xlsx: not an \.xlsx workbook")
    q = tmp_path / "pic.png"
    q.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    _rejected(store, q, r"pic\.png: unsupported file type '\.png'")


def test_unknown_region(tmp_path, store):
    rows = [*GOOD[:2], ("Атлантидская", "1 000,0", "1 100,0"), *GOOD[2:]]
    e = _rejected(
        store,
        _table(tmp_path / "u.xlsx", rows),
        r"u\.xlsx, sheet 'тыс\.тенге', row 6, cell A6: unknown region name 'Атлантидская'",
    )
    assert (e.sheet, e.row, e.cell) == ("тыс.тенге", 6, "A6")


def test_text_where_a_number_should_be(tmp_path, store):
    rows = [*GOOD[:2], ("Атырауская", "15 802,4", "18,4 тыс."), GOOD[3]]
    e = _rejected(
        store,
        _table(tmp_path / "t.xlsx", rows),
        r"row 6, cell C6: '18,4 тыс\.' is not a number .* for 'Атырауская', '2022 год'",
    )
    assert (e.row, e.cell) == (6, "C6")


def test_duplicated_row_with_different_values(tmp_path, store):
    rows = [*GOOD, ("Акмолинская", "3 990,2", "4 700,0")]
    _rejected(
        store,
        _table(tmp_path / "d.xlsx", rows),
        r"row 8, cell C8: KZ-11 grp_per_capita_thousand_kzt 2022 given twice with different "
        r"values: 4611 \(sheet 'тыс\.тенге', cell C5\) and 4700",
    )


def test_duplicated_row_with_same_values_is_listed(tmp_path):
    bt = read_bureau_file(_table(tmp_path / "d2.xlsx", [*GOOD, GOOD[1]]))
    assert len(bt.frame) == 8
    rep = bt.skipped[bt.skipped["reason"].str.startswith("same figure already read")]
    assert sorted(rep["cell"]) == ["B8", "C8"]


def test_mixed_units_in_one_column(tmp_path, store):
    rows = [
        ("Республика Казахстан", "19 766 807"),
        ("Акмолинская", "788,0"),
        ("г.Алматы", "2 161 797"),
    ]
    p = _table(
        tmp_path / "m.xlsx",
        rows,
        title="Численность населения на начало года",
        sheet="Все население",
        unit_cell=None,
        header=("2023",),
        unit_column=["человек", "тыс. человек", "человек"],
    )
    _rejected(
        store,
        p,
        r"row 5, cell B5: mixed units for population_total: persons \(B4\) and "
        r"thousand persons \(B5\)",
    )


def test_mixed_units_in_one_table(tmp_path, store):
    p = _table(tmp_path / "m2.xlsx", unit_cell=("C2", "долл. США"))
    _rejected(
        store,
        p,
        r"sheet 'тыс\.тенге'.*mixed units in one table: thousand KZT \(sheet name "
        r"'тыс\.тенге'\), USD \(C2\)|mixed units in one table: USD \(C2\), thousand "
        r"KZT",
    )


def test_unit_contradicting_the_indicator(tmp_path, store):
    p = _table(
        tmp_path / "pct.xlsx",
        title="Численность населения",
        sheet="Лист1",
        unit_cell=("C2", "в процентах"),
    )
    _rejected(store, p, r"in % \(C2\) but population_total is in persons")


def test_indicator_the_file_does_not_name(tmp_path, store):
    p = _table(tmp_path / "anon.xlsx", title="Таблица 7", sheet="Лист1", unit_cell=None)
    _rejected(
        store,
        p,
        r"sheet 'Лист1': cannot tell the indicator from the file .* pass "
        r"indicator=<catalogue id>",
    )
    # and with it the file loads
    s = ingest_file(p, store, indicator="grp_per_capita_thousand_kzt")
    assert s.unchanged == 8 and s.added == 0


def test_failed_store_load_leaves_store_unchanged(tmp_path, store):
    """A frame the store rejects (conflicting duplicate) writes nothing."""
    frame = read_bureau_file(_table(tmp_path / "ok.xlsx")).frame
    new = frame.iloc[[0]].assign(period="2023", year=2023, value=1.0)
    bad = pd.concat([frame, new, new.assign(value=2.0)], ignore_index=True)
    before = store.count()
    with pytest.raises(LoadError, match="duplicated KZ grp_per_capita_thousand_kzt 2023"):
        store.load(bad, file="bad")
    assert store.count() == before == 8


def test_taldau_bad_value_and_date(tmp_path, store):
    p = tmp_path / "taldau_704447_x.csv"
    p.write_text("region,date,value\nАКМОЛИНСКАЯ ОБЛАСТЬ,2019-12-31,12 5x\n", encoding="utf-8")
    _rejected(store, p, r"row 2, cell C2: '12 5x' is not a number")
    p.write_text("region,date,value\nАКМОЛИНСКАЯ ОБЛАСТЬ,2019-06-30,125\n", encoding="utf-8")
    _rejected(store, p, r"row 2, cell B2: date '2019-06-30' is not a year end")
    q = tmp_path / "export.csv"
    shutil.copy(p, q)
    q.write_text("region,date,value\nАКМОЛИНСКАЯ ОБЛАСТЬ,2019-12-31,125\n", encoding="utf-8")
    _rejected(store, q, r"cannot tell the indicator.*pass indicator=")


def test_legacy_xls_is_named(tmp_path, store):
    p = tmp_path / "old.xls"
    p.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(512))
    _rejected(store, p, r"old\.xls: legacy \.xls workbook: save it as \.xlsx")


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


def test_taldau_duplicate_with_different_values(tmp_path, store):
    p = tmp_path / "taldau_704447_dup.csv"
    p.write_text(
        "region,date,value\nАКМОЛИНСКАЯ ОБЛАСТЬ,2019-12-31,125\n"
        "Акмолинская область,2019-12-31,126\n",
        encoding="utf-8",
    )
    _rejected(
        store,
        p,
        r"row 3, cell C3: KZ-11 income_per_capita_nominal_monthly_kzt 2019 given "
        r"twice with different values: 125 \(cell C2\) and 126",
    )


def test_unknown_indicator_argument(tmp_path, store):
    _rejected(
        store,
        _table(tmp_path / "w.xlsx"),
        r"w\.xlsx: indicator=: unknown indicator 'gdp_pc'",
        indicator="gdp_pc",
    )
