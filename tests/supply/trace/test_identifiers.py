"""EPC URN ↔ GS1 Digital Link normalisation."""

import pytest

from aimaq.supply.trace.identifiers import IdentifierError, canonical, check_digit_ok, lot_of


@pytest.mark.parametrize(
    "urn, dl",
    [
        ("urn:epc:id:sgtin:4012345.011111.9876", "https://id.gs1.org/01/04012345111118/21/9876"),
        (
            "urn:epc:class:lgtin:4012345.012345.998877",
            "https://id.gs1.org/01/04012345123456/10/998877",
        ),
        ("urn:epc:id:sscc:9521002.0000000017", "https://id.gs1.org/00/095210020000000177"),
        ("urn:epc:id:sgln:9521005.00001.0", "https://id.gs1.org/414/9521005000013"),
        ("urn:epc:id:pgln:9521004.00001", "https://id.gs1.org/417/9521004000014"),
    ],
)
def test_urn_and_digital_link_are_one_identifier(urn, dl):
    assert canonical(urn) == dl
    assert canonical(dl) == dl
    # any resolver domain and a CPV/query string do not change the identity
    other = dl.replace("https://id.gs1.org", "https://food.example.kz") + "?17=261130"
    assert canonical(other) == dl


def test_gtin13_in_digital_link_is_padded():
    assert canonical("https://id.gs1.org/01/4012345111118/21/9876") == canonical(
        "urn:epc:id:sgtin:4012345.011111.9876"
    )


def test_check_digit():
    # GS1 General Specifications §7.9 example: GTIN-13 629104150021 -> check digit 3
    assert check_digit_ok("6291041500213")
    assert not check_digit_ok("6291041500214")


@pytest.mark.parametrize(
    "bad",
    [
        "urn:epc:id:sgtin:4012345.0111.9876",  # company prefix + item ref must be 13 digits
        "urn:epc:id:sscc:12.3",
        "urn:epc:foo",
        "https://id.gs1.org/01/04012345111117/21/9876",  # wrong check digit
        "https://id.gs1.org/414/952100500001",  # GLN of 12 digits
    ],
)
def test_malformed_gs1_identifiers_raise(bad):
    with pytest.raises(IdentifierError):
        canonical(bad)


def test_private_identifiers_are_kept():
    assert canonical("urn:epc:id:bic:CSQU3054383") == "urn:epc:id:bic:CSQU3054383"
    assert canonical("https://example.org/batch/77") == "https://example.org/batch/77"


def test_lot_of():
    assert lot_of(canonical("urn:epc:class:lgtin:9521002.000002.B2611")).endswith("/10/B2611")
    assert lot_of(canonical("urn:epc:id:sgtin:9521002.000002.1")) is None
