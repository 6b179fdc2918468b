"""Build the spaCy pipelines, once per language and configuration.

The statistical pipelines come from the installed model packages; sitreps adds
its own registered components (``sitreps_actors``, ``sitreps_toponyms``) after
the model's ``ner`` and turns off what it does not use.
"""

from __future__ import annotations

import functools
import importlib

from spacy.language import Language

from sitreps.config import PipelineConfig
from sitreps.errors import ConfigError

#: Modules whose import registers sitreps's spaCy factories.
COMPONENT_MODULES = ("sitreps.nlp.actors", "sitreps.nlp.segment", "sitreps.nlp.toponyms")
#: Our components, in the order they run after the model's own.
SITREPS_COMPONENTS = ("sitreps_actors", "sitreps_toponyms")
#: Model components sitreps does not read; disabling them is most of its speed.
UNUSED = ("tagger", "morphologizer", "attribute_ruler", "lemmatizer")


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
    nlp.max_length = max(nlp.max_length, config.max_chars)
    nlp.add_pipe("sitreps_line_breaks", before="parser")
    for name in SITREPS_COMPONENTS:
        nlp.add_pipe(name, last=True, config={"lang": "fr" if lang == "fr" else "en"})
    return nlp
