"""Identifiers: EPC URNs and GS1 Digital Link URIs normalised to one canonical form.

The canonical form of a GS1 key is the constrained canonical GS1 Digital Link URI
(``https://id.gs1.org/<AI>/<key>[/<qualifier AI>/<value>]``, lowest level of identification,
no CPV, no query string) as defined by the GS1 Digital Link standard and implemented by
``epcis_event_hash_generator.dl_normaliser`` (the same normalisation the CBV 2.0 event hash
uses, so two spellings of one item are one item for storage, query and hashing).
Identifiers that carry no GS1 key (private URIs, ``urn:epc:id:bic:``...) are kept as given.

References
----------
GS1 EPC Tag Data Standard 2.0 §6 (EPC URI syntax); GS1 Digital Link URI Syntax 1.2 §4.

Examples
--------
>>> canonical("urn:epc:id:sgtin:4012345.011111.9876")
'https://id.gs1.org/01/04012345111118/21/9876'
>>> canonical("https://example.com/01/04012345111118/21/9876")
'https://id.gs1.org/01/04012345111118/21/9876'
>>> canonical("urn:epc:class:lgtin:4012345.012345.998877")
'https://id.gs1.org/01/04012345123456/10/998877'
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["IdentifierError", "canonical", "check_digit_ok", "gln_urn", "is_gs1_uri", "lot_of"]

# EPC URN schemes of GS1 keys that the Tag Data Standard defines (a URN of one of these that
# does not parse is an error, not a private identifier).
_GS1_SCHEMES = {
    "sgtin",
    "sscc",
    "sgln",
    "grai",
    "giai",
    "gsrn",
    "gsrnp",
    "gdti",
    "cpi",
    "sgcn",
    "ginc",
    "gsin",
    "itip",
    "upui",
    "pgln",
    "lgtin",
}
_URN = re.compile(r"^urn:epc:(id|class|idpat):([a-z0-9]+):(.*)$")
# Digital Link primary keys with a check digit (AI -> digits of the key).
_DL_KEYS = {
    "01": 14,
    "00": 18,
    "414": 13,
    "417": 13,
    "8018": 18,
    "8017": 18,
    "253": None,
    "8003": None,
    "255": None,
    "402": 17,
}
_DL = re.compile(
    r"^https?://[^/]+(?:/[^/]+)*?/(01|00|414|417|8018|8017|253|8003|255|402|401|8004|8006|8010)/([^/?#]+)"
)


class IdentifierError(ValueError):
    """An identifier that looks like a GS1 key (EPC URN or Digital Link) but is not valid."""


def check_digit_ok(digits: str) -> bool:
    """True when the last digit of ``digits`` is its GS1 mod-10 check digit.

    Examples
    --------
    >>> check_digit_ok("04012345111118"), check_digit_ok("04012345111117")
    (True, False)
    """
    if not digits.isdigit() or len(digits) < 2:
        return False
    body = digits[:-1]
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == int(digits[-1])


def is_gs1_uri(uri: str) -> bool:
    """True when ``uri`` is written as a GS1 EPC URN or a GS1 Digital Link URI with a key."""
    m = _URN.match(uri)
    if m:
        return m.group(2) in _GS1_SCHEMES
    return _DL.match(uri) is not None


@lru_cache(maxsize=200_000)
def canonical(uri: str) -> str:
    """The canonical spelling of an identifier; raise :class:`IdentifierError` if malformed.

    EPC URNs (``urn:epc:id:``, ``urn:epc:class:``, ``urn:epc:idpat:``) of GS1 keys and GS1
    Digital Link URIs (any domain) become the canonical Digital Link URI; the check digit of a
    Digital Link key is verified. Other URIs are returned unchanged.
    """
    from epcis_event_hash_generator.dl_normaliser import normaliser

    if not isinstance(uri, str) or not uri.strip():
        raise IdentifierError(f"identifier must be a non-empty string, got {uri!r}")
    uri = uri.strip()
    m = _URN.match(uri)
    if m:
        if m.group(2) not in _GS1_SCHEMES:
            return uri
        out = normaliser(uri)
        if out is None:
            raise IdentifierError(
                f"malformed EPC URN {uri!r}: company prefix + reference must match the Tag "
                f"Data Standard partition (e.g. urn:epc:id:sgtin:4012345.011111.9876)"
            )
        return out
    if uri.startswith("urn:epc:"):
        raise IdentifierError(f"malformed EPC URN {uri!r} (expected urn:epc:id|class|idpat:...)")
    d = _DL.match(uri)
    if d:
        ai, key = d.group(1), d.group(2)
        n = _DL_KEYS.get(ai)
        if n is not None:
            if ai == "01" and key.isdigit() and len(key) in (8, 12, 13):
                key = key.zfill(14)
            if len(key) != n or not check_digit_ok(key):
                raise IdentifierError(
                    f"bad GS1 Digital Link {uri!r}: AI ({ai}) needs {n} digits with a valid "
                    f"check digit"
                )
        out = normaliser(uri)
        if out is None:
            raise IdentifierError(f"bad GS1 Digital Link {uri!r}: not a valid Digital Link path")
        return out
    return uri


def lot_of(uri: str) -> str | None:
    """The class-level (GTIN + lot) identifier of a canonical LGTIN, else None.

    Examples
    --------
    >>> lot_of("https://id.gs1.org/01/04012345123456/10/998877")
    'https://id.gs1.org/01/04012345123456/10/998877'
    >>> lot_of("https://id.gs1.org/01/04012345111118/21/9876") is None
    True
    """
    m = re.match(r"^(https://id\.gs1\.org/01/\d{14}/10/[^/]+)$", uri)
    return m.group(1) if m else None


def gln_urn(company_prefix: str, location_ref: str, extension: str = "0") -> str:
    """The SGLN EPC URN of a location (``urn:epc:id:sgln:CP.REF.EXT``).

    Examples
    --------
    >>> gln_urn("4870001", "00001")
    'urn:epc:id:sgln:4870001.00001.0'
    """
    return f"urn:epc:id:sgln:{company_prefix}.{location_ref}.{extension}"
