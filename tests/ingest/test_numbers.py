"""The number parser: the bureau's spellings of figures and gaps."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aimaq.ingest.numbers import GAP_MARKERS, NumberFormatError, gap_reason, parse_number

SEPARATORS = [" ", "\u00a0", "\u202f", "\u2009"]


def _group(n: int, sep: str) -> str:
    s = str(n)
    parts = []
    while len(s) > 3:
        parts.insert(0, s[-3:])
        s = s[:-3]
    parts.insert(0, s)
    return sep.join(parts)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("332 720", 332720.0),
        ("5 284,7", 5284.7),
        ("5\u00a0284,7", 5284.7),
        ("1\u202f234\u202f567", 1234567.0),
        ("-12,5", -12.5),
        ("\u221212,5", -12.5),  # minus sign
        ("0,0", 0.0),
        ("1024.2", 1024.2),
        (" 4,7 ", 4.7),
        (205.6, 205.6),
        (14901641, 14901641.0),
    ],
)
def test_bureau_spellings(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["-", "–", "x", "X", "х", "...", "…", "", "  ", None])
def test_gaps_are_none(text):
    assert parse_number(text) is None
    assert gap_reason(text) is not None


def test_gap_reasons_say_what_the_sign_means():
    assert gap_reason("x") == "confidential ('x')"
    assert gap_reason("х") == "confidential ('x')"  # Cyrillic
    assert gap_reason("-") == "phenomenon absent ('-')"
    assert gap_reason("5") is None


@pytest.mark.parametrize(
    "text", ["n/a", "12,3 тыс", "3 32", "1 2345", "5,2*", "1)", "--5", "inf", "nan", "1.2.3", True]
)
def test_not_numbers_raise(text):
    with pytest.raises(NumberFormatError):
        parse_number(text)


@given(
    n=st.integers(min_value=0, max_value=10**13),
    dec=st.one_of(st.none(), st.text(alphabet="0123456789", min_size=1, max_size=4)),
    sep=st.sampled_from(SEPARATORS),
    neg=st.booleans(),
    minus=st.sampled_from(["-", "\u2212"]),
)
def test_grouped_text_round_trips(n, dec, sep, neg, minus):
    text = ("" if not neg else minus) + _group(n, sep) + ("" if dec is None else "," + dec)
    expected = float(("-" if neg else "") + str(n) + ("" if dec is None else "." + dec))
    assert parse_number(text) == expected
    # the same figure printed with a decimal point and no separators
    assert parse_number(text.replace(sep, "").replace(",", ".")) == expected


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_spreadsheet_numbers_pass_through(v):
    assert parse_number(v) == v


@given(
    st.text(min_size=1, max_size=12).filter(
        lambda s: any(ch.isalpha() and ch.lower() not in "eх" and ch.lower() != "x" for ch in s)
    )
)
def test_text_with_words_is_rejected(s):
    with pytest.raises(NumberFormatError):
        parse_number(s)


@given(st.sampled_from(sorted(GAP_MARKERS)), st.sampled_from(["", " ", "\u00a0"]))
def test_gap_markers_with_padding(marker, pad):
    assert parse_number(pad + marker + pad) is None


def test_infinity_rejected():
    with pytest.raises(NumberFormatError):
        parse_number(math.inf)
