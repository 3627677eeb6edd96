"""``hudna gazetteer ...`` and ``hudna geocode`` (issue #3)."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import typer
from rich.table import Table

from hudna.cli import app
from hudna.cli.context import get_ctx
from hudna.errors import AmbiguousPlaceWarning

gazetteer_app = typer.Typer(help="The gazetteer: info, import, learn.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


def _choice(ctx: typer.Context, gazetteer: str | None) -> str:
    return gazetteer or get_ctx(ctx).settings.gazetteer


@gazetteer_app.command("info")
def info_cmd(
    ctx: typer.Context,
    gazetteer: str | None = typer.Option(None, "--gazetteer", "-g", help="Bundled name or path of a gazetteer file."),
) -> None:
    """Print the gazetteer's source, version, build time, content hash and counts."""
    from hudna.services.gazetteer import gazetteer_info

    info = gazetteer_info(_choice(ctx, gazetteer))
    for label, value in (
        ("name", info.name), ("version", info.version), ("source", info.source),
        ("source_version", info.source_version), ("licence", info.licence), ("built_at", info.built_at),
        ("content_hash", info.content_hash),
        ("places", ", ".join(f"{k}={v}" for k, v in sorted(info.counts.items()))),
        ("names", str(info.names)), ("build_issues", str(info.issues)),
        ("learned_names", str(info.learned_names)),
    ):
        typer.echo(f"{label:<15} {value}")
    for layer in info.layers:
        typer.echo(
            f"{'layer':<15} {layer.get('name', '')} sha256:{layer.get('content_hash', '')[:12]} "
            f"({layer.get('source', '')}; {layer.get('licence', '')}; built {layer.get('built_at', '')})"
        )


@gazetteer_app.command("import")
def import_cmd(
    source: Path = typer.Argument(..., help="COD-AB folder (GeoJSON/shapefile per admin level) or GeoNames dump (.txt)."),
    out: Path = typer.Option(..., "--out", "-o", help="Gazetteer file to write (.sqlite or .sqlite.gz)."),
    kind: str = typer.Option("auto", "--kind", help="cod-ab, geonames or auto."),
    name: str | None = typer.Option(None, "--name", help="Name recorded in the gazetteer."),
    source_version: str = typer.Option("", "--source-version", help="Edition of the source."),
) -> None:
    """Import another country's gazetteer into hudna's schema (use it with --gazetteer FILE)."""
    from hudna.services.gazetteer import import_gazetteer

    info = import_gazetteer(source, out, name=name, kind=kind, source_version=source_version)
    typer.echo(f"wrote {out}: {info.version}; " + ", ".join(f"{k}={v}" for k, v in sorted(info.counts.items())))


@gazetteer_app.command("learn")
def learn_cmd(
    ctx: typer.Context,
    sources: list[Path] = typer.Argument(..., help="UCDP GED or ACLED CSV files (gzip'd or not)."),
    out: Path = typer.Option(..., "--out", "-o", help="Layer file to write (.sqlite or .sqlite.gz)."),
    kind: str = typer.Option("auto", "--kind", help="ucdp, acled or auto."),
    name: str | None = typer.Option(None, "--name", help="Name recorded in the layer."),
    max_prec: int = typer.Option(2, "--max-prec", help="Learn from events coded this precisely or better (UCDP where_prec)."),
    gazetteer: str | None = typer.Option(None, "--gazetteer", "-g", help="Base gazetteer (bundled name or path)."),
) -> None:
    """Learn the place names of coded events the gazetteer does not know (use with --gazetteer OUT)."""
    from hudna.services.gazetteer import learn_gazetteer

    info, rep = learn_gazetteer(sources, out, gazetteer=_choice(ctx, gazetteer), kind=kind, name=name, max_prec=max_prec)
    typer.echo(
        f"wrote {out}: {info.version}; {rep.strings} place strings: {rep.known} already known, "
        f"{rep.aliases} new names of communities, {rep.points} new points ({rep.names} names)"
    )


@app.command("geocode")
def geocode_cmd(
    ctx: typer.Context,
    names: list[str] | None = typer.Argument(None, help="Place names; one per line on stdin when none."),
    lang: str = typer.Option("auto", "--lang", help="ar, en or auto."),
    context: str | None = typer.Option(None, "--context", help="Text around the names (helps disambiguation)."),
    fmt: str = typer.Option("table", "--format", help="table or jsonl."),
    gazetteer: str | None = typer.Option(None, "--gazetteer", "-g", help="Bundled name or path of a gazetteer file."),
) -> None:
    """Geocode place names (Arabic or English) against the gazetteer."""
    from hudna.services.gazetteer import geocode_names, result_json

    if fmt not in ("table", "jsonl"):
        raise typer.BadParameter("expected table or jsonl", param_hint="--format")
    source = names if names else sys.stdin
    warnings.simplefilter("ignore", AmbiguousPlaceWarning)
    results = geocode_names(source, lang=lang, context=context, gazetteer=_choice(ctx, gazetteer))
    if fmt == "jsonl":
        for r in results:
            typer.echo(result_json(r))
        return
    table = Table("query", "pcode", "name_en", "name_ar", "level", "admin1", "lat", "lon", "prec", "score", "reason")
    for r in results:
        table.add_row(
            r.query, r.pcode or "-", r.name_en or "", r.name_ar or "", r.level.value if r.level else "",
            r.admin1_pcode or "", f"{r.lat:.4f}" if r.lat is not None else "", f"{r.lon:.4f}" if r.lon is not None else "",
            f"{r.geo_precision}/{r.where_prec}" if r.pcode else "", f"{r.score:.0f}", r.reason or "",
        )
    get_ctx(ctx).console.print(table)
