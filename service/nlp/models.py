"""slovnet's news NER and dependency parser over navec embeddings: the one adapter to the models.

    models = Models.load()              # once per process, before the workers fork (about 1 s)
    models.annotate(doc, sentences)     # fills doc.ents, doc.head and doc.rel for those sentences

The model files ship inside the ``natasha`` package (``natasha/data``). They are found
without importing natasha, whose import pulls in pymorphy2 (broken on new Pythons);
slovnet and navec load them directly. Nothing is downloaded at run time.

The models read razdel's tokens as the pipeline already has them, so every tag lands on a
token with its offsets into the original text. Rules never touch the models: they read the
plain records this module leaves in the ``Doc`` (natasha's own ``Doc`` works the same way).
"""
from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

# One BLAS thread per process, set before numpy loads (a user's own setting wins): each
# gunicorn worker runs one request at a time, and BLAS threads of two workers and their
# requests fight over the same cores (measured: 16 connections at 8 req/s with the default,
# and one process 10% slower than with one thread).
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

from .segment import Doc

EMBEDDINGS = "emb/navec_news_v1_1B_250K_300d_100q.tar"
NER_MODEL = "model/slovnet_ner_news_v1.tar"
SYNTAX_MODEL = "model/slovnet_syntax_news_v1.tar"
BATCH = 32          # sentences a model call takes at once (sorted by length, so padding stays small)
PADDING = 1.5       # a batch may hold at most 50% padding: short sentences are not padded to long ones
NAME_MARGIN = 6      # tokens the NER reads either side of a capitalised word
WORD_CACHE = 200_000  # words whose encoder ids a process remembers
WINDOW = 120        # tokens a model sees at once: a paragraph with no full stop is cut into windows


@dataclass(slots=True)
class EntitySpan:
    """A named entity the NER found: tokens [first, last) of the Doc, typed PER, ORG or LOC."""
    first: int
    last: int
    type: str


def natasha_data() -> Path:
    """The folder of model files inside the installed natasha package (not imported)."""
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the natasha package (which ships the models) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _windows(first: int, last: int):
    for a in range(first, last, WINDOW):
        yield a, min(a + WINDOW, last)


def _named_windows(doc: Doc, first: int, last: int):
    """The stretches of a sentence the NER needs to read: NAME_MARGIN tokens either side of
    every capitalised word or quote mark (the tagger's convolutions see three tokens either
    side, so a tag there is the one the whole sentence would get), merged, then cut to WINDOW."""
    toks = doc.tokens
    a = b = None
    for k in range(first, last):
        t = toks[k]
        if not (t.is_cap or t.is_quote):
            continue
        lo, hi = max(first, k - NAME_MARGIN), min(last, k + NAME_MARGIN + 1)
        if a is not None and lo <= b:
            b = max(b, hi)
            continue
        if a is not None:
            yield from _windows(a, b)
        a, b = lo, hi
    if a is not None:
        yield from _windows(a, b)


def bio_spans(tags: list[str], offset: int) -> list[EntitySpan]:
    """B-/I- tags of one window as spans; an I- tag after another type opens a span too."""
    out: list[EntitySpan] = []
    for k, tag in enumerate(tags):
        if tag == "O":
            continue
        part, _, typ = tag.partition("-")
        if part == "I" and out and out[-1].last == offset + k and out[-1].type == typ:
            out[-1].last += 1
        else:
            out.append(EntitySpan(offset + k, offset + k + 1, typ))
    return out


class Models:
    """The NER tagger and the parser, built once and shared (read-only) by every request."""

    def __init__(self, ner, syntax) -> None:
        self.ner = ner.infer
        self.syntax = syntax.infer
        for infer in (self.ner, self.syntax):
            _remember_words(infer.encoder)

    @classmethod
    def load(cls, data: Path | None = None) -> "Models":
        from navec import Navec
        from slovnet import NER, Syntax

        data = data or natasha_data()
        emb = Navec.load(data / EMBEDDINGS)
        ner = NER.load(data / NER_MODEL, batch_size=BATCH)
        ner.navec(emb)
        syntax = Syntax.load(data / SYNTAX_MODEL, batch_size=BATCH)
        syntax.navec(emb)
        return cls(ner, syntax)

    def annotate(self, doc: Doc, ner_sents: list[int], parse_sents: list[int]) -> None:
        """Entities on the sentences ``ner_sents``, a parse of ``parse_sents``."""
        ner_windows = [w for s in ner_sents for w in _named_windows(doc, doc.sents[s].first, doc.sents[s].last)]
        for (a, _), tags in zip(ner_windows, self._run(self.ner, doc, ner_windows)):
            doc.ents.extend(bio_spans(tags, a))
        if ner_windows:
            doc.ents.sort(key=lambda e: e.first)
        parse_windows = [w for s in parse_sents for w in _windows(doc.sents[s].first, doc.sents[s].last)]
        for (a, _), (heads, rels) in zip(parse_windows, self._run(self.syntax, doc, parse_windows)):
            for k, (h, rel) in enumerate(zip(heads, rels)):
                doc.head[a + k] = a + int(h) - 1 if int(h) > 0 else -1
                doc.rel[a + k] = rel

    def parse(self, doc: Doc, sents: list[int]) -> None:
        """A parse of the sentences ``sents`` that have none yet."""
        todo = [s for s in sents if doc.sents[s].first not in doc.head and doc.sents[s].last > doc.sents[s].first]
        if todo:
            self.annotate(doc, [], todo)

    @staticmethod
    def _run(infer, doc: Doc, windows: list[tuple[int, int]]) -> list:
        """The model's decoded output for each window, in the windows' order."""
        if not windows:
            return []
        order = sorted(range(len(windows)), key=lambda i: windows[i][1] - windows[i][0])
        out: list = [None] * len(windows)
        for group in _batches(order, [windows[i][1] - windows[i][0] for i in order]):
            items = [[t.text for t in doc.tokens[windows[i][0]:windows[i][1]]] for i in group]
            for i, pred in zip(group, infer.decoder(infer.process(infer.encoder(items)))):
                out[i] = pred if not isinstance(pred, tuple) else (pred[1], pred[2])
        return out


def _remember_words(encoder) -> None:
    """The encoder's ids of a word and of its shape, worked out once per word (slovnet works
    them out for every token anew; a text repeats its words). The cache is per process and
    bounded, like the morphology's."""
    from slovnet.shape import word_shape

    words, shapes, cache = encoder.words_vocab, encoder.shapes_vocab, {}

    def item(tokens):
        word_ids, shape_ids = [], []
        for token in tokens:
            hit = cache.get(token)
            if hit is None:
                if len(cache) >= WORD_CACHE:
                    cache.clear()
                hit = cache[token] = (words.encode(token.lower()), shapes.encode(word_shape(token)))
            word_ids.append(hit[0])
            shape_ids.append(hit[1])
        return word_ids, shape_ids

    encoder.item = item


def _batches(order: list[int], lengths: list[int]):
    """Windows sorted by length, cut into batches of at most BATCH whose padding (every
    window is padded to the longest of its batch) stays under PADDING of the real tokens."""
    group: list[int] = []
    real = 0
    for i, n in zip(order, lengths):
        if group and (len(group) == BATCH or n * (len(group) + 1) > (real + n) * PADDING):
            yield group
            group, real = [], 0
        group.append(i)
        real += n
    if group:
        yield group
