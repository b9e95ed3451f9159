"""The bundled long series (data/bundled/history.csv) against the bureau's raw files."""

from __future__ import annotations

import csv
import re
from importlib import resources
from pathlib import Path

import pandas as pd
import pytest

HISTORY = Path(str(resources.files("aimaq.data").joinpath("bundled", "history.csv")))
_WHERE = re.compile(r"raw/(?P<file>[^:]+): (?:sheet '(?P<sheet>[^']+)', )?cell (?P<cell>[A-Z]+\d+)")


@pytest.fixture(scope="module")
def history() -> pd.DataFrame:
    return pd.read_csv(HISTORY, dtype={"period": str})


def _cell_values(shared: Path, history: pd.DataFrame) -> list[tuple[float, object]]:
    import openpyxl
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    books, csvs, out = {}, {}, []
    for value, note in zip(history["value"], history["note"], strict=True):
        m = _WHERE.search(note)
        assert m, f"note {note!r} does not say which cell the figure was read from"
        path = shared / "data" / "kz" / "raw" / m["file"]
        if path.suffix == ".xlsx":
            if path not in books:
                books[path] = openpyxl.load_workbook(path, data_only=True)
            out.append((value, books[path][m["sheet"]][m["cell"]].value))
        else:
            if path not in csvs:
                with open(path, encoding="utf-8-sig", newline="") as fh:
                    csvs[path] = list(csv.reader(fh))
            col, row = coordinate_from_string(m["cell"])
            out.append((value, csvs[path][row - 1][column_index_from_string(col) - 1]))
    return out


@pytest.mark.shared
def test_every_history_figure_equals_its_raw_cell(shared_dir, history):
    pairs = _cell_values(shared_dir, history)
    assert len(pairs) == len(history) > 4000
    bad = [(v, c) for v, c in pairs if float(str(c).replace(",", ".").replace(" ", "")) != v]
    assert not bad, f"{len(bad)} figures differ from their cell, e.g. {bad[:3]}"


@pytest.mark.parametrize(
    ("indicator", "first", "last"),
    [
        ("grp_per_capita_thousand_kzt", 2008, 2023),
        ("population_total", 2000, 2023),
        ("unemployment_rate_pct", 2001, 2023),
        ("income_per_capita_nominal_monthly_kzt", 2000, 2020),
    ],
)
def test_history_spans_the_raw_files_years_with_a_national_row(history, indicator, first, last):
    h = history[history["indicator"] == indicator]
    assert (h["year"].min(), h["year"].max()) == (first, last)
    assert set(range(first, last + 1)) <= set(h.loc[h["region"] == "KZ", "year"])


def test_history_and_observations_agree_where_both_hold(history):
    obs = pd.read_csv(HISTORY.parents[1] / "observations.csv", dtype={"period": str})
    m = history.merge(obs, on=["region", "indicator", "period"], suffixes=("", "_obs"))
    assert len(m) > 400
    assert (m["value"] == m["value_obs"]).all()
    assert (m["source"] == m["source_obs"]).all()


def test_store_loads_history_without_revisions(bundled_store):
    loads = bundled_store.loads()
    assert any("history.csv" in str(f) for f in loads.astype(str).to_numpy().ravel())
    grp = bundled_store.panel("grp_per_capita_thousand_kzt")
    assert grp.columns.min() == 2008
    # Atyrau 2008 as printed in the bureau's file (sheet 'тыс.тенге', cell E9)
    assert grp.loc["KZ-23", 2008] == 3626.0
