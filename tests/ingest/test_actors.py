"""The actor registry: bundled file, name resolution, coalitions, designations, bad files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from hudna.domain.actor import Actor, ActorRegistry, Side
from hudna.errors import DataError, NotFound, ValidationError
from hudna.ingest.actors import load_actor_registry, parse_actor_registry

DATA = Path(__file__).parent.parent / "data"
FULL_UCDP = Path("/work/shared/data/events/ucdp-ged-syria/ucdp_ged_syria_2016.csv")

REQUIRED_IDS = (
    "syrian-government",
    "russia",
    "hezbollah",
    "iran",
    "ndf",
    "isis",
    "nusra",
    "opposition",
    "sdf",
    "ypg",
    "turkey",
    "us-coalition",
    "united-states",
    "iraq",
    "jordan",
    "israel",
    "civilians",
    "unknown",
)


@pytest.fixture(scope="module")
def actors() -> ActorRegistry:
    return load_actor_registry()


def _sides(path: Path) -> set[str]:
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return {r["side_a"] for r in rows} | {r["side_b"] for r in rows}


def test_bundled_registry_has_the_ids_others_rely_on(actors: ActorRegistry) -> None:
    for actor_id in REQUIRED_IDS:
        assert actor_id in actors, actor_id
    assert actors.version == "2016.1"
    assert {"source", "licence", "curators", "version"} <= set(actors.meta)
    gov = actors.get("syrian-government")
    assert (gov.side, gov.acled_inter, gov.name_en) == (Side.GOVERNMENT, 1, "Government of Syria")
    assert actors.get("russia").kind == "state"
    assert actors.get("ypg").parent_id == "sdf" and actors.get("ypg").side == Side.KURDISH
    assert actors.get("civilians").kind == "civilians" and actors.get("civilians").is_civilian
    assert "unsc-terrorist" in actors.get("isis").designations
    assert "unsc-terrorist" in actors.get("nusra").designations
    assert actors.get("opposition").designations == ()
    for actor in actors:
        assert actor.name_ar, actor.id  # every actor has an Arabic name


def test_registry_is_cached() -> None:
    assert load_actor_registry() is load_actor_registry()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Government of Syria", "syrian-government"),
        ("government of syria", "syrian-government"),
        ("Military Forces of Syria (2000-)", "syrian-government"),
        ("Syrian insurgents", "opposition"),
        ("IS", "isis"),
        ("Daesh", "isis"),
        ("ISIL", "isis"),
        ("Islamic State (Syria)", "isis"),
        ("Jabhat Fateh al-Sham", "nusra"),
        ("Jabhat Fateh al Sham", "nusra"),
        ("HTS", "nusra"),
        ("Hayat Tahrir al-Sham", "nusra"),
        ("Tahrir al- Sham Army", "tahrir-al-sham-army"),  # an FSA group, not HTS
        ("NDF (Syria)", "ndf"),
        ("QSD: Syrian Democratic Forces", "sdf"),
        ("YPG: People's Protection Units", "ypg"),
        ("Government of Turkey", "turkey"),
        ("Civilians (Syria)", "civilians"),
        ("Unidentified Armed Group (Syria)", "unknown"),
        ("Jaysh al-Asha'er", "jaysh-al-ashaer"),
        ("Jaysh al-Asha’er", "jaysh-al-ashaer"),
        # Arabic names as news write them
        ("النظام", "syrian-government"),
        ("قوات النظام", "syrian-government"),
        ("الجيش السوري", "syrian-government"),
        ("تنظيم الدولة", "isis"),
        ("داعش", "isis"),
        ("تنظيم الدولة الاسلامية", "isis"),  # without hamza
        ("جبهة النصرة", "nusra"),
        ("الجيش الحر", "fsa"),
        ("المعارضة", "opposition"),
        ("قسد", "sdf"),
        ("وحدات حماية الشعب", "ypg"),
        ("حزب الله", "hezbollah"),
        ("الجيش التركي", "turkey"),
        ("التحالف الدولي", "us-coalition"),
        ("الطيران الروسي", "russia"),
    ],
)
def test_names_resolve(actors: ActorRegistry, name: str, expected: str) -> None:
    assert actors.resolve(name).id == expected


def test_unknown_and_blank_names(actors: ActorRegistry) -> None:
    assert actors.find_by_name("Somebody Else Entirely") is None
    assert actors.resolve("Somebody Else Entirely").id == "unknown"
    assert actors.find_by_name("") is None and actors.find_by_name(None) is None
    with pytest.raises(NotFound):
        actors.get("no-such-actor")


def test_coalition_with_designated_member_is_designated(actors: ActorRegistry) -> None:
    c = actors.resolve("Ahrar al-Sham, Jabhat Fateh al-Sham, Southern Front")
    assert c.id == "coalition:ahrar-al-sham+nusra+southern-front"
    assert c.kind == "coalition"
    assert "unsc-terrorist" in c.designations
    assert c.side == Side.OPPOSITION and c.parent_id == "opposition"
    assert actors.members(c.id) == ("ahrar-al-sham", "nusra", "southern-front")
    # the id resolves again, and the same coalition written differently is the same actor
    assert actors.get(c.id) == c
    assert actors.resolve("Southern Front, HTS, Ahrar al-Sham").id == c.id
    assert actors.is_a(c.id, "nusra") and actors.is_a(c.id, "opposition")


def test_coalition_without_designated_member(actors: ActorRegistry) -> None:
    c = actors.resolve("Islamic Front, Mujahideen Army, SRF")
    assert c.designations == ()
    assert c.parent_id == "opposition" and c.side == Side.OPPOSITION
    assert actors.find_by_name("Islamic Front, Nobody Known") is None


def test_designations_are_inherited(actors: ActorRegistry) -> None:
    assert actors.designations_of("yarmouk-martyrs-brigade") == {"unsc-terrorist"}
    assert actors.ancestors("ypg") == ("sdf",)
    assert actors.is_a("ndf", "syrian-government")
    assert not actors.is_a("opposition", "syrian-government")


def test_every_side_of_the_sample_resolves(actors: ActorRegistry) -> None:
    for side in _sides(DATA / "ucdp_sample.csv"):
        assert actors.find_by_name(side) is not None, side


@pytest.mark.skipif(not FULL_UCDP.exists(), reason="full UCDP file not present")
def test_every_side_of_the_full_ucdp_file_resolves_to_a_known_actor(actors: ActorRegistry) -> None:
    sides = _sides(FULL_UCDP)
    assert len(sides) > 50
    unresolved = sorted(s for s in sides if actors.find_by_name(s) is None)
    assert unresolved == []
    assert all(actors.resolve(s).id != "unknown" for s in sides)


def test_key_ignores_case_marks_and_punctuation() -> None:
    assert ActorRegistry.key("  Mare' Operations-Room ") == "mare operations room"
    assert ActorRegistry.key("أحرار الشام") == ActorRegistry.key("احرار الشام")
    assert ActorRegistry.key("داعـــش") == ActorRegistry.key("داعش")  # tatweel


def test_registry_refuses_bad_content() -> None:
    a = Actor("a", "Alpha")
    with pytest.raises(ValidationError, match="duplicate actor id"):
        ActorRegistry([a, a])
    with pytest.raises(ValidationError, match="used by both"):
        ActorRegistry([a, Actor("b", "Beta", aliases=("ALPHA",))])
    with pytest.raises(ValidationError, match="unknown parent"):
        ActorRegistry([Actor("b", "Beta", parent_id="zzz")])
    with pytest.raises(ValidationError, match="cycle"):
        ActorRegistry([Actor("a", "A", parent_id="b"), Actor("b", "B", parent_id="a")])
    with pytest.raises(ValidationError, match="invalid actor id"):
        ActorRegistry([Actor("a b", "Spaces")])


def test_bad_registry_file_names_line_and_field(tmp_path: Path) -> None:
    text = "meta: {version: '1'}\nactors:\n  - id: a\n    name_en: A\n    side: nowhere\n"
    with pytest.raises(DataError) as err:
        parse_actor_registry(text, path="actors.yaml")
    assert str(err.value).startswith("actors.yaml:5: side: unknown side 'nowhere'")

    with pytest.raises(DataError) as err:
        parse_actor_registry("actors:\n  - id: a\n    colour: red\n    name_en: A\n", path="x.yaml")
    assert str(err.value).startswith("x.yaml:3: colour: unknown field")

    with pytest.raises(DataError) as err:
        parse_actor_registry("actors:\n  - id: a\n", path="x.yaml")
    assert str(err.value) == "x.yaml:2: name_en: required field is missing"

    with pytest.raises(DataError) as err:
        parse_actor_registry(
            "actors:\n  - {id: a, name_en: A}\n  - {id: b, name_en: B, aliases: [a]}\n",
            path="x.yaml",
        )
    assert str(err.value).startswith("x.yaml:3: aliases: name 'a' is used by both")

    with pytest.raises(DataError) as err:
        parse_actor_registry("actors: [\n", path="x.yaml")
    assert "x.yaml:" in str(err.value) and "not valid YAML" in str(err.value)

    bad = tmp_path / "actors.yaml"
    bad.write_text("actors:\n  - {id: a, name_en: A, acled_inter: 12}\n", encoding="utf-8")
    with pytest.raises(DataError, match=r":2: acled_inter: expected an ACLED inter code"):
        load_actor_registry(bad)


def test_user_registry_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "meta: {version: test}\nactors:\n"
        "  - {id: gov, name_en: Government, side: government, acled_inter: 1}\n"
        "  - {id: militia, name_en: Local Militia, parent: gov, aliases: [LM]}\n",
        encoding="utf-8",
    )
    reg = load_actor_registry(path)
    assert reg.version == "test"
    assert reg.resolve("lm").id == "militia" and reg.is_a("militia", "gov")
