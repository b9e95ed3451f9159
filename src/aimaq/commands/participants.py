"""``aimaq participant``: the registry of food-chain participants and their API keys.

Examples
--------
``aimaq participant add --name "Dairy LLP" --role processor --region Kostanay --gln 4600000000015``
``aimaq participant list`` / ``aimaq participant rotate 3`` / ``aimaq participant revoke 3``
"""

from __future__ import annotations

import typer

__all__ = ["register"]

group = typer.Typer(help="Participants of the food chain and their API keys.", no_args_is_help=True)

_DB = typer.Option(None, "--db", help="Store: SQLite file or SQLAlchemy URL (default: AIMAQ_DB).")


def _registry(db):
    from aimaq.store import Store
    from aimaq.supply.participants import Participants

    return Participants(Store(db))


@group.command("add")
def add(
    name: str = typer.Option(..., "--name", help="The organisation's name."),
    role: str = typer.Option(
        ...,
        "--role",
        help="producer, processor, distribution_centre, stabilisation_fund, "
        "retailer, regulator or analyst.",
    ),
    region: str = typer.Option(None, "--region", help="Home region: code or name."),
    gln: list[str] = typer.Option(None, "--gln", help="GLN of a location; repeat for several."),
    gs1_prefix: str = typer.Option(None, "--gs1-prefix", help="GS1 company prefix."),
    db: str = _DB,
):
    """Register a participant; prints its API key once, on the last line as key=…"""
    from rich.console import Console

    issued = _registry(db).add(name, role, region, gln or [], gs1_prefix)
    p = issued.participant
    con = Console()
    con.print(
        f"participant {p.id}: {p.name} ({p.role.value}"
        f"{', ' + p.region if p.region else ''}), {len(p.glns)} location(s)"
    )
    con.print("the key is shown only now; store it safely", style="yellow")
    print(f"key={issued.key}")


@group.command("list")
def list_(db: str = _DB):
    """List the participants with their keys' state."""
    from rich.console import Console
    from rich.table import Table

    reg = _registry(db)
    t = Table(title="Participants")
    for c in ("id", "name", "role", "region", "GLNs", "live keys", "last used"):
        t.add_column(c)
    for p in reg.list():
        keys = reg.keys(p.id)
        live = [k for k in keys if k["revoked_at"] is None]
        used = max((k["last_used_at"] for k in keys if k["last_used_at"]), default=None)
        t.add_row(
            str(p.id),
            p.name,
            p.role.value,
            p.region or "",
            " ".join(p.glns),
            str(len(live)),
            used.strftime("%Y-%m-%d %H:%M") if used else "never",
        )
    Console().print(t)


@group.command("revoke")
def revoke(participant: str = typer.Argument(..., help="Id or name."), db: str = _DB):
    """Revoke every key of a participant."""
    n = _registry(db).revoke(participant)
    print(f"revoked={n}")


@group.command("rotate")
def rotate(participant: str = typer.Argument(..., help="Id or name."), db: str = _DB):
    """Revoke a participant's keys and issue a new one (printed once as key=…)."""
    issued = _registry(db).rotate(participant)
    print(f"participant {issued.participant.id}: old keys revoked")
    print(f"key={issued.key}")


def register(app: typer.Typer) -> None:
    app.add_typer(group, name="participant")
