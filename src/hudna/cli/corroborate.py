"""``hudna sources``, ``hudna events``, ``hudna proposals``, ``hudna corroborate`` (issue #5)."""

from __future__ import annotations

import json
from typing import Any

import typer
from rich.table import Table

from hudna.cli import app
from hudna.cli.context import get_ctx

sources_app = typer.Typer(help="The source registry: list, add, edit.", no_args_is_help=True)
events_app = typer.Typer(help="Corroborated events: show, explain, split, merge.", no_args_is_help=True)
proposals_app = typer.Typer(help="Regime-status proposals: list, accept, reject.", no_args_is_help=True)
app.add_typer(sources_app, name="sources")
app.add_typer(events_app, name="events")
app.add_typer(proposals_app, name="proposals")


def _split(value: str | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(v.strip() for v in value.split(",") if v.strip())


def _echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@app.command("corroborate")
def corroborate_cmd(
    ctx: typer.Context,
    no_assess: bool = typer.Option(False, "--no-assess", help="Do not assess the events."),
) -> None:
    """Form and grade events from stored claims; turn regime-status claims into proposals."""
    from hudna.services.corroboration import corroborate

    r = corroborate(get_ctx(ctx).store, assess=not no_assess)
    grades = ", ".join(f"{g} {n}" for g, n in sorted(r.grades.items())) or "none"
    typer.echo(
        f"{r.claims} incident claims, {r.new_claims} new: {r.events_formed} events formed, "
        f"{r.events_updated} updated (grades: {grades}); {len(r.calm)} calm observations"
    )
    if r.proposals is not None:
        typer.echo(
            f"proposals: {r.proposals.proposed} new, {len(r.proposals.applied)} applied by policy, "
            f"{len(r.proposals.queued)} waiting for review"
        )


# -- sources ----------------------------------------------------------------------------------


@sources_app.command("list")
def sources_list(
    ctx: typer.Context, fmt: str = typer.Option("table", "--format", help="table or json.")
) -> None:
    """List the sources (bundled and added)."""
    from hudna.services.sources import list_sources

    rows = list_sources(get_ctx(ctx).store)
    if fmt == "json":
        _echo_json(rows)
        return
    table = Table("id", "name", "kind", "scale", "affiliation", "languages", "origin")
    for r in rows:
        table.add_row(r["id"], r["name"], r["kind"], r["scale"], r["affiliation"], ",".join(r["languages"]), r["origin"])
    get_ctx(ctx).console.print(table)


@sources_app.command("add")
def sources_add(
    ctx: typer.Context,
    source_id: str = typer.Argument(..., help="Id, e.g. 'syria-direct'."),
    name: str = typer.Option(..., "--name"),
    kind: str = typer.Option("other", "--kind", help="news_agency, state_media, party_military, civil_defence, hr_observatory, monitor, local_network, crowd, media, other."),
    scale: str = typer.Option("other", "--scale", help="ACLED scale: local, subnational, national, regional, international, other."),
    affiliation: str = typer.Option("unknown", "--affiliation", help="government, opposition, russia, kurdish-administration, isis, independent, unknown..."),
    languages: str = typer.Option("", "--languages", help="Comma-separated, e.g. 'ar,en'."),
    aliases: str = typer.Option("", "--aliases", help="Comma-separated names (Arabic and English)."),
) -> None:
    """Add a source to the registry."""
    from hudna.services.sources import add_source

    s = add_source(
        get_ctx(ctx).store, source_id, name=name, kind=kind, scale=scale, affiliation=affiliation,
        languages=_split(languages) or (), aliases=_split(aliases) or (),
    )
    typer.echo(f"added source {s.id} ({s.kind}, {s.affiliation})")


@sources_app.command("edit")
def sources_edit(
    ctx: typer.Context,
    source_id: str = typer.Argument(...),
    name: str | None = typer.Option(None, "--name"),
    kind: str | None = typer.Option(None, "--kind"),
    scale: str | None = typer.Option(None, "--scale"),
    affiliation: str | None = typer.Option(None, "--affiliation"),
    languages: str | None = typer.Option(None, "--languages"),
    add_aliases: str | None = typer.Option(None, "--add-aliases", help="Comma-separated aliases to add."),
) -> None:
    """Change a source's fields (stored in the database, over the bundled registry)."""
    from hudna.services.sources import edit_source

    s = edit_source(
        get_ctx(ctx).store, source_id, name=name, kind=kind, scale=scale, affiliation=affiliation,
        languages=_split(languages), add_aliases=_split(add_aliases),
    )
    typer.echo(f"edited source {s.id}: {s.kind}, {s.scale}, {s.affiliation}")


# -- events -----------------------------------------------------------------------------------


@events_app.command("show")
def events_show(
    ctx: typer.Context,
    event_id: str = typer.Argument(...),
    fmt: str = typer.Option("text", "--format", help="text or json."),
) -> None:
    """An event: grade, who said what (with the words), verdicts."""
    from hudna.services.corroboration import show_event

    d = show_event(get_ctx(ctx).store, event_id)
    if fmt == "json":
        _echo_json(d)
        return
    p = d["place"]
    k = d["killed"]
    typer.echo(f"event {d['event_id']}: {d['event_type']} {d['date_start']}..{d['date_end']} at "
               f"{p['location'] or p['pcode'] or p['admin1_pcode']} ({p['pcode'] or p['admin1_pcode']}, {p['level']})")
    typer.echo(f"perpetrator: {d['perpetrator'] or 'unknown'}; target: {d['target'] or 'unknown'}; "
               f"killed low/best/high: {k[0]}/{k[1]}/{k[2]}")
    typer.echo(f"grade: {d['grade']} — {d['reason']}")
    typer.echo(f"independent originators: {', '.join(d['originators']) or 'none'}; affiliations: "
               f"{', '.join(d['affiliations']) or 'none'}; accused side confirms: {d['accused_confirms']}")
    if d["contest"]:
        typer.echo(f"contest: {d['contest']}")
    typer.echo("who said what:")
    for s in d["said"]:
        via = f" via {s['publisher']}" if s["publisher"] and s["publisher"] != s["originator"] else ""
        flags = "".join([" DENIES" if s["denied"] else "", " (hedged)" if s["hedged"] else "",
                         f" (repeats claim {s['republication_of']})" if s["republication_of"] else ""])
        typer.echo(f"  - {s['originator'] or s['publisher'] or '?'}{via} [{s['affiliation']}]{flags}: "
                   f"killed {s['killed']}, perpetrator {s['perpetrator']}, report {s['report_id'][:12]} "
                   f"— “{(s['words'] or '').strip()}”")
    for a in d["assessments"]:
        typer.echo(f"verdict {a['regime_id']}: {a['verdict']} (grade {a['grade']}, {a['rule']})")


@events_app.command("explain")
def events_explain(ctx: typer.Context, event_id: str = typer.Argument(...)) -> None:
    """Why these claims form one event, how it was graded, and its split/merge history."""
    from hudna.services.corroboration import explain_event

    d = explain_event(get_ctx(ctx).store, event_id)
    typer.echo(f"event {event_id}: {d['grade']} ({d['scorer']}) — {d['reason']}")
    for c in d["claims"]:
        typer.echo(f"  {c['decision']}")
    for r in d["independence"]["republications"]:
        typer.echo(f"  claim {r['claim_id']} repeats claim {r['repeats']} (voice {r['voice']}): not independent")
    for entry in d["log"]:
        who = f" by {entry['analyst']}" if entry["analyst"] else ""
        why = f": {entry['reason']}" if entry["reason"] else ""
        typer.echo(f"  log {entry['at']} {entry['action']}{who} events {','.join(entry['event_ids'])} "
                   f"claims {entry['claim_ids']}{why}")


@events_app.command("split")
def events_split(
    ctx: typer.Context,
    event_id: str = typer.Argument(...),
    claims: str = typer.Option(..., "--claims", help="Comma-separated claim ids to move out."),
    analyst: str = typer.Option(..., "--analyst"),
    reason: str = typer.Option(..., "--reason"),
) -> None:
    """Move claims out of an event into a new one (recorded)."""
    from hudna.services.corroboration import split_event

    ids = [int(c) for c in _split(claims) or ()]
    new_id = split_event(get_ctx(ctx).store, event_id, ids, analyst=analyst, reason=reason)
    typer.echo(f"split {event_id}: claims {ids} -> {new_id}")


@events_app.command("merge")
def events_merge(
    ctx: typer.Context,
    event_ids: list[str] = typer.Argument(..., help="Two or more events; merged into the first."),
    analyst: str = typer.Option(..., "--analyst"),
    reason: str = typer.Option(..., "--reason"),
) -> None:
    """Merge events into the first (recorded)."""
    from hudna.services.corroboration import merge_events

    target = merge_events(get_ctx(ctx).store, event_ids, analyst=analyst, reason=reason)
    typer.echo(f"merged {', '.join(event_ids[1:])} into {target}")


# -- proposals --------------------------------------------------------------------------------


@proposals_app.command("list")
def proposals_list(
    ctx: typer.Context,
    state: str | None = typer.Option(None, "--state", help="pending, applied or rejected."),
    regime: str | None = typer.Option(None, "--regime"),
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Proposals with their state, regime, change and why."""
    from hudna.services.proposals import list_proposals, proposal_row

    rows = [proposal_row(p) for p in list_proposals(get_ctx(ctx).store, state=state, regime_id=regime)]
    if fmt == "json":
        _echo_json(rows)
        return
    table = Table("id", "state", "regime", "change", "until", "zone", "said by", "decision")
    for r in rows:
        # an extension given as a length only ("for 48 hours"): "+48 h"
        until = r["until"] or (f"+{r['duration_hours']:g} h" if r["duration_hours"] else "")
        table.add_row(r["id"], r["state"], r["regime_id"] or "-", r["change"], until,
                      r["zone"] or "", r["originator"] or r["publisher"] or "?", r["decision"])
    get_ctx(ctx).console.print(table)


@proposals_app.command("accept")
def proposals_accept(
    ctx: typer.Context,
    proposal_id: str = typer.Argument(...),
    reviewer: str = typer.Option(..., "--reviewer"),
    reason: str = typer.Option("", "--reason"),
    regime: str | None = typer.Option(None, "--regime", help="Apply to this regime instead."),
) -> None:
    """Apply a pending proposal to the registry."""
    from hudna.services.proposals import accept_proposal

    p = accept_proposal(get_ctx(ctx).store, proposal_id, reviewer=reviewer, reason=reason, regime_id=regime)
    typer.echo(f"applied {p.id} to {p.regime_id}: {p.decision}")


@proposals_app.command("reject")
def proposals_reject(
    ctx: typer.Context,
    proposal_id: str = typer.Argument(...),
    reviewer: str = typer.Option(..., "--reviewer"),
    reason: str = typer.Option(..., "--reason"),
) -> None:
    """Reject a pending proposal."""
    from hudna.services.proposals import reject_proposal

    p = reject_proposal(get_ctx(ctx).store, proposal_id, reviewer=reviewer, reason=reason)
    typer.echo(f"rejected {p.id}: {p.decision}")


# -- demo: the seed article's outcomes (called by ``hudna demo``) ----------------------------


def seed_summary_lines(seed: Any) -> list[str]:
    """Lines summarising the seed scenario (extension, strikes with grades, calm, negotiation and
    its refusal)."""
    lines = [f"Seed article (AFP Arabic, 2016-05-01): {len(seed.events)} events, "
             f"{len(seed.proposals)} regime-status proposals"]
    for p in seed.proposals:
        if p["change"] not in ("extend", "negotiate", "holding", "reject"):
            continue
        until = f" until {p['until']}" if p["until"] else ""
        lines.append(f"  regime {p['regime_id'] or '?'}: {p['change']}{until} ({p['zone'] or 'no zone named'}; "
                     f"said by {p['originator'] or p['publisher']}) — {p['state']}: {p['decision']}")
    for e in seed.events:
        coh = next((a for a in e["assessments"] if a["regime_id"] == "syria-2016-coh"), None)
        others = sorted({a["verdict"] for a in e["assessments"] if a["regime_id"] != "syria-2016-coh"})
        k = e["killed"]
        killed = f", killed {k[1]}" if k[1] is not None else ""
        lines.append(
            f"  event {e['event_id']}: {e['event_type']} {e['date_start']} at {e['place']['location']} "
            f"({e['place']['pcode']}) by {e['perpetrator'] or '?'}{killed} — "
            f"syria-2016-coh: {coh['verdict'] if coh else '-'}; regimes of calm: {', '.join(others) or '-'}; "
            f"grade {e['grade']} ({e['reason']})"
        )
        if e["contest"]:
            lines.append(f"    contest: {e['contest']}")
    for c in seed.calm:
        lines.append(f"  calm observed: no {c['event_type']} at {c['place']} on {c['day']} "
                     f"(said by {c['originator']} via {c['publisher']})")
    return lines


def print_seed_summary(console: Any, seed: Any) -> None:
    for line in seed_summary_lines(seed):
        console.print(line, markup=False, highlight=False)
