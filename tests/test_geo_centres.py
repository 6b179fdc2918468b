"""Country centre points from the ``countryinfo`` package, and the toponym finder's word lists on file."""

from __future__ import annotations

import pytest

from sitreps.knowledge import geo_build
from sitreps.knowledge.gazetteer import get_gazetteer, haversine_km
from sitreps.knowledge.geo_build import read_tsv
from sitreps.nlp.toponyms import word_list


def test_country_centres_cover_most_countries_with_valid_points() -> None:
    centres = geo_build.country_centres()
    assert len(centres) >= 200
    assert all(len(code) == 2 and code.isupper() for code in centres)
    assert all(-90 <= lat <= 90 and -180 <= lon <= 180 for lat, lon in centres.values())
    assert centres["ML"] != centres["NE"]


@pytest.mark.slow
def test_country_centres_lie_in_their_country() -> None:
    import reverse_geocoder

    centres = geo_build.country_centres()
    # big countries whose centre is well inland: the nearest town must be their own
    codes = ["ML", "NE", "BF", "TD", "FR", "BR", "IN", "CN", "AR", "KZ", "DZ", "NG", "DE", "ES", "TR", "IR"]
    found = reverse_geocoder.search([centres[c] for c in codes], mode=1, verbose=False)
    assert [f["cc"] for f in found] == codes


@pytest.mark.slow
def test_gazetteer_country_point_prefers_our_table_then_the_package() -> None:
    gaz = get_gazetteer()
    centres = geo_build.country_centres()
    ours = {r["country_code"]: (float(r["latitude"]), float(r["longitude"]))
            for r in read_tsv(geo_build.CENTROIDS) if not r["admin1"]}
    for code in ("GR", "SN", "PL", "US", "CA"):
        entry = gaz.country(code)
        assert entry is not None
        expected = ours.get(code) or centres[code]
        assert haversine_km(entry.latitude, entry.longitude, *expected) < 1, code


def test_toponym_word_lists_are_read_from_the_data_file() -> None:
    assert {"county", "parish"} <= word_list("area")
    assert {"police", "sheriff"} <= word_list("institution")
    assert {"january", "mardi", "décembre"} <= word_list("calendar")
    assert word_list("no such list") == frozenset()
