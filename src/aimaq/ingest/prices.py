"""Readers of food-price files: WFP (as on HDX and as transcribed in ../shared), a tidy price
CSV, and the statistics bureau's weekly tables of СЗПТ prices by city.

Every reader returns a :class:`PriceTable` whose ``frame`` has the columns of
:data:`PRICE_COLUMNS`: ``product`` (catalogue id, :mod:`aimaq.catalogue.products`), ``market``
(the city as GeoNames names it, or ``Kazakhstan`` for a national average), ``region`` (ISO
3166-2:KZ code of the unit the city lay in on that date; ``KZ`` for national figures),
``date``, ``stage`` (producer / wholesale / retail), ``price``, ``unit`` (the catalogue's unit:
kg, l, 10 pcs), ``currency``, ``source``, ``note`` and the names as published.

Bad input raises :class:`~aimaq.ingest.errors.IngestError` naming file, row (or cell) and field
with the fix; nothing is filled in. Rows a reader deliberately leaves out (WFP forecasts, gap
signs in the bureau's tables) are listed in :attr:`PriceTable.skipped`, never dropped silently.

Formats
-------
WFP on HDX (``wfp_food_prices_kaz.csv``)
    ``date, admin1, admin2, market, [market_id, latitude, longitude, category,] commodity,
    [commodity_id,] unit, priceflag, pricetype, currency, price[, usdprice]``; a second row of
    HXL hashtags (``#date``, ...) is skipped. ``priceflag`` forecast rows are skipped (listed).
WFP as transcribed in ../shared (``prices/wfp_retail_prices_2005-2020.csv``)
    the 7 columns of observations.csv; the commodity, price type and date are in ``note``.
Tidy price CSV
    ``product, market, date, stage, price, unit, currency, source``; optional ``note``.
Bureau weekly СЗПТ table (``.xlsx``)
    as the bureau lays out its other tables: a title naming the date ("на 21.02.2023" or
    "на 21 февраля 2023 года"), a unit line ("тенге"), one header row of product names with
    units ("Картофель, кг") over city rows, or city names over product rows, the national row
    ("Республика Казахстан"), footnotes under the table and footnote marks on labels ("Туркестан1)");
    a region named instead of a city stands for its centre, where the bureau collects its
    prices (noted per price). Anything it cannot be sure of (no
    date, two dates, an unknown product or city, a unit other than the catalogue's, text in a
    price cell) is refused with the cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from aimaq.catalogue import products as _products
from aimaq.geo import registry
from aimaq.ingest.errors import IngestError
from aimaq.ingest.numbers import NumberFormatError, gap_reason, parse_number

__all__ = [
    "NATIONAL_MARKET",
    "PRICE_COLUMNS",
    "PriceTable",
    "is_price_header",
    "read_bureau_szpt",
    "read_price_csv",
    "read_price_file",
    "read_wfp_hdx",
    "read_wfp_transcription",
    "resolve_market",
]

PRICE_COLUMNS = [
    "product",
    "market",
    "region",
    "date",
    "stage",
    "price",
    "unit",
    "currency",
    "source",
    "note",
    "product_as_published",
    "market_as_published",
]
TIDY_REQUIRED = ("product", "market", "date", "stage", "price", "unit", "currency", "source")
HDX_REQUIRED = ("date", "market", "commodity", "unit", "pricetype", "currency", "price")
NATIONAL_MARKET = "Kazakhstan"
_NATIONAL = {
    "kazakhstan",
    "kz",
    "national average",
    "республика казахстан",
    "казахстан",
    "қазақстан республикасы",
    "қазақстан",
    "republic of kazakhstan",
}
_STAGES = {
    "retail": "retail",
    "wholesale": "wholesale",
    "producer": "producer",
    "farm gate": "producer",
    "farmgate": "producer",
    "розница": "retail",
    "опт": "wholesale",
    "производитель": "producer",
}
_UNITS = {
    "kg": "kg",
    "кг": "kg",
    "l": "l",
    "л": "l",
    "litre": "l",
    "liter": "l",
    "10 pcs": "10 pcs",
    "10 шт": "10 pcs",
    "десяток": "10 pcs",
    "dozen": None,
}


@dataclass
class PriceTable:
    """A price file read into a frame of :data:`PRICE_COLUMNS`, with what was left out."""

    frame: pd.DataFrame
    file: str
    skipped: list[dict] = field(default_factory=list)


# -- shared checks ------------------------------------------------------------------------------
@cache
def _settlement_regions() -> dict[str, str]:
    from aimaq.geo.settlements import settlements

    s = settlements().sort_values("population")  # the largest place of a name wins
    return dict(zip(s["name"].str.lower(), s["region"], strict=True))


@cache
def _settlement_names() -> dict[str, str]:
    from aimaq.geo.settlements import settlements

    s = settlements().sort_values("population")
    return dict(zip(s["name"].str.lower(), s["name"], strict=True))


def resolve_market(name: str) -> tuple[str, str]:
    """``(market, region)`` of a published city name: the GeoNames name and its current region.

    Spellings are matched through ``aimaq/data/prices/markets.csv`` (ru/kk names, former names
    such as Nur-Sultan) and then GeoNames' settlements (:mod:`aimaq.geo.settlements`); a
    national average gives ``("Kazakhstan", "KZ")``.

    Raises
    ------
    KeyError
        The name is neither an alias nor a GeoNames settlement of Kazakhstan.

    Examples
    --------
    >>> resolve_market("Nur-Sultan")
    ('Astana', 'KZ-71')
    """
    key = " ".join(str(name).strip().split()).lower()
    if key in _NATIONAL:
        return NATIONAL_MARKET, registry.NATIONAL
    alias = _products.market_aliases().get(_products._key(key))
    geo = (alias or key).lower()
    names = _settlement_names()
    if geo not in names:
        raise KeyError(
            f"unknown market {name!r}: neither in aimaq/data/prices/markets.csv nor a GeoNames "
            "settlement of Kazakhstan; spell the city as GeoNames does or add an alias"
        )
    return names[geo], _settlement_regions()[geo]


def _region_on(code: str, day: pd.Timestamp) -> str:
    """The unit ``code``'s territory belonged to on ``day`` (before a split: the old unit)."""
    if code == registry.NATIONAL:
        return code
    reg = registry.get(code)
    while reg.valid_from and day < pd.Timestamp(reg.valid_from):
        prev = registry.predecessor(reg.code)
        if prev is None:
            break
        reg = registry.get(prev)
    return reg.code


def _finish(df: pd.DataFrame, file: str) -> pd.DataFrame:
    """Resolve products, markets, stages, units, dates and prices; raise naming row and field."""
    df = df.reset_index(drop=True)
    where = df["_where"] if "_where" in df else df["_row"].map(lambda r: {"row": int(r)})

    def fail(i, msg):
        raise IngestError(msg, file=file, **where[i])

    if "product_as_published" not in df or (df["product_as_published"].astype(str) == "").any():
        df["product_as_published"] = df["product"].astype(str)
    ids = {}
    for i, p in enumerate(df["product"].astype(str)):
        if p not in ids:
            try:
                ids[p] = _products.product_id(p)
            except _products.UnknownProductError as e:
                fail(i, f"field product: {e}")
    df["product"] = df["product"].astype(str).map(ids)
    if "market_as_published" not in df or (df["market_as_published"].astype(str) == "").any():
        df["market_as_published"] = df["market"].astype(str)
    markets = {}
    for i, m in enumerate(df["market"].astype(str)):
        if m not in markets:
            try:
                markets[m] = resolve_market(m)
            except KeyError as e:
                fail(i, f"field market: {e.args[0]}")
    home = df["market"].astype(str).map(lambda m: markets[m][1])
    df["market"] = df["market"].astype(str).map(lambda m: markets[m][0])
    dates = pd.to_datetime(df["date"], errors="coerce", format="mixed")
    if dates.isna().any():
        i = int(dates.isna().idxmax())
        fail(i, f"field date: {df.at[i, 'date']!r} is not a date (write YYYY-MM-DD)")
    df["date"] = dates.dt.normalize()
    df["region"] = [_region_on(c, d) for c, d in zip(home, df["date"], strict=True)]
    st = df["stage"].astype(str).str.strip().str.lower().map(_STAGES)
    if st.isna().any():
        i = int(st.isna().idxmax())
        fail(i, f"field stage: {df.at[i, 'stage']!r} is not producer, wholesale or retail")
    df["stage"] = st
    cat = _products.products()["unit"]
    units = df["unit"].astype(str).str.strip().str.lower().map(_UNITS)
    for i in range(len(df)):
        want = cat[df.at[i, "product"]]
        if units[i] != want:
            fail(
                i,
                f"field unit: {df.at[i, 'unit']!r} for {df.at[i, 'product']}, but the catalogue "
                f"prices it per {want}; convert the price to per {want} before loading",
            )
    df["unit"] = units
    cur = df["currency"].astype(str).str.strip().str.upper()
    bad = ~cur.str.fullmatch(r"[A-Z]{3}")
    if bad.any():
        i = int(bad.idxmax())
        fail(i, f"field currency: {df.at[i, 'currency']!r} is not an ISO 4217 code such as KZT")
    df["currency"] = cur
    price = pd.to_numeric(df["price"], errors="coerce")
    for i in price.index[price.isna()]:
        try:
            price[i] = parse_number(str(df.at[i, "price"]))
        except NumberFormatError:
            price[i] = None
        if pd.isna(price[i]):
            fail(i, f"field price: {df.at[i, 'price']!r} is not a number (leave gaps out)")
    bad = ~(price > 0)
    if bad.any():
        i = int(bad.idxmax())
        fail(i, f"field price: {df.at[i, 'price']!r} is not a positive price")
    df["price"] = price.astype(float)
    empty = df["source"].isna() | (df["source"].astype(str).str.strip() == "")
    if empty.any():
        fail(int(empty.idxmax()), "field source: empty (cite where the price was read)")
    if "note" not in df:
        df["note"] = None
    df["note"] = df["note"].astype(object).where(df["note"].notna() & (df["note"] != ""), None)
    key = ["product", "market", "stage", "date"]
    dup = df.duplicated(key, keep=False)
    if dup.any():
        d = df[dup]
        n = d.groupby(key)["price"].nunique()
        if (n > 1).any():
            k = n[n > 1].index[0]
            rows = d[(d[key] == pd.Series(k, index=key)).all(axis=1)].index
            first, second = (where[j] for j in rows[:2])
            raise IngestError(
                f"{k[0]} at {k[1]} ({k[2]}) on {k[3]:%Y-%m-%d} is given twice with different "
                f"prices (also at {second}); keep one",
                file=file,
                **first,
            )
        df = df.drop_duplicates(key)
    return df[PRICE_COLUMNS].reset_index(drop=True)


def _read_csv(path: Path) -> pd.DataFrame:
    file = str(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            head = fh.read(4096)
    except UnicodeDecodeError:
        raise IngestError("not a UTF-8 text file (save the CSV as UTF-8)", file=file) from None
    except OSError as e:
        raise IngestError(f"cannot read: {e.strerror}", file=file) from None
    if "\x00" in head:
        raise IngestError("binary file, not a CSV", file=file)
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, csv.Error) as e:
        raise IngestError(f"not a readable CSV ({e})", file=file) from None
    except pd.errors.EmptyDataError:
        raise IngestError("empty file", file=file) from None
    df.columns = [c.strip().lower() for c in df.columns]
    df["_row"] = range(2, len(df) + 2)
    return df


def _need(df: pd.DataFrame, cols, file: str, what: str) -> None:
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise IngestError(
            f"missing column(s) {', '.join(missing)}; {what} needs {', '.join(cols)}",
            file=file,
            row=1,
        )


def _nonempty(df: pd.DataFrame, cols, file: str) -> None:
    for c in cols:
        empty = df[c].astype(str).str.strip() == ""
        if empty.any():
            raise IngestError(
                f"field {c} is empty", file=file, row=int(df.loc[empty.idxmax(), "_row"])
            )


# -- WFP --------------------------------------------------------------------------------------
WFP_SOURCE = "WFP VAM food prices, HDX dataset wfp_food_prices_kaz"


def read_wfp_hdx(path: str | os.PathLike, source: str | None = None) -> PriceTable:
    """Read WFP's price file as published on HDX (see the module docstring for the columns)."""
    path = Path(path)
    file = str(path)
    df = _read_csv(path)
    _need(df, HDX_REQUIRED, file, "a WFP HDX price file")
    df = df[~df["date"].str.startswith("#")]  # the HXL hashtag row
    skipped = []
    if "priceflag" in df:
        fc = df["priceflag"].str.strip().str.lower().str.contains("forecast")
        skipped = [
            {"row": int(r), "content": f"{c} {m} {d}", "reason": "WFP forecast, not an observation"}
            for r, c, m, d in df.loc[fc, ["_row", "commodity", "market", "date"]].itertuples(
                index=False
            )
        ]
        df = df[~fc]
    _nonempty(df, HDX_REQUIRED, file)
    cite = source or f"{WFP_SOURCE} ({path.name})"
    extra = [c for c in ("admin1", "admin2", "priceflag", "usdprice") if c in df]
    out = pd.DataFrame(
        {
            "product": df["commodity"],
            "market": df["market"],
            "date": df["date"],
            "stage": df["pricetype"],
            "price": df["price"],
            "unit": df["unit"],
            "currency": df["currency"],
            "source": cite,
            "note": [
                "; ".join(f"{c}={v}" for c, v in zip(extra, vals, strict=True) if v)
                for vals in df[extra].itertuples(index=False)
            ]
            if extra
            else None,
            "_row": df["_row"],
        }
    )
    return PriceTable(_finish(out, file), file, skipped)


_NOTE = re.compile(
    r"date=(?P<date>\d{4}-\d{2}-\d{2}).*?commodity «(?P<commodity>[^»]+)».*?"
    r"pricetype=(?P<pricetype>[^;]+)"
)


def read_wfp_transcription(path: str | os.PathLike) -> PriceTable:
    """Read the WFP prices as transcribed in ../shared (7 columns; date and commodity in note)."""
    path = Path(path)
    file = str(path)
    df = _read_csv(path)
    _need(
        df,
        ("region", "indicator", "year", "value", "unit", "source", "note"),
        file,
        "the WFP transcription",
    )
    _nonempty(df, ("region", "value", "unit", "source", "note"), file)
    got = df["note"].str.extract(_NOTE)
    if got["date"].isna().any():
        i = got["date"].isna().idxmax()
        raise IngestError(
            "field note: no 'date=YYYY-MM-DD ... commodity «...» ... pricetype=...' in it",
            file=file,
            row=int(df.at[i, "_row"]),
        )
    unit = df["unit"].str.extract(r"^(?P<cur>[A-Z]{3}) per (?P<u>.+)$")
    if unit["cur"].isna().any():
        i = unit["cur"].isna().idxmax()
        raise IngestError(
            f"field unit: {df.at[i, 'unit']!r} is not 'CUR per UNIT' (e.g. KZT per KG)",
            file=file,
            row=int(df.at[i, "_row"]),
        )
    yr = got["date"].str[:4] != df["year"].str.strip()
    if yr.any():
        i = yr.idxmax()
        raise IngestError(
            f"field year: {df.at[i, 'year']!r} disagrees with the note's date "
            f"{got.at[i, 'date']}; correct one of them",
            file=file,
            row=int(df.at[i, "_row"]),
        )
    out = pd.DataFrame(
        {
            "product": got["commodity"],
            "market": df["region"],
            "date": got["date"],
            "stage": got["pricetype"].str.strip(),
            "price": df["value"],
            "unit": unit["u"],
            "currency": unit["cur"],
            "source": df["source"],
            "note": df["note"],
            "_row": df["_row"],
        }
    )
    return PriceTable(_finish(out, file), file)


# -- tidy ---------------------------------------------------------------------------------------
def read_price_csv(path: str | os.PathLike) -> PriceTable:
    """Read a tidy price CSV (``product, market, date, stage, price, unit, currency, source``)."""
    path = Path(path)
    file = str(path)
    df = _read_csv(path)
    _need(df, TIDY_REQUIRED, file, "a tidy price CSV")
    _nonempty(df, TIDY_REQUIRED, file)
    return PriceTable(_finish(df, file), file)


def is_price_header(header: list[str]) -> str | None:
    """Which price format a CSV header is: ``"tidy"``, ``"hdx"``, ``"wfp-transcription"`` or None."""
    h = [c.strip().lower() for c in header]
    if all(c in h for c in TIDY_REQUIRED):
        return "tidy"
    if all(c in h for c in HDX_REQUIRED):
        return "hdx"
    if h[:7] == ["region", "indicator", "year", "value", "unit", "source", "note"]:
        return "wfp-transcription"
    return None


# -- the bureau's weekly СЗПТ tables ------------------------------------------------------------
_MONTHS = {
    "января": 1,
    "февраля": 2,
    "марта": 3,
    "апреля": 4,
    "мая": 5,
    "июня": 6,
    "июля": 7,
    "августа": 8,
    "сентября": 9,
    "октября": 10,
    "ноября": 11,
    "декабря": 12,
}
_DATE_NUM = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_DATE_WORD = re.compile(r"\b(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})", re.I)
_HEADER_UNIT = re.compile(
    r"^(?P<name>.+?)[,(]\s*(?:тенге\s+за\s+|за\s+|тг/)?(?P<unit>кг|л|10 шт|десяток)\.?\)?\s*$", re.I
)


def _dates(text: str) -> set[dt.date]:
    out = {dt.date(int(y), int(m), int(d)) for d, m, y in _DATE_NUM.findall(text)}
    out |= {dt.date(int(y), _MONTHS[m.lower()], int(d)) for d, m, y in _DATE_WORD.findall(text)}
    return out


def _cell(r: int, c: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(c + 1)}{r + 1}"


def _product_header(text: str) -> tuple[str, str] | None:
    m = _HEADER_UNIT.match(_FOOTNOTE.sub("", " ".join(text.split())))
    if m is None:
        return None
    try:
        return _products.product_id(m["name"]), _UNITS[m["unit"].lower()]
    except _products.UnknownProductError:
        return None


_FOOTNOTE = re.compile(r"(\s*\d+\)|\*+)\s*$")


def _clean(text: str) -> str:
    """A label without footnote marks ("Туркестан1)", "Астана*") and the "г." prefix."""
    return re.sub(r"^г\.\s*", "", _FOOTNOTE.sub("", " ".join(str(text).split()))).strip()


def _bureau_market(text: str) -> tuple[str, str | None] | None:
    """``(city, note)`` for a row or column label of the bureau's table, or None.

    A city (or the republic) is itself; a region's name stands for its centre, where the
    bureau collects the region's prices (noted).
    """
    from aimaq.geo.names import AmbiguousRegionError, UnknownRegionError, resolve

    name = _clean(text)
    try:
        resolve_market(name)
        return name, None
    except KeyError:
        pass
    try:
        code = resolve(name, prefer="oblast")
    except (UnknownRegionError, AmbiguousRegionError):
        return None
    centre = registry.regions()["centre_en"].get(code)
    if not centre:
        return None
    return (
        centre,
        f"row {text!r} read as the prices of its centre {centre} (where the bureau collects them)",
    )


def read_bureau_szpt(path: str | os.PathLike, source: str | None = None) -> PriceTable:
    """Read the bureau's weekly table of average СЗПТ prices by city (``.xlsx``).

    ``source`` is the citation (the bureau's table, then where the file came from); the
    default names the file. Raises :class:`IngestError` with the cell for anything the reader
    cannot be sure of.
    """
    import openpyxl

    path = Path(path)
    file = str(path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many types for a non-workbook
        raise IngestError(
            f"not a readable .xlsx workbook ({type(e).__name__})", file=file
        ) from None
    rows_out, skipped = [], []
    cite = (
        source
        or f"Bureau of National Statistics, weekly prices of socially significant food products ({path.name})"
    )
    for ws in wb.worksheets:
        grid = [list(r) for r in ws.iter_rows(values_only=True)]
        text = [[("" if v is None else str(v).strip()) for v in r] for r in grid]
        hdr = None  # (row, {col: (product, unit)}) or (row, {col: market}) with orientation
        for r, row in enumerate(text[:30]):
            prods = {c: p for c, v in enumerate(row) if v and (p := _product_header(v))}
            mkts = {c: m for c, v in enumerate(row) if c > 0 and v and (m := _bureau_market(v))}
            if len(prods) >= 2:
                hdr = (r, "cities×products", prods)
                break
            if len(mkts) >= 2:
                hdr = (r, "products×cities", mkts)
                break
        if hdr is None:
            if any(any(row) for row in text):
                raise IngestError(
                    "no header row of products with units ('Картофель, кг') or of city names "
                    "found in the first 30 rows; this is not a weekly СЗПТ price table",
                    file=file,
                    sheet=ws.title,
                )
            continue
        hr, layout, cols = hdr
        above = " ".join(" ".join(r) for r in text[:hr])
        days = _dates(above)
        if len(days) != 1:
            raise IngestError(
                (
                    "no date"
                    if not days
                    else f"{len(days)} dates ({', '.join(map(str, sorted(days)))})"
                )
                + " in the title above the header; the table must state the one date its prices "
                "are for ('по состоянию на 21.02.2023')",
                file=file,
                sheet=ws.title,
                cell=_cell(0, 0),
            )
        day = days.pop()
        if "тенге" not in above.lower() and "kzt" not in above.lower():
            raise IngestError(
                "no currency line ('тенге') above the header",
                file=file,
                sheet=ws.title,
                cell=_cell(hr, 0),
            )
        for c, v in enumerate(text[hr]):
            if c > 0 and v and c not in cols:
                raise IngestError(
                    f"header {v!r} is not a catalogue product with its unit ('Картофель, кг')"
                    if layout == "cities×products"
                    else f"header {v!r} is not a known city",
                    file=file,
                    sheet=ws.title,
                    cell=_cell(hr, c),
                )
        for r in range(hr + 1, len(text)):
            lab = text[r][0]
            vals = [(c, grid[r][c]) for c in cols if c < len(grid[r])]
            if not lab and all(gap_reason(v) == "empty" for _, v in vals):
                continue
            if all(gap_reason(v) == "empty" for _, v in vals):  # footnote or spacer
                skipped.append(
                    {
                        "sheet": ws.title,
                        "cell": _cell(r, 0),
                        "content": lab,
                        "reason": "no figures in the row (footnote)",
                    }
                )
                continue
            if layout == "cities×products":
                label_ok = _bureau_market(lab) is not None
            else:
                label_ok = _product_header(lab) is not None
            if not label_ok:
                raise IngestError(
                    f"row label {lab!r} is not a known "
                    + ("city" if layout == "cities×products" else "product with its unit"),
                    file=file,
                    sheet=ws.title,
                    cell=_cell(r, 0),
                )
            for c, v in vals:
                try:
                    num = parse_number(v)
                except NumberFormatError:
                    raise IngestError(
                        f"{v!r} is not a price", file=file, sheet=ws.title, cell=_cell(r, c)
                    ) from None
                if num is None:
                    skipped.append(
                        {
                            "sheet": ws.title,
                            "cell": _cell(r, c),
                            "content": str(v),
                            "reason": gap_reason(v),
                        }
                    )
                    continue
                if layout == "cities×products":
                    (prod, unit), (market, why) = cols[c], _bureau_market(lab)
                else:
                    (prod, unit), (market, why) = _product_header(lab), cols[c]
                rows_out.append(
                    {
                        "product": prod,
                        "market": market,
                        "date": day.isoformat(),
                        "stage": "retail",
                        "price": num,
                        "unit": unit,
                        "currency": "KZT",
                        "source": cite,
                        "note": f"{ws.title}!{_cell(r, c)}" + (f"; {why}" if why else ""),
                        "_where": {"sheet": ws.title, "cell": _cell(r, c)},
                    }
                )
    wb.close()
    if not rows_out:
        raise IngestError("no prices found in any sheet", file=file)
    return PriceTable(_finish(pd.DataFrame(rows_out), file), file, skipped)


def read_price_file(path: str | os.PathLike, source: str | None = None) -> PriceTable:
    """Read any price file: ``.xlsx`` → bureau weekly table; ``.csv`` by its header."""
    path = Path(path)
    ext = path.suffix.lower()
    if ext in (".xlsx", ".xlsm"):
        return read_bureau_szpt(path, source=source)
    if ext in (".csv", ".txt"):
        head = _read_csv(path).columns.tolist()
        kind = is_price_header(head)
        if kind == "tidy":
            return read_price_csv(path)
        if kind == "hdx":
            return read_wfp_hdx(path, source=source)
        if kind == "wfp-transcription":
            return read_wfp_transcription(path)
        raise IngestError(
            f"CSV header {head[:8]!r} is not a price file: need a tidy price CSV "
            f"({', '.join(TIDY_REQUIRED)}) or WFP's HDX file ({', '.join(HDX_REQUIRED)})",
            file=str(path),
            row=1,
        )
    raise IngestError(
        f"unsupported file type {ext or '(none)'!r}: prices are read from .csv "
        "or the bureau's .xlsx",
        file=str(path),
    )
