"""What every reader returns and the checks every figure passes before it leaves a reader.

:class:`BureauTable` (the frame, layout, sheets, skipped cells), :class:`SheetContext` (the
reader's state for one file: what it was asked, what it skipped, its located errors),
:func:`resolve_regions` (names to codes, placed on the division they were published on) and
:func:`finish` (repeats, back-casts, abolished units), shared by the workbook layouts and the
Taldau CSV reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from aimaq import catalogue
from aimaq.geo import borders, registry
from aimaq.geo.names import AmbiguousRegionError, UnknownRegionError, resolve_many
from aimaq.ingest.errors import IngestError
from aimaq.ingest.grid import YEAR, period_start

__all__ = [
    "FRAME_COLUMNS",
    "SKIPPED_COLUMNS",
    "BureauTable",
    "SheetContext",
    "SheetResult",
    "finish",
    "reason_class",
    "resolve_regions",
]


FRAME_COLUMNS = [
    "region",
    "indicator",
    "year",
    "period",
    "value",
    "unit",
    "source",
    "note",
    "region_as_published",
    "sheet",
    "cell",
]
SKIPPED_COLUMNS = ["sheet", "row", "cell", "content", "reason"]


@dataclass
class BureauTable:
    """A bureau file read into a tidy frame.

    Attributes
    ----------
    frame : DataFrame
        One figure per row: ``region`` (code, placed on the division it was published on),
        ``indicator`` (catalogue id), ``year``, ``period``, ``value``, ``unit``, ``source``,
        ``note``, ``region_as_published``, and where it was read (``sheet``, ``cell``).
        Ready for :meth:`aimaq.store.Store.load`.
    layout : str
        ``"regions×periods"``, ``"regions×categories"``, ``"regions×activities"``,
        ``"activities×periods"`` or ``"taldau-csv"`` (several joined by
        ``+`` when sheets differ).
    sheets : list of str
        Sheets the frame's figures come from (a sheet that only repeats figures of an earlier
        one is listed in ``skipped`` instead).
    skipped : DataFrame
        Columns ``sheet, row, cell, content, reason``: every cell, row, column or sheet not
        loaded, and why.
    indicators : list of str
        Catalogue ids in the frame, detected from the file or passed by the caller.
    file : str
    """

    frame: pd.DataFrame
    layout: str
    sheets: list[str]
    skipped: pd.DataFrame
    indicators: list[str] = field(default_factory=list)
    file: str = ""
    warnings: list[str] = field(default_factory=list)

    def skipped_by_reason(self) -> dict[str, int]:
        """Skipped cells, rows and columns counted by kind of reason (see :func:`reason_class`)."""
        out: dict[str, int] = {}
        for r in self.skipped["reason"]:
            k = reason_class(r)
            out[k] = out.get(k, 0) + 1
        return dict(sorted(out.items(), key=lambda kv: -kv[1]))

    @property
    def indicator(self) -> str | None:
        """The indicator when the file holds exactly one, else ``None``."""
        return self.indicators[0] if len(self.indicators) == 1 else None


_REASON_CLASSES = [
    (re.compile(r"^gap: (.*)$"), None),
    (re.compile(r"^district or settlement"), "district or settlement row"),
    (re.compile(r"(before it existed|was created on)"), "estimate for a unit before it existed"),
    (re.compile(r"was abolished"), "figure for a unit after it was abolished"),
    (re.compile(r"^same figure already read"), "figure repeated"),
    (re.compile(r"(breakdown|no catalogue indicator)"), "breakdown with no catalogue indicator"),
    (re.compile(r"^holds .*, not the requested"), "other indicator than requested"),
    (re.compile(r"sub-annual period not loaded"), "sub-annual period (annual_only)"),
]


def reason_class(reason: str) -> str:
    """The kind of a skip reason, for counts: "gap: empty", "district or settlement row", ..."""
    for pat, name in _REASON_CLASSES:
        m = pat.search(reason)
        if m:
            return name or f"gap: {m.group(1)}"
    return reason.split(":")[0][:60]


@dataclass
class SheetResult:
    """The figures one layout reader read from one sheet."""

    records: list[dict]
    layout: str | None
    indicators: set[str]


class SheetContext:
    """A reader's state for one file: the caller's options, skipped cells, located errors."""

    def __init__(
        self,
        file: str,
        indicator: str | None,
        source: str | None,
        year: int | None,
        annual_only: bool,
        name_year: int | None,
        allow_partial: bool = False,
    ):
        self.file = file
        self.allow_partial = allow_partial
        self.warnings: list[str] = []
        self.district_rows: dict[str | None, list[tuple[int, str, str]]] = {}
        try:
            self.indicator = catalogue.get(indicator).id if indicator else None
        except KeyError as e:
            raise IngestError(f"indicator=: {e}", file=file) from None
        self.source = source
        self.year = year
        self.annual_only = annual_only
        self.name_year = name_year
        self.skipped: list[tuple] = []
        self.by_region_source: str | None = None  # activity tables: one source per file

    def skip(self, sheet, row, cell, content, reason):
        """List a cell, row, column or sheet not loaded, and why."""
        self.skipped.append((sheet, row, cell, None if content is None else str(content), reason))

    def warn(self, msg: str, sheet=None, cell=None) -> None:
        """A warning printed by ``aimaq ingest`` and stored with the load."""
        where = ", ".join(
            x for x in (f"sheet {sheet!r}" if sheet else "", f"cell {cell}" if cell else "") if x
        )
        self.warnings.append(f"{where}: {msg}" if where else msg)

    def err(self, msg, sheet=None, row=None, cell=None) -> IngestError:
        """A located error for this file (raise it)."""
        return IngestError(msg, file=self.file, sheet=sheet, row=row, cell=cell)

    def category_year(self, title: str) -> tuple[int | None, str | None]:
        """Year of a regions × categories table: its title, else year=, else the file name."""
        years = set(YEAR.findall(title))
        if self.year is not None:
            return self.year, None
        if len(years) == 1:
            return int(years.pop()), None
        if not years and self.name_year is not None:
            return self.name_year, "year taken from the file name (the table states none)"
        return None, None

    def default_source(self, sheet: str, title_cells) -> str:
        head = ""
        for _, _, v in title_cells:
            t = re.sub(r"\s+", " ", str(v)).strip()
            if len(t) > 3 and re.search(r"[^\W\d_]{4}", t):
                head = t
                break
        base = f"{Path(self.file).name}, sheet {sheet!r}"
        return f"{base}: {head[:160]}" if head else base


def resolve_regions(df: pd.DataFrame, file: str) -> pd.DataFrame:
    """Add ``region`` codes (and keep the name in ``region_as_published``).

    District rows, keyed by their 9-digit KATO code, pass as they are (the store checks them).
    """
    df = df.copy()
    if "region_as_published" not in df.columns:
        df["region_as_published"] = df["region"].astype(str)
    dist = df["region"].astype(str).str.fullmatch(r"\d{9}")
    if dist.any():
        rest = resolve_regions(df[~dist], file) if (~dist).any() else df.iloc[:0]
        return pd.concat([rest, df[dist]]).sort_index()
    known = set(registry.all_codes())
    codes = pd.Series(index=df.index, dtype=object)
    is_code = df["region"].isin(known)
    codes[is_code] = df.loc[is_code, "region"]
    for _, idx in df[~is_code].groupby("source", sort=False).groups.items():
        names = df.loc[idx, "region"].astype(str)
        uniq = list(dict.fromkeys(names))
        try:
            res = dict(zip(uniq, resolve_many(uniq), strict=True))
        except (UnknownRegionError, AmbiguousRegionError) as e:
            row = int(df.loc[idx][names == e.name]["_row"].iloc[0]) if "_row" in df else None
            raise IngestError(f"field region: {e}", file=file, row=row) from None
        codes[idx] = names.map(res)
    df["region"] = codes
    explicit = is_code & df["region"].isin(["KZ-YUZ", "KZ-ALM", "KZ-KAR", "KZ-VOS"])
    out = borders.assign_borders(df[~is_code | ~explicit])
    return pd.concat([out, df[is_code & explicit]]).sort_index()


def finish(df: pd.DataFrame, file: str, rd) -> pd.DataFrame:
    """Check repeats, place figures on their division, drop back-casts; shared with Taldau."""
    key = ["region", "indicator", "period"]
    df = _drop_repeats(df, key, file, rd, "")
    # borders are decided per period (a Q1 2022 table is on the old division, H1 2022 on the new)
    tmp = df.assign(source=df["source"] + "\x1f" + df["period"])
    out = resolve_regions(tmp, file)
    out["source"] = df["source"].reindex(out.index)
    out["old_borders"] = out["old_borders"].astype("boolean").fillna(False).astype(bool)
    published = df.groupby(["indicator", "period"])["region"].agg(set).to_dict()
    placed = out.groupby(["indicator", "period"])["region"].agg(set).to_dict()
    split = {c: set(registry.get(c).successors) for c in registry.all_codes()}
    drop = []
    for i, code, pub, ind, y, per, old in zip(
        out.index,
        out["region"],
        df["region"].reindex(out.index),
        out["indicator"],
        out["year"],
        out["period"],
        out["old_borders"],
        strict=True,
    ):
        if code == registry.NATIONAL:
            continue
        reg = registry.get(code)
        seen = published[(ind, per)]
        why = None
        if old and (code in seen or (split.get(code, set()) - {pub}) & seen):
            # a successor published for a year before it existed, beside its predecessor or
            # its sibling: an estimate on the later borders, not the predecessor's figure
            why = (
                f"estimate for {pub} ({registry.name(pub)}) before it existed (created "
                f"{registry.get(pub).valid_from}), published beside "
                f"{', '.join(sorted((split[code] | {code}) & seen - {pub}))}; not loaded"
            )
        elif reg.valid_from.year > y and registry.predecessor(code) in placed[(ind, per)]:
            why = (
                f"{code} ({registry.name(code)}) was created on {reg.valid_from}: the figure "
                f"for {per} is an estimate on later borders, published beside its "
                f"predecessor {registry.predecessor(code)}; not loaded"
            )
        elif reg.valid_to is not None and period_start(per) >= reg.valid_to:
            why = (
                f"{code} ({registry.name(code)}) was abolished on {reg.valid_to}: no figure "
                f"for {per} can be on it"
            )
        if why:
            rd.skip(
                out.at[i, "sheet"],
                int(out.at[i, "_row"]),
                out.at[i, "cell"],
                out.at[i, "region_as_published"],
                why,
            )
            drop.append(i)
    out = out.drop(index=drop)
    out = _drop_repeats(out, key, file, rd, " after placing figures on their borders")
    out = out.sort_values(["indicator", "period", "region"], kind="stable").reset_index(drop=True)
    return out[[*FRAME_COLUMNS, "_row"]]


def _drop_repeats(df, key, file, rd, context) -> pd.DataFrame:
    dup = df.duplicated(key, keep=False)
    if not dup.any():
        return df
    drop = []
    for _, g in df[dup].groupby(key, sort=False):
        first = g.iloc[0]
        for i, row in g.iloc[1:].iterrows():
            if row["value"] != first["value"]:
                where = f"cell {first['cell']}"
                if first["sheet"] is not None:
                    where = f"sheet {first['sheet']!r}, {where}"
                raise IngestError(
                    f"{row['region']} {row['indicator']} {row['period']} given twice with "
                    f"different values: {first['value']:g} ({where}) and {row['value']:g}"
                    f"{context}; keep one",
                    file=file,
                    sheet=row["sheet"],
                    row=int(row["_row"]),
                    cell=row["cell"],
                )
            where = f"cell {first['cell']}"
            if first["sheet"] is not None:
                where = f"sheet {first['sheet']!r}, {where}"
            rd.skip(
                row["sheet"],
                int(row["_row"]),
                row["cell"],
                row["value"],
                f"same figure already read ({where})",
            )
            drop.append(i)
    return df.drop(index=drop)
