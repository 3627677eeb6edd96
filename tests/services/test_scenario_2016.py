"""The Syria 2016 acceptance scenario of PRODUCT.md on structured data (issue #2, "Done means")."""

from __future__ import annotations

import csv
import gzip
from collections import Counter
from datetime import date
from importlib.resources import files
from pathlib import Path

import pytest

from hudna.errors import ImportRowError
from hudna.services.adjudication import assess_all
from hudna.services.imports import import_events
from hudna.services.ports import EventFilter
from hudna.services.regimes import regime_status_at
from hudna.storage import SqlStore, open_store
from tests.factories import utc

COH = "syria-2016-coh"
CALM = ("syria-2016-calm-latakia", "syria-2016-calm-damascus")


@pytest.fixture(scope="module")
def demo(demo_db: Path) -> SqlStore:
    return open_store(f"sqlite:///{demo_db}", migrate=False)


def _ucdp_rows() -> list[dict[str, str]]:
    raw = files("hudna.data").joinpath("demo", "ucdp_ged_syria_2016.csv.gz").read_bytes()
    return list(csv.DictReader(gzip.decompress(raw).decode("utf-8").splitlines()))


def _aleppo_april(side_b: str) -> set[str]:
    return {
        f"ucdp-{r['id']}"
        for r in _ucdp_rows()
        if r["adm_1"] == "Aleppo Governorate"
        and r["date_start"].startswith("2016-04")
        and r["side_a"] == "Government of Syria"
        and r["side_b"] == side_b
    }


def _current(store: SqlStore, regime_id: str) -> dict[str, str]:
    with store.unit_of_work() as uow:
        return {s.assessment.event_id: s.assessment.verdict.value for s in uow.iter_assessments(EventFilter(regime_id=regime_id))}


def test_regime_status_at_the_scenario_instants(demo: SqlStore) -> None:
    def status(at):  # type: ignore[no-untyped-def]
        return {r["regime_id"]: r for r in regime_status_at(demo, at)}

    s = status(utc(2016, 5, 2, 8))
    assert s["syria-2016-calm-damascus"]["status"] == "extended"
    assert s["syria-2016-calm-damascus"]["in_force"] is True
    assert s["syria-2016-calm-damascus"]["window_end"] == "2016-05-02T09:00:00+00:00"
    s = status(utc(2016, 5, 2, 10))
    assert s["syria-2016-calm-damascus"]["in_force"] is False
    assert s["syria-2016-calm-damascus"]["status"] == "lapsed"
    assert s["syria-2016-coh"]["in_force"] is True
    s = status(utc(2016, 5, 1, 9))
    assert s["syria-2016-aleppo"]["status"] == "negotiating" and s["syria-2016-aleppo"]["in_force"] is False


def test_government_vs_insurgents_in_aleppo_april_2016_violate_the_cessation_only(demo: SqlStore) -> None:
    ids = _aleppo_april("Syrian insurgents")
    assert len(ids) == 85
    coh = _current(demo, COH)
    assert Counter(coh[i] for i in ids) == {"violation": 85}
    for calm in CALM:
        verdicts = _current(demo, calm)
        assert not any(verdicts.get(i) == "violation" for i in ids)


def test_government_vs_isis_in_aleppo_is_excluded_target(demo: SqlStore) -> None:
    ids = _aleppo_april("IS")
    assert len(ids) == 10
    coh = _current(demo, COH)
    assert Counter(coh[i] for i in ids) == {"excluded_target": 10}


def test_events_by_isis_are_not_violations_by_a_party(demo: SqlStore) -> None:
    rows = [r for r in _ucdp_rows() if r["side_a"] == "IS" and r["type_of_violence"] == "3"]
    assert rows
    coh = _current(demo, COH)
    verdicts = Counter(coh.get(f"ucdp-{r['id']}", "not assessed") for r in rows)
    assert verdicts.get("violation", 0) == 0
    assert verdicts["not_violation"] > 0


def test_before_the_cessation_is_outside_its_validity(demo: SqlStore) -> None:
    january = {f"ucdp-{r['id']}" for r in _ucdp_rows() if r["date_end"] < "2016-02-26"}
    coh = _current(demo, COH)
    assert january and not (january & set(coh))  # not assessed: the regime was not in force


def test_pcodes_filled_from_coordinates(demo: SqlStore) -> None:
    with demo.unit_of_work() as uow:
        e = uow.get_event("ucdp-214797")  # "Teir Maaleh village", Homs, where_prec 1
    assert e is not None
    # UCDP names "Ar Rastan district"; OCHA's polygons and community list put Tir Maallah
    # (C2513, 34.8037N 36.7051E) in Homs district: P-codes follow the gazetteer, names the source.
    assert (e.place.admin1_pcode, e.place.admin2_pcode, e.place.admin3_pcode) == ("SY04", "SY0401", "SY040100")
    assert e.place.location_pcode == "C2513"
    assert e.place.admin2 == "Ar Rastan"


def test_reimport_changes_nothing_and_reassess_writes_nothing(demo_copy: Path) -> None:
    store = open_store(f"sqlite:///{demo_copy}")
    rows = _ucdp_rows()
    path = demo_copy.parent / "ucdp.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    with store.unit_of_work() as uow:
        before = uow.count_events()
    r = import_events(store, "ucdp", path)
    assert (r.rows, r.added) == (6170, 0)
    # 15 rows of UCDP 2016 have low/high that do not bracket best: kept, widened, noted.
    assert r.repaired == 15
    with store.unit_of_work() as uow:
        assert uow.count_events() == before
    assert assess_all(store).written == 0


def test_a_broken_row_names_its_line_and_stores_nothing(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'x.db'}")
    rows = _ucdp_rows()[:50]
    rows[36]["date_start"] = "2016-13-45"
    path = tmp_path / "broken.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    with pytest.raises(ImportRowError) as info:
        import_events(store, "ucdp", path)
    assert info.value.line == 38 and info.value.field == "date_start"
    assert str(info.value).startswith(f"{path}:38: date_start:")
    with store.unit_of_work() as uow:
        assert uow.count_events() == 0
    skipped = import_events(store, "ucdp", path, on_invalid="skip")
    assert (skipped.added, len(skipped.invalid)) == (49, 1)


def test_top_governorates_april_may(demo: SqlStore) -> None:
    with demo.unit_of_work() as uow:
        flt = EventFilter(regime_id=COH, verdict="violation", date_from=date(2016, 4, 1), date_to=date(2016, 5, 31))
        top = Counter(e.place.admin1_pcode for e in uow.iter_events(flt)).most_common(2)
    assert top[0][0] == "SY02"  # Aleppo
