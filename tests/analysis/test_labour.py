import numpy as np
import pandas as pd
import pytest

from aimaq.analysis.labour import income_vs_output, productivity, share_change


def test_productivity_hand_worked_and_missing_employment():
    # GRP 1000/300/600, employed 100/50/-: pi = 10, 6; national (sums) 1300/150 = 8.667
    out = pd.Series({"KZ-23": 1000.0, "KZ-11": 300.0, "KZ-75": 600.0})
    emp = pd.Series({"KZ-23": 100.0, "KZ-11": 50.0, "KZ-75": np.nan})
    r = productivity(out, emp)
    assert r.pi.to_dict() == {"KZ-23": 10.0, "KZ-11": 6.0}
    assert r.pi_national == pytest.approx(1300 / 150)
    assert r.national_source == "sum of included regions"
    assert r.relative["KZ-11"] == pytest.approx(6 / (1300 / 150))
    assert r.rank.to_dict() == {"KZ-23": 1, "KZ-11": 2}
    assert r.excluded == {"KZ-75": "no employment data"}
    s = productivity(out, emp, national_output=2000.0, national_employment=250.0)
    assert s.pi_national == 8.0 and s.relative["KZ-23"] == pytest.approx(1.25)
    with pytest.raises(ValueError, match="both"):
        productivity(out, emp, national_output=1.0)


def test_income_vs_output_oil_region_asymmetry():
    # Atyrau-like: GRP per capita 3x national, income 1.5x -> ratio 0.5, gap -1.5
    inc = pd.Series({"KZ-23": 150.0, "KZ-61": 60.0, "KZ-71": 200.0})
    grp = pd.Series({"KZ-23": 3000.0, "KZ-61": 400.0, "KZ-71": np.nan})
    r = income_vs_output(inc, grp, national_income=100.0, national_grp_per_capita=1000.0)
    assert r.w_rel.to_dict() == pytest.approx({"KZ-23": 1.5, "KZ-61": 0.6})
    assert r.y_rel.to_dict() == pytest.approx({"KZ-23": 3.0, "KZ-61": 0.4})
    assert r.ratio.to_dict() == pytest.approx({"KZ-23": 0.5, "KZ-61": 1.5})
    assert r.gap.to_dict() == pytest.approx({"KZ-23": -1.5, "KZ-61": 0.2})
    assert r.excluded == {"KZ-71": "missing grp_per_capita"}
    assert (r.w_source, r.y_source) == ("supplied", "supplied")
    m = income_vs_output(inc, grp)
    assert m.w_national == pytest.approx(105.0) and "not supplied" in m.w_source


def test_share_change_poverty():
    df = pd.DataFrame(
        {2015: [10.0, 4.0, 5.0, np.nan], 2023: [6.0, 5.0, 5.0, 3.0]},
        index=["KZ-61", "KZ-71", "KZ-75", "KZ-79"],
    )
    nat = pd.Series({2015: 2.7, 2023: 5.2})
    r = share_change(df, national=nat)
    assert r.delta.to_dict() == {"KZ-61": -4.0, "KZ-71": 1.0, "KZ-75": 0.0}
    assert r.ratio.to_dict() == pytest.approx({"KZ-61": 0.6, "KZ-71": 1.25, "KZ-75": 1.0})
    assert (r.n_improved, r.n_worsened) == (1, 1)
    assert r.national_delta == pytest.approx(2.5)
    assert r.excluded == {"KZ-79": "missing value in 2015"}


def test_republic_row_is_left_out():
    out = pd.Series({"KZ": 1900.0, "KZ-23": 1000.0, "KZ-11": 300.0})
    emp = pd.Series({"KZ": 150.0, "KZ-23": 100.0, "KZ-11": 50.0})
    r = productivity(out, emp)
    assert list(r.pi.index) == ["KZ-23", "KZ-11"]
    assert r.excluded == {
        "KZ": "the republic (KZ) is not a region; pass national values separately"
    }
    assert r.pi_national == pytest.approx(1300 / 150)
