"""Tests for aimaq.report.tables: the table builder, HTML cells per language, the workbook."""

from openpyxl import load_workbook

from aimaq.report.tables import Column, table_of, to_html, write_xlsx
from aimaq.report.text import NBSP


def _tab():
    return table_of(
        "t1",
        "Test table",
        [Column("region"), Column("value, KZT", 1), Column("n", 0, "Int64")],
        [["KZ-11", 1234.56, 3], ["KZ-15", None, None]],
        notes=["a note"],
        sources=["source A"],
    )


def test_table_of_carries_formats_and_types():
    tab = _tab()
    assert tab.digits == {"value, KZT": 1, "n": 0}
    assert str(tab.frame["n"].dtype) == "Int64" and tab.frame["n"].isna().tolist() == [False, True]
    assert tab.notes == ["a note"] and tab.sources == ["source A"]


def test_html_cells_follow_the_language():
    html_ru = str(to_html(_tab(), "ru"))
    assert f"1{NBSP}234,6" in html_ru and "–" in html_ru
    assert "1,234.6" in str(to_html(_tab(), "en"))


def test_workbook_keeps_raw_numbers(tmp_path):
    path = tmp_path / "t.xlsx"
    sheets = write_xlsx([_tab()], path, title="T")
    ws = load_workbook(path)[sheets[-1]]
    values = [c.value for row in ws.iter_rows() for c in row]
    assert 1234.56 in values and "KZ-15" in values
