"""Tests for aimaq.report.text: translations as data files, one number format per language."""

import string

import pytest

from aimaq.report import text
from aimaq.report.text import NBSP, fmt_number, fmt_pct, fmt_signed, number_format, t


def _fields(s: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(s) if f}


@pytest.mark.parametrize("part", ["text", "findings"])
def test_every_language_has_every_string_with_the_same_placeholders(part):
    en = text._catalogue("en")[part]
    for lang in ("ru", "kk"):
        other = text._catalogue(lang)[part]
        assert set(other) == set(en), (lang, set(en) ^ set(other))
        for key, s in en.items():
            assert _fields(other[key]) == _fields(s), (lang, key)


def test_number_rules_per_language():
    assert number_format("en").number(-1234567.25, 2) == "-1,234,567.25"
    assert number_format("ru").number(1234567.25, 2) == f"1{NBSP}234{NBSP}567,25"
    assert fmt_number(5284.7, "kk") == f"5{NBSP}284,7"
    assert fmt_pct(27.94, "ru") == f"27,9{NBSP}%" and fmt_pct(27.94, "en") == "27.9%"
    assert fmt_signed(-0.4, "en") == "−0.4" and fmt_signed(1.25, "ru", 2) == "+1,25"
    assert fmt_number(-0.04, "en", 1) == "0.0"  # no negative zero
    assert fmt_number(None, "ru") == "–" and fmt_number(float("inf")) == "–"


def test_lookup_falls_back_and_formats():
    assert t("sec_key", "ru") == "Ключевые показатели"
    assert t("subtitle", "en", year=2022, borders=2021).startswith("Regions of Kazakhstan")
    assert t("CV", "ru") == "CV"  # not a key: a label passes unchanged
    assert text.unit_label("per 1000 persons", "kk") == "1000 адамға"
    assert text.unit_label("per 1000 persons", "en") == "per 1000 persons"
    with pytest.raises(ValueError, match="language"):
        t("sec_key", "de")
