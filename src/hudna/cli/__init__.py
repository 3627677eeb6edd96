"""The ``hudna`` command line: thin commands over services; errors become one clear line."""

from __future__ import annotations

import logging
import sys

import typer

from hudna.cli.context import CliContext, build_settings
from hudna.errors import HudnaError

app = typer.Typer(
    name="hudna",
    help="hudna: ceasefire monitoring (truce registry, intake, geocoding, adjudication, exports).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _root(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None,
        "--db",
        help="Database: a SQLite file path or an SQLAlchemy URL (env HUDNA_DATABASE_URL).",
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress details."),
) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")
    cli_ctx = CliContext(settings=build_settings(db))
    ctx.obj = cli_ctx
    ctx.call_on_close(cli_ctx.close)


def _register() -> None:
    # Command groups live in their own modules; each adds itself to ``app``.
    from hudna.cli import core, corroborate, gazetteer, news, web  # noqa: F401


_register()


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``hudna`` script."""
    try:
        app(args=argv, standalone_mode=False)
    except HudnaError as exc:
        typer.secho(f"error [{exc.code}]: {exc}", err=True, fg=typer.colors.RED)
        sys.exit(1)
    except typer.Abort:
        typer.secho("aborted", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.secho("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # click usage errors carry their own exit codes
        import click

        if isinstance(exc, click.exceptions.Exit):
            sys.exit(exc.exit_code)
        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise
