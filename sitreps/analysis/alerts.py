"""Alerts: rules an analyst writes in a YAML file, checked against the stored events.

A rules file is a YAML list of mappings (or a mapping with a ``rules`` list)::

    - name: ISSP enters a new admin2
      kind: new_admin2
      actor: Islamic State Sahel Province
      lookback: 365d
    - {name: Fatality surge in Menaka, kind: fatality_surge, admin1: Menaka, factor: 3, baseline: 90d, window: 7d}
    - {kind: new_actor_in_country, country: Burkina Faso}

Kinds (durations are ``N`` days or ``Nd``, ``Nw``, ``Nm`` = 30 days, ``Ny`` = 365 days):

``new_admin2``
    ``actor`` (required) has an event in the last ``window`` (default 30d) in an
    admin2 where it had none in the ``lookback`` (default 365d) before, while it was
    active elsewhere in that lookback (so the first events of an actor never seen
    before do not flood the list).
``fatality_surge``
    the fatalities of the last ``window`` (default 7d) in ``admin1`` (every admin1
    when omitted; ``country`` narrows it) reach ``min_fatalities`` (default 5) and a
    daily rate ``factor`` (default 3) times that of the ``baseline`` (default 90d)
    just before the window.
``new_actor_in_country``
    an actor (``actor1`` or ``actor2``) has events in the last ``window`` (default
    30d) in ``country`` (every country when omitted) and had none there in the
    ``lookback`` (default 365d) before, while that country had other events.
    Generic ACLED actors (civilians, protesters, rioters, unidentified groups) are
    left out unless ``ignore: []`` is set.

The window ends on ``as_of`` (default: the latest event date in the store), so
re-running on the same data gives the same alerts.  Alerts fired are recorded in
the ``alerts`` table keyed by rule, subject and first date, so evaluating again
does not duplicate them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from sitreps.analysis._base import connection_of
from sitreps.errors import AnalysisError, ConfigError, StoreError
from sitreps.store.migrations import ALERTS

if TYPE_CHECKING:
    import pandas as pd


KINDS = ("new_admin2", "fatality_surge", "new_actor_in_country")
RULES_FILE = "alerts.yaml"
#: Name prefixes of ACLED's generic actors, left out of ``new_actor_in_country`` by default.
GENERIC_ACTORS = ("Civilians", "Protesters", "Rioters", "Unidentified")

_DEFAULTS: dict[str, dict[str, Any]] = {
    "new_admin2": {"window": 30, "lookback": 365},
    "fatality_surge": {"window": 7, "baseline": 90, "factor": 3.0, "min_fatalities": 5},
    "new_actor_in_country": {"window": 30, "lookback": 365},
}
_ALLOWED: dict[str, set[str]] = {
    "new_admin2": {"actor", "country", "window", "lookback"},
    "fatality_surge": {"admin1", "country", "window", "baseline", "factor", "min_fatalities"},
    "new_actor_in_country": {"country", "window", "lookback", "ignore"},
}
_DURATION = re.compile(r"^\s*(\d+)\s*([dwmy]?)\s*$", re.IGNORECASE)
_UNIT_DAYS = {"": 1, "d": 1, "w": 7, "m": 30, "y": 365}

#: The alerts table, created by the store's migrations (and here for a bare connection).
ALERTS_TABLE = ALERTS


@dataclass(frozen=True, kw_only=True)
class AlertRule:
    """One validated rule of a rules file; durations are in days."""

    name: str
    kind: str
    actor: str | None = None
    country: str | None = None
    admin1: str | None = None
    window: int = 30
    lookback: int = 365
    baseline: int = 90
    factor: float = 3.0
    min_fatalities: int = 5
    ignore: tuple[str, ...] = GENERIC_ACTORS


@dataclass(frozen=True, kw_only=True)
class Alert:
    """A rule that fired: on what (``subject``), since when, and the events behind it."""

    rule: str
    kind: str
    subject: str
    message: str
    first_seen: dt.date
    evidence: tuple[str, ...] = field(default_factory=tuple)


# -- rules -------------------------------------------------------------------------------------------


def _days(value: Any, key: str) -> int:
    if isinstance(value, bool):
        raise ValueError(f"{key} must be a duration like 7d, not {value!r}")
    if isinstance(value, int):
        days = value
    else:
        match = _DURATION.match(str(value))
        if not match:
            raise ValueError(f"{key} must be a duration like 7d, 12w, 3m or 1y, not {value!r}")
        days = int(match.group(1)) * _UNIT_DAYS[match.group(2).lower()]
    if days < 1:
        raise ValueError(f"{key} must be at least one day, not {value!r}")
    return days


def _text(value: Any, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{key} must be a non-empty text, not {value!r}")
    return value.strip()


def parse_rule(raw: Any) -> AlertRule:
    """One rule from its mapping; raises ``ValueError`` saying what is wrong."""
    if not isinstance(raw, dict):
        raise ValueError(f"a rule must be a mapping, not {type(raw).__name__}")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    unknown = set(raw) - _ALLOWED[kind] - {"name", "kind"}
    if unknown:
        raise ValueError(f"unknown key(s) for {kind}: {', '.join(sorted(map(str, unknown)))}")
    values: dict[str, Any] = dict(_DEFAULTS[kind])
    for key in ("actor", "country", "admin1"):
        if key in raw:
            values[key] = _text(raw[key], key)
    for key in ("window", "lookback", "baseline"):
        if key in raw:
            values[key] = _days(raw[key], key)
    if "factor" in raw:
        factor = raw["factor"]
        if isinstance(factor, bool) or not isinstance(factor, int | float) or factor <= 1:
            raise ValueError(f"factor must be a number above 1, not {factor!r}")
        values["factor"] = float(factor)
    if "min_fatalities" in raw:
        least = raw["min_fatalities"]
        if isinstance(least, bool) or not isinstance(least, int) or least < 1:
            raise ValueError(f"min_fatalities must be a whole number of at least 1, not {least!r}")
        values["min_fatalities"] = least
    if "ignore" in raw:
        ignore = raw["ignore"]
        if not isinstance(ignore, list) or not all(isinstance(i, str) for i in ignore):
            raise ValueError("ignore must be a list of actor name prefixes")
        values["ignore"] = tuple(ignore)
    if kind == "new_admin2" and "actor" not in values:
        raise ValueError("new_admin2 needs an actor")
    name = raw.get("name")
    if name is None:
        where = values.get("actor") or values.get("admin1") or values.get("country") or "all"
        name = f"{kind} {where}"
    values["name"] = _text(name, "name")
    return AlertRule(kind=kind, **values)


def load_rules(path: str | Path) -> tuple[AlertRule, ...]:
    """The rules of a YAML file, validated; a ``ConfigError`` names the file and the bad rule."""
    import yaml

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the alert rules: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    if isinstance(data, dict) and "rules" in data:
        data = data["rules"]
    if data is None:
        return ()
    if not isinstance(data, list):
        raise ConfigError(f"{path}: the alert rules must be a YAML list of rules")
    rules: list[AlertRule] = []
    for number, raw in enumerate(data, start=1):
        label = f"rule {number}"
        if isinstance(raw, dict) and raw.get("name"):
            label += f" ({raw['name']!r})"
        try:
            rule = parse_rule(raw)
        except ValueError as exc:
            raise ConfigError(f"{path}: {label}: {exc}") from exc
        if any(r.name == rule.name for r in rules):
            raise ConfigError(f"{path}: {label}: another rule is already named {rule.name!r}")
        rules.append(rule)
    return tuple(rules)


def default_rules_path(store_path: str | Path) -> Path:
    """Where the rules of a store are looked for: ``alerts.yaml`` beside it."""
    return Path(store_path).parent / RULES_FILE


# -- evaluation --------------------------------------------------------------------------------------


def _frame(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any]) -> pd.DataFrame:
    try:
        return con.execute(sql, list(params)).df()
    except duckdb.Error as exc:
        raise AnalysisError(f"cannot read the events for the alerts: {exc}") from exc


def _dates(frame: pd.DataFrame) -> pd.DataFrame:
    if not frame.empty:
        frame["event_date"] = [value.date() for value in frame["event_date"]]
    return frame


def _latest_date(con: duckdb.DuckDBPyConnection) -> dt.date | None:
    rows = _frame(con, "SELECT max(event_date) AS latest FROM events", [])
    value = rows["latest"].iloc[0]
    if value is None or value != value:
        return None
    return value.date() if hasattr(value, "date") else value


def _country_clause(country: str | None) -> tuple[str, list[Any]]:
    if not country:
        return "", []
    return " AND (lower(country) = lower(?) OR lower(CAST(iso AS VARCHAR)) = lower(?))", [country, country]


def _new_admin2(con: duckdb.DuckDBPyConnection, rule: AlertRule, end: dt.date) -> list[Alert]:
    assert rule.actor is not None
    from sitreps.analysis._base import actor_clause, actor_names
    from sitreps.sources.datasets import ActorFolder

    try:  # every stored spelling of the actor: aliases, predecessors, associated-actor lists
        _, names = actor_names(con, rule.actor, ActorFolder())
    except AnalysisError:
        return []  # no event names the actor yet
    match, match_params = actor_clause(names)
    start = end - dt.timedelta(days=rule.window - 1)
    country_sql, country_params = _country_clause(rule.country)
    frame = _dates(_frame(con, f"""
        SELECT id, event_date, country, admin1, admin2 FROM events
        WHERE event_date BETWEEN ? AND ? {country_sql} AND {match}
        ORDER BY event_date, id
    """, [start - dt.timedelta(days=rule.lookback), end, *country_params, *match_params]))
    alerts: list[Alert] = []
    if frame.empty:
        return alerts
    frame = frame.fillna({"country": "", "admin1": "", "admin2": ""})
    places = frame[frame["admin2"].astype(str).str.strip() != ""]
    recent = places[places["event_date"] >= start]
    for (country, admin1, admin2), group in recent.groupby(["country", "admin1", "admin2"], sort=True):
        first = min(group["event_date"])
        since = first - dt.timedelta(days=rule.lookback)
        before = frame[(frame["event_date"] >= since) & (frame["event_date"] < first)]
        if before.empty:
            continue  # no earlier activity of the actor to compare with
        same = before[(before["admin2"] == admin2) & (before["admin1"] == admin1)]
        if not same.empty:
            continue
        where = ", ".join(str(p) for p in (admin2, admin1, country) if isinstance(p, str) and p)
        alerts.append(Alert(
            rule=rule.name, kind=rule.kind, subject=where, first_seen=first,
            message=f"{rule.actor} active in {where} from {first}, with no event there in the "
                    f"{rule.lookback} days before ({len(group)} event(s) in the window)",
            evidence=tuple(group["id"]),
        ))
    return alerts


def _fatality_surge(con: duckdb.DuckDBPyConnection, rule: AlertRule, end: dt.date) -> list[Alert]:
    start = end - dt.timedelta(days=rule.window - 1)
    base_start = start - dt.timedelta(days=rule.baseline)
    country_sql, country_params = _country_clause(rule.country)
    admin_sql, admin_params = ("", []) if not rule.admin1 else (" AND lower(admin1) = lower(?)", [rule.admin1])
    frame = _dates(_frame(con, f"""
        SELECT id, event_date, country, admin1, coalesce(fatalities, 0) AS fatalities FROM events
        WHERE event_date BETWEEN ? AND ? AND admin1 IS NOT NULL {country_sql} {admin_sql}
        ORDER BY event_date, id
    """, [base_start, end, *country_params, *admin_params]))
    alerts: list[Alert] = []
    if frame.empty:
        return alerts
    frame = frame.fillna({"country": ""})
    for (country, admin1), group in frame.groupby(["country", "admin1"], sort=True):
        current = group[group["event_date"] >= start]
        deaths = int(current["fatalities"].sum())
        earlier = int(group[group["event_date"] < start]["fatalities"].sum())
        if deaths < rule.min_fatalities:
            continue
        rate, base_rate = deaths / rule.window, earlier / rule.baseline
        if rate < rule.factor * base_rate:
            continue
        fatal = current[current["fatalities"] > 0]
        where = ", ".join(str(p) for p in (admin1, country) if isinstance(p, str) and p)
        times = f"{rate / base_rate:.1f} times" if base_rate else "none in"
        alerts.append(Alert(
            rule=rule.name, kind=rule.kind, subject=where, first_seen=min(fatal["event_date"]),
            message=f"{deaths} fatalities in {where} in the {rule.window} days to {end}, against {earlier} in "
                    f"the {rule.baseline} days before ({times} the baseline daily rate)",
            evidence=tuple(fatal["id"]),
        ))
    return alerts


def _new_actor_in_country(con: duckdb.DuckDBPyConnection, rule: AlertRule, end: dt.date) -> list[Alert]:
    import pandas as pd

    start = end - dt.timedelta(days=rule.window - 1)
    country_sql, country_params = _country_clause(rule.country)
    frame = _dates(_frame(con, f"""
        SELECT id, event_date, country, trim(actor) AS actor FROM (
            SELECT id, event_date, country, iso, actor1 AS actor FROM events
            UNION ALL SELECT id, event_date, country, iso, actor2 FROM events
        ) WHERE event_date BETWEEN ? AND ? AND actor IS NOT NULL AND trim(actor) <> ''
          AND country IS NOT NULL {country_sql}
        ORDER BY event_date, id
    """, [start - dt.timedelta(days=rule.lookback), end, *country_params]))
    alerts: list[Alert] = []
    if frame.empty:
        return alerts
    prefixes = tuple(p.casefold() for p in rule.ignore)
    if prefixes:
        frame = frame[~frame["actor"].str.casefold().str.startswith(prefixes)]
    recent = frame[frame["event_date"] >= start]
    earlier = frame[frame["event_date"] < start]
    # an actor's events before the window all precede its first event in it, so the latest of
    # them tells whether it was active in the country within the lookback before that event
    first = recent.groupby(["country", "actor"])["event_date"].min().rename("first")
    last_before = earlier.groupby(["country", "actor"])["event_date"].max().rename("last_before")
    table = pd.concat([first, last_before], axis=1, join="outer").loc[first.index]
    lookback = dt.timedelta(days=rule.lookback)
    country_dates = {c: sorted(g) for c, g in frame.groupby("country")["event_date"]}
    for (country, actor), row in table.iterrows():
        last = row["last_before"]
        if isinstance(last, dt.date) and last >= row["first"] - lookback:
            continue
        dates = country_dates[country]
        if bisect.bisect_left(dates, row["first"]) == bisect.bisect_left(dates, row["first"] - lookback):
            continue  # the country had no event at all in the lookback: nothing to compare with
        group = recent[(recent["country"] == country) & (recent["actor"] == actor)]
        ids = tuple(dict.fromkeys(group["id"]))
        alerts.append(Alert(
            rule=rule.name, kind=rule.kind, subject=f"{actor} in {country}", first_seen=row["first"],
            message=f"{actor} appears in {country} on {row['first']}, with no event there in the {rule.lookback} "
                    f"days before ({len(ids)} event(s) in the window)",
            evidence=ids,
        ))
    return alerts


_EVALUATORS = {
    "new_admin2": _new_admin2,
    "fatality_surge": _fatality_surge,
    "new_actor_in_country": _new_actor_in_country,
}


def evaluate_alerts(
    source: Any,
    rules: Iterable[AlertRule],
    *,
    as_of: dt.date | None = None,
    record: bool = True,
) -> list[Alert]:
    """The alerts the rules raise on the stored events, windows ending on ``as_of``.

    ``source`` is a ``Store`` or a DuckDB connection.  With ``record`` the alerts
    are also written to the ``alerts`` table (those already there are kept as they
    were).  Returns every alert firing now, whether new or not.
    """
    con = connection_of(source)
    end = as_of or _latest_date(con)
    if end is None:
        return []
    alerts: list[Alert] = []
    for rule in rules:
        alerts.extend(_EVALUATORS[rule.kind](con, rule, end))
    if record and alerts:
        record_alerts(source, alerts)
    return alerts


# -- the alerts table --------------------------------------------------------------------------------


def _write(source: Any, work: Any) -> Any:
    """Run ``work(connection)`` in one transaction, through the store's writer when there is one."""
    writer = getattr(source, "write", None)
    if callable(writer):
        return writer(work)
    con = connection_of(source)
    try:
        con.begin()
        result = work(con)
        con.commit()
        return result
    except duckdb.Error as exc:
        con.rollback()
        raise StoreError(f"cannot write the alerts: {exc}") from exc


def ensure_alerts_table(source: Any) -> None:
    """Create the ``alerts`` table if it is not there (idempotent)."""
    _write(source, lambda con: con.execute(ALERTS_TABLE))


def record_alerts(source: Any, alerts: Sequence[Alert]) -> list[Alert]:
    """Write the alerts not yet in the ``alerts`` table; returns those that were new."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)

    def work(con: duckdb.DuckDBPyConnection) -> list[Alert]:
        con.execute(ALERTS_TABLE)
        added = []
        for alert in alerts:
            exists = con.execute(
                "SELECT count(*) FROM alerts WHERE rule = ? AND subject = ? AND first_seen = ?",
                [alert.rule, alert.subject, alert.first_seen],
            ).fetchone()
            if exists and exists[0]:
                continue
            con.execute(
                "INSERT INTO alerts VALUES (?, ?, ?, ?, ?, ?, ?)",
                [alert.rule, alert.kind, alert.subject, alert.first_seen, alert.message,
                 list(alert.evidence), now],
            )
            added.append(alert)
        return added

    result: list[Alert] = _write(source, work)
    return result


def stored_alerts(source: Any) -> list[Alert]:
    """Every alert recorded so far, newest first; none when the table does not exist yet."""
    con = connection_of(source)
    try:
        exists = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'alerts'"
        ).fetchone()
        if not exists or not exists[0]:
            return []
        rows = con.execute(
            "SELECT rule, kind, subject, message, first_seen, evidence FROM alerts "
            "ORDER BY first_seen DESC, rule, subject"
        ).fetchall()
    except duckdb.Error as exc:
        raise StoreError(f"cannot read the alerts: {exc}") from exc
    return [
        Alert(rule=r[0], kind=r[1], subject=r[2], message=r[3], first_seen=r[4], evidence=tuple(r[5] or ()))
        for r in rows
    ]


def run_alerts_after_write(store: Any, rules_path: str | Path | None = None) -> list[Alert]:
    """Evaluate the store's rules after an ingest or import; returns the alerts new since the last run.

    Without ``rules_path`` the rules are read from ``alerts.yaml`` beside the store;
    when that file does not exist there is nothing to do.
    """
    if rules_path is None:
        if str(store.path) == ":memory:":
            return []
        rules_path = default_rules_path(store.path)
        if not Path(rules_path).exists():
            return []
    rules = load_rules(rules_path)
    alerts = evaluate_alerts(store, rules, record=False)
    return record_alerts(store, alerts) if alerts else []
