"""``hudna gazetteer ...`` and ``hudna geocode`` (issue #3)."""

from __future__ import annotations

import typer

from hudna.cli import app

gazetteer_app = typer.Typer(help="The gazetteer: info, import.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")
