"""The actor dictionary: loading, lookup, periods, inter codes, and coverage of the scorer's aliases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitreps.errors import ConfigError
from sitreps.knowledge.actors import (
    ActorDictionary,
    actor_dictionary,
    fold_text,
    key,
    pieces,
)
from tests.shared_paths import EVAL_ACTORS


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return actor_dictionary()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("EIGS", "Islamic State Sahel Province"),
        ("Daech", "Islamic State Sahel Province"),
        ("État islamique au Grand Sahara", "Islamic State Sahel Province"),
        ("ETAT ISLAMIQUE AU SAHEL", "Islamic State Sahel Province"),
        ("Islamic State in the Great Sahara", "Islamic State Sahel Province"),
        ("GSIM", "Jama'at Nusrat al-Islam wal-Muslimin"),
        ("Katiba Serma", "Jama'at Nusrat al-Islam wal-Muslimin"),
        ("lié à Al-Qaïda", "Jama'at Nusrat al-Islam wal-Muslimin"),
        ("al-Qaeda-linked", "Jama'at Nusrat al-Islam wal-Muslimin"),
        ("al-Mourabitoun", "Al Mourabitoune"),
        ("AQMI", "Al-Qaeda in the Islamic Maghreb"),
        ("FAMa", "Military Forces of Mali"),
        ("Forces armées maliennes", "Military Forces of Mali"),
        ("Garde nationale du Niger", "Military Forces of Niger"),
        ("gendarmerie burkinabè", "Police Forces of Burkina Faso"),
        ("VDP", "Volunteers for the Defense of the Homeland"),
        ("Koglweogo", "Koglweogo Militia"),
        ("Dozos", "Dan Na Ambassagou"),
        ("Front de libération de l'Azawad", "Azawad Liberation Front"),
        ("CSP-PSD", "Permanent Strategic Framework"),
        ("Africa Corps", "Wagner Group"),
        ("casques bleus", "MINUSMA"),
        ("CEDEAO", "ECOWAS"),
        ("hommes armés non identifiés", "Unidentified Armed Group"),
        ("GAT", "Unidentified Armed Group"),
        ("orpailleurs", "Civilians"),
        ("fidèles", "Civilians"),
        ("manifestants", "Protesters"),
        ("émeutiers", "Rioters"),
    ],
)
def test_knowledge_actors_lookup_folds_aliases(actors: ActorDictionary, text: str, expected: str) -> None:
    entry = actors.lookup(text)
    assert entry is not None
    assert entry.name == expected


@pytest.mark.parametrize(
    ("text", "expected", "inter"),
    [
        ("Chadian soldiers", "Military Forces of Chad", 8),
        ("soldats tchadiens", "Military Forces of Chad", 8),
        ("l'armée du Mali", "Military Forces of Mali", 1),
        ("police nigérienne", "Police Forces of Niger", 1),
        ("Military Forces of Benin", "Military Forces of Benin", 8),
    ],
)
def test_knowledge_actors_lookup_builds_country_forces(
    actors: ActorDictionary, text: str, expected: str, inter: int
) -> None:
    entry = actors.lookup(text)
    assert entry is not None
    assert (entry.name, entry.inter) == (expected, inter)


@pytest.mark.parametrize("text", ["", "the weather", "Bamako traffic", "soldiers"])
def test_knowledge_actors_lookup_unknown_is_none(actors: ActorDictionary, text: str) -> None:
    assert actors.lookup(text) is None


def test_knowledge_actors_periods_and_successors(actors: ActorDictionary) -> None:
    issp = actors.lookup("ISGS")
    assert issp is not None
    assert issp.name_on(dt.date(2020, 5, 1)) == "Islamic State (Greater Sahara)"
    assert issp.name_on(dt.date(2023, 5, 1)) == "Islamic State Sahel Province"
    assert issp.name_on(None) == "Islamic State Sahel Province"
    wagner = actors.lookup("Wagner")
    assert wagner is not None
    assert wagner.name == "Wagner Group"
    assert wagner.name_on(dt.date(2025, 2, 1)) == "Africa Corps"
    old = actors.lookup("Ansar Dine", on=dt.date(2015, 6, 1))
    new = actors.lookup("Ansar Dine", on=dt.date(2019, 6, 1))
    assert old is not None and old.name == "Ansar Dine"
    assert new is not None and new.name == "Jama'at Nusrat al-Islam wal-Muslimin"


@pytest.mark.parametrize(
    ("name", "inter"),
    [
        ("Military Forces of Mali", 1),
        ("JNIM", 2),
        ("VDP", 3),
        ("Dan Na Ambassagou", 4),
        ("Rioters", 5),
        ("Protesters", 6),
        ("villagers", 7),
        ("MINUSMA", 8),
        ("nobody we know", None),
    ],
)
def test_knowledge_actors_inter_code(actors: ActorDictionary, name: str, inter: int | None) -> None:
    assert actors.inter_code(name) == inter


def test_knowledge_actors_fold_keeps_length() -> None:
    text = "Forces armées nigériennes’ Œuvre İstanbul"
    assert len(fold_text(text)) == len(text)
    assert fold_text("Burkinabè") == "burkinabe"
    assert pieces("l’Armée") == ("l", "'", "armee")
    assert key("Al-Qaïda") == key("al qaida")


def test_knowledge_actors_patterns_mark_case_and_context(actors: ActorDictionary) -> None:
    by_alias = {(p.pieces, p.label): p for p in actors.patterns()}
    au = by_alias[(("au",), "African Union")]
    assert au.cased == ("AU",)
    platform = by_alias[(("platform",), "Platform")]
    assert platform.cased == ("Platform",)
    bamako = by_alias[(("bamako",), "Government of Mali")]
    assert bamako.mode == "context"
    army = by_alias[(("army",), "Military Forces of {country}")]
    assert army.mode == "generic" and army.cased is None


def test_knowledge_actors_no_alias_names_two_actors(actors: ActorDictionary) -> None:
    owners: dict[str, set[str]] = {}
    for name, entry in actors.entries.items():
        target = actors.lookup(name)
        assert target is not None
        for alias in entry.aliases:
            owners.setdefault(key(alias.lstrip("=~!^")), set()).add(target.name)
    clashes = {alias: names for alias, names in owners.items() if len(names) > 1}
    # an absorbed group's own name may point to it and to its successor
    assert all("Ansar Dine" in names for names in clashes.values()), clashes


def test_knowledge_actors_bad_data_raises_config_error() -> None:
    with pytest.raises(ConfigError):
        ActorDictionary.from_mapping(
            {"actors": [{"name": "X", "inter": 2, "successor": "Y", "until": "2020-01-01"}]}
        )
    with pytest.raises(ConfigError):
        ActorDictionary.from_mapping({"actors": [{"name": "X", "inter": 2, "from": "not a date"}]})
    with pytest.raises(ConfigError):
        ActorDictionary.from_mapping({"actors": [{"name": "X", "inter": 2}, {"name": "X", "inter": 3}]})


def test_knowledge_actors_missing_file_raises_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        ActorDictionary.from_path(tmp_path / "absent.yaml")


def _eval_rows() -> list[tuple[str, list[str]]]:
    rows = []
    for line in EVAL_ACTORS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        aliases = [a.strip() for a in parts[1].split("|") if a.strip()] if len(parts) > 1 else []
        rows.append((parts[0].strip(), aliases))
    return rows


@pytest.mark.skipif(not EVAL_ACTORS.exists(), reason="the evaluation's actors.tsv is not on this machine")
def test_knowledge_actors_cover_every_scored_name_and_alias(actors: ActorDictionary) -> None:
    missing = []
    for canonical, aliases in _eval_rows():
        for text in (canonical, *aliases):
            entry = actors.lookup(text)
            if entry is None or entry.name != canonical:
                missing.append((text, canonical, entry.name if entry else None))
    assert not missing, missing


def test_knowledge_actors_every_own_alias_resolves(actors: ActorDictionary) -> None:
    for name, entry in actors.entries.items():
        for alias in entry.aliases:
            found = actors.lookup(alias.lstrip("=~!^"))
            assert found is not None, alias
            assert found.name in (name, entry.successor, "Ansar Dine") or found.successor == name, alias


@pytest.mark.parametrize(
    ("text", "expected"),
    [("UN mission MINUSMA", "MINUSMA"), ("camp de la Minusma", "MINUSMA"), ("U.N. camp", "MINUSMA")],
)
def test_knowledge_actors_un_mission_phrases_name_minusma(text: str, expected: str) -> None:
    entry = actor_dictionary().lookup(text)
    assert entry is not None and entry.name == expected


@pytest.mark.parametrize("alias", ["government", "gouvernement", "authorities", "autorites"])
def test_knowledge_actors_bare_government_needs_a_determiner(alias: str) -> None:
    found = [p for p in actor_dictionary().patterns() if p.pieces == (alias,)]
    assert found and all(p.needs_determiner and p.mode == "generic" for p in found)
