"""A sub-event type classifier fitted on the user's own coded data, used as a second opinion.

``train`` fits TF-IDF (word and character n-grams) + logistic regression on (text, sub-event type)
pairs taken from a gold JSON Lines file (each event's ``evidence``) or an ACLED export (``notes``), and
saves it under :func:`sitreps.config.user_data_dir`.  The coder asks it only where the lexicon rules
fell back on a default; without a trained model the rules work alone.
"""

from __future__ import annotations

import csv
import functools
import json
import pickle
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitreps.config import user_data_dir
from sitreps.errors import ConfigError, SourceError

MODEL_FILE = "event_classifier.pkl"
#: The model must be at least this sure before its guess replaces the rules' default.
THRESHOLD = 0.5


@dataclass(frozen=True, kw_only=True)
class TrainingSummary:
    path: Path
    examples: int
    labels: dict[str, int]


class Classifier:
    """A fitted scikit-learn pipeline mapping a sentence to an ACLED sub-event type."""

    def __init__(self, pipeline: Any) -> None:
        self.pipeline = pipeline

    def predict(self, text: str) -> str | None:
        """The sub-event type of ``text``, or None when the model is not sure enough."""
        probabilities = self.pipeline.predict_proba([text])[0]
        best = int(probabilities.argmax())
        if probabilities[best] < THRESHOLD:
            return None
        return str(self.pipeline.classes_[best])


def read_examples(path: Path) -> list[tuple[str, str]]:
    """(text, sub-event type) pairs from a gold JSON Lines file or an ACLED CSV export."""
    if not path.exists():
        raise SourceError(str(path), "no such file")
    examples: list[tuple[str, str]] = []
    if path.suffix.lower() in (".csv", ".tsv"):
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh, delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
            for row in reader:
                text, label = (row.get("notes") or "").strip(), (row.get("sub_event_type") or "").strip()
                if text and label:
                    examples.append((text, label))
        return examples
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SourceError(f"{path}:{n}", f"not JSON: {exc}") from exc
            for event in row.get("events") or []:
                text, label = (event.get("evidence") or "").strip(), (event.get("sub_event_type") or "").strip()
                if text and label:
                    examples.append((text, label))
    return examples


def fit(examples: Sequence[tuple[str, str]]) -> Classifier:
    """A classifier fitted on ``examples``; needs two labels at least."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    labels = {label for _, label in examples}
    if len(labels) < 2:
        raise ConfigError(f"training needs examples of two sub-event types at least, got {sorted(labels)}")
    pipeline = Pipeline([
        ("features", FeatureUnion([
            ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True, strip_accents="unicode")),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=1, sublinear_tf=True,
                                      strip_accents="unicode")),
        ])),
        ("model", LogisticRegression(max_iter=2000, class_weight="balanced")),
    ])
    pipeline.fit([text for text, _ in examples], [label for _, label in examples])
    return Classifier(pipeline)


def model_path(directory: Path | None = None) -> Path:
    return (directory or user_data_dir()) / MODEL_FILE


def train(sources: Iterable[Path], directory: Path | None = None) -> TrainingSummary:
    """Fit on every example of ``sources`` and save the model; returns what was learnt."""
    examples = [example for source in sources for example in read_examples(Path(source))]
    classifier = fit(examples)
    path = model_path(directory)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        pickle.dump(classifier.pipeline, fh)
    load.cache_clear()
    return TrainingSummary(path=path, examples=len(examples), labels=dict(Counter(label for _, label in examples)))


@functools.lru_cache(maxsize=4)
def load(path: Path) -> Classifier | None:
    """The classifier saved at ``path``, or None when there is none."""
    if not path.exists():
        return None
    try:
        with path.open("rb") as fh:
            return Classifier(pickle.load(fh))
    except (OSError, pickle.UnpicklingError, AttributeError, EOFError) as exc:
        raise ConfigError(f"cannot read the trained event classifier {path}: {exc}") from exc


def load_default() -> Classifier | None:
    """The user's trained classifier, if there is one."""
    return load(model_path())
