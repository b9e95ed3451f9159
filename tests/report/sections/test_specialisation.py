"""Tests for aimaq.report.sections.specialisation: ECI, Krugman, location quotients and
shift-share recomputed directly from the bundled store."""

import re

import numpy as np
import pytest
from openpyxl import load_workbook
from report_helpers import section_html, table

from aimaq import datasets as ds
from aimaq.analysis import specialisation as sp
from aimaq.report.text import fmt_number


def test_eci_and_krugman_equal_direct_computation(report_en, bundled_store):
    X = ds.activity_matrix(bundled_store, report_en.year, report_en.borders, "gva").X
    eci = sp.complexity(X).ECI
    K = sp.specialisation_indices(X).K
    tab = table(report_en, "specialisation_profiles").frame
    row = tab[tab.iloc[:, 0] == "KZ-75"].iloc[0]  # Almaty city
    assert row.iloc[2] == pytest.approx(eci["KZ-75"])
    assert row.iloc[3] == pytest.approx(K["KZ-75"])
    sec = section_html(report_en, "specialisation")
    assert f'<td class="num">{fmt_number(eci["KZ-75"], "en", 3)}</td>' in sec
    # the executive summary names the most diversified, most specialised and highest-ECI region
    f = next(f for f in report_en.findings if f.id == "specialisation")
    N_eq = sp.specialisation_indices(X).N_eq
    assert f.figures["eci_region"] == eci.idxmax()
    assert f.figures["spec_region"] == K.idxmax()
    assert f.figures["div_region"] == N_eq.idxmax()
    assert set(f.text) == {"kk", "ru", "en"}
    assert fmt_number(eci.max(), "ru", 2) in f.text["ru"]


def test_location_quotients_heat_map(report_en, bundled_store):
    X = ds.activity_matrix(bundled_store, report_en.year, report_en.borders, "gva").X
    lq = sp.location_quotients(X).LQ
    tab = table(report_en, "location_quotients")
    assert tab.frame.shape == (len(lq), 2 + 19)
    assert tab.frame.iloc[:, 2:].to_numpy() == pytest.approx(lq.to_numpy())
    sec = section_html(report_en, "specialisation")
    n_hi = int((lq.to_numpy() >= 1).sum())
    assert len(re.findall(r'<td class="num hl\d">', sec)) == n_hi
    wb = load_workbook(report_en.xlsx)
    ws = wb[report_en.sheets[report_en.tables.index(tab)]]
    headers = [c.value for c in ws[3]]
    assert headers[2] == "A, LQ"  # the unit (a ratio, LQ) in every header
    filled = sum(
        1 for row in ws.iter_rows(min_row=4, max_row=3 + len(lq)) for c in row if c.fill.fill_type
    )
    assert filled == n_hi


def test_shift_share_components_sum_to_the_change(report_en, bundled_store):
    tab = table(report_en, "shift_share")
    df = tab.frame
    cols = list(df.columns)
    dx, ns, im, rs, tot, diff = (df[c].to_numpy(float) for c in cols[4:10])
    assert np.allclose(ns + im + rs, dx, rtol=0, atol=1e-6)
    assert np.allclose(tot, dx, rtol=0, atol=1e-6)
    assert np.abs(diff).max() < 1e-6
    assert any("Check" in n for n in tab.notes)
    # base year = the earliest GVA year, the final year summed to its borders
    y0 = int(bundled_store.observations("gva_A_mln_kzt")["year"].min())
    assert f"x0 ({y0})" in cols[2]
    X0 = ds.activity_matrix(bundled_store, y0, y0, "gva").X
    X1 = ds.activity_matrix(bundled_store, report_en.year, y0, "gva").X
    ss = sp.shift_share(X0, X1.loc[X0.index])
    body = df[df.iloc[:, 0] != "KZ"].set_index(cols[0])
    assert body[cols[7]].to_numpy() == pytest.approx(ss.summary.loc[body.index, "RS"].to_numpy())
    assert "KZ-ALM" in body.index  # the 2022 figures on the base year's division
