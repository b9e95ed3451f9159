"""Citable sources (data/sources.toml) and the bureau's codes in the catalogue."""

import glob
import re
from importlib import resources
from pathlib import Path

import pandas as pd
import pytest

from aimaq import catalogue
from aimaq.catalogue import sources as S

DATA = Path(str(resources.files("aimaq.data")))


def _bundled_source_strings() -> set[str]:
    files = [DATA / "observations.csv", *sorted(glob.glob(str(DATA / "bundled" / "*.csv")))]
    return {s for f in files for s in pd.read_csv(f, usecols=["source"])["source"]}


def test_every_bundled_source_has_an_entry_and_no_entry_is_unused():
    used = _bundled_source_strings()
    assert used == set(S.sources())


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_labels_in_ru_kk_have_no_english_words(lang):
    allowed = {"stat", "gov", "kz"}  # the bureau's domain in a code scheme
    for src in S.sources().values():
        if src.via:  # outlet names are proper names (Kazinform, Liter.kz)
            continue
        words = set(re.findall(r"[A-Za-z]{2,}", src.label(lang))) - allowed
        assert not words, (src.key, words)


def test_label_and_citation_of_a_bureau_file_read_from_a_copy():
    key = next(k for k in S.sources() if "704447" in k)
    assert S.label(key, "en") == (
        "BNS, «Среднедушевые номинальные денежные доходы населения, 2000–2020 годы», "
        "Taldau index 704447"
    )
    c = S.citation(key, "ru")
    assert c.startswith("Бюро национальной статистики")
    assert (
        "копия: github:open-data-kazakhstan/average-per-capita-nominal-cash-income @ 495278c8" in c
    )
    assert "также ../shared/data/kz/raw/taldau_704447_income_per_capita.csv" in c


def test_press_figures_say_who_quoted_them():
    key = next(k for k in S.sources() if "liter.kz" in k)
    assert S.label(key, "en").startswith("BNS as quoted by Liter.kz, 2023-02")
    assert S.label(key, "ru").startswith("БНС по сообщению Liter.kz")


def test_unknown_source_falls_back_to_the_string_and_lookup_names_the_fix():
    assert S.label("my own survey.csv") == "my own survey.csv"
    with pytest.raises(S.UnknownSourceError, match=r"add a \[\[source\]\] entry"):
        S.lookup("my own survey.csv")


def test_catalogue_records_the_bureau_codes_of_indicators_md():
    assert catalogue.get("income_per_capita_nominal_monthly_kzt").bureau_code == "taldau 704447"
    assert catalogue.get("employed_thousand").bureau_code == "iblock 102798"
    assert catalogue.get("grp_mln_kzt").bureau_code == "dynamic 5927"
    assert catalogue.get("gva_C_mln_kzt").bureau_code == "dynamic 5927"
    assert catalogue.get("population_total").bureau_code is None  # not known: left empty
    schemes = {"taldau", "iblock", "dynamic"}
    for ind in catalogue.indicators():
        if ind.bureau_code:
            scheme, ident = ind.bureau_code.split(" ")
            assert scheme in schemes and ident.isdigit(), ind.id
