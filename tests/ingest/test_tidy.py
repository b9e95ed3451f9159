import csv

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aimaq.geo import registry
from aimaq.ingest import IngestError
from aimaq.ingest.tidy import read_tidy_csv

HEADER = ["region", "indicator", "year", "value", "unit", "source"]


def _write(path, rows, header=HEADER):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def test_names_resolved_with_file_context(tmp_path):
    p = _write(
        tmp_path / "a.csv",
        [
            ["Алматы", "population_total", 2023, "1 505 984", "persons", "bulletin"],
            ["Алматы қаласы", "population_total", 2023, "2161695", "persons", "bulletin"],
            ["KZ-71", "population_total", 2023, "1354556", "persons", "bulletin"],
        ],
    )
    df = read_tidy_csv(p)
    assert df["region"].tolist() == ["KZ-19", "KZ-75", "KZ-71"]
    assert df["value"].tolist() == [1505984, 2161695, 1354556]


@pytest.mark.parametrize(
    ("rows", "header", "match"),
    [
        (
            [["Nowhere", "grp", 2022, 1, "u", "s"]],
            HEADER,
            r"row 2: field region: unknown region name 'Nowhere'",
        ),
        (
            [["KZ-11", "grp", 2022, "n/a", "u", "s"]],
            HEADER,
            r"row 2: field value: 'n/a' is not a number",
        ),
        ([["KZ-11", "grp", "20x2", 1, "u", "s"]], HEADER, "field year"),
        ([["KZ-11", "grp", 2022, 1, "u"]], HEADER[:-1], "missing column"),
        ([["KZ-11", "grp", 2022, "", "u", "s"]], HEADER, "leave gaps out"),
    ],
)
def test_bad_rows_are_located(tmp_path, rows, header, match):
    p = _write(tmp_path / "bad.csv", rows, header)
    with pytest.raises(IngestError, match=match) as e:
        read_tidy_csv(p)
    assert str(p) in str(e.value)


def test_not_a_csv(tmp_path):
    p = tmp_path / "x.csv"
    p.write_bytes(b"PK\x03\x04\x00\x00binary")
    with pytest.raises(IngestError, match="not a CSV|binary"):
        read_tidy_csv(p)


# years from 2023 on: every unit of today's division exists, so no figure is moved to an older
# division and every generated row must come back as written
_codes = st.sampled_from(registry.region_codes(2023))
_vals = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.tuples(_codes, st.integers(2023, 2030), _vals),
        min_size=1,
        max_size=30,
        unique_by=lambda r: (r[0], r[1]),
    )
)
def test_roundtrip_any_valid_table(tmp_path, rows):
    df = pd.DataFrame(rows, columns=["region", "year", "value"]).assign(
        indicator="grp_mln_kzt", unit="million KZT", source="src"
    )
    p = tmp_path / "t.csv"
    df[HEADER].to_csv(p, index=False)
    got = read_tidy_csv(p)
    assert len(got) == len(df)
    assert got["region"].tolist() == df["region"].tolist()
    assert got["year"].tolist() == df["year"].tolist()
    assert got["value"].tolist() == pytest.approx(df["value"].tolist(), rel=1e-15)


def test_grouped_digits_and_comma_decimals(tmp_path):
    p = _write(
        tmp_path / "c.csv",
        [["KZ-11", "grp_per_capita", 2022, "4 428,5", "thousand KZT per person", "s"]],
    )
    assert read_tidy_csv(p)["value"].tolist() == [4428.5]
