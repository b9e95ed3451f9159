"""Tests for aimaq.report.sections.people: named sets of regions, Hoover indices, people and
territory, wage against output and the poverty share.

Every figure checked here is recomputed from the bundled store, never typed in.
"""

import numpy as np
import pytest
from openpyxl import load_workbook
from report_helpers import section_html, table

from aimaq.geo import registry
from aimaq.geo.groupings import region_sets
from aimaq.report.text import fmt_number, fmt_pct

NEW_TABLES = (
    "region_sets",
    "hoover",
    "people_territory",
    "people_territory_regions",
    "income_output",
    "poverty_change",
)


def _values(store, ind: str, year: int) -> dict[str, float]:
    obs = store.observations(ind, years=[year])
    return dict(zip(obs["region"], obs["value"].astype(float), strict=True))


def test_section_before_population_change_and_ok(report_en):
    ids = [s.id for s in report_en.sections]
    assert ids.index("people") + 1 == ids.index("population")
    sec = next(s for s in report_en.sections if s.id == "people")
    assert sec.status == "ok", (sec.missing, sec.error)
    assert sec.title == "People, territory and income"
    figs = "".join(b["html"] for b in sec.blocks if b["kind"] == "figure")
    assert figs.count("Plotly.newPlot(") == 2  # density map and wage/output scatter
    assert '"geo"' not in figs and "scattergeo" not in figs


def test_named_set_shares_of_national_grp(report_en, bundled_store):
    g = _values(bundled_store, "grp_mln_kzt", 2022)
    sets = region_sets()
    html = section_html(report_en, "people")
    f = next(f for f in report_en.findings if f.id == "region_sets")
    for key in ("cities", "oil", "cities_and_oil"):
        share = 100 * sum(g[c] for c in sets[key].members) / g["KZ"]
        assert f'<td class="num">{fmt_number(share, "en", 1)}</td>' in html, key
        assert fmt_pct(share, "en", 1) in f.text["en"]
        assert fmt_pct(share, "ru", 1) in f.text["ru"] and fmt_pct(share, "kk", 1) in f.text["kk"]
    assert set(sets["cities"].members) == {"KZ-75", "KZ-71"}
    assert set(sets["oil"].members) == {"KZ-23", "KZ-47"}
    assert "analytical convention" in html


def test_hoover_population_vs_grp(report_en, bundled_store):
    codes = registry.region_codes(2022)
    p0 = _values(bundled_store, "population_total", 2022)
    p1 = _values(bundled_store, "population_total", 2023)
    g = _values(bundled_store, "grp_mln_kzt", 2022)
    pop = np.array([(p0[c] + p1[c]) / 2 for c in codes])  # average annual population
    grp = np.array([g[c] for c in codes])
    H = 0.5 * np.abs(pop / pop.sum() - grp / grp.sum()).sum()
    tab = table(report_en, "hoover").frame
    assert tab.iloc[-1, 6] == pytest.approx(H)
    assert tab.iloc[:-1, 6].sum() == pytest.approx(H)  # contributions sum to H
    assert f"Population vs GRP: H = {fmt_number(H, 'en', 3)}" in section_html(report_en, "people")
    f = next(f for f in report_en.findings if f.id == "hoover")
    assert f.figures["h_pg"] == pytest.approx(H)
    assert fmt_number(H, "kk", 3) in f.text["kk"]
    # population vs territory uses the polygon areas, and says so
    assert 0 < f.figures["h_pt"] < 1
    assert any(
        "area computed by aimaq from the boundary polygons" in n for n in tab_notes(report_en)
    )


def tab_notes(report):
    return table(report, "hoover").notes


def test_oil_region_asymmetry_row(report_en, bundled_store):
    w = _values(bundled_store, "avg_monthly_nominal_wage_kzt", 2022)
    y = _values(bundled_store, "grp_per_capita_thousand_kzt", 2022)
    w_rel, y_rel = w["KZ-23"] / w["KZ"], y["KZ-23"] / y["KZ"]
    assert w_rel < y_rel  # Atyrau: high output, wage position below it
    tab = table(report_en, "income_output").frame
    row = tab[tab.iloc[:, 0] == "KZ-23"].iloc[0]
    assert row.iloc[3] == pytest.approx(w_rel) and row.iloc[5] == pytest.approx(y_rel)
    assert row.iloc[6] == pytest.approx(w_rel / y_rel) and row.iloc[6] < 1
    html = section_html(report_en, "people")
    assert f'<td class="num">{fmt_number(w_rel / y_rel, "en", 2)}</td>' in html
    f = next(f for f in report_en.findings if f.id == "income_output")
    assert fmt_number(y_rel, "en", 2) in f.text["en"] and fmt_number(w_rel, "ru", 2) in f.text["ru"]
    assert set(f.text) == {"kk", "ru", "en"}


def test_people_territory_and_poverty(report_en, bundled_store):
    tab = table(report_en, "people_territory")
    df = tab.frame
    assert df.iloc[:-1, 2].sum() == pytest.approx(100) and df.iloc[:-1, 3].sum() == pytest.approx(
        100
    )
    assert "(1 January 2023)" in df.columns[5]  # the year of the urban share is named
    u = _values(bundled_store, "population_urban", 2023)
    r = _values(bundled_store, "population_rural", 2023)
    codes = registry.region_codes(2022)
    nat_u = 100 * sum(u[c] for c in codes) / sum(u[c] + r[c] for c in codes)
    assert df.iloc[-1, 5] == pytest.approx(nat_u)
    pov = table(report_en, "poverty_change")
    both = pov.frame.dropna(subset=[pov.frame.columns[4]])
    obs = bundled_store.observations("poverty_share_below_subsistence_pct")
    have = obs.groupby("region")["year"].agg(set)
    expect = {c for c, ys in have.items() if {2021, 2022} <= ys and c != "KZ"}
    assert set(both.iloc[:-1, 0]) == expect
    assert "KZ-35 Karaganda Region" in pov.notes[0]  # gaps are listed


def test_xlsx_has_the_new_sheets(report_en):
    wb = load_workbook(report_en.xlsx, read_only=True)
    for tid in NEW_TABLES:
        tab = table(report_en, tid)
        assert tab.sources, tid
        name = report_en.sheets[report_en.tables.index(tab)]
        assert tid[:20] in name and name in wb.sheetnames
    ws = wb[report_en.sheets[report_en.tables.index(table(report_en, "people_territory"))]]
    headers = [c.value for c in next(ws.iter_rows(min_row=3, max_row=3))]
    assert any(h and "persons per km²" in h for h in headers)


def test_store_without_wages_says_so(tmp_path):
    from aimaq.ingest.tidy import read_tidy_csv
    from aimaq.report import build_report
    from aimaq.store import Store, bundled_path

    frame = read_tidy_csv(bundled_path())
    st = Store(tmp_path / "nowage.sqlite")
    st.load(frame[frame["indicator"] != "avg_monthly_nominal_wage_kzt"], file="no-wages")
    res = build_report(st, year=2022, out_dir=tmp_path / "out")
    sec = next(s for s in res.sections if s.id == "people")
    msg = "Wage and output: No figures of “Average monthly nominal wage” for 2022 in the store."
    assert sec.status == "partial" and msg in sec.missing
    assert msg in section_html(res, "people")
    ids = {t.id for t in res.tables}
    assert {"region_sets", "hoover", "people_territory", "poverty_change"} <= ids
    assert "income_output" not in ids
    fids = {f.id for f in res.findings}
    assert {"region_sets", "hoover"} <= fids and "income_output" not in fids
    st.dispose()
