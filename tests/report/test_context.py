"""Tests for aimaq.report.context: what section builders read, and NoData for missing figures."""

import pytest

from aimaq import catalogue
from aimaq.datasets import Datasets
from aimaq.report.constants import EMP, GRP, POP, PROD
from aimaq.report.context import Context, NoData, Section


@pytest.fixture
def ctx(bundled_store):
    return Context(data=Datasets(bundled_store), lang="en", year=2022, borders=2022)


def test_productivity_is_grp_over_employment_with_catalogue_scales(ctx, bundled_store):
    pi, pi_nat = ctx.cross(PROD)
    grp = bundled_store.observations(GRP, years=[2022], borders=2022).set_index("region")["value"]
    emp = bundled_store.observations(EMP, years=[2022], borders=2022).set_index("region")["value"]
    conv = catalogue.get(GRP).scale / catalogue.get(EMP).scale / catalogue.get(PROD).scale
    assert pi["KZ-23"] == pytest.approx(grp["KZ-23"] * conv / emp["KZ-23"])
    assert pi_nat == pytest.approx(grp["KZ"] * conv / emp["KZ"])
    src = ctx.data.sources(PROD, 2022)
    assert src and all(s.startswith("aimaq: GRP per employed person") for s in src)


def test_missing_indicator_raises_nodata(ctx):
    ctx.year = 1990
    with pytest.raises(NoData, match="1990"):
        ctx.cross(GRP)


def test_population_change_is_consecutive_years_of_full_coverage(ctx, bundled_store):
    pc = ctx.population_change()
    assert pc["end"] == pc["start"] + 1 and ctx.year in (pc["start"], pc["end"])
    p = bundled_store.observations(POP, years=[pc["start"], pc["end"]], borders=2022)
    p = p.pivot(index="region", columns="year", values="value")
    want = 100 * (p[pc["end"]] / p[pc["start"]] - 1)
    assert pc["change"].pct["KZ-71"] == pytest.approx(want["KZ-71"])
    assert pc["national_pct"] == pytest.approx(want["KZ"])
    assert ctx.population_change() is pc  # computed once per build


def test_section_status():
    sec = Section("x", "X")
    assert sec.status == "ok"
    sec.missing.append("no figures")
    sec.blocks.append({"kind": "missing", "html": "no figures"})
    assert sec.status == "missing"
    sec.blocks.append({"kind": "table", "table": None})
    assert sec.status == "partial"
