"""aimaq.ingest.bureau on generated dynamic tables: good figures, and bad ones rejected with file,
sheet, row and cell named, the store left as it was."""

from aimaq.ingest.dispatch import ingest_file, read_bureau_file


def test_good_table_values(tmp_path, store):
    df = store.observations("grp_per_capita_thousand_kzt")
    got = dict(zip(zip(df["region"], df["year"], strict=True), df["value"], strict=True))
    assert got[("KZ", 2022)] == 5513.6
    assert got[("KZ-11", 2021)] == 3990.2
    assert got[("KZ-75", 2022)] == 8436.1


def test_unknown_region(tmp_path, store, rejected, table, good_rows):
    rows = [*good_rows[:2], ("Атлантидская", "1 000,0", "1 100,0"), *good_rows[2:]]
    e = rejected(
        table(tmp_path / "u.xlsx", rows),
        r"u\.xlsx, sheet 'тыс\.тенге', row 6, cell A6: unknown region name 'Атлантидская'",
    )
    assert (e.sheet, e.row, e.cell) == ("тыс.тенге", 6, "A6")


def test_text_where_a_number_should_be(tmp_path, store, rejected, table, good_rows):
    rows = [*good_rows[:2], ("Атырауская", "15 802,4", "18,4 тыс."), good_rows[3]]
    e = rejected(
        table(tmp_path / "t.xlsx", rows),
        r"row 6, cell C6: '18,4 тыс\.' is not a number .* for 'Атырауская', '2022 год'",
    )
    assert (e.row, e.cell) == (6, "C6")


def test_duplicated_row_with_different_values(tmp_path, store, rejected, table, good_rows):
    rows = [*good_rows, ("Акмолинская", "3 990,2", "4 700,0")]
    rejected(
        table(tmp_path / "d.xlsx", rows),
        r"row 8, cell C8: KZ-11 grp_per_capita_thousand_kzt 2022 given twice with different "
        r"values: 4611 \(sheet 'тыс\.тенге', cell C5\) and 4700",
    )


def test_duplicated_row_with_same_values_is_listed(tmp_path, table, good_rows):
    bt = read_bureau_file(table(tmp_path / "d2.xlsx", [*good_rows, good_rows[1]]))
    assert len(bt.frame) == 8
    rep = bt.skipped[bt.skipped["reason"].str.startswith("same figure already read")]
    assert sorted(rep["cell"]) == ["B8", "C8"]


def test_mixed_units_in_one_column(tmp_path, store, rejected, table):
    rows = [
        ("Республика Казахстан", "19 766 807"),
        ("Акмолинская", "788,0"),
        ("г.Алматы", "2 161 797"),
    ]
    p = table(
        tmp_path / "m.xlsx",
        rows,
        title="Численность населения на начало года",
        sheet="Все население",
        unit_cell=None,
        header=("2023",),
        unit_column=["человек", "тыс. человек", "человек"],
    )
    rejected(
        p,
        r"row 5, cell B5: mixed units for population_total: persons \(B4\) and "
        r"thousand persons \(B5\)",
    )


def test_mixed_units_in_onetable(tmp_path, store, rejected, table):
    p = table(tmp_path / "m2.xlsx", unit_cell=("C2", "долл. США"))
    rejected(
        p,
        r"sheet 'тыс\.тенге'.*mixed units in one table: thousand KZT \(sheet name "
        r"'тыс\.тенге'\), USD \(C2\)|mixed units in one table: USD \(C2\), thousand "
        r"KZT",
    )


def test_unit_contradicting_the_indicator(tmp_path, store, rejected, table):
    p = table(
        tmp_path / "pct.xlsx",
        title="Численность населения",
        sheet="Лист1",
        unit_cell=("C2", "в процентах"),
    )
    rejected(p, r"in % \(C2\) but population_total is in persons")


def test_indicator_the_file_does_not_name(tmp_path, store, rejected, table):
    p = table(tmp_path / "anon.xlsx", title="Таблица 7", sheet="Лист1", unit_cell=None)
    rejected(
        p,
        r"sheet 'Лист1': cannot tell the indicator from the file .* pass "
        r"indicator=<catalogue id>",
    )
    # and with it the file loads
    s = ingest_file(p, store, indicator="grp_per_capita_thousand_kzt")
    assert s.unchanged == 8 and s.added == 0


def test_unknown_indicator_argument(tmp_path, store, rejected, table):
    rejected(
        table(tmp_path / "w.xlsx"),
        r"w\.xlsx: indicator=: unknown indicator 'gdp_pc'",
        indicator="gdp_pc",
    )
