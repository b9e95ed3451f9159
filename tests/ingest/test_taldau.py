"""aimaq.ingest.taldau: Taldau CSV exports."""

import shutil


def test_taldau_bad_value_and_date(tmp_path, store, rejected):
    p = tmp_path / "taldau_704447_x.csv"
    p.write_text("region,date,value\nАКМОЛИНСКАЯ ОБЛАСТЬ,2019-12-31,12 5x\n", encoding="utf-8")
    rejected(p, r"row 2, cell C2: '12 5x' is not a number")
    p.write_text("region,date,value\nАКМОЛИНСКАЯ ОБЛАСТЬ,2019-06-30,125\n", encoding="utf-8")
    rejected(p, r"row 2, cell B2: date '2019-06-30' is not a year end")
    q = tmp_path / "export.csv"
    shutil.copy(p, q)
    q.write_text("region,date,value\nАКМОЛИНСКАЯ ОБЛАСТЬ,2019-12-31,125\n", encoding="utf-8")
    rejected(q, r"cannot tell the indicator.*pass indicator=")


def test_taldau_duplicate_with_different_values(tmp_path, store, rejected):
    p = tmp_path / "taldau_704447_dup.csv"
    p.write_text(
        "region,date,value\nАКМОЛИНСКАЯ ОБЛАСТЬ,2019-12-31,125\n"
        "Акмолинская область,2019-12-31,126\n",
        encoding="utf-8",
    )
    rejected(
        p,
        r"row 3, cell C3: KZ-11 income_per_capita_nominal_monthly_kzt 2019 given "
        r"twice with different values: 125 \(cell C2\) and 126",
    )


def test_taldau_reads_annual_figures_with_catalogue_unit(tmp_path):
    from aimaq import catalogue
    from aimaq.ingest.taldau import read_taldau_csv

    p = tmp_path / "taldau_704447_ok.csv"
    p.write_text(
        "region,date,value\nАКМОЛИНСКАЯ ОБЛАСТЬ,2019-12-31,125 000\n"
        "Республика Казахстан,2019,130000\nг.Алматы,31.12.2019,x\n",
        encoding="utf-8",
    )
    bt = read_taldau_csv(p)
    f = bt.frame.set_index("region")
    assert bt.layout == "taldau-csv" and bt.indicator == "income_per_capita_nominal_monthly_kzt"
    assert f.loc["KZ-11", "value"] == 125000 and f.loc["KZ", "value"] == 130000
    assert set(f["unit"]) == {catalogue.get(bt.indicator).stored_unit}
    assert f.loc["KZ-11", "cell"] == "C2"
    assert bt.skipped[["cell", "reason"]].values.tolist() == [["C4", "gap: confidential ('x')"]]


def test_taldau_russian_header_and_indicator_argument(tmp_path):
    from aimaq.ingest.taldau import is_taldau_header, read_taldau_csv

    assert is_taldau_header(["Регион", "Период", "Значение"])
    assert not is_taldau_header(["region", "value"])
    p = tmp_path / "export.csv"
    p.write_text('Регион,Период,Значение\nАтырауская,2020,"5,5"\n', encoding="utf-8")
    bt = read_taldau_csv(p, indicator="unemployment_rate_pct")
    assert bt.frame[["indicator", "value"]].values.tolist() == [["unemployment_rate_pct", 5.5]]
