"""The models' matrix products through numpy's BLAS: same products, same parses."""

from __future__ import annotations

import numpy
import pytest
from thinc.api import NumpyOps

from sitreps.nlp.ops import BlasOps, use_blas


@pytest.mark.parametrize(("trans1", "trans2"), [(False, False), (True, False), (False, True), (True, True)])
def test_gemm_matches_thinc(trans1: bool, trans2: bool) -> None:
    rng = numpy.random.default_rng(7)
    x = rng.random((5, 3) if trans1 else (3, 5), dtype="float32")
    y = rng.random((4, 5) if trans2 else (5, 4), dtype="float32")
    want = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    got = BlasOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert got.shape == (3, 4)
    numpy.testing.assert_allclose(got, want, rtol=1e-5)


def test_gemm_writes_into_out() -> None:
    x = numpy.ones((2, 3), dtype="float32")
    y = numpy.full((3, 2), 2.0, dtype="float32")
    out = numpy.zeros((2, 2), dtype="float32")
    assert BlasOps().gemm(x, y, out=out) is out
    assert out.tolist() == [[6.0, 6.0], [6.0, 6.0]]


@pytest.mark.slow
def test_loaded_pipeline_uses_blas_and_parses_as_before(en) -> None:  # type: ignore[no-untyped-def]
    import spacy

    from sitreps.config import PipelineConfig

    layers = [layer for _, c in en.components if hasattr(getattr(c, "model", None), "walk")
              for layer in c.model.walk()]
    assert layers and all(isinstance(layer.ops, BlasOps) for layer in layers)
    text = ("Gunmen on motorcycles attacked a market near Bankass in central Mali on Tuesday, killing nine "
            "civilians, officials said. The army said it had sent reinforcements to the area.")
    plain = spacy.load(PipelineConfig().english_model, exclude=["tagger", "attribute_ruler", "lemmatizer"])
    fast = use_blas(spacy.load(PipelineConfig().english_model, exclude=["tagger", "attribute_ruler", "lemmatizer"]))

    def parse(doc):  # type: ignore[no-untyped-def]
        return [(t.dep_, t.head.i, t.ent_type_, t.ent_iob_) for t in doc]

    assert parse(fast(text)) == parse(plain(text))
