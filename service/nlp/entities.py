"""One table per document: every person, organisation and place the NER names.

    table = EntityTable.build(doc, speakers)   # after Models.annotate filled doc.ents
    table.person_in(start, end)                # the person a speaker phrase names
    table.organization_in(start, end)          # the body a phrase names ('источник в Кремле')
    table.titled(role, offset, gender)         # 'эксперт' → the expert named before

Each entity keeps its canonical nominative name, its kind, gender, roles (the nouns of its
titles and appositions: 'генерал', 'глава', 'эксперт'), the organisation it speaks for, and
every mention (token ranges). A person named several times (Сергей Лавров ... Лаврова ...
Лавров) is one entry: a surname alone joins the fuller name. The organisation comes from
the person's titles and appositions anywhere in the text: 'глава МИД России Сергей Лавров'
→ МИД России; 'президент Франции' → Франция; 'президент фонда Александр Ослон' → the fund
named elsewhere. Rules read this table, not the capital letters of the raw text.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from .lexicon import norm, words
from .segment import Doc
from .speakers import _DOMAIN, BRACKETED, LATIN, Mention, Speakers, same_name_word

# A bare role points back at the person the text gave it ('эксперт' → the expert named
# before); these name nobody in particular and never do.
ANONYMOUS = words("anonymous_nouns.txt")
# An official's role ties them to the place they serve ('прокурор Польши'); these roles do not
# ('житель Москвы', 'эксперт из Москвы'); a representative's does ('представитель ЕС').
ENVOYS = words("envoy_nouns.txt")
HEADS = words("head_titles.txt")
NOT_OFFICIAL = words("group_nouns.txt") - words("person_titles.txt") - ENVOYS
RESIDENTS = words("resident_nouns.txt")
SOURCE_REACH = 400   # tokens back an unnamed source ('собеседник агентства') looks for the one introduced
MEDIA_VERBS = words("media_verbs.txt")
PUBLISHED_REACH = 4  # tokens between a verb of publishing and the outlet it has as subject
TITLE_REACH = 12     # tokens of titles a name may carry before it
APPOSITION_REACH = 10  # tokens of an apposition after a name ('Гэри Кон, президент банка Goldman Sachs')
CATAPHORA_SENTENCES = 2
PRONOUN_WINDOW = 4   # sentences back a pronoun looks for the person it stands for
SUBJECT_OPENING = 5  # words of a sentence a title may open it with as its subject ('Сам же главный тренер')
ADJECTIVE_OF_PLACE = ("ский", "ская", "ское", "ские", "ского", "ской", "скому", "ским", "ском", "ских",
                      "цкий", "цкая", "цкое", "цкого", "цкой")
PLACE_STEM = 5       # letters an adjective of a place shares with the place's name
ADJECTIVE_STEM = 6   # letters a body noun must have for an adjective made from it ('правительств-енный')
PREFIX = 4           # letters of a name word the person index keys on ('Лавров', 'Лаврова' → 'лавр')
LOOKBACK = 50        # people of one index key a lookup compares: bounded work on any input


@dataclass(eq=False)
class Entity:
    kind: str                     # person | organization | location
    name: str                     # canonical, nominative
    first: int                    # token range of the mention that gave the name
    last: int
    gender: str | None = None
    surname: str | None = None
    parts: int = 1                # name words: the fullest mention names the entity
    roles: set[str] = field(default_factory=set)     # lemmas of title and apposition nouns
    head: str | None = None       # an organisation's head noun lemma ('фонд', 'министерство')
    organization: "Entity | None" = None             # the body a person speaks for
    org_span: tuple[int, int] | None = None          # where the text names it (token range)
    state: "Entity | None" = None                    # the country a head of state stands for
    mentions: list[tuple[int, int]] = field(default_factory=list)
    order: int = 0                # position in the table: the latest named wins a tie
    media: set[str] = field(default_factory=set)     # outlet nouns it goes by ('газета'): a medium
    classes: set[str] = field(default_factory=set)   # the class nouns it goes by ('компания', 'группа')


def _key(word: str) -> str:
    return norm(word).split(".")[-1]


def _stem_of(short: str, long_: str) -> bool:
    """Each word of ``short`` begins the same word of ``long_``, one of them shorter: the
    nominative of a name the dictionary does not know ('Гэри Беттмэн' of 'Гэри Беттмэна')."""
    a, b = short.split(), long_.split()
    return len(a) == len(b) and short != long_ and all(
        y.startswith(x) and len(y) - len(x) <= 2 for x, y in zip(a, b))


def _first_names_agree(a: str, b: str) -> bool:
    """'Сергей' and 'С.', 'Сергей' and 'Сергея' name one person; 'Анна' and 'Януш' do not."""
    a, b = norm(a).rstrip("."), norm(b).rstrip(".")
    if len(a) == 1 or len(b) == 1 or "." in a or "." in b:
        return a[:1] == b[:1]
    return same_name_word(a, b) or a[:3] == b[:3]


class EntityTable:
    def __init__(self, doc: Doc, sp: Speakers) -> None:
        self.doc = doc
        self.sp = sp
        self.persons: list[Entity] = []
        self.orgs: list[Entity] = []
        self.places: list[Entity] = []
        self._spans: list[tuple[int, int, Entity]] = []   # (first token, last token, entity), sorted
        self._by_prefix: dict[str, list[Entity]] = {}     # people by the first letters of their name words
        self._by_role: dict[str, list[Entity]] = {}       # people by the roles their titles give them
        self._bodies: dict[tuple[str, str], Entity] = {}  # bodies and places by kind and name
        self._by_head: dict[str, Entity] = {}             # bodies by their head noun ('фонд')
        self._media: list[tuple[int, Entity]] = []         # (first token, outlet) of each outlet mention
        self._firsts: list[int] = []
        self._subjects: list[tuple[int, int, Entity]] = []  # titles that stand for a person as a subject

    @classmethod
    def build(cls, doc: Doc, sp: Speakers) -> "EntityTable":
        table = cls(doc, sp)
        ents = doc.ents
        k = 0
        while k < len(ents):
            e = ents[k]
            if e.type == "PER":
                table._add_person(e.first, e.last)
                k += 1
            else:
                k = table._add_body(k)
        table._spans.sort(key=lambda s: s[0])
        table._firsts = [s[0] for s in table._spans]
        for ent in table.orgs:
            for a, b in ent.mentions:
                doc.bodies[a] = b
                if ent.media:  # an outlet once is an outlet everywhere in the text
                    doc.outlets[a] = b
        for p in table.persons:
            table._link(p)
            for role in p.roles:
                table._by_role.setdefault(role, []).append(p)
        table._title_subjects()
        return table

    def _title_subjects(self) -> None:
        """A title that opens a sentence as its subject and stands for a person named before
        ('Глава Goldman Sachs также предрек ...', 'Сам же главный тренер сборной оценил ...'):
        a mention of that person, for the pronouns after it."""
        toks = self.doc.tokens
        for s in self.doc.sents:
            for k in range(s.first, min(s.first + SUBJECT_OPENING, s.last)):
                t = toks[k]
                if not t.is_word or self._entity_at(k) is not None:
                    break
                p = self._person_noun(t.text, "nomn")
                if p is None:
                    continue
                body = self.body_of_title(k + 1, min(k + APPOSITION_REACH, s.last))
                found = self.titled(norm(p.normal_form), t.start, None, body[0] if body else None)
                if found is not None and found[1][0] < k:
                    self._subjects.append((k, k + 1, found[0]))
                break

    # -- building ---------------------------------------------------------------

    def _add_person(self, a: int, b: int) -> None:
        doc, sp = self.doc, self.sp
        toks = doc.tokens
        while a < b and not toks[a].is_word:
            a += 1
        paren = next((k for k in range(a, b) if toks[k].text == "("), None)
        if paren is not None:  # 'Джон Говард (John Howard)': the name as the text prints it first
            b = paren
        while b > a and not toks[b - 1].is_word and toks[b - 1].text != ".":
            b -= 1
        while b - a > 1 and toks[a].is_word and self._common_word(toks[a].text):
            a += 1  # a headline's 'Полёт Симони': the noun before the name is no part of it
        if a >= b or not toks[a].is_cap:
            return
        if b - a == 1 and (sp.is_compound_org(toks[a].text) or sp.is_abbr(toks[a])):
            return  # 'Мосгосстройнадзору' tagged as a person: a body by the form of its name
        case = self._case_of(a, b)
        name, gender, surname = sp.person_name(doc, a, b, case)
        if not surname:
            return
        parts = sum(1 for w in name.split() if "." not in w)
        nominative = case in (None, "nomn")
        ent = self._same_person(name, surname)
        if ent is None:
            ent = Entity("person", name, a, b, gender, surname, parts, order=len(self.persons))
            self.persons.append(ent)
            self._index(ent)
        elif parts > ent.parts or parts == ent.parts and (
                _stem_of(name, ent.name) or nominative and ent.first != a and not self._nominative_entity(ent)
                and not _stem_of(ent.name, name)):
            ent.name, ent.first, ent.last, ent.parts, ent.surname = name, a, b, parts, surname
            self._index(ent)
        ent.gender = ent.gender or gender
        ent.mentions.append((a, b))
        self._spans.append((a, b, ent))

    def _common_word(self, word: str) -> bool:
        """A dictionary word that is no name: 'Полёт', 'Матч' (not 'Иван', not 'Белый')."""
        morph = self.sp.morph
        return morph.is_known(word) and morph.name_parse(word) is None \
            and morph.pos(word) in ("NOUN", "VERB", "ADVB", "PREP", "CONJ", "PRCL")

    def _nominative_entity(self, ent: Entity) -> bool:
        return self._case_of(ent.first, ent.last) in (None, "nomn")

    def nominative_at(self, a: int, b: int) -> bool:
        """Every word of the name at tokens [a, b) can stand in the nominative ('МИД России' can
        by its head; 'Международного уголовного суда' cannot)."""
        toks = self.doc.tokens
        return self._nominative(a, a + 1) and self._nominative(a, b) if toks[a].is_word else True

    def _nominative(self, a: int, b: int) -> bool:
        """The name at tokens [a, b) can stand in the nominative (an indeclinable one can)."""
        word = self.doc.tokens[b - 1].text
        cases = self.sp.morph.cases(word)
        return not cases or "nomn" in cases or not self.sp.morph.is_known(word)

    def _case_of(self, a: int, b: int, gender: str | None = None) -> str | None:
        """The case of the name run [a, b): a title before it agrees with it ('посла Йорама
        Бенца' is genitive); else what the words allow, the nominative first."""
        doc, sp = self.doc, self.sp
        toks = doc.tokens
        readings = sp.run_readings(doc, a, b)
        allowed = None if readings is None else {c for c, _, _ in readings}
        first = doc.sents[toks[a].sent].first
        for k in range(a - 1, max(first, a - TITLE_REACH) - 1, -1):
            t = toks[k]
            if not t.is_word:
                break
            if t.is_cap and k != first or t.low in ("и", "по", "при"):
                continue  # a body or a place between title and name: 'президента Зимбабве'
            p = sp.morph.parse(t.text)[0] if sp.morph.parse(t.text) else None
            if p is not None and p.tag.POS == "NOUN" and p.tag.case and "anim" in p.tag.grammemes:
                if allowed is None or p.tag.case in allowed:
                    return None if p.tag.case == "nomn" else p.tag.case
                break
            if p is None or p.tag.POS not in ("NOUN", "ADJF", "PRTF"):
                break
        if sp.nominative_ok(doc, a, b, gender):
            return None
        return sp.run_case(doc, a, b)

    def _same_person(self, name: str, surname: str) -> Entity | None:
        """The person already in the table this name points at: by surname; a single word
        also by any name word ('Марк' → Марк Бёрнс), but 'Джон Говард' is not 'Джон Смит'.
        Candidates come from an index by the first letters of name words: bounded work."""
        words_ = name.split()
        single = len(words_) == 1
        keys = {_key(w)[:PREFIX] for w in words_} | {surname[:PREFIX]}
        cands = sorted({id(e): e for k in keys for e in self._by_prefix.get(k, ())[-LOOKBACK:]}.values(),
                       key=lambda e: e.order, reverse=True)
        for ent in cands:
            theirs = ent.name.split()
            if same_name_word(surname, ent.surname or ""):
                if single or len(theirs) == 1 or _first_names_agree(words_[0], theirs[0]):
                    return ent
                continue  # 'Анна Валентынович' is not 'Януш Валентынович'
            if single and any(same_name_word(surname, _key(w)) for w in theirs):
                return ent
            if len(theirs) == 1 and any(same_name_word(_key(ent.name), _key(w)) for w in words_):
                return ent
        return None

    def _index(self, ent: Entity) -> None:
        for w in ent.name.split():
            bucket = self._by_prefix.setdefault(_key(w)[:PREFIX], [])
            if not bucket or bucket[-1] is not ent:
                bucket.append(ent)

    def _add_body(self, k: int) -> int:
        """An ORG or LOC span, with the genitive names that continue it ('МИД' + 'России')
        and the lower-case body noun before it ('посольства' + 'США'). Returns the next span."""
        doc, sp = self.doc, self.sp
        toks = doc.tokens
        ents = doc.ents
        e = ents[k]
        a, b = e.first, e.last
        kind = "organization" if e.type == "ORG" else "location"
        k += 1
        while k < len(ents) and ents[k].type in ("ORG", "LOC") and self._continues(b, ents[k].first):
            b = ents[k].last
            kind = "organization"
            k += 1
        if kind == "organization" and self._attached_to(b):
            b += 2  # 'Следственный комитет при прокуратуре', 'совет при президенте': one body
        if kind == "organization" and k < len(ents) and ents[k].type == "LOC" and ents[k].first == b + 1 \
                and toks[b].low in ("в", "во") and sp.morph.lemmas(toks[a].text) & sp.org_nouns:
            b = ents[k].last  # 'Посольство РФ в РК': a body named by its noun and where it sits
            k += 1
        head_tok = a
        # a body noun before a place makes one body: 'посольства США', 'правительство Москвы'
        # (before an organisation's own name it only describes it: 'банка Goldman Sachs')
        if e.type == "LOC" and a > 0 and toks[a - 1].is_word and toks[a - 1].sent == toks[a].sent \
                and (not toks[a - 1].is_cap or a - 1 == doc.sents[toks[a].sent].first) \
                and sp.morph.lemmas(toks[a - 1].text) & sp.org_nouns:  # 'Мэрия Казани' opening a sentence too
            a -= 1
            head_tok = a
            kind = "organization"
            while a > 0 and toks[a - 1].is_word and not toks[a - 1].is_cap and self._adjective(toks[a - 1].text):
                a -= 1
        paren = next((j for j in range(a + 1, b) if toks[j].text == "("), None)
        close = next((j for j in range(paren, b) if toks[j].text == ")"), None) if paren is not None else None
        if paren is not None and (close is None or close + 1 >= b):
            b = paren  # 'Европейский футбольный союз (УЕФА)': the name before its abbreviation
        while a < b and not toks[a].is_word:
            a += 1
        while b > a and not toks[b - 1].is_word:
            b -= 1
        if a >= b:
            return k
        name, head, _, _ = sp.nominative_phrase(doc, a, b)
        name = BRACKETED.sub("", name)  # 'Министерство иностранных дел (МИД) России' without '(МИД)'
        if name and not toks[a].is_cap:
            name = name[:1].upper() + name[1:]
        ent = self._same_body(name, kind)
        if ent is None:
            ent = Entity(kind, name, a, b, head=head or sp.morph.lemma(toks[head_tok].text))
            self._new_body(ent)
        ent.mentions.append((a, b))
        self._spans.append((a, b, ent))
        if kind == "organization":
            self._media_nouns(ent, a, b)
            ent.classes |= self._class_nouns(a) | {ent.head or ""}
        return k

    def _class_nouns(self, a: int) -> set[str]:
        """The body noun right before a name in quote marks or Latin letters ('компания «Тойота
        Мотор»', 'агентства недвижимости Savills'): a noun the text may call it by later."""
        toks, sp = self.doc.tokens, self.sp
        out: set[str] = set()
        if not (a > 0 and toks[a - 1].is_quote or toks[a].text[:1].lower() in LATIN):
            return out  # 'полиции РА': a name in Cyrillic without quote marks owns the noun, it is not named by it
        for k in range(a - 1, max(-1, a - 4), -1):
            t = toks[k]
            if t.is_quote:
                continue
            if not t.is_word or t.is_cap:
                break
            for lemma in sp.morph.lemmas(t.text):
                out |= {lemma, lemma.split("-")[-1]} & sp.org_nouns
            if out or not self._noun_in_genitive(t.text):
                break  # 'агентства недвижимости': the class noun governs a genitive noun
        return out

    def _noun_in_genitive(self, word: str) -> bool:
        return any(p.tag.POS == "NOUN" and p.tag.case == "gent" for p in self.sp.morph.parse(word))

    def _attached_to(self, b: int) -> bool:
        """Tokens from ``b`` read 'при' and the body or post a body is attached to
        ('при прокуратуре', 'при президенте'), part of its name."""
        toks, sp = self.doc.tokens, self.sp
        if b + 1 >= len(toks) or toks[b].low != "при" or not toks[b + 1].is_word or toks[b + 1].is_cap:
            return False
        word = toks[b + 1].text
        return "loct" in sp.morph.cases(word) and (self._person_noun(word, None) is None
                                                    or bool(sp.morph.lemmas(word) & sp.titles))

    def _media_nouns(self, ent: Entity, a: int, b: int) -> None:
        """The outlet nouns an organisation goes by: its head ('Российская газета') or the
        noun before its name ('газете The Daily Telegraph', 'агентство «Интерфакс»');
        an outlet by its own name is a medium too."""
        sp, toks = self.sp, self.doc.tokens
        k = a - 1
        if k >= 0 and toks[k].is_quote:
            k -= 1
        if self._declined(toks[b - 1].text):
            k = -1  # 'на сайте Роскосмоса': the name owns the site, it is not one
        for j in [k] + list(range(a, b)):
            if 0 <= j < len(toks) and toks[j].is_word:
                ent.media |= sp.morph.lemmas(toks[j].text) & sp.media_nouns
        if _DOMAIN.search(self.doc.text[toks[a].start:toks[b - 1].stop]) or self._published(a, b):
            ent.media.add("outlet")  # 'Zakon.kz'; 'пишет «Коммерсантъ»', 'Интерфакс передает'
        if ent.media:
            self._media.append((a, ent))

    def _published(self, a: int, b: int) -> bool:
        """The name at tokens [a, b) is the subject of a verb of publishing right before it
        (adverbials and quote marks between: 'пишет в понедельник «Коммерсантъ»') or right
        after it ('Reuters передает')."""
        toks, sp = self.doc.tokens, self.sp
        sent = toks[a].sent
        k, seen = a - 1, 0
        while k >= 0 and toks[k].sent == sent and seen < PUBLISHED_REACH:
            if toks[k].is_word and sp.morph.lemmas(toks[k].text) & MEDIA_VERBS:
                return self._nominative(a, b)  # 'пишет «Коммерсантъ»'; not 'передал дело Генпрокуратуре'
            if toks[k].text in (",", ".", ":", ";") or toks[k].is_cap:
                break
            k, seen = k - 1, seen + 1
        k = b + (b < len(toks) and toks[b].is_quote)
        # 'Reuters передает, что ...', 'Интерфакс передает:'; not 'Генпрокуратура передала дело'
        return k + 1 < len(toks) and toks[k].sent == sent and bool(sp.morph.lemmas(toks[k].text) & MEDIA_VERBS) \
            and (toks[k + 1].text in (",", ":") or toks[k + 1].low == "что")

    def _continues(self, b: int, nxt: int) -> bool:
        """The next entity span starts right after this one and is in the genitive."""
        toks = self.doc.tokens
        return nxt == b and "gent" in self.sp.morph.cases(toks[nxt].text) | ({"gent"} if toks[nxt].is_cap
                                                                              and self.sp.is_abbr(toks[nxt]) else set())

    def _adjective(self, word: str) -> bool:
        parses = self.sp.morph.parse(word)
        return bool(parses) and parses[0].tag.POS in ("ADJF", "PRTF")

    def _same_body(self, name: str, kind: str) -> Entity | None:
        return self._bodies.get((kind, norm(name)))

    def _new_body(self, ent: Entity) -> None:
        (self.orgs if ent.kind == "organization" else self.places).append(ent)
        self._bodies[(ent.kind, norm(ent.name))] = ent
        if ent.kind == "organization":
            for head in {ent.head, norm(ent.name).split()[0]}:
                self._by_head.setdefault(head, ent)  # the first body of that kind named

    def _link(self, person: Entity) -> None:
        """Roles and organisation of a person from the titles before each of its mentions
        and the apposition after it."""
        for a, b in person.mentions:
            lo = max(self.doc.sents[self.doc.tokens[a].sent].first, a - TITLE_REACH)
            case = self._case_of(a, b) or "nomn"
            start = self._title_start(lo, a, case)
            self._read_titles(person, start, a, case)
            self._read_apposition(person, b, case)

    def _title_start(self, lo: int, a: int, case: str | None = None) -> int:
        """Where the titles before the name at token ``a`` begin: nouns, adjectives, names of
        bodies and quoted names, back to a verb, a preposition that opens no title, a comma.
        An 'и' joins two dependents inside one title ('по иностранным делам и политике
        безопасности', 'по делам беженцев и миграции'), never two people: the word after it is
        no animate noun in the nominative or the name's case ('журналисты и депутат Иван
        Петров' stops at 'депутат')."""
        toks = self.doc.tokens
        start = a
        k = a - 1
        while k >= lo:
            t = toks[k]
            if t.is_quote or t.text in ("(", ")", "-"):
                k -= 1
                continue
            if not t.is_word:
                break
            ent = self._entity_at(k)
            if ent is not None and ent.kind != "person":
                k = self._span_first(k) - 1
                start = k + 1
                continue
            if ent is not None:
                break
            if t.low in ("при", "по"):
                k -= 1
                continue
            if t.low == "и" and start == k + 1 and start < a and not toks[start].is_cap \
                    and not any(self._person_noun(toks[start].text, c) for c in {"nomn", case or "nomn"}):
                k -= 1
                continue
            parses = self.sp.morph.parse(t.text)
            pos = parses[0].tag.POS if parses else None
            if pos not in ("NOUN", "ADJF", "PRTF", "NUMR") and not t.is_cap:
                break
            start = k
            k -= 1
        return start

    def _read_titles(self, person: Entity, a: int, b: int, case: str) -> None:
        """The title's head (its first animate noun in the name's case: 'пресс-секретарь главы
        государства' → 'пресс-секретарь') is a role; the nouns it governs are not, a noun in
        another case is none ('заявил журналистам секретарь ...', 'видеть наследником Франца
        Бекенбауэра'). The body is looked for from the head on."""
        toks = self.doc.tokens
        for k in range(a, b):
            t = toks[k]
            if not t.is_word or t.is_cap and k > a and self._entity_at(k) is not None \
                    or self._person_noun(t.text, case) is None:
                continue  # a capital inside a name is no title; 'Австралийский Премьер-министр' is
            # every title in the name's case is a role ('директор ФПС РФ генерал-полковник'),
            # a compound one also by its first part ('генерал')
            for j in range(k, b):
                p = self._person_noun(toks[j].text, case) if toks[j].is_word and (j == k or not toks[j].is_cap) \
                    else None
                if p is not None:
                    lemma = norm(p.normal_form)
                    person.roles.update({lemma, lemma.split("-")[0]})
            if person.organization is None:
                self._organization_for(person, k + 1, b)
            if person.organization is None and person.roles - NOT_OFFICIAL:
                place = self._place_of_adjective(a, k)
                if place is not None:  # 'Австралийский премьер-министр' → Австралия, named in the text
                    person.organization, person.org_span = place, place.mentions[0]
            return

    def _place_of_adjective(self, a: int, b: int) -> Entity | None:
        """A place the text names whose name an adjective among tokens [a, b) is made from:
        'австралийский' → Австралия, 'французская' → Франция (the first letters agree)."""
        toks = self.doc.tokens
        for k in range(a, b):
            if not toks[k].is_word or not self._adjective(toks[k].text) or not toks[k].low.endswith(ADJECTIVE_OF_PLACE):
                continue
            stem = toks[k].low[:PLACE_STEM]
            for place in self.places:
                if norm(place.name).startswith(stem) and len(place.name.split()) == 1:
                    return place
        return None

    def _person_noun(self, word: str, case: str | None):
        """The reading of ``word`` as an animate noun (in ``case`` when given): a title or a
        role ('рабочий', read first as an adjective, is one too)."""
        parses = self.sp.morph.parse(word)
        if len(word) < 3 or not parses or parses[0].tag.POS not in ("NOUN", "ADJF", "PRTF"):
            return None  # 'по', 'за': a function word never heads a title
        for p in parses:
            if p.tag.POS == "NOUN" and "anim" in p.tag.grammemes and (case is None or p.tag.case == case):
                return p
        return None

    def _read_apposition(self, person: Entity, b: int, case: str) -> None:
        """'Гэри Кон, президент банка Goldman Sachs, ...': a title after a comma."""
        toks = self.doc.tokens
        if b + 1 >= len(toks) or toks[b].text != "," or not toks[b + 1].is_word:
            return
        if self._person_noun(toks[b + 1].text, case) is None:
            return
        end = b + 1
        last = min(len(toks), b + 1 + APPOSITION_REACH)
        while end < last and toks[end].text not in (",", ".", ";", "(", ")") and toks[end].sent == toks[b].sent:
            end += 1
        self._read_titles(person, b + 1, end, case)

    def _organization_for(self, person: Entity, a: int, b: int) -> None:
        found = self.body_of_title(a, b, bool(person.roles - NOT_OFFICIAL))
        if found is not None:
            person.organization, person.org_span = found

    def body_of_title(self, a: int, b: int, official: bool = False,
                      bare: bool = False) -> tuple[Entity, tuple[int, int]] | None:
        """The most specific body the title [a, b) names, read left to right: a named
        organisation ('глава МИД России'); a body noun that only describes the name after it
        ('президент банка Goldman Sachs' → Goldman Sachs); a body noun with words of its own
        ('начальник дирекции железнодорожных вокзалов - филиала ОАО ...' → Дирекция
        железнодорожных вокзалов; 'замдиректора департамента Фонда ЖКХ' → Департамент Фонда
        ЖКХ); a bare body noun, the body of that kind named elsewhere ('президент фонда');
        else, for an official, the place ('генеральный прокурор Польши' → Польша; 'житель
        Москвы' is no official)."""
        toks = self.doc.tokens
        place = None
        k = a
        while k < b:
            t = toks[k]
            ent = self._entity_at(k)
            if ent is not None:
                if ent.kind == "organization":
                    return ent, self._span_of(k)
                if place is None and ent.kind == "location":
                    place = (ent, self._span_of(k))
                k = self._span_of(k)[1]
                continue
            if t.is_word and t.is_cap and (t.text[0].lower() in LATIN or self.sp.is_abbr(t)):
                # a name in Latin letters or an abbreviation the NER left untagged: 'из цеха Vestas'
                end = k + 1
                while end < b and toks[end].is_word and toks[end].is_cap and toks[end].stop == toks[end - 1].stop + 1:
                    end += 1
                return self._named_body(k, end), (k, end)
            heads = self.sp.morph.lemmas(t.text) & self.sp.org_nouns if t.is_word and not t.is_cap else set()
            if not heads:
                k += 1
                continue
            if heads <= self.sp.org_voices and k + 1 < b and toks[k + 1].is_word:
                k += 1  # 'пресс-службы Минтранса': the press service speaks for the body after it
                continue
            nxt = k + 1 + (k + 1 < b and toks[k + 1].is_quote)
            if nxt < b and (e := self._entity_at(nxt)) is not None and e.kind == "organization" \
                    and self._span_of(nxt)[0] == nxt and not self.sp.morph.lemmas(toks[nxt].text) & self.sp.org_nouns \
                    and not self._declined(toks[nxt].text):
                k = nxt  # a class noun before a name describes it ('банка Goldman Sachs', 'клуба «Зенит»')
                continue  # a name in the genitive owns it ('комитета Госдумы по бюджету')
            end = next((j for j in range(k + 1, b) if toks[j].is_dash or toks[j].text in (",", "(", ";")), b)
            lo = self._adjectives_before(a, k)
            # a body noun with words of its own ('департамента культуры', 'британском правительстве')
            body = self._titled_body(lo, end) if (end > k + 1 or lo < k) and place is None else None
            if body is None:
                body = next((self._by_head[h] for h in sorted(heads) if h in self._by_head), None)
            if body is None and bare:  # 'источник в правительстве': the body by its noun alone
                body = self._titled_body(self._adjectives_before(a, k), end)
            if body is not None:
                return body, body.mentions[0]
            k += 1
        return place if official else None

    def _declined(self, word: str) -> bool:
        """The word stands in an oblique form of its own: 'Госдумы' (not 'Goldman', 'Зенит')."""
        return bool(self.sp.morph.parse(word)) and self.sp.morph.lemma(word) != word.lower() \
            and "gent" in self.sp.morph.cases(word)

    def body_of_adjective(self, a: int, b: int) -> tuple[Entity, tuple[int, int]] | None:
        """A body noun an adjective among tokens [a, b) is made from ('правительственный' →
        'правительство', 'министерский' → 'министерство'): the body of that kind the text names,
        else one by that noun."""
        toks, sp = self.doc.tokens, self.sp
        for k in range(a, b):
            opening = k == self.doc.sents[toks[k].sent].first
            if not toks[k].is_word or toks[k].is_cap and not opening or not self._adjective(toks[k].text):
                continue
            lemma = sp.morph.lemma(toks[k].text)
            noun = next((n for n in sorted(sp.org_nouns) if len(n) >= ADJECTIVE_STEM + 1
                         and lemma.startswith(n[:-1]) and lemma != n), None)
            if noun is None:
                continue
            body = self._by_head.get(noun) or self._same_body(noun[:1].upper() + noun[1:], "organization")
            if body is None:
                body = Entity("organization", noun[:1].upper() + noun[1:], k, k + 1, head=noun, mentions=[(k, k + 1)])
                self._new_body(body)
            return body, (k, k + 1)
        return None

    def _adjectives_before(self, lo: int, k: int) -> int:
        toks = self.doc.tokens
        while k > lo and toks[k - 1].is_word and not toks[k - 1].is_cap and self._adjective(toks[k - 1].text):
            k -= 1
        return k

    def _named_body(self, a: int, b: int) -> Entity:
        """A body by its own name as written: 'Vestas', 'Business NZ'."""
        name = self.doc.text[self.doc.tokens[a].start:self.doc.tokens[b - 1].stop]
        ent = self._same_body(name, "organization")
        if ent is None:
            ent = Entity("organization", name, a, b, head=norm(name.split()[0]), mentions=[(a, b)])
            self._new_body(ent)
        return ent

    def _titled_body(self, a: int, b: int) -> Entity | None:
        """A body named by the words of a title: 'департамента культуры' → Департамент культуры."""
        name, head, _, _ = self.sp.nominative_phrase(self.doc, a, b)
        ent = self._same_body(name, "organization")
        if ent is None:
            ent = Entity("organization", name[:1].upper() + name[1:], a, b, head=head, mentions=[(a, b)])
            self._new_body(ent)
        return ent

    # -- lookups ----------------------------------------------------------------

    def _entity_at(self, k: int) -> Entity | None:
        i = bisect_right(self._firsts, k) - 1
        if i >= 0 and self._spans[i][0] <= k < self._spans[i][1]:
            return self._spans[i][2]
        return None

    def _span_of(self, k: int) -> tuple[int, int]:
        i = bisect_right(self._firsts, k) - 1
        a, b, _ = self._spans[i]
        return a, b

    def _span_first(self, k: int) -> int:
        return self._span_of(k)[0]

    def in_range(self, a: int, b: int, kinds: tuple[str, ...]) -> list[tuple[int, int, Entity]]:
        """Entity mentions of ``kinds`` that overlap tokens [a, b), in text order."""
        i = max(bisect_right(self._firsts, a) - 1, 0)
        out = []
        while i < len(self._spans) and self._spans[i][0] < b:
            s = self._spans[i]
            if s[1] > a and s[2].kind in kinds:
                out.append(s)
            i += 1
        return out

    def spans(self) -> list[tuple[int, int, Entity]]:
        """(first token, end token, entity) of every mention, in text order."""
        return self._spans

    def tokens_of(self, start: int, end: int) -> tuple[int, int]:
        return self.doc.token_at(start), self.doc.token_before(end) + 1

    def person_in(self, start: int, end: int) -> tuple[Entity, tuple[int, int]] | None:
        """The person a phrase at chars [start, end) names: its last person mention."""
        a, b = self.tokens_of(start, end)
        found = self.in_range(a, b, ("person",))
        if not found:
            return None
        a_, b_, ent = found[-1]
        return ent, (a_, b_)

    def body_in(self, start: int, end: int) -> tuple[Entity, tuple[int, int]] | None:
        """The organisation (or, failing one, the place) a phrase names: 'источник в Кремле'."""
        a, b = self.tokens_of(start, end)
        found = self.in_range(a, b, ("organization",)) or self.in_range(a, b, ("location",))
        if not found:
            return None
        a_, b_, ent = found[0]
        return ent, (a_, b_)

    def person_mention(self, start: int, end: int) -> Mention | None:
        """The person the text names within chars [start, end) (the last one), as a speaker
        mention with the table's canonical name."""
        hit = self.person_in(start, end)
        if hit is None:
            return None
        ent, (a, b) = hit
        span_ = self.char_span(a, b)
        return Mention(span_["start"], span_["end"], "person", ent.name, gender=ent.gender, surname=ent.surname)

    def person_after(self, start: int, end: int) -> tuple[Entity, tuple[int, int]] | None:
        """A person named right after the phrase at chars [start, end), the phrase being the
        start of their titles ('замдиректора' of 'замдиректора департамента Фонда ЖКХ Руслан
        Баратов'); None when the phrase already holds a name."""
        a, b = self.tokens_of(start, end)
        if self.person_in(start, end) or b >= len(self.doc.tokens):
            return None
        sent = self.doc.tokens[a].sent
        for k in range(b, min(b + TITLE_REACH, self.doc.sents[sent].last)):
            ent = self._entity_at(k)
            if ent is not None and ent.kind == "person":
                span = self._span_of(k)
                return (ent, span) if self._title_start(a, span[0]) <= a else None
        return None

    def person_named(self, name: str) -> Entity | None:
        words_ = name.split()
        if not words_:
            return None
        return self._same_person(name, _key(words_[-1]))

    def titled(self, role: str, offset: int, gender: str | None = None,
               body: Entity | None = None) -> tuple[Entity, tuple[int, int]] | None:
        """The person named before ``offset`` whose title or apposition holds ``role`` (and
        who speaks for ``body`` when one is given: 'глава Минфина')."""
        tok = self.doc.token_at(offset)
        best = after = None
        holders = self._by_role.get(role, ())[-LOOKBACK:]
        if body is not None and role in HEADS:  # 'глава Goldman Sachs' is its 'президент банка'
            holders = [p for h in sorted(HEADS) for p in self._by_role.get(h, ())[-LOOKBACK:]]
        for ent in holders:
            if (gender is None or ent.gender in (None, gender)) \
                    and (body is None or ent.organization is body):
                before = [m for m in ent.mentions if m[0] < tok]
                if before and (best is None or before[-1][0] > best[1][0]):
                    best = (ent, before[-1])
                elif not before and body is not None and after is None:
                    after = (ent, ent.mentions[0])
        if best is None and after is not None and \
                self.doc.tokens[after[1][0]].sent - self.doc.tokens[tok].sent <= CATAPHORA_SENTENCES:
            return after  # a headline's 'Глава Минпечати считает' before 'Глава Минпечати Михаил Лесин'
        return best

    def pronoun(self, offset: int, gender: str | None, window: int, quoted) -> tuple[Entity, tuple[int, int]] | None:
        """'он', 'она': the person last named as a subject (a name in the nominative) before
        ``offset`` within ``window`` sentences, of the pronoun's gender, outside quotes."""
        tok = self.doc.token_at(offset)
        sent = self.doc.tokens[min(tok, len(self.doc.tokens) - 1)].sent if self.doc.tokens else 0
        named = self._named_subject(tok, sent, gender, window, quoted)
        # or a title that opened a sentence as its subject ('Глава Goldman Sachs предрек ... Он ...')
        j = bisect_right(self._subjects, (tok, -1, None), key=lambda x: x[:2]) - 1
        if j >= 0:
            a, b, ent = self._subjects[j]
            if sent - self.doc.tokens[a].sent <= window and (gender is None or ent.gender in (None, gender)) \
                    and not quoted(self.doc.tokens[a].start) and (named is None or a > named[1][0]):
                return ent, (a, b)
        return named

    def _named_subject(self, tok: int, sent: int, gender: str | None, window: int,
                       quoted) -> tuple[Entity, tuple[int, int]] | None:
        i = bisect_right(self._firsts, tok - 1) - 1
        for _ in range(LOOKBACK):
            if i < 0:
                break
            a, b, ent = self._spans[i]
            i -= 1
            if sent - self.doc.tokens[a].sent > window:
                break
            if ent.kind != "person" or a >= tok or quoted(self.doc.tokens[a].start):
                continue
            if gender is not None and ent.gender not in (None, gender):
                continue
            if self._case_of(a, b, ent.gender) not in (None, "nomn") or a > 0 and self._after_preposition(a):
                continue  # 'случай с Донахью': not a subject
            return ent, (a, b)
        return None

    def body_called(self, noun: str, heads: frozenset | None, offset: int,
                    window: int) -> tuple[Entity, tuple[int, int]] | None:
        """The organisation a bare body noun at char ``offset`` points back at ('компания',
        'организация', 'ведомство'): the latest named within ``window`` sentences that goes by
        that noun, or whose head or class is one of ``heads`` (the nouns the anaphor may stand
        for); with empty heads ('организация'), the latest organisation named; with None, only
        a body that goes by the noun itself."""
        for a, b, ent in self._mentions_back(offset, window):
            if ent.kind != "organization" or ent.media:
                continue  # an outlet is found by its own nouns ('газета'): outlet_before
            if noun in ent.classes or heads is not None and (
                    ent.classes & heads or not heads or "*" in heads and self.sp.official_name(ent.name)):
                return ent, (a, b)
        return None

    def source_body_before(self, k: int) -> tuple[Entity, tuple[int, int]] | None:
        """The body of the last unnamed source before token ``k`` that names one ('источник
        в ЦИК Абхазии', 'представитель пресс-службы посольства США'), within SOURCE_REACH
        tokens."""
        toks, sp = self.doc.tokens, self.sp
        for j in range(k - 1, max(-1, k - SOURCE_REACH), -1):
            if not toks[j].is_word or toks[j].is_cap and j != self.doc.sents[toks[j].sent].first:
                continue
            if not sp.morph.lemmas(toks[j].text) & (ANONYMOUS | ENVOYS):
                continue
            end = next((e for e in range(j + 1, min(j + APPOSITION_REACH, len(toks)))
                        if toks[e].text in (",", ".", ";", ":") or toks[e].sent != toks[j].sent), j + 1)
            body = self.body_of_title(j + 1, end, official=True, bare=True) if end > j + 1 else None
            if body is not None and not self.outlet_like(body[0]):
                return body
        return None

    def outlet_like(self, ent: Entity) -> bool:
        """An outlet, or a body named by an outlet noun ('агентства')."""
        return bool(ent.media) or ent.head in self.sp.media_nouns

    def body_right_after(self, b: int) -> int:
        """One past a body named right after token ``b`` (a quote mark between): the end of a
        title that the rules' phrase cut before a quoted name ('шеф-редактор «Ежедневного
        журнала»'); ``b`` when none stands there."""
        toks = self.doc.tokens
        k = b + (b < len(toks) and toks[b].is_quote)
        end = self.doc.bodies.get(k)
        return end if end is not None and toks[end - 1].sent == toks[b - 1].sent else b

    def body_before(self, offset: int, window: int, quoted=lambda _: False) -> tuple[Entity, tuple[int, int]] | None:
        """The organisation named last before char ``offset``, within ``window`` sentences
        back: who wrote the document a passive cue cites ('В карточке дела на сайте
        Мосгорсуда говорится')."""
        for a, b, ent in self._mentions_back(offset, window):
            if ent.kind == "organization" and not quoted(self.doc.tokens[a].start):
                return ent, (a, b)  # a body named inside someone's quote wrote nothing
        return None

    def _mentions_back(self, offset: int, window: int):
        """(first token, end token, entity) of the mentions that end before char ``offset``,
        nearest first, back to ``window`` sentences before its own (at most LOOKBACK)."""
        toks = self.doc.tokens
        k = self.doc.token_at(offset)
        if not toks:
            return
        sent = toks[min(k, len(toks) - 1)].sent
        i = bisect_right(self._firsts, k - 1) - 1
        for a, b, ent in reversed(self._spans[max(0, i - LOOKBACK):i + 1]):
            if sent - toks[a].sent > window:
                return
            if b <= k:
                yield a, b, ent

    def outlet_before(self, offset: int, noun: str | None) -> tuple[Entity, tuple[int, int]] | None:
        """'газета', 'издание': the outlet last named before ``offset``, one that goes by that
        noun when any does."""
        tok = self.doc.token_at(offset)
        before = [(a, e) for a, e in self._media[-LOOKBACK:] if a < tok]
        for a, e in reversed(before):
            if noun is None or noun in e.media:
                return e, self._span_of(a)
        return None

    def _after_preposition(self, a: int) -> bool:
        """The name depends on the word before it: a preposition ('с Донахью') or a thing
        ('после смерти Дадашева'), not a title."""
        prev = self.doc.tokens[a - 1]
        if not prev.is_word:
            return False
        parses = self.sp.morph.parse(prev.text)
        if not parses:
            return False
        tag = parses[0].tag
        return tag.POS == "PREP" or tag.POS == "NOUN" and "inan" in tag.grammemes and not prev.is_cap

    def char_span(self, a: int, b: int) -> dict:
        toks = self.doc.tokens
        return self.doc.span(toks[a].start, toks[b - 1].stop)


# -- speakers through the table ---------------------------------------------------



def _set_org(speaker: dict, table: EntityTable, body: Entity | None, span: tuple[int, int] | None) -> None:
    speaker["organization"] = body.name if body is not None else None
    speaker["organization_mention"] = table.char_span(*span) if body is not None and span else None


def describe(table: EntityTable, speaker: dict, anaphor: str | None = None, gender: str | None = None,
             last: dict | None = None) -> dict:
    """The speaker of a quote read through the entity table: a bare title tied to the person
    who holds it ('эксперт', 'Глава Минфина'), a person's canonical name and organisation, a
    body's own name; a group keeps its description and gets the body it names. ``last`` is
    the person who spoke just before: a bare role with no holder named in the text is them
    ('..., - уточняет Сиваев. ... - полагает эксперт')."""
    doc = table.doc
    speaker.setdefault("organization", None)
    speaker.setdefault("organization_mention", None)
    own = (speaker["start"], speaker["end"])
    ante = speaker.get("antecedent")
    named = (ante["start"], ante["end"]) if ante else own
    kind = speaker["kind"]
    longer = table.person_after(*own)
    if longer is not None and kind in ("person", "group"):
        # 'замдиректора ... Руслан Баратов': the rule stopped at the title, the name follows it
        speaker.update(table.char_span(longer[1][0], longer[1][1]) | {"start": own[0], "text": doc.text[own[0]:
                       doc.tokens[longer[1][1] - 1].stop]})
        speaker.update(name=longer[0].name, kind="person", resolved=False)
        speaker.pop("antecedent", None)
        _set_org(speaker, table, longer[0].organization, longer[0].org_span)
        return speaker
    if kind in ("organization", "media"):
        body = table.body_in(*own)
        if body is not None and body[0].kind == "organization" and (
                ante is not None or body[1] == table.tokens_of(*own) or _named_by_class(table, own, body)):
            # the phrase names its body itself ('сообщили в Роскосмосе'): no anaphora needed,
            # and the NER's name is the body's ('Минфин', not the prescan's 'Минфин страховщикам')
            speaker.update(name=body[0].name, resolved=False)
            speaker.pop("antecedent", None)
            named = own
        elif ante is not None and (body := table.body_in(*named)) is not None and body[0].kind == "organization" \
                and _named_by_class(table, named, body):
            # 'компании' → the body the registry found, named as the NER reads it ('Тойота Мотор',
            # not the capital-letter run 'Компания "Тойота Мотор" летом')
            speaker.update(name=body[0].name, antecedent=table.char_span(*body[1]))
            named = (speaker["antecedent"]["start"], speaker["antecedent"]["end"])
    if kind == "person" and not ante and _dependent_person(table, *own):
        # 'адвокат Ивана Сорокина': the lawyer speaks, the name only says whose
        name, _, _, _ = table.sp.nominative_phrase(doc, *table.tokens_of(*own))
        speaker.update(name=name[:1].lower() + name[1:], kind="group")
        kind = "group"
    if (anaphor == "title" or kind == "group") and not table.person_in(*own):
        role = _role(table, *own)
        body = table.body_in(*own)
        # a title the resolver already tied to a person ('глава государства' → the president)
        # stands, unless the phrase names a body the person must speak for ('Глава Минфина')
        settled = speaker.get("resolved") and kind == "person" and body is None
        if role and role not in ANONYMOUS and not settled:
            found = table.titled(role, own[0], gender, body[0] if body else None)
            if found is None and last is not None and body is None and _bare(table, *own):
                found = table.person_in(*named_span(last))
            if found is not None:
                ent, (a, b) = found
                speaker.update(name=ent.name, kind="person", resolved=True, antecedent=table.char_span(a, b))
                _set_org(speaker, table, ent.organization, ent.org_span)
                if ent.organization is None:
                    _org_of_title(table, speaker, own)
                return speaker
    if speaker["kind"] == "person":
        # a name in the phrase itself is who speaks: the table keeps 'Зигги Марли' apart from
        # 'Рита Марли', where a surname alone would join them
        hit = table.person_in(*own) or table.person_in(*named)
        if hit is not None and ante is not None and table.char_span(*hit[1])["start"] >= own[0]:
            speaker.update(resolved=False)
            speaker.pop("antecedent", None)
        ent = hit[0] if hit else table.person_named(speaker["name"] or "")
        if ent is not None:
            speaker["name"] = ent.name
            _set_org(speaker, table, ent.organization, ent.org_span)
            if ent.organization is None and (anaphor == "title" or speaker.get("resolved")):
                _org_of_title(table, speaker, own)  # a title that stands for the person named before
            return speaker
    if kind == "media" and anaphor == "media":
        a, b = table.tokens_of(*own)
        found = table.outlet_before(own[0], table.sp.morph.lemma(doc.tokens[a].text))
        if found is not None:  # 'как напоминает газета': the newspaper named before
            ent, (ea, eb) = found
            speaker.update(name=ent.name, resolved=True, antecedent=table.char_span(ea, eb))
            named = (speaker["antecedent"]["start"], speaker["antecedent"]["end"])
    if kind in ("organization", "media"):
        speaker["organization"] = speaker["name"]
        speaker["organization_mention"] = doc.span(*named)
        return speaker
    a, b = table.tokens_of(*own)
    # 'источник в правительстве', 'представитель ЕС', 'источник в Кремле'; not 'житель Москвы'
    official = _role(table, *own) not in RESIDENTS
    body = table.body_of_title(a + 1, b, official=official, bare=True) if b - a > 1 else None
    source = table.sp.morph.lemmas(table.doc.tokens[a].text) & ANONYMOUS  # 'источник' is no animate noun
    if source and (body is None or table.outlet_like(body[0])):
        # 'собеседник агентства', a bare 'источник': the unnamed source the text brought in
        # before ('источник в ЦИК Абхазии'), not the outlet that heard them
        body = table.source_body_before(a)
    elif body is None and kind == "group":
        body = table.body_of_adjective(a, b)  # 'правительственный чиновник' → правительство
    if body is not None:
        _set_org(speaker, table, *body)
    return speaker


def _org_of_title(table: EntityTable, speaker: dict, own: tuple[int, int]) -> None:
    """The body a title names where it stands for a person named before ('напоминает
    шеф-редактор «Ежедневного журнала»'), the quoted name after it included."""
    oa, ob = table.tokens_of(*own)
    ob = table.body_right_after(ob)
    here = table.body_of_title(oa + 1, ob, official=True) if ob - oa > 1 else None
    if here is not None:
        _set_org(speaker, table, *here)


def _named_by_class(table: EntityTable, named: tuple[int, int], body: tuple[Entity, tuple[int, int]]) -> bool:
    """The phrase at chars ``named`` is the body's name after its class noun and adjectives
    ('Компания «Тойота Мотор»', 'консалтинговой компании Brightline'), not a body the name
    only owns ('полиции РА')."""
    a, b = table.tokens_of(*named)
    toks = table.doc.tokens
    if any(toks[k].is_word for k in range(body[1][1], b)):
        return False  # 'Посольстве РФ в РК' is more than the 'Посольство РФ' inside it
    classed = [k for k in range(a, body[1][0]) if table.sp.morph.lemmas(toks[k].text) & body[0].classes]
    return all(toks[k].is_quote or k in classed or classed and not toks[k].is_cap and table._adjective(toks[k].text)
               for k in range(a, body[1][0]))


def _dependent_person(table: EntityTable, start: int, end: int) -> bool:
    """A phrase headed by a common noun in the nominative whose person is in the genitive."""
    hit = table.person_in(start, end)
    a, _ = table.tokens_of(start, end)
    if hit is None or hit[1][0] <= a:
        return False
    first = table.doc.tokens[a]
    parses = table.sp.morph.parse(first.text)
    return bool(parses) and parses[0].tag.POS == "NOUN" and parses[0].tag.case == "nomn" \
        and "anim" in parses[0].tag.grammemes \
        and table._case_of(*hit[1]) == "gent" and not any(
            p.tag.case == "gent" for p in parses if p.tag.POS == "NOUN")


def named_span(speaker: dict) -> tuple[int, int]:
    """Where a speaker is named: its antecedent when it has one, else its own mention."""
    span = speaker.get("antecedent") or speaker
    return span["start"], span["end"]


def _bare(table: EntityTable, start: int, end: int) -> bool:
    """A role alone, singular: 'эксперт', 'музыкант' (not 'эксперты', 'эксперт из Москвы')."""
    a, b = table.tokens_of(start, end)
    if b - a != 1:
        return False
    parses = table.sp.morph.parse(table.doc.tokens[a].text)
    return bool(parses) and parses[0].tag.number == "sing"


def _role(table: EntityTable, start: int, end: int) -> str | None:
    """The head noun of a bare speaker phrase: 'эксперт', 'музыкант', 'Глава Минфина' → 'глава'."""
    sp = table.sp
    for k in range(*table.tokens_of(start, end)):
        t = table.doc.tokens[k]
        if not t.is_word:
            continue
        for p in sp.morph.parse(t.text)[:1]:
            if p.tag.POS == "NOUN" and "anim" in p.tag.grammemes:
                return norm(p.normal_form)
            if p.tag.POS in ("ADJF", "PRTF"):
                break  # 'Генеральный прокурор': the noun after its adjectives
        else:
            return None
    return None
