"""The bureau's files as published (../shared/data/kz/raw) against the recorded figures."""

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from aimaq.ingest import IngestError
from aimaq.ingest.dispatch import ingest_file, read_bureau_file
from aimaq.store import bundled_path

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
RAW = SHARED / "data" / "kz" / "raw"

# file → (indicator= the caller must pass, layout, indicators, bundled rows that must match)
FILES = {
    "bns_grp_per_capita_2008-2023.xlsx": (
        None,
        "regions×periods",
        ["grp_per_capita_thousand_kzt", "grp_per_capita_usd"],
        186,
    ),
    "bns_population_by_region_2000-2023.xlsx": (None, "regions×periods", ["population_total"], 114),
    "bns_population_sex_urban_rural_2023-01-01.xlsx": (
        None,
        "regions×categories",
        [
            "population_female",
            "population_male",
            "population_rural",
            "population_total_bulletin",
            "population_urban",
        ],
        102,
    ),
    "bns_unemployment_rate_regions_2001-2023.xlsx": (
        None,
        "regions×periods",
        ["unemployment_rate_pct"],
        93,
    ),
    "bns_wage_by_occupation_2022_pg16.xlsx": (
        "avg_monthly_nominal_wage_kzt",
        "regions×categories",
        ["avg_monthly_nominal_wage_kzt"],
        21,
    ),
    "taldau_704447_income_per_capita.csv": (
        None,
        "taldau-csv",
        ["income_per_capita_nominal_monthly_kzt"],
        54,
    ),
}

#: raw files whose every figure is in the bundled data (src/aimaq/data/bundled/history.csv)
BUNDLED_HISTORY = {
    "bns_grp_per_capita_2008-2023.xlsx",
    "bns_population_by_region_2000-2023.xlsx",
    "bns_unemployment_rate_regions_2001-2023.xlsx",
    "taldau_704447_income_per_capita.csv",
}


@pytest.fixture(scope="module")
def raw() -> Path:
    if not RAW.is_dir():
        pytest.skip(f"../shared not present ({RAW}): the tests on the bureau's raw files need it")
    return RAW


@pytest.fixture(scope="module")
def tables(raw):
    return {f: read_bureau_file(raw / f, indicator=spec[0]) for f, spec in FILES.items()}


@pytest.fixture(scope="module")
def bundled() -> pd.DataFrame:
    return pd.read_csv(bundled_path(), dtype={"value": str, "period": str})


def _at(frame, region, indicator, period):
    hit = frame[
        (frame["region"] == region)
        & (frame["indicator"] == indicator)
        & (frame["period"] == period)
    ]
    assert len(hit) == 1, (region, indicator, period, len(hit))
    return float(hit["value"].iloc[0])


def _decimals(text: str) -> int:
    return len(text.split(".")[1].rstrip("0")) if "." in text else 0


@pytest.mark.shared
@pytest.mark.parametrize("name", list(FILES))
def test_raw_file_matches_recorded_figures(name, tables, bundled):
    """Every recorded annual figure of the file's indicators is read, equal to its precision."""
    _, layout, indicators, n_match = FILES[name]
    bt = tables[name]
    assert bt.layout == layout
    assert bt.indicators == indicators
    annual = bt.frame[bt.frame["period"] == bt.frame["year"].astype(str)]
    rec = bundled[bundled["indicator"].isin(indicators)]
    m = rec.merge(
        annual[["region", "indicator", "year", "value"]],
        on=["region", "indicator", "year"],
        how="left",
        suffixes=("_rec", ""),
    )
    tol = m["value_rec"].map(lambda s: 0.5 * 10.0 ** -_decimals(s) + 1e-9)
    ok = (m["value"] - m["value_rec"].astype(float)).abs() <= tol
    assert int(ok.sum()) == n_match
    missing = m[~ok]
    if name.startswith("bns_population_sex"):
        # the bulletin prints "-" (phenomenon absent) for the cities' rural population; the
        # recorded data wrote 0; the reader leaves gaps out and lists them
        assert sorted(missing["region"]) == ["KZ-71", "KZ-75", "KZ-79"]
        assert set(missing["indicator"]) == {"population_rural"}
        gaps = bt.skipped[
            (bt.skipped["sheet"] == "01") & bt.skipped["reason"].str.contains("phenomenon absent")
        ]
        assert sorted(gaps["cell"]) == ["H24", "H25", "H26"]
    else:
        assert missing.empty, missing


@pytest.mark.shared
def test_grp_periods_units_and_sheets(tables):
    bt = tables["bns_grp_per_capita_2008-2023.xlsx"]
    f = bt.frame
    assert bt.sheets == ["тыс.тенге", "в долларах США"]
    assert _at(f, "KZ", "grp_per_capita_thousand_kzt", "2008-Q1") == 205.6
    assert _at(f, "KZ", "grp_per_capita_thousand_kzt", "2008-H1") == 460.5
    assert _at(f, "KZ", "grp_per_capita_thousand_kzt", "2008-9M") == 754.2
    assert _at(f, "KZ", "grp_per_capita_thousand_kzt", "2008") == 1024.2
    assert _at(f, "KZ", "grp_per_capita_usd", "2023-9M") == 8396.3
    # Q1 2022 was published on the old division, H1 2022 with Abai, Zhetysu, Ulytau
    q1 = f[(f["period"] == "2022-Q1") & (f["indicator"] == "grp_per_capita_usd")]
    h1 = f[(f["period"] == "2022-H1") & (f["indicator"] == "grp_per_capita_usd")]
    assert {"KZ-ALM", "KZ-KAR", "KZ-VOS"} <= set(q1["region"]) and "KZ-10" not in set(q1["region"])
    assert {"KZ-10", "KZ-19", "KZ-33", "KZ-62"} <= set(h1["region"])
    assert _at(f, "KZ-YUZ", "grp_per_capita_thousand_kzt", "2018-Q1") == 249.3
    assert set(f.loc[f["indicator"] == "grp_per_capita_usd", "unit"]) == {"USD per person"}
    assert f["source"].iloc[0].startswith("bns_grp_per_capita_2008-2023.xlsx, sheet ")
    notes = bt.skipped[bt.skipped["reason"] == "footnote"]
    assert notes.groupby("sheet").size().to_dict() == {"тыс.тенге": 4, "в долларах США": 5}


@pytest.mark.shared
def test_annual_only_and_one_indicator_of_several(raw):
    bt = read_bureau_file(
        raw / "bns_grp_per_capita_2008-2023.xlsx",
        indicator="grp_per_capita_usd",
        annual_only=True,
        source="BNS, GRP per capita",
    )
    assert bt.indicators == ["grp_per_capita_usd"]
    assert set(bt.frame["period"]) == {str(y) for y in range(2008, 2023)}
    assert set(bt.frame["source"]) == {"BNS, GRP per capita"}
    assert bt.skipped["reason"].str.contains("holds grp_per_capita_thousand_kzt").any()
    assert bt.skipped["reason"].str.contains("annual_only").any()


@pytest.mark.shared
def test_population_footnoted_turkestan_is_south_kazakhstan(tables):
    bt = tables["bns_population_by_region_2000-2023.xlsx"]
    f = bt.frame
    # "Туркестанская 1": "1) Данные за 2000-2016гг. по Южно-Казахстанской области"
    assert _at(f, "KZ-YUZ", "population_total", "2016") == 2840871
    assert _at(f, "KZ-61", "population_total", "2018") == 1977028
    # 2017 is published on the new borders (Turkestan without Shymkent, and Shymkent):
    # estimates for units that did not exist yet are not loaded
    assert f[(f["year"] == 2017) & f["region"].isin(["KZ-YUZ", "KZ-61", "KZ-79"])].empty
    est = bt.skipped[bt.skipped["reason"].str.contains("before it existed|was created")]
    assert sorted(est["cell"]) == ["S17", "S22"]
    # the dynamic series by sex is not loaded over the bulletin's figures
    assert not f["indicator"].str.startswith("population_male").any()
    assert (
        bt.skipped["reason"].str.contains(r"population \(male\) from the dynamic").sum() == 21 * 24
    )


@pytest.mark.shared
def test_unemployment_quarters_and_backcasts(tables):
    bt = tables["bns_unemployment_rate_regions_2001-2023.xlsx"]
    f = bt.frame
    assert _at(f, "KZ", "unemployment_rate_pct", "2001-Q1") == 12.7
    assert _at(f, "KZ", "unemployment_rate_pct", "2001") == 10.4
    assert _at(f, "KZ-YUZ", "unemployment_rate_pct", "2001") == 11.5
    assert _at(f, "KZ-YUZ", "unemployment_rate_pct", "2017-Q1") == 5.2
    # Turkestan and Shymkent 2010-2017 are estimates "based on data from SKO": not loaded
    before = f[(f["year"] < 2018) & f["region"].isin(["KZ-61", "KZ-79"])]
    assert before.empty
    assert not (
        (f["year"].between(2010, 2017)) & (f["region_as_published"].str.startswith("Turk"))
    ).any()
    assert bt.skipped["reason"].str.contains("before it existed").sum() == 8
    assert bt.skipped["reason"].str.contains("KZ-79 .* was created").sum() == 8


@pytest.mark.shared
def test_bulletin_skips_districts_and_repeats(tables):
    bt = tables["bns_population_sex_urban_rural_2023-01-01.xlsx"]
    f = bt.frame
    assert bt.sheets == ["01"]  # sheets 02 and 03 repeat the regions and add districts
    assert _at(f, "KZ-19", "population_total_bulletin", "2023") == 1505984  # "Алматы"
    assert _at(f, "KZ-75", "population_total_bulletin", "2023") == 2161695  # "Алматы қаласы"
    assert _at(f, "KZ", "population_urban", "2023") == 12208259
    sk = bt.skipped
    semey = sk[sk["content"] == "Семей қ.ә."]
    assert set(semey["sheet"]) == {"02", "03"}
    assert semey["reason"].str.startswith("district or settlement under 'Абай'").all()
    assert sk["reason"].str.startswith("same figure already read (sheet '01'").sum() == 2 * 102
    assert "no table of regions in this sheet" in set(sk["reason"])


@pytest.mark.shared
def test_wage_needs_indicator_and_drops_the_corrupt_row(raw, tables):
    with pytest.raises(IngestError, match=r"sheet 'Лист1'.*cannot tell the indicator.*indicator="):
        read_bureau_file(raw / "bns_wage_by_occupation_2022_pg16.xlsx")
    bt = tables["bns_wage_by_occupation_2022_pg16.xlsx"]
    assert _at(bt.frame, "KZ", "avg_monthly_nominal_wage_kzt", "2022") == 309697
    assert set(bt.frame["note"]) == {"year taken from the file name (the table states none)"}
    yuz = bt.skipped[bt.skipped["content"] == "South Kazakhstan Region"]
    assert yuz["reason"].str.contains("abolished on 2018-06-19").all() and len(yuz) == 1
    occ = bt.skipped[bt.skipped["reason"].str.startswith("breakdown column")]
    assert len(occ) == 10 * 22  # ten occupation columns not loaded


@pytest.mark.shared
def test_taldau_export(tables):
    bt = tables["taldau_704447_income_per_capita.csv"]
    f = bt.frame
    assert len(f) == 360
    assert _at(f, "KZ-43", "income_per_capita_nominal_monthly_kzt", "2006") == 14602
    assert set(f.loc[f["year"] < 2018, "region"]) >= {"KZ-YUZ", "KZ-ALM"}
    assert set(f["source"]) == {
        "taldau_704447_income_per_capita.csv: taldau.stat.gov.kz index 704447"
    }


@pytest.mark.shared
def test_all_raw_files_load_without_revising_bundled_figures(raw, tmp_path):
    from aimaq import open_store

    st = open_store(tmp_path / "s.sqlite")
    before = st.count()
    added = 0
    for name, spec in FILES.items():
        s = ingest_file(raw / name, st, indicator=spec[0])
        assert s.revised == 0, (name, s.revisions[:3])
        if name in BUNDLED_HISTORY:  # every figure of the file is bundled (history.csv)
            assert s.added == 0 and s.unchanged == s.rows > spec[3]
        else:
            assert s.unchanged == spec[3]
        added += s.added
    assert st.count() == before + added
    assert st.value("grp_per_capita_usd", 2008, "KZ-ALM") == 3401.5
    # loading the same files again changes nothing
    again = ingest_file(raw / "bns_unemployment_rate_regions_2001-2023.xlsx", st)
    assert again.added == 0 and again.revised == 0
    st.dispose()


def test_generated_table_with_text_numbers_gaps_and_districts(tmp_path):
    """A table in the bureau's style: Kazakh names, text numbers, gaps, districts, footnotes."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "01"
    ws["A1"] = "Халық саны / Численность населения"
    ws["C2"] = "человек"
    ws["B3"], ws["C3"] = "2021 жыл", "2022 год"
    data = [
        ("Қазақстан Республикасы", "19 002 586", "19\u00a0186\u00a0015"),
        (None, None, None),
        ("Ақмола", "736 735", "x"),
        ("Көкшетау қ.ә.", "150 000", "151 000"),
        ("Бурабай ауданы", "-", "70 000"),
        (None, None, None),
        ("Алматы", "2 080 000", "-"),
        (None, None, None),
        ("Алматы қаласы", "1 977 267", "2 039 376"),
        ("1) Оценка.", None, None),
    ]
    for i, row in enumerate(data, start=4):
        for j, v in enumerate(row, start=1):
            ws.cell(i, j, v)
    p = tmp_path / "pop.xlsx"
    wb.save(p)
    bt = read_bureau_file(p)
    f = bt.frame
    assert bt.indicators == ["population_total"]
    assert _at(f, "KZ", "population_total", "2022") == 19186015
    assert _at(f, "KZ-11", "population_total", "2021") == 736735
    assert _at(f, "KZ-ALM", "population_total", "2021") == 2080000  # "Алматы": the oblast
    assert _at(f, "KZ-75", "population_total", "2022") == 2039376
    assert len(f) == 6
    sk = bt.skipped
    assert set(sk.loc[sk["content"].isin(["Көкшетау қ.ә.", "Бурабай ауданы"]), "reason"]) == {
        "district or settlement under 'Ақмола'"
    }
    assert set(sk.loc[sk["cell"].isin(["C6", "C10"]), "reason"]) == {
        "gap: confidential ('x')",
        "gap: phenomenon absent ('-')",
    }
    assert sk.loc[sk["cell"] == "A13", "reason"].tolist() == ["footnote"]


def _unemployment_kk(path, extra_header="қаңтар-қыркүйек 2022", merge=True):
    """Kazakh-language dynamic table: merged year over quarters, as the LFS tables are laid out."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Жұмыссыздық"
    ws["A1"] = "Жұмыссыздық деңгейі1)"
    ws["F2"] = "пайызбен"
    ws["B3"] = "2021 жыл"
    if merge:
        ws.merge_cells("B3:F3")
    for j, h in enumerate(["I тоқсан", "II тоқсан", "III тоқсан", "IV тоқсан", "жыл"]):
        ws.cell(4, 2 + j, h)
    ws["G4"] = extra_header
    rows = [
        ("Қазақстан Республикасы", "4,9", "4,9", "4,9", "4,9", "4,9", "4,9"),
        ("Ақмола облысы", "4,8", "4,9", "4,9", "4,9", "4,9", "4,8"),
        ("Алматы облысы", "4,8", "4,8", "4,8", "4,8", "4,8", "x"),
        ("Алматы қаласы", "5,2", "5,2", "5,2", "5,1", "5,2", "5,0"),
        ("Шымкент қаласы2)", "5,0", "5,0", "5,0", "5,0", "5,0", "4,9"),
        ("1) Халықты жұмыспен қамту бойынша іріктеп зерттеу.", None, None, None, None, None, None),
    ]
    for i, row in enumerate(rows, start=5):
        for j, v in enumerate(row, start=1):
            ws.cell(i, j, v)
    wb.save(path)
    return path


@pytest.mark.parametrize("merge", [True, False], ids=["merged-year", "year-over-first-column"])
def test_generated_kazakh_quarters_and_month_ranges(tmp_path, merge):
    bt = read_bureau_file(_unemployment_kk(tmp_path / "u.xlsx", merge=merge))
    f = bt.frame
    assert bt.indicators == ["unemployment_rate_pct"] and bt.layout == "regions×periods"
    assert sorted(set(f["period"])) == [
        "2021",
        "2021-Q1",
        "2021-Q2",
        "2021-Q3",
        "2021-Q4",
        "2022-9M",
    ]
    assert _at(f, "KZ-75", "unemployment_rate_pct", "2021-Q4") == 5.1
    assert _at(f, "KZ-79", "unemployment_rate_pct", "2022-9M") == 4.9
    # a table of a year before 2022 without Abai, Zhetysu, Ulytau is on the old division:
    # Almaty oblast 2021 is KZ-ALM; a partial 2022 table is taken as the new one (KZ-19)
    assert _at(f, "KZ-ALM", "unemployment_rate_pct", "2021") == 4.8
    assert not (f["region"] == "KZ-19").any()  # its 2022-9M cell is "x"
    assert bt.skipped.loc[bt.skipped["cell"] == "G7", "reason"].tolist() == [
        "gap: confidential ('x')"
    ]


def test_month_range_that_is_no_period_is_rejected(tmp_path):
    p = _unemployment_kk(tmp_path / "u2.xlsx", extra_header="ақпан-мамыр 2022")
    with pytest.raises(IngestError, match=r"row 4, cell G4: header 'ақпан-мамыр 2022': months 2-5"):
        read_bureau_file(p)


def test_thousands_of_persons_are_not_taken_for_persons(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Численность населения (тысяч человек)"
    ws["B2"], ws["C2"] = 2022, 2023
    for i, row in enumerate(
        [("Республика Казахстан", "19 503,2", "19 766,8"), ("Акмолинская", "785,7", "788,0")],
        start=3,
    ):
        for j, v in enumerate(row, start=1):
            ws.cell(i, j, v)
    p = tmp_path / "k.xlsx"
    wb.save(p)
    with pytest.raises(
        IngestError,
        match=r"row 1, cell A1: the table is in thousand persons \(A1\) but "
        r"population_total is in persons",
    ):
        read_bureau_file(p)


def test_quarter_without_any_year_is_rejected(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Unemployment rate"
    ws["B2"], ws["C2"] = "I quarter", "II quarter"
    for i, row in enumerate(
        [("Republic of Kazakhstan", 4.9, 4.8), ("Akmola Region", 4.8, 4.7)], start=3
    ):
        for j, v in enumerate(row, start=1):
            ws.cell(i, j, v)
    p = tmp_path / "q.xlsx"
    wb.save(p)
    with pytest.raises(
        IngestError,
        match=r"row 2, cell B2: header 'i quarter' names a period but "
        r"no year",
    ):
        read_bureau_file(p)
