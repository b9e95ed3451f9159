"""Price endpoints: observations, spike alerts (WFP ALPS with the GIEWS IPA), markups,
dispersion. The store is ``request.app.state.store``."""

from __future__ import annotations

import math

from fastapi import APIRouter, HTTPException, Query, Request

__all__ = ["router"]

router = APIRouter(prefix="/prices", tags=["prices"])


def _ps(request: Request):
    from aimaq.supply.prices.store import PriceStore

    ps = getattr(request.app.state, "price_store", None)
    if ps is None:
        ps = PriceStore(request.app.state.store)
        request.app.state.price_store = ps
    return ps


def _records(df) -> list[dict]:
    import pandas as pd

    def conv(v):
        if isinstance(v, float) and math.isnan(v):
            return None
        if isinstance(v, pd.Timestamp):
            return v.strftime("%Y-%m-%d")
        if isinstance(v, pd.Period):
            return str(v)
        return v.item() if hasattr(v, "item") else v

    return [{k: conv(v) for k, v in r.items()} for r in df.to_dict("records")]


def _pid(product: str | None) -> str | None:
    from aimaq.catalogue.products import UnknownProductError, product_id

    if product is None:
        return None
    try:
        return product_id(product)
    except UnknownProductError as e:
        raise HTTPException(404, str(e)) from None


@router.get("/observations")
def observations(
    request: Request,
    product: str | None = None,
    market: str | None = None,
    region: str | None = None,
    stage: str | None = None,
    since: str | None = Query(None, description="YYYY-MM-DD"),
) -> list[dict]:
    """Current price observations with their sources, oldest first."""
    df = _ps(request).prices(
        product=_pid(product), market=market, region=region, stage=stage, since=since
    )
    return _records(df)


@router.get("/alerts")
def alerts(
    request: Request,
    region: str | None = None,
    product: str | None = None,
    since: str | None = Query(None, description="YYYY-MM"),
) -> list[dict]:
    """ALPS alerts (stress, alert, crisis) newest first, with price, trend, σ and the IPA."""
    from aimaq.supply.prices.views import alerts_table

    return _records(
        alerts_table(_ps(request).prices(), region=region, product=_pid(product), since=since)
    )


@router.get("/markups")
def markups(
    request: Request, cap: float | None = Query(None, description="cap %, an assumption")
) -> list[dict]:
    """Markups between stages with the legal-cap flags."""
    from aimaq.supply.prices.views import markups_table

    return _records(markups_table(_ps(request).prices(), cap_pct=cap))


@router.get("/dispersion")
def dispersion(request: Request, product: str | None = None, latest: bool = True) -> list[dict]:
    """Regional dispersion per product and month."""
    from aimaq.supply.prices.views import dispersion_table

    return _records(dispersion_table(_ps(request).prices(product=_pid(product)), latest=latest))
