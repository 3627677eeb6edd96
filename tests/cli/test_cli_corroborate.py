"""``hudna corroborate``, ``events show|explain|split|merge``, ``sources``, ``proposals`` (issue #5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hudna.storage import open_store
from tests.clirun import run
from tests.services.test_corroboration import AFP, SOHR, add_report, strike


def test_corroborate_then_show_who_said_what(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    store = open_store(f"sqlite:///{db}")
    add_report(store, "afp", AFP, [strike(AFP, originator="syrian-civil-defence", publisher="afp")])
    add_report(store, "sohr", SOHR, [strike(SOHR, originator="sohr", killed=12)])
    store.close()
    code, out, _ = run(capsys, "--db", db, "corroborate")
    assert code == 0 and "1 events formed" in out and "fair 1" in out
    with open_store(f"sqlite:///{db}").unit_of_work() as uow:
        (event_id,) = [e.id for e in uow.iter_events()]
    code, out, _ = run(capsys, "--db", db, "events", "show", event_id)
    assert code == 0
    assert "grade: fair" in out and "syrian-civil-defence via afp [opposition]" in out and "sohr [opposition]" in out
    code, out, _ = run(capsys, "--db", db, "events", "explain", event_id)
    assert code == 0 and "joined" in out and "new event" in out
    code, out, _ = run(capsys, "--db", db, "events", "show", event_id, "--format", "json")
    assert json.loads(out)["originators"] == ["sohr", "syrian-civil-defence"]
    code, _, err = run(capsys, "--db", db, "events", "show", "news-missing")
    assert code == 1 and "HUDNA-EVENT-404" in err


def test_sources_and_proposals_commands(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    code, out, _ = run(capsys, "--db", db, "sources", "list", "--format", "json")
    assert code == 0 and {"afp", "sohr", "sana"} <= {r["id"] for r in json.loads(out)}
    code, out, _ = run(capsys, "--db", db, "sources", "add", "syria-direct", "--name", "Syria Direct",
                       "--kind", "media", "--scale", "national", "--affiliation", "independent",
                       "--aliases", "Syria Direct,سوريا على طول")
    assert code == 0 and "added source syria-direct" in out
    code, _, err = run(capsys, "--db", db, "sources", "edit", "syria-direct", "--kind", "tabloid")
    assert code == 1 and "unknown source kind" in err
    code, out, _ = run(capsys, "--db", db, "proposals", "list", "--format", "json")
    assert code == 0 and json.loads(out) == []
    code, _, err = run(capsys, "--db", db, "proposals", "accept", "prop-x", "--reviewer", "ana")
    assert code == 1 and "no proposal" in err


def test_proposals_list_shows_an_extension_given_as_a_length(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from tests.services.test_corroboration import DAMASCUS, regime_claim

    db = str(tmp_path / "p.db")
    store = open_store(f"sqlite:///{db}")
    text = "The calm around Damascus was extended for 48 hours, activists said."
    claim = regime_claim(text, "extended", zone=DAMASCUS, until=None, originator="activists")
    claim["duration_hours"] = 48.0
    add_report(store, "afp", text, [claim])
    store.close()
    assert run(capsys, "--db", db, "corroborate")[0] == 0
    code, out, _ = run(capsys, "--db", db, "proposals", "list")
    assert code == 0 and "+48 h" in out
    code, out, _ = run(capsys, "--db", db, "proposals", "list", "--format", "json")
    (row,) = json.loads(out)
    assert (row["change"], row["until"], row["duration_hours"]) == ("extend", None, 48.0)
