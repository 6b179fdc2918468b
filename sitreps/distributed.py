"""Run the pipeline on a Dask cluster: the same ``Pipeline.pipe``, mapped over partitions.

This module holds no extraction logic of its own.  Each partition builds its own
``Pipeline`` (models load once per worker process, through ``load_nlp``'s cache)
and yields the extractions of its documents in order::

    from dask.distributed import Client
    from sitreps.distributed import extract_on_dask

    with Client("tcp://scheduler:8786") as client:
        for extraction in extract_on_dask(documents, client=client, npartitions=64):
            ...
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import Any

from sitreps.config import PipelineConfig
from sitreps.models import Document, Extraction


def _run_partition(documents: Iterable[Document], config: PipelineConfig) -> list[Extraction]:
    from sitreps.pipeline import Pipeline

    # Dask already spreads the partitions over processes: no worker pool inside a worker.
    return list(Pipeline(dataclasses.replace(config, n_process=1)).pipe(list(documents)))


def extraction_bag(
    documents: Iterable[Document], *, npartitions: int = 8, config: PipelineConfig | None = None
) -> Any:
    """A ``dask.bag`` of the extractions of ``documents``, one partition a task."""
    import dask.bag as db

    items = list(documents)
    bag = db.from_sequence(items, npartitions=max(1, min(npartitions, len(items) or 1)))
    return bag.map_partitions(_run_partition, config or PipelineConfig())


def extract_on_dask(
    documents: Iterable[Document],
    *,
    client: Any = None,
    npartitions: int = 8,
    config: PipelineConfig | None = None,
) -> Iterator[Extraction]:
    """The extractions of ``documents``, in input order, computed on ``client`` (or dask's default scheduler)."""
    bag = extraction_bag(documents, npartitions=npartitions, config=config)
    results = client.compute(bag).result() if client is not None else bag.compute()
    yield from results
