"""The main job on the embedded default: the Syria 2016 scenario from bundled data."""

from __future__ import annotations

import gzip
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from hudna.services.adjudication import AssessResult, assess_all
from hudna.services.imports import ImportResult, import_events
from hudna.services.ports import EventFilter, Store
from hudna.services.regimes import LoadResult, load_regimes, regime_status_at

DEMO_AT = datetime(2016, 5, 1, 12, 0, tzinfo=ZoneInfo("Asia/Damascus"))
COH = "syria-2016-coh"


@dataclass
class DemoSummary:
    regimes: LoadResult
    imported: ImportResult
    assessed: AssessResult
    status: list[dict[str, Any]]
    verdicts: dict[str, dict[str, int]]
    top_governorates: list[tuple[str, str, int]] = field(default_factory=list)
    seed: SeedSummary | None = None  # issue #5: the seed article's outcomes


def bundled_path(*parts: str) -> Any:
    return files("hudna.data").joinpath("demo", *parts)


def run_demo(store: Store, *, progress: Any = None) -> DemoSummary:
    """Load the bundled regimes and UCDP 2016 events, assess everything, summarise."""
    with as_file(bundled_path("regimes.yaml")) as regimes_file:
        loaded = load_regimes(store, regimes_file)
    with tempfile.TemporaryDirectory(prefix="hudna-demo-") as tmp:
        ucdp_file = Path(tmp) / "ucdp_ged_syria_2016.csv"
        with bundled_path("ucdp_ged_syria_2016.csv.gz").open("rb") as raw, gzip.open(raw) as src:
            ucdp_file.write_bytes(src.read())
        imported = import_events(store, "ucdp", ucdp_file, on_invalid="raise")
    assessed = assess_all(store, progress=progress)
    status = regime_status_at(store, DEMO_AT)
    verdicts: dict[str, dict[str, int]] = {}
    top: Counter[tuple[str, str]] = Counter()
    with store.unit_of_work() as uow:
        names = {}
        for s in uow.iter_assessments():
            a = s.assessment
            verdicts.setdefault(a.regime_id, {})
            verdicts[a.regime_id][a.verdict.value] = verdicts[a.regime_id].get(a.verdict.value, 0) + 1
        flt = EventFilter(regime_id=COH, verdict="violation", date_from=date(2016, 4, 1), date_to=date(2016, 5, 31))
        for e in uow.iter_events(flt):
            if e.date_start >= date(2016, 4, 1) and e.date_start <= date(2016, 5, 31):
                key = (e.place.admin1_pcode or "?", e.place.admin1 or "?")
                top[key] += 1
                names[key[0]] = key[1]
    for r in (s["regime_id"] for s in status):
        verdicts.setdefault(r, {})
    return DemoSummary(
        regimes=loaded,
        imported=imported,
        assessed=assessed,
        status=status,
        verdicts=verdicts,
        top_governorates=[(p, n, c) for (p, n), c in top.most_common(5)],
        seed=run_seed(store),  # issue #5: a separate step after the UCDP part
    )


# -- issue #5: the seed article, end to end (after the UCDP part) -------------------------------

SEED_ARTICLE = "aleppo-2016-05-01.ar.txt"
SEED_PUBLISHED_ON = date(2016, 5, 1)


@dataclass
class SeedSummary:
    """What the seed article changed: proposals (extension, holding, negotiation), events, calm."""

    report_ids: list[str]
    proposals: list[dict[str, Any]]
    events: list[dict[str, Any]]
    calm: list[dict[str, Any]]


def run_seed(store: Store) -> SeedSummary:
    """Ingest the bundled seed article, corroborate, and gather the scenario's outcomes.

    Idempotent: a second run ingests nothing and forms no event; the summary is read back from
    the store.
    """
    from hudna.services.corroboration import corroborate, show_event
    from hudna.services.news import ingest_news
    from hudna.services.proposals import list_proposals, proposal_row

    with as_file(bundled_path("seed", SEED_ARTICLE)) as seed_file:
        ingested = ingest_news(store, [seed_file], published_on=SEED_PUBLISHED_ON, source="afp")
    result = corroborate(store)
    with store.unit_of_work() as uow:
        report_ids = sorted({rid for _, rid, _ in uow.iter_claim_rows(kinds=("incident", "calm"))})
        event_ids = [e.id for e in uow.iter_events(EventFilter(origin="news"))]
    events = [show_event(store, eid) for eid in event_ids]
    calm = result.calm or []
    return SeedSummary(
        report_ids=report_ids or ingested.report_ids,
        proposals=[proposal_row(p) for p in list_proposals(store)],
        events=events,
        calm=calm,
    )
