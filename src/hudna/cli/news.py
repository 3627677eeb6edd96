"""``hudna ingest news``, ``hudna extract``, ``hudna eval ...`` (issue #4)."""

from __future__ import annotations

import typer

from hudna.cli import app

ingest_app = typer.Typer(help="Ingest news text (txt, html, jsonl).", no_args_is_help=True)
app.add_typer(ingest_app, name="ingest")
eval_app = typer.Typer(help="Evaluate extraction against gold annotations.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
