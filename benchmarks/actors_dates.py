import time, datetime as dt, spacy
import sitreps.nlp.actors  # noqa
from sitreps.resolve.actors import find_actors
from sitreps.resolve.dates import find_dates
from sitreps.models import Document
words = open('/work/shared/seed/mali-isgs-article.txt').read().split()[:800]
text = " ".join(words)
nlp = spacy.blank("en"); nlp.add_pipe("sentencizer")
ruler = sitreps.nlp.actors.ActorRuler(lang="en")
docs = [nlp(text) for _ in range(50)]
doc_meta = Document(id="b", text=text, origin="bench")
t0 = time.perf_counter()
for d in docs: ruler(d)
t1 = time.perf_counter()
for d in docs: find_actors(d, doc_meta)
t2 = time.perf_counter()
for d in docs: find_dates(d, dt.date(2023, 9, 1))
t3 = time.perf_counter()
n = len(docs)
print(f"800 words: sitreps_actors {1000*(t1-t0)/n:.1f} ms, find_actors {1000*(t2-t1)/n:.1f} ms, find_dates {1000*(t3-t2)/n:.1f} ms per report")
