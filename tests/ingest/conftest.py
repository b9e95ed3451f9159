"""Fixtures of the ingest tests: a bureau-style table writer and a store holding one table."""

from pathlib import Path

import openpyxl
import pytest

from aimaq.ingest import IngestError
from aimaq.ingest.dispatch import ingest_file
from aimaq.store import Store

GOOD = [
    ("Республика Казахстан", "4 580,1", "5 513,6"),
    ("Акмолинская", "3 990,2", "4 611,0"),
    ("Атырауская", "15 802,4", "18 433,9"),
    ("г.Алматы", "7 021,5", "8 436,1"),
]


def write_table(
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
def good_rows():
    """The rows of the good table: national total and three regions, two years."""
    return list(GOOD)


@pytest.fixture
def table():
    """``table(path, rows=GOOD, ...)`` writes a sheet in the bureau's layout."""
    return write_table


@pytest.fixture
def store(tmp_path):
    """A store holding one good table, so that 'unchanged' is not trivially empty."""
    st = Store(tmp_path / "s.sqlite")
    s = ingest_file(write_table(tmp_path / "good.xlsx"), st)
    assert s.added == 8
    yield st
    st.dispose()


@pytest.fixture
def rejected(store):
    """``rejected(path, match, **kw)``: ingesting fails with ``match`` and the store is as it was."""

    def check(path, match, **kw):
        before = store.count()
        with pytest.raises(IngestError, match=match) as e:
            ingest_file(path, store, **kw)
        assert store.count() == before
        return e.value

    return check
