"""``aimaq site``: distribution-centre siting for frozen, chilled and dry food.

Examples
--------
``aimaq site --scenario default --out site_results``
``aimaq site --scenario default --scenario my.toml`` (side-by-side comparison)
``aimaq site --orlib pmed1.txt`` / ``aimaq site --orlib capa.txt --capacity 8000``
"""

from __future__ import annotations

from pathlib import Path

import typer

from aimaq.commands._options import db_option

__all__ = ["register", "site"]


def site(
    scenario: list[str] = typer.Option(
        None, "--scenario", help="'default' or a scenario TOML file; repeat to compare scenarios."
    ),
    classes: str = typer.Option(
        None, "--classes", help="Comma-separated subset of classes, e.g. frozen,chilled,dry."
    ),
    time_limit: float = typer.Option(120.0, "--time-limit", help="Solver time limit, seconds."),
    gap: float = typer.Option(1e-4, "--gap", help="Relative MIP gap tolerance (1e-4 = 0.01%)."),
    out: Path = typer.Option(None, "--out", help="Output directory for tables, GeoJSON, map."),
    orlib: Path = typer.Option(None, "--orlib", help="Solve an OR-Library pmedN or capN file."),
    capacity: float = typer.Option(
        None, "--capacity", help="Warehouse capacity for capa/b/c (or to override capN)."
    ),
    uncapacitated: bool = typer.Option(
        False, "--uncapacitated", help="OR-Library cap file: solve the uncapacitated problem."
    ),
    db: str = db_option("Store for regional population (SQLite file/URL)."),
    demand: str = typer.Option(
        "settlements",
        "--demand",
        help="Demand points: 'settlements' (GeoNames, scaled to regions), 'districts' (the "
        "store's district populations at district points) or 'district-settlements' (GeoNames "
        "places sharing their district's population).",
    ),
):
    """Site distribution centres (scenario) or solve an OR-Library benchmark file."""
    from rich.console import Console

    con = Console()
    if orlib is not None:
        _orlib(con, orlib, capacity, uncapacitated, time_limit)
        return
    if not scenario:
        raise typer.BadParameter("give --scenario default|FILE or --orlib FILE")
    if demand not in ("settlements", "districts", "district-settlements"):
        raise typer.BadParameter(
            f"--demand must be settlements, districts or district-settlements, not {demand!r}"
        )
    _scenarios(con, scenario, classes, time_limit, gap, out, db, demand)


def _orlib(con, path: Path, capacity, uncapacitated, time_limit) -> None:
    import numpy as np

    from aimaq.supply.locate import (
        capacitated_facility_location,
        p_median,
        uncapacitated_facility_location,
    )
    from aimaq.supply.orlib import CapInstance, read_orlib

    inst = read_orlib(path, capacity)
    if isinstance(inst, CapInstance):
        capped = not uncapacitated and not np.isnan(inst.capacity).any()
        if not capped and not uncapacitated:
            con.print(
                f"{inst.name}: no numeric capacities in the file and no --capacity: "
                "solving the uncapacitated problem"
            )
        con.print(
            f"{inst.name}: {inst.m} warehouses x {inst.n} customers, "
            f"{'capacitated (splittable)' if capped else 'uncapacitated'}"
        )
        if capped:
            r = capacitated_facility_location(
                inst.cost, inst.fixed_cost, inst.capacity, inst.demand, time_limit=time_limit
            )
        else:
            r = uncapacitated_facility_location(inst.cost, inst.fixed_cost, time_limit=time_limit)
    else:
        con.print(
            f"{inst.name}: p-median, n={inst.n}, p={inst.p} "
            f"({inst.n_duplicate_edges} duplicate edges, last occurrence kept)"
        )
        r = p_median(inst.d, inst.p, time_limit=time_limit)
    con.print(
        f"status {r.status}; open {r.open.size} facilities "
        f"({', '.join(str(i + 1) for i in r.open[:30])}{' ...' if r.open.size > 30 else ''});"
        f" gap {r.gap:.2e}; MIP {r.n_variables} cols x {r.n_constraints} rows"
    )
    print(f"objective={r.objective:.6f} bound={r.bound:.6f} seconds={r.seconds:.3f}")


def _scenarios(con, scenario, classes, time_limit, gap, out, db, demand="settlements") -> None:
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from aimaq.supply.map import write_geojson, write_html_map
    from aimaq.supply.scenario import load_scenario, population_request
    from aimaq.supply.siting import compare_scenarios, solve_siting

    ks = [c.strip() for c in classes.split(",") if c.strip()] if classes else None
    results, problems = {}, {}
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=_stderr_console(),
        transient=True,
    ) as prog:
        for sc in scenario:
            task = prog.add_task(f"loading {sc}")
            req = population_request(sc)
            pts = pop = None
            if demand != "settlements":
                pts = _district_points(db, demand)
            elif req is not None:
                pop = _regional_population(req.indicator, req.year, db)
            pr = load_scenario(sc, population=pop, classes=ks, demand_points=pts)
            prog.update(
                task,
                description=f"solving {pr.name} ({len(pr.sites)} sites x "
                f"{len(pr.demand)} demand points x {len(pr.classes)} classes)",
            )
            r = solve_siting(pr, time_limit=time_limit, gap=gap)
            name = pr.name if pr.name not in results else f"{pr.name}#{len(results) + 1}"
            results[name], problems[name] = r, pr
            prog.remove_task(task)
    for name, r in results.items():
        t = Table(title=f"{name}: open centres ({r.currency}/yr, t/yr)")
        t.add_column("centre")
        t.add_column("region")
        for k in r.classes:
            t.add_column(f"{k} t/yr", justify="right")
            t.add_column(f"{k} util.", justify="right")
        for _, row in r.open_sites.iterrows():
            cells = [row["name"] + (" *" if row["existing"] else ""), str(row["region"])]
            for k in r.classes:
                on = bool(row[f"module_{k}"])
                cells += [
                    f"{row[f'throughput_{k}']:,.0f}" if on else "–",
                    f"{row[f'utilisation_{k}']:.0%}" if on else "–",
                ]
            t.add_row(*cells)
        con.print(t)
        c = Table(title=f"{name}: cost breakdown")
        c.add_column("item")
        c.add_column(r.currency + "/yr", justify="right")
        for i, v in r.cost.items():
            c.add_row(str(i), f"{v:,.0f}")
        con.print(c)
        sl = ", ".join(f"{k} {v:.1%}" for k, v in r.service_level.items())
        con.print(f"service level (demand within delivery limit): {sl}")
        n_ass = sum(1 for n in r.notes if n.startswith("ASSUMPTION"))
        if n_ass:
            con.print(
                f"[yellow]{n_ass} inputs are ASSUMPTIONS, not data[/] (see notes.txt); "
                "replace them in a copy of the scenario file."
            )
        if out is not None:
            d = Path(out) if len(results) == 1 else Path(out) / name
            d.mkdir(parents=True, exist_ok=True)
            r.sites.to_csv(d / "sites.csv")
            r.flows.to_csv(d / "flows.csv", index=False)
            r.cost.rename("value").to_csv(d / "cost.csv")
            r.service_level.rename("service_level").to_csv(d / "service_level.csv")
            r.coverage_by_region.to_csv(d / "coverage_by_region.csv", index=False)
            r.utilisation.to_csv(d / "utilisation.csv")
            (d / "notes.txt").write_text("\n".join(r.notes) + "\n", encoding="utf-8")
            write_geojson(r, d / "result.geojson")
            write_html_map(r, d / "map.html", problems[name].demand)
            con.print(
                f"wrote {d}/ (sites, flows, cost, service_level, coverage_by_region, "
                "utilisation CSV; result.geojson; map.html; notes.txt)"
            )
    cmp = compare_scenarios(results)
    if len(results) > 1:
        t = Table(title="scenario comparison")
        t.add_column("")
        for nm in cmp.columns:
            t.add_column(str(nm), justify="right")
        for i, row in cmp.iterrows():
            t.add_row(str(i), *[f"{v:,.4g}" if isinstance(v, float) else str(v) for v in row])
        con.print(t)
        if out is not None:
            cmp.to_csv(Path(out) / "comparison.csv")
    last = next(reversed(results.values()))
    print(f"objective={last.objective:.2f} bound={last.bound:.2f} seconds={last.seconds:.3f}")


def _district_points(db, demand: str):
    """Demand points from the store's district populations (``--demand districts|...``)."""
    from aimaq import open_store
    from aimaq.datasets import district_demand

    try:
        points = "district" if demand == "districts" else "settlements"
        return district_demand(open_store(db), points)
    except LookupError as e:
        raise typer.BadParameter(str(e)) from None


def _regional_population(indicator: str, year: int, db):
    """Regional values (region code -> persons) of ``indicator`` in ``year`` from the store."""
    from aimaq import open_store

    obs = open_store(db).observations(indicator, years=[year])
    obs = obs[obs["region"] != "KZ"]
    if obs.empty:
        raise typer.BadParameter(
            f"the store has no {indicator} values for {year}; load them first (aimaq ingest) "
            "or set [demand] scale_to_regional_population = false in the scenario"
        )
    return obs.groupby("region")["value"].last().astype(float)


def _stderr_console():  # noqa: N802 - tiny factory kept private to this module
    from rich.console import Console

    return Console(stderr=True)


def register(app: typer.Typer) -> None:
    """Add the ``site`` command to the aimaq Typer app."""
    app.command("site")(site)
