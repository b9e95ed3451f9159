"""The price store: price observations in the store's ``price_observations`` table.

Loads work as for the observation store (:mod:`aimaq.store`): one transaction per file; the
same prices loaded twice change nothing; a different price for the same product, market, stage
and date becomes a new vintage, the old one kept (``is_current`` false) and listed in the load
summary. The bundled prices (WFP retail prices 2005–2020, national prices quoted by the press
from the bureau's weekly monitoring; ``aimaq/data/prices/``) are loaded on first use.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa

from aimaq.store import LoadError, LoadSummary, Store
from aimaq.store import schema as S
from aimaq.store.tables_prices import STAGES, price_observations

__all__ = ["BUNDLED_PRICE_FILES", "PriceStore", "bundled_price_paths", "open_price_store"]

#: bundled price files (tidy price CSVs under aimaq/data/prices/), loaded in this order
BUNDLED_PRICE_FILES = ("wfp_retail_prices.csv", "press_prices.csv")
_KEY = ["product", "market", "stage", "date"]
_OUT = [
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
    "vintage",
]


def bundled_price_paths() -> list[Path]:
    base = resources.files("aimaq.data").joinpath("prices")
    return [Path(str(base.joinpath(n))) for n in BUNDLED_PRICE_FILES if base.joinpath(n).is_file()]


def _sha256(path: str | os.PathLike) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


class PriceStore:
    """Price observations on the engine of ``store`` (an :class:`aimaq.store.Store`).

    Examples
    --------
    >>> ps = open_price_store("sqlite://")  # doctest: +SKIP
    >>> ps.prices(product="potatoes", market="Almaty").tail(1)  # doctest: +SKIP
    """

    def __init__(self, store: Store, bundled: bool = True):
        self.store = store
        self.engine = store.engine
        if bundled:
            self.ensure_bundled()

    # -- loading ----------------------------------------------------------------------------
    @staticmethod
    def validate(frame: pd.DataFrame, file: str = "<frame>") -> pd.DataFrame:
        """Check a frame of :data:`aimaq.ingest.prices.PRICE_COLUMNS`; raise :class:`LoadError`."""
        from aimaq.catalogue.products import products
        from aimaq.geo import registry
        from aimaq.ingest.prices import PRICE_COLUMNS

        need = [
            c
            for c in PRICE_COLUMNS
            if c not in ("note", "product_as_published", "market_as_published")
        ]
        missing = [c for c in need if c not in frame.columns]
        if missing:
            raise LoadError(f"{file}: missing column(s) {', '.join(missing)}")
        df = frame.copy().reset_index(drop=True)
        checks = [
            ("product", ~df["product"].isin(products().index), "not a catalogue product id"),
            ("region", ~df["region"].isin(registry.all_codes()), "not a region code"),
            ("stage", ~df["stage"].isin(STAGES), f"not one of {', '.join(STAGES)}"),
        ]
        price = pd.to_numeric(df["price"], errors="coerce")
        checks.append(("price", ~(price > 0) | ~np.isfinite(price), "not a positive price"))
        unit = df["product"].map(products()["unit"])
        checks.append(("unit", df["unit"] != unit, "not the catalogue's unit of the product"))
        for col, bad, why in checks:
            if bad.any():
                i = int(bad.idxmax())
                raise LoadError(f"{file}, record {i + 1}, field {col}: {df.at[i, col]!r} is {why}")
        df["price"] = price.astype(float)
        df["date"] = pd.to_datetime(df["date"]).dt.date
        for c in ("note", "product_as_published", "market_as_published"):
            if c not in df:
                df[c] = None
            df[c] = df[c].astype(object).where(df[c].notna(), None)
        dup = df.duplicated(_KEY, keep=False)
        if dup.any() and (df[dup].groupby(_KEY)["price"].nunique() > 1).any():
            k = df[dup].groupby(_KEY)["price"].nunique().loc[lambda s: s > 1].index[0]
            raise LoadError(f"{file}: {k} given twice with different prices; keep one")
        return df.drop_duplicates(_KEY)

    def load(
        self, frame: pd.DataFrame, file: str = "<frame>", sha256: str | None = None
    ) -> LoadSummary:
        """Load price observations in one transaction (see the module docstring)."""
        df = self.validate(frame, file)
        summary = LoadSummary(file=file)
        now = dt.datetime.now(dt.UTC)
        p = price_observations
        with self.engine.begin() as conn:
            src = self._source_ids(conn, df["source"].unique().tolist(), now)
            cur = pd.DataFrame(
                conn.execute(
                    sa.select(
                        p.c.id, p.c.product, p.c.market, p.c.stage, p.c.date, p.c.price, p.c.vintage
                    ).where(p.c.product.in_(df["product"].unique().tolist()), p.c.is_current)
                ).all(),
                columns=["id", *_KEY, "old", "vintage"],
            )
            cur["date"] = pd.to_datetime(cur["date"]).dt.date
            m = df.merge(cur, on=_KEY, how="left")
            new = m[m["id"].isna()]
            both = m[m["id"].notna()]
            same = np.isclose(both["price"], both["old"].astype(float), rtol=1e-12, atol=1e-9)
            changed = both[~same]
            summary.added, summary.unchanged, summary.revised = (
                len(new),
                int(same.sum()),
                len(changed),
            )
            summary.revisions = [
                (r.product, r.market, f"{r.stage} {r.date}", float(r.old), float(r.price))
                for r in changed.itertuples()
            ]
            load_id = conn.execute(
                sa.insert(S.loads).values(
                    file=file,
                    sha256=sha256,
                    loaded_at=now,
                    rows_added=summary.added,
                    rows_unchanged=summary.unchanged,
                    rows_revised=summary.revised,
                )
            ).inserted_primary_key[0]
            if len(changed):
                conn.execute(
                    sa.update(p).where(p.c.id == sa.bindparam("oid")).values(is_current=False),
                    [{"oid": int(i)} for i in changed["id"]],
                )
            ins = pd.concat([new.assign(vintage=1), changed.assign(vintage=changed["vintage"] + 1)])
            if len(ins):
                cols = [
                    "product",
                    "market",
                    "region",
                    "date",
                    "stage",
                    "price",
                    "unit",
                    "currency",
                    "note",
                    "product_as_published",
                    "market_as_published",
                ]
                recs = ins[cols].assign(
                    source_id=ins["source"].map(src).astype(int).to_numpy(),
                    vintage=ins["vintage"].astype(int).to_numpy(),
                    is_current=True,
                    load_id=int(load_id),
                    loaded_at=now,
                )
                recs = recs.astype(object).where(recs.notna(), None)
                conn.execute(sa.insert(p), recs.to_dict("records"))
        return summary

    @staticmethod
    def _source_ids(conn, citations: list[str], now) -> dict[str, int]:
        s = S.sources
        sel = sa.select(s.c.citation, s.c.id).where(s.c.citation.in_(citations))
        have = dict(conn.execute(sel).all())
        todo = [c for c in citations if c not in have]
        if todo:
            conn.execute(sa.insert(s), [{"citation": c, "first_loaded_at": now} for c in todo])
            have = dict(conn.execute(sel).all())
        return have

    def load_file(self, path: str | os.PathLike, source: str | None = None):
        """Read ``path`` with :func:`aimaq.ingest.prices.read_price_file` and load it.

        Returns
        -------
        (LoadSummary, list of dict)
            What the load did, and what the reader left out (with the reason).
        """
        from aimaq.ingest.prices import read_price_file

        t = read_price_file(path, source=source)
        return self.load(t.frame, file=str(path), sha256=_sha256(path)), t.skipped

    def _has_load(self, sha: str) -> bool:
        with self.engine.connect() as conn:
            q = sa.select(S.loads.c.id).where(S.loads.c.sha256 == sha)
            return conn.execute(q).first() is not None

    def ensure_bundled(self) -> list[LoadSummary]:
        """Load each bundled price file unless this version of it is already in the store."""
        from aimaq.ingest.prices import read_price_csv

        done = []
        for path in bundled_price_paths():
            sha = _sha256(path)
            if not self._has_load(sha):
                frame = read_price_csv(path).frame
                done.append(self.load(frame, file=f"bundled:prices/{path.name}", sha256=sha))
        return done

    # -- queries ----------------------------------------------------------------------------
    def prices(
        self,
        product: str | None = None,
        market: str | None = None,
        region: str | None = None,
        stage: str | None = None,
        since: str | None = None,
        until: str | None = None,
        vintage: str = "current",
    ) -> pd.DataFrame:
        """Price observations, oldest first: columns ``product, market, region, date, stage,
        price, unit, currency, source, note, vintage`` (``date`` as a Timestamp)."""
        p, s = price_observations, S.sources
        q = sa.select(
            p.c.product,
            p.c.market,
            p.c.region,
            p.c.date,
            p.c.stage,
            p.c.price,
            p.c.unit,
            p.c.currency,
            s.c.citation,
            p.c.note,
            p.c.vintage,
        ).join(s, s.c.id == p.c.source_id)
        if vintage == "current":
            q = q.where(p.c.is_current)
        for col, val in (
            ("product", product),
            ("market", market),
            ("region", region),
            ("stage", stage),
        ):
            if val is not None:
                q = q.where(p.c[col] == val)
        if since is not None:
            q = q.where(p.c.date >= pd.Timestamp(since).date())
        if until is not None:
            q = q.where(p.c.date <= pd.Timestamp(until).date())
        with self.engine.connect() as conn:
            rows = conn.execute(q.order_by(p.c.product, p.c.market, p.c.date, p.c.vintage)).all()
        df = pd.DataFrame(rows, columns=_OUT)
        df["date"] = pd.to_datetime(df["date"])
        return df

    def history(self, product: str, market: str, stage: str, date: str) -> pd.DataFrame:
        """Every vintage of one price, oldest first."""
        df = self.prices(
            product=product, market=market, stage=stage, since=date, until=date, vintage="all"
        )
        return df.reset_index(drop=True)

    def count(self, current_only: bool = True) -> int:
        p = price_observations
        q = sa.select(sa.func.count()).select_from(p)
        if current_only:
            q = q.where(p.c.is_current)
        with self.engine.connect() as conn:
            return int(conn.execute(q).scalar_one())


def open_price_store(db: str | os.PathLike | None = None, bundled: bool = True) -> PriceStore:
    """Open the store at ``db`` (see :func:`aimaq.open_store`) for prices."""
    from aimaq import open_store

    return PriceStore(open_store(db, bundled=bundled), bundled=bundled)
