"""The ``aimaq`` command line (Typer + Rich): wiring only, the commands live in ``commands/``.

Errors print one clear line and exit non-zero; ``--debug`` anywhere on the line shows the
traceback instead. Importing this module imports Typer and Rich but none of the scientific
stack: each command imports what it needs when it runs.
"""

from __future__ import annotations

import importlib
import sys

import typer

__all__ = ["COMMANDS", "app", "main"]

app = typer.Typer(
    name="aimaq",
    help="Territorial development of Kazakhstan: regional statistics, disparities, supply chains.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

#: command modules under ``aimaq.commands``, in the order ``aimaq --help`` lists them; modules
#: not present (pillars other branches add) are skipped
COMMANDS = (
    "regions",
    "indicators",
    "coverage",
    "ingest",
    "show",
    "export",
    "serve",
    "report",
    "analysis",
    "site",
    "trace",
    "prices",
    "planning",
    "participants",
    "districts",
)


def _register_commands() -> None:
    for name in COMMANDS:
        try:
            mod = importlib.import_module(f"aimaq.commands.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"aimaq.commands.{name}":
                raise
            continue
        mod.register(app)


_register_commands()


def main() -> None:
    debug = "--debug" in sys.argv
    if debug:
        sys.argv.remove("--debug")
    try:
        app(standalone_mode=False)
    except Exception as e:  # one clear line; the traceback only with --debug
        if debug:
            raise
        import click

        from aimaq.commands._options import err_console

        if isinstance(e, click.exceptions.Abort):
            err_console.print("aborted")
            sys.exit(130)
        if isinstance(e, click.ClickException):
            e.show()
            sys.exit(e.exit_code)
        msg = str(e).strip() or type(e).__name__
        err_console.print(f"[bold red]error:[/] {msg}", highlight=False)
        sys.exit(1)


if __name__ == "__main__":
    main()
