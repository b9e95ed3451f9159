import pandas as pd
import pytest

from aimaq.geo.borders import NonAdditiveError, assign_borders, harmonise


def _frame(rows):
    return pd.DataFrame(rows, columns=["region", "year", "value"])


def test_sum_successors_back_to_old_units():
    df = _frame(
        [
            ("KZ-19", 2022, 10.0),
            ("KZ-33", 2022, 5.0),
            ("KZ-35", 2022, 7.0),
            ("KZ-62", 2022, 1.0),
            ("KZ-11", 2022, 3.0),
            ("KZ", 2022, 26.0),
        ]
    )
    h = harmonise(df, borders=2021, additive=True)
    v = h.values.set_index("region")["value"]
    assert v["KZ-ALM"] == 15.0 and v["KZ-KAR"] == 8.0 and v["KZ-11"] == 3.0 and v["KZ"] == 26.0
    assert ("KZ-ALM", 2022, ("KZ-19", "KZ-33")) in h.aggregated
    assert ("KZ-VOS", 2022) in h.gaps  # neither East Kazakhstan nor Abai given


def test_nested_split_2018_and_2022():
    df = _frame([("KZ-61", 2022, 2.0), ("KZ-79", 2022, 1.0)])
    h = harmonise(df, borders=2017, additive=True)
    assert h.values.set_index("region").loc["KZ-YUZ", "value"] == 3.0


def test_old_figure_cannot_be_split():
    df = _frame([("KZ-ALM", 2020, 15.0)])
    h = harmonise(df, borders=2022, additive=True)
    assert "cannot be split" in h.gaps[("KZ-19", 2020)]
    assert h.values.empty


def test_non_additive_is_refused():
    df = _frame([("KZ-19", 2022, 10.0), ("KZ-33", 2022, 5.0)])
    with pytest.raises(NonAdditiveError, match="not additive"):
        harmonise(df, borders=2021, additive=False, indicator="unemployment_rate_pct")
    # published on the target division: nothing to aggregate, no refusal
    assert len(harmonise(df, borders=2022, additive=False).values) == 2


def test_assign_borders_by_table():
    full_old = pd.DataFrame(
        {
            "region": [
                "KZ-19",
                "KZ-35",
                "KZ-63",
                *[f"KZ-{n}" for n in (11, 15, 23, 27, 31, 39, 43, 47, 55, 59, 61, 71, 75, 79)],
            ],
            "year": 2021,
            "source": "s",
            "indicator": "x",
        }
    )
    out = assign_borders(full_old)
    assert {"KZ-ALM", "KZ-KAR", "KZ-VOS"} <= set(out["region"])
    new = pd.concat(
        [
            full_old,
            pd.DataFrame(
                {
                    "region": ["KZ-10", "KZ-33", "KZ-62"],
                    "year": 2021,
                    "source": "s",
                    "indicator": "x",
                }
            ),
        ]
    )
    assert "KZ-ALM" not in set(assign_borders(new)["region"])
    old_south = pd.DataFrame({"region": ["KZ-61"], "year": 2015, "source": "s", "indicator": "x"})
    assert assign_borders(old_south)["region"].tolist() == ["KZ-YUZ"]
