"""``hudna geocode``, ``hudna gazetteer info`` and ``hudna gazetteer import``."""

from __future__ import annotations

import gzip
import json
from importlib import resources

from typer.testing import CliRunner

from hudna.cli import app
from hudna.gazetteer import load_gazetteer

runner = CliRunner()


def test_geocode_jsonl_fields():
    res = runner.invoke(app, ["geocode", "Teir Maaleh village", "Xyzzyqux", "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert rows[0]["name_en"] == "Tir Maallah" and rows[0]["where_prec"] == 1
    assert rows[1]["pcode"] is None and rows[1]["reason"]


def test_geocode_reads_stdin():
    res = runner.invoke(app, ["geocode", "--format", "jsonl", "--lang", "ar"], input="حلب\n\nريف إدلب\n")
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert [r["pcode"] for r in rows] == ["C1007", "SY07"]


def test_gazetteer_info():
    res = runner.invoke(app, ["gazetteer", "info"])
    assert res.exit_code == 0
    assert "content_hash" in res.output and "OCHA" in res.output and "governorate=14" in res.output


def test_import_cod_ab_geojson_folder(tmp_path):
    folder = tmp_path / "cod"
    folder.mkdir()
    base = resources.files("hudna.data").joinpath("ocha_syria_2015")
    for name in ("syr_admin1", "syr_admin2"):
        (folder / f"{name}.geojson").write_bytes(gzip.decompress(base.joinpath(f"{name}.geojson.gz").read_bytes()))
    out = tmp_path / "syr_adm.sqlite"
    res = runner.invoke(app, ["gazetteer", "import", str(folder), "--out", str(out), "--name", "syr-test"])
    assert res.exit_code == 0, res.output
    gaz = load_gazetteer(str(out))
    assert gaz.geocode("Idleb Governorate").pcode == "SY07"
    assert gaz.reverse(lon=37.16, lat=36.20).admin1_pcode == "SY02"
    res = runner.invoke(app, ["geocode", "ريف حلب", "--gazetteer", str(out), "--format", "jsonl"])
    assert json.loads(res.output)["pcode"] == "SY02"


def test_import_geonames_dump(tmp_path):
    rows = [
        ["163843", "Syria", "Syria", "Syrie,سوريا", "35", "38", "A", "PCLI", "SY", "", "00", "", "", "", "22933531", "", "", "Asia/Damascus", "2023-01-01"],
        ["170062", "Aleppo Governorate", "Aleppo Governorate", "محافظة حلب", "36.25", "37.5", "A", "ADM1", "SY", "", "09", "", "", "", "4868000", "", "", "Asia/Damascus", "2023-01-01"],
        ["170063", "Aleppo", "Aleppo", "Halab,حلب", "36.20124", "37.16117", "P", "PPLA", "SY", "", "09", "", "", "", "1602264", "", "", "Asia/Damascus", "2023-01-01"],
    ]
    dump = tmp_path / "SY.txt"
    dump.write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "sy_geonames.sqlite.gz"
    res = runner.invoke(app, ["gazetteer", "import", str(dump), "--out", str(out)])
    assert res.exit_code == 0, res.output
    gaz = load_gazetteer(str(out))
    assert gaz.geocode("حلب").pcode == "geonames:170063"
    assert gaz.geocode("Halab").pcode == "geonames:170063"
