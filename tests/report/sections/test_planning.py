"""Tests for aimaq.report.sections.planning: status matrix, budget with the break, outlook."""

import re

import pytest
from report_helpers import section_html, table


def test_budget_section_donors_from_the_data_and_the_break(report_en):
    sec = section_html(report_en, "budget")
    assert "2018–2022 and 2023– are separate regimes" in sec and "4,995,055" in sec
    pos = table(report_en, "budget_positions").frame.set_index("Code")
    assert (pos.loc["KZ-23", [str(y) for y in range(2018, 2025)]] == "donor").all()
    assert pos.loc["KZ-71", "2019"] == "unknown" and pos.loc["KZ-71", "2023"] == "donor"
    assert table(report_en, "budget_positions").sources  # cited
    pc = table(report_en, "budget_per_capita")
    assert "2023" in pc.title


def test_outlook_section_chart_and_backtest(report_en):
    sec = next(s for s in report_en.sections if s.id == "outlook")
    assert sec.status == "ok" and any(b["kind"] == "figure" for b in sec.blocks)
    bt = table(report_en, "outlook_backtest").frame
    assert bt.iloc[-1, 0] == "MAPE" and bt.iloc[-1]["2021"] == pytest.approx(0.20, abs=0.01)
    assert "not a cohort-component model" in section_html(report_en, "outlook")


def test_monitoring_section_says_no_targets_are_shipped(report_en):
    assert "No targets are shipped" in section_html(report_en, "monitoring")
    st = table(report_en, "monitoring_status").frame
    assert set(st.iloc[:, 2:].to_numpy().ravel()) <= {
        "achieved",
        "on track",
        "acceleration needed",
        "limited progress",
        "deterioration",
        "not assessed",
        "–",
    }


def test_kazakh_planning_sections_are_translated(bundled_store, tmp_path):
    from aimaq.report import build_report

    kk = build_report(bundled_store, lang="kk", out_dir=tmp_path)
    pos = table(kk, "budget_positions")
    assert "донор" in set(pos.frame.iloc[:, 2:].to_numpy().ravel())
    for tid in ("budget_positions", "monitoring_status", "outlook_backtest"):
        t = table(kk, tid)
        assert not any(w in t.title for w in ("Budget", "Progress", "Back-test")), t.title
        latin = [c for c in map(str, t.frame.columns) if re.search("[A-Za-z]{2,}", c)]
        assert not latin, (tid, latin)
