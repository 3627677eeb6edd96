"""Project-level checks: README and CI agree, docs are fresh, bundled copies are identical."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

import hudna
from tests.conftest import EXAMPLE_REGIMES, ROOT


def _readme_block_after(heading: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(heading, 1)[1]
    return re.search(r"```sh\n(.+?)\n```", section, re.S).group(1).strip()  # type: ignore[union-attr]


def test_ci_runs_the_readme_test_command() -> None:
    test_cmd = _readme_block_after("## Run the tests")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_cmd in ci


def test_readme_main_job_is_the_demo() -> None:
    cmd = _readme_block_after("## Fresh machine: set up and run the main job")
    assert cmd.startswith("python3 -m venv .venv") and cmd.endswith("hudna demo --serve")


def test_bundled_demo_regimes_are_the_example() -> None:
    bundled = files("hudna.data").joinpath("demo", "regimes.yaml").read_text(encoding="utf-8")
    assert bundled == EXAMPLE_REGIMES.read_text(encoding="utf-8")


def test_cli_reference_is_fresh() -> None:
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "scripts" / "cli_reference.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    expected = module.render()
    actual = (ROOT / "docs" / "cli-reference.md").read_text(encoding="utf-8")
    assert actual == expected, "run: python scripts/cli_reference.py"


def _modules() -> list[str]:
    names = ["hudna"]
    for info in pkgutil.walk_packages(hudna.__path__, "hudna."):
        if ".migrations" in info.name:
            continue
        names.append(info.name)
    return names


@pytest.mark.parametrize("name", _modules())
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_importing_hudna_has_no_side_effects(tmp_path: Path) -> None:
    code = "import hudna, hudna.cli, hudna.services.demo, hudna.storage; import os; print(sorted(os.listdir('.')))"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_no_language_branches_outside_the_language_modules() -> None:
    # DESIGN.md rule 3: an `if lang == "ar":` outside text/lang/ is a review failure. The text
    # processing layers are checked; the web and the admin areas pick a display language.
    import re
    from pathlib import Path

    src = Path(__file__).resolve().parents[2] / "src" / "hudna"
    branch = re.compile(r"""\blang\w*\s*[!=]=\s*["'](?:ar|en)["']|["'](?:ar|en)["']\s*[!=]=\s*\w*lang\b""")
    found = []
    for package in ("ingest", "gazetteer", "text", "corroborate", "adjudicate", "services"):
        for path in sorted((src / package).rglob("*.py")):
            if path.parent.name == "lang" and path.parent.parent.name == "text":
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if branch.search(line) and "#" not in line.split(branch.search(line).group(0))[0]:
                    found.append(f"{path.relative_to(src)}:{n}: {line.strip()}")
    assert not found, "language branches outside text/lang/:\n" + "\n".join(found)
