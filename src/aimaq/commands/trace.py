"""``aimaq trace ...``: the EPCIS 2.0 traceability repository (capture, trace, cold chain, verify).

The module top level stays light: everything heavy is imported inside the commands.
"""

from __future__ import annotations

from pathlib import Path

import typer

__all__ = ["register"]

DbOpt = typer.Option(None, "--db", help="Store: SQLite file or SQLAlchemy URL (default: AIMAQ_DB).")


def _store(db):
    from aimaq import open_store

    return open_store(db)


def _console():
    from rich.console import Console

    return Console(), Console(stderr=True)


def _table(df, title, cols=None):
    from rich.table import Table

    t = Table(title=title)
    cols = cols or list(df.columns)
    for c in cols:
        t.add_column(str(c), overflow="fold")
    for r in df[cols].itertuples(index=False):
        t.add_row(*["" if v is None or (isinstance(v, float) and v != v) else str(v) for v in r])
    return t


def _when(s):
    if s is None:
        return None
    from datetime import datetime

    try:
        d = datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        raise typer.BadParameter(
            f"{s!r} is not an ISO 8601 time (e.g. 2026-11-04T00:00+05:00)"
        ) from None
    if d.tzinfo is None:
        raise typer.BadParameter(f"{s!r} needs a time-zone offset (e.g. +05:00)")
    return d


def capture(
    files: list[Path] = typer.Argument(..., help="EPCIS 2.0 JSON / JSON-LD documents."),
    db: str = DbOpt,
):
    """Capture documents: each one transaction; a bad document is reported and stores nothing."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from aimaq.supply.trace.models import EPCISValidationError
    from aimaq.supply.trace.repository import capture_file

    out, err = _console()
    st = _store(db)
    acc = dup = rej = 0
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
    ) as prog:
        for f in files:
            task = prog.add_task(f"hashing {f.name}", total=None)
            try:
                r = capture_file(
                    st, f, progress=lambda n, m, t=task: prog.update(t, completed=n, total=m)
                )
            except EPCISValidationError as e:
                rej += 1
                err.print(f"[red]rejected[/] {e}", highlight=False)
                continue
            except OSError as e:
                rej += 1
                err.print(f"[red]rejected[/] {f}: {e.strerror}", highlight=False)
                continue
            finally:
                prog.remove_task(task)
            acc += r.accepted
            dup += r.duplicates
            out.print(
                f"{f}: accepted={r.accepted} duplicates={r.duplicates}"
                + (f" declarations={r.declarations}" if r.declarations else ""),
                highlight=False,
            )
    print(f"accepted={acc} duplicates={dup} rejected={rej}", flush=True)
    if rej:
        import click

        raise click.ClickException(
            f"{rej} of {len(files)} document(s) rejected (nothing of them stored)"
        )


def _show_trace(res, out, html: Path | None, geojson: Path | None):
    import json

    from aimaq.supply.trace.demo import locations
    from aimaq.supply.trace.maps import movement_geojson, movement_html

    out.print(
        _table(
            res.nodes,
            f"Trace {res.direction} from {res.root}: {len(res.ids)} identifiers",
            ["id", "via", "reached_at", "depth"],
        )
    )
    if len(res.quantities):
        out.print(
            _table(
                res.quantities,
                "Quantities",
                ["id", "quantity", "uom", "event_time", "biz_step", "biz_location"],
            )
        )
    out.print(_table(res.locations, "Locations"))
    parties = res.participants[res.participants["type"] != "location"]
    out.print(_table(parties, "Participants"))
    out.print(_table(res.custody, "Custody chain"))
    locs = locations()
    if geojson:
        geojson.write_text(json.dumps(movement_geojson(res.legs, locs), indent=1))
        out.print(f"GeoJSON → {geojson}")
    if html:
        html.write_text(movement_html(res.legs, locs, f"Trace {res.direction}: {res.root}"))
        out.print(f"map → {html}")


def back(
    ident: str = typer.Argument(
        ..., help="EPC URN or GS1 Digital Link of an item, lot or container."
    ),
    to: str = typer.Option(None, "--to", help="Only events up to this time."),
    html: Path = typer.Option(None, "--html", help="Write an offline HTML map of the movement."),
    geojson: Path = typer.Option(None, "--geojson", help="Write the movement as GeoJSON."),
    db: str = DbOpt,
):
    """Trace back: the origins of an item or lot."""
    from aimaq.supply.trace.lineage import trace_back

    out, _ = _console()
    _show_trace(trace_back(_store(db), ident, end=_when(to)), out, html, geojson)


def forward(
    ident: str = typer.Argument(
        ..., help="EPC URN or GS1 Digital Link of an item, lot or container."
    ),
    start: str = typer.Option(
        None, "--from", help="Only events from this time (ISO 8601 with offset)."
    ),
    to: str = typer.Option(None, "--to", help="Only events before this time."),
    html: Path = typer.Option(None, "--html", help="Write an offline HTML map of the movement."),
    geojson: Path = typer.Option(None, "--geojson", help="Write the movement as GeoJSON."),
    db: str = DbOpt,
):
    """Trace forward: everything a lot went into and where it went (the recall scope)."""
    from aimaq.supply.trace.lineage import trace_forward

    out, _ = _console()
    _show_trace(trace_forward(_store(db), ident, _when(start), _when(to)), out, html, geojson)


def coldchain(
    lot: str = typer.Argument(..., help="The lot (LGTIN URN or Digital Link)."),
    temperature_class: str = typer.Option(
        None,
        "--class",
        help="frozen, chilled, red_meat, poultry, minced_meat, dairy (default: the lot's ILMD, else chilled).",
    ),
    db: str = DbOpt,
):
    """Cold-chain record of a lot: excursions, custodians, MKT per leg, verdict."""
    from aimaq.supply.trace.coldchain import CLASSES, cold_chain

    if temperature_class and temperature_class not in CLASSES:
        raise typer.BadParameter(f"--class must be one of {', '.join(CLASSES)}")
    out, _ = _console()
    cc = cold_chain(_store(db), lot, temperature_class)
    tc = cc.temperature_class
    out.print(f"{cc.lot}: [bold]{cc.verdict}[/] — {cc.reason}", highlight=False)
    out.print(
        f"class {tc.name}: {tc.low if tc.low is not None else '−∞'} … {tc.high if tc.high is not None else '+∞'} °C, "
        f"tolerance {tc.tolerance} °C (source: {tc.source})",
        highlight=False,
    )
    out.print(f"readings: {len(cc.readings)}, mean kinetic temperature {cc.mkt:.2f} °C")
    if len(cc.excursions):
        out.print(
            _table(
                cc.excursions,
                "Excursions",
                [
                    "start",
                    "end",
                    "duration",
                    "peak",
                    "side",
                    "beyond_tolerance",
                    "custodian",
                    "location",
                ],
            )
        )
    out.print(_table(cc.legs.round(2), "Legs (custody segments)"))


def at_risk(db: str = DbOpt):
    """Lots breached or at risk, with their downstream recall scope."""
    from aimaq.supply.trace.coldchain import at_risk as find

    out, _ = _console()
    df = find(_store(db))
    if df.empty:
        out.print("no lot at risk")
        return
    for _, r in df.iterrows():
        out.print(f"[bold]{r.lot}[/]: {r.verdict} ({r['class']}) — {r.reason}", highlight=False)
        out.print(f"  custodian during excursion: {r.custodians}", highlight=False)
        out.print(
            f"  recall scope: {len(r.recall_ids)} identifiers: {', '.join(r.recall_ids)}",
            highlight=False,
        )
        out.print(f"  locations: {', '.join(r.recall_locations)}", highlight=False)
        out.print(f"  participants: {', '.join(r.recall_participants)}", highlight=False)


def verify(db: str = DbOpt):
    """Check the hash chain of the stored events; names the first bad record."""
    from aimaq.supply.trace.chain import verify as check

    res = check(_store(db))
    print(res, flush=True)
    if not res.ok:
        import click

        raise click.ClickException(f"tampered store: first bad record {res.first_bad}")


def demo(db: str = DbOpt):
    """Load the bundled DEMONSTRATION chain and show its breach and recall scope."""
    from aimaq.supply.trace.demo import BEEF_LOT, DEMO_NOTE, load_demo

    out, _ = _console()
    st = _store(db)
    r = load_demo(st)
    out.print(f"[yellow]{DEMO_NOTE}[/]")
    out.print(f"demo chain: accepted={r.accepted} duplicates={r.duplicates}")
    coldchain(BEEF_LOT, None, db)
    at_risk(db)
    verify(db)


def register(app: typer.Typer) -> None:
    """Add ``aimaq trace ...`` to the CLI."""
    t = typer.Typer(
        help="GS1 EPCIS 2.0 traceability: capture, trace, cold chain, tamper evidence.",
        no_args_is_help=True,
    )
    t.command()(capture)
    t.command()(back)
    t.command()(forward)
    t.command()(coldchain)
    t.command("at-risk")(at_risk)
    t.command()(verify)
    t.command()(demo)
    app.add_typer(t, name="trace")
