"""Cases of rule ``cessation.v1``: zone, buffer edge, window edges, precision, parties, exclusions."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from shapely.geometry import box

from hudna.adjudicate import AdjudicationContext, populate
from hudna.adjudicate.builtin import CESSATION_V1
from hudna.domain.assessment import Verdict
from hudna.domain.place import Level
from hudna.domain.regime import Zone
from hudna.errors import RuleNotFound, ValidationError
from hudna.ingest.actors import load_actor_registry
from hudna.services.context import default_areas
from tests.factories import DAMASCUS, make_event, make_regime, utc

RULE = populate().get(CESSATION_V1)


@pytest.fixture(scope="module")
def ctx() -> AdjudicationContext:
    return AdjudicationContext(actors=load_actor_registry(), areas=default_areas())


def verdict(ctx: AdjudicationContext, event, regime):  # type: ignore[no-untyped-def]
    return RULE(event, regime, ctx)


def test_violation_carries_evidence_and_distance(ctx: AdjudicationContext) -> None:
    a = verdict(ctx, make_event(), make_regime())
    assert a.verdict == Verdict.VIOLATION
    assert a.rule == "cessation.v1"
    assert a.in_window is True and a.in_zone is True and a.perpetrator_bound is True
    assert a.target_excluded is False and a.prohibited_act is True
    assert a.perpetrator_id == "syrian-government"
    # Aleppo city is well inside Syria: tens of km from the border.
    assert a.zone_distance_m is not None and a.zone_distance_m > 10_000
    checks = {e.check: e.result for e in a.evidence}
    assert checks["window"] == "inside" and checks["zone"] == "inside" and checks["act"] == "prohibited"


def test_outside_zone_by_pcode(ctx: AdjudicationContext) -> None:
    damascus_only = make_regime(zones=(Zone(pcodes=("SY01", "SY0302")),))
    a = verdict(ctx, make_event(), damascus_only)
    assert a.verdict == Verdict.OUTSIDE_SCOPE and a.in_zone is False


def test_event_known_only_to_the_governorate_of_a_district_zone_is_undetermined(ctx: AdjudicationContext) -> None:
    district = make_regime(zones=(Zone(pcodes=("SY0302",)),))
    e = make_event(admin1="SY03", admin2=None, lon=36.5, lat=33.6, level=Level.GOVERNORATE)
    a = verdict(ctx, e, district)
    assert a.verdict == Verdict.UNDETERMINED and a.in_zone is None
    precise = make_event(admin1="SY03", admin2="SY0302", lon=36.40, lat=33.57)
    assert verdict(ctx, precise, district).verdict == Verdict.VIOLATION


# A 0.1° box around a point near Aleppo; the event sits 0.12° east of the box's centre.
BOX = box(37.05, 36.15, 37.15, 36.25)


@pytest.mark.parametrize(
    ("lon", "buffer_m", "expected", "inside"),
    [
        (37.10, 0, Verdict.VIOLATION, True),  # inside the polygon
        (37.16, 0, Verdict.OUTSIDE_SCOPE, False),  # ~900 m east of the edge
        (37.16, 1_500, Verdict.VIOLATION, True),  # inside the 1.5 km buffer
        (37.16, 500, Verdict.OUTSIDE_SCOPE, False),  # outside a 500 m buffer
    ],
)
def test_polygon_zone_with_buffer_in_metres(
    ctx: AdjudicationContext, lon: float, buffer_m: float, expected: Verdict, inside: bool
) -> None:
    regime = make_regime(zones=(Zone(geometry=BOX, buffer_m=buffer_m),))
    a = verdict(ctx, make_event(lon=lon, lat=36.20), regime)
    assert a.verdict == expected and a.in_zone is inside
    assert a.zone_distance_m is not None
    if lon == 37.16 and buffer_m == 0:
        # 0.01° of longitude at 36.2°N is about 898 m.
        assert -950 < a.zone_distance_m < -850


def test_excluded_area_inside_a_zone(ctx: AdjudicationContext) -> None:
    regime = make_regime(zones=(Zone(pcodes=("SY",)), Zone(pcodes=("SY02",), exclude=True)))
    a = verdict(ctx, make_event(), regime)
    assert a.verdict == Verdict.OUTSIDE_SCOPE and "excluded area" in a.evidence[1].detail


WINDOW_START = datetime(2016, 4, 30, 0, 1, tzinfo=DAMASCUS)


@pytest.mark.parametrize(
    ("day", "end_day", "expected", "in_window"),
    [
        (date(2016, 4, 29), None, Verdict.OUTSIDE_SCOPE, False),  # before the window
        (date(2016, 4, 30), None, Verdict.UNDETERMINED, None),  # the day it opens at 00:01
        (date(2016, 5, 1), None, Verdict.VIOLATION, True),  # whole day inside
        (date(2016, 5, 2), None, Verdict.UNDETERMINED, None),  # the day it closes at 09:00 UTC
        (date(2016, 5, 3), None, Verdict.OUTSIDE_SCOPE, False),  # after
        (date(2016, 4, 25), date(2016, 5, 5), Verdict.UNDETERMINED, None),  # a span across it
    ],
)
def test_day_precision_at_window_edges(
    ctx: AdjudicationContext, day: date, end_day: date | None, expected: Verdict, in_window: bool | None
) -> None:
    regime = make_regime(start=WINDOW_START, end=utc(2016, 5, 2, 9))
    a = verdict(ctx, make_event(day=day, end_day=end_day), regime)
    assert (a.verdict, a.in_window) == (expected, in_window)


def test_exact_times_at_window_edges(ctx: AdjudicationContext) -> None:
    regime = make_regime(start=WINDOW_START, end=utc(2016, 5, 2, 9))
    before_end = make_event(at=utc(2016, 5, 2, 8, 59))
    at_end = make_event(at=utc(2016, 5, 2, 9, 0))
    assert verdict(ctx, before_end, regime).verdict == Verdict.VIOLATION
    assert verdict(ctx, at_end, regime).verdict == Verdict.OUTSIDE_SCOPE


@pytest.mark.parametrize(
    ("actor1", "actor2", "directed", "expected", "perp"),
    [
        ("syrian-government", "isis", False, Verdict.EXCLUDED_TARGET, "syrian-government"),
        ("syrian-government", "nusra", False, Verdict.EXCLUDED_TARGET, "syrian-government"),
        ("isis", "civilians", True, Verdict.NOT_VIOLATION, None),  # IS is not a party
        ("isis", "sdf", False, Verdict.NOT_VIOLATION, None),  # SDF is not a party of this test regime
        ("russia", "opposition", True, Verdict.VIOLATION, "russia"),
        ("opposition", "syrian-government", True, Verdict.VIOLATION, "opposition"),
        ("unknown", "civilians", True, Verdict.UNDETERMINED, None),
        ("syrian-government", "civilians", True, Verdict.VIOLATION, "syrian-government"),
    ],
)
def test_parties_and_excluded_groups(
    ctx: AdjudicationContext, actor1: str, actor2: str, directed: bool, expected: Verdict, perp: str | None
) -> None:
    e = make_event(actor1_id=actor1, actor2_id=actor2, directed=directed)
    a = verdict(ctx, e, make_regime())
    assert a.verdict == expected
    assert a.perpetrator_id == perp


def test_member_of_a_party_is_bound_through_its_parent(ctx: AdjudicationContext) -> None:
    # Named rebel groups of the registry have the opposition as parent.
    child = next(a for a in ctx.actors if a.parent_id == "opposition")  # type: ignore[attr-defined]
    a = verdict(ctx, make_event(actor1_id=child.id, actor2_id="syrian-government", directed=True), make_regime())
    assert a.verdict == Verdict.VIOLATION and a.perpetrator_bound is True


def test_party_not_yet_committed(ctx: AdjudicationContext) -> None:
    late = make_regime(committed_at=datetime(2016, 5, 1, 0, 0, tzinfo=DAMASCUS))
    a = verdict(ctx, make_event(day=date(2016, 4, 15)), late)
    assert a.verdict == Verdict.NOT_VIOLATION and a.perpetrator_bound is False


def test_act_not_prohibited(ctx: AdjudicationContext) -> None:
    heavy_only = make_regime(prohibited=frozenset({"shelling", "air_strike"}))
    a = verdict(ctx, make_event(event_type="armed_clash"), heavy_only)
    assert a.verdict == Verdict.NOT_VIOLATION and a.prohibited_act is False


def test_registry_is_versioned() -> None:
    reg = populate()
    assert "cessation.v1" in reg.names()
    assert reg.latest("cessation") == "cessation.v1"
    with pytest.raises(RuleNotFound):
        reg.get("cessation.v9")
    with pytest.raises(ValidationError):
        reg.register("unversioned")
