"""Build the spaCy pipelines, once per language and configuration.

The statistical pipelines come from the installed model packages; sitreps adds
its own registered components after the model's parser (``sitreps_actors``,
``sitreps_ner``, which runs the model's own ``ner`` only on the sentences that
need it, and ``sitreps_toponyms``), turns off what it does not use, and gives
the models numpy's matrix product (``sitreps.nlp.ops``).
"""

from __future__ import annotations

import functools
import importlib

from spacy.language import Language

from sitreps.config import PipelineConfig
from sitreps.errors import ConfigError
from sitreps.nlp.ops import use_blas

#: Modules whose import registers sitreps's spaCy factories.
COMPONENT_MODULES = ("sitreps.nlp.actors", "sitreps.nlp.cascade", "sitreps.nlp.segment", "sitreps.nlp.toponyms")
#: Model components sitreps does not read.  The tagger (English) and morphologizer (French) stay: they
#: cost a millisecond a report and tell ``sitreps_ner`` which capitalised words are proper nouns.
UNUSED = ("attribute_ruler", "lemmatizer")


def register_components() -> None:
    for name in COMPONENT_MODULES:
        importlib.import_module(name)


@functools.lru_cache(maxsize=4)
def load_nlp(lang: str, config: PipelineConfig | None = None) -> Language:
    """The pipeline for ``lang`` ("en" or "fr"; anything else gets English)."""
    import spacy

    config = config or PipelineConfig()
    register_components()
    model = config.french_model if lang == "fr" else config.english_model
    try:
        nlp = spacy.load(model, exclude=[name for name in UNUSED])
    except OSError as exc:
        raise ConfigError(f"spaCy model {model!r} is not installed: run ./install.sh ({exc})") from exc
    use_blas(nlp)
    nlp.max_length = max(nlp.max_length, config.max_chars)
    nlp.add_pipe("sitreps_line_breaks", before="parser")
    language = "fr" if lang == "fr" else "en"
    # the gated recogniser reads the actors' spans and asks the toponym finder; the model's own ``ner``
    # stays in the pipeline, disabled, for it to call
    nlp.add_pipe("sitreps_actors", last=True, config={"lang": language})
    nlp.add_pipe("sitreps_ner", last=True, config={"everywhere": config.ner_everywhere})
    nlp.add_pipe("sitreps_toponyms", last=True, config={"lang": language})
    nlp.disable_pipe("ner")
    return nlp
