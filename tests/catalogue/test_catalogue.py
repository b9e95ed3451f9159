import pandas as pd
import pytest

from aimaq import catalogue


def test_covers_every_indicator_of_the_shared_figures(shared_dir):
    ids = set(pd.read_csv(shared_dir / "data" / "kz" / "observations.csv")["indicator"])
    for i in ids:
        assert catalogue.get(i).id == i


def test_formulas_name_catalogue_components():
    derived = [i for i in catalogue.indicators() if i.derived]
    assert {"grp_per_capita_thousand_kzt", "labour_productivity_thousand_kzt"} <= {
        i.id for i in derived
    }
    for i in derived:
        assert not i.additive
        for c in i.components:
            assert catalogue.get(c).additive, (i.id, c)


def test_diagnosis_indicators_present():
    for i in (
        "gva_C_mln_kzt",
        "employed_thousand",
        "self_employed_thousand",
        "net_migration_persons",
        "poverty_share_below_subsistence_pct",
        "rd_internal_expenditure_bln_kzt",
        "fixed_capital_investment_mln_kzt",
        "water_supply_access_rural_pct",
    ):
        assert catalogue.get(i)


def test_names_and_units_in_three_languages():
    i = catalogue.get("grp")
    assert i.unit_label("en") == "million KZT" and i.unit_label("ru") == "млн тенге"
    assert all(x.name_kk and x.name_ru and x.name_en for x in catalogue.indicators())
    with pytest.raises(KeyError, match="did you mean"):
        catalogue.get("grp_per_capit")
