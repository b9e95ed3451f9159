"""The national report built from the bundled data: figures, workbook, missing data."""

import re

import plotly.offline
import pytest
from openpyxl import load_workbook

from aimaq.geo import registry
from aimaq.ingest.tidy import read_tidy_csv
from aimaq.report import build_report, default_year
from aimaq.report.text import NBSP, fmt_number, fmt_pct
from aimaq.store import Store, bundled_path

GRP_PC = "grp_per_capita_thousand_kzt"


def _grp_2022(store):
    """National GRP per capita 2022 and the count of regions below it, from the store."""
    obs = store.observations(GRP_PC, years=[2022])
    nat = float(obs.loc[obs["region"] == "KZ", "value"].iloc[0])
    reg = obs[obs["region"].isin(registry.region_codes(2022))]
    return nat, int((reg["value"] < nat).sum()), len(reg)


def test_number_formats():
    assert fmt_number(5284.7, "en") == "5,284.7"
    assert fmt_number(5284.7, "ru") == f"5{NBSP}284,7"
    assert fmt_number(5284.7, "kk") == f"5{NBSP}284,7"
    assert fmt_number(1234567.25, "ru", 2) == f"1{NBSP}234{NBSP}567,25"
    assert fmt_pct(4.9, "en") == "4.9%" and fmt_pct(4.9, "ru") == f"4,9{NBSP}%"
    assert fmt_number(float("nan")) == "–" and fmt_number(None) == "–"


def test_default_year_is_latest_full_grp_per_capita_year(bundled_store):
    cov = bundled_store.coverage()
    g = cov[cov["indicator"] == GRP_PC]
    full = [y for y, s in g.groupby("year")["region"] if set(registry.region_codes()) <= set(s)]
    assert default_year(bundled_store) == max(full)


def test_html_has_national_value_and_count_below(report_en, bundled_store):
    nat, n_below, n = _grp_2022(bundled_store)
    html = report_en.html.read_text(encoding="utf-8")
    assert report_en.year == 2022
    assert fmt_number(nat, "en", 1) in html
    assert f"{n_below} of {n} regions were below the national value" in html
    f = next(f for f in report_en.findings if f.id == "grp_position")
    assert f.figures["n_below"] == n_below and f.figures["national"] == pytest.approx(nat)
    # the same figures in Russian and Kazakh, with their number format
    assert f"{fmt_number(nat, 'ru', 1)}" in f.text["ru"] and f"{n_below} из {n}" in f.text["ru"]
    assert NBSP in fmt_number(nat, "kk", 1) and fmt_number(nat, "kk", 1) in f.text["kk"]


def test_html_is_self_contained(report_en):
    html = report_en.html.read_text(encoding="utf-8")
    js = plotly.offline.get_plotlyjs()
    assert html.count(js[:300]) == 1  # plotly.js embedded exactly once
    assert not re.search(r"<script[^>]+src=", html)
    assert "<link" not in html
    rest = html.replace(js, "")  # the page without the embedded library
    assert not re.search(r"https?://", rest)  # no CDN, no fetch of MathJax or fonts
    assert "MathJaxConfig: 'local'" in rest
    assert html.count("Plotly.newPlot(") >= 10


def test_sections_present(report_en):
    html = report_en.html.read_text(encoding="utf-8")
    status = {s.id: s.status for s in report_en.sections}
    assert all(v == "ok" for v in status.values()), status
    for needle in (
        "Theil T (GE(1))",
        "Theil L (GE(0)",
        "LISA",
        "Lorenz",
        "β-convergence",
        "σ-convergence",
        "Macro-region",
        "Executive summary",
        "Gaps",
        "Sources",
    ):
        assert needle in html, needle
    # every finding links to a table that exists
    ids = {t.id for t in report_en.tables}
    assert all(f.table in ids for f in report_en.findings)


def test_xlsx_has_every_table(report_en):
    wb = load_workbook(report_en.xlsx, read_only=True)
    assert wb.sheetnames[0] == "Contents"
    assert len(wb.sheetnames) == len(report_en.tables) + 1
    for tab, name in zip(report_en.tables, report_en.sheets, strict=True):
        assert tab.id[:20] in name
    ws = wb[report_en.sheets[[t.id for t in report_en.tables].index(f"rank_{GRP_PC}")]]
    headers = [c.value for c in next(ws.iter_rows(min_row=3, max_row=3))]
    assert any(h and "thousand KZT" in h for h in headers)  # units in the headers


def test_gaps_listed(report_en, bundled_store):
    """The appendix lists what the store lacks, per indicator, year and region."""
    cov = next(t for t in report_en.tables if t.id == "coverage").frame
    store_cov = bundled_store.coverage()
    wage = "avg_monthly_nominal_wage_kzt"
    have = set(store_cov.loc[store_cov["indicator"] == wage, "year"])
    listed = set(cov.loc[cov["id"] == wage, cov.columns[2]].astype(int))
    assert 2021 not in have and 2021 in listed  # a year without wages is listed
    assert not (listed & have)  # years with complete wage data are not listed
    row = cov[(cov["id"] == wage) & (cov[cov.columns[2]] == "2021")].iloc[0]
    assert row.iloc[3] == 0 and row.iloc[4] == len(registry.region_codes(2021)) + 1
    html = report_en.html.read_text(encoding="utf-8")
    assert "all (no figures)" in html
    # every source used is in the appendix
    srcs = set(report_en.sources.iloc[:, 3])
    obs = bundled_store.observations(GRP_PC, years=[2022])
    assert set(obs["source"]) <= srcs


def test_missing_section_says_so(tmp_path):
    """A store without wages: the wage map and ranking say so; the rest still builds."""
    frame = read_tidy_csv(bundled_path())
    frame = frame[frame["indicator"] != "avg_monthly_nominal_wage_kzt"]
    st = Store(tmp_path / "nowage.sqlite")
    st.load(frame, file="bundled-without-wages")
    res = build_report(st, year=2022, out_dir=tmp_path / "out")
    html = res.html.read_text(encoding="utf-8")
    msg = "No figures of “Average monthly nominal wage” for 2022 in the store."
    assert msg in html
    maps = next(s for s in res.sections if s.id == "maps")
    assert maps.status == "partial" and msg in maps.missing
    assert not any(f.id == "wage" for f in res.findings)
    assert any(f.id == "grp_position" for f in res.findings)
    wage_gaps = res.gaps[res.gaps["id"] == "avg_monthly_nominal_wage_kzt"]
    assert len(wage_gaps) and wage_gaps.iloc[:, 4].max() >= 20
    st.dispose()


def test_kazakh_report_on_old_borders(bundled_store, tmp_path):
    res = build_report(bundled_store, year=2021, lang="kk", borders=2021, out_dir=tmp_path)
    html = res.html.read_text(encoding="utf-8")
    assert 'lang="kk"' in html and "Негізгі тұжырымдар" in html
    nat = bundled_store.value(GRP_PC, 2021)
    assert fmt_number(nat, "kk", 1) in html
    assert res.borders == 2021
    key = next(t for t in res.tables if t.id == "key_indicators").frame
    assert key.iloc[0, 3] == len(registry.region_codes(2021))
    # no wages for 2021 in the bundled data: said in Kazakh
    assert "деректер жоқ" in html.lower() or "Қоймада" in html


def test_report_command(bundled_store, tmp_path):
    import typer
    from typer.testing import CliRunner

    from aimaq.commands.report import register

    app = typer.Typer()

    @app.callback()
    def main():
        """aimaq"""

    register(app)
    out = tmp_path / "cli"
    codes = registry.region_codes(2022)
    groups = tmp_path / "groups.toml"
    groups.write_text(
        f"[groups]\na = {codes[:10]!r}\nb = {codes[10:]!r}\n".replace("'", '"')
        + '[labels]\na = { en = "A", ru = "Группа А", kk = "А тобы" }\n'
        + 'b = { en = "B", ru = "Группа Б", kk = "Б тобы" }\n',
        encoding="utf-8",
    )
    r = CliRunner().invoke(
        app,
        [
            "report",
            "--lang",
            "ru",
            "--out",
            str(out),
            "--db",
            bundled_store.url,
            "--groups",
            str(groups),
        ],
    )
    assert r.exit_code == 0, r.output
    assert (out / "report.html").exists() and (out / "report.xlsx").exists()
    assert "report 2022 (ru" in r.output
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Группа Б" in html  # the decomposition used the grouping file
    bad = CliRunner().invoke(app, ["report", "--lang", "de", "--out", str(out)])
    assert bad.exit_code != 0


def test_year_without_core_data_exits_non_zero_naming_the_years(bundled_store, tmp_path):
    import typer
    from typer.testing import CliRunner

    from aimaq.commands.report import register
    from aimaq.datasets import core_years

    app = typer.Typer()

    @app.callback()
    def main():
        """aimaq"""

    register(app)
    out = tmp_path / "y2005"
    r = CliRunner().invoke(
        app, ["report", "--year", "2005", "--out", str(out), "--db", bundled_store.url]
    )
    assert r.exit_code == 2
    years = core_years(bundled_store)
    assert 2005 not in years and 2022 in years
    assert f"years that have it: {', '.join(map(str, years))}" in " ".join(r.output.split())
    assert not (out / "report.html").exists()
