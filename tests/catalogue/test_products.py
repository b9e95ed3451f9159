"""The price product catalogue and the СЗПТ lists by legal date."""

from __future__ import annotations

import pytest

from aimaq.catalogue.products import (
    UnknownProductError,
    market_name,
    product_id,
    products,
    szpt_list,
)


def test_lists_by_legal_date():
    old = szpt_list("2025-12-31")
    assert len(old) == 19 and old["legal_date"].unique().tolist() == ["2017-03-27"]
    new = szpt_list("2026-01-04")
    assert new["list"].unique().tolist() == ["szpt-2026"]
    assert len(new) == 24  # items 25-31 of the 31 were not captured: missing, not guessed
    assert new["item"].tolist() == list(range(1, 25))
    assert szpt_list("2010-01-01").empty
    assert set(old["product"]) <= set(products().index) and set(new["product"]) <= set(
        products().index
    )


def test_names_in_three_languages():
    p = products()
    assert p.index.is_unique
    for lang in ("name_en", "name_ru", "name_kk"):
        assert (p[lang].str.len() > 0).all()
    assert set(p["unit"]) == {"kg", "l", "10 pcs"}
    assert p.at["potatoes", "name_kk"] == "Картоп"
    assert market_name("Ust-Kamenogorsk", "kk") == "Өскемен"


def test_product_id():
    assert product_id("Meat (beef)") == "beef"
    assert product_id("Мука пшеничная первого сорта") == "wheat_flour_first_grade"
    assert product_id("  kefir 2.5% ") == "kefir_2_5"
    with pytest.raises(UnknownProductError, match="unknown product 'caviar'"):
        product_id("caviar")
