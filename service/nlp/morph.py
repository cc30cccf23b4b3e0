"""pymorphy3, built once, with a bounded cache of parses by word."""
from __future__ import annotations

import pymorphy3

NAME_TAGS = frozenset({"Name", "Surn", "Patr"})
CACHE_LIMIT = 200_000


class Morph:
    def __init__(self) -> None:
        self.analyzer = pymorphy3.MorphAnalyzer()
        self._cache: dict[str, list] = {}
        self._inflected: dict[tuple, object] = {}
        self._known: dict[str, bool] = {}
        self._derived: dict[tuple[str, str], object] = {}  # (what, word) → a reading of its parses

    def _memo(self, what: str, word: str, compute):
        """``compute(parses of word)``, remembered per word: the readings a text asks again and
        again (cases, lemmas, name readings) are worked out once."""
        key = (what, word.lower())
        hit = self._derived.get(key)
        if hit is None:
            if len(self._derived) >= CACHE_LIMIT:
                self._derived.clear()
            hit = self._derived[key] = compute(self.parse(word))
        return hit

    def parse(self, word: str) -> list:
        low = word.lower()
        hit = self._cache.get(low)
        if hit is None:
            if len(self._cache) >= CACHE_LIMIT:
                self._cache.clear()  # hostile input of endless distinct words
            hit = self._cache[low] = self._safe_parse(low) if len(low) < 64 else []
        return hit

    def _safe_parse(self, low: str) -> list:
        try:
            return self.analyzer.parse(low)
        except (ValueError, KeyError, IndexError):
            return []  # pymorphy has no name for some code points (Tangut, private use)

    def inflect(self, parse, grammemes: frozenset[str]):
        """``parse.inflect(grammemes)``, remembered: names repeat through a text."""
        key = (parse, grammemes)
        hit = self._inflected.get(key, False)
        if hit is False:
            if len(self._inflected) >= CACHE_LIMIT:
                self._inflected.clear()
            hit = self._inflected[key] = parse.inflect(set(grammemes))
        return hit

    def lexeme_parses(self, lemma: str, pos: set[str]) -> list:
        """Every form of ``lemma`` read as one of the parts of speech ``pos``, as parses."""
        for p in self.analyzer.parse(lemma):
            if p.tag.POS in pos and p.normal_form.replace("ё", "е") == lemma.replace("ё", "е"):
                return list(p.lexeme)
        return []

    def lexeme(self, lemma: str, pos: set[str]) -> list[str]:
        """The words of ``lexeme_parses``; the lemma alone when pymorphy has no such reading."""
        return [p.word for p in self.lexeme_parses(lemma, pos)] or [lemma]

    def is_known(self, word: str) -> bool:
        low = word.lower()
        hit = self._known.get(low)
        if hit is None:
            if len(self._known) >= CACHE_LIMIT:
                self._known.clear()
            try:
                hit = self.analyzer.word_is_known(low) if len(low) < 64 else False
            except (ValueError, KeyError, IndexError):
                hit = False
            self._known[low] = hit
        return hit

    def cases(self, word: str) -> frozenset[str]:
        return self._memo("cases", word, lambda ps: frozenset(p.tag.case for p in ps if p.tag.case))

    def pos(self, word: str) -> str | None:
        return self._memo("pos", word, lambda ps: ps[0].tag.POS if ps else "") or None

    def lemma(self, word: str) -> str:
        return self._memo("lemma", word, lambda ps: ps[0].normal_form.replace("ё", "е") if ps else word.lower())

    def lemmas(self, word: str) -> frozenset[str]:
        return self._memo("lemmas", word, lambda ps: frozenset(p.normal_form.replace("ё", "е") for p in ps))

    def noun_lemma(self, word: str) -> str:
        """The dictionary form of a word as a noun: a participle or adjective that can stand
        for one ('обвиняемого', 'Subx' in pymorphy) in the masculine nominative ('обвиняемый'),
        where pymorphy's own lemma would be the verb ('обвинять')."""
        def compute(ps):
            for p in ps[:1]:
                if p.tag.POS in ("PRTF", "ADJF") and "Subx" in p.tag.grammemes:
                    form = self.inflect(p, frozenset({"nomn", "masc", "sing"}))
                    if form is not None:
                        return form.word.replace("ё", "е")
            return ps[0].normal_form.replace("ё", "е") if ps else word.lower()
        return self._memo("noun", word, compute)

    def name_readings(self, word: str) -> frozenset:
        """(case, number, gender) of the singular name readings of ``word``."""
        return self._memo("names", word, lambda ps: frozenset(
            (p.tag.case, p.tag.number, p.tag.gender) for p in ps
            if NAME_TAGS & p.tag.grammemes and p.score >= 0.05 and p.tag.number != "plur"))

    def name_parse(self, word: str, case: str | None = None):
        """The best parse of ``word`` as a first name, surname or patronymic."""
        best = None
        for p in self.parse(word):
            if NAME_TAGS & p.tag.grammemes and p.score >= 0.05:
                if case is None or p.tag.case == case:
                    return p
                if best is None:
                    best = p
        return best if case is None else None
