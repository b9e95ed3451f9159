"""CLI: districts and cities of oblast significance (the second level of the backbone).

``aimaq districts [--region R]`` lists the units; ``aimaq districts show INDICATOR`` ranks one
indicator's district figures; ``aimaq districts load FILE`` loads the bulletin's district sheet;
``aimaq districts succession`` prints the 2018→2024 changes; ``aimaq districts lisa`` the
local Moran clusters of population density.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

__all__ = ["list_districts", "register", "show_districts"]

console = Console()
DbOpt = typer.Option(None, "--db", help="Store: SQLite file or SQLAlchemy URL.")
GEOKZ = "Boundaries, areas, KATO codes: geokz (A. Rodionov, CC BY 4.0), based on OCHA COD-AB."

sub = typer.Typer(
    help="Districts and cities of oblast significance (KATO-coded second level).",
    no_args_is_help=False,
)


def _region(region: str | None) -> str | None:
    from aimaq.geo import registry, resolve

    if region is None:
        return None
    return region if region in registry.all_codes() else resolve(region)


def list_districts(region: str | None = None, division: int = 2024, lang: str = "en") -> None:
    """Print the units of ``division`` (optionally of one region)."""
    from aimaq.geo import districts as D
    from aimaq.geo import registry

    code = _region(region)
    df = D.districts(division, code)
    where = f" of {registry.name(code, lang)}" if code else ""
    t = Table(title=f"Districts and cities{where}, {division} division ({len(df)} units)")
    for c in ("KATO", "name", "kind", "region", "area km²", "valid from", "valid to", "events"):
        t.add_column(c, justify="right" if c == "area km²" else "left")
    for k, r in df.iterrows():
        t.add_row(
            k,
            r[f"name_{lang}"],
            r["kind"],
            r["region"],
            f"{r['area_km2']:,.0f}",
            r["valid_from"],
            r["valid_to"],
            r["events"],
        )
    console.print(t)
    console.print(f"[dim]{GEOKZ}[/]")


def show_districts(
    indicator: str, region: str | None = None, year: int | None = None, lang: str = "en", db=None
) -> None:
    """Print one indicator's district figures, ranked, with their region's figure."""
    from aimaq import catalogue, open_store
    from aimaq.geo import districts as D
    from aimaq.geo import registry

    ind = catalogue.get(indicator)
    st = open_store(db)
    df = st.observations(ind.id, level="district")
    if df.empty:
        raise typer.BadParameter(
            f"no district figures for {ind.id} in the store (load them: aimaq districts load FILE)"
        )
    year = int(df["year"].max()) if year is None else year
    d = df[df["year"] == year].copy()
    reg = D.districts(2024)
    d["parent"] = d["region"].map(reg["region"])
    code = _region(region)
    if code is not None:
        d = d[d["parent"] == code]
    if d.empty:
        raise typer.BadParameter(f"no district figures for {ind.id} in {year} for {code}")
    d = d.sort_values("value", ascending=ind.direction == "higher_worse").reset_index(drop=True)
    where = f", {registry.name(code, lang)}" if code else ""
    t = Table(title=f"{ind.name(lang)}, {year}{where} ({ind.unit_label(lang)})")
    for c in ("rank", "KATO", "district", "region", "value"):
        t.add_column(c, justify="right" if c in ("rank", "value") else "left")
    for i, r in d.iterrows():
        t.add_row(
            str(i + 1),
            r["region"],
            reg.at[r["region"], f"name_{lang}"],
            r["parent"],
            f"{r['value']:,.0f}" if float(r["value"]).is_integer() else f"{r['value']:,.2f}",
        )
    console.print(t)
    for src in d["source"].unique():
        console.print(f"[dim]Source: {src}[/]")
    console.print(f"[dim]{GEOKZ}[/]")


@sub.callback(invoke_without_command=True)
def _main(
    ctx: typer.Context,
    region: str = typer.Option(None, "--region", "-r", help="Region code or name."),
    division: int = typer.Option(2024, help="Division: 2024 or 2018."),
    lang: str = typer.Option("en", help="en, ru, kk"),
):
    """List the districts (of one region with --region)."""
    if ctx.invoked_subcommand is None:
        list_districts(region, division, lang)


@sub.command("show")
def _show(
    indicator: str = typer.Argument(..., help="Indicator id, e.g. population_total_bulletin."),
    region: str = typer.Option(None, "--region", "-r", help="Region code or name."),
    year: int = typer.Option(None, help="Year (default: the latest with district figures)."),
    lang: str = typer.Option("en", help="en, ru, kk"),
    db: str = DbOpt,
):
    """Ranked district figures of one indicator."""
    show_districts(indicator, region, year, lang, db)


@sub.command("load")
def _load(
    file: Path = typer.Argument(..., help="The bureau's population bulletin (.xlsx)."),
    sheet: str = typer.Option("02", help="Sheet with the district rows."),
    flag: bool = typer.Option(
        False, help="Load other regions when one does not sum (else refuse)."
    ),
    db: str = DbOpt,
):
    """Load the district rows of a bulletin, checked against their region rows."""
    from aimaq import open_store
    from aimaq.ingest.districts import read_district_sheet

    t = read_district_sheet(file, sheet=sheet, check="flag" if flag else "raise")
    s = open_store(db).load(t.frame, file=f"{file.name} (districts, sheet {sheet})")
    console.print(
        f"{len(t.frame['region'].unique())} districts: {s.added} added, {s.unchanged} unchanged, "
        f"{s.revised} revised"
    )
    for r in t.skipped[t.skipped["reason"].str.startswith("no KATO")].itertuples():
        console.print(f"[yellow]not loaded:[/] row {r.row} {r.content!r}: no KATO code in geokz")
    for m in t.mismatches:
        console.print(f"[red]not loaded:[/] {m}")


@sub.command("succession")
def _succession(
    all_rows: bool = typer.Option(False, "--all", help="Also the unchanged units."),
):
    """Changes of districts between the 2018 and 2024 divisions, with their evidence."""
    from aimaq.geo import districts as D

    s = D.succession()
    if not all_rows:
        s = s[~s["event"].isin(["unchanged", "parent_split"])]
    t = Table(title="District succession 2018 → 2024 (share of each unit's territory in the pair)")
    for c in ("2018", "name", "region", "2024", "name ", "region ", "event", "of 2018", "of 2024"):
        t.add_column(c)
    for r in s.itertuples():
        t.add_row(
            r.kato_2018,
            r.name_2018,
            r.region_2018,
            r.kato_2024,
            r.name_2024,
            r.region_2024,
            r.event,
            f"{r.share_of_2018:.1%}",
            f"{r.share_of_2024:.1%}",
        )
    console.print(t)
    console.print(f"[dim]Derived from the two geokz boundary sets. {GEOKZ}[/]")


@sub.command("lisa")
def _lisa(
    permutations: int = typer.Option(999, help="Conditional permutations."),
    alpha: float = typer.Option(0.05, help="Significance level."),
    seed: int = typer.Option(12345),
    db: str = DbOpt,
):
    """Local Moran clusters of log population density between districts (queen contiguity)."""
    import numpy as np

    from aimaq import open_store
    from aimaq.analysis.spatial import lisa, moran
    from aimaq.datasets import district_table
    from aimaq.geo.district_polygons import contiguity

    dt = district_table(open_store(db))
    y = np.log(dt.frame["density"].dropna())
    w = contiguity(dt.division, "queen").w
    g = moran(y, w, permutations=permutations, seed=seed)
    loc = lisa(y, w, permutations=permutations, seed=seed, alpha=alpha)
    verdict = "significant" if g.p_sim < alpha else "not significant"
    console.print(
        f"Moran's I of log density, {dt.year}: {g.I:.3f} (pseudo p = {g.p_sim:.3f}, {verdict} "
        f"at {alpha}), n = {g.n}"
    )
    counts = loc.cluster.value_counts()
    for k, v in counts.items():
        console.print(f"  {k}: {v}")
    for k, why in dt.excluded.items():
        console.print(f"[yellow]left out:[/] {k} {dt.frame.at[k, 'name_en']}: {why}")
    for src in dt.sources:
        console.print(f"[dim]Source: {src}[/]")


def register(app: typer.Typer) -> None:
    app.add_typer(sub, name="districts")
