"""aimaq.ingest.rows on the bureau's real GRP table: each way of losing a region is a located error."""

import importlib.util
import sys
from pathlib import Path

import pytest

from aimaq.ingest import IngestError
from aimaq.ingest.dispatch import ingest_file
from aimaq.store import Store

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "ingest_mutations.py"
GRP = "bns_grp_per_capita_2008-2023.xlsx"


@pytest.fixture(scope="module")
def M():
    spec = importlib.util.spec_from_file_location("ingest_mutations", BENCH)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def base(M, shared_dir):
    return M.baseline(shared_dir / "data" / "kz" / "raw" / GRP)


def _refused(path, tmp_path, match):
    st = Store(tmp_path / "s.sqlite")
    with pytest.raises(IngestError, match=match) as e:
        ingest_file(path, st)
    assert st.count() == 0 and len(st.loads()) == 0
    st.dispose()
    assert str(path) in str(e.value)
    return e.value


def _mutate(M, base, tmp_path, pick, edit):
    sheet, row, ref = pick
    out = tmp_path / "m.xlsx"
    M._rewrite(base.path, out, base.sheet_xml[sheet], lambda x: edit(x, row, ref))
    return out, sheet, row, ref


@pytest.mark.shared
def test_region_with_district_marker_is_refused(M, base, tmp_path):
    sheet, row, ref = base.region_rows[5]
    label = M._label(base, sheet, ref)
    out, *_ = _mutate(
        M, base, tmp_path, (sheet, row, ref), lambda x, r, c: M._set_cell(x, c, text=label + " р-н")
    )
    e = _refused(out, tmp_path, r"sheet|row")
    assert e.sheet == sheet and (e.row == row or "missing" in str(e))


@pytest.mark.shared
def test_misspelt_national_total_is_refused_naming_its_cell(M, base, tmp_path):
    sheet, row, ref = base.national_rows[0]
    out, *_ = _mutate(
        M,
        base,
        tmp_path,
        (sheet, row, ref),
        lambda x, r, c: M._set_cell(x, c, text="Республика Казахстн"),
    )
    e = _refused(out, tmp_path, r"names no region the registry knows|unknown region name")
    assert (e.sheet, e.row, e.cell) == (sheet, row, ref)


@pytest.mark.shared
def test_deleted_region_row_is_refused_unless_partial(M, base, tmp_path):
    sheet, row, ref = base.region_rows[-1]
    out, *_ = _mutate(M, base, tmp_path, (sheet, row, ref), lambda x, r, c: M._blank_row(x, r))
    e = _refused(out, tmp_path, r"lists 19 of the 20 regions of the 2023 division; missing")
    assert e.sheet == sheet
    st = Store(tmp_path / "p.sqlite")
    s = ingest_file(out, st, allow_partial=True)
    assert s.added == len(base.figures) - len(base.rows[(sheet, row)])
    st.dispose()


@pytest.mark.shared
def test_junk_header_is_refused_naming_its_cell(M, base, tmp_path):
    sheet, ref = base.header_cells[3]
    out = tmp_path / "h.xlsx"
    M._rewrite(base.path, out, base.sheet_xml[sheet], lambda x: M._set_cell(x, ref, text="2O15"))
    e = _refused(out, tmp_path, r"neither a period nor blank")
    assert (e.sheet, e.cell) == (sheet, ref)


@pytest.mark.shared
def test_formula_without_saved_value_is_refused_naming_its_cell(M, base, tmp_path):
    (sheet, ref), _ = next(iter(base.by_cell.items()))
    out = tmp_path / "f.xlsx"
    M._rewrite(base.path, out, base.sheet_xml[sheet], lambda x: M._set_cell(x, ref, formula="B5*2"))
    e = _refused(out, tmp_path, r"formula without a saved result.*open and save")
    assert (e.sheet, e.cell) == (sheet, ref)


@pytest.mark.shared
def test_implausible_figure_is_refused_unless_forced_with_a_note(M, base, tmp_path):
    (sheet, ref), key = next(iter(base.by_cell.items()))
    out = tmp_path / "b.xlsx"
    M._rewrite(base.path, out, base.sheet_xml[sheet], lambda x: M._set_cell(x, ref, number="-5"))
    e = _refused(out, tmp_path, r"outside the plausible range")
    assert (e.sheet, e.cell) == (sheet, ref)
    st = Store(tmp_path / "f.sqlite")
    s = ingest_file(out, st, force="checked against the bulletin")
    rec = st.loads().iloc[-1]
    assert rec["note"] == "checked against the bulletin" and "forced" in rec["warnings"]
    assert s.added == len(base.figures)
    st.dispose()
