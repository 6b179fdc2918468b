"""Alert rules: each kind fires on an injected case and stays silent on its control."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitreps.analysis.alerts import (
    Alert,
    evaluate_alerts,
    load_rules,
    parse_rule,
    record_alerts,
    run_alerts_after_write,
    stored_alerts,
)
from sitreps.errors import ConfigError
from sitreps.models import Event
from sitreps.store import Store

ISSP = "Islamic State Sahel Province"
JNIM = "JNIM: Group for Support of Islam and Muslims"
END = dt.date(2024, 6, 30)


def _day(days_before_end: int) -> dt.date:
    return END - dt.timedelta(days=days_before_end)


def _events() -> list[Event]:
    events: list[Event] = []

    def add(before: int, actor1: str, country: str, admin1: str, admin2: str, deaths: int = 0, actor2: str | None = None):
        events.append(Event(
            id=f"e{len(events)}", event_type="Battles", sub_event_type="Armed clash", country=country,
            event_date=_day(before), actor1=actor1, actor2=actor2, admin1=admin1, admin2=admin2,
            fatalities=deaths,
        ))

    # ISSP: a year in Ansongo, then a first event in Tessit and another in Ansongo within the last 30 days
    for before in (300, 200, 120, 60):
        add(before, ISSP, "Mali", "Gao", "Ansongo")
    add(10, ISSP, "Mali", "Gao", "Tessit")
    add(8, "Military Forces of Mali (2021-)", "Mali", "Gao", "Tessit", actor2=ISSP)
    add(5, ISSP, "Mali", "Gao", "Ansongo")
    # Menaka: a quiet baseline (9 dead in 90 days), then 12 dead in the last week
    for before, deaths in ((80, 3), (50, 3), (20, 3)):
        add(before, "Unidentified Armed Group (Mali)", "Mali", "Menaka", "Menaka", deaths)
    add(3, "Unidentified Armed Group (Mali)", "Mali", "Menaka", "Menaka", 12)
    # Mopti: steady violence, the last week no worse than before
    for before in range(0, 97, 4):
        add(before, JNIM, "Mali", "Mopti", "Djenne", 2)
    # Burkina Faso: JNIM all year; a new group and new civilians only in the last month
    for before in (250, 150, 90, 40, 2):
        add(before, JNIM, "Burkina Faso", "Sahel", "Soum")
    add(12, "Lakurawa", "Burkina Faso", "Est", "Gourma", 1)
    add(11, "Civilians (Burkina Faso)", "Burkina Faso", "Est", "Gourma")
    return events


@pytest.fixture
def store():
    with Store(":memory:") as s:
        s.add_events(_events())
        yield s


def _rule(**raw):
    return parse_rule(raw)


def test_alerts_new_admin2_fires_on_a_new_district_only(store) -> None:
    alerts = evaluate_alerts(store, [_rule(name="ISSP", kind="new_admin2", actor=ISSP, lookback="365d")], as_of=END)
    assert [a.subject for a in alerts] == ["Tessit, Gao, Mali"]
    (alert,) = alerts
    assert alert.first_seen == _day(10) and alert.kind == "new_admin2"
    assert set(alert.evidence) == {"e4", "e5"}  # both Tessit events involve ISSP (one as actor2)


def test_alerts_new_admin2_silent_without_earlier_activity(store) -> None:
    rule = _rule(kind="new_admin2", actor="Lakurawa")
    assert evaluate_alerts(store, [rule], as_of=END) == []


def test_alerts_fatality_surge_fires_on_the_surging_admin1(store) -> None:
    rule = _rule(name="surge", kind="fatality_surge", factor=3, baseline="90d", window="7d")
    alerts = evaluate_alerts(store, [rule], as_of=END)
    assert [a.subject for a in alerts] == ["Menaka, Mali"]
    assert alerts[0].evidence == ("e10",) and "12 fatalities" in alerts[0].message


def test_alerts_fatality_surge_named_admin1_silent_on_steady_violence(store) -> None:
    steady = _rule(kind="fatality_surge", admin1="Mopti", factor=3, baseline="90d", window="7d", min_fatalities=1)
    assert evaluate_alerts(store, [steady], as_of=END) == []
    surging = _rule(kind="fatality_surge", admin1="menaka")
    assert [a.subject for a in evaluate_alerts(store, [surging], as_of=END)] == ["Menaka, Mali"]


def test_alerts_new_actor_in_country(store) -> None:
    alerts = evaluate_alerts(store, [_rule(kind="new_actor_in_country", country="Burkina Faso")], as_of=END)
    assert [a.subject for a in alerts] == ["Lakurawa in Burkina Faso"]
    with_generic = _rule(kind="new_actor_in_country", country="Burkina Faso", ignore=[])
    subjects = {a.subject for a in evaluate_alerts(store, [with_generic], as_of=END)}
    assert subjects == {"Lakurawa in Burkina Faso", "Civilians (Burkina Faso) in Burkina Faso"}


def test_alerts_window_ends_on_the_latest_event_by_default(store) -> None:
    rule = _rule(kind="new_admin2", actor=ISSP)
    assert evaluate_alerts(store, [rule]) == evaluate_alerts(store, [rule], as_of=END)
    # a month later the entry into Tessit has left the 30-day window
    assert evaluate_alerts(store, [rule], as_of=END + dt.timedelta(days=40)) == []


def test_alerts_reevaluation_does_not_duplicate(store) -> None:
    rules = [_rule(kind="new_admin2", actor=ISSP), _rule(kind="fatality_surge")]
    first = evaluate_alerts(store, rules, as_of=END)
    assert len(first) == 2
    assert len(stored_alerts(store)) == 2
    again = evaluate_alerts(store, rules, as_of=END)
    assert again == first
    assert len(stored_alerts(store)) == 2
    assert record_alerts(store, again) == []
    assert set(stored_alerts(store)) == set(first)


def test_alerts_stored_alerts_empty_before_any_run(store) -> None:
    assert stored_alerts(store) == []


def test_alerts_run_after_write_reads_rules_beside_the_store(tmp_path: Path) -> None:
    db = tmp_path / "sitreps.duckdb"
    with Store(db) as s:
        s.add_events(_events())
        assert run_alerts_after_write(s) == []  # no rules file: nothing to do
        (tmp_path / "alerts.yaml").write_text(
            f"- {{name: ISSP moves, kind: new_admin2, actor: {ISSP}, lookback: 365d}}\n", encoding="utf-8"
        )
        new = run_alerts_after_write(s)
        assert [a.subject for a in new] == ["Tessit, Gao, Mali"]
        assert run_alerts_after_write(s) == []  # already recorded
        assert [a.rule for a in stored_alerts(s)] == ["ISSP moves"]


def test_alerts_example_rules_file_loads() -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "alerts.yaml"
    rules = load_rules(example)
    assert {r.kind for r in rules} == {"new_admin2", "fatality_surge", "new_actor_in_country"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- {name: a, kind: new_admin2, actor: X}\n- {name: b, kind: teleport}\n",
         "rule 2 ('b'): kind must be one of"),
        ("- {name: a, kind: new_admin2}\n", "rule 1 ('a'): new_admin2 needs an actor"),
        ("- {name: a, kind: fatality_surge, window: soon}\n", "rule 1 ('a'): window must be a duration"),
        ("- {name: a, kind: fatality_surge, factor: 0.5}\n", "rule 1 ('a'): factor must be a number above 1"),
        ("- {name: a, kind: fatality_surge, admin_1: Menaka}\n", "rule 1 ('a'): unknown key(s) for fatality_surge: admin_1"),
        ("- {name: a, kind: fatality_surge}\n- {name: a, kind: fatality_surge}\n", "rule 2 ('a'): another rule"),
        ("- just text\n", "rule 1: a rule must be a mapping"),
        ("kind: new_admin2\n", "must be a YAML list"),
        ("- {name: [unclosed\n", "not valid YAML"),
    ],
)
def test_alerts_bad_rules_file_gives_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_rules(path)
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)


def test_alerts_missing_rules_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the alert rules"):
        load_rules(tmp_path / "nope.yaml")


def test_alerts_alert_is_frozen() -> None:
    alert = Alert(rule="r", kind="new_admin2", subject="s", message="m", first_seen=END)
    with pytest.raises(AttributeError):
        alert.rule = "other"  # type: ignore[misc]


def test_alerts_new_admin2_follows_the_actor_dictionary(store) -> None:
    # the rule names the group by a French alias; the events carry ACLED's canonical name
    alerts = evaluate_alerts(store, [_rule(kind="new_admin2", actor="EIGS")], as_of=END)
    assert [a.subject for a in alerts] == ["Tessit, Gao, Mali"]


def test_alerts_new_actor_in_country_returns_after_the_lookback(store) -> None:
    # JNIM's last Burkinabe event before the window is 40 days before the end: outside a 30-day lookback
    short = _rule(kind="new_actor_in_country", country="BURKINA FASO", window="30d", lookback="30d")
    subjects = {a.subject for a in evaluate_alerts(store, [short], as_of=END)}
    assert subjects == {"Lakurawa in Burkina Faso", f"{JNIM} in Burkina Faso"}
