"""Core commands (issue #2): demo, regimes, import, assess, assessments, export."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from hudna.cli import app
from hudna.cli.context import get_ctx
from hudna.errors import DataError

regimes_app = typer.Typer(help="The truce registry: load, list, status at an instant, history.", no_args_is_help=True)
import_app = typer.Typer(help="Import structured event files (UCDP GED, ACLED, generic).", no_args_is_help=True)
assessments_app = typer.Typer(help="List assessments; override a verdict; show its history.", invoke_without_command=True)
export_app = typer.Typer(help="Write exports: ACLED-, UCDP-shaped CSV, HXL CSV, GeoJSON.", no_args_is_help=True)
app.add_typer(regimes_app, name="regimes")
app.add_typer(import_app, name="import")
app.add_typer(assessments_app, name="assessments")
app.add_typer(export_app, name="export")


def _progress(description: str, total: int | None = None) -> Progress:
    return Progress(
        TextColumn(description),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
        disable=not os.isatty(2),
    )


def parse_instant(value: str, *, field: str = "--at") -> datetime:
    """An ISO instant; ``Z`` or an offset is required (a bare time is ambiguous)."""
    try:
        dt = datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
    except ValueError:
        raise DataError(f"not an ISO datetime: {value!r}", field=field) from None
    if dt.tzinfo is None:
        raise DataError(f"{value!r} has no time zone: add Z or an offset such as +03:00", field=field)
    return dt


# -- demo ------------------------------------------------------------------------------------
@app.command()
def demo(
    ctx: typer.Context,
    serve: bool = typer.Option(False, "--serve", help="Then serve the demo on http://127.0.0.1:8000 (public read)."),
    host: str = typer.Option(None, "--host", help="With --serve: address to bind (default 127.0.0.1)."),
    port: int = typer.Option(None, "--port", help="With --serve: port (default 8000)."),
) -> None:
    """Build the Syria 2016 demo (bundled regimes + UCDP 2016 events), assess all, summarise."""
    from hudna.services.demo import run_demo

    c = get_ctx(ctx)
    with _progress("assessing") as bar:
        task = bar.add_task("assess", total=None)
        summary = run_demo(c.store, progress=lambda n: bar.advance(task, n))
    con = c.console
    con.print(f"[bold]hudna demo[/bold] — database {c.settings.database_url}")
    con.print(
        f"regimes: {len(summary.regimes.added)} added, {len(summary.regimes.updated)} updated, "
        f"{len(summary.regimes.unchanged)} unchanged; UCDP 2016: {summary.imported.rows} rows, "
        f"{summary.imported.added} new events; {summary.assessed.pairs} assessments "
        f"({summary.assessed.written} written)"
    )
    t = Table(title="Regimes on 2016-05-01 12:00 Damascus time")
    for col in ("regime", "status", "in force", "window ends (UTC)"):
        t.add_column(col)
    for s in summary.status:
        t.add_row(s["regime_id"], s["status"] or "-", "yes" if s["in_force"] else "no", s["window_end"] or "-")
    con.print(t)
    verdicts = ("violation", "excluded_target", "not_violation", "undetermined", "outside_scope")
    t = Table(title="Assessed events per verdict")
    t.add_column("regime")
    for v in verdicts:
        t.add_column(v, justify="right")
    for rid, counts in sorted(summary.verdicts.items()):
        t.add_row(rid, *(str(counts.get(v, 0)) for v in verdicts))
    con.print(t)
    t = Table(title="Governorates with most violations of syria-2016-coh, April–May 2016")
    for col in ("P-code", "governorate", "violations"):
        t.add_column(col)
    for pcode, name, n in summary.top_governorates:
        t.add_row(pcode, name, str(n))
    con.print(t)
    # issue #5: the seed article's outcomes (a separate step after the UCDP part)
    if summary.seed is not None:
        from hudna.cli.corroborate import print_seed_summary

        print_seed_summary(con, summary.seed)
    if serve:
        from hudna.cli.web import serve_app

        serve_app(c.settings, host=host, port=port, public_read=True)


# -- regimes -----------------------------------------------------------------------------------
@regimes_app.command("load")
def regimes_load(ctx: typer.Context, file: Path = typer.Argument(..., help="Regime file (YAML or JSON).")) -> None:
    """Validate a regime file and register its regimes (all or nothing)."""
    from hudna.services.regimes import load_regimes

    c = get_ctx(ctx)
    r = load_regimes(c.store, file)
    c.console.print(f"added: {', '.join(r.added) or '-'}; updated: {', '.join(r.updated) or '-'}; unchanged: {', '.join(r.unchanged) or '-'}")


@regimes_app.command("list")
def regimes_list(ctx: typer.Context, fmt: str = typer.Option("table", "--format", help="table or json")) -> None:
    """List registered regimes."""
    from hudna.services.regimes import list_regimes

    c = get_ctx(ctx)
    regimes = list_regimes(c.store)
    if fmt == "json":
        typer.echo(json.dumps([{"regime_id": r.id, "name_en": r.name_en, "name_ar": r.name_ar, "kind": r.kind.value, "parent_id": r.parent_id, "timezone": r.timezone} for r in regimes], ensure_ascii=False, indent=2))
        return
    t = Table()
    for col in ("id", "name", "kind", "parent", "zones", "windows"):
        t.add_column(col)
    for r in regimes:
        t.add_row(r.id, r.name_en, r.kind.value, r.parent_id or "-", str(len(r.zones)), str(len(r.windows)))
    c.console.print(t)


@regimes_app.command("status")
def regimes_status(
    ctx: typer.Context,
    at: str = typer.Option(None, "--at", help="ISO instant with Z or offset (default: now)."),
    fmt: str = typer.Option("table", "--format", help="table or json"),
) -> None:
    """Status of every regime at an instant."""
    from hudna.services.regimes import regime_status_at

    c = get_ctx(ctx)
    instant = parse_instant(at) if at else datetime.now(UTC)
    rows = regime_status_at(c.store, instant)
    if fmt == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if fmt != "table":
        raise DataError(f"unknown format {fmt!r} (table, json)", field="--format")
    t = Table(title=f"Regimes at {instant.isoformat()}")
    for col in ("regime", "status", "in force", "window ends", "source"):
        t.add_column(col)
    for r in rows:
        t.add_row(r["regime_id"], r["status"] or "-", "yes" if r["in_force"] else "no", r["window_end"] or "-", r["status_source"] or "-")
    c.console.print(t)


@regimes_app.command("show")
def regimes_show(ctx: typer.Context, regime_id: str) -> None:
    """A regime with its history of changes (JSON)."""
    from hudna.services.regimes import regime_history

    typer.echo(json.dumps(regime_history(get_ctx(ctx).store, regime_id), ensure_ascii=False, indent=2))


# -- import -----------------------------------------------------------------------------------
def _import(ctx: typer.Context, kind: str, file: Path, on_invalid: str) -> None:
    from hudna.services.imports import import_events

    c = get_ctx(ctx)
    with _progress(f"importing {file.name}") as bar:
        task = bar.add_task("rows", total=None)
        r = import_events(c.store, kind, file, on_invalid=on_invalid, progress=lambda n: bar.advance(task, n))  # type: ignore[arg-type]
    c.console.print(
        f"{file}: {r.rows} rows, {r.added} events added, {r.already_stored} already stored, "
        f"{len(r.invalid)} invalid, P-codes filled for {r.pcodes_filled}"
        + (f", {r.repaired} kept with a data-quality note (see the events' notes)" if r.repaired else "")
    )
    for line in r.invalid[:20]:
        c.console.print(f"  [yellow]{line}[/yellow]", markup=True, highlight=False)
    if len(r.invalid) > 20:
        c.console.print(f"  ... and {len(r.invalid) - 20} more")


_ON_INVALID = typer.Option("raise", "--on-invalid", help="raise (default: refuse the file), skip, or quarantine bad rows.")


@import_app.command("ucdp")
def import_ucdp(ctx: typer.Context, file: Path, on_invalid: str = _ON_INVALID) -> None:
    """Import a UCDP GED CSV file."""
    _import(ctx, "ucdp", file, on_invalid)


@import_app.command("acled")
def import_acled(ctx: typer.Context, file: Path, on_invalid: str = _ON_INVALID) -> None:
    """Import an ACLED CSV export."""
    _import(ctx, "acled", file, on_invalid)


@import_app.command("events")
def import_generic(ctx: typer.Context, file: Path, on_invalid: str = _ON_INVALID) -> None:
    """Import events in hudna's generic format (CSV, JSONL or GeoJSON; docs/event-formats.md)."""
    _import(ctx, "events", file, on_invalid)


# -- assess / assessments ---------------------------------------------------------------------
@app.command()
def assess(ctx: typer.Context, rule: str = typer.Option("cessation.v1", "--rule", help="Versioned rule name.")) -> None:
    """Assess every event against every regime (idempotent; analyst overrides are kept)."""
    from hudna.services.adjudication import assess_all

    c = get_ctx(ctx)
    with _progress("assessing") as bar:
        task = bar.add_task("pairs", total=None)
        r = assess_all(c.store, rule=rule, progress=lambda n: bar.advance(task, n))
    c.console.print(f"{r.events} events × {r.regimes} regimes: {r.pairs} assessments by {r.rule}, {r.written} new or changed")
    for rid, counts in sorted(r.by_regime.items()):
        c.console.print(f"  {rid}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


@assessments_app.callback()
def assessments_list(
    ctx: typer.Context,
    regime: str = typer.Option(None, "--regime", help="Only this regime."),
    verdict: str = typer.Option(None, "--verdict", help="Only this verdict."),
    admin1: str = typer.Option(None, "--admin1", help="Only events in this governorate P-code."),
    limit: int = typer.Option(None, "--limit", help="At most this many rows."),
    fmt: str = typer.Option("table", "--format", help="table or jsonl"),
) -> None:
    """List current assessments (when no subcommand is given)."""
    if ctx.invoked_subcommand is not None:
        return
    from hudna.services.adjudication import iter_assessment_rows
    from hudna.services.ports import EventFilter

    c = get_ctx(ctx)
    flt = EventFilter(regime_id=regime, verdict=verdict, admin1_pcode=admin1, limit=limit)
    rows = iter_assessment_rows(c.store, flt)
    if fmt == "jsonl":
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    if fmt != "table":
        raise DataError(f"unknown format {fmt!r} (table, jsonl)", field="--format")
    t = Table()
    for col in ("event", "regime", "date", "admin1", "actor1", "actor2", "verdict", "grade"):
        t.add_column(col)
    for row in rows:
        t.add_row(row["event_id"], row["regime_id"], row["event_date"] or "-", row["admin1_pcode"] or "-", row["actor1"] or "-", row["actor2"] or "-", row["verdict"], row["grade"] or "-")
    c.console.print(t)


@assessments_app.command("override")
def assessments_override(
    ctx: typer.Context,
    event_id: str,
    regime_id: str,
    verdict: str = typer.Option(..., "--verdict", help="violation, not_violation, excluded_target, outside_scope, undetermined"),
    reason: str = typer.Option(..., "--reason", help="Why (kept in the history)."),
    reviewer: str = typer.Option(None, "--reviewer", help="Who (default: $USER)."),
    grade: str = typer.Option(None, "--grade", help="Optionally a new grade."),
) -> None:
    """Record an analyst's verdict for one event and regime, with who, when and why."""
    from hudna.services.adjudication import override_assessment

    c = get_ctx(ctx)
    who = reviewer or os.environ.get("USER") or "analyst"
    s = override_assessment(c.store, event_id, regime_id, verdict=verdict, reason=reason, reviewer=who, grade=grade)
    c.console.print(f"assessment #{s.id}: {event_id} × {regime_id} is now {s.assessment.verdict.value} (by {who}); supersedes #{s.assessment.supersedes}")


@assessments_app.command("history")
def assessments_history(ctx: typer.Context, event_id: str, regime_id: str) -> None:
    """Every assessment of one event against one regime, oldest first (JSON lines)."""
    from hudna.services.adjudication import assessment_history

    for row in assessment_history(get_ctx(ctx).store, event_id, regime_id):
        typer.echo(json.dumps(row, ensure_ascii=False))


# -- export -----------------------------------------------------------------------------------
def _export(ctx: typer.Context, fmt: str, out: Path, regime: str | None) -> None:
    from hudna.services.exports import export

    c = get_ctx(ctx)
    n = export(c.store, fmt, out, regime_id=regime)
    c.console.print(f"wrote {n} records to {out}")


_OUT = typer.Option(..., "--out", help="Output file.")
_REGIME = typer.Option(None, "--regime", help="Add each event's verdict and grade for this regime.")


@export_app.command("acled")
def export_acled(ctx: typer.Context, out: Path = _OUT, regime: str = _REGIME) -> None:
    """ACLED-shaped CSV (ACLED's 31 columns in order)."""
    _export(ctx, "acled", out, regime)


@export_app.command("ucdp")
def export_ucdp(ctx: typer.Context, out: Path = _OUT, regime: str = _REGIME) -> None:
    """UCDP-shaped CSV (the 49 GED columns in order; events with best >= 1)."""
    _export(ctx, "ucdp", out, regime)


@export_app.command("hxl")
def export_hxl(ctx: typer.Context, out: Path = _OUT, regime: str = _REGIME) -> None:
    """HXL-tagged CSV (header row, hashtag row)."""
    _export(ctx, "hxl", out, regime)


@export_app.command("geojson")
def export_geojson(
    ctx: typer.Context,
    out: Path = _OUT,
    regime: str = _REGIME,
    zones: bool = typer.Option(False, "--zones", help="Write the regime zones instead of events."),
) -> None:
    """GeoJSON of events with verdicts, or (--zones) of regime zones."""
    _export(ctx, "zones" if zones else "geojson", out, regime)


