"""Tests for aimaq.report.sections.methodology: the anchor, the rule, every index listed."""

from report_helpers import section_html, table

from aimaq.report.sections.methodology import INDICES


def test_methodology_states_the_rule_division_and_vintages(report_en, bundled_store):
    html = report_en.html.read_text(encoding="utf-8")
    assert html.count('id="methodology"') == 1
    sec = section_html(report_en, "methodology")
    assert "significant at the 5% level" in sec and "999 permutations" in sec
    assert "borders of 2022" in sec and "borders of 2021" in sec
    idx = table(report_en, "methodology_indices").frame
    assert len(idx) == len(INDICES) and idx.iloc[:, 0].str.len().min() > 3
    vint = table(report_en, "vintages").frame
    assert list(vint.iloc[:, 0]) == list(bundled_store.loads()["file"])
