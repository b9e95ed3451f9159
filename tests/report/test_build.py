"""Tests for aimaq.report.build: the registry's sections in order, their tables and sheets,
sections without data."""

from report_helpers import table

NEW = ("specialisation", "typology", "monotowns")


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
        tab = table(report_en, tid)
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
