"""Read endpoints of strategic planning: progress status, inter-budget relations, population outlook.

The same content as ``aimaq monitor``, ``aimaq budget`` and ``aimaq project population``
(:mod:`aimaq.report.planning_content`), as JSON: every table as records with its notes and
sources. Targets are not accepted here (the service reads official data only).
"""

from __future__ import annotations

import math

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool

from aimaq.api.problems import Problem

__all__ = ["router"]

router = APIRouter(prefix="/planning", tags=["planning"])
SCENARIOS = ("observed", "zero_migration", "north_outflow_doubled", "monotown_outflow")


def _clean(v):
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if hasattr(v, "item"):  # numpy scalars
        return _clean(v.item())
    return v


def _table(t) -> dict:
    import pandas as pd

    f = t.frame if isinstance(t.frame.index, pd.RangeIndex) else t.frame.reset_index()
    f.columns = [str(c) for c in f.columns]
    rows = [{k: _clean(v) for k, v in r.items()} for r in f.to_dict("records")]
    return {"id": t.id, "title": t.title, "rows": rows, "notes": t.notes, "sources": t.sources}


def _store(request: Request):
    store = getattr(request.app.state, "store", None)
    if store is None:
        raise Problem(503, "no store configured", "not-ready")
    return store


@router.get("/monitor")
async def monitor(request: Request, base_year: int = Query(2018, ge=1990, le=2100)) -> dict:
    """Progress status region × indicator (Open SDG method), with what moved GRP per capita."""
    from aimaq.report.planning_content import monitoring_section

    m = await run_in_threadpool(monitoring_section, _store(request), None, base_year)
    return {"base_year": base_year, "tables": [_table(t) for t in m.tables]}


@router.get("/budget")
async def budget(request: Request, year: int | None = Query(None, ge=2018, le=2100)) -> dict:
    """Donors and recipients, per-capita flows, autonomy, equalisation, elasticity; the break."""
    from aimaq.report.planning_content import budget_section

    try:
        b = await run_in_threadpool(budget_section, _store(request), year)
    except ValueError as e:
        raise Problem(422, str(e), "unknown-year", param="year") from None
    return {
        "year": year,
        "breaks": b.breaks,
        "notes": b.notes,
        "tables": [_table(t) for t in b.tables],
    }


@router.get("/outlook")
async def outlook(
    request: Request,
    to: int = Query(2035, ge=2024, le=2100),
    scenario: list[str] = Query(["observed", "zero_migration", "north_outflow_doubled"]),
) -> dict:
    """Components-of-change projection by region (bundled scenarios) and the back-test."""
    from aimaq.report.planning_content import (
        SCENARIO_DIR,
        outlook_section,
        read_population_scenario,
    )

    bad = [s for s in scenario if s not in SCENARIOS]
    if bad:
        raise Problem(
            422,
            f"scenario: unknown {bad}",
            "unknown-scenario",
            param="scenario",
            suggestions=list(SCENARIOS),
        )
    scs = [read_population_scenario(SCENARIO_DIR / f"{s}.toml") for s in scenario]
    o = await run_in_threadpool(outlook_section, _store(request), to, scs)
    return {
        "horizon": to,
        "notes": o.notes,
        "figure": o.figure,
        "tables": [_table(t) for t in o.tables],
    }
