"""FastAPI app: regions, the catalogue, figures with their sources, coverage.

Run with ``uvicorn --factory aimaq.api.app:create_app`` (store from ``AIMAQ_DB``) or
``aimaq serve``.
"""

from __future__ import annotations

import math

from fastapi import FastAPI, HTTPException, Query
from pydantic import BaseModel

from aimaq import catalogue, open_store
from aimaq.geo import registry
from aimaq.geo.borders import NonAdditiveError
from aimaq.store import Store

__all__ = ["create_app"]


class RegionOut(BaseModel):
    code: str
    kato: str
    kind: str
    name_en: str
    name_ru: str
    name_kk: str
    valid_from: str
    valid_to: str | None
    successors: list[str]


class IndicatorOut(BaseModel):
    id: str
    aliases: list[str]
    name_en: str
    name_ru: str
    name_kk: str
    unit: str
    additive: bool
    direction: str
    formula: str | None


class ObservationOut(BaseModel):
    region: str
    year: int
    period: str
    value: float
    unit: str
    source: str
    note: str | None


class SeriesOut(BaseModel):
    indicator: str
    borders: int | None
    observations: list[ObservationOut]
    gaps: list[dict]
    aggregated: list[dict]


def create_app(store: Store | None = None) -> FastAPI:
    """Build the app around ``store`` (default: :func:`aimaq.open_store`)."""
    app = FastAPI(title="aimaq", version="0.1.0", description=__doc__)
    st = store or open_store()
    app.state.store = st  # routers of the other pillars read it from here

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok", "observations": st.count(current_only=True)}

    @app.get("/regions", response_model=list[RegionOut])
    def regions(borders: int | None = Query(None, description="division of this year")):
        out = []
        for code, r in registry.regions(borders).iterrows():
            out.append(RegionOut(code=code, kato=r.kato, kind=r.kind, name_en=r.name_en,
                                 name_ru=r.name_ru, name_kk=r.name_kk, valid_from=r.valid_from,
                                 valid_to=r.valid_to or None, successors=r.successors.split()))
        return out

    @app.get("/indicators", response_model=list[IndicatorOut])
    def indicators():
        return [
            IndicatorOut(id=i.id, aliases=list(i.aliases), name_en=i.name_en, name_ru=i.name_ru,
                         name_kk=i.name_kk, unit=i.unit_label(), additive=i.additive,
                         direction=i.direction, formula=i.formula)
            for i in catalogue.indicators()
        ]

    @app.get("/observations/{indicator}", response_model=SeriesOut)
    def observations(
        indicator: str,
        year: list[int] | None = Query(None),
        region: list[str] | None = Query(None),
        borders: int | None = None,
    ):
        try:
            q = st.query(indicator, years=year, regions=region, borders=borders)
        except KeyError as e:
            raise HTTPException(404, str(e)) from None
        except NonAdditiveError as e:
            raise HTTPException(422, str(e)) from None
        obs = [
            ObservationOut(region=r.region, year=int(r.year), period=r.period, value=r.value,
                           unit=r.unit, source=r.source,
                           note=None if r.note is None or (isinstance(r.note, float) and math.isnan(r.note)) else r.note)
            for r in q.frame.itertuples(index=False)
        ]
        return SeriesOut(
            indicator=q.indicator,
            borders=borders,
            observations=obs,
            gaps=[{"region": r, "year": y, "reason": why} for (r, y), why in q.gaps.items()],
            aggregated=[{"region": r, "year": y, "from": list(p)} for r, y, p in q.aggregated],
        )

    @app.get("/coverage")
    def coverage() -> list[dict]:
        cov = st.coverage()
        g = cov.groupby(["indicator", "year"])["region"].agg(list).reset_index()
        return [
            {"indicator": r.indicator, "year": int(r.year), "regions": sorted(r.region)}
            for r in g.itertuples(index=False)
        ]

    _include_routers(app)
    return app


def _include_routers(app: FastAPI) -> None:
    """Routers of the other pillars (``aimaq.api.<name>.router``), where installed."""
    import importlib

    for name in ("trace", "prices", "planning", "participants", "analytics", "dashboard"):
        try:
            mod = importlib.import_module(f"aimaq.api.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"aimaq.api.{name}":
                raise
            continue
        app.include_router(mod.router)
