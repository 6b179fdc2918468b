"""Matrix products for the spaCy models through numpy's BLAS.

thinc's CPU backend multiplies matrices with ``blis``.  On the machines we
measured, numpy's own BLAS (OpenBLAS in the PyPI wheels, Accelerate on macOS)
does the same product about three times faster on one thread, and the products
are half of the models' time.  ``BlasOps`` keeps every other kernel of thinc's
``NumpyOps`` and hands ``gemm`` to ``numpy.matmul``; the parses it gives are
the same (see ``tests/test_nlp_ops.py``).  The same pattern is how
``thinc-apple-ops`` speeds thinc up on Apple machines.

The parser's transition step calls blis from C and is left as it is.
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.language import Language
from thinc.api import NumpyOps


class BlasOps(NumpyOps):
    """``NumpyOps`` whose matrix product is ``numpy.matmul``."""

    name = "numpy-blas"

    def gemm(self, x: Any, y: Any, out: Any = None, trans1: bool = False, trans2: bool = False) -> Any:
        if trans1:
            x = x.T
        if trans2:
            y = y.T
        if out is None:
            return numpy.matmul(x, y)
        numpy.matmul(x, y, out=out)
        return out


def use_blas(nlp: Language) -> Language:
    """Give every layer of ``nlp``'s trained components ``BlasOps``."""
    ops = BlasOps()
    for _name, component in nlp.components:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for layer in model.walk():
            layer.ops = ops
    return nlp


def one_blas_thread() -> None:
    """Keep this process's BLAS on one thread: for workers that, together, already fill every core."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
