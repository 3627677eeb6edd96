"""Kill an import half-way: the store holds all of the file or none of it, never a part."""

from __future__ import annotations

import gzip
import os
import signal
import subprocess
import sys
import time
from importlib.resources import files
from pathlib import Path

from hudna.storage import open_store


def test_killed_import_leaves_nothing_half_written(tmp_path: Path) -> None:
    csv_path = tmp_path / "ucdp.csv"
    raw = files("hudna.data").joinpath("demo", "ucdp_ged_syria_2016.csv.gz").read_bytes()
    csv_path.write_bytes(gzip.decompress(raw))
    db = tmp_path / "k.db"
    open_store(f"sqlite:///{db}").close()  # schema first, so the kill hits the import itself
    proc = subprocess.Popen(
        [sys.executable, "-m", "hudna.cli", "--db", str(db), "import", "ucdp", str(csv_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    time.sleep(1.8)  # mid-import on this hardware; either outcome below is acceptable
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    store = open_store(f"sqlite:///{db}")
    with store.unit_of_work() as uow:
        n = uow.count_events()
    assert n in (0, 6170)
    # And a restart finishes the job exactly once.
    subprocess.run(
        [sys.executable, "-m", "hudna.cli", "--db", str(db), "import", "ucdp", str(csv_path)],
        check=True,
        capture_output=True,
    )
    with store.unit_of_work() as uow:
        assert uow.count_events() == 6170
