"""Reporting words and phrases, every inflected form generated from the data files.

The tables are built once (``CueLexicon.load``) and matched on razdel's tokens
by dictionary lookups only: a form → its lemma, never a model call per token.
"""
from __future__ import annotations

from dataclasses import dataclass

from .lexicon import lines, norm
from .morph import Morph
from .segment import Doc

VERB_POS = {"VERB", "INFN", "GRND", "PRTS", "PRTF"}
KEEP_POS = frozenset({"VERB", "GRND", "PRTS"})  # infinitives and full participles are no cue
DOCUMENT_REACH = 30  # tokens between "в документе" and the passive cue it names ("В карточке дела на сайте суда говорится")


@dataclass(frozen=True, slots=True)
class CueForm:
    lemma: str
    direct_only: bool
    passive: bool     # говорится, сказано: the speaker owns a document
    gerund: bool
    plural: bool
    gender: str | None
    person1: bool     # first person: the author speaking, not a report
    question: bool = False  # a verb of asking: an indirect question is its report


@dataclass(slots=True)
class Cue:
    first: int        # first token index
    last: int         # one past the last token
    start: int        # char offsets of the whole cue
    end: int
    lemma: str
    kind: str         # verb | passive | phrase | source
    form: CueForm | None = None

    def as_dict(self, text: str) -> dict:
        return {"text": text[self.start:self.end], "start": self.start, "end": self.end, "lemma": self.lemma}


class CueLexicon:
    def __init__(self, forms: dict[str, CueForm], phrases: list[tuple[tuple[frozenset, ...], tuple[bool, ...], str]],
                 sources: list[tuple[tuple[str, ...], str]], doc_nouns: frozenset[str]):
        self.forms = forms
        self.phrases = phrases
        self.sources = sources
        self.source_starts = frozenset(parts[0] for parts, _ in sources)  # 'по', 'согласно', 'если'
        self.doc_nouns = doc_nouns
        self.phrase_heads = {w for words_, _, _ in phrases for w in words_[0]}
        self.light_verbs: dict[str, CueForm] = {}   # form of a light verb → its features
        self.speech_nouns: dict[str, tuple[str, ...]] = {}  # first word's form → the noun's lemma words

    @classmethod
    def load(cls, morph: Morph) -> "CueLexicon":
        forms: dict[str, CueForm] = {}
        for lemma in lines("cue_predicatives.txt"):  # before the verbs: уверен is no passive of уверить
            for p in morph.lexeme_parses(lemma, {"ADJF", "ADJS"}):
                if p.tag.POS == "ADJS":
                    forms.setdefault(norm(p.word), CueForm(norm(lemma), False, False, False,
                                                           p.tag.number == "plur", p.tag.gender, False))
                    if p.tag.gender == "masc" and norm(p.word).endswith("ен"):
                        # 'уверена', 'убеждены': the stance's short forms with one н, which the
                        # dictionary keeps for the passive ('уверенна' is the manner)
                        for end, gender, plural in (("а", "femn", False), ("о", "neut", False), ("ы", None, True)):
                            forms.setdefault(norm(p.word) + end, CueForm(norm(lemma), False, False, False,
                                                                         plural, gender, False))
        for line in lines("cues.txt"):
            body, _, flag = line.partition("|")
            question = flag.strip() == "question"
            direct_only = flag.strip() == "direct" or question
            for lemma in body.split():
                for p in morph.lexeme_parses(lemma, VERB_POS):
                    tag = p.tag
                    if tag.POS not in KEEP_POS or "impr" in tag.grammemes:
                        continue
                    if tag.POS == "PRTS" and "pssv" not in tag.grammemes:
                        continue
                    forms.setdefault(norm(p.word), CueForm(
                        lemma=norm(lemma),
                        direct_only=direct_only,
                        passive=tag.POS == "PRTS" or norm(lemma).endswith("ся") and lemma in _PASSIVE_SJA,
                        gerund=tag.POS == "GRND",
                        plural=tag.number == "plur",
                        gender=tag.gender,
                        person1=tag.person == "1per",
                        question=question,
                    ))
        phrases = []
        for line in lines("cue_phrases.txt"):
            parts = line.split()
            seq, gaps = [], []
            gap = False
            for part in parts:
                if part == "~":
                    gap = True
                    continue
                seq.append(frozenset(norm(w) for w in morph.lexeme(part, {"VERB", "INFN", "NOUN"})) | {norm(part)})
                gaps.append(gap)
                gap = False
            phrases.append((tuple(seq), tuple(gaps), norm(parts[0])))
        sources = []
        for line in lines("source_phrases.txt"):
            parts = tuple(norm(w) for w in line.split())
            sources.append((parts, " ".join(parts)))
        sources.sort(key=lambda s: -len(s[0]))  # longest first
        doc_nouns = frozenset(norm(f) for lemma in lines("document_nouns.txt")
                              for f in morph.lexeme(lemma, {"NOUN"}) + [lemma])
        lexicon = cls(forms, phrases, sources, doc_nouns)
        lexicon.light_verbs, lexicon.speech_nouns = _light_verbs(morph), _speech_nouns(morph)
        return lexicon

    def find(self, doc: Doc) -> list[Cue]:
        """Every cue occurrence in the document, in text order."""
        toks = doc.tokens
        out: list[Cue] = []
        n = len(toks)
        i = 0
        while i < n:
            t = toks[i]
            low = t.low
            cue = None
            if low in self.phrase_heads:
                cue = self._phrase_at(doc, i)
            if cue is None and low in self.light_verbs:
                cue = self._light_phrase_at(doc, i)
            if cue is None and low in self.forms:
                form = self.forms[low]
                cue = Cue(i, i + 1, t.start, t.stop, form.lemma, "passive" if form.passive else "verb", form)
                if form.passive:
                    cue = self._extend_passive(doc, cue)
                    if cue.last == i + 1 and t.low.endswith(("н", "на", "но", "ны", "т", "та", "то", "ты")) \
                            and not self._document_before(doc, i):
                        cue = None  # "объявлен праздником": a short participle reports only "в сообщении"
            if cue is None and low in self.source_starts:
                cue = self._source_at(doc, i)
            if cue is not None:
                out.append(cue)
                i = cue.last
            else:
                i += 1
        return out

    def _phrase_at(self, doc: Doc, i: int) -> Cue | None:
        toks = doc.tokens
        for seq, gaps, lemma in self.phrases:
            if toks[i].low not in seq[0]:
                continue
            j = i + 1
            ok = True
            for part, gap in zip(seq[1:], gaps[1:]):
                limit = j + (4 if gap else 1)
                while j < min(limit, len(toks)) and toks[j].low not in part and toks[j].is_word:
                    j += 1
                if j < len(toks) and toks[j].low in part:
                    j += 1
                else:
                    ok = False
                    break
            if ok:
                head = self.forms.get(toks[i].low)
                return Cue(i, j, toks[i].start, toks[j - 1].stop, lemma, "phrase", head)
        return None

    def _light_phrase_at(self, doc: Doc, i: int) -> Cue | None:
        """A light verb and its noun of speech, a few words apart: 'высказал убеждение',
        'дала весной прогноз', 'выразила удовлетворение'."""
        toks = doc.tokens
        for j in range(i + 1, min(i + 1 + LIGHT_GAP + 1, len(toks))):
            t = toks[j]
            if not t.is_word:
                break
            rest = self.speech_nouns.get(t.low)
            if rest is not None and all(j + 1 + k < len(toks) and toks[j + 1 + k].low == w
                                        for k, w in enumerate(rest[1:])):
                last = j + len(rest)
                form = self.light_verbs[toks[i].low]
                return Cue(i, last, toks[i].start, toks[last - 1].stop,
                           f"{form.lemma} {' '.join(rest)}", "phrase", form)
        # 'Такое мнение высказал X': the noun named back by a demonstrative, before its verb
        if i >= 2 and toks[i - 2].low in BACK_POINTERS and toks[i - 1].low in self.speech_nouns \
                and len(self.speech_nouns[toks[i - 1].low]) == 1:
            form = self.light_verbs[toks[i].low]
            return Cue(i - 1, i + 1, toks[i - 1].start, toks[i].stop,
                       f"{form.lemma} {self.speech_nouns[toks[i - 1].low][0]}", "phrase", form)
        return None

    def _extend_passive(self, doc: Doc, cue: Cue) -> Cue:
        """говорится в (распространённом 21 июня) сообщении → the cue runs to the document noun."""
        toks = doc.tokens
        j = cue.last
        if j < len(toks) and toks[j].low in ("в", "во"):
            for k in range(j + 1, min(j + 6, len(toks))):
                if toks[k].low in self.doc_nouns:
                    cue.last = k + 1
                    cue.end = toks[k].stop
                    return cue
                if not toks[k].is_word:
                    break
        return cue

    def names_document(self, doc: Doc, cue: Cue) -> bool:
        """'говорится в сообщении', 'В документе указано': the cue names the document it
        cites; a bare 'сообщается' names none."""
        return any(t.low in self.doc_nouns for t in doc.tokens[cue.first:cue.last]) \
            or self._document_before(doc, cue.first)

    def _document_before(self, doc: Doc, i: int) -> bool:
        """В документе указано / В нём сказано / В карточке дела на сайте суда говорится: the
        document stands before the participle, in its sentence."""
        toks = doc.tokens
        for k in range(max(0, i - DOCUMENT_REACH), i):
            if toks[k].sent == toks[i].sent and toks[k].low in ("в", "во", "на") and k + 1 < i \
                    and (toks[k + 1].low in self.doc_nouns or toks[k + 1].low in ("нем", "ней", "них")):
                return True
            if toks[k].low == "там" and i - k <= 2:
                return True  # 'Там было указано, что ...': the document or site named before
        return False

    def _source_at(self, doc: Doc, i: int) -> Cue | None:
        """по словам / по его словам / согласно сообщению / со ссылкой на."""
        toks = doc.tokens
        for parts, lemma in self.sources:
            j = i
            ok = True
            skipped_pronoun = False
            for part in parts:
                if j < len(toks) and toks[j].low != part and not skipped_pronoun and toks[j].low in _POSSESSIVES and j > i:
                    j += 1  # по его словам
                    skipped_pronoun = True
                if j < len(toks) and toks[j].low == part:
                    j += 1
                else:
                    ok = False
                    break
            if ok:
                return Cue(i, j, toks[i].start, toks[j - 1].stop, lemma, "source")
        return None


LIGHT_GAP = 3   # words between a light verb and its noun of speech ('дала весной прогноз')
BACK_POINTERS = frozenset({"такое", "такую", "такой", "это", "эту", "этот", "подобное", "подобную"})


def _light_verbs(morph: Morph) -> dict[str, CueForm]:
    out: dict[str, CueForm] = {}
    for line in lines("light_verbs.txt"):
        for lemma in line.split():
            for p in morph.lexeme_parses(lemma, VERB_POS):
                tag = p.tag
                if tag.POS in KEEP_POS and tag.POS != "PRTS" and "impr" not in tag.grammemes:
                    out.setdefault(norm(p.word), CueForm(norm(lemma), False, False, tag.POS == "GRND",
                                                        tag.number == "plur", tag.gender, tag.person == "1per"))
    return out


def _speech_nouns(morph: Morph) -> dict[str, tuple[str, ...]]:
    """Every case form of the first word of each noun of speech, with the words after it
    ('точка зрения': 'точку' → ('точка', 'зрения'))."""
    out: dict[str, tuple[str, ...]] = {}
    for line in lines("speech_nouns.txt"):
        words_ = tuple(norm(w) for w in line.split())
        for form in morph.lexeme(words_[0], {"NOUN"}):
            out.setdefault(norm(form), words_)
    return out


_PASSIVE_SJA = {"сообщаться", "говориться", "отмечаться", "подчёркиваться", "указываться", "уточняться",
                "утверждаться", "поясняться"}
_POSSESSIVES = frozenset({"его", "ее", "её", "их"})
