"""Tests for aimaq.report.findings: statements filled with figures in every language."""

from aimaq.report.findings import make
from aimaq.report.text import NBSP


def test_figures_are_formatted_per_language_and_kept_raw():
    f = make(
        "grp_position",
        "key_indicators",
        year=("text", "2022"),
        national=("num1", 5284.66),
        unit=("text", {"en": "thousand KZT", "ru": "тыс. тенге", "kk": "мың теңге"}),
        n_below=("int", 11),
        n=("int", 20),
    )
    assert f.text["en"] == (
        "GRP per capita in 2022 was 5,284.7 thousand KZT for Kazakhstan as a whole; "
        "11 of 20 regions were below the national value."
    )
    assert f"5{NBSP}284,7 тыс. тенге" in f.text["ru"] and "11 из 20" in f.text["ru"]
    assert f"5{NBSP}284,7 мың теңге" in f.text["kk"]
    assert f.figures == {
        "year": "2022",
        "national": 5284.66,
        "unit": {"en": "thousand KZT", "ru": "тыс. тенге", "kk": "мың теңге"},
        "n_below": 11,
        "n": 20,
    }
    assert f.table == "key_indicators"


def test_region_and_signed_percentage_figures():
    f = make(
        "population",
        "population_change",
        start=("text", "2022"),
        end=("text", "2023"),
        national=("signed_pct", -0.25),
        n_decline=("int", 3),
        n=("int", 20),
        max_region=("region", "KZ-71"),
        max=("signed_pct", 4.0),
    )
    assert "−0.2%" in f.text["en"] and "Astana" in f.text["en"]
    assert f"+4,0{NBSP}%" in f.text["ru"] and "Астана" in f.text["ru"]
