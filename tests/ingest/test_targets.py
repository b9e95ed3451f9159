from pathlib import Path

import pytest

from aimaq.ingest.errors import IngestError
from aimaq.ingest.targets import read_targets

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "targets_example.csv"
HEAD = "indicator,region,base_year,target_year,target_value,source\n"


def _write(tmp_path, body: str) -> Path:
    p = tmp_path / "targets.csv"
    p.write_text(HEAD + body, encoding="utf-8")
    return p


def test_documented_example_resolves_aliases_names_and_codes():
    t = read_targets(EXAMPLE)
    assert t["indicator"].tolist() == [
        "unemployment_rate_pct",
        "unemployment_rate_pct",
        "grp_per_capita_thousand_kzt",
        "avg_monthly_nominal_wage_kzt",
    ]
    assert t["region"].tolist() == ["KZ", "KZ-11", "KZ-59", "KZ-59"]
    assert t["user_data"].all() and t["source"].str.contains("FICTITIOUS").all()
    assert t["target_value"].tolist() == [3.0, 3.5, 5000.0, 400000.0]


@pytest.mark.parametrize(
    "body, row, field",
    [
        ("unemployment,KZ,2018,2030,3,plan\ngrp_per_capit,KZ,2018,2030,1,plan\n", 3, "indicator"),
        ("unemployment,Atlantis,2018,2030,3,plan\n", 2, "region"),
        ("unemployment,KZ,20x8,2030,3,plan\n", 2, "base_year"),
        ("unemployment,KZ,2030,2018,3,plan\n", 2, "target_year"),
        ("unemployment,KZ,2018,2030,three,plan\n", 2, "target_value"),
        ("unemployment,KZ,2018,2030,3,\n", 2, "source"),
    ],
)
def test_bad_rows_are_located(tmp_path, body, row, field):
    with pytest.raises(IngestError, match=f"row {row}: field {field}") as e:
        read_targets(_write(tmp_path, body))
    assert e.value.row == row and str(tmp_path) in str(e.value)


def test_duplicate_and_missing_column(tmp_path):
    body = "unemployment,KZ,2018,2030,3,plan\nunemployment_rate_pct,KZ,2019,2030,2,plan\n"
    with pytest.raises(IngestError, match=r"row 3: duplicated target .* \(also row 2\)"):
        read_targets(_write(tmp_path, body))
    p = tmp_path / "t.csv"
    p.write_text("indicator,region,target_value\nunemployment,KZ,3\n", encoding="utf-8")
    with pytest.raises(IngestError, match="missing column"):
        read_targets(p)
