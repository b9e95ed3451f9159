"""aimaq.ingest.grid: the primitives every layout reader uses."""

import pytest

from aimaq.ingest import grid


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("i квартал", "Q1"),
        ("iv квартал", "Q4"),
        ("2 тоқсан", "Q2"),
        ("i полугодие", "H1"),
        ("9 месяцев", "9M"),
        ("январь-июнь", "H1"),
        ("апрель-июнь", "Q2"),
        ("март", "M03"),
        ("на 1 января", "Y"),
        ("2022 год", "Y"),
        ("мужчины", None),
    ],
)
def test_sub_period(text, period):
    assert grid.sub_period(text) == period


def test_sub_period_refuses_months_that_are_no_period():
    with pytest.raises(ValueError, match="not a quarter or a cumulative period"):
        grid.sub_period("февраль-апрель")


def test_cells_text_and_years():
    assert (
        grid.col_letter(1) == "A" and grid.col_letter(27) == "AA" and grid.cell_ref(3, 28) == "AB3"
    )
    assert grid.fold("  Туркестанская²\u00a0 ОБЛАСТЬ ") == "туркестанская область"
    assert grid.year_of(2021.0) == 2021 and grid.year_of("2021 год") == 2021
    assert grid.year_of("2020-2021") is None and grid.year_of(12.5) is None


def test_units():
    assert grid.unit_of("тыс. тенге") == ("KZT", 1e3)
    assert grid.unit_of("в долларах сша") == ("USD", 1.0)
    assert grid.unit_of("тыс. человек") == ("persons", 1e3)
    assert grid.unit_name(("KZT", 1e6)) == "million KZT"
    assert grid.unit_string("grp_per_capita_thousand_kzt") == "thousand KZT per person"
    assert grid.unit_string("grp_mln_kzt") == "million KZT"
