"""Generic event files through the import service: P-codes filled from coordinates, policies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hudna.errors import ImportRowError
from hudna.services.adjudication import assess_all
from hudna.services.imports import import_events
from hudna.services.regimes import load_regimes
from hudna.storage import SqlStore
from tests.conftest import EXAMPLE_REGIMES

ROWS = [
    # Duma, Eastern Ghouta: inside the Damascus regime of calm on 1 May 2016 (whole day inside).
    {"id": "g1", "date_start": "2016-05-01", "event_type": "shelling", "actor1": "Syrian Arab Army",
     "actor2": "Jaysh al-Islam", "directed": True, "lat": 33.5711, "lon": 36.4053, "level": "community"},
    # Aleppo city, an air strike by the government on the same day: the cessation only.
    {"id": "g2", "date_start": "2016-05-01", "event_type": "air_strike", "actor1": "Government of Syria",
     "actor2": "Syrian insurgents", "directed": True, "lat": 36.2021, "lon": 37.1343},
    # Known only to the governorate (Rif Dimashq centroid): no district or community P-codes.
    {"id": "g3", "date_start": "2016-05-01", "event_type": "shelling", "actor1": "Government of Syria",
     "actor2": "Syrian insurgents", "directed": True, "lat": 33.55, "lon": 36.60, "level": "governorate"},
]


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_coordinates_only_events_get_pcodes_and_verdicts(sqlite_store: SqlStore, tmp_path: Path) -> None:
    load_regimes(sqlite_store, EXAMPLE_REGIMES)
    r = import_events(sqlite_store, "events", _write(tmp_path / "ev.jsonl", ROWS))
    assert (r.added, r.pcodes_filled) == (3, 3)
    with sqlite_store.unit_of_work() as uow:
        g1, g2, g3 = (uow.get_event(f"events-{i}") for i in ("g1", "g2", "g3"))
    assert g1 and g2 and g3
    assert (g1.place.admin1_pcode, g1.place.admin2_pcode) == ("SY03", "SY0302")
    assert g1.place.admin3_pcode and g1.place.admin3_pcode.startswith("SY0302")
    assert (g2.place.admin1_pcode, g2.place.admin2_pcode) == ("SY02", "SY0200")
    assert (g3.place.admin1_pcode, g3.place.admin2_pcode, g3.place.admin3_pcode) == ("SY03", None, None)
    assess_all(sqlite_store)
    with sqlite_store.unit_of_work() as uow:
        def v(e: str, reg: str) -> str | None:
            s = uow.current_assessment(f"events-{e}", reg)
            return s.assessment.verdict.value if s else None

        assert v("g1", "syria-2016-calm-damascus") == "violation"
        assert v("g1", "syria-2016-coh") == "violation"
        assert v("g2", "syria-2016-coh") == "violation"
        assert v("g2", "syria-2016-calm-damascus") == "outside_scope"
        # Rif Dimashq is larger than the zone's districts: cannot tell.
        assert v("g3", "syria-2016-calm-damascus") == "undetermined"


def test_quarantine_keeps_good_rows_and_records_bad_ones(sqlite_store: SqlStore, tmp_path: Path) -> None:
    bad = [*ROWS[:2], {"id": "g9", "date_start": "yesterday"}]
    path = _write(tmp_path / "bad.jsonl", bad)
    with pytest.raises(ImportRowError) as info:
        import_events(sqlite_store, "events", path)
    assert info.value.line == 3 and info.value.field == "date_start"
    r = import_events(sqlite_store, "events", path, on_invalid="quarantine")
    assert r.added == 2 and len(r.invalid) == 1 and r.invalid[0].startswith(f"{path}:3: date_start")
    again = import_events(sqlite_store, "events", path, on_invalid="quarantine")
    assert again.added == 0 and again.file_seen_before
