"""Event scores of a system's output against gold annotations (the gold format's metrics).

A small implementation of the figures the gold format defines, for use where the project's reference
scorer is not at hand: events matched one-to-one within a report by their agreement (same country, and
the same place, or a date within three days and a shared actor), precision/recall/F1 over events
(optional gold events neither help nor hurt), and field accuracy over matched pairs.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

FIELDS = ("event_type", "sub_event_type", "actor1", "actor2", "location", "admin1", "event_date",
          "event_date_3d", "fatalities")
#: Fields not scored where the gold event leaves them empty.
OPTIONAL_FIELDS = ("actor2", "admin1", "fatalities")


def fold(value: Any) -> str:
    if value is None:
        return ""
    text = "".join(c for c in unicodedata.normalize("NFKD", str(value)) if not unicodedata.combining(c))
    text = text.lower().replace("’", "'")
    for char in ".,;:()[]\"-_/":
        text = text.replace(char, " ")
    return " ".join(text.split())


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _actor(value: Any) -> str:
    return fold(str(value).split(" (")[0]) if value else ""


def _same_place(g: Mapping[str, Any], s: Mapping[str, Any]) -> bool:
    a, b = fold(g.get("location")), fold(s.get("location"))
    return bool(a and b) and (a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} ")


def _agreement(g: Mapping[str, Any], s: Mapping[str, Any], actor: Callable[[Any], str]) -> float | None:
    gc, sc = fold(g.get("country")), fold(s.get("country"))
    if gc and sc and gc != sc:
        return None
    place = _same_place(g, s)
    gd, sd = _date(g.get("event_date")), _date(s.get("event_date"))
    near = gd is not None and sd is not None and abs((gd - sd).days) <= 3
    shared = bool(({actor(g.get("actor1")), actor(g.get("actor2"))} - {""})
                  & ({actor(s.get("actor1")), actor(s.get("actor2"))} - {""}))
    if not (place or (near and shared)):
        return None
    return 2.0 * place + near + shared + 0.5 * (g.get("event_type") == s.get("event_type")) + 0.25 * (
        gd is not None and gd == sd)


def match_events(gold: list[dict[str, Any]], system: list[dict[str, Any]],
                 actor: Callable[[Any], str] = _actor) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs, best agreement first."""
    candidates = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            score = _agreement(g, s, actor)
            if score is not None:
                candidates.append((-score, i, j))
    candidates.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_g and j not in used_s:
            used_g.add(i)
            used_s.add(j)
            pairs.append((i, j))
    return pairs


def _field_ok(name: str, g: Mapping[str, Any], s: Mapping[str, Any], actor: Callable[[Any], str]) -> bool:
    if name in ("actor1", "actor2"):
        return actor(g.get(name)) == actor(s.get(name))
    if name == "location":
        return _same_place(g, s)
    gd, sd = _date(g.get("event_date")), _date(s.get("event_date"))
    if name == "event_date":
        return gd is not None and gd == sd
    if name == "event_date_3d":
        return gd is not None and sd is not None and abs((gd - sd).days) <= 3
    if name == "fatalities":
        try:
            return g.get(name) is not None and s.get(name) is not None and int(g[name]) == int(s[name])
        except (TypeError, ValueError):
            return False
    return fold(g.get(name)) == fold(s.get(name))


def score_events(gold: Mapping[str, dict[str, Any]], system: Mapping[str, dict[str, Any]],
                 actor: Callable[[Any], str] = _actor) -> dict[str, Any]:
    """Detection P/R/F1 and field accuracy of ``system`` against ``gold`` (both keyed by report id)."""
    tp = n_sys = n_gold = 0
    hits = dict.fromkeys(FIELDS, 0)
    totals = dict.fromkeys(FIELDS, 0)
    for doc_id, g_row in gold.items():
        g_events = g_row.get("events") or []
        s_events = (system.get(doc_id) or {}).get("events") or []
        pairs = match_events(g_events, s_events, actor)
        optional = {j for i, j in pairs if g_events[i].get("optional")}
        core = [(i, j) for i, j in pairs if not g_events[i].get("optional")]
        tp += len(core)
        n_gold += sum(1 for e in g_events if not e.get("optional"))
        n_sys += len(s_events) - len(optional)
        for i, j in core:
            for name in FIELDS:
                key = "event_date" if name == "event_date_3d" else name
                if name in OPTIONAL_FIELDS and g_events[i].get(key) in (None, ""):
                    continue
                totals[name] += 1
                hits[name] += _field_ok(name, g_events[i], s_events[j], actor)
    precision = tp / n_sys if n_sys else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "reports": len(gold),
        "events": {"gold": n_gold, "system": n_sys, "matched": tp, "precision": precision, "recall": recall,
                   "f1": f1},
        "fields": {name: (hits[name] / totals[name] if totals[name] else None) for name in FIELDS},
        "fields_n": totals,
    }
