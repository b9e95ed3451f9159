"""The observation store: figures with their source, by region, indicator and period.

SQLAlchemy 2 Core on an embedded SQLite file by default, PostgreSQL by URL, same schema. Every
load is one transaction; loading the same figures twice changes nothing; a revised figure for
the same region, indicator and period becomes a new vintage and the old one stays queryable.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa

from aimaq import catalogue
from aimaq.geo import borders as _borders
from aimaq.geo import registry
from aimaq.store import schema as S

# the other pillars' tables join ``S.metadata`` when their modules are imported
from aimaq.store import tables_participants, tables_planning, tables_prices, tables_trace  # noqa: F401, I001
from aimaq.store.engine import StoreBusyError, make_engine, write_transaction

__all__ = [
    "LoadError",
    "LoadSummary",
    "StoreBusyError",
    "Store",
    "bundled_path",
    "bundled_paths",
    "default_url",
]

REQUIRED = ("region", "indicator", "year", "value", "unit", "source")


class LoadError(ValueError):
    """Input rejected before anything was written."""


@dataclass
class LoadSummary:
    """What one load did."""

    file: str
    added: int = 0
    unchanged: int = 0
    revised: int = 0
    revisions: list[tuple[str, str, str, float, float]] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> cells the reader skipped
    warnings: list[str] = field(default_factory=list)
    note: str | None = None
    already_loaded: bool = False  # ``once=True`` and this file version was loaded before

    @property
    def rows_skipped(self) -> int:
        return sum(self.skipped.values())

    @property
    def rows(self) -> int:
        return self.added + self.unchanged + self.revised


def default_url() -> str:
    """``AIMAQ_DB`` if set, else a SQLite file in the per-user data directory."""
    env = os.environ.get("AIMAQ_DB")
    if env:
        return env if "://" in env else f"sqlite:///{Path(env).expanduser().resolve()}"
    import platformdirs

    path = Path(platformdirs.user_data_dir("aimaq")) / "aimaq.sqlite"
    return f"sqlite:///{path}"


def bundled_path() -> Path:
    """The bundled dataset of official figures shipped with the package."""
    return Path(str(resources.files("aimaq.data").joinpath("observations.csv")))


def bundled_paths() -> list[Path]:
    """Every bundled file: ``observations.csv``, then ``data/bundled/*.csv`` (same format) by name."""
    extra = resources.files("aimaq.data").joinpath("bundled")
    more = sorted(Path(str(extra)).glob("*.csv")) if extra.is_dir() else []
    return [bundled_path(), *more]


def _as_url(db: str | os.PathLike | None) -> str:
    if db is None:
        return default_url()
    db = str(db)
    return db if "://" in db else f"sqlite:///{Path(db).expanduser().resolve()}"


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-9)


class Store:
    """An observation store at ``url`` (a SQLAlchemy URL or a SQLite file path)."""

    def __init__(self, url: str | os.PathLike | None = None):
        self.url = _as_url(url)
        if self.url.startswith("sqlite:///"):
            Path(self.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        if self.url.startswith("postgresql://"):
            self.url = "postgresql+psycopg://" + self.url.removeprefix("postgresql://")
        self.engine = make_engine(self.url)
        self._upgrade()

    # -- schema ---------------------------------------------------------------------------
    def _upgrade(self) -> None:
        """Create the schema, or upgrade an older one, and record its version."""
        with write_transaction(self.engine, self.url, ["schema"]) as conn:
            S.metadata.create_all(conn)
            row = conn.execute(sa.select(S.meta.c.value).where(S.meta.c.key == "schema")).first()
            if row is None:
                conn.execute(sa.insert(S.meta).values(key="schema", value=str(S.SCHEMA_VERSION)))
                return
            have = int(row[0])
            if have > S.SCHEMA_VERSION:
                raise RuntimeError(
                    f"store {self.url} has schema {have}, newer than this aimaq "
                    f"({S.SCHEMA_VERSION}); upgrade aimaq"
                )
            for v in range(have + 1, S.SCHEMA_VERSION + 1):  # in the same transaction
                S.MIGRATIONS[v](conn)
            if have < S.SCHEMA_VERSION:
                conn.execute(
                    sa.update(S.meta)
                    .where(S.meta.c.key == "schema")
                    .values(value=str(S.SCHEMA_VERSION))
                )

    def dispose(self) -> None:
        self.engine.dispose()

    # -- loading --------------------------------------------------------------------------
    @staticmethod
    def validate(frame: pd.DataFrame, file: str = "<frame>") -> pd.DataFrame:
        """Check and normalise a tidy frame; raise :class:`LoadError` naming row and field."""
        missing = [c for c in REQUIRED if c not in frame.columns]
        if missing:
            raise LoadError(f"{file}: missing column(s) {', '.join(missing)}; need {REQUIRED}")
        df = frame.copy()
        rown = df["_row"] if "_row" in df.columns else pd.Series(df.index + 2, index=df.index)
        known = set(registry.all_codes()) | _district_codes()
        bad = ~df["region"].isin(known)
        if bad.any():
            i = bad.idxmax()
            raise LoadError(
                f"{file}, row {rown[i]}: unknown region code {df.at[i, 'region']!r} "
                "(resolve names with aimaq.geo.resolve first)"
            )
        uniq = {i: _safe_indicator(i) for i in df["indicator"].unique()}
        ids = df["indicator"].map(uniq)
        if ids.isna().any():
            i = ids.isna().idxmax()
            try:
                catalogue.get(df.at[i, "indicator"])
            except KeyError as e:
                raise LoadError(f"{file}, row {rown[i]}, field indicator: {e}") from None
        df["indicator"] = ids
        vals = pd.to_numeric(df["value"], errors="coerce")
        bad = vals.isna() | ~np.isfinite(vals.astype(float))
        if bad.any():
            i = bad.idxmax()
            raise LoadError(
                f"{file}, row {rown[i]}, field value: {df.at[i, 'value']!r} is not a number "
                "(leave gaps out of the file instead of writing a placeholder)"
            )
        df["value"] = vals.astype(float)
        years = pd.to_numeric(df["year"], errors="coerce")
        if years.isna().any() or (years % 1 != 0).any():
            i = (years.isna() | (years % 1 != 0)).idxmax()
            raise LoadError(
                f"{file}, row {rown[i]}, field year: {df.at[i, 'year']!r} is not a year"
            )
        df["year"] = years.astype(int)
        if "period" not in df.columns:
            df["period"] = df["year"].astype(str)
        df["period"] = df["period"].fillna(df["year"].astype(str)).astype(str)
        for c in ("unit", "source"):
            empty = df[c].isna() | (df[c].astype(str).str.strip() == "")
            if empty.any():
                i = empty.idxmax()
                raise LoadError(f"{file}, row {rown[i]}, field {c}: empty")
        units = df.groupby("indicator")["unit"].unique()
        mixed = units[units.map(len) > 1]
        if len(mixed):
            ind = mixed.index[0]
            raise LoadError(
                f"{file}: indicator {ind} comes in mixed units {list(mixed.iloc[0])}; "
                "one indicator must have one unit (convert or split the file)"
            )
        key = ["region", "indicator", "period"]
        dup = df.duplicated(key, keep=False)
        if dup.any():
            d = df[dup]
            conflict = d.groupby(key)["value"].nunique()
            conflict = conflict[conflict > 1]
            if len(conflict):
                r, ind, per = conflict.index[0]
                rows = rown[
                    d.index[(d["region"] == r) & (d["indicator"] == ind) & (d["period"] == per)]
                ]
                raise LoadError(
                    f"{file}, rows {', '.join(map(str, rows))}: duplicated {r} {ind} {per} with "
                    "different values; keep one"
                )
            df = df.drop_duplicates(key)
        for c in ("note", "region_as_published"):
            if c not in df.columns:
                df[c] = None
            df[c] = df[c].astype(object).where(df[c].notna(), None)
        return df

    def load(
        self,
        frame: pd.DataFrame,
        file: str = "<frame>",
        sha256: str | None = None,
        *,
        skipped: dict[str, int] | None = None,
        warnings: list[str] | None = None,
        note: str | None = None,
        once: bool = False,
    ) -> LoadSummary:
        """Load a tidy frame in one transaction.

        Parameters
        ----------
        frame : DataFrame
            Columns region (code), indicator, year, value, unit, source; optional period,
            note, region_as_published.
        file : str
            Name recorded for the load and used in error messages.
        sha256 : str, optional
            Of the file's bytes, recorded with the load.
        skipped, warnings, note
            What the reader skipped (reason → count) and warned about, and the user's note on a
            forced load: kept in the load record.
        once : bool
            Do nothing when a load of ``sha256`` is already recorded (checked inside the write
            transaction, so two processes loading the same file load it once).

        Returns
        -------
        LoadSummary
            Rows added, unchanged and revised (new vintage).

        Raises
        ------
        LoadError
            The frame is rejected; nothing is written.
        StoreBusyError
            Another process kept the store locked for longer than the busy timeout.
        """
        df = self.validate(frame, file)
        summary = LoadSummary(
            file=file, skipped=dict(skipped or {}), warnings=list(warnings or []), note=note
        )
        now = dt.datetime.now(dt.UTC)
        o = S.observations
        inds = sorted(df["indicator"].unique().tolist())
        with write_transaction(self.engine, self.url, inds) as conn:
            if (
                once
                and sha256 is not None
                and conn.execute(sa.select(S.loads.c.id).where(S.loads.c.sha256 == sha256)).first()
                is not None
            ):
                summary.already_loaded = True
                return summary
            # units must agree with what the store already holds
            stored_units = dict(
                conn.execute(
                    sa.select(o.c.indicator, o.c.unit)
                    .where(o.c.indicator.in_(df["indicator"].unique().tolist()), o.c.is_current)
                    .distinct()
                ).all()
            )
            for ind, unit in df.groupby("indicator")["unit"].first().items():
                if ind in stored_units and stored_units[ind] != unit:
                    raise LoadError(
                        f"{file}: indicator {ind} is in {unit!r} but the store holds it in "
                        f"{stored_units[ind]!r}; convert before loading"
                    )
            src_ids = self._source_ids(conn, df["source"].unique().tolist(), now)
            cur = pd.DataFrame(
                conn.execute(
                    sa.select(
                        o.c.id, o.c.region, o.c.indicator, o.c.period, o.c.value, o.c.vintage
                    ).where(o.c.indicator.in_(df["indicator"].unique().tolist()), o.c.is_current)
                ).all(),
                columns=["id", "region", "indicator", "period", "old", "vintage"],
            )
            m = df.merge(cur, on=["region", "indicator", "period"], how="left")
            new = m[m["id"].isna()]
            both = m[m["id"].notna()]
            same = np.isclose(
                both["value"].astype(float), both["old"].astype(float), rtol=1e-12, atol=1e-9
            )
            changed = both[~same]
            summary.unchanged = int(same.sum())
            summary.added = len(new)
            summary.revised = len(changed)
            summary.revisions = list(
                changed[["region", "indicator", "period", "old", "value"]].itertuples(
                    index=False, name=None
                )
            )
            load_id = conn.execute(
                sa.insert(S.loads).values(
                    file=file,
                    sha256=sha256,
                    loaded_at=now,
                    rows_added=summary.added,
                    rows_unchanged=summary.unchanged,
                    rows_revised=summary.revised,
                    rows_skipped=summary.rows_skipped,
                    skipped_by_reason=json.dumps(summary.skipped, ensure_ascii=False),
                    warnings=json.dumps(summary.warnings, ensure_ascii=False),
                    note=note,
                )
            ).inserted_primary_key[0]
            if len(changed):
                conn.execute(
                    sa.update(o).where(o.c.id == sa.bindparam("oid")).values(is_current=False),
                    [{"oid": int(i)} for i in changed["id"]],
                )
            ins = pd.concat([new.assign(vintage=1), changed.assign(vintage=changed["vintage"] + 1)])
            if len(ins):
                recs = pd.DataFrame(
                    {
                        "region": ins["region"],
                        "indicator": ins["indicator"],
                        "period": ins["period"],
                        "year": ins["year"].astype(int),
                        "value": ins["value"].astype(float),
                        "unit": ins["unit"].astype(str),
                        "source_id": ins["source"].map(src_ids).astype(int),
                        "note": ins["note"],
                        "region_as_published": ins["region_as_published"],
                        "vintage": ins["vintage"].astype(int),
                    }
                )
                recs["is_current"] = True
                recs["load_id"] = int(load_id)
                recs["loaded_at"] = now
                _bulk_insert(conn, recs)
        return summary

    @staticmethod
    def _source_ids(conn, citations: list[str], now) -> dict[str, int]:
        s = S.sources
        have = dict(
            conn.execute(sa.select(s.c.citation, s.c.id).where(s.c.citation.in_(citations))).all()
        )
        todo = [c for c in citations if c not in have]
        if todo:
            if conn.dialect.name == "postgresql":  # another load may insert the same citation
                from sqlalchemy.dialects.postgresql import insert
            else:
                from sqlalchemy.dialects.sqlite import insert
            conn.execute(
                insert(s).on_conflict_do_nothing(index_elements=["citation"]),
                [{"citation": c, "first_loaded_at": now} for c in todo],
            )
            have = dict(
                conn.execute(
                    sa.select(s.c.citation, s.c.id).where(s.c.citation.in_(citations))
                ).all()
            )
        return have

    def has_load(self, sha256: str) -> bool:
        with self.engine.connect() as conn:
            return (
                conn.execute(sa.select(S.loads.c.id).where(S.loads.c.sha256 == sha256)).first()
                is not None
            )

    # -- queries --------------------------------------------------------------------------
    def _raw(
        self,
        indicators: Iterable[str],
        years: Iterable[int] | None = None,
        vintage: str = "current",
        level: str = "region",
    ) -> pd.DataFrame:
        o, s = S.observations, S.sources
        q = (
            sa.select(
                o.c.region,
                o.c.indicator,
                o.c.year,
                o.c.period,
                o.c.value,
                o.c.unit,
                s.c.citation.label("source"),
                o.c.note,
                o.c.vintage,
                o.c.is_current,
                o.c.loaded_at,
            )
            .join(s, s.c.id == o.c.source_id)
            .where(o.c.indicator.in_(list(indicators)))
        )
        if vintage == "current":
            q = q.where(o.c.is_current)
        q = q.where(_level_filter(o.c.region, level))
        if years is not None:
            q = q.where(o.c.year.in_([int(y) for y in years]))
        with self.engine.connect() as conn:
            rows = conn.execute(q.order_by(o.c.indicator, o.c.year, o.c.region, o.c.vintage)).all()
        return pd.DataFrame(
            rows,
            columns=[
                "region",
                "indicator",
                "year",
                "period",
                "value",
                "unit",
                "source",
                "note",
                "vintage",
                "is_current",
                "loaded_at",
            ],
        )

    def history(self, indicator: str, region: str, period: str) -> pd.DataFrame:
        """Every vintage of one figure, oldest first."""
        ind = catalogue.get(indicator).id
        df = self._raw([ind], vintage="all")
        return df[(df["region"] == region) & (df["period"] == str(period))].reset_index(drop=True)

    def observations(
        self,
        indicator: str,
        years: Iterable[int] | None = None,
        regions: Iterable[str] | None = None,
        borders: int | None = None,
        level: str = "region",
    ) -> pd.DataFrame:
        """Current figures of ``indicator`` (annual periods), optionally on one division.

        Returns a long frame with columns ``region, indicator, year, period, value, unit,
        source, note``; the national figure has region ``KZ``. With ``borders`` the regional
        figures are harmonised to that year's division (see :mod:`aimaq.geo.borders`): summed
        for additive indicators, recomputed from components for derived ones; aggregated
        values name their components in ``note``. A derived indicator that is not stored is
        computed from its components.

        ``level="district"`` returns the district figures instead (``region`` = 9-digit KATO
        code, as published: no harmonisation, nothing derived).
        """
        return self.query(indicator, years, regions, borders, level).frame

    def query(
        self,
        indicator: str,
        years: Iterable[int] | None = None,
        regions: Iterable[str] | None = None,
        borders: int | None = None,
        level: str = "region",
    ) -> QueryResult:
        """Like :meth:`observations`, with the gaps and aggregations reported."""
        ind = catalogue.get(indicator)
        years = None if years is None else [int(y) for y in years]
        if level == "district" and borders is not None:
            raise ValueError("district figures are not harmonised: pass borders=None")
        # the year filter goes into SQL: each year is harmonised from that year's figures only.
        # A derived indicator reads every year (its components need the next year for stock
        # means, and a year it is not stored in is computed from them).
        raw = self._raw([ind.id], None if ind.derived else years, level=level)
        raw = raw[raw["period"] == raw["year"].astype(str)]
        res = QueryResult(indicator=ind.id, borders=borders)
        if raw.empty and ind.derived and level == "district":
            raise ValueError(
                f"{ind.id} is derived; at district level query its components ({ind.formula})"
            )
        if raw.empty and ind.derived:
            res = self._derive(ind, borders)
        elif borders is not None:
            try:
                h = _borders.harmonise(raw, borders, ind.additive, ind.id)
            except _borders.NonAdditiveError:
                if not ind.derived:
                    raise
                res = self._derive(ind, borders, published=raw)
            else:
                res.frame = _attach(h.values, raw, ind.id)
                res.aggregated, res.gaps = h.aggregated, h.gaps
        else:
            res.frame = raw.drop(columns=["vintage", "is_current", "loaded_at"])
        f = res.frame
        if years is not None:
            f = f[f["year"].isin(years)]
        if regions is not None:
            f = f[f["region"].isin(list(regions))]
        res.frame = f.sort_values(["year", "region"]).reset_index(drop=True)
        return res

    @staticmethod
    def on_division(frame: pd.DataFrame, borders: int, indicator: str) -> QueryResult:
        """Put a long frame of ``indicator`` (as :meth:`observations` returns it, without
        ``borders``) on the division of ``borders``: successors summed for an additive
        indicator, with their units, sources and notes carried over (see
        :func:`aimaq.geo.borders.harmonise`; a non-additive indicator raises its
        ``NonAdditiveError``). The one place a frame is harmonised outside a query.
        """
        ind = catalogue.get(indicator)
        h = _borders.harmonise(frame, borders, ind.additive, ind.id)
        res = QueryResult(indicator=ind.id, borders=borders, aggregated=h.aggregated, gaps=h.gaps)
        res.frame = _attach(h.values, frame, ind.id)
        return res

    def _derive(
        self, ind: catalogue.Indicator, borders: int | None, published: pd.DataFrame | None = None
    ) -> QueryResult:
        """Compute ``ind`` from its components (at ``borders``, or each year's own division)."""
        comps = {}
        for c in ind.components:
            cf = self._raw([c])
            comps[c] = cf[cf["period"] == cf["year"].astype(str)]
        years = sorted(set(comps[ind.numerator]["year"]))
        res = QueryResult(indicator=ind.id, borders=borders)
        frames = []
        on_borders: dict[str, pd.Series] = {}  # component -> harmonised once (fixed borders)
        for y in years:
            b = borders if borders is not None else y
            series = {}
            for c, cf in comps.items():
                if borders is not None and c in on_borders:
                    series[c] = on_borders[c]
                    continue
                # a year's harmonised value depends on that year's figures only: on each year's
                # own division, harmonise just the years used (y, and y + 1 for stock means)
                part = cf if borders is not None else cf[cf["year"].isin((y, y + 1))]
                h = _borders.harmonise(part, b, catalogue.get(c).additive, c)
                series[c] = h.values.set_index(["region", "year"])["value"]
                if borders is not None:
                    on_borders[c] = series[c]
            num = series[ind.numerator].xs(y, level="year")
            den = None
            for d in ind.denominator:
                name, _, at = d.partition("@")
                s = series[name]
                if ind.denominator_average == "stock_mean":
                    a = s.xs(y, level="year") if y in s.index.get_level_values(1) else None
                    nxt = y + 1
                    b2 = s.xs(nxt, level="year") if nxt in s.index.get_level_values(1) else None
                    part = (a + b2) / 2 if a is not None and b2 is not None else None
                else:
                    part = s.xs(y, level="year") if y in s.index.get_level_values(1) else None
                if part is None:
                    den = None
                    break
                if at:
                    part = pd.Series(part.get(at, np.nan), index=num.index)
                den = part if den is None else den.add(part)
            if den is None:
                continue
            val = (ind.factor * num / den).dropna()
            if published is not None:
                pub = published[published["year"] == y].set_index("region")["value"]
                keep = pub.reindex(val.index)
                val = keep.fillna(val)
                computed = val.index[keep.isna()]
            else:
                computed = val.index
            frame = val.rename("value").reset_index().assign(year=y)
            frame["computed"] = frame["region"].isin(computed)
            frames.append(frame)
        if not frames:
            res.frame = pd.DataFrame(columns=list(_COLUMNS))
            return res
        v = pd.concat(frames, ignore_index=True)
        comp_src = "; ".join(sorted({s for cf in comps.values() for s in cf["source"].unique()}))
        pub_src = (
            published.set_index(["region", "year"])["source"] if published is not None else None
        )
        v["indicator"] = ind.id
        v["period"] = v["year"].astype(str)
        v["unit"] = ind.unit_label()
        v["source"] = [
            f"aimaq: computed from {', '.join(ind.components)} ({comp_src})"
            if c
            else pub_src.get((r, y), "")
            for r, y, c in zip(v["region"], v["year"], v["computed"], strict=True)
        ]
        v["note"] = np.where(v["computed"], f"computed: {ind.formula}", None)
        res.frame = v[list(_COLUMNS)]
        return res

    def panel(
        self,
        indicator: str,
        years: Iterable[int] | None = None,
        borders: int | None = None,
        level: str = "region",
    ) -> pd.DataFrame:
        """Wide frame: index region code (national row dropped), columns years.

        ``level="district"``: index KATO code of the districts.
        """
        df = self.observations(indicator, years=years, borders=borders, level=level)
        df = df[df["region"] != registry.NATIONAL]
        return df.pivot(index="region", columns="year", values="value")

    def value(self, indicator: str, year: int, region: str = registry.NATIONAL) -> float | None:
        df = self.observations(indicator, years=[year], regions=[region])
        return None if df.empty else float(df["value"].iloc[0])

    def indicators_present(self) -> list[str]:
        o = S.observations
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(sa.select(o.c.indicator).distinct()).all()]

    def coverage(self) -> pd.DataFrame:
        """Counts of current figures: indicator × year, with the regions present."""
        o = S.observations
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(o.c.indicator, o.c.year, o.c.region).where(
                    o.c.is_current,
                    o.c.period == sa.cast(o.c.year, sa.String),
                    _level_filter(o.c.region, "region"),
                )
            ).all()
        return pd.DataFrame(rows, columns=["indicator", "year", "region"])

    def sources(self) -> pd.DataFrame:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(S.sources.c.id, S.sources.c.citation)).all()
        return pd.DataFrame(rows, columns=["id", "citation"])

    def loads(self) -> pd.DataFrame:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(S.loads)).all()
        return pd.DataFrame(rows, columns=[c.name for c in S.loads.columns])

    def revision(self) -> tuple[int, dt.datetime | None]:
        """``(number of the latest load, its time)``: changes whenever the store's figures do."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(sa.func.max(S.loads.c.id), sa.func.max(S.loads.c.loaded_at))
            ).one()
        return int(row[0] or 0), row[1]

    def count(self, current_only: bool = False) -> int:
        o = S.observations
        q = sa.select(sa.func.count()).select_from(o)
        if current_only:
            q = q.where(o.c.is_current)
        with self.engine.connect() as conn:
            return int(conn.execute(q).scalar_one())


_COLUMNS = ("region", "indicator", "year", "period", "value", "unit", "source", "note")


def _level_filter(col, level: str):
    """Regions are keyed ``KZ``/``KZ-..``; districts by their 9-digit KATO code."""
    if level == "region":
        return col.like("KZ%")
    if level == "district":
        return sa.not_(col.like("KZ%"))
    raise ValueError(f"level must be 'region' or 'district', got {level!r}")


def _district_codes() -> set[str]:
    from aimaq.geo import districts

    return set(districts.districts(2024).index) | set(districts.districts(2018).index)


@dataclass
class QueryResult:
    """Figures of one indicator with what harmonisation did."""

    indicator: str
    borders: int | None
    frame: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(_COLUMNS)))
    aggregated: list = field(default_factory=list)
    gaps: dict = field(default_factory=dict)


def _attach(values: pd.DataFrame, raw: pd.DataFrame, ind: str) -> pd.DataFrame:
    """Give harmonised values their unit, source and note.

    Looked up in plain dicts keyed by ``(region, year)``: label-based ``.loc`` per row cost
    more than the rest of a harmonised query.
    """
    keys = list(zip(raw["region"], raw["year"], strict=True))
    unit = dict(zip(keys, raw["unit"], strict=True))
    source = dict(zip(keys, raw["source"], strict=True))
    note = dict(zip(keys, raw["note"], strict=True))
    out = []
    for r, y, v, agg in values.itertuples(index=False):
        if not agg:
            out.append((r, ind, y, str(y), v, unit[(r, y)], source[(r, y)], note[(r, y)]))
        else:
            parts = agg.split()
            srcs = "; ".join(dict.fromkeys(source[(p, y)] for p in parts))
            out.append(
                (
                    r,
                    ind,
                    y,
                    str(y),
                    v,
                    unit[(parts[0], y)],
                    srcs,
                    f"aggregated by aimaq: sum of {' + '.join(parts)}",
                )
            )
    return pd.DataFrame(out, columns=list(_COLUMNS))


def _bulk_insert(conn: sa.Connection, recs: pd.DataFrame) -> None:
    """Insert observation rows through the driver's executemany (inside the transaction).

    SQLAlchemy's per-row parameter processing dominates a large load; the rows are already
    validated, so they go straight to the DBAPI cursor.
    """
    cols = list(recs.columns)
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:  # the text form SQLAlchemy's SQLite DateTime reads back
        recs = recs.assign(loaded_at=recs["loaded_at"].iloc[0].strftime("%Y-%m-%d %H:%M:%S.%f"))
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = (
        f"INSERT INTO {S.observations.name} ({', '.join(cols)}) "
        f"VALUES ({', '.join([mark] * len(cols))})"
    )
    data = [
        [None if (isinstance(v, float) and v != v) else v for v in recs[c].tolist()]
        if recs[c].dtype == object
        else recs[c].tolist()
        for c in cols
    ]
    cur = conn.connection.dbapi_connection.cursor()
    try:
        cur.executemany(sql, list(zip(*data, strict=True)))
    finally:
        cur.close()


def _safe_indicator(name: str) -> str | None:
    try:
        return catalogue.get(str(name)).id
    except KeyError:
        return None
