"""Regime definition files (YAML or JSON): validation with line numbers, and the codec.

The format is documented in docs/regime-file.md and described by the JSON Schema
``hudna/schemas/regimes.schema.json``. Times without an offset are local times in the regime's
IANA time zone; times with an offset or ``Z`` are taken as written.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, timedelta
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jsonschema
from shapely.geometry import mapping, shape

from hudna.domain.regime import (
    Negotiation,
    Party,
    PartyRole,
    Regime,
    RegimeKind,
    RegimeStatus,
    StatusChange,
    Window,
    WindowKind,
    Zone,
)
from hudna.domain.time import get_zone
from hudna.errors import HudnaError, RegimeFileError
from hudna.ingest.readers.yamlfile import dotted, line_of, load_yaml_with_lines


@cache
def regime_schema() -> dict[str, Any]:
    """The JSON Schema of regime files."""
    text = files("hudna.schemas").joinpath("regimes.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def read_regime_file(path: str | Path) -> list[Regime]:
    """Read and validate a regime file; raise :class:`RegimeFileError` naming file, line and field."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise RegimeFileError("file not found", path=str(p)) from exc
    except UnicodeDecodeError as exc:
        raise RegimeFileError(f"not UTF-8 text ({exc.reason})", path=str(p)) from exc
    return parse_regimes(text, source=str(p))


def parse_regimes(text: str, *, source: str = "<string>") -> list[Regime]:
    import yaml

    try:
        data, lines = load_yaml_with_lines(text)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise RegimeFileError(f"not valid YAML: {exc.problem}", path=source, line=line) from exc
    if not isinstance(data, dict):
        raise RegimeFileError("expected a mapping with a 'regimes' list", path=source, line=1)
    validator = jsonschema.Draft202012Validator(regime_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: (line_of(lines, tuple(e.absolute_path)) or 0))
    if errors:
        err = _most_specific(errors[0])
        epath = tuple(err.absolute_path)
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            allowed = set(err.schema.get("properties", {}))
            extra = sorted(k for k in err.instance if k not in allowed)
            if extra:
                epath = (*epath, extra[0])
                raise RegimeFileError(
                    f"unknown field {extra[0]!r} (known: {', '.join(sorted(allowed))})",
                    path=source,
                    line=line_of(lines, epath),
                    field=dotted(epath),
                )
        raise RegimeFileError(
            _schema_message(err), path=source, line=line_of(lines, epath), field=dotted(epath) or None
        )
    regimes: list[Regime] = []
    seen: set[str] = set()
    for i, item in enumerate(data["regimes"]):
        base: tuple[str | int, ...] = ("regimes", i)
        try:
            regime = regime_from_mapping(item)
        except _FieldError as exc:
            fpath = (*base, *exc.path)
            raise RegimeFileError(
                exc.message, path=source, line=line_of(lines, fpath), field=dotted(fpath)
            ) from exc
        except HudnaError as exc:
            raise RegimeFileError(
                getattr(exc, "problem", str(exc)),
                path=source,
                line=line_of(lines, base),
                field=dotted((*base, getattr(exc, "field", None) or "id")),
            ) from exc
        if regime.id in seen:
            raise RegimeFileError(
                f"duplicate regime id {regime.id!r}",
                path=source,
                line=line_of(lines, (*base, "id")),
                field=dotted((*base, "id")),
            )
        seen.add(regime.id)
        regimes.append(regime)
    ids = {r.id for r in regimes}
    for i, r in enumerate(regimes):
        if r.parent_id is not None and r.parent_id not in ids:
            # A parent may already be registered; the service checks that case.
            continue
        if r.parent_id == r.id:
            fpath = ("regimes", i, "parent")
            raise RegimeFileError(
                "a regime cannot be its own parent",
                path=source,
                line=line_of(lines, fpath),
                field=dotted(fpath),
            )
    return regimes


def _most_specific(err: jsonschema.ValidationError) -> jsonschema.ValidationError:
    """For oneOf/anyOf failures, the sub-error deepest in the document (e.g. a bad date)."""
    if err.context:
        deepest = max(err.context, key=lambda e: len(e.absolute_path))
        if len(deepest.absolute_path) >= len(err.absolute_path) and deepest.validator != "type":
            return _most_specific(deepest)
    return err


def _schema_message(err: jsonschema.ValidationError) -> str:
    if err.validator == "additionalProperties":
        return f"unknown field(s): {str(err.message).split('(')[-1].rstrip(')')}"
    if err.validator == "required":
        return str(err.message)
    if err.validator == "enum":
        return f"{err.instance!r} is not one of {', '.join(map(str, err.validator_value))}"
    if err.validator == "pattern":
        return f"{err.instance!r} has the wrong format"
    if err.validator == "minItems":
        return "must not be empty"
    return str(err.message)


class _FieldError(Exception):
    def __init__(self, message: str, *path: str | int) -> None:
        super().__init__(message)
        self.message = message
        self.path = path


def parse_local_datetime(value: str, tz: ZoneInfo, *path: str | int) -> datetime:
    """ISO datetime; without an offset it is local time in ``tz``.

    Examples
    --------
    >>> parse_local_datetime("2016-02-27T00:00", ZoneInfo("Asia/Damascus")).isoformat()
    '2016-02-27T00:00:00+02:00'
    >>> parse_local_datetime("2016-05-02T09:00Z", ZoneInfo("Asia/Damascus")).isoformat()
    '2016-05-02T09:00:00+00:00'
    """
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
    except ValueError as exc:
        raise _FieldError(f"not an ISO datetime: {value!r}", *path) from exc
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=tz)
    return dt


def regime_from_mapping(item: Mapping[str, Any]) -> Regime:
    """Build a :class:`Regime` from one validated mapping of a regime file."""
    tz_name = item["timezone"]
    try:
        tz = get_zone(tz_name)
    except HudnaError as exc:
        raise _FieldError(f"unknown IANA time zone {tz_name!r}", "timezone") from exc

    zones = []
    for i, z in enumerate(item.get("zones", [])):
        geometry = None
        if "geometry" in z:
            try:
                geometry = shape(z["geometry"])
            except Exception as exc:  # shapely raises several types for bad GeoJSON
                raise _FieldError(f"invalid GeoJSON geometry ({exc})", "zones", i, "geometry") from exc
            if not geometry.is_valid:
                raise _FieldError("geometry is not valid (self-intersection?)", "zones", i, "geometry")
            minx, miny, maxx, maxy = geometry.bounds
            if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
                raise _FieldError(
                    "coordinates are not lon/lat in EPSG:4326", "zones", i, "geometry"
                )
        zones.append(
            Zone(
                pcodes=tuple(z.get("pcodes", ())),
                geometry=geometry,
                buffer_m=float(z.get("buffer_m", 0.0)),
                exclude=bool(z.get("exclude", False)),
                label=z.get("label"),
            )
        )

    windows = []
    for i, w in enumerate(item.get("windows", [])):
        start = parse_local_datetime(w["start"], tz, "windows", i, "start")
        end: datetime | None = None
        if w.get("end") is not None:
            end = parse_local_datetime(w["end"], tz, "windows", i, "end")
            if "duration_h" in w:
                raise _FieldError("give end or duration_h, not both", "windows", i, "duration_h")
        elif "duration_h" in w:
            end = start + timedelta(hours=float(w["duration_h"]))
        if end is not None and end <= start:
            raise _FieldError("end must be after start", "windows", i, "end")
        windows.append(
            Window(
                start=start,
                end=end,
                kind=WindowKind(w.get("kind", "initial")),
                source=w.get("source"),
                note=w.get("note"),
            )
        )

    history = tuple(
        StatusChange(
            status=RegimeStatus(s["status"]),
            at=parse_local_datetime(s["at"], tz, "status_history", i, "at"),
            source=s.get("source"),
            note=s.get("note"),
        )
        for i, s in enumerate(item.get("status_history", []))
    )
    parties = tuple(
        Party(
            actor_id=p["actor"],
            role=PartyRole(p.get("role", "party")),
            committed_at=(
                parse_local_datetime(p["committed_at"], tz, "parties", i, "committed_at")
                if p.get("committed_at")
                else None
            ),
            channel=p.get("channel"),
            source=p.get("source"),
        )
        for i, p in enumerate(item.get("parties", []))
    )
    negotiations = tuple(
        Negotiation(
            at=parse_local_datetime(n["at"], tz, "negotiations", i, "at"),
            subject=n["subject"],
            state=n.get("state", "under_way"),
            source=n.get("source"),
        )
        for i, n in enumerate(item.get("negotiations", []))
    )
    excluded = item.get("excluded", {}) or {}
    return Regime(
        id=item["id"],
        name_en=item["name"]["en"],
        name_ar=item["name"].get("ar"),
        kind=RegimeKind(item.get("kind", "cessation")),
        parent_id=item.get("parent"),
        purpose=tuple(item.get("purpose", ())),
        timezone=tz_name,
        zones=tuple(zones),
        windows=tuple(windows),
        status_history=history,
        parties=parties,
        excluded_actors=tuple(excluded.get("actors", ())),
        excluded_designations=tuple(excluded.get("designations", ())),
        prohibited_acts=frozenset(item.get("prohibited_acts", ())),
        negotiations=negotiations,
        legal_refs=tuple(item.get("legal_refs", ())),
        declared_at=(
            parse_local_datetime(item["declared_at"], tz, "declared_at")
            if item.get("declared_at")
            else None
        ),
        notes=item.get("notes"),
    )


def regime_to_mapping(regime: Regime) -> dict[str, Any]:
    """The regime-file mapping of a regime (times written with their offsets); inverse of
    :func:`regime_from_mapping`."""

    def iso(dt: datetime | None) -> str | None:
        return None if dt is None else dt.isoformat()

    out: dict[str, Any] = {
        "id": regime.id,
        "name": {"en": regime.name_en, **({"ar": regime.name_ar} if regime.name_ar else {})},
        "kind": regime.kind.value,
        "parent": regime.parent_id,
        "purpose": list(regime.purpose),
        "timezone": regime.timezone,
        "zones": [
            {
                **({"label": z.label} if z.label else {}),
                **({"pcodes": list(z.pcodes)} if z.pcodes else {}),
                **({"geometry": mapping(z.geometry)} if z.geometry is not None else {}),
                "buffer_m": z.buffer_m,
                "exclude": z.exclude,
            }
            for z in regime.zones
        ],
        "windows": [
            {
                "start": iso(w.start),
                "end": iso(w.end),
                "kind": w.kind.value,
                **({"source": w.source} if w.source else {}),
                **({"note": w.note} if w.note else {}),
            }
            for w in regime.windows
        ],
        "status_history": [
            {
                "status": s.status.value,
                "at": iso(s.at),
                **({"source": s.source} if s.source else {}),
                **({"note": s.note} if s.note else {}),
            }
            for s in regime.status_history
        ],
        "parties": [
            {
                "actor": p.actor_id,
                "role": p.role.value,
                **({"committed_at": iso(p.committed_at)} if p.committed_at else {}),
                **({"channel": p.channel} if p.channel else {}),
                **({"source": p.source} if p.source else {}),
            }
            for p in regime.parties
        ],
        "excluded": {
            "actors": list(regime.excluded_actors),
            "designations": list(regime.excluded_designations),
        },
        "prohibited_acts": sorted(regime.prohibited_acts),
        "negotiations": [
            {
                "at": iso(n.at),
                "subject": n.subject,
                "state": n.state,
                **({"source": n.source} if n.source else {}),
            }
            for n in regime.negotiations
        ],
        "legal_refs": list(regime.legal_refs),
    }
    if regime.declared_at is not None:
        out["declared_at"] = iso(regime.declared_at)
    if regime.notes:
        out["notes"] = regime.notes
    # JSON round trips geometry tuples as lists; keep it JSON-clean.
    result: dict[str, Any] = json.loads(json.dumps(out))
    return result
