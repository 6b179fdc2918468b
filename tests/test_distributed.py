from __future__ import annotations

import dask
import pytest

from sitreps.distributed import extract_on_dask, extraction_bag
from sitreps.documents import to_document
from sitreps.models import RawInput
from sitreps.pipeline import Pipeline


def _documents() -> list:
    texts = [
        "Gunmen killed four villagers in Boni, Mali, on Sunday, residents said.",
        "Des hommes armés ont attaqué un poste de gendarmerie à Djibo samedi.",
        "The army said it repelled an attack on its camp in Tessit on Monday.",
    ]
    return [to_document(RawInput(origin=f"t{i}", text=t, published="2024-03-12")) for i, t in enumerate(texts)]


def test_distributed_bag_has_one_partition_per_requested_chunk() -> None:
    bag = extraction_bag(_documents(), npartitions=2)
    assert bag.npartitions == 2


@pytest.mark.slow
def test_distributed_matches_local_pipeline() -> None:
    documents = _documents()
    local = list(Pipeline().pipe(documents))
    with dask.config.set(scheduler="synchronous"):
        remote = list(extract_on_dask(documents, npartitions=2))
    assert [x.document.id for x in remote] == [d.id for d in documents]
    assert [x.scoring_record() for x in remote] == [x.scoring_record() for x in local]
