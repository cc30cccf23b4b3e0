"""Quote-mark pairing on the whole text.

razdel splits a quote and its attribution into separate sentences, so marks
are paired over the text, not sentence by sentence. Guillemets and „“ have a
fixed role; a straight ``"`` (and ``“`` outside „“) takes its role from its
neighbours: after a space and before a letter it opens, after a letter and
before a space or punctuation it closes. Nesting is a bounded stack; a paragraph
break ends every open mark, so an unclosed mark never swallows the rest of the
text. One pass, constant work per mark: linear on any input.
"""
from __future__ import annotations

from dataclasses import dataclass

from .segment import wrapped

OPENERS = {"«": "»", "„": "“", "‹": "›"}
CLOSERS = {"»": "«", "›": "‹"}
AMBIGUOUS = frozenset('"“”')
ALL_MARKS = frozenset(OPENERS) | frozenset(CLOSERS) | AMBIGUOUS
MAX_DEPTH = 16

_OPEN_LEFT = frozenset(" \t\n\r\u00a0([{«„“'—–-/:")
_CLOSE_RIGHT = frozenset(" \t\n\r\u00a0)]}».,;:!?…»“”'—–-/")


@dataclass(slots=True)
class Pair:
    open: int    # offset of the opening mark
    close: int   # offset of the closing mark
    depth: int   # 0 for an outermost pair
    open_char: str
    close_char: str

    @property
    def start(self) -> int:  # content start
        return self.open + 1

    @property
    def end(self) -> int:    # content end
        return self.close


def _role(text: str, i: int) -> str:
    """'open', 'close' or '' for an ambiguous mark at ``i``, from its neighbours."""
    left = text[i - 1] if i > 0 else " "
    right = text[i + 1] if i + 1 < len(text) else " "
    can_open = left in _OPEN_LEFT and not right.isspace()
    can_close = not left.isspace() and (right in _CLOSE_RIGHT or right.isspace())
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    return ""


def pair_marks(text: str) -> list[Pair]:
    """Every balanced pair of quote marks, outermost and nested, in text order."""
    pairs: list[Pair] = []
    stack: list[tuple[int, str]] = []  # (offset, the closing char it expects)

    def close_to(k: int, i: int, ch: str) -> None:
        off, _ = stack[k]
        del stack[k:]
        pairs.append(Pair(off, i, k, text[off], ch))

    def find(expect: set[str]) -> int:
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][1] in expect:
                return k
        return -1

    def push(i: int, expect: str) -> None:
        if len(stack) >= MAX_DEPTH:
            del stack[0]
        stack.append((i, expect))

    for i, ch in enumerate(text):
        if ch == "\n":
            if not (0 < i < len(text) - 1 and wrapped(text, i)):
                stack.clear()  # a quote never runs over a paragraph; over a hard-wrapped line it does
            continue
        if ch not in ALL_MARKS:
            continue
        if ch in OPENERS:
            push(i, OPENERS[ch])
        elif ch in CLOSERS:
            k = find({ch})
            if k >= 0:
                close_to(k, i, ch)
        elif ch == '"':
            role = _role(text, i)
            top = stack[-1][1] if stack else None
            if role == "close" or (role == "" and top == '"'):
                k = find({'"'})
                if k >= 0:
                    close_to(k, i, ch)
                elif role == "":
                    push(i, '"')
            elif role == "open" or role == "":
                push(i, '"')
        else:  # “ or ”: closes „ or “ when one is open, otherwise opens
            k = find({"“", "”"}) if ch == "“" else find({"”", "“"})
            role = _role(text, i)
            if k >= 0 and role != "open":
                close_to(k, i, ch)
            elif role != "close":
                push(i, "”")
    pairs.sort(key=lambda p: p.open)
    _set_depths(pairs)
    return pairs


def _set_depths(pairs: list[Pair]) -> None:
    open_stack: list[Pair] = []
    for p in pairs:
        while open_stack and open_stack[-1].close < p.open:
            open_stack.pop()
        p.depth = len(open_stack)
        open_stack.append(p)
