"""Speaker mentions: where the noun phrase stands, its canonical name, its kind.

A mention is read off razdel's tokens with dictionary lookups and pymorphy's
parses: a person is a run of name tokens (Name/Surn/Patr, initials, unknown
capitalised words), an organisation a phrase headed by an organisation noun or
an abbreviation, a medium or a group by their word lists. Names are put in the
nominative by inflecting the head and its adjectives; the rest of the phrase is
sliced from the text as written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import lines, norm, words
from .morph import Morph
from .segment import Doc, Token

PRONOUNS = {"он": ("masc", False), "она": ("femn", False), "оно": ("neut", False), "они": (None, True)}
POSSESSIVE_PRONOUNS = {"его": ("masc", False), "ее": ("femn", False), "их": (None, True)}
PLACE_ANAPHORS = frozenset({"там", "здесь"})
NP_STOP = frozenset("""что чтобы будто ли и или а но однако который которая которое которые которого которой
когда если как после перед так также тоже уже ещё еще лишь только даже это этом этого об о про за из-за
не ни же бы""".split())
PREPS = frozenset({"в", "во", "при", "по", "на", "из", "у", "для", "от", "с", "со"})
_OBLIQUE_ENDINGS = ("ом", "ем", "ым", "им", "ого", "ему", "ому", "ой", "ою")
LATIN = frozenset("abcdefghijklmnopqrstuvwxyz")
INDECLINABLE_ENDINGS = frozenset("еиоуэю")
BRACKETED = re.compile(r"\s*\([^()]*\)")
_DOMAIN = re.compile(r"[A-Za-zА-Яа-я0-9-]\.(?:ru|kz|ua|by|com|net|org|info|uz|kg|рф|ру)\b", re.I)


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    kind: str                    # person | organization | media | group | unknown
    name: str | None             # canonical, before resolution through the document
    anaphor: str | None = None   # pronoun | place | org | media | title
    head: str | None = None      # lemma of the head noun (anaphora match)
    gender: str | None = None
    plural: bool = False
    titles: frozenset = field(default_factory=frozenset)
    surname: str | None = None
    target: "Mention | None" = None  # what a relative pronoun stands for


# Endings of a masculine surname of the consonant declension in each oblique case, and what
# stands in the nominative instead ('Моторина' → 'Моторин', 'Бенцу' → 'Бенц', 'Путиным' → 'Путин').
MASCULINE_ENDINGS = {"gent": (("а", ""), ("ы", "а")), "accs": (("а", ""), ("у", "а")), "datv": (("у", ""),),
                     "ablt": (("ым", ""), ("ом", "")), "loct": (("е", ""),)}
VOWELS = frozenset("аеёиоуыэюяaeiouy")


def _masculine_nominative(word: str, case: str) -> str:
    """An unknown (foreign or rare) masculine surname in an oblique case, in the nominative:
    its case ending taken off when a consonant stands before it."""
    low = word.lower()
    for ending, nominative in MASCULINE_ENDINGS.get(case, ()):
        stem = low[:-len(ending)]
        if low.endswith(ending) and len(stem) >= 3 and stem[-1] not in VOWELS and stem[-1] not in "йь" \
                and (ending != "ым" or stem.endswith(("ин", "ын"))):
            return word[:len(stem)] + nominative
    return word


def same_name_word(a: str, b: str) -> bool:
    """One name word in two cases: 'Лавров' / 'Лаврова', 'Беттмэн' / 'Беттмэна' (normalised
    words; a long one may also lose its last letter: 'Ковальчук' / 'Ковальчука')."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and long_.startswith(short[:-1] if len(short) > 5 else short) \
        and len(long_) - len(short) <= 2


def _lower_first(name: str) -> str:
    """'Государственные СМИ' → 'государственные СМИ'; an abbreviation keeps its capitals."""
    first = name.split(" ", 1)[0]
    if first.isupper() and len(first) > 1:
        return name
    return name[:1].lower() + name[1:]


def _title_case(word: str, like: str) -> str:
    """An inflected form written like the text's word: its capital, and е where the
    text does not print ё ('Калачева' → 'Калачев', not 'Калачёв')."""
    if "ё" not in like.lower():
        word = word.replace("ё", "е")
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


class Speakers:
    """The lexicons and morphology behind mentions; built once per process."""

    def __init__(self, morph: Morph) -> None:
        self.morph = morph
        self.org_nouns = words("org_nouns.txt")
        self.org_anaphor_heads: dict[str, frozenset[str]] = {}
        for line in lines("org_anaphors.txt"):
            word, _, heads = line.partition(":")
            self.org_anaphor_heads[norm(word.strip())] = frozenset(norm(h) for h in heads.split())
        self.org_anaphors = frozenset(self.org_anaphor_heads)
        self.media_nouns = words("media_nouns.txt")
        self.media = self.media_nouns
        self.groups = words("group_nouns.txt")
        self.titles = words("person_titles.txt")
        self.title_syn: dict[str, str] = {}
        for line in lines("title_synonyms.txt"):
            names = [self._lemmas_of(n) for n in line.split("|")]
            for n in names:
                self.title_syn.setdefault(n, names[0])
        self._names: dict[str, bool] = {}
        self.org_prefixes = tuple(words("org_prefixes.txt"))
        self.org_voices = words("org_voices.txt")
        self.documents = words("document_nouns.txt")
        # nouns that can head a speaker's phrase ("министр", "источник", "посольство", "газета")
        self.speaker_heads = self.org_nouns | self.media | self.groups | self.titles
        self._lexicon = self.org_nouns | self.media | self.groups | self.titles | PLACE_ANAPHORS

    def _lemmas_of(self, phrase: str) -> str:
        return " ".join(self.morph.lemma(w) for w in phrase.split())

    def title_key(self, doc: Doc, a: int, b: int) -> str | None:
        """The post a title phrase names: 'главы государства' → 'президент'."""
        toks = doc.tokens
        for k in range(a, b):
            lem = self.morph.lemma(toks[k].text)
            if lem in self.titles or lem in self.groups:
                if k + 1 < b and toks[k + 1].is_word:
                    two = lem + " " + self.morph.lemma(toks[k + 1].text)
                    if two in self.title_syn:
                        return self.title_syn[two]
                if k > a:
                    two = self.morph.lemma(toks[k - 1].text) + " " + lem
                    if two in self.title_syn:
                        return self.title_syn[two]
                return self.title_syn.get(lem, lem)
        return None

    def title_start(self, doc: Doc, lo: int, a: int) -> int:
        """Where the titles before the name at ``a`` begin ('пресс-секретарь главы государства
        Наталья Тимакова'): only nouns, adjectives, abbreviations, quoted names and the
        prepositions of titles ('при', 'по') stand between a title and its name."""
        toks = doc.tokens
        start = a
        for k in range(a - 1, lo - 1, -1):
            t = toks[k]
            if t.is_quote or t.text in ("(", ")", "-") or self.is_abbr(t):
                continue
            if not t.is_word:
                break
            if t.low in ("при", "по"):
                continue
            pos = self.morph.pos(t.text)
            if pos not in ("NOUN", "ADJF", "PRTF", "NUMR") and not t.is_cap and not t.text[:1].isdigit():
                break
            lem = self.morph.lemma(t.text)
            if lem in self.titles or lem in self.groups:
                start = k
        return start

    def outlet_at(self, doc: Doc, a: int, b: int) -> int:
        """One past the last token of an outlet's name starting at token ``a`` (``a`` when
        none stands there): the outlets the entity table found in this document."""
        end = doc.outlets.get(a, a)
        return end if end <= b else a

    # -- token classes ------------------------------------------------------

    def is_abbr(self, t: Token) -> bool:
        x = t.text
        return len(x) >= 2 and x.isupper() and x.isalpha()

    def is_initial(self, doc: Doc, i: int) -> bool:
        toks = doc.tokens
        t = toks[i]
        if not (len(t.text) == 1 and t.text.isupper() and t.text.isalpha()
                and i + 2 < len(toks) and toks[i + 1].text == "."):
            return False
        nxt = toks[i + 2]
        if len(nxt.text) == 1:  # А. Л. Кудрин
            return i + 4 < len(toks) and nxt.text.isupper() and toks[i + 3].text == "." and self.is_name(doc, i + 4)
        return self.is_name(doc, i + 2) or self._surname_like(doc, i + 2)

    def is_name(self, doc: Doc, i: int) -> bool:
        """Can the token be a word of a person's name? Depends on its text alone: remembered."""
        x = doc.tokens[i].text
        hit = self._names.get(x)
        if hit is None:
            if len(self._names) >= 200_000:
                self._names.clear()
            hit = self._names[x] = self._is_name(doc.tokens[i])
        return hit

    def _is_name(self, t: Token) -> bool:
        x = t.text
        if not x[:1].isupper() or len(x) < 2 or self.is_abbr(t):
            return False
        if not all(c.isalpha() or c in "-’'" for c in x):
            return False
        if x[0].lower() in LATIN:
            return False
        low = t.low
        if low in self._lexicon or low in PRONOUNS or low in POSSESSIVE_PRONOUNS:
            return False
        if self.is_compound_org(x):
            return False  # Росстат, Минздрав: a body, not a surname
        parses = self.morph.parse(x)
        if not parses:
            return False
        top = parses[0].tag
        if "Geox" in top.grammemes or "Orgn" in top.grammemes:
            return False
        named = self.morph.name_parse(x)
        if named is not None:
            if top.POS == "ADJF" and named.tag.number == "plur":
                return False  # 'Московские новости': an adjective first, a surname only in the plural
            lem = parses[0].normal_form
            return lem not in self._lexicon
        return not self.morph.is_known(x)

    def cluster(self, doc: Doc, i: int) -> tuple[int, int]:
        """The run of name tokens and initials around token ``i``; a genitive name
        before a nominative first name starts another person ('менеджер Ирвина Джон')."""
        toks = doc.tokens
        n = len(toks)
        a = i
        b = i + 2 if self.is_initial(doc, i) else i + 1
        while b < n and b - a < 6:
            if self.is_initial(doc, b):
                b += 2
            elif "\n" in doc.text[toks[b - 1].stop:toks[b].start]:
                break
            elif self.is_name(doc, b) and toks[b - 1].stop < toks[b].start or (self.is_name(doc, b) and toks[b - 1].text == "."):
                if self._case_break(doc, b - 1, b):
                    break
                b += 1
            elif self._surname_after_name(doc, b) or toks[b - 1].text == "." and self._surname_like(doc, b):
                b += 1
            elif (b + 2 < n and len(toks[b].text) == 1 and toks[b].text.isupper() and toks[b + 1].text in "’'"
                  and toks[b].stop == toks[b + 1].start == toks[b + 2].start - 1 and toks[b + 2].is_cap):
                b += 3  # О’Рейли, д’Артаньян
            else:
                break
        while a > 0:
            if a >= 2 and toks[a - 1].text == "." and self.is_initial(doc, a - 2):
                a -= 2
            elif self.is_name(doc, a - 1) and toks[a - 1].stop < toks[a].start and not self._case_break(doc, a - 1, a) \
                    and "\n" not in doc.text[toks[a - 1].stop:toks[a].start]:
                a -= 1
            else:
                break
        return a, b

    def _surname_like(self, doc: Doc, k: int) -> bool:
        """After an initial any capitalised word is a surname: 'М.Тульский'."""
        t = doc.tokens[k]
        return (t.is_cap and len(t.text) > 1 and t.text.isalpha() and not self.is_abbr(t)
                and t.low not in self._lexicon)

    def _surname_after_name(self, doc: Doc, k: int) -> bool:
        """A capitalised word after a first name is a surname even when the dictionary
        knows it as something else: 'Михаил Тульский', 'Лев Толстой'."""
        toks = doc.tokens
        t = toks[k]
        if k == 0 or not t.is_cap or self.is_abbr(t) or not t.text.isalpha() or t.low in self._lexicon:
            return False
        prev = toks[k - 1]
        if prev.sent != t.sent or "\n" in doc.text[prev.stop:t.start]:
            return False
        p = self.morph.name_parse(prev.text)
        return p is not None and "Name" in p.tag.grammemes and prev.is_cap

    def _case_break(self, doc: Doc, left: int, right: int) -> bool:
        """Two name words that share no case belong to two people: 'менеджер Ирвина Джон
        Стэйнтон' (Ирвина only oblique, Джон only nominative); 'Алексея Калачева' is one."""
        lt, rt = doc.tokens[left].text, doc.tokens[right].text
        rp = self.morph.name_parse(rt, "nomn")
        if rp is None or "Name" not in rp.tag.grammemes:
            return False
        left_cases = self._name_cases(lt)
        return bool(left_cases) and not left_cases & self._name_cases(rt)

    def _name_cases(self, word: str) -> set[str]:
        return {c for c, _, _ in self.morph.name_readings(word)}

    def nominative_ok(self, doc: Doc, a: int, b: int, gender: str | None = None) -> bool:
        """Can every name word of the run [a, b) stand in the nominative together, of
        ``gender`` when given? 'Андрея Воробьева' cannot (Андрея is genitive only)."""
        readings = self.run_readings(doc, a, b)
        if readings is None:
            return True
        return any(c == "nomn" and (gender is None or g is None or g == gender) for c, _, g in readings)

    def run_readings(self, doc: Doc, a: int, b: int) -> set | None:
        """(case, number, gender) readings all name words of the run share; None when no
        word has a dictionary reading (foreign names), decided then by their endings."""
        common: set | None = None
        for k in range(a, b):
            t = doc.tokens[k]
            if len(t.text) < 2 or not t.text.isalpha():
                continue
            if not self.morph.is_known(t.text):
                if not t.low.endswith(_OBLIQUE_ENDINGS):
                    continue
                # a foreign name in an oblique case: the guesser's animate readings ("Матиасом")
                mine = {(p.tag.case, "sing", p.tag.gender) for p in self.morph.parse(t.text)
                        if p.tag.POS == "NOUN" and "anim" in p.tag.grammemes and p.tag.case != "nomn"}
                common = mine if common is None else {r for r in common if r in mine} or common
                continue
            mine = self.morph.name_readings(t.text)
            if not mine:
                continue
            if common is None:
                common = mine
            else:
                common = {(c, n, g if g is not None else g2) for c, n, g in common for c2, n2, g2 in mine
                          if c == c2 and n == n2 and (g is None or g2 is None or g == g2)}
        return common

    # -- names --------------------------------------------------------------

    def run_case(self, doc: Doc, a: int, b: int) -> str | None:
        """The case every name word of the run [a, b) can stand in, nominative first."""
        readings = self.run_readings(doc, a, b)
        cases = {c for c, _, _ in readings or ()}
        for case in ("nomn", "gent", "datv", "ablt", "loct", "accs"):
            if case in cases:
                return case
        return None

    def person_name(self, doc: Doc, a: int, b: int, case: str | None = None) -> tuple[str, str | None, str | None]:
        """(canonical name, gender, surname key) of the name run [a, b): each word in the
        nominative, initials and apostrophes kept as written ('С.Абрамов', 'Фил О’Рейли')."""
        toks = doc.tokens
        gender = None
        for k in range(a, b):
            p = self.morph.name_parse(toks[k].text, case) or self.morph.name_parse(toks[k].text)
            if p is not None and "Name" in p.tag.grammemes:
                gender = p.tag.gender
                break
        parts: list[str] = []
        surname = None
        for k in range(a, b):
            t = toks[k]
            word = t.text
            if case and case != "nomn" and len(word) > 1 and word.isalpha() \
                    and not (word[-1].lower() in INDECLINABLE_ENDINGS and not self.morph.is_known(word)):
                # ('Зигги', 'Скорсезе': a foreign name on a vowel other than -а/-я does not decline)
                p = self.morph.name_parse(word, case)
                # no name reading in this case: unknown ('Бенца', 'Моторина') or a common word ('Рыбина')
                unnamed = not self.morph.is_known(word) or p is None and self.morph.name_parse(word) is None
                if unnamed and gender != "femn" and _masculine_nominative(word, case) != word:
                    p = None  # a surname the dictionary does not know as one: its ending, not a guessed lemma
                elif p is None and not self.morph.is_known(word):
                    p = next((q for q in self.morph.parse(word) if q.tag.POS == "NOUN" and q.tag.case == case
                              and "anim" in q.tag.grammemes), None)
                if p is not None and (gender is None or p.tag.gender in (gender, None)):
                    form = self.morph.inflect(p, frozenset({"nomn"}))
                    if form is not None:
                        word = _title_case(form.word, t.text)
                elif gender != "femn" and unnamed:
                    word = _masculine_nominative(word, case)
            if parts and k > a and toks[k - 1].stop == t.start:
                parts[-1] += word
            elif not parts or parts[-1] != word:  # "Максим Дадашев Дадашев" as printed
                parts.append(word)
            if len(word) > 1 and word.isalpha():
                surname = norm(word)
        if gender is None and surname:
            p = self.morph.name_parse(surname)
            if p is not None:
                gender = p.tag.gender
        return " ".join(parts), gender, surname

    def nominative_phrase(self, doc: Doc, a: int, b: int) -> tuple[str, str | None, str | None, bool]:
        """A noun phrase in the nominative: the head and the adjectives before it are
        inflected, the rest is sliced from the text. Returns (name, head lemma, gender, plural)."""
        toks = doc.tokens
        head = None
        for k in range(a, b):
            t = toks[k]
            if self.is_abbr(t):
                head = k
                break
            parses = self.morph.parse(t.text)
            if parses and parses[0].tag.POS == "NOUN" or not parses:
                head = k
                break
        if head is None:
            return doc.text[toks[a].start:toks[b - 1].stop], None, None, False
        hp = self._noun_parse(toks[head].text)
        before = [self._adj_parse(toks[k].text) for k in range(a, head)]
        if before and before[-1] is not None and before[-1].tag.case == "nomn":
            # 'страховые компании': the adjective says the head is in the nominative
            hp = next((p for p in self.morph.parse(toks[head].text) if p.tag.POS == "NOUN" and p.tag.case == "nomn"
                       and p.tag.number == before[-1].tag.number), hp)
        gender = hp.tag.gender if hp else None
        plural = bool(hp and hp.tag.number == "plur")
        parts = []
        for k in range(a, head + 1):
            t = toks[k]
            word = t.text
            if not self.is_abbr(t):
                p = hp if k == head else self._adj_parse(t.text)
                if p is not None and p.tag.case not in (None, "nomn"):
                    want = {"nomn", "plur"} if plural else {"nomn", "sing"} | ({gender} if gender and k != head else set())
                    form = self.morph.inflect(p, frozenset(want))
                    if form is not None:
                        word = _title_case(form.word, t.text)
            parts.append(word)
        name = " ".join(parts)
        if head + 1 < b:
            name += doc.text[toks[head].stop:toks[b - 1].stop]
        lemma = norm(hp.normal_form) if hp else toks[head].low
        return name, lemma, gender, plural

    def _noun_parse(self, word: str):
        parses = self.morph.parse(word)
        for p in parses:
            if p.tag.POS == "NOUN":
                return p
        return parses[0] if parses else None

    def _adj_parse(self, word: str):
        for p in self.morph.parse(word):
            if p.tag.POS in ("ADJF", "PRTF"):
                return p
        return None

    # -- noun phrases ---------------------------------------------------------

    def extent_right(self, doc: Doc, i: int, hi: int) -> int:
        """One past the last token of the noun phrase that starts at token ``i``."""
        toks = doc.tokens
        j = i
        while j < hi and j - i < 18:
            t = toks[j]
            x = t.text
            if self.is_initial(doc, j):
                j += 2
                continue
            if x == "(":
                k = next((k for k in range(j + 1, min(j + 8, hi)) if toks[k].text == ")"), None)
                if k is None or j == i:
                    break
                j = k + 1
                continue
            if t.is_quote and j > i:
                k = next((k for k in range(j + 1, min(j + 8, hi)) if toks[k].is_quote), None)
                if k is None or k == j + 1:
                    break
                j = k + 1
                continue
            if x == "." and j > i and (len(toks[j - 1].text) == 1 and toks[j - 1].text.isupper()
                                       or j + 1 < hi and toks[j + 1].start == t.stop and toks[j - 1].stop == t.start
                                       and toks[j + 1].text[:1].islower()):
                j += 1
                continue
            if x == "-" and j > i and j + 1 < hi and toks[j + 1].is_word and toks[j - 1].is_word:
                j += 1  # "начальник дирекции вокзалов - филиала ОАО ...": an apposition typed with a hyphen
                continue
            if not t.is_word:
                break
            if t.low in NP_STOP:
                break
            if t.low in PREPS or self.morph.pos(x) == "PREP":
                # a preposition stays inside only before a proper name or an abbreviation
                # ("Посольство РФ в РК", "источник в правительстве")
                nxt = toks[j + 1] if j + 1 < hi else None
                prev_head = self.morph.lemma(toks[j - 1].text) if j > i else ""
                if nxt is None or not (nxt.is_cap or prev_head in self.groups or prev_head in self.titles):
                    break
                j += 1
                continue
            if not t.is_cap:
                pos = self.morph.pos(x)
                if pos in ("VERB", "INFN", "GRND", "PRTS", "ADVB", "CONJ", "PRCL", "PRED", "INTJ"):
                    break
            j += 1
        return j

    def mention(self, doc: Doc, a: int, b: int, case: str | None = None) -> Mention | None:
        """Read the phrase [a, b) as a speaker mention."""
        toks = doc.tokens
        if a >= b:
            return None
        t = toks[a]
        if t.low in PRONOUNS:
            g, pl = PRONOUNS[t.low]
            return Mention(t.start, t.stop, "person" if not pl else "group", None, "pronoun", gender=g, plural=pl)
        if t.low in POSSESSIVE_PRONOUNS:
            g, pl = POSSESSIVE_PRONOUNS[t.low]
            return Mention(t.start, t.stop, "person" if not pl else "group", None, "pronoun", gender=g, plural=pl)
        if t.low in PLACE_ANAPHORS:
            return Mention(t.start, t.stop, "organization", None, "place")
        if self.morph.noun_lemma(t.text) in self.groups and b - a == 1:  # эксперты, очевидцев, обвиняемого
            name, _, _, plural = self.nominative_phrase(doc, a, b)
            if self.morph.noun_lemma(t.text) != self.morph.lemma(t.text):
                name = self.morph.noun_lemma(t.text)  # 'обвиняемого' → 'обвиняемый', not the verb
            return Mention(t.start, t.stop, "group", name.lower(), None, head=self.morph.noun_lemma(t.text),
                           plural=plural or t.low.endswith(("ые", "ие", "цы", "ты")))
        if t.low in ("в", "во") and a + 1 < b:
            return self.mention(doc, a + 1, b, case="loct")
        if t.low in ("сам", "сама", "сами", "само", "свой", "своего", "своей", "своих", "своим"):
            return self.mention(doc, a + 1, b, case)
        # a person: the first run of name tokens, with the titles before it
        for k in range(a, b):
            if k > 0 and toks[k - 1].is_quote and toks[k - 1].stop == toks[k].start:
                continue  # 'банка «Альфа»': a name in quote marks names a thing, not a person
            if self.is_name(doc, k) or self.is_initial(doc, k):
                ca, cb = self.cluster(doc, k)
                ca = max(ca, a)
                name, gender, surname = self.person_name(doc, ca, cb, case)
                end = cb
                if end < b and toks[end].text == "(":
                    close = next((m for m in range(end, b) if toks[m].text == ")"), None)
                    if close is not None:
                        end = close + 1
                key = self.title_key(doc, a, ca)
                titles = frozenset({key}) if key else frozenset()
                for m_ in range(a, ca):
                    hp = self._noun_parse(toks[m_].text) if self.morph.lemma(toks[m_].text) in self.titles else None
                    if hp is not None and hp.tag.gender == "femn":
                        gender = "femn"  # принцесса, актриса: the title tells what a foreign name does not
                return Mention(toks[a].start, toks[end - 1].stop, "person", name, None,
                               gender=gender, titles=titles, surname=surname)
        # a phrase headed by a noun or an abbreviation; an abbreviation in brackets is no part of
        # the name ('Министерство иностранных дел (МИД) России')
        name, head, gender, plural = self.nominative_phrase(doc, a, b)
        name = BRACKETED.sub("", name)
        head = head or ""
        start, end = toks[a].start, toks[b - 1].stop
        whole = doc.text[start:end]
        outlet = self.outlet_at(doc, a, b)
        if outlet > a or _DOMAIN.search(whole):
            if outlet > a:
                end = toks[outlet - 1].stop
            return Mention(start, end, "media", doc.text[start:end], None, head=t.low)
        if head in self.media_nouns and any(self.is_abbr(x) and x.low == head for x in toks[a:b]):
            return Mention(start, end, "media", _lower_first(name), None, head=head, plural=True)  # СМИ
        if head in self.media_nouns or t.low in self.media_nouns:
            proper = self._proper_after(doc, a, b)
            if proper:
                return Mention(start, end, "media", proper, None, head=head)
            if b - a == 1:
                return Mention(start, end, "media", name, "media", head=head)
            return Mention(start, end, "media", _lower_first(name), None, head=head)  # 'шведское телевидение'
        if (head in self.org_voices or head in self.documents or t.low in self.documents) and b - a > 1:
            # 'пресс-служба МВД', 'данные оперативного штаба': the body behind it speaks
            inner = self.mention(doc, a + 1, b, "gent")
            if inner is not None and inner.kind in ("organization", "media"):
                inner.start = start
                return inner
        if head in self.org_nouns or self.is_abbr(toks[a]) or self._has_tag(toks[a].text, "Orgn") \
                or self.is_compound_org(toks[a].text):
            # a common noun with nothing named in it ("полиции", "американское дипломатическое
            # ведомство") points back at an organisation named before
            bare = not any(x.is_cap and k > a or self.is_abbr(x) for k, x in enumerate(toks[a:b], a))
            anaphor = "org" if bare and (b - a == 1 or head in self.org_anaphors) and not self.is_abbr(t) else None
            if not anaphor:
                name = name[:1].upper() + name[1:]  # an organisation's own name
            return Mention(start, end, "organization", name, anaphor, head=head,
                           gender=gender, plural=plural)
        if head in self.groups:
            return Mention(start, end, "group", _lower_first(name), None, head=head, plural=plural)
        if head in self.titles:
            key = self.title_key(doc, a, b)
            titles = frozenset({key}) if key else frozenset()
            return Mention(start, end, "person", name, "title", head=head, gender=gender, titles=titles)
        if t.is_cap and self._has_tag(t.text, "Geox"):
            return Mention(start, end, "organization", name, None, head=head)
        for k in (a, a + 1):  # the phrase is a body the NER names, or a document's ('отчёту Guardian')
            stop = doc.bodies.get(k)
            if stop is not None and stop == b and (k == a or not t.is_cap and self._inanimate_noun(t.text)):
                own = doc.text[toks[k].start:toks[stop - 1].stop]
                named = own if toks[k].text[:1].lower() in LATIN else self.nominative_phrase(doc, k, stop)[0]
                return Mention(toks[k].start, toks[stop - 1].stop, "media" if k in doc.outlets else "organization",
                               named, None, head=toks[k].low)
        return None

    def _inanimate_noun(self, word: str) -> bool:
        parses = self.morph.parse(word)
        return bool(parses) and parses[0].tag.POS == "NOUN" and "inan" in parses[0].tag.grammemes

    def official_name(self, name: str) -> bool:
        """A state body's name by its form: an abbreviation ('МВД') or a compound ('Минстрой',
        'Госдеп'); what a '*' in org_anaphors.txt admits."""
        first = name.split()[0] if name else ""
        return len(first) >= 2 and first.isupper() and first.isalpha() or self.is_compound_org(first) \
            or first[:1].isupper() and len(first) > 5 and norm(first).startswith(self.org_prefixes) \
            and self.morph.pos(first) == "NOUN"  # 'Росгидромет', 'Минстрой'; not 'Генеральная'

    def is_compound_org(self, word: str) -> bool:
        """An unknown capitalised word built like the name of a body: Росстат, Минздрав."""
        low = norm(word)
        return (word[:1].isupper() and len(word) > 5 and low.startswith(self.org_prefixes)
                and not self.morph.is_known(word))

    def is_place(self, word: str) -> bool:
        """A country or a city (США, РФ, Киргизия): a place, not a body that speaks."""
        return self._has_tag(word, "Geox")

    def _has_tag(self, word: str, tag: str) -> bool:
        parses = self.morph.parse(word)
        return bool(parses) and tag in parses[0].tag.grammemes

    def _proper_after(self, doc: Doc, a: int, b: int) -> str | None:
        """The outlet's own name in 'газета «Ла стампа»', 'агентство Reuters'."""
        toks = doc.tokens
        for k in range(a + 1, b):
            t = toks[k]
            if t.is_quote:
                close = next((m for m in range(k + 1, b) if toks[m].is_quote), None)
                if close:
                    return doc.text[toks[k + 1].start:toks[close - 1].stop]
            if t.is_cap or t.text[:1].lower() in LATIN:
                return doc.text[t.start:toks[b - 1].stop] if not any(x.text == "(" for x in toks[k:b]) \
                    else doc.text[t.start:toks[next(m for m in range(k, b) if toks[m].text == "(") - 1].stop]
        return None

