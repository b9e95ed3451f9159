"""CLI: specialisation, typology, similar regions, single-industry towns."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from rich.table import Table

from aimaq.commands._options import DB, console, open_db

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["register"]


def _code(region: str) -> str:
    from aimaq.geo import registry, resolve

    return region if region in registry.all_codes() else resolve(region)


def _table(df: pd.DataFrame, title: str, index_name: str = "", fmt: str = "{:,.2f}") -> Table:
    import pandas as pd

    t = Table(title=title)
    t.add_column(index_name or (df.index.name or ""))
    for c in df.columns:
        t.add_column(str(c), justify="right" if pd.api.types.is_numeric_dtype(df[c]) else "left")
    for idx, row in df.iterrows():
        cells = []
        for c in df.columns:
            v = row[c]
            if isinstance(v, float):
                if pd.isna(v):
                    cells.append("–")
                elif v.is_integer() and abs(v) < 1e4:
                    cells.append(str(int(v)))
                else:
                    cells.append(fmt.format(v))
            else:
                cells.append(str(v))
        t.add_row(str(idx), *cells)
    return t


def specialisation(
    region: str = typer.Argument(None, help="Region code or name; all regions when omitted."),
    year: int = typer.Option(
        None, help="Year (default: the report's, latest with GRP per capita for all regions)."
    ),
    base_year: int = typer.Option(
        None, "--base-year", help="Base year for trends and shift-share."
    ),
    measure: str = typer.Option("gva", help="gva (19 OKED sections) or employment (3 sectors)."),
    db: str = DB,
):
    """Location quotients, specialisation/diversification, complexity, candidate activities."""
    from aimaq import datasets as ds
    from aimaq.analysis import specialisation as sp
    from aimaq.geo import registry

    st = open_db(db)
    year = year or ds.default_year(st)
    borders = base_year if base_year else year
    m1 = ds.activity_matrix(st, year, borders, measure)
    m0 = ds.activity_matrix(st, base_year, borders, measure) if base_year else None
    X0 = m0.X if m0 is not None else None
    note = (
        f"{measure}, {year}" + (f" vs {base_year}" if base_year else "") + f", borders of {borders}"
    )
    if m1.missing:
        console.print(f"[yellow]Left out:[/] {m1.missing}")
    if region is None:
        s = sp.specialisation_summary(m1.X, X0)
        tab = s.table.copy()
        tab.index = [f"{c} {registry.name(c)}" for c in tab.index]
        console.print(_table(tab, f"Specialisation by region ({note})", "region"))
        return
    code = _code(region)
    if code not in m1.X.index and registry.predecessor(code) in m1.X.index:
        code = registry.predecessor(code)  # the region on the base year's division
    p = sp.competitive_profile(m1.X, code, X0)
    console.print(f"[bold]{registry.name(code)}[/] ({code}), {note}; ECI = {p.ECI:.3f}")
    console.print(_table(p.specialisations, "Current specialisations (LQ ≥ 1)", "activity"))
    console.print(
        _table(p.candidates, "Candidate activities (related, not yet specialised)", "activity")
    )
    if X0 is not None:
        ss = sp.shift_share(X0, m1.X)
        console.print(
            _table(ss.summary.loc[[code]], f"Shift-share {base_year}→{year} ({m1.unit})", "region")
        )


def typology(
    year: int = typer.Option(
        None, help="Year (default: latest with GRP per capita for all regions)."
    ),
    method: str = typer.Option("ward", help="ward or kmeans"),
    k: int = typer.Option(None, help="Number of types (default: chosen by silhouette)."),
    weights: str = typer.Option(None, help="TOML file of indicators and weights."),
    db: str = DB,
):
    """Composite development index with rank sensitivity, and types of regions."""
    import pandas as pd

    from aimaq import datasets as ds
    from aimaq.analysis import typology as ty
    from aimaq.geo import registry

    st = open_db(db)
    year = year or ds.default_year(st)
    spec = ty.typology_spec(*ds.read_typology_weights(weights))
    values, used = ds.typology_values(st, year, ty.required_indicators(spec))
    data = ty.typology_indicators(values, spec)
    console.print(f"Indicators (year used): {used}")
    ci = ty.composite_index(data, spec)
    tab = ci.sensitivity.copy()
    tab.insert(0, "I", ci.I)
    tab = tab.sort_values("rank")
    tab.index = [f"{c} {registry.name(c)}" for c in tab.index]
    console.print(
        _table(
            tab,
            f"Composite development index, {year} (default weights: a choice, not data)",
            "region",
        )
    )
    if ci.excluded:
        console.print(f"[yellow]Excluded:[/] {ci.excluded}")
    t = ty.typology(data, k=k, method=method, labels={i: s.label for i, s in spec.items()})

    lab = pd.DataFrame({"type": t.labels})
    lab.index = [f"{c} {registry.name(c)}" for c in lab.index]
    console.print(
        _table(
            lab.sort_values("type"),
            f"Types ({method}, k = {t.k}, mean silhouette {t.silhouette[t.k]:.2f})",
            "region",
        )
    )
    console.print(t.description)


def similar(
    region: str = typer.Argument(..., help="Region code or name."),
    year: int = typer.Option(None, help="Year."),
    n: int = typer.Option(5, help="How many."),
    db: str = DB,
):
    """The regions most similar to REGION over the standardised development profile."""
    from aimaq import datasets as ds
    from aimaq.analysis import specialisation as sp
    from aimaq.analysis import typology as ty
    from aimaq.geo import registry

    st = open_db(db)
    year = year or ds.default_year(st)
    spec = ty.typology_spec(*ds.read_typology_weights())
    values, used = ds.typology_values(st, year, ty.required_indicators(spec))
    data = ty.typology_indicators(values, spec)
    code = _code(region)
    s = sp.similar_regions(data, code, n=n)
    tab = s.ranking.copy()
    tab.index = [f"{c} {registry.name(c)}" for c in tab.index]
    console.print(
        _table(tab, f"Regions most similar to {registry.name(code)}, {year} (|z| gaps)", "region")
    )
    if s.dropped or s.excluded:
        console.print(
            f"[yellow]Dropped indicators:[/] {s.dropped}  [yellow]excluded regions:[/] {s.excluded}"
        )


def monotowns(
    share: float = typer.Option(
        0.1, help="Share of each town's population leaving, for the scenario."
    ),
    min_coverage: float = typer.Option(
        0.5, help="Least weight share of available components for a score."
    ),
    db: str = DB,
):
    """Single-industry towns: registry, vulnerability components, outflow scenario."""
    from aimaq import datasets as ds
    from aimaq.analysis import monotowns as mt

    S = ds.settlements()
    m = ds.match_settlements(ds.load_monotowns(), settlements=S)
    if len(m.unmatched):
        console.print(f"[yellow]Not found in the settlements data:[/] {m.unmatched}")
    towns = m.matched
    v = mt.vulnerability(towns, S, config=mt.VulnerabilityConfig(min_coverage=min_coverage))
    tab = v.components.copy()
    tab["coverage"] = v.coverage
    tab["V"] = v.V
    console.print(_table(tab, "Vulnerability components (0 = least, 1 = most vulnerable)", "town"))
    console.print(f"[dim]Missing components are not imputed: {v.missing}[/]")
    o = mt.outflow_scenario(towns, share=share, settlements=S)
    console.print(
        _table(
            o.by_city,
            f"Outflow scenario: {share:.0%} of each town moves to its nearest large city",
            "city",
        )
    )


def register(app: typer.Typer) -> None:
    app.command("specialisation")(specialisation)
    app.command("typology")(typology)
    app.command("similar")(similar)
    app.command("monotowns")(monotowns)
