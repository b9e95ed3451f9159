"""Issue 4's report sections: smart specialisation, typology, single-industry towns.

Every figure checked here is recomputed directly from the bundled store with the analysis
functions, never typed in.
"""

import re

import numpy as np
import pytest
from openpyxl import load_workbook

from aimaq import datasets as ds
from aimaq.analysis import monotowns as mt
from aimaq.analysis import specialisation as sp
from aimaq.report.text import fmt_number

NEW = ("specialisation", "typology", "monotowns")


def _section_html(report, sid: str) -> str:
    html = report.html.read_text(encoding="utf-8")
    m = re.search(rf'<section id="sec-{sid}".*?</section>', html, flags=re.S)
    assert m, sid
    return m.group(0)


def _table(report, tid: str):
    return next(t for t in report.tables if t.id == tid)


def test_sections_in_order_with_a_map_each(report_en):
    ids = [s.id for s in report_en.sections]
    assert ids[-4:] == [*NEW, "appendix"]
    for sid in NEW:
        sec = next(s for s in report_en.sections if s.id == sid)
        assert sec.status == "ok", (sid, sec.missing, sec.error)
        figs = [b for b in sec.blocks if b["kind"] == "figure"]
        assert figs and all("Plotly.newPlot(" in b["html"] for b in figs), sid
        # maps are filled outlines on plain axes: no plotly geo (it fetches from a CDN)
        assert '"geo"' not in "".join(b["html"] for b in figs)
        assert "scattergeo" not in "".join(b["html"] for b in figs)


def test_eci_and_krugman_equal_direct_computation(report_en, bundled_store):
    X = ds.activity_matrix(bundled_store, report_en.year, report_en.borders, "gva").X
    eci = sp.complexity(X).ECI
    K = sp.specialisation_indices(X).K
    tab = _table(report_en, "specialisation_profiles").frame
    row = tab[tab.iloc[:, 0] == "KZ-75"].iloc[0]  # Almaty city
    assert row.iloc[2] == pytest.approx(eci["KZ-75"])
    assert row.iloc[3] == pytest.approx(K["KZ-75"])
    sec = _section_html(report_en, "specialisation")
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
    tab = _table(report_en, "location_quotients")
    assert tab.frame.shape == (len(lq), 2 + 19)
    assert tab.frame.iloc[:, 2:].to_numpy() == pytest.approx(lq.to_numpy())
    sec = _section_html(report_en, "specialisation")
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
    tab = _table(report_en, "shift_share")
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


def test_typology_says_weights_are_a_choice(report_en, bundled_store):
    sec = _section_html(report_en, "typology")
    assert "a documented choice, not data" in sec
    f = next(f for f in report_en.findings if f.id == "typology")
    assert "не данные" in f.text["ru"] and "деректер емес" in f.text["kk"]
    from aimaq.analysis.typology import composite_index

    data, _ = ds.typology_table(bundled_store, report_en.year)
    ci = composite_index(data)
    tab = _table(report_en, "composite_index").frame
    assert list(tab.iloc[:, 1]) == list(ci.I.index)
    assert tab.iloc[:, 3].to_numpy() == pytest.approx(ci.I.to_numpy())
    assert (tab.iloc[:, 9] == tab.iloc[:, 8] - tab.iloc[:, 4]).all()  # rank range
    types = _table(report_en, "typology").frame
    assert types.iloc[:, 1].sum() == len(ci.I)
    assert "silhouette" in sec


def test_monotowns_unmatched_and_missing_scores(report_en):
    sec = _section_html(report_en, "monotowns")
    towns = mt.load_monotowns()
    unmatched = mt.match_settlements(towns).unmatched
    assert unmatched  # the bundled registry has a town GeoNames lacks
    reg = _table(report_en, "monotowns")
    assert len(reg.frame) == len(towns)
    for town in unmatched:
        assert town in sec
        assert any(town in n for n in reg.notes)
    assert "left missing, not imputed" in sec
    assert "dependence on the core enterprise" in sec and "population trend" in sec
    v = _table(report_en, "monotown_vulnerability").frame
    assert len(v) == len(towns) - len(unmatched)
    assert v.iloc[:, -1].isna().all() and (v.iloc[:, -2] < 50).all()  # V missing below coverage
    out = _table(report_en, "monotown_outflow").frame
    assert out.iloc[:, 4].to_numpy() == pytest.approx(0.1 * out.iloc[:, 2].to_numpy())
    f = next(f for f in report_en.findings if f.id == "monotowns")
    assert f.figures["n"] == len(towns)


def test_new_tables_have_sources_and_sheets(report_en):
    # every new table carries its sources and has a sheet
    for tid in (
        "location_quotients",
        "specialisation_profiles",
        "shift_share",
        "composite_index",
        "typology",
        "monotowns",
        "monotown_vulnerability",
        "monotown_outflow",
    ):
        tab = _table(report_en, tid)
        assert tab.sources, tid
        assert any(tid[:20] in s for s in report_en.sheets), tid
    srcs = set(report_en.sources["id"])
    assert {"gva_A_mln_kzt", "gva_S_mln_kzt"} <= srcs


def test_sections_without_data_say_so(tmp_path):
    """No GVA by section and no wages: specialisation and typology say so; the rest builds."""
    from aimaq.ingest.tidy import read_tidy_csv
    from aimaq.report import build_report
    from aimaq.store import Store, bundled_path

    frame = read_tidy_csv(bundled_path())
    drop = frame["indicator"].str.startswith("gva_") | (
        frame["indicator"] == "avg_monthly_nominal_wage_kzt"
    )
    st = Store(tmp_path / "nogva.sqlite")
    st.load(frame[~drop], file="bundled-without-gva-and-wages")
    res = build_report(st, year=2022, lang="ru", out_dir=tmp_path / "out")
    status = {s.id: s.status for s in res.sections}
    assert status["specialisation"] == "missing" and status["typology"] == "missing"
    assert status["monotowns"] == "ok" and status["key"] in ("ok", "partial")
    html = res.html.read_text(encoding="utf-8")
    assert "В хранилище нет данных «ВДС по секциям ОКЭД» за 2022 г." in html
    assert "Для сводного индекса и типологии нужны все показатели" in html
    assert not any(f.id in ("specialisation", "typology") for f in res.findings)
    st.dispose()
