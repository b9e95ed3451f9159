"""The aimaq web service: regional statistics with their sources, the food chain's shared record.

Statistics (regions, the catalogue, figures with sources, gaps and aggregations, coverage) are
public and read-only; the food-chain endpoints need an API key (``Authorization: Bearer``).
Errors are RFC 9457 problem details. The OpenAPI documentation at ``/docs`` and ``/redoc`` is
served from installed packages and works offline.

Run with ``aimaq serve`` or ``uvicorn --factory aimaq.api.app:create_app`` (store from
``AIMAQ_DB``); see docs/deployment.md.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections import OrderedDict
from email.utils import format_datetime

from fastapi import Depends, FastAPI, Query, Request, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from aimaq.api import params
from aimaq.api.problems import Problem, install_handlers, problem_response
from aimaq.api.security import BodyLimit, RateLimit, Settings, optional_participant

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
    nextPageToken: str | None = None


class _Cache:
    """Rendered statistics responses by (store revision, URL); small LRU."""

    def __init__(self, size: int = 512):
        self.size, self._d = size, OrderedDict()

    def get(self, key):
        v = self._d.get(key)
        if v is not None:
            self._d.move_to_end(key)
        return v

    def put(self, key, value):
        self._d[key] = value
        if len(self._d) > self.size:
            self._d.popitem(last=False)


def create_app(store=None, settings: Settings | None = None) -> FastAPI:
    """Build the app around ``store`` (default: the store at ``AIMAQ_DB``, bundled data loaded)."""
    from fastapi_offline import FastAPIOffline

    if store is None:
        from aimaq import open_store

        store = open_store()
    settings = settings or Settings.from_env()
    app = FastAPIOffline(
        redoc_url=None,  # served below with the bundle's one remote image made local
        title="aimaq",
        version=_version(),
        description=__doc__,
        # a key that is sent is checked everywhere: a bad one is a 401, never ignored
        dependencies=[Depends(optional_participant)],
        openapi_tags=[
            {"name": "statistics", "description": "Regional figures with their sources (public)."},
            {"name": "service", "description": "Liveness and readiness."},
        ],
    )
    app.state.store = store  # routers of the other pillars read it from here
    app.state.settings = settings
    install_handlers(app)
    app.add_middleware(RateLimit, rate=settings.rate, burst=settings.burst)
    app.add_middleware(BodyLimit, limit=settings.max_body)
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
            expose_headers=["ETag", "Last-Modified"],
        )
    cache = _Cache()
    years_memo: dict = {}
    seen: dict = {"at": -1.0}

    async def revision():
        """The store's revision, asked of the database at most once a second."""
        now = time.monotonic()
        if now - seen["at"] > 1.0:
            seen["rev"] = await run_in_threadpool(store.revision)
            seen["at"] = now
        return seen["rev"]

    async def years_of(ind: str) -> list[int]:
        rev = (await revision())[0]
        if years_memo.get("rev") != rev:
            years_memo.clear()
            years_memo["rev"] = rev
        if ind not in years_memo:
            years_memo[ind] = await run_in_threadpool(_years_of, store, ind)
        return years_memo[ind]

    async def cached(request: Request, build) -> Response:
        """``build()``'s JSON with ETag/Last-Modified from the store's revision; 304 if fresh.

        Answers are kept per (revision, URL), so a load makes every one of them new.
        """
        rev, at = await revision()
        key = (rev, str(request.url.path), str(request.url.query))
        hit = cache.get(key)
        if hit is None:
            import json

            data = await run_in_threadpool(build)
            body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
            etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
            hit = (body, etag)
            cache.put(key, hit)
        body, etag = hit
        headers = {"ETag": etag, "Cache-Control": "public, max-age=60"}
        if at is not None:
            headers["Last-Modified"] = format_datetime(_aware(at), usegmt=True)
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=headers)
        return Response(body, media_type="application/json", headers=headers)

    _offline_redoc(app)

    @app.get("/health", tags=["service"])
    def health() -> dict:
        """Liveness: the process answers."""
        return {"status": "ok"}

    @app.get("/ready", tags=["service"])
    def ready():
        """Readiness: the database answers and holds the schema."""
        try:
            rev, _ = store.revision()
        except Exception as e:  # the database is down or not migrated
            return problem_response(
                503, f"database not ready: {type(e).__name__}: {e}", "not-ready"
            )
        return {"status": "ready", "loads": rev}

    @app.get("/regions", response_model=list[RegionOut], tags=["statistics"])
    async def regions(
        request: Request, borders: int | None = Query(None, description="division of this year")
    ):
        """The regions of a division (default: today's), with codes and names in kk/ru/en."""
        from aimaq.geo import registry

        params.check_borders(borders)

        def build():
            return [
                dict(
                    code=code,
                    kato=r.kato,
                    kind=r.kind,
                    name_en=r.name_en,
                    name_ru=r.name_ru,
                    name_kk=r.name_kk,
                    valid_from=r.valid_from,
                    valid_to=r.valid_to or None,
                    successors=r.successors.split(),
                )
                for code, r in registry.regions(borders).iterrows()
            ]

        return await cached(request, build)

    @app.get("/indicators", response_model=list[IndicatorOut], tags=["statistics"])
    async def indicators(request: Request):
        """The indicator catalogue."""
        from aimaq import catalogue

        return await cached(request, lambda: [_indicator(i) for i in catalogue.indicators()])

    @app.get("/indicators/{indicator}", response_model=IndicatorOut, tags=["statistics"])
    async def indicator(request: Request, indicator: str):
        """One catalogue entry, by id or alias."""
        from aimaq import catalogue

        ind = params.indicator_id(indicator)
        return await cached(request, lambda: _indicator(catalogue.get(ind)))

    @app.get("/observations/{indicator}", response_model=SeriesOut, tags=["statistics"])
    async def observations(
        request: Request,
        indicator: str,
        year: list[int] | None = Query(None, description="one or more years"),
        region: list[str] | None = Query(None, description="codes or names (kk/ru/en)"),
        borders: int | None = Query(None, description="harmonise to this year's division"),
        limit: int = Query(500, ge=1, le=params.MAX_LIMIT),
        nextPageToken: str | None = Query(None),  # noqa: N803 - the EPCIS/REST spelling
    ):
        """Figures of one indicator with their sources, gaps and aggregations; paged."""
        from aimaq.geo.borders import NonAdditiveError

        ind = params.indicator_id(indicator)
        params.check_borders(borders)
        regions_ = params.region_codes(region)
        params.check_years(year, await years_of(ind), ind)
        query = {"i": ind, "y": year, "r": regions_, "b": borders, "l": limit}
        offset = params.decode_page(nextPageToken, query)

        def build():
            try:
                q = store.query(ind, years=year, regions=regions_, borders=borders)
            except NonAdditiveError as e:
                raise Problem(422, f"borders: {e}", "not-additive", param="borders") from None
            rows = q.frame.iloc[offset : offset + limit]
            more = offset + limit < len(q.frame)
            return {
                "indicator": q.indicator,
                "borders": borders,
                "observations": [
                    dict(
                        region=r.region,
                        year=int(r.year),
                        period=r.period,
                        value=r.value,
                        unit=r.unit,
                        source=r.source,
                        note=_note(r.note),
                    )
                    for r in rows.itertuples(index=False)
                ],
                "gaps": [
                    {"region": r, "year": y, "reason": why}
                    for (r, y), why in q.gaps.items()
                    if regions_ is None or r in regions_
                ],
                "aggregated": [
                    {"region": r, "year": y, "from": list(p)} for r, y, p in q.aggregated
                ],
                "nextPageToken": params.encode_page(offset + limit, query) if more else None,
            }

        return await cached(request, build)

    @app.get("/coverage", tags=["statistics"])
    async def coverage(
        request: Request,
        indicator: str | None = Query(None),
        limit: int = Query(500, ge=1, le=params.MAX_LIMIT),
        nextPageToken: str | None = Query(None),  # noqa: N803
    ):
        """Which indicator × year has figures for which regions; paged."""
        ind = params.indicator_id(indicator) if indicator else None
        query = {"i": ind, "l": limit}
        offset = params.decode_page(nextPageToken, query)

        def build():
            cov = store.coverage()
            if ind:
                cov = cov[cov["indicator"] == ind]
            g = cov.groupby(["indicator", "year"])["region"].agg(list).reset_index()
            items = [
                {"indicator": r.indicator, "year": int(r.year), "regions": sorted(r.region)}
                for r in g.itertuples(index=False)
            ]
            page = items[offset : offset + limit]
            more = offset + limit < len(items)
            return {
                "items": page,
                "nextPageToken": params.encode_page(offset + limit, query) if more else None,
            }

        return await cached(request, build)

    _include_routers(app)
    return app


def _offline_redoc(app: FastAPI) -> None:
    """ReDoc from fastapi-offline's bundle, whose footer logo (a CDN image) is made local."""
    from functools import cache
    from pathlib import Path

    import fastapi_offline
    from fastapi.openapi.docs import get_redoc_html

    @cache
    def bundle() -> bytes:
        js = (Path(fastapi_offline.__file__).parent / "static" / "redoc.standalone.js").read_bytes()
        empty = b"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E"
        return js.replace(b"https://cdn.redoc.ly/redoc/logo-mini.svg", empty)

    @app.get("/docs-assets/redoc.standalone.js", include_in_schema=False)
    def redoc_js():
        return Response(
            bundle(),
            media_type="text/javascript",
            headers={"Cache-Control": "public, max-age=86400"},
        )

    @app.get("/redoc", include_in_schema=False)
    def redoc(request: Request):
        root = request.scope.get("root_path", "")
        return get_redoc_html(
            openapi_url=f"{root}{app.openapi_url}",
            title="aimaq - ReDoc",
            redoc_js_url=f"{root}/docs-assets/redoc.standalone.js",
            with_google_fonts=False,
            redoc_favicon_url=f"{root}/static-offline-docs/favicon.png",
        )


def _years_of(store, ind: str) -> list[int]:
    """Years with any figure of ``ind`` (for a derived indicator, of its numerator)."""
    from aimaq import catalogue

    i = catalogue.get(ind)
    have = {ind}
    if i.derived:
        have |= set(i.components)
    cov = store.coverage()
    return sorted({int(y) for y in cov.loc[cov["indicator"].isin(have), "year"]})


def _indicator(i) -> dict:
    return dict(
        id=i.id,
        aliases=list(i.aliases),
        name_en=i.name_en,
        name_ru=i.name_ru,
        name_kk=i.name_kk,
        unit=i.unit_label(),
        additive=i.additive,
        direction=i.direction,
        formula=i.formula,
    )


def _note(v):
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else v


def _aware(t):
    import datetime as dt

    return t if t.tzinfo else t.replace(tzinfo=dt.UTC)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("aimaq")
    except PackageNotFoundError:  # pragma: no cover - source tree without install
        return "0"


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
