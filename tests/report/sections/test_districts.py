"""Tests for aimaq.report.sections.districts: maps, decomposition, profiles, missing figures."""

import pytest
from report_helpers import section_html, table

from aimaq.report import build_report


@pytest.fixture(scope="module")
def report_ru(bundled_store, tmp_path_factory):
    return build_report(bundled_store, lang="ru", out_dir=tmp_path_factory.mktemp("report_ru"))


def test_section_with_district_figures(report_ru):
    sec = next(s for s in report_ru.sections if s.id == "districts")
    assert sec.status == "ok"
    html = section_html(report_ru, "districts")
    assert html.count("<figure") == 3  # density, urban share, LISA
    assert "CC BY 4.0" in html and "лист &#39;02&#39;" in html
    dec = table(report_ru, "district_decomposition")
    assert dec.frame.iloc[-1, 0] == "Всего" and dec.frame.iloc[-1, 1] == 217
    prof = table(report_ru, "district_profiles").frame
    assert len(prof) == 219 and prof.iloc[:, 0].nunique() == 20  # every region lists its units


def test_section_without_district_figures_says_how_to_load(tmp_path):
    from aimaq.ingest.tidy import read_tidy_csv
    from aimaq.store import Store, bundled_path

    st = Store(tmp_path / "regions_only.sqlite")  # the regional bundled figures only
    st.load(read_tidy_csv(bundled_path()), file="observations.csv")
    rep = build_report(st, lang="en", out_dir=tmp_path / "out")
    st.dispose()
    sec = next(s for s in rep.sections if s.id == "districts")
    assert sec.status == "missing"
    assert "aimaq districts load" in sec.missing[0]


def test_appendix_lists_the_bulletin(report_ru):
    src = table(report_ru, "sources").frame
    rows = src[
        src.iloc[:, 3].str.contains("Численность населения Республики Казахстан по", na=False)
    ]
    assert {"population_total_bulletin", "population_urban", "population_rural"} <= set(
        rows.iloc[:, 0]
    )
