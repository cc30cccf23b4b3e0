"""razdel's sentences and tokens, done once per text, as offsets into it.

Nothing here re-joins tokens: every later span is a slice of the original text.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from razdel import sentenize, tokenize

from .lexicon import norm

DASHES = frozenset("—–-−")
QUOTE_CHARS = frozenset("«»„“”\"‟‹›")
FINAL_PUNCT = frozenset(".!?…")


@dataclass(slots=True)
class Token:
    start: int
    stop: int
    text: str
    sent: int
    low: str  # normalised (lower case, ё → е)

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_dash(self) -> bool:
        return self.text in DASHES or self.text == "--"

    @property
    def is_quote(self) -> bool:
        return self.text in QUOTE_CHARS


@dataclass(slots=True)
class Sentence:
    start: int
    stop: int
    first: int  # index of its first token
    last: int   # index one past its last token


@dataclass
class Doc:
    text: str
    tokens: list[Token] = field(default_factory=list)
    sents: list[Sentence] = field(default_factory=list)
    ents: list = field(default_factory=list)    # named entities (models.EntitySpan), by first token
    head: dict[int, int] = field(default_factory=dict)  # token → its syntactic head (-1: the root), parsed sentences only
    rel: dict[int, str] = field(default_factory=dict)   # token → its dependency relation
    outlets: dict[int, int] = field(default_factory=dict)  # first token → end of each outlet's name (entities.py)
    bodies: dict[int, int] = field(default_factory=dict)   # first token → end of each organisation's name
    _starts: list[int] = field(default_factory=list, repr=False)
    _sent_starts: list[int] = field(default_factory=list, repr=False)

    def token_at(self, offset: int) -> int:
        """Index of the first token that starts at or after ``offset``."""
        i = bisect_right(self._starts, offset - 1)
        return i

    def token_before(self, offset: int) -> int:
        """Index of the last token that ends at or before ``offset`` (-1 if none)."""
        i = bisect_right(self._starts, offset - 1) - 1
        while i >= 0 and self.tokens[i].stop > offset:
            i -= 1
        return i

    def sent_of(self, offset: int) -> int:
        i = bisect_right(self._sent_starts, offset) - 1
        return max(i, 0)

    def span(self, start: int, stop: int) -> dict:
        return {"text": self.text[start:stop], "start": start, "end": stop}


def segment(text: str) -> Doc:
    """Sentences and tokens of the text, paragraph by paragraph: a sentence never runs over
    a line break, and a paragraph with no letter or digit in it (a run of quote marks, dashes,
    spaces) has nothing to attribute and is not handed to razdel."""
    doc = Doc(text)
    tokens = doc.tokens
    for start, stop in _paragraphs(text):
        para = text[start:stop]
        if not any(c.isalnum() for c in para):
            continue
        for sent in sentenize(para):
            first = len(tokens)
            base = start + sent.start
            s_index = len(doc.sents)
            for tok in _joined(tokenize(sent.text), sent.text):
                tokens.append(Token(base + tok[0], base + tok[1], tok[2], s_index, norm(tok[2])))
            doc.sents.append(Sentence(base, base + len(sent.text), first, len(tokens)))
    doc._starts = [t.start for t in tokens]
    doc._sent_starts = [s.start for s in doc.sents]
    return doc


def _joined(tokens, text: str):
    """(start, stop, text) of razdel's tokens, with a lower-case abbreviation of single letters
    and dots kept as one token ('и.о.', 'т.е.': razdel cuts them into four)."""
    run: list = []
    for tok in tokens:
        single = len(tok.text) == 1 and (tok.text == "." or tok.text.isalpha() and tok.text.islower())
        if single and (not run or run[-1].stop == tok.start and (run[-1].text == ".") != (tok.text == ".")):
            run.append(tok)
            continue
        yield from _flush(run, text)
        run = [tok] if single else []
        if not single:
            yield tok.start, tok.stop, tok.text
    yield from _flush(run, text)


def _flush(run: list, text: str):
    if len(run) >= 4 and run[-1].text == ".":
        yield run[0].start, run[-1].stop, text[run[0].start:run[-1].stop]
    else:
        for tok in run:
            yield tok.start, tok.stop, tok.text


def _paragraphs(text: str):
    """(start, stop) of each paragraph: a line of the text, with the lines a hard wrap continues
    it by ('сообщил журналистам в\nчетверг': the next line opens in lower case, or with a digit
    after a line that ends mid-sentence)."""
    start = 0
    while start < len(text):
        stop = text.find("\n", start)
        while 0 <= stop < len(text) - 1 and stop > start and wrapped(text, stop):
            stop = text.find("\n", stop + 1)
        if stop < 0:
            stop = len(text)
        yield start, stop
        start = stop + 1


SENTENCE_ENDS = ".!?…:;»\"“”"


def wrapped(text: str, nl: int) -> bool:
    """The line break at ``nl`` only wraps a sentence."""
    nxt, prev = text[nl + 1], text[nl - 1]
    if prev.isspace() or prev in SENTENCE_ENDS:
        return nxt.islower() and prev not in SENTENCE_ENDS
    return nxt.islower() or nxt.isdigit()
