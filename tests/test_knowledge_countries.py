from __future__ import annotations

import pytest

from sitreps.knowledge.countries import iso3_of_alpha2, iso3_of_country, iso3_of_numeric


@pytest.mark.parametrize(("raw", "expected"), [("466", "MLI"), ("854", "BFA"), ("562", "NER"), ("MLI", "MLI"),
                                               (None, None)])
def test_knowledge_countries_numeric(raw: str | None, expected: str | None) -> None:
    assert iso3_of_numeric(raw) == expected


@pytest.mark.parametrize(("code", "expected"), [("ML", "MLI"), ("bf", "BFA"), ("NE", "NER"), ("ZZ", None), (None, None)])
def test_knowledge_countries_alpha2(code: str | None, expected: str | None) -> None:
    assert iso3_of_alpha2(code) == expected


@pytest.mark.parametrize(("name", "expected"), [("Mali", "MLI"), ("burkina faso", "BFA"), ("Atlantis", None)])
def test_knowledge_countries_names(name: str, expected: str | None) -> None:
    assert iso3_of_country(name) == expected
