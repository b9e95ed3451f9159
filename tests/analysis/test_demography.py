import numpy as np
import pandas as pd
import pytest

from aimaq.analysis.demography import change, people_territory

# Hand-worked: three regions
#   code   population  area   urban  group
#   KZ-11     400       100    100   north
#   KZ-15     100       300     80   west
#   KZ-71     500       100    500   north
# P = 1000, A = 500, national density 2/km2; densities 4, 1/3, 5 (relative 2, 1/6, 2.5)
# urban share 0.25, 0.8, 1.0; national (100 + 80 + 500)/1000 = 0.68
# groups: north P = 900 (0.9), A = 200 (0.4), density 4.5, urban 600/900; west 0.1, 0.6, 1/3, 0.8
POP = pd.Series({"KZ-11": 400.0, "KZ-15": 100.0, "KZ-71": 500.0})
AREA = pd.Series({"KZ-11": 100.0, "KZ-15": 300.0, "KZ-71": 100.0})
URB = pd.Series({"KZ-11": 100.0, "KZ-15": 80.0, "KZ-71": 500.0})
GRP = pd.Series({"KZ-11": "north", "KZ-15": "west", "KZ-71": "north"})


def test_people_territory_hand_worked():
    r = people_territory(POP, AREA, groups=GRP, urban=URB)
    assert (r.P, r.A, r.density_national) == (1000.0, 500.0, 2.0)
    assert r.population_share.to_dict() == pytest.approx({"KZ-11": 0.4, "KZ-15": 0.1, "KZ-71": 0.5})
    assert r.area_share.to_dict() == pytest.approx({"KZ-11": 0.2, "KZ-15": 0.6, "KZ-71": 0.2})
    assert r.density.to_dict() == pytest.approx({"KZ-11": 4.0, "KZ-15": 1 / 3, "KZ-71": 5.0})
    assert r.density_relative.to_dict() == pytest.approx(
        {"KZ-11": 2.0, "KZ-15": 1 / 6, "KZ-71": 2.5}
    )
    assert r.urban_share.to_dict() == pytest.approx({"KZ-11": 0.25, "KZ-15": 0.8, "KZ-71": 1.0})
    assert r.urban_share_national == pytest.approx(0.68)
    assert r.group_population_share.to_dict() == pytest.approx({"north": 0.9, "west": 0.1})
    assert r.group_area_share.to_dict() == pytest.approx({"north": 0.4, "west": 0.6})
    assert r.group_density.to_dict() == pytest.approx({"north": 4.5, "west": 1 / 3})
    assert r.group_urban_share.to_dict() == pytest.approx({"north": 600 / 900, "west": 0.8})
    assert r.excluded == {}


def test_people_territory_missing_data_reported():
    pop = pd.concat([POP, pd.Series({"KZ-19": np.nan, "KZ-23": 50.0})])
    area = pd.concat([AREA, pd.Series({"KZ-19": 10.0})])
    urb = URB.drop("KZ-15")
    r = people_territory(pop, area, groups=GRP.drop("KZ-71"), urban=urb)
    assert r.excluded == {
        "KZ-19": "missing population",
        "KZ-23": "missing area",
        "KZ-15": "missing urban population",
        "KZ-71": "no group in `groups` (left out of group tables)",
    }
    assert r.P == 1000.0  # KZ-15 keeps its shares, only its urban share is NaN
    assert np.isnan(r.urban_share["KZ-15"])
    assert r.urban_share_national == pytest.approx(600 / 900)
    assert r.group_population_share.to_dict() == pytest.approx({"north": 0.4, "west": 0.1})


def test_change_hand_worked():
    # a: 100 -> 121 over 2 years: +21, +21 %, CAGR 10 %; b: 50 -> 40: -10, -20 %
    df = pd.DataFrame(
        {2020: [100.0, 50.0, np.nan], 2021: [110.0, 45.0, 3.0], 2022: [121.0, 40.0, 4.0]},
        index=["a", "b", "c"],
    )
    r = change(df)
    assert r.delta.to_dict() == {"a": 21.0, "b": -10.0}
    assert r.pct.to_dict() == pytest.approx({"a": 21.0, "b": -20.0})
    assert r.cagr["a"] == pytest.approx(10.0)
    assert r.cagr["b"] == pytest.approx(100 * (0.8**0.5 - 1))
    assert r.T == 2.0
    assert (r.national_x0, r.national_x1) == (150.0, 161.0)
    assert r.national_pct == pytest.approx(100 * (161 / 150 - 1))
    assert r.excluded == {"c": "missing value in 2020"}
    assert change(df, 2021, 2022).excluded == {}
    with pytest.raises(ValueError, match="must be after"):
        change(df, 2022, 2021)
    with pytest.raises(ValueError, match="year 1999"):
        change(df, 1999, 2021)
