"""Tests for aimaq.datasets.typology: the weights file and the typology values of a year."""

import pytest

from aimaq.analysis.typology import required_indicators, typology_spec
from aimaq.datasets import read_typology_weights


def test_bundled_weights_file():
    spec = typology_spec(*read_typology_weights())
    assert sum(s.weight for s in spec.values()) == pytest.approx(1.0)
    assert spec["unemployment_rate_pct"].direction == -1
    assert spec["grp_per_capita_thousand_kzt"].direction == 1
    assert spec["self_employed_share_pct"].direction == -1
    fc = spec["fixed_capital_investment_per_capita_kzt"]
    assert (fc.numerator, fc.denominator, fc.scale) == (
        "fixed_capital_investment_mln_kzt",
        "population_total",
        1e6,
    )
    assert required_indicators(spec) == sorted(
        [
            "avg_monthly_nominal_wage_kzt",
            "employed_thousand",
            "fixed_capital_investment_mln_kzt",
            "grp_per_capita_thousand_kzt",
            "population_total",
            "self_employed_thousand",
            "unemployment_rate_pct",
        ]
    )


def test_weights_file_errors(tmp_path):
    p = tmp_path / "w.toml"
    p.write_text('[indicators.x]\nweight = 1\ndirection = "up"\n')
    with pytest.raises(ValueError, match="'x'.*direction"):
        typology_spec(*read_typology_weights(p))
    p.write_text('[indicators.y]\nweight = -1\ndirection = "higher_is_better"\n')
    with pytest.raises(ValueError, match="'y'.*non-negative"):
        typology_spec(*read_typology_weights(p))
