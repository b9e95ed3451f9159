"""CLI: strategic monitoring (``aimaq monitor``), inter-budget relations (``aimaq budget``) and
the population outlook (``aimaq project population``)."""

from __future__ import annotations

import typer

__all__ = ["register"]

DbOpt = typer.Option(None, "--db", help="Store: SQLite file or SQLAlchemy URL.")
project_app = typer.Typer(
    help="Projections (components of change; see `aimaq project population --help`)."
)


def _store(db):
    from aimaq import open_store

    return open_store(db)


def _print(tab, title: str, index_name: str = "") -> None:
    from rich.console import Console

    from aimaq.commands.analysis import _table

    Console().print(_table(tab, title, index_name))


def _notes(notes) -> None:
    from rich.console import Console

    c = Console()
    for n in notes:
        c.print(f"[dim]• {n}[/]")


def monitor(
    targets: str = typer.Option(
        None,
        "--targets",
        help="Targets CSV (indicator,region,base_year,target_year,target_value,source).",
    ),
    base_year: int = typer.Option(2018, "--base-year", help="Base year of the growth rates."),
    db: str = DbOpt,
):
    """Progress status region × indicator (Open SDG method) and what moved GRP per capita."""
    from aimaq.ingest.errors import IngestError
    from aimaq.report.planning_content import monitoring_section

    tg = None
    if targets:
        from aimaq.ingest.targets import read_targets

        try:
            tg = read_targets(targets)
        except IngestError as e:
            raise typer.BadParameter(str(e), param_hint="--targets") from None
    m = monitoring_section(_store(db), tg, base_year)
    for t in m.tables:
        _print(t.frame, t.title, "region")
        _notes(t.notes)


def budget(
    year: int = typer.Option(None, "--year", help="One year (default: every year 2018–2024)."),
    db: str = DbOpt,
):
    """Subventions, withdrawals, tax revenue per capita, fiscal autonomy, donors/recipients,
    equalisation before/after transfers, transfers against GRP per capita."""
    from aimaq.report.planning_content import budget_section

    try:
        b = budget_section(_store(db), year)
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="--year") from None
    pos = b.positions if year is None else b.positions[[year]]
    pos = pos[(pos != "gap").any(axis=1)]
    _print(pos.fillna("–"), b.tables[0].title, "region")
    short = {
        "s_pc": "subv/cap",
        "w_pc": "withdr/cap",
        "t_pc": "tax/cap",
        "r_pc": "transf/cap",
        "autonomy": "autonomy",
        "position": "position",
        "regime": "regime",
    }
    for y, g in b.table.groupby(level="year"):
        g = g.droplevel("year")
        g = g[g["position"] != "gap"][list(short)].rename(columns=short)
        _print(g, f"{y}: per capita (thousand KZT per person), autonomy T/(T+R)", "region")
    for t in b.tables[2:]:
        _print(t.frame, t.title)
    _notes(b.notes)
    if b.planned is not None and len(b.planned):
        p = b.planned.set_index(["region", "year"])[["value", "unit"]]
        _print(
            p.reset_index(), "Budget withdrawals planned by the law on general transfers 2026–2028"
        )
        _notes(sorted(set(b.planned["source"])))


def population(
    to: int = typer.Option(2035, "--to", help="Horizon: population at 1 January of this year."),
    scenario: list[str] = typer.Option(
        None,
        "--scenario",
        help="Scenario TOML (repeatable); bundled: observed, zero_migration, north_outflow_doubled, monotown_outflow.",
    ),
    window: str = typer.Option(
        None, "--window", help="Rate window FIRST-LAST (default: the last two observed years)."
    ),
    db: str = DbOpt,
):
    """Components-of-change population outlook by region, with a back-test."""
    from aimaq.report.planning_content import outlook_section, read_population_scenario

    try:
        scs = [read_population_scenario(s) for s in scenario] if scenario else None
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="--scenario") from None
    win = None
    if window:
        try:
            a, b = (int(x) for x in window.split("-"))
        except ValueError:
            raise typer.BadParameter(
                f"{window!r}: write FIRST-LAST, e.g. 2022-2023", param_hint="--window"
            ) from None
        win = (a, b)
    try:
        o = outlook_section(_store(db), to, scs, win)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None
    for t in o.tables:
        _print(t.frame, t.title, "region")
    _notes(o.notes)


def register(app: typer.Typer) -> None:
    app.command("monitor")(monitor)
    app.command("budget")(budget)
    project_app.command("population")(population)
    app.add_typer(project_app, name="project")
