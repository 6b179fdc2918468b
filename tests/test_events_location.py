from __future__ import annotations

import pytest

from sitreps.events.location import _dateline


@pytest.mark.parametrize(("text", "name", "dateline"), [
    ("BAMAKO (Reuters) - Gunmen killed four people.", "BAMAKO", True),
    ("Mali: four killed\nNIAMEY, March 3 (Reuters) - Gunmen killed four.", "NIAMEY", True),
    ("Burkina : attaque\nOuagadougou, 12 janvier 2024 (AIB) - Des hommes armés ont attaqué.", "Ouagadougou", True),
    ("Niger : attaque\nNiamey — Des hommes armés ont attaqué un poste.", "Niamey", True),
    ("Gunmen attacked Boni (Mopti region) on Sunday.", "Boni", False),
    ("Mali: attack\nBoni, a town in central Mali, was attacked on Sunday.", "Boni", False),
    ("Burkina: attack\nDjibo (Burkina Faso) was attacked on Sunday.", "Djibo", False),
])
def test_events_location_dateline(text: str, name: str, dateline: bool) -> None:
    start = text.index(name)
    assert _dateline(text, start, start + len(name)) is dateline
