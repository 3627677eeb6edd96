"""``hudna ingest news``, ``hudna extract``, ``hudna eval ...`` (issue #4)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from hudna.cli import app

ingest_app = typer.Typer(help="Ingest news text (txt, html, jsonl).", no_args_is_help=True)
app.add_typer(ingest_app, name="ingest")
eval_app = typer.Typer(help="Evaluate extraction against gold annotations.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


def _pipeline() -> object:
    from hudna.ingest.pipeline import build_pipeline

    return build_pipeline()


@app.command("extract")
def extract_cmd(
    input: Path = typer.Option(..., "--input", help="Articles: .jsonl, .txt or .html."),
    fmt: str = typer.Option("gold-v1", "--format", help="gold-v1 or claims."),
    lang: str = typer.Option("auto", "--lang", help="ar, en or auto."),
) -> None:
    """Extract claims from articles; one JSON object per article on standard output."""
    from hudna.ingest.evaluate import claims_to_json, extract_article, to_gold_v1
    from hudna.ingest.news import iter_articles

    if fmt not in ("gold-v1", "claims"):
        raise typer.BadParameter("--format must be gold-v1 or claims")
    pipeline = _pipeline()
    for article in iter_articles(input):
        doc = extract_article(article, pipeline, lang=lang)  # type: ignore[arg-type]
        row = to_gold_v1(doc) if fmt == "gold-v1" else claims_to_json(doc)
        typer.echo(json.dumps(row, ensure_ascii=False))


@eval_app.command("extract")
def eval_extract_cmd(
    gold: Path = typer.Option(..., "--gold", help="Gold JSONL (GOLD-FORMAT.md)."),
    input: Path = typer.Option(..., "--input", help="Articles JSONL."),
) -> None:
    """Score extraction against gold annotations; prints a JSON summary."""
    from hudna.ingest.evaluate import extract_article, score_extraction, to_gold_v1
    from hudna.ingest.news import iter_articles

    pipeline = _pipeline()
    preds = [to_gold_v1(extract_article(a, pipeline)) for a in iter_articles(input)]  # type: ignore[arg-type]
    gold_rows = [json.loads(x) for x in gold.read_text(encoding="utf-8").splitlines() if x.strip()]
    result = score_extraction(gold_rows, preds)
    result.pop("documents")
    typer.echo(json.dumps(result, ensure_ascii=False, indent=2))


@eval_app.command("fakes")
def eval_fakes_cmd(
    input: Path = typer.Option(..., "--input", help="FA-KES CSV."),
) -> None:
    """Score FA-KES fields (governorate, cause, actor, killed within 10%)."""
    from hudna.ingest.evaluate import score_fakes

    typer.echo(json.dumps(score_fakes(input, _pipeline()), indent=2))  # type: ignore[arg-type]


@ingest_app.command("news")
def ingest_news_cmd(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(..., help="Article files: .txt, .html or .jsonl."),
    published: str | None = typer.Option(None, "--published", help="Publication date YYYY-MM-DD, or 'today'."),
    source: str | None = typer.Option(None, "--source", help="Source id of the articles (afp, sana, ...)."),
    lang: str = typer.Option("auto", "--lang", help="ar, en or auto."),
) -> None:
    """Store articles as reports with their extracted claims (re-ingesting is a no-op)."""
    from datetime import UTC, datetime

    from hudna.cli.context import get_ctx
    from hudna.ingest.news import parse_date
    from hudna.services.news import ingest_news

    today = published == "today"
    r = ingest_news(
        get_ctx(ctx).store, files, published_on=None if today else parse_date(published, field="--published"),
        published_today=today, source=source, lang=lang, today=datetime.now(UTC).date(),
    )
    typer.echo(f"{r.articles} articles: {r.added} added, {r.unchanged} unchanged, {r.claims} claims")
    for w in sorted(set(r.warnings)):
        typer.secho(f"warning: {w}", err=True, fg=typer.colors.YELLOW)
