"""Query parameters resolved and checked the way the CLI does, with problem details on failure.

Regions by code or by name in kk/ru/en (the resolver of :mod:`aimaq.geo.names`), indicators by
id or alias, years and divisions against what exists, and opaque page tokens.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json

from aimaq.api.problems import Problem

__all__ = [
    "MAX_LIMIT",
    "check_borders",
    "check_years",
    "decode_page",
    "encode_page",
    "indicator_id",
    "region_codes",
]

MAX_LIMIT = 1000
FIRST_DIVISION = 1997  # the registry's units are valid from the 1997 reform on


def region_codes(values: list[str] | None, param: str = "region") -> list[str] | None:
    """Registry codes of the given codes or names; 422 with suggestions for an unknown one."""
    if not values:
        return None
    from aimaq.geo import names, registry

    codes = set(registry.all_codes())
    out = []
    for v in values:
        for part in (p.strip() for p in v.split(",")):
            if not part:
                continue
            if part.upper() in codes:
                out.append(part.upper())
                continue
            try:
                out.append(names.resolve(part))
            except names.UnknownRegionError as e:
                raise Problem(
                    422, f"{param}: {e}", "unknown-region", param=param, suggestions=e.candidates
                ) from None
            except names.AmbiguousRegionError as e:
                raise Problem(
                    422, f"{param}: {e}", "ambiguous-region", param=param, suggestions=e.codes
                ) from None
    return out


def indicator_id(value: str, param: str = "indicator") -> str:
    """Catalogue id of an id or alias; 404 with the closest ids for an unknown one."""
    import difflib

    from aimaq import catalogue

    try:
        return catalogue.get(value).id
    except KeyError:
        ids = [i.id for i in catalogue.indicators()]
        raise Problem(
            404,
            f"{param}: no indicator {value!r} in the catalogue (see /indicators)",
            "unknown-indicator",
            param=param,
            suggestions=difflib.get_close_matches(value, ids, n=5, cutoff=0.4),
        ) from None


def check_borders(borders: int | None) -> int | None:
    """A division year the registry knows (1997 to this year)."""
    if borders is None:
        return None
    last = dt.date.today().year
    if not FIRST_DIVISION <= borders <= last:
        raise Problem(
            422,
            f"borders: {borders} is outside the divisions aimaq knows "
            f"({FIRST_DIVISION}–{last}); e.g. 2017 (before the 2018 split), "
            "2021 (before 2022), or omit it for the current division",
            "invalid-parameter",
            param="borders",
        )
    return borders


def check_years(years: list[int] | None, have: list[int], indicator: str) -> list[int] | None:
    """Years that the indicator has; 422 naming the years with data otherwise."""
    if not years:
        return None
    missing = sorted(set(years) - set(have))
    if missing:
        span = _spans(have)
        raise Problem(
            422,
            f"year: {indicator} has no figures for {', '.join(map(str, missing))}; "
            f"years with data: {span}",
            "no-data-for-year",
            param="year",
            available=sorted(have),
        )
    return years


def _spans(years: list[int]) -> str:
    ys = sorted(set(years))
    if not ys:
        return "none"
    out, start, prev = [], ys[0], ys[0]
    for y in ys[1:] + [None]:
        if y is not None and y == prev + 1:
            prev = y
            continue
        out.append(str(start) if start == prev else f"{start}–{prev}")
        if y is not None:
            start = prev = y
    return ", ".join(out)


def _fingerprint(query: dict) -> str:
    return hashlib.sha256(json.dumps(query, sort_keys=True, default=str).encode()).hexdigest()[:12]


def encode_page(offset: int, query: dict) -> str:
    """An opaque token for the page starting at ``offset`` of this query."""
    raw = json.dumps({"o": offset, "q": _fingerprint(query)}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_page(token: str | None, query: dict) -> int:
    """Offset of a token made by :func:`encode_page` for the same query (0 for None)."""
    if not token:
        return 0
    try:
        raw = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        offset, fp = int(raw["o"]), raw["q"]
    except Exception:
        raise Problem(
            422,
            "nextPageToken: not a token this service issued",
            "invalid-parameter",
            param="nextPageToken",
        ) from None
    if fp != _fingerprint(query) or offset < 0:
        raise Problem(
            422,
            "nextPageToken: issued for another query; repeat the query with the same parameters",
            "invalid-parameter",
            param="nextPageToken",
        )
    return offset
