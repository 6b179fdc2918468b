"""The coding rules for the tolls of one incident: all sides together, an updated toll over the earlier
one, the lowest of a range or of conflicting figures.

``combine_tolls`` applies them to the tolls of one clause, ``merge_tolls`` over the clauses of one
incident; the tolls themselves come from :func:`sitreps.resolve.numbers.find_tolls`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sitreps.resolve.numbers import Toll


def combine_tolls(tolls: Iterable[Toll], kind: str = "killed") -> int | None:
    """The toll of one incident from its counts, or None when none is given.

    Per side (soldiers, attackers, civilians, unspecified) the latest updated figure, else the lowest;
    the sides are summed, and the total is never below the unspecified figure ("20 people, including
    15 soldiers" stays 20).  Counts given as part of another ("including ...") are left out.
    """
    chosen = [t for t in tolls if t.kind == kind and not t.prior]
    if not chosen:
        return None
    per_side, updated = _per_side(chosen)
    generic = per_side.pop("any", 0)
    if "any" in updated:
        return max(generic, sum(v for side, v in per_side.items() if side in updated))
    contrasted = bool(generic) and any(t.contrast and t.side == "any" for t in chosen)
    settled = _against_sides(generic, per_side, updated, contrasted)
    return settled if settled is not None else max(generic, sum(per_side.values()))


def _current(tolls: list[Toll]) -> list[Toll]:
    """The tolls without those a later figure replaced, unless no other is left."""
    return [t for t in tolls if not t.earlier] or tolls


def _per_side(tolls: Sequence[Toll]) -> tuple[dict[str, int], set[str]]:
    per_side: dict[str, int] = {}
    updated: set[str] = set()
    joined: set[str] = set()  # sides whose figure so far comes from one coordination ("four Americans and four Nigeriens")
    for toll in _current([t for t in tolls if not t.subset] or list(tolls)):
        if toll.update:
            per_side[toll.side] = toll.value
            updated.add(toll.side)
        elif toll.side not in updated:
            previous = per_side.get(toll.side)
            if previous is None:
                per_side[toll.side] = toll.value
            elif toll.joined and toll.side in joined:
                per_side[toll.side] = previous + toll.value
            else:  # another source's figure for the same side ("killed 30 soldiers" / "10 soldiers"): the lowest
                per_side[toll.side] = min(previous, toll.value)
        if toll.joined:
            joined.add(toll.side)
        else:
            joined.discard(toll.side)
    return per_side, updated


def _against_sides(generic: int, sides: dict[str, int], fixed: set[str], contrasted: bool) -> int | None:
    """The toll when an unspecified figure is another account of the sides' dead, else None (they add up).

    Set against the sides by another source ("20 soldiers, while a local source speaks of 35 dead"), or a
    lone figure below the only side counted ("twenty civilians ... the government put the toll at 18"):
    conflicting figures, the lowest.
    """
    if sides and contrasted:
        return min(generic, sum(sides.values()))
    if _conflicting(generic, sides, fixed):
        return generic
    return None


def _conflicting(generic: int, sides: dict[str, int], fixed: set[str]) -> bool:
    """A lone unspecified figure below the only side counted: another source's figure for the same dead."""
    if len(sides) != 1 or "any" in fixed or generic <= 1:
        return False
    side, value = next(iter(sides.items()))
    # Beside attackers "neutralised", an unspecified figure is usually the other side's loss ("on deplore 2 morts").
    return side in ("state", "civilian") and side not in fixed and generic < value  # not a side's updated toll


def merge_tolls(groups: Sequence[Sequence[Toll]], kind: str = "killed") -> int | None:
    """The toll of an incident reported over several clauses, given their tolls in text order.

    An updated toll ("rose to", "nouveau bilan") sets its side; otherwise two figures for one side
    conflict and the lowest is kept ("killed 20 soldiers", the ministry: "five soldiers"), and a later
    clause adds the sides it is the first to count.  A lone unspecified figure below the only side
    counted is another source's figure for the same dead; civilians by one account and "terrorists"
    in quotation marks by another are one toll.  Figures a later one replaced, counts given as part of
    another and deaths the incident followed are left out.
    """
    totals: dict[str, int] = {}
    fixed: set[str] = set()  # sides set by an updated toll
    extra: dict[int, set[str]] = {}  # clause -> sides it counts further victims of
    sources: dict[str, int] = {}  # side -> the clause that first counted it
    current = [t for group in groups for t in group if t.kind == kind and not t.earlier and not t.prior]
    whole = any(not t.subset and not t.prior for group in groups for t in group if t.kind == kind)

    def replaced(toll: Toll) -> bool:  # an earlier figure for victims a current one counts
        return toll.earlier and any(c.side == toll.side or "any" in (c.side, toll.side) for c in current)

    for n, group in enumerate(groups):
        chosen = [t for t in group if t.kind == kind and not t.prior and not replaced(t) and not (whole and t.subset)]
        extra.setdefault(n, set()).update(t.side for t in chosen if t.more)
        if not chosen:
            continue
        per_side, updated = _per_side(chosen)
        for side, value in per_side.items():
            if side in updated:
                totals[side] = value
                fixed.add(side)
            elif side not in totals:
                totals[side] = value
                sources[side] = n
            elif side in extra.get(n, set()):
                totals[side] += value  # "three more soldiers", "deux autres soldats": further victims
            elif side not in fixed:
                totals[side] = min(totals[side], value)  # conflicting figures: the lowest
    if not totals:
        return None
    contested = any(t.disputed and t.side == "armed" for group in groups for t in group if t.kind == kind)
    if contested and "civilian" in totals and "armed" in totals:
        # "executed 300 civilians" / the army: '203 "terrorists" neutralised': one toll, two accounts
        totals["armed"] = min(totals.pop("civilian"), totals["armed"])
    generic = totals.pop("any", None)
    if generic is None:
        return sum(totals.values())
    contrasted = "any" not in fixed and any(t.contrast and t.side == "any" for t in current)
    settled = _against_sides(generic, totals, fixed, contrasted)
    if settled is not None:
        return settled
    if set(totals) == {"armed"} and "any" not in fixed and sources.get("any") != sources.get("armed"):
        return generic + totals["armed"]  # "neutralised 11 terrorists. Cote ami, 2 morts": the other side's dead
    return max(generic, sum(totals.values()))
