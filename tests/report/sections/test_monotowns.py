"""Tests for aimaq.report.sections.monotowns: registry, vulnerability, outflow scenario."""

import pytest
from report_helpers import section_html, table

from aimaq import datasets as ds


def test_monotowns_unmatched_and_missing_scores(report_en):
    sec = section_html(report_en, "monotowns")
    towns = ds.load_monotowns()
    unmatched = ds.match_settlements(towns).unmatched
    assert unmatched  # the bundled registry has a town GeoNames lacks
    reg = table(report_en, "monotowns")
    assert len(reg.frame) == len(towns)
    for town in unmatched:
        assert town in sec
        assert any(town in n for n in reg.notes)
    assert "left missing, not imputed" in sec
    assert "dependence on the core enterprise" in sec and "population trend" in sec
    v = table(report_en, "monotown_vulnerability").frame
    assert len(v) == len(towns) - len(unmatched)
    assert v.iloc[:, -1].isna().all() and (v.iloc[:, -2] < 50).all()  # V missing below coverage
    out = table(report_en, "monotown_outflow").frame
    assert out.iloc[:, 4].to_numpy() == pytest.approx(0.1 * out.iloc[:, 2].to_numpy())
    f = next(f for f in report_en.findings if f.id == "monotowns")
    assert f.figures["n"] == len(towns)
