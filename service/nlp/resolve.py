"""Anaphora through the document: Там, в посольстве, он, президент, Лукина.

The registry is filled in two ways: a pre-pass over the text records every
person name and every named organisation (with their spans), and each
attributed quote, in text order, records its speaker. A mention that names
nobody by itself is resolved against those, nearest first.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field

from .lexicon import norm
from .segment import Doc
from .speakers import Mention, Speakers, _lower_first, same_name_word

PERSON_WINDOW = 6   # sentences a pronoun or a title may reach back
ORG_WINDOW = 8
LOOKBACK = 200      # entries of a registry list any one resolution looks at: bounded work per mention


@dataclass
class Entity:
    name: str
    kind: str
    start: int
    end: int
    sent: int
    keys: set[str] = field(default_factory=set)
    gender: str | None = None
    titles: set[str] = field(default_factory=set)
    head: str | None = None
    parts: int = 1
    nominative: bool = True
    surname: str | None = None


@dataclass(slots=True)
class Resolved:
    name: str | None
    kind: str
    resolved: bool
    antecedent: tuple[int, int] | None
    gender: str | None = None


def _keys(name: str) -> set[str]:
    return {norm(p).split(".")[-1] for p in name.split() if len(p.split(".")[-1]) >= 3}


def _before(entries: list[tuple[int, Entity]], offset: int):
    """Entries before ``offset``, nearest first, at most LOOKBACK of them."""
    i = bisect_left(entries, offset, key=lambda x: x[0])
    for k in range(i - 1, max(i - LOOKBACK, 0) - 1, -1):
        yield entries[k]


def _named_head(e: Entity, heads: set[str]) -> bool:
    first = norm(e.name).split()[0] if e.name else ""
    return any(first.startswith(h[:5]) for h in heads if h)


class Registry:
    def __init__(self, doc: Doc, sp: Speakers) -> None:
        self.doc = doc
        self.sp = sp
        self.persons: list[Entity] = []
        self.orgs: list[Entity] = []
        self.said: list[tuple[int, Entity]] = []
        self.person_mentions: list[tuple[int, Entity]] = []
        self.quoted: list[tuple[int, int]] = []  # spans of quotes, sorted: mentions there are no antecedents
        self._by_key: dict[str, list[Entity]] = {}     # people by the first letters of their name words
        self._by_title: dict[str, list[Entity]] = {}   # people by the posts the text gives them
        self._by_name: dict[str, Entity] = {}  # (offset, speaker) of attributed quotes
        self.outlets: set[str] = set()  # bodies an outlet noun pointed back at: outlets in this text

    # -- the pre-pass ---------------------------------------------------------

    def prescan(self, table) -> None:
        """Every person and every organisation the entity table (the NER) names, in text order:
        no name is guessed from capital letters here."""
        doc = self.doc
        for a, b, ent in table.spans():
            sent = doc.tokens[a].sent
            if ent.kind == "person":
                self._person_at(a, b)
            elif ent.kind == "organization":
                span_ = table.char_span(a, b)
                self.orgs.append(Entity(ent.name, "media" if ent.media else "organization", span_["start"],
                                        span_["end"], sent, head=ent.head, nominative=table.nominative_at(a, b)))

    def _person_at(self, a: int, b: int) -> int:
        doc, sp = self.doc, self.sp
        t = doc.tokens[a]
        case = None if sp.nominative_ok(doc, a, b) else sp.run_case(doc, a, b)
        lo = max(doc.sents[t.sent].first, a - 8)
        m = sp.mention(doc, sp.title_start(doc, lo, a), b, case)
        if m is not None and m.kind == "person" and m.name:
            e = self.add_person(m, t.sent, nominative=case in (None, "nomn"))
            if case is None and sp.nominative_ok(doc, a, b, e.gender):  # only a subject is an antecedent for "он"
                self.person_mentions.append((m.start, e))
        return b

    def add_person(self, m: Mention, sent: int, nominative: bool = True) -> Entity:
        keys = _keys(m.name)
        parts = sum(1 for p in m.name.split() if not p.endswith(".") and "." not in p)
        for e in self._candidates({m.surname} if m.surname else set()):
            if m.surname and (same_name_word(m.surname, e.surname or "") or
                              len(m.name.split()) == 1 and any(same_name_word(m.surname, k) for k in e.keys)):
                self._index(e, keys - e.keys, set(m.titles) - e.titles)
                e.gender = e.gender or m.gender
                if parts > e.parts or parts == e.parts and nominative and not e.nominative:
                    e.name, e.parts, e.start, e.end, e.nominative = m.name, parts, m.start, m.end, nominative
                    self._by_name[e.name] = e
                return e
        e = Entity(m.name, "person", m.start, m.end, sent, set(), m.gender, set(), parts=parts,
                   nominative=nominative, surname=m.surname)
        self.persons.append(e)
        self._by_name[e.name] = e
        self._index(e, keys, set(m.titles))
        return e

    def _index(self, e: Entity, keys: set[str], titles: set[str]) -> None:
        e.keys |= keys
        e.titles |= titles
        for k in keys:
            self._by_key.setdefault(k[:4], []).append(e)
        for t in titles:
            self._by_title.setdefault(t, []).append(e)

    def _candidates(self, keys: set[str]) -> list[Entity]:
        seen: dict[int, Entity] = {}
        for k in keys:
            for e in self._by_key.get(k[:4], ()):
                seen.setdefault(id(e), e)
        return list(seen.values())

    def add_org(self, m: Mention, sent: int) -> Entity:
        e = Entity(m.name, m.kind, m.start, m.end, sent, head=m.head)
        self.orgs.append(e)
        return e

    # -- resolution -----------------------------------------------------------

    def resolve(self, m: Mention, offset: int) -> Resolved:
        sent = self.doc.sent_of(offset)
        if m.anaphor is None:
            if m.kind == "person" and m.surname:
                e = self._person_by_name(m)
                own = sum(1 for p in m.name.split() if "." not in p)
                if e is not None and norm(e.name) != norm(m.name) and (e.parts > own or e.nominative):
                    return Resolved(e.name, "person", True, (e.start, e.end), e.gender)
                return Resolved(m.name, "person", False, None, m.gender or (e.gender if e else None))
            if m.kind == "group" and m.head:
                # "представитель ЕС" after "верховный представитель ЕС Кэтрин Эштон"
                e = next((p for p in reversed(self.persons) if p.start < offset and m.head in p.titles), None)
                if e is not None:
                    return Resolved(e.name, e.kind, True, (e.start, e.end), e.gender)
            return Resolved(m.name, m.kind, False, None, m.gender)
        e = None
        if m.anaphor == "relative" and m.target is not None:
            t = m.target
            r = self.resolve(t, t.start) if t.anaphor != "relative" else Resolved(t.name, t.kind, False, None)
            return Resolved(r.name, r.kind, True, r.antecedent or (t.start, t.end), r.gender)
        if m.anaphor == "pronoun":
            e = self._pronoun(m, offset, sent)
        elif m.anaphor == "place":
            e = self._last_said(offset, sent, ("organization",), ORG_WINDOW) or self._last_org(offset)
        elif m.anaphor == "org":
            e = self._org_antecedent(m, offset, sent)
        elif m.anaphor == "media":
            # 'агентство', 'издание': the outlet quoted or named before; failing one, the body
            # quoted just before ('..., сообщает РИА Новости. По данным агентства, ...')
            e = self._last_said(offset, sent, ("media",), ORG_WINDOW) or self._last_org(offset, "media") \
                or self._last_said(offset, sent, ("organization",), ORG_WINDOW)
            if e is not None and e.kind != "media" and m.head not in self.sp.org_nouns:
                self.outlets.add(e.name)  # 'издание', 'газета' name outlets only; 'агентство' not
        elif m.anaphor == "title":
            e = self._titled(m, offset, sent)
        if e is None:
            if m.anaphor == "title":  # "министр" with no minister named before: an unnamed person
                name = _lower_first(m.name) if m.name else m.name
                return Resolved(name, "group", False, None, m.gender)
            return Resolved(m.name, m.kind if m.name else "unknown", False, None, m.gender)
        return Resolved(e.name, e.kind, True, (e.start, e.end), e.gender)

    def record(self, r: Resolved, mention: tuple[int, int]) -> None:
        """A quote's speaker, for the anaphora after it: said at ``mention``, and named
        where ``r`` points (its antecedent), so that "Там" after "в посольстве" points at
        "Посольстве РФ в РК", not at the anaphor before it."""
        if r.name is None:
            return
        e = self._by_name.get(r.name) if r.kind == "person" else None
        if e is None:
            named = r.antecedent or mention
            e = Entity(r.name, r.kind, named[0], named[1], self.doc.sent_of(named[0]), _keys(r.name), r.gender)
        insort(self.said, (mention[0], e), key=lambda x: x[0])

    def _person_by_name(self, m: Mention) -> Entity | None:
        """The person a name points at: by surname; a lone word also by first name
        ('Ярослава' → Ярослав Емельяненко), but 'Джон Говард' is not 'Джон Стэйнтон'."""
        keys = _keys(m.name)
        full = len(m.name.split()) > 1
        best = None
        for e in self._candidates(keys):
            theirs = {e.surname} if full and e.surname else e.keys
            mine = {m.surname} if full and m.surname else keys
            if any(same_name_word(k, ek) for k in mine for ek in theirs):
                if best is None or e.parts > best.parts:
                    best = e
        return best

    def _pronoun(self, m: Mention, offset: int, sent: int) -> Entity | None:
        """The nearest person before the pronoun, as a speaker or as a mention outside quotes."""
        if m.plural:
            return self._last_said(offset, sent, ("group", "organization", "media"), 3)
        best: tuple[int, Entity] | None = None
        for source in (self.said, self.person_mentions):
            for off, e in _before(source, offset):
                if sent - self.doc.sent_of(off) > PERSON_WINDOW:
                    break
                if e.kind == "person" and (m.gender is None or e.gender in (None, m.gender)) and not self._in_quote(off):
                    if best is None or off > best[0]:
                        best = (off, e)
                    break
        return best[1] if best else None

    def last_said_person(self, offset: int, window: int, gender: str | None) -> tuple[int, Entity] | None:
        """(offset, person) of the last person quoted before ``offset`` within ``window``
        sentences, of ``gender`` when given."""
        sent = self.doc.sent_of(offset)
        for off, e in _before(self.said, offset):
            if sent - self.doc.sent_of(off) > window:
                return None
            if e.kind == "person" and (gender is None or e.gender in (None, gender)):
                return off, e
        return None

    def _in_quote(self, offset: int) -> bool:
        i = bisect_right(self.quoted, (offset, float("inf"))) - 1
        return i >= 0 and self.quoted[i][0] <= offset < self.quoted[i][1]

    def _titled(self, m: Mention, offset: int, sent: int) -> Entity | None:
        for title in m.titles:
            cands = [e for e in self._by_title.get(title, ())[-LOOKBACK:] if e.start < offset]
            if cands:
                return cands[-1]
        for off, e in _before(self.said, offset):
            if sent - self.doc.sent_of(off) > PERSON_WINDOW:
                break
            if e.kind == "person" and (m.gender is None or e.gender in (None, m.gender)):
                return e
        return None

    def _last_said(self, offset: int, sent: int, kinds: tuple[str, ...], window: int) -> Entity | None:
        for off, e in _before(self.said, offset):
            if sent - self.doc.sent_of(off) <= window:
                return e if e.kind in kinds else None
            break
        return None

    def document_owner(self, offset: int) -> Entity | None:
        """Who wrote the document a passive cue cites without naming its owner ('В документе
        указано', 'В нём сказано'): the body or person named last in the two sentences before."""
        sent = self.doc.sent_of(offset)
        best: tuple[int, Entity] | None = None
        for e in reversed(self.orgs[-LOOKBACK:]):
            if e.start < offset and e.kind == "organization" and e.nominative:
                best = (e.start, e)  # the author stands as a subject ('МИД опубликовал комментарий')
                break
        for off, e in _before(self.person_mentions, offset):
            if best is None or off > best[0]:
                best = (off, e)
            break
        if best is None or sent - self.doc.sent_of(best[0]) > 2 or self._in_quote(best[0]):
            return None
        return best[1]

    def _org_antecedent(self, m: Mention, offset: int, sent: int) -> Entity | None:
        """'посольства' → the embassy named before; 'ведомство' → a ministry or agency;
        'пресс-службе базы' → the press service of a base named before."""
        heads = self.sp.org_anaphor_heads.get(m.head or "", frozenset()) | {m.head}
        words_ = self.doc.text[m.start:m.end].split()
        at = next((i for i, w in enumerate(words_) if m.head and self.sp.morph.lemma(w) == m.head), 0)
        extra = [norm(w)[:4] for w in words_[at + 1:] if len(w) > 3]  # the named tail, not adjectives
        official = "*" in heads
        for e in reversed(self.orgs[-LOOKBACK:]):
            if e.start < offset and e.kind == "organization" and (
                    e.head in heads or _named_head(e, heads - {"*"}) or official and self.sp.official_name(e.name)):
                if all(x in norm(e.name) for x in extra):
                    return e
        if extra:
            return None  # "пресс-службе базы" with no such base named: the phrase stands as it is
        said = self._last_said(offset, sent, ("organization",), ORG_WINDOW)
        if said is not None and (m.head not in self.sp.org_anaphor_heads or not self.sp.org_anaphor_heads[m.head]
                                 or said.head in heads or _named_head(said, heads - {"*"})
                                 or official and self.sp.official_name(said.name)):
            return said
        return None

    def _last_org(self, offset: int, kind: str = "organization") -> Entity | None:
        for e in reversed(self.orgs[-LOOKBACK:]):
            if e.start < offset and e.kind == kind:
                return e
        return None
