"""aimaq.ingest.csvfile: cut files, field counts, decimal commas, periods."""

import pytest

from aimaq.ingest import IngestError
from aimaq.ingest.csvfile import check_period, read_rows
from aimaq.ingest.dispatch import read_file

HEAD = "region,indicator,year,value,unit,source,period\n"


def _w(tmp_path, text, name="t.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_rows_and_line_numbers(tmp_path):
    p = _w(tmp_path, "a,b\n1,2\n\n3,4\n")
    assert read_rows(p, str(p)) == (["a", "b"], [(2, ["1", "2"]), (4, ["3", "4"])])


def test_cut_file_is_refused(tmp_path):
    p = _w(tmp_path, "a,b\n1,2\n3,")
    with pytest.raises(IngestError, match=r"row 3: the last line does not end with a line break"):
        read_rows(p, str(p))


def test_unquoted_decimal_comma_is_named(tmp_path):
    p = _w(tmp_path, "region,date,value\nАтырауская,2019-12-31,17873,5\n", "taldau_704447_x.csv")
    with pytest.raises(
        IngestError,
        match=r"row 2: 4 fields, the header has 3: '17873,5' looks "
        r"like a number with an unquoted decimal comma",
    ):
        read_file(p)


@pytest.mark.parametrize("period", ["12%", "inf", "⁴²", "2021-Q5", "2022"])
def test_bad_periods_are_refused_with_the_row(tmp_path, period):
    p = _w(tmp_path, HEAD + f"KZ-11,grp_mln_kzt,2021,1.0,million KZT,s,{period}\n")
    with pytest.raises(IngestError, match=r"row 2: field period"):
        read_file(p)


def test_periods_by_periodicity():
    assert check_period("2021-Q3", 2021, "annual") is None
    assert check_period("2021-9M", 2021, "annual") is None
    assert "stock" in check_period("2021-Q1", 2021, "stock at 1 January")
    assert "not in year" in check_period("2020", 2021, "annual")
