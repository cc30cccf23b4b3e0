"""Readers of the dependency parse the models leave in a Doc (``doc.head``, ``doc.rel``).

Token indices are the Doc's own; a sentence the parser did not see has no entries, and
every reader then answers None.
"""
from __future__ import annotations

from .segment import Doc

SUBJECT_RELS = ("nsubj", "nsubj:pass")
# relations that stay inside a speaker's noun phrase ('глава МИД России Сергей Лавров')
PHRASE_RELS = frozenset({"amod", "nmod", "flat", "flat:name", "flat:foreign", "appos", "nummod", "det",
                         "compound", "case", "punct", "conj", "cc"})
PHRASE_REACH = 20   # tokens a speaker phrase may span


def children(doc: Doc, k: int) -> list[int]:
    """Dependents of token ``k``, in text order (within its sentence)."""
    s = doc.sents[doc.tokens[k].sent]
    return [j for j in range(s.first, s.last) if doc.head.get(j) == k]


def predicate(doc: Doc, k: int) -> int:
    """The finite verb a gerund or participle cue hangs on ('..., отметив, что': its head);
    the cue itself otherwise."""
    rel = doc.rel.get(k)
    if rel in ("advcl", "conj") and doc.head.get(k, -1) >= 0:
        return doc.head[k]
    return k


def subject(doc: Doc, verb: int) -> int | None:
    """The subject of ``verb``; for a conjoined or adverbial verb with none of its own, the
    subject of the verb it joins ('заявил ... и добавил')."""
    for _ in range(3):
        kids = children(doc, verb)
        for j in kids:
            if doc.rel.get(j) in SUBJECT_RELS:
                return j
        if doc.rel.get(verb) in ("conj", "advcl") and doc.head.get(verb, -1) >= 0:
            verb = doc.head[verb]
            continue
        return None
    return None


def clause_subject(doc: Doc, verb: int) -> int | None:
    """The subject of ``verb``, or, when the parser hung it on another verb, a subject between
    ``verb`` and the comma that closes its clause ('Как рассказала РИА Новости представительница
    пресс-службы, сотрудники выявили ...': the parser's 'представительница' has no head here)."""
    found = subject(doc, verb)
    if found is not None:
        return found
    s = doc.sents[doc.tokens[verb].sent]
    for j in range(verb + 1, s.last):
        if doc.tokens[j].text in (",", ";", ":") or doc.tokens[j].is_dash:
            break
        if doc.rel.get(j) in SUBJECT_RELS:
            return j
    return None


def place_of(doc: Doc, verb: int) -> int | None:
    """'В Кремле заявили', 'сообщили в Роскосмосе': the noun of an oblique 'в' phrase of an
    impersonal plural verb."""
    for j in children(doc, verb):
        if doc.rel.get(j) == "obl" and any(doc.tokens[c].low in ("в", "во") and doc.rel.get(c) == "case"
                                           for c in children(doc, j)):
            return j
    return None


def phrase(doc: Doc, k: int) -> tuple[int, int]:
    """The token range of the noun phrase headed by ``k``: its contiguous subtree through
    phrase relations, clipped at commas and kept short."""
    s = doc.sents[doc.tokens[k].sent]
    a = b = k
    changed = True
    while changed:
        changed = False
        for j in range(max(s.first, a - PHRASE_REACH), min(s.last, b + PHRASE_REACH + 1)):
            if a <= j <= b:
                continue
            h = doc.head.get(j)
            if h is not None and a <= h <= b and doc.rel.get(j) in PHRASE_RELS and (j == a - 1 or j == b + 1):
                if doc.tokens[j].text in (",", ".", ";", ":", "—", "–") or doc.rel.get(j) == "cc":
                    continue
                a, b = min(a, j), max(b, j)
                changed = True
    while a < b and doc.rel.get(a) == "case":
        a += 1
    return a, b + 1


ANCESTRY = 24   # heads a walk up the tree follows: bounded work on any parse


def descends(doc: Doc, k: int, v: int) -> bool:
    """Token ``k`` lies in the subtree of token ``v``."""
    for _ in range(ANCESTRY):
        if k == v:
            return True
        k = doc.head.get(k, -1)
        if k < 0:
            return False
    return False


def clause_head(doc: Doc, first: int, last: int, verb: int) -> int | None:
    """The head of the reported clause at tokens [first, last) of the cue ``verb``: the token
    of the span the parse hangs on the verb (or on a word outside the span)."""
    if first not in doc.head:
        return None
    for k in range(first, last):
        h = doc.head.get(k, -1)
        if h == verb or not first <= h < last and doc.rel.get(k) in CLAUSE_RELS:
            return k
    return None


CLAUSE_RELS = ("ccomp", "acl", "parataxis", "advcl", "conj", "xcomp", "root")
