"""Tests for aimaq.report.sections.profiles: one profile per region, linked, figures recomputed."""

import re

import pandas as pd
import pytest
from report_helpers import section_html, table

from aimaq.geo import registry
from aimaq.report.sections.profiles import sparkline

GRP_PC = "grp_per_capita_thousand_kzt"


def test_every_region_has_a_profile_linked_from_the_rankings(report_en):
    html = report_en.html.read_text(encoding="utf-8")
    codes = registry.region_codes(report_en.borders)
    assert len(codes) == 20
    for c in codes:
        assert html.count(f'id="region-{c}"') == 1
    rank = section_html(report_en, "rankings")
    linked = set(re.findall(r'href="#region-(KZ-\w+)"', rank))
    assert linked == set(codes)


def test_profile_values_ranks_and_ratios(report_en, bundled_store):
    tab = table(report_en, "profiles").frame
    obs = bundled_store.observations(GRP_PC, years=[2022], borders=2022).set_index("region")
    nat = obs.loc["KZ", "value"]
    reg = obs.drop(index="KZ")["value"]
    row = tab[(tab.iloc[:, 0] == "KZ-23") & (tab.iloc[:, 2] == "GRP per capita")].iloc[0]
    assert row.iloc[3] == pytest.approx(reg["KZ-23"])
    assert row.iloc[4] == int(reg.rank(ascending=False, method="min")["KZ-23"])
    assert row.iloc[6] == pytest.approx(reg["KZ-23"] / nat)
    sec = section_html(report_en, "profiles")
    prof = sec[sec.index('id="region-KZ-23"') :].split("</article>")[0]
    assert "Most similar regions" in prof and 'href="#region-' in prof
    assert "<svg" in prof and "&lt;" not in prof


def test_sparkline_scales_to_its_range():
    svg = sparkline(pd.Series([10.0, 20.0, 15.0], index=[2020, 2021, 2022]), "x")
    pts = re.search(r'points="([^"]+)"', svg).group(1).split()
    ys = [float(p.split(",")[1]) for p in pts]
    assert ys[1] == pytest.approx(2.0) and ys[0] == pytest.approx(24.0)  # top and bottom pad
    assert sparkline(pd.Series([1.0], index=[2022])) == "–"
