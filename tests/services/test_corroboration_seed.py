"""The seed scenario end to end: the bundled article through extraction, corroboration and
proposals, against the bundled regimes (PRODUCT.md acceptance scenario; issue #5)."""

from __future__ import annotations

from importlib.resources import as_file
from pathlib import Path
from typing import Any

import pytest

from hudna.services.demo import SeedSummary, bundled_path, run_seed
from hudna.services.regimes import load_regimes
from hudna.storage import open_store


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> tuple[SeedSummary, SeedSummary, Path]:
    path = tmp_path_factory.mktemp("seed") / "seed.db"
    store = open_store(f"sqlite:///{path}")
    with as_file(bundled_path("regimes.yaml")) as f:
        load_regimes(store, f)
    first = run_seed(store)
    second = run_seed(store)  # idempotent
    store.close()
    return first, second, path


def _proposal(s: SeedSummary, change: str, regime: str) -> list[dict[str, Any]]:
    return [p for p in s.proposals if p["change"] == change and p["regime_id"] == regime]


def test_extension_of_the_damascus_calm_until_monday_0900_gmt(seed: Any) -> None:
    s, _, _ = seed
    ext = _proposal(s, "extend", "syria-2016-calm-damascus")
    assert any(p["until"] == "2016-05-02T09:00:00+00:00" for p in ext)
    assert any(p["state"] == "applied" for p in ext)  # a party (the government, via state TV)


def test_aleppo_negotiation_and_holding_statements(seed: Any) -> None:
    s, _, _ = seed
    assert _proposal(s, "negotiate", "syria-2016-aleppo")
    holding = {p["regime_id"] for p in s.proposals if p["change"] == "holding"}
    assert {"syria-2016-calm-latakia", "syria-2016-calm-damascus"} <= holding


def test_sundays_negotiation_is_not_held_back_by_saturdays_refusal(seed: Any) -> None:
    # "قد أعلنت أمس السبت أنها لن تطلب من النظام التوقف عن قصف حلب" (Saturday) against "محادثات
    # جارية" (Sunday): the later statement is applied, the refusal and Friday's talks wait
    s, _, _ = seed
    (reject,) = _proposal(s, "reject", "syria-2016-aleppo")
    assert reject["state"] == "pending"
    negotiations = _proposal(s, "negotiate", "syria-2016-aleppo")
    assert any(p["state"] == "applied" for p in negotiations)
    assert all("contradicted" in p["decision"] for p in negotiations if p["state"] == "pending")
    from hudna.cli.corroborate import seed_summary_lines

    assert any("reject" in line for line in seed_summary_lines(s))


def test_aleppo_strikes_violate_the_cessation_not_the_calm_with_russia_contest(seed: Any) -> None:
    s, _, _ = seed
    strikes = [e for e in s.events if e["event_type"] == "air_strike" and e["killed"][1] == 10]
    assert len(strikes) == 1
    (e,) = strikes
    assert e["date_start"] == "2016-04-30" and e["place"]["admin1_pcode"] == "SY02"
    assert e["perpetrator"] == "syrian-government"
    verdicts = {a["regime_id"]: a["verdict"] for a in e["assessments"]}
    assert verdicts["syria-2016-coh"] == "violation"
    assert {verdicts[r] for r in verdicts if r != "syria-2016-coh"} <= {"outside_scope"}
    assert e["originators"] == ["syrian-civil-defence"]  # graded by its sources
    assert "russia" in e["contest"] and "counter_terrorism" in e["contest"]
    assert all(a["contest"] == e["contest"] for a in e["assessments"])


def test_calm_observation_on_sunday_morning(seed: Any) -> None:
    s, _, _ = seed
    assert any(c["day"] == "2016-05-01" and c["publisher"] == "afp" for c in s.calm)


def test_second_run_changes_nothing(seed: Any) -> None:
    first, second, _ = seed
    assert [e["event_id"] for e in first.events] == [e["event_id"] for e in second.events]
    assert [p["id"] for p in first.proposals] == [p["id"] for p in second.proposals]
