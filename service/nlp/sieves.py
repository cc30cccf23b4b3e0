"""Ordered, named attribution passes.

Each pass is a small function that looks at one candidate (a pair of quote
marks, or a reporting cue) and either answers with a ``Candidate`` or passes
(``None``); the first answer wins and records its name in ``rule``. The order
is the tuple at the bottom of each section, read at a glance. Exclusions are
named rules too: a cue they reject is reported in the debug trace.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from . import parse
from .cues import Cue, CueLexicon
from .lexicon import words
from .quotes import Pair
from .segment import FINAL_PUNCT, Doc
from .speakers import POSSESSIVE_PRONOUNS, PRONOUNS, Mention, Speakers

DEMONSTRATIVES = frozenset({"это", "эту", "эти", "этот", "эта", "такое", "такую", "такой", "такие", "подобное",
                            "подобную"})  # 'Такое мнение высказал X' after the sentence it names
CONNECTORS = frozenset({"и", "а", "но", "однако", "также", "затем", "потом", "тогда"})
OPENERS = frozenset({"и", "а", "но", "однако", "то", "причем", "впрочем"})  # words a new clause opens with
RELATIVES = frozenset({"который", "чей"})  # a relative clause a source phrase can stand in
# Every walk over tokens is bounded, so that no input makes the work grow faster than the text.
SUBJECT_REACH = 40     # tokens a subject may stand before its cue
SOURCE_SPEAKER_WORDS = 6  # words of the speaker after 'по словам' before a quote that follows without a comma
CLAUSE_REACH = 150     # tokens a reported clause may run
ATTRIBUTION_REACH = 60 # tokens of an attribution after a quote
INTERRUPTION_REACH = 30  # tokens of an attribution inside a quote ('— сказал X, президент компании Y. —')
MIN_CONTENT_CHARS = 4  # "придёт" is a report; a lone letter is not
COMPLEMENTIZERS = frozenset({"что", "чтобы", "будто", "якобы"})
IDIOMS = (("как", "говорится"), ("так", "сказать"), ("что", "называется"), ("иначе", "говоря"),
          ("честно", "говоря"), ("собственно", "говоря"), ("грубо", "говоря"), ("мягко", "говоря"),
          ("вообще", "говоря"), ("как", "говорят"), ("строго", "говоря"), ("откровенно", "говоря"))


@dataclass
class Candidate:
    type: str                 # direct | indirect | mixed
    start: int
    end: int
    cue: Cue | None
    mention: Mention | None
    rule: str
    confidence: float
    priority: int             # which of two overlapping candidates stands
    inherit: bool = False     # speaker carried over from the previous quote


@dataclass
class Context:
    doc: Doc
    pairs: list[Pair]
    cues: list[Cue]
    sp: Speakers
    lex: CueLexicon
    trace: list | None = None
    entities: object = None   # the document's EntityTable, once built
    parse: object = None      # parse(sentence indices): the parser, run on demand

    def __post_init__(self) -> None:
        self.cue_at = {c.first: c for c in self.cues}
        self.cue_firsts = [c.first for c in self.cues]
        self.top = [p for p in self.pairs if p.depth == 0]
        self.top_opens = [p.open for p in self.top]
        self.pair_by_close = {p.close: p for p in self.pairs}
        self.pair_by_open = {p.open: p for p in self.pairs}
        self.titles = words("title_nouns.txt")
        self.quote_like: list[Pair] = []
        self.memo: dict[tuple[str, int], object] = {}  # answers remembered per cue
        self.attributed: set[int] = set()  # closing-mark offsets of quotes a direct sieve attributed

    def cues_between(self, a: int, b: int) -> list[Cue]:
        """Cues whose first token lies in [a, b): a bisection, never a scan of the text."""
        return self.cues[bisect_left(self.cue_firsts, a):bisect_left(self.cue_firsts, b)]

    def top_pairs_between(self, a: int, b: int) -> list[Pair]:
        """Outermost quote pairs that open at offsets in [a, b)."""
        return self.top[bisect_left(self.top_opens, a):bisect_left(self.top_opens, b)]

    def note(self, rule: str, start: int, end: int, decision: str) -> None:
        if self.trace is not None:
            self.trace.append({"rule": rule, "start": start, "end": end, "decision": decision,
                               "text": self.doc.text[start:end][:80]})


# -- shared readers -------------------------------------------------------------

def words_in(doc: Doc, a: int, b: int, limit: int | None = None) -> int:
    """Words among tokens [a, b); counting stops past ``limit`` when one is given."""
    n = 0
    toks = doc.tokens
    for k in range(a, b):
        if toks[k].text[:1].isalnum():
            n += 1
            if limit is not None and n > limit:
                break
    return n


def pair_tokens(doc: Doc, p: Pair) -> tuple[int, int]:
    return doc.token_at(p.start), doc.token_before(p.end) + 1


def verb_features(ctx: Context, cue: Cue) -> tuple[bool, str | None] | None:
    """(plural, gender) the subject must agree with. A gerund ('добавив') agrees
    with the finite verb of its clause ('Медведев связал ..., предположив, что')."""
    key = ("feats", cue.first)
    if key not in ctx.memo:
        ctx.memo[key] = _verb_features(ctx, cue)
    return ctx.memo[key]


def _verb_features(ctx: Context, cue: Cue) -> tuple[bool, str | None] | None:
    f = cue.form
    if f is None:
        return None
    if not f.gerund:
        return f.plural, f.gender
    toks = ctx.doc.tokens
    first, _ = sentence_bounds(ctx.doc, cue.first)
    for k in range(cue.first - 1, max(first, cue.first - SUBJECT_REACH) - 1, -1):
        for p in ctx.sp.morph.parse(toks[k].text)[:1]:
            if p.tag.POS == "VERB":
                return p.tag.number == "plur", p.tag.gender
    return None


def agrees(ctx: Context, cue: Cue, m: Mention) -> bool:
    feats = verb_features(ctx, cue)
    if feats is None or m.kind != "person":
        return True
    plural, gender = feats
    if plural and not m.plural and m.anaphor != "title":
        return False
    if not plural and m.plural:
        return False
    if not plural and gender in ("masc", "femn") and m.gender in ("masc", "femn") and gender != m.gender:
        return False
    return True


def left_subject(ctx: Context, lo: int, cue: Cue) -> Mention | None:
    """The nearest noun phrase before the cue that can be its subject."""
    doc, sp = ctx.doc, ctx.sp
    toks = doc.tokens
    j = cue.first - 1
    lo = max(lo, cue.first - SUBJECT_REACH)
    if cue.form is not None and cue.form.gerund:
        j = _main_verb(ctx, cue, lo) - 1  # "Южная Корея опровергает ..., заявляя, что": the main verb's subject
    plain = None   # the nearest common noun that can be the subject, before any comma
    comma = False
    while j >= lo:
        t = toks[j]
        if t.low in RELATIVES and cue.first - j <= 3:
            return _relative(ctx, j, lo)
        if t.text == ",":
            comma = True
        elif not comma and plain is None and t.is_word and not t.is_cap and _nominative_noun(ctx, cue, t.text):
            plain = j
        if t.low in COMPLEMENTIZERS:
            if plain is not None:
                # '..., что цены вырастут, а сами торговые сети говорят': the clause's own subject
                a = plain
                while a - 1 > j and toks[a - 1].is_word and _modifier(sp, toks[a - 1].text) \
                        and not toks[a - 1].low.startswith("сам"):
                    a -= 1
                name = doc.text[toks[a].start:toks[plain].stop]  # in the nominative already
                return Mention(toks[a].start, toks[plain].stop, "group", name[:1].lower() + name[1:], None,
                               head=sp.morph.lemma(toks[plain].text), plural=verb_features(ctx, cue)[0])
            prev = next((c for c in reversed(ctx.cues_between(max(0, j - 12), j + 1)) if j - 8 <= c.last <= j), None)
            if prev is not None and prev.first >= lo:
                j = prev.first - 1  # "признал, что ..., однако сообщил, что": one subject for both
                continue
            return None
        if t.text in (";",) or t.low.startswith("котор"):
            return None
        if t.is_quote and t.start in ctx.pair_by_close:
            p = ctx.pair_by_close[t.start]
            if p.depth == 0 and is_title(ctx, p) and cue.first - j <= 2:
                m = _quoted_name(ctx, p, None)  # «Газпром» сообщил, что ...
                if m is not None:
                    return m
            j = doc.token_before(p.open)
            continue
        if t.low in PRONOUNS or t.low in ("там", "здесь"):
            m = sp.mention(doc, j, j + 1)
            if m is not None and agrees(ctx, cue, m):
                return m
        elif sp.is_name(doc, j):
            a, b = sp.cluster(doc, j)
            feats = verb_features(ctx, cue)
            if sp.nominative_ok(doc, a, b, feats[1] if feats and not feats[0] else None):
                start = sp.title_start(doc, max(lo, a - 8), a)
                if start > lo and toks[start - 1].low in ("в", "во"):
                    start = a
                m = sp.mention(doc, start, b)
                if m is not None and agrees(ctx, cue, m):
                    return m
            j = a - 1
            continue
        elif t.is_word and j - 1 >= lo and toks[j - 1].low in ("в", "во") and cue.form is not None and cue.form.plural \
                and (sp.is_abbr(t) or sp.morph.lemmas(t.text) & sp.org_nouns):
            # В Кремле заявили, что ...: an impersonal plural verb speaks for the place
            b = sp.extent_right(doc, j, cue.first)
            m = sp.mention(doc, j, max(b, j + 1), case="loct")
            if m is not None:
                return m
            j -= 2
            continue
        elif t.is_cap and t.is_word and any(sp.outlet_at(doc, k, j + 1) == j + 1 for k in range(max(lo, j - 3), j + 1)):
            # "Интерфакс сообщил", "РИА Новости передает": an outlet by its name
            a = next(k for k in range(max(lo, j - 3), j + 1) if sp.outlet_at(doc, k, j + 1) == j + 1)
            if a - 1 >= lo and toks[a - 1].is_word and _subject_noun(sp, toks[a - 1].text):
                a -= 1  # "Источник РБК в правительстве сообщил": the outlet depends on the noun
            while a - 1 >= lo and toks[a - 1].is_word and _modifier(sp, toks[a - 1].text):
                a -= 1  # "Государственные СМИ Северной Кореи": its adjectives are part of it
            m = sp.mention(doc, a, sp.extent_right(doc, a, cue.first) if a < j else j + 1)
            if m is not None:
                return m
            j = a - 1
            continue
        elif t.is_cap and sp.is_place(t.text) and "nomn" in sp.morph.cases(t.text):
            # a country acting as a body: "Южная Корея заявила", "Сеул считает"
            a = j
            while a - 1 >= lo and toks[a - 1].is_cap and _modifier(sp, toks[a - 1].text):
                a -= 1
            if a - 1 >= lo and (toks[a - 1].low in PREPS_ANY or sp.is_abbr(toks[a - 1])
                                or toks[a - 1].is_word and sp.morph.pos(toks[a - 1].text) == "NOUN"):
                j = a - 1  # "в Москве", "Посольство США": a dependent, not the subject
                continue
            name, _, _, _ = sp.nominative_phrase(doc, a, j + 1)
            return Mention(toks[a].start, t.stop, "organization", name, None, head=t.low)
        elif t.is_word and _subject_noun(sp, t.text) or sp.is_abbr(t):
            a = j
            while a - 1 >= lo and toks[a - 1].is_word and (_modifier(sp, toks[a - 1].text) or sp.is_abbr(toks[a - 1])
                                                            or _subject_noun(sp, toks[a - 1].text)):
                a -= 1
            if a - 2 >= lo and toks[a - 1].low in ("в", "во", "из") and toks[a - 2].is_word \
                    and sp.morph.lemmas(toks[a - 2].text) & sp.groups:
                a -= 2  # 'источник в ЦИК Абхазии заявил': the source speaks, the body is where it sits
            if sp.is_abbr(t) and a - 1 >= lo and toks[a - 1].is_word and _subject_noun(sp, toks[a - 1].text):
                a -= 1  # "Источник РБК в правительстве сообщил": the abbreviation depends on the noun
            b = sp.extent_right(doc, a, cue.first)
            if a - 1 >= lo and toks[a - 1].low in ("в", "во"):
                m = sp.mention(doc, a, max(b, j + 1), case="loct")
            else:
                m = sp.mention(doc, a, max(b, j + 1))
            if m is not None and agrees(ctx, cue, m):
                return m
            j = a - 1
            continue
        j -= 1
    return None


RELATIVES = frozenset({"который", "которая", "которое", "которые"})


def _nominative_noun(ctx: Context, cue: Cue, word: str) -> bool:
    """A common noun in the nominative that agrees in number with the cue's verb."""
    feats = verb_features(ctx, cue)
    if feats is None:
        return False
    parses = ctx.sp.morph.parse(word)
    return bool(parses) and parses[0].tag.POS == "NOUN" and any(
        p.tag.POS == "NOUN" and p.tag.case == "nomn" and (p.tag.number == "plur") == feats[0] for p in parses)
PREPS_ANY = frozenset({"в", "во", "на", "из", "с", "со", "к", "ко", "о", "об", "по", "у", "от", "до", "для", "при", "за"})


def _main_verb(ctx: Context, cue: Cue, lo: int) -> int:
    """Index of the finite verb a gerund cue depends on (the cue itself when none)."""
    toks = ctx.doc.tokens
    for k in range(cue.first - 1, lo - 1, -1):
        if toks[k].is_word and ctx.sp.morph.pos(toks[k].text) == "VERB":
            return k
    return cue.first


def _relative(ctx: Context, j: int, lo: int) -> Mention | None:
    """'Бекенбауэра, который отшучивается словами: «...»': the relative pronoun speaks for
    the noun phrase before its comma."""
    doc, sp = ctx.doc, ctx.sp
    toks = doc.tokens
    k = j - 1
    if k < 0 or toks[k].text != ",":
        return None
    k -= 1
    if k < 0 or not toks[k].is_word:
        return None
    if sp.is_name(doc, k):
        a, b = sp.cluster(doc, k)
        target = sp.mention(doc, a, b, sp.run_case(doc, a, b))
    else:
        a = k
        while a - 1 >= 0 and toks[a - 1].is_word and (_modifier(sp, toks[a - 1].text) or sp.is_abbr(toks[a - 1])):
            a -= 1
        target = sp.mention(doc, a, k + 1, next(iter(sp.morph.cases(toks[k].text)), None))
    if target is None:
        return None
    t = toks[j]
    return Mention(t.start, t.stop, target.kind, target.name, "relative", head=target.head, gender=target.gender,
                   plural=target.plural, titles=target.titles,
                   surname=target.surname, target=target)


def _subject_noun(sp: Speakers, word: str) -> bool:
    lem = sp.morph.lemmas(word)
    if not lem & sp.speaker_heads:
        return False
    if lem & sp.groups and any(p.tag.case == "nomn" for p in sp.morph.parse(word)):
        return True  # некоторые, многие
    return any(p.tag.case == "nomn" for p in sp.morph.parse(word) if p.tag.POS == "NOUN") or \
        any(p.tag.POS == "NOUN" and p.tag.case is None for p in sp.morph.parse(word))


def _modifier(sp: Speakers, word: str) -> bool:
    parses = sp.morph.parse(word)
    return bool(parses) and parses[0].tag.POS in ("ADJF", "PRTF", "NUMR")


def right_speaker(ctx: Context, i: int, hi: int, case: str | None = None, cue: Cue | None = None) -> Mention | None:
    """The speaker phrase after a cue: 'заявил Песков', 'отметили в МИД РФ', 'сказал он',
    past adverbs, a time ('в понедельник вечером') and an addressee ('журналистам')."""
    doc, sp = ctx.doc, ctx.sp
    toks = doc.tokens
    want = case or "nomn"
    for _ in range(4):
        skipped = 0
        while i < hi and skipped < 3 and (toks[i].low in _SKIP or not toks[i].is_cap
                                          and sp.morph.pos(toks[i].text) in ("ADVB", "PRCL")):
            i += 1
            skipped += 1
        if i < hi and toks[i].is_quote and toks[i].start in ctx.pair_by_open:
            p = ctx.pair_by_open[toks[i].start]
            m = _quoted_name(ctx, p, cue, case)
            if m is None or cue is not None and not _number_agrees(ctx, cue, m):
                i = doc.token_at(p.close + 1)  # "пояснили «РИА Новости» в пресс-службе": told, not telling
                continue
            return m
        if i >= hi or not toks[i].is_word:
            return None
        t = toks[i]
        if t.low in ("у", "к", "ко") and i + 1 < hi:
            i = max(sp.extent_right(doc, i + 1, hi), i + 2)  # "поинтересовался у Макмаллена": asked, not asking
            continue
        if t.low in ("в", "во", "на") and i + 1 < hi:
            nxt = toks[i + 1]
            if nxt.is_cap or sp.is_abbr(nxt) or sp.morph.lemmas(nxt.text) & (sp.org_nouns | sp.media_nouns):
                if t.low == "на":
                    return None
                b = sp.extent_right(doc, i + 1, hi)
                return sp.mention(doc, i + 1, b, case="loct") if b > i + 1 else None
            i += 1  # в понедельник, в своём Telegram-канале: past the modifiers and one noun
            while i < hi and toks[i].is_word and not toks[i].is_cap and _modifier_or_pronoun(sp, toks[i].text):
                i += 1
            i += 1
            continue
        if t.low in PRONOUNS or t.low in ("там", "здесь"):
            return sp.mention(doc, i, i + 1)
        b = sp.extent_right(doc, i, hi)
        if b <= i:
            return None
        if not _in_case(ctx, i, b, want):
            i = b
            continue
        m = sp.mention(doc, i, b, case)
        if m is not None and cue is not None and not _number_agrees(ctx, cue, m):
            i = b  # "сообщили РИА Новости в пресс-службе базы": a singular after a plural verb is its addressee
            continue
        return m
    return None


def _modifier_or_pronoun(sp: Speakers, word: str) -> bool:
    parses = sp.morph.parse(word)
    return bool(parses) and parses[0].tag.POS in ("ADJF", "PRTF", "NUMR", "NPRO")


def relay_source(ctx: Context, cue: Cue, hi: int, case: str | None) -> Mention | None:
    """The speaker after a cue, or, when the cue relays ('сообщает ТАСС со ссылкой на
    источник в правительстве'), the source named after 'со ссылкой на'."""
    relay = next((j for j in range(cue.last, min(hi, cue.last + 16))
                  if j in ctx.cue_at and ctx.cue_at[j].lemma == "со ссылкой на"), None)
    if relay is not None:
        m = right_speaker(ctx, ctx.cue_at[relay].last, hi, case="accs")
        if m is not None:
            return m
    return right_speaker(ctx, cue.last, relay if relay is not None else hi, case, cue=cue)


def _quoted_name(ctx: Context, p: Pair, cue: Cue | None, case: str | None = None) -> Mention | None:
    """пишет «Коммерсантъ», сообщает «Спорт уик-энд»: a name in quote marks after the cue
    is an outlet when the cue is one of writing, else an organisation."""
    doc, sp = ctx.doc, ctx.sp
    a, b = pair_tokens(doc, p)
    if not (0 < words_in(doc, a, b, 4) <= 4) or not doc.tokens[a].is_cap:
        return None
    name = doc.text[p.start:p.end]
    writes = cue is not None and cue.lemma in ("писать", "написать", "сообщать", "сообщить", "передавать",
                                                "передать", "цитировать")
    last_word = doc.tokens[b - 1].text
    want = case or "nomn"
    if not any(p.tag.case in (want, None) for p in sp.morph.parse(last_word)) and sp.morph.parse(last_word):
        return None  # "заявил «Интерфаксу»": the outlet told, in the dative
    if want != "nomn":  # "По информации «Ростелекома»": the source in the genitive, named in the nominative
        name = sp.nominative_phrase(doc, a, b)[0]
    kind = "media" if writes or sp.outlet_at(doc, a, b) > a else "organization"
    return Mention(p.start, p.end, kind, name, None, head=doc.tokens[a].low)


def _number_agrees(ctx: Context, cue: Cue, m: Mention) -> bool:
    feats = verb_features(ctx, cue)
    if feats is None or m.anaphor in ("pronoun", "place"):
        return True
    return not feats[0] or m.plural or m.kind in ("group",)


def _in_case(ctx: Context, a: int, b: int, case: str) -> bool:
    """Can the phrase [a, b) stand in ``case``? Its first noun or name decides."""
    sp = ctx.sp
    toks = ctx.doc.tokens
    for k in range(a, b):
        t = toks[k]
        if sp.is_abbr(t) or not t.is_word or sp.is_initial(ctx.doc, k):
            return True
        parses = sp.morph.parse(t.text)
        if not parses or not sp.morph.is_known(t.text):
            return True
        if any(p.tag.POS == "NOUN" for p in parses):
            return any(p.tag.case == case or p.tag.case is None for p in parses if p.tag.POS == "NOUN") \
                or case == "accs" and any(p.tag.case == "gent" for p in parses)
    return True


_SKIP = frozenset("""сегодня вчера ранее также тогда затем журналистам агентству изданию корреспонденту
газете телеканалу репортерам прессе нам мне""".split())


def speaker_for(ctx: Context, cue: Cue, lo: int, hi: int) -> Mention | None:
    """Owner of a document cue, subject before a verb, or the phrase after it."""
    if cue.kind in ("passive", "source"):
        m = right_speaker(ctx, cue.last, hi, case="gent")
        if m is not None or cue.kind == "source":
            return m
    m = left_subject(ctx, lo, cue)
    if m is not None and m.kind == "media" and not m.anaphor:
        # "Об этом РБК сообщила пресс-секретарь ...": the outlet is told, the person speaks
        right = right_speaker(ctx, cue.last, hi, cue=cue)
        if right is not None and right.kind == "person":
            return right
    if m is not None:
        return m
    return relay_source(ctx, cue, hi, None)  # 'сообщил Интерфакс со ссылкой на штаб': the source


def sentence_bounds(doc: Doc, tok: int) -> tuple[int, int]:
    s = doc.sents[doc.tokens[tok].sent]
    return s.first, s.last


def rejected(ctx: Context, cue: Cue) -> str | None:
    """Name of the exclusion rule that rejects this cue as a report, if one does."""
    toks = ctx.doc.tokens
    i = cue.first
    prev = toks[i - 1].low if i > 0 else ""
    if prev in ("не", "ни"):
        return "negated"
    for k in range(max(0, i - 2), min(len(toks), cue.last + 2)):
        if toks[k].low == "бы":
            return "conditional"
    for a, b in IDIOMS:
        if prev == a and toks[i].low == b:
            return "idiom"
    if cue.form is not None and cue.form.person1:
        return "first_person"
    if cue.last < len(toks) and toks[cue.last].low == "ли":
        return "question"  # "скажет ли президент ...": a question about speech, not a report
    return None


# -- direct quotes ----------------------------------------------------------------

def is_title(ctx: Context, p: Pair) -> bool:
    """«Газпром», "Единая Россия", указ "О членах ...": a name, not a quote."""
    doc = ctx.doc
    a, b = pair_tokens(doc, p)
    toks = doc.tokens
    k = doc.token_before(p.open)
    while k >= 0 and (toks[k].text.startswith("№") or toks[k].text.isdigit() or toks[k].text == "№"):
        k -= 1
    if k >= 0 and toks[k].is_word and ctx.sp.morph.lemmas(toks[k].text) & ctx.titles:
        return True
    ws = [t for t in toks[a:b] if t.is_word]
    if 0 < len(ws) <= 6 and all(t.is_cap or t.text.isdigit() or len(t.text) <= 2 for t in ws):
        return len(ws) <= 3 or not any(t.text in FINAL_PUNCT for t in toks[a:b])
    return False


def opens_clause(ctx: Context, p: Pair) -> bool:
    """A quote reproduces a whole utterance: its opening mark starts a sentence or
    follows a colon, a dash or another quote. 'в аэропорт "Внуково-1", сообщает ...'
    is a name inside a reported sentence, not a quote."""
    toks = ctx.doc.tokens
    k = ctx.doc.token_before(p.open)
    if k < 0 or toks[k].sent != toks[min(k + 1, len(toks) - 1)].sent:
        return True
    t = toks[k]
    return (t.text in (":", ".", "!", "?", "…", "(") or t.is_dash
            or t.is_quote and t.start in ctx.pair_by_close or "\n" in ctx.doc.text[t.stop:p.open])


def after_close(ctx: Context, p: Pair) -> Candidate | None:
    """«...», — заявил Песков / «...», — сказано в сообщении посольства / «...», сказал он."""
    doc = ctx.doc
    toks = doc.tokens
    if not opens_clause(ctx, p):
        return None
    j = doc.token_at(p.close + 1)
    n = len(toks)
    punct = 0
    while j < n and toks[j].text in (",", ".", "!", "?", "…", "...") and punct < 2:
        j += 1
        punct += 1
    dash = j < n and toks[j].is_dash
    if dash:
        j += 1
    elif not (punct and toks[j - 1].text == ","):
        return None
    if j >= n:
        return None
    hi = _clause_end_tok(ctx, j)
    cue = next((ctx.cue_at[k] for k in range(j, min(j + 5, hi)) if k in ctx.cue_at), None)
    if cue is None:
        return None
    if cue.form is not None and cue.kind == "verb" and rejected(ctx, cue) in ("negated", "conditional"):
        return None
    m = speaker_for(ctx, cue, j, hi)
    rule = "quote_dash_cue_speaker" if dash else "quote_comma_cue_speaker"
    return Candidate("direct", p.start, p.end, cue, m, rule, 0.93 if dash else 0.9, 3)


def before_open(ctx: Context, p: Pair) -> Candidate | None:
    """Захарова заявила: «...» / Как сказал министр, «...» / Песков: «...»."""
    doc = ctx.doc
    toks = doc.tokens
    k = doc.token_before(p.open)
    if k < 0:
        return None
    first, _ = sentence_bounds(doc, k)
    if toks[k].text == ":":
        lo = _clause_start_tok(ctx, k, first)
        cue = next((ctx.cue_at[c] for c in range(k - 1, lo - 1, -1) if c in ctx.cue_at), None)
        if cue is not None:
            if rejected(ctx, cue) in ("negated", "conditional"):
                return None
            m = speaker_for(ctx, cue, lo, k)
            return Candidate("direct", p.start, p.end, cue, m, "speaker_cue_colon_quote", 0.9, 3)
        if 0 < k - lo <= 8:
            b = ctx.sp.extent_right(doc, lo, k)
            m = ctx.sp.mention(doc, lo, b) if b == k else None
            if m is not None and m.name and not m.anaphor and m.kind in ("person", "organization", "media"):
                return Candidate("direct", p.start, p.end, None, m, "headline_speaker_colon", 0.75, 3)
        # "С ним не согласна сенатор Петрова: «Спешка вредна»": the clause's subject speaks
        colon = Cue(k, k + 1, toks[k].start, toks[k].stop, "", "colon")
        m = left_subject(ctx, lo, colon)
        if m is not None and m.kind in ("person", "group") and (m.name or m.anaphor == "pronoun") \
                and words_in(doc, doc.token_at(p.start), doc.token_before(p.end) + 1, 2) >= 2:
            return Candidate("direct", p.start, p.end, None, m, "subject_colon_quote", 0.7, 3)
        return None
    if toks[k].text == ",":
        lo = _clause_start_tok(ctx, k, first)
        if toks[lo].low == "как" and lo + 1 in ctx.cue_at:
            cue = ctx.cue_at[lo + 1]
            m = speaker_for(ctx, cue, lo + 1, k)
            return Candidate("direct", p.start, p.end, cue, m, "as_cue_speaker_quote", 0.85, 3)
        if lo in ctx.cue_at and ctx.cue_at[lo].kind == "source" and _closes_clause(ctx, p):
            cue = ctx.cue_at[lo]
            m = right_speaker(ctx, cue.last, k, case="gent") or _possessive(ctx, cue)
            return Candidate("direct", p.start, p.end, cue, m, "source_phrase_quote", 0.85, 3)
    if toks[k].is_word:
        # "По его словам «...»": a source phrase and its speaker right before the mark, no comma
        lo = _clause_start_tok(ctx, k, first)
        cue = ctx.cue_at.get(lo)
        a, b = pair_tokens(doc, p)
        if cue is not None and cue.kind == "source" and k - cue.last < SOURCE_SPEAKER_WORDS \
                and words_in(doc, a, b, 4) >= 4 and not is_title(ctx, p):  # words, not a name in the phrase
            m = right_speaker(ctx, cue.last, k + 1, case="gent") or _possessive(ctx, cue)
            if m is not None:
                return Candidate("direct", p.start, p.end, cue, m, "source_phrase_quote", 0.8, 3)
    return None


def _closes_clause(ctx: Context, p: Pair) -> bool:
    """The quote ends its clause ('По словам X, «...».'); not 'Согласно Марку, «подбудили»
    рабочих ...', where the clause goes on and the report is mixed."""
    doc = ctx.doc
    k = doc.token_at(p.close + 1)
    return k >= len(doc.tokens) or doc.tokens[k].sent != doc.tokens[doc.token_at(p.start)].sent \
        or doc.tokens[k].text in FINAL_PUNCT or doc.tokens[k].text in (",", ";", ":") or doc.tokens[k].is_dash


def _clause_start_tok(ctx: Context, k: int, first: int) -> int:
    """Start of the clause that ends at token ``k``: the sentence start, or just after
    the closing mark of an earlier quote in the same sentence."""
    toks = ctx.doc.tokens
    lo = max(first, k - CLAUSE_REACH)
    for j in range(k - 1, max(first, k - CLAUSE_REACH) - 1, -1):
        t = toks[j]
        if t.is_quote and t.start in ctx.attributed or t.text in (";",) \
                or t.is_dash and first < j < k - 1 and toks[j - 1].text in (".", "!", "?"):
            lo = j + 1
            break
    return lo


def _clause_end_tok(ctx: Context, j: int) -> int:
    """One past the last token of the attribution clause that starts at ``j``."""
    doc = ctx.doc
    toks = doc.tokens
    _, last = sentence_bounds(doc, j)
    last = min(last, j + ATTRIBUTION_REACH)
    for k in range(j, min(last, len(toks))):
        t = toks[k]
        if t.is_quote and t.start in ctx.pair_by_open and not is_title(ctx, ctx.pair_by_open[t.start]) \
                or t.text in (":", ";") or t.is_dash and k > j:
            return k
        if t.text in FINAL_PUNCT:
            return k
    return last


def interrupted(ctx: Context, p: Pair) -> list[Candidate]:
    """«Часть 1, — сказал он. — Часть 2»: two quotes, one speaker."""
    doc = ctx.doc
    toks = doc.tokens
    a, b = pair_tokens(doc, p)
    for d1 in range(a + 1, b - 3):
        if not (toks[d1].is_dash and toks[d1 - 1].text in (",", ".", "!", "?", "…")):
            continue
        cue = next((ctx.cue_at[k] for k in range(d1 + 1, min(d1 + 5, b)) if k in ctx.cue_at), None)
        if cue is None:
            continue
        for d2 in range(cue.last, min(cue.last + INTERRUPTION_REACH, b - 1)):
            if toks[d2].is_dash and toks[d2 - 1].text in (".", ",", ":") and (
                    d2 - cue.last <= 10 or toks[d2 - 1].text == "."):
                m = speaker_for(ctx, cue, d1 + 1, d2 - 1)
                if m is None:
                    break
                first = Candidate("direct", p.start, toks[d1 - 1].start, cue, m, "quote_interrupted", 0.9, 3)
                second = Candidate("direct", toks[d2 + 1].start, p.end, cue, m, "quote_interrupted", 0.88, 3)
                return [first, second]
            if toks[d2].text in FINAL_PUNCT and toks[d2 + 1].is_dash:
                continue
    return []


def intro_line(ctx: Context, p: Pair) -> Candidate | None:
    """Так говорил Андрей Воробьев / Вот что сказал министр: a line that names the speaker
    of the quotes standing after it."""
    doc = ctx.doc
    toks = doc.tokens
    k = doc.token_before(p.open)
    nxt = doc.token_at(p.open)
    if k < 0 or nxt >= len(toks) or toks[k].sent == toks[nxt].sent:
        return None  # the quote must open its own sentence
    first, last = sentence_bounds(doc, k)
    lead = [t.low for t in toks[first:first + 2]]
    if not (lead[:1] == ["так"] or lead == ["вот", "что"] or lead == ["вот", "как"]):
        return None
    cue = next((ctx.cue_at[j] for j in range(first + 1, min(first + 3, last)) if j in ctx.cue_at), None)
    if cue is None or cue.kind not in ("verb", "phrase"):
        return None
    end = last - 1 if toks[last - 1].text in (".", ":") else last
    m = right_speaker(ctx, cue.last, end, cue=cue)
    if m is None:
        return None
    return Candidate("direct", p.start, p.end, cue, m, "intro_line", 0.8, 3)


DIRECT_SIEVES = (after_close, before_open, intro_line)


# -- reported speech -----------------------------------------------------------------

def content_end(ctx: Context, start: int, sent_tok: int, skip_cue: Cue | None = None) -> int:
    """End of a reported clause: the end of its sentence without the final mark, not
    past a trailing attribution or a second report; a quote that opens inside runs to
    its closing mark."""
    doc = ctx.doc
    toks = doc.tokens
    s = doc.sents[toks[sent_tok].sent]
    first = doc.token_at(start)
    end = min(s.stop, toks[min(first + CLAUSE_REACH, len(toks) - 1)].stop)
    for p in ctx.top_pairs_between(start, end):
        if p.close >= end:
            end = max(p.close + 1, doc.sents[doc.sent_of(p.close)].stop)
            break
    last = doc.token_before(end)
    feats = verb_features(ctx, skip_cue) if skip_cue is not None and skip_cue.form is not None else None
    inner = [c for c in ctx.cues_between(first + 1, last + 1) if c is not skip_cue]
    if inner and skip_cue is not None and ctx.parse is not None:
        ctx.parse([toks[skip_cue.first].sent])  # a cue inside the report: the parse says whose clause it is in
    verb = parse.predicate(doc, skip_cue.first) if skip_cue is not None and skip_cue.first in doc.head else None
    head = parse.clause_head(doc, first, last + 1, verb) if verb is not None else None
    for k in range(first, last):
        if toks[k].text == ":" and toks[k + 1].is_quote and any(p.open == toks[k + 1].start for p in ctx.quote_like):
            end = toks[k].start  # "полагает, что логика проста: «...»": the quote after the colon is its own
            last = k
            break
        if feats is not None and toks[k].text == "," and toks[k + 1].low in ("и", "а", "но") and k + 2 <= last \
                and _same_subject_verb(ctx, toks[k + 2].text, feats):
            end = toks[k].start  # "сказал, что придёт, и ушёл": the speaker's next deed, not the report
            last = k
            break
    quoted = [(p.start, p.end) for p in ctx.top_pairs_between(start, end)]
    for c in ctx.cues_between(first + 1, last + 1):
        if c is skip_cue or any(a <= c.start < b for a, b in quoted):
            continue  # a reporting word inside the quoted words ('«..., говорят врачи»') ends nothing
        if head is not None and c.first != head and doc.rel.get(c.first) == "conj" and parse.descends(doc, c.first, head):
            ctx.note("parse_one_clause", c.start, c.end, "kept")
            continue  # 'признался, что занимался мошенничеством и передавал ...': a verb of the report
        k = c.first - 1
        seen = False
        while k > first and (toks[k].text in (",", "—", "–", "-") or toks[k].low in CONNECTORS):
            seen = True
            k -= 1
        if seen and toks[c.first - 1].text != "-":
            if _opens_report(ctx, c) or _ends_sentence(ctx, c):
                end = min(end, toks[k].stop)
                break
        comma = _subject_before(ctx, c, first)
        if comma is not None and _opens_report(ctx, c):
            end = min(end, toks[comma].start)  # '..., а сами страховые компании говорят, что ...': a second report
            break
    text = doc.text
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".!?…;:,—–"):
        end -= 1
    return end


SECOND_SUBJECT_REACH = 8  # tokens of a second report's subject between its comma and its cue


def _subject_before(ctx: Context, c: Cue, lo: int) -> int | None:
    """The comma that opens a clause of its own before cue ``c``: a connector and the
    clause's subject (words that are no verb, no relative pronoun) stand between them."""
    toks = ctx.doc.tokens
    k = c.first - 1
    words_ = 0
    while k > lo and c.first - k <= SECOND_SUBJECT_REACH:
        t = toks[k]
        if t.text == ",":
            # the clause opens with a connector: '..., а сами компании говорят, что'; without one
            # the report is the content's own ('..., из них половина утверждает, что ...')
            return k if words_ > 1 and toks[k + 1].low in CONNECTORS else None
        if not t.is_word or t.low.startswith("котор") or t.low in COMPLEMENTIZERS or t.low in ("как", "если", "когда"):
            return None
        if ctx.sp.morph.pos(t.text) in ("VERB", "INFN", "GRND", "PRTS", "PRED"):
            return None
        words_ += 1
        k -= 1
    return None


def _same_subject_verb(ctx: Context, word: str, feats: tuple[bool, str | None]) -> bool:
    """A past-tense verb that agrees with the reporting verb: the main clause goes on."""
    plural, gender = feats
    parses = ctx.sp.morph.parse(word)
    if not parses or parses[0].tag.POS != "VERB" or parses[0].tag.tense != "past":
        return False
    tag = parses[0].tag
    return (tag.number == "plur") == plural and (plural or gender is None or tag.gender == gender)


def per_cue(check):
    """Remember a check's answer for each cue of the document: content_end asks it
    of every cue in reach, so unremembered it would cost the square of the text."""
    def remembered(ctx: Context, cue: Cue) -> bool:
        key = (check.__name__, cue.first)
        if key not in ctx.memo:
            ctx.memo[key] = check(ctx, cue)
        return ctx.memo[key]
    remembered.__doc__ = check.__doc__
    return remembered


@per_cue
def _opens_report(ctx: Context, cue: Cue) -> bool:
    """A clause follows the cue: ', что ...' or ': ...'."""
    toks = ctx.doc.tokens
    for k in range(cue.last, min(cue.last + 10, len(toks))):
        if toks[k].text == "," and k + 1 < len(toks) and toks[k + 1].low in COMPLEMENTIZERS:
            return True
        if toks[k].text == ":":
            return True
        if toks[k].text in FINAL_PUNCT:
            return False
    return False


@per_cue
def _ends_sentence(ctx: Context, cue: Cue) -> bool:
    """The cue and its speaker close the sentence: '..., сообщает ТАСС.'"""
    doc = ctx.doc
    toks = doc.tokens
    _, last = sentence_bounds(doc, cue.first)
    for k in range(cue.last, min(last, cue.last + 16)):
        if toks[k].text in FINAL_PUNCT or toks[k].is_quote:
            return k - cue.last <= 14
        if toks[k].text == "," and _relays(ctx, k + 1):
            return k - cue.last <= 14  # '..., заявил X, сообщает ТАСС': the relay closes it
        if toks[k].text == "," and cue.kind == "passive" and k + 1 < last \
                and ctx.sp.morph.pos(toks[k + 1].text) == "PRTF":
            return True  # '..., говорится в сообщении, размещенном на сайте ведомства.'
        if toks[k].text == "," and k + 1 < last and k > cue.last and toks[k - 1].is_cap \
                and _appositive_title(ctx, toks[k + 1].text):
            return True  # '..., заявил Иван Орлов, президент банка «Альфа».'
        if toks[k].text == "," and k + 1 < last and toks[k + 1].is_quote and toks[k + 1].start in ctx.pair_by_open:
            return True  # '..., которые «...», говорит Юханссон, «...»': the quote resumes after the speaker
        if toks[k].text in (",", ":", ";") and not (k + 3 < last and toks[k + 1].low == "со"):
            return False
    return last - cue.last <= 16


def _appositive_title(ctx: Context, word: str) -> bool:
    """A title in the nominative that can stand after a name: 'президент', 'глава'."""
    return any(p.tag.POS == "NOUN" and p.tag.case == "nomn" and "anim" in p.tag.grammemes
               for p in ctx.sp.morph.parse(word)) and ctx.sp.morph.lemma(word) in ctx.sp.titles | ctx.sp.groups


def _relays(ctx: Context, k: int) -> bool:
    """A reporting verb standing at token ``k`` after a comma passes on what went before."""
    c = ctx.cue_at.get(k)
    return c is not None and c.kind == "verb" and c.form is not None and not c.form.gerund


def _typed(ctx: Context, start: int, end: int) -> str:
    for p in ctx.top_pairs_between(start, end):
        if p.close < end and not is_title(ctx, p):
            return "mixed"
    return "indirect"


def complement_clause(ctx: Context, cue: Cue) -> Candidate | None:
    """МИД заявил, что ... / Там напомнили, что ... / заявил журналистам: ..."""
    doc = ctx.doc
    toks = doc.tokens
    if cue.kind == "source":
        return None
    first, last = sentence_bounds(doc, cue.first)
    request = cue.form is not None and cue.form.direct_only
    asking = cue.form is not None and cue.form.question
    for k in range(cue.last, min(cue.last + 16, last)):
        t = toks[k]
        if asking and t.text == "," and _indirect_question(ctx, k + 1, last):
            start = toks[k + 1].start  # "спросил ее, не хочет ли она ...": the question is the report
            request = False
            break
        if (t.text == "," and k + 1 < last and toks[k + 1].low in COMPLEMENTIZERS
                or k == cue.last and t.low in COMPLEMENTIZERS and k + 1 < last):  # "выражает надежду что"
            start = toks[k + 2].start if t.text == "," and k + 2 < len(toks) else toks[k + 1].start
            break
        if t.text == ":" and k + 1 < len(toks):
            nxt = toks[k + 1]
            if nxt.is_quote and nxt.start in ctx.pair_by_open:
                return None  # a direct quote: before_open takes it
            if request:
                ctx.note("request_or_call", cue.start, cue.end, "rejected")
                return None
            start = nxt.start
            break
        if t.text in FINAL_PUNCT or t.text == ";" or (t.text == "," and cue.kind != "passive" and k > cue.last + 10):
            return None
        if t.is_quote and any(p.open == t.start for p in ctx.quote_like):
            return None
    else:
        return None
    end = content_end(ctx, start, k, cue)
    if end - start < MIN_CONTENT_CHARS:
        return None
    kind = _typed(ctx, start, end)
    if request and kind != "mixed":
        # "призвал, чтобы ...", "узнал, что ...": reported words only when quoted ("узнал, что
        # его тело было «бомбой»")
        ctx.note("request_or_call", cue.start, cue.end, "rejected")
        return None
    lo = _clause_start_tok(ctx, cue.first, first)
    m = speaker_for(ctx, cue, lo, k)
    return Candidate(kind, start, end, cue, m, "cue_that_clause", 0.85, 2)


def nested_report(ctx: Context, cue: Cue, quote: tuple[int, int]) -> Candidate | None:
    """A report inside someone's direct quote whose speaker differs and is named there
    ('«... Кандидаты Сергей Багапш и Рауль Хаджимба высказали пожелание, чтобы выборы прошли
    до 13 января ...», - сказал собеседник'): a quote of its own, nested in the other. A
    pronoun, the quoted speaker's own 'я' or 'мы', or a report without a clause is none."""
    if cue.kind not in ("verb", "phrase") or rejected(ctx, cue):
        return None
    cand = complement_clause(ctx, cue)
    if cand is None or cand.start >= quote[1]:
        return None
    m = cand.mention or _named_subject(ctx, cue, quote[0])
    if m is None or m.anaphor is not None or not m.name or m.start < quote[0] \
            or m.kind not in ("person", "group", "organization"):
        return None
    end = min(cand.end, quote[1])
    while end > cand.start and (ctx.doc.text[end - 1].isspace() or ctx.doc.text[end - 1] in ".,;:!?…"):
        end -= 1
    return Candidate(cand.type, cand.start, end, cue, m, "nested_report", 0.75, 1)


def _named_subject(ctx: Context, cue: Cue, lo: int) -> Mention | None:
    """The person the entity table names before the cue in its sentence, inside the quote:
    'Кандидаты ... Сергей Багапш и Рауль Хаджимба высказали пожелание'."""
    first, _ = sentence_bounds(ctx.doc, cue.first)
    start = max(lo, ctx.doc.tokens[first].start)
    return ctx.entities.person_mention(start, cue.start) if ctx.entities is not None else None


QUESTION_WORDS = frozenset("""как какой какая какое какие каким каких какую где когда почему зачем сколько
кто кого кому чем куда откуда чей чья чье чьи насколько""".split())


def _indirect_question(ctx: Context, k: int, last: int) -> bool:
    """Tokens from ``k`` open an indirect question: a question word, after a preposition
    at most ('на какой тип ...'), or 'ли' among the first words ('не хочет ли', 'приведет ли')."""
    toks = ctx.doc.tokens
    head = [t.low for t in toks[k:min(k + 4, last)]]
    if not head:
        return False
    if head[0] in QUESTION_WORDS or len(head) > 1 and head[1] in QUESTION_WORDS \
            and ctx.sp.morph.pos(toks[k].text) == "PREP":
        return True
    return "ли" in head[1:3]


def as_cue(ctx: Context, cue: Cue) -> Candidate | None:
    """Как сообщили в пресс-службе, ... / Как пишет Gzt.Ru, ..."""
    doc = ctx.doc
    toks = doc.tokens
    if cue.first == 0 or toks[cue.first - 1].low != "как":
        return None
    first, last = sentence_bounds(doc, cue.first)
    if cue.first - 1 != first and not (toks[cue.first - 2].text == "," and _lead(ctx, first, cue.first - 2)):
        ctx.note("relay", cue.start, cue.end, "rejected")
        return None  # ", как передает X," inside a sentence is a relay: the source is named elsewhere
    comma = next((k for k in range(cue.last, min(cue.last + 30, last)) if toks[k].text == ","), None)
    if comma is not None and comma + 1 < last and _modifier(ctx.sp, toks[comma + 1].text):
        # "Как рассказала собеседница, близкая к компании, ...": the speaker's own participial phrase
        comma = next((k for k in range(comma + 1, min(comma + 14, last)) if toks[k].text == ","), comma)
    if comma is None or comma + 1 >= last:
        return None
    m = relay_source(ctx, cue, comma, "gent" if cue.kind == "passive" else None)
    start = toks[comma + 1].start
    end = content_end(ctx, start, comma + 1, cue)
    if end - start < MIN_CONTENT_CHARS:
        return None
    return Candidate(_typed(ctx, start, end), start, end, cue, m, "as_cue_clause", 0.85, 2)


LEAD_WORDS = 4   # words of a sentence's opening adverbial before a parenthetical cue ('Между тем, как ...')


def _lead(ctx: Context, first: int, comma: int) -> bool:
    """Tokens [first, comma) are a short opening adverbial: a few words and no verb
    ('Между тем', 'В любом случае', 'Сейчас')."""
    toks = ctx.doc.tokens
    span = toks[first:comma]
    if not 0 < len(span) <= LEAD_WORDS or span[0].low in ("об", "это") or any(t.is_cap for t in span[1:]):
        return False  # 'Об этом сам Лукин, как передает ...': a subject stands there, it is a relay
    for t in span:
        parses = ctx.sp.morph.parse(t.text)
        if not t.is_word or not parses or parses[0].tag.POS in ("VERB", "INFN", "GRND", "PRTS", "PRTF") \
                or parses[0].tag.POS in ("NOUN", "NPRO") and parses[0].tag.case == "nomn":
            return False
    return True


def parenthetical_cue(ctx: Context, cue: Cue) -> Candidate | None:
    """'Сейчас, сообщил министр, ведомство анализирует ...', 'В любом случае, отметил Сурков,
    ...': a cue and its speaker between commas after an opening adverbial; the report is
    the rest of the sentence."""
    doc = ctx.doc
    toks = doc.tokens
    if cue.kind != "verb" or cue.form is None or cue.form.gerund or cue.form.direct_only or cue.first == 0:
        return None
    first, last = sentence_bounds(doc, cue.first)
    if toks[cue.first - 1].text != "," or not _lead(ctx, first, cue.first - 1):
        return None
    comma = next((k for k in range(cue.last, min(cue.last + 12, last)) if toks[k].text == ","), None)
    if comma is None or comma + 1 >= last:
        return None
    m = speaker_for(ctx, cue, cue.last, comma)
    if m is None:
        return None
    start = toks[comma + 1].start
    end = content_end(ctx, start, comma + 1, cue)
    if end - start < MIN_CONTENT_CHARS:
        return None
    return Candidate(_typed(ctx, start, end), start, end, cue, m, "parenthetical_cue", 0.8, 2)


def source_phrase(ctx: Context, cue: Cue) -> Candidate | None:
    """По словам посла, ... / ..., по мнению экспертов."""
    if cue.kind != "source":
        return None
    doc = ctx.doc
    toks = doc.tokens
    first, last = sentence_bounds(doc, cue.first)
    comma = next((k for k in range(cue.last, min(cue.last + 16, last)) if toks[k].text in (",", ":")), None)
    np_end = comma if comma is not None else last
    m = right_speaker(ctx, cue.last, np_end, case="gent" if cue.lemma != "согласно" else "datv") \
        or _possessive(ctx, cue)
    if cue.lemma == "со ссылкой на":
        return None  # a relay: the cue it follows takes the source
    first = max(first, cue.first - CLAUSE_REACH)
    for k in range(cue.first - 1, first - 1, -1):
        if toks[k].text in (".", "!", "?", ";", ":", "…"):
            first = k + 1  # "... 1,5 млрд руб. При этом, по словам ...": razdel kept the abbreviation's sentence
            break
    at_start = cue.first == first or toks[cue.first - 1].low in ("а", "но", "и") and cue.first - 1 == first \
        or toks[cue.first - 1].text == "," and words_in(doc, first, cue.first, 2) <= 2 \
        or toks[cue.first - 1].text == "," and cue.first - 2 > first and toks[cue.first - 2].low in OPENERS
    # "..., и, по мнению экспертов, спад сохранится": after a connector the report opens anew
    if at_start and comma is not None and toks[comma].text == "," and comma + 1 < last:
        start = toks[comma + 1].start
        end = content_end(ctx, start, comma + 1, cue)
    elif not at_start and toks[cue.first - 1].text == "," and cue.first >= 2 \
            and ctx.sp.morph.lemma(toks[cue.first - 2].text) in RELATIVES \
            and comma is not None and toks[comma].text == "," and comma + 1 < last:
        # 'Стив Джобс, которому, по сообщениям прессы, пересадили печень': the relative clause
        # after the phrase is the report
        start = toks[comma + 1].start
        end = content_end(ctx, start, comma + 1, cue)
        # the relative clause ends where the main clause takes up its verb ('..., вернется')
        end = next((toks[k].start for k in range(comma + 1, doc.token_at(end)) if toks[k].text == ","
                    and k + 1 < last and ctx.sp.morph.pos(toks[k + 1].text) == "VERB"), end)
    elif not at_start and toks[cue.first - 1].text == ",":
        start = toks[first].start
        end = toks[cue.first - 2].stop
        if comma is not None and toks[comma].text == "," and comma + 2 < last:
            end = content_end(ctx, start, comma + 1, cue)
    else:
        return None
    if end - start < MIN_CONTENT_CHARS:
        return None
    inner = next((c for c in ctx.cues_between(doc.token_at(start), doc.token_at(start) + 12)
                  if c.start < end and c.kind != "source"), None)
    if inner is not None and words_in(doc, doc.token_at(start), inner.first, 8) <= 8 and _opens_report(ctx, inner):
        ctx.note("relay", cue.start, cue.end, "rejected")
        return None  # "Согласно сообщению БелТА, судья заявила, что ...": a relay, the judge is the source
    return Candidate(_typed(ctx, start, end), start, end, cue, m, "source_phrase", 0.85, 2)


def _possessive(ctx: Context, cue: Cue) -> Mention | None:
    """'По его словам', 'по их мнению': the pronoun inside the source phrase is the speaker."""
    for k in range(cue.first, cue.last):
        if ctx.doc.tokens[k].low in POSSESSIVE_PRONOUNS:
            return ctx.sp.mention(ctx.doc, k, k + 1)
    return None


def trailing_cue(ctx: Context, cue: Cue) -> Candidate | None:
    """..., сообщает Zakon.kz. / ..., — говорится в заявлении ведомства."""
    doc = ctx.doc
    toks = doc.tokens
    if cue.kind == "source":
        return None
    first, last = sentence_bounds(doc, cue.first)
    k = cue.first - 1
    if k < first:
        return None
    if toks[k].is_dash:
        k -= 1
    if k < first or toks[k].text != "," or toks[cue.first - 1].low == "как":
        return None
    if cue.form is not None and (cue.form.gerund or cue.form.direct_only):
        return None  # "..., сославшись на ...": a gerund attributes nothing after the fact
    if toks[last - 1].text == "?":
        ctx.note("question", cue.start, cue.end, "rejected")
        return None
    if toks[k - 1].is_quote and toks[k - 1].start in ctx.attributed:
        return None  # after_close took it
    if not _ends_sentence(ctx, cue):
        return None
    lo = _clause_start_tok(ctx, k, first)
    for c in ctx.cues_between(lo, k):
        if _relative_subject(ctx, c, lo):
            continue  # '..., что косвенно подтверждает версию, ...': a fact confirms, nobody reports
        if c.kind != "source" and (
                _opens_report(ctx, c) or [t.low for t in toks[lo:c.first]] in (["об", "этом"], ["это"])
                or toks[c.first - 1].text == "," and _relays(ctx, c.first) and _ends_sentence(ctx, c)):
            ctx.note("relay", cue.start, cue.end, "rejected")
            return None  # "Об этом говорится в заявлении X, передает ИА": a relay, X is the source
    start = toks[lo].start
    end = toks[k - 1].stop
    if words_in(doc, lo, k, 2) < 2:
        return None
    m = relay_source(ctx, cue, last, "gent" if cue.kind == "passive" else None)
    if toks[lo].is_dash and lo == first and _line_start(doc, toks[lo].start):
        # "— Мы готовы к переговорам, — сказал Лавров.": a line of dialogue with its speaker
        return Candidate("direct", toks[lo + 1].start, end, cue, m, "dash_dialogue", 0.85, 3)
    while start < end and doc.text[start] in "«\"„“":
        start += 1
    return Candidate(_typed(ctx, start, end), start, end, cue, m, "trailing_cue", 0.85, 2)


def _relative_subject(ctx: Context, c: Cue, lo: int) -> bool:
    """The cue's clause opens with a relative 'что' or 'который' as its subject, a word or two
    before the cue ('..., что косвенно подтверждает ...')."""
    toks = ctx.doc.tokens
    for k in range(c.first - 1, max(lo, c.first - 3) - 1, -1):
        if toks[k].low in ("что", "который", "которая", "которое", "которые") and toks[k - 1].text == ",":
            return True
    return False


def _line_start(doc: Doc, offset: int) -> bool:
    before = doc.text[max(0, offset - 200):offset]
    return before.strip(" \t\u00a0") == "" or before.rstrip(" \t\u00a0").endswith("\n")


def _caption(doc: Doc, sent) -> bool:
    """A line of a few words with no final mark: a caption or a headline, no statement."""
    last = doc.tokens[sent.last - 1] if sent.last > sent.first else None
    return (last is None or last.text not in FINAL_PUNCT) and words_in(doc, sent.first, sent.last, 6) < 6


def this_reported(ctx: Context, cue: Cue) -> Candidate | None:
    """Об этом сообщил X / Это подтвердил X / Об этом Юханссон заявил ...: the sentence
    before is the content."""
    doc = ctx.doc
    toks = doc.tokens
    first, last = sentence_bounds(doc, cue.first)
    lead = [t.low for t in toks[first:first + 2]]
    if lead[:2] == ["об", "этом"] or lead[:2] == ["о", "том"]:
        lo = first + 2
    elif lead[:1] and lead[0] in DEMONSTRATIVES and cue.first <= first + 2:
        lo = cue.first  # "Это подтвердил X", "Эту информацию подтвердили в пресс-службе"
    else:
        return None
    if toks[cue.first - 1].low == "как" and any(c.first > cue.first for c in ctx.cues_between(cue.last, last)):
        return None  # 'Об этом, как передает ТАСС, заявил X': a relay, the later verb's subject speaks
    for c in ctx.cues_between(lo, cue.first):
        if toks[c.first - 1].low != "как":
            return None  # an earlier cue of the sentence takes it
        # 'Об этом, как передает ТАСС, заявил X': the relay's outlet is not the subject
        lo = next((k + 1 for k in range(c.last, cue.first) if toks[k].text == ","), lo)
    s = toks[first].sent - 1
    while s >= 0 and s >= toks[first].sent - 3 and _caption(doc, doc.sents[s]):
        s -= 1  # a caption under a photo ("Леннарт Юханссон") is not what was reported
    if s < 0 or s < toks[first].sent - 3:
        return None
    prev = doc.sents[s]
    start = prev.start
    end = prev.stop
    while end > start and doc.text[end - 1] in ".!?… ":
        end -= 1
    m = speaker_for(ctx, cue, lo, last)
    return Candidate(_typed(ctx, start, end), start, end, cue, m, "this_reported", 0.7, 1)


def quoted_object(ctx: Context, cue: Cue) -> Candidate | None:
    """призывает стороны «работать в духе сотрудничества» / назвал случившееся «неприятным
    инцидентом»: the speaker's words in quote marks as the object of the verb: mixed."""
    doc = ctx.doc
    toks = doc.tokens
    if cue.kind not in ("verb", "phrase"):
        return None
    first, last = sentence_bounds(doc, cue.first)
    for k in range(cue.last, min(cue.last + 6, last)):
        t = toks[k]
        if t.text in (",", ":", ";") or t.text in FINAL_PUNCT:
            return None
        if t.is_quote and t.start in ctx.pair_by_open:
            p = ctx.pair_by_open[t.start]
            a, b = pair_tokens(doc, p)
            if p.depth or is_title(ctx, p) or words_in(doc, a, b, 2) < 2:
                return None
            if (cue.first > first and toks[cue.first - 1].text == "," or toks[cue.first - 1].is_dash) \
                    and words_in(doc, a, b, 4) <= 4 and toks[a].is_cap:
                return None  # "..., сообщает «Спорт уик-энд»": the outlet, not its words
            lo = _clause_start_tok(ctx, cue.first, first)
            # between the verb and the quote stands its object ('Называя Vestas «лидером»'), no speaker
            m = speaker_for(ctx, cue, lo, cue.last if k > cue.last else k)
            after = doc.token_at(p.close + 1)
            if k == cue.last and (after >= last or toks[after].text in FINAL_PUNCT or toks[after].text in (",", ";")):
                # "сказав «мы принялись за сохранение ...»": the words alone follow the verb
                return Candidate("direct", p.start, p.end, cue, m, "cue_quote", 0.85, 2)
            start = toks[cue.last].start
            end = p.close + 1
            for j in range(doc.token_at(p.close + 1), last):
                if toks[j].text in (",", ";", ":") or toks[j].text in FINAL_PUNCT or toks[j].is_quote:
                    break
                end = toks[j].stop
            return Candidate("mixed", start, end, cue, m, "cue_quoted_object", 0.8, 2)
    return None


def headline_reports(ctx: Context) -> list[Candidate]:
    """ФОМ: более 40% жителей готовы голосовать за Воробьева / Лавров: Россия готова к
    переговорам. A headline line (no final period) that opens with a speaker and a colon."""
    doc = ctx.doc
    toks = doc.tokens
    out = []
    for sent in doc.sents:
        a, b = sent.first, sent.last
        if b - a < 5 or not _line_start(doc, toks[a].start) or toks[b - 1].text in (".", "…"):
            continue
        colon = next((k for k in range(a + 1, min(a + 7, b)) if toks[k].text == ":"), None)
        if colon is None or colon + 1 >= b or toks[colon + 1].is_quote or words_in(doc, colon + 1, b, 3) < 3:
            continue
        if ctx.sp.extent_right(doc, a, colon) != colon:
            continue
        m = ctx.sp.mention(doc, a, colon)
        if m is not None and m.anaphor == "title" and ctx.entities is not None \
                and ctx.entities.body_in(toks[a].start, toks[colon - 1].stop) is not None:
            pass  # 'Глава Goldman Sachs: ...': a title with its body, tied to its holder later
        elif m is None or m.anaphor or not m.name or m.kind not in ("person", "organization", "media") \
                or colon - a == 1 and ctx.sp.is_place(toks[a].text):
            continue
        start, end = toks[colon + 1].start, toks[b - 1].stop
        while end > start and doc.text[end - 1] in "!?… ":
            end -= 1
        out.append(Candidate(_typed(ctx, start, end), start, end, None, m, "headline_colon", 0.7, 1))
        ctx.note("headline_colon", start, end, "indirect")
    return out


REPORT_SIEVES = (source_phrase, as_cue, parenthetical_cue, this_reported, complement_clause, trailing_cue,
                 quoted_object)
