"""Text → quotes and speakers: the only entry the service and the CLI call.

    pipe = Pipeline.load()        # once per process: dictionaries, word lists and the models
    result = pipe.extract(text)   # {"quotes": [...], "speakers": [...], "stats": {...}}

The steps, each in its own module: razdel segmentation (segment), quote-mark
pairing on the whole text (quotes), reporting cues (cues), slovnet's NER on the
sentences that can name someone and its parser where a report's speaker is not
plain (models, read through parse), the document's entity table (entities), the
ordered attribution passes (sieves), speaker mentions (speakers), anaphora
through the document (resolve), and every speaker named and given its
organisation through the entity table (entities.describe).
"""
from __future__ import annotations

import time
from bisect import bisect_right

from .cues import CueLexicon
from . import parse
from .lexicon import words
from .entities import PRONOUN_WINDOW, EntityTable, describe
from .models import Models
from .morph import Morph
from .quotes import pair_marks
from .resolve import Entity as RegistryEntity, Registry, Resolved
from .segment import segment
from .sieves import (DIRECT_SIEVES, REPORT_SIEVES, Candidate, Context, headline_reports, interrupted, is_title,
                     nested_report,
                     opens_clause,
                     pair_tokens, rejected, words_in)
from .speakers import Mention, Speakers

CONTINUATION_SENTENCES = 2
MIN_QUOTE_WORDS = 4
# relations of the one a verb of speech is addressed to ('сообщил агентству', 'заявил РБК')
ADDRESSEE_RELS = ("iobj", "obl")
NAME_RELS = ("appos", "flat", "flat:name", "flat:foreign")
ORG_ANAPHOR_WINDOW = 3        # sentences back a bare body noun looks for the body it stands for
DOCUMENT_OWNER_SENTENCES = 2  # sentences back the author of a cited document may be named
CITING = words("citing_verbs.txt")  # the one cited speaks: 'цитирует Беттмэна ИТАР-ТАСС'
IMPERSONAL_OPENERS = frozenset({"а", "но", "и", "ведь", "же", "еще", "ещё", "также", "тоже"})  # 'А говорят, что'


class Pipeline:
    def __init__(self, morph: Morph, cues: CueLexicon, speakers: Speakers, models: Models) -> None:
        self.morph = morph
        self.cues = cues
        self.speakers = speakers
        self.models = models

    @classmethod
    def load(cls) -> "Pipeline":
        morph = Morph()
        return cls(morph, CueLexicon.load(morph), Speakers(morph), Models.load())

    def extract(self, text: str, debug: bool = False) -> dict:
        t0 = time.perf_counter()
        doc = segment(text)
        pairs = pair_marks(text)
        cues = self.cues.find(doc)
        # entities where a name can stand; the parse, in one batch, where a report may hold
        # another reporting word (content_end asks it whose clause that word is in)
        self.models.annotate(doc, self._named_sentences(doc), self._crowded_sentences(doc, cues))
        ctx = Context(doc, pairs, cues, self.speakers, self.cues, [] if debug else None)
        ctx.parse = lambda sents: self.models.parse(doc, sents)
        ctx.entities = EntityTable.build(doc, self.speakers)
        cands = self._direct(ctx) + self._reported(ctx) + headline_reports(ctx)
        cands += self._continuations(ctx, cands)
        chosen = self._select(ctx, cands)
        quotes, speakers = self._attribute(ctx, chosen)
        result = {
            "quotes": quotes,
            "speakers": speakers,
            "stats": {"chars": len(text), "sentences": len(doc.sents), "quotes": len(quotes),
                      "elapsed_ms": round((time.perf_counter() - t0) * 1000, 3)},
        }
        if debug:
            result["debug"] = ctx.trace
        return result

    def _named_sentences(self, doc) -> list[int]:
        """Sentences where a speaker, an antecedent or a body can be named: a capital letter
        past the first word, a quote mark, or a first word no dictionary knows in lower case or
        shaped like a body's name ('Интерфакс передает', 'ТАСС сообщает', 'Генпрокуратура
        сообщила'); the NER runs on these alone."""
        out = []
        toks = doc.tokens
        for i, s in enumerate(doc.sents):
            if any(t.is_quote or t.is_cap and t.is_word for t in toks[s.first + 1:s.last]) \
                    or s.last > s.first and self._unknown_name(toks[s.first]):
                out.append(i)
        return out

    @staticmethod
    def _crowded_sentences(doc, cues) -> list[int]:
        """Sentences with a verb of speech and another reporting word after it."""
        seen: dict[int, int] = {}
        out = set()
        for c in cues:
            s = doc.tokens[c.first].sent
            if seen.get(s, 0) > 0:
                out.add(s)
            seen[s] = seen.get(s, 0) + (c.kind == "verb")
        return sorted(out)

    def _unknown_name(self, t) -> bool:
        return t.is_cap and t.is_word and (len(t.text) > 1 and t.text.isupper() or not self.morph.is_known(t.low)
                                           or self.speakers.official_name(t.text))  # 'Генпрокуратура сообщила'

    # -- passes -----------------------------------------------------------------

    def _direct(self, ctx: Context) -> list[Candidate]:
        out: list[Candidate] = []
        for p in ctx.pairs:
            if p.depth != 0 or p.end <= p.start:
                continue
            split = interrupted(ctx, p)
            if split:
                out += split
                ctx.quote_like.append(p)
                ctx.attributed.add(p.close)
                ctx.note("quote_interrupted", p.start, p.end, "quote")
                continue
            for sieve in DIRECT_SIEVES:
                cand = sieve(ctx, p)
                if cand is not None:
                    out.append(cand)
                    ctx.quote_like.append(p)
                    ctx.attributed.add(p.close)
                    ctx.note(cand.rule, p.start, p.end, "quote")
                    break
            else:
                a, b = pair_tokens(ctx.doc, p)
                if words_in(ctx.doc, a, b, MIN_QUOTE_WORDS) >= MIN_QUOTE_WORDS and not is_title(ctx, p):
                    ctx.quote_like.append(p)
                    ctx.note("unattributed", p.start, p.end, "quote-like")
                else:
                    ctx.note("name_or_term", p.start, p.end, "rejected")
        return out

    def _reported(self, ctx: Context) -> list[Candidate]:
        spans = sorted((p.start, p.end) for p in ctx.quote_like)
        starts = [s for s, _ in spans]
        out: list[Candidate] = []
        for cue in ctx.cues:
            i = bisect_right(starts, cue.start) - 1
            if i >= 0 and cue.start < spans[i][1]:
                cand = nested_report(ctx, cue, spans[i])
                if cand is None:
                    ctx.note("inside_quote", cue.start, cue.end, "rejected")
                else:
                    out.append(cand)
                    ctx.note(cand.rule, cand.start, cand.end, cand.type)
                continue
            reason = rejected(ctx, cue)
            if reason:
                ctx.note(reason, cue.start, cue.end, "rejected")
                continue
            for sieve in REPORT_SIEVES:
                cand = sieve(ctx, cue)
                if cand is not None:
                    out.append(cand)
                    ctx.note(cand.rule, cand.start, cand.end, cand.type)
                    break
        return out

    def _continuations(self, ctx: Context, cands: list[Candidate]) -> list[Candidate]:
        """A quote standing alone right after an attributed one continues it."""
        ordered = sorted(cands, key=lambda c: c.end)
        ends = [c.end for c in ordered]
        by_start = sorted(cands, key=lambda c: c.start)
        starts = [c.start for c in by_start]
        out = []
        for p in ctx.quote_like:
            i = bisect_right(starts, p.start) - 1
            if i >= 0 and by_start[i].start <= p.start and p.end <= by_start[i].end:
                continue  # already a quote, or inside one
            k = bisect_right(ends, p.open) - 1
            if k < 0:
                continue
            prev = ordered[k]
            gap = ctx.doc.sent_of(p.open) - ctx.doc.sent_of(prev.end)
            if gap <= CONTINUATION_SENTENCES and (opens_clause(ctx, p) or self._resumes(ctx, prev, p)):
                out.append(Candidate("direct", p.start, p.end, None, None, "continuation", 0.7, 1, inherit=True))
                ctx.note("continuation", p.start, p.end, "quote")
        return out

    @staticmethod
    def _resumes(ctx: Context, prev: Candidate, p) -> bool:
        """«...», говорит Юханссон, «...»: the quote goes on after its attribution."""
        if prev.type not in ("direct", "mixed") or prev.cue is None:
            return False  # a mixed report ending on its quote resumes too: '..., которые «...», говорит X, «...»'
        between = ctx.doc.text[prev.end:p.open]
        return prev.cue.end <= p.open and len(between) < 80 and between.rstrip().endswith(",")

    def _select(self, ctx: Context, cands: list[Candidate]) -> list[Candidate]:
        """Overlapping candidates: the higher priority stands, then the longer. A report nested
        in a direct quote stands beside it when that quote stands."""
        spans = self._disjoint(ctx, [c for c in cands if c.rule != "nested_report"])
        outer = [c for c in spans if c.type == "direct"]
        nested: list[Candidate] = []
        for c in cands:
            if c.rule == "nested_report" and any(o.start <= c.start and c.end <= o.end for o in outer) \
                    and not any(n.start < c.end and c.start < n.end for n in nested):
                nested.append(c)
        return sorted(spans + nested, key=lambda c: (c.start, -c.end))

    def _disjoint(self, ctx: Context, cands: list[Candidate]) -> list[Candidate]:
        starts: list[int] = []   # the chosen spans, disjoint, kept sorted
        spans: list[Candidate] = []
        for c in sorted(cands, key=lambda c: (-c.priority, -(c.end - c.start), c.start)):
            if c.end <= c.start:
                continue
            i = bisect_right(starts, c.start)
            if i > 0 and spans[i - 1].end > c.start or i < len(spans) and spans[i].start < c.end:
                held = spans[i - 1] if i > 0 and spans[i - 1].end > c.start else spans[i]
                if self._names_relayed(held, c):
                    # 'Как передала радиостанция «Маяк», ... Об этом сообщил представитель СК X':
                    # the outlet relays, the next sentence names who spoke
                    held.mention, held.rule = c.mention, "relay_named_after"
                    ctx.note("relay_named_after", c.mention.start, c.mention.end, "speaker")
                ctx.note("overlap", c.start, c.end, "rejected")
                continue
            starts.insert(i, c.start)
            spans.insert(i, c)
        return spans

    @staticmethod
    def _names_relayed(held: Candidate, later: Candidate) -> bool:
        return held.rule == "as_cue_clause" and later.rule == "this_reported" and held.mention is not None \
            and held.mention.kind == "media" and later.mention is not None \
            and later.mention.kind not in ("media", "unknown") and later.cue.start > held.end

    @staticmethod
    def _impersonal(ctx: Context, c: Candidate) -> bool:
        """The cue is a plural verb that opens its sentence, with no subject before it."""
        cue = c.cue
        if cue is None or cue.kind != "verb" or cue.form is None or not cue.form.plural:
            return False
        first = ctx.doc.sents[ctx.doc.tokens[cue.first].sent].first
        return all(not t.is_word or t.low in IMPERSONAL_OPENERS for t in ctx.doc.tokens[first:cue.first])

    @staticmethod
    def _one_organization(quotes: list[dict], groups: dict[str, dict]) -> None:
        """A person speaks for one body in a text: quotes where it went unnamed take the one
        named at another of the person's quotes."""
        for q in quotes:
            sp = q["speaker"]
            if sp and sp["kind"] == "person" and sp["organization"] is None:
                g = groups.get(sp["name"])
                if g is not None and g["organization"]:
                    donor = next(x["speaker"] for x in quotes if x["speaker"] and x["speaker"]["name"] == sp["name"]
                                 and x["speaker"]["organization"] == g["organization"])
                    sp["organization"] = donor["organization"]
                    sp["organization_mention"] = donor["organization_mention"]

    @staticmethod
    def _cited(ctx: Context, after: int, m: Mention) -> Mention | None:
        """'цитирует Беттмэна ИТАР-ТАСС', 'цитирует Ивана Орлова агентство': the person named
        between the verb of citing and the end of the outlet's phrase is the one cited."""
        if not after <= m.start or ctx.doc.sent_of(after) != ctx.doc.sent_of(m.start):
            after = m.start
        cited = ctx.entities.person_mention(after, m.end)
        if cited is not None:
            ctx.note("cited_person", cited.start, cited.end, "speaker")
        return cited

    def _own_document_body(self, ctx: Context, cue, reg: Registry) -> RegistryEntity | None:
        """The body a passive cue's document phrase names in its own sentence: the document
        speaks for that body, not for the speaker of the quote before."""
        if cue.kind != "passive" or not self.cues.names_document(ctx.doc, cue):
            return None
        return self._document_body(ctx, cue.start, reg._in_quote, same_sentence=True)

    @staticmethod
    def _document_body(ctx: Context, offset: int, quoted, same_sentence: bool = False) -> RegistryEntity | None:
        """The body the entity table names last before a document cue, in its sentence or the
        two before: the document's author when the older registry knows none."""
        found = ctx.entities.body_before(offset, 0 if same_sentence else DOCUMENT_OWNER_SENTENCES, quoted)
        if found is None:
            return None
        ent, (a, b) = found
        span_ = ctx.entities.char_span(a, b)
        return RegistryEntity(ent.name, "organization", span_["start"], span_["end"], ctx.doc.sent_of(span_["start"]))

    def _body_called(self, ctx: Context, m: Mention) -> Resolved | None:
        """A bare body noun the older registry could not tie ('организация', 'группе'), through
        the entity table: the body named before it that goes by that noun."""
        heads = self.speakers.org_anaphor_heads.get(m.head or "")
        found = ctx.entities.body_called(m.head or "", heads, m.start, ORG_ANAPHOR_WINDOW)
        if found is None:
            return None
        ent, (a, b) = found
        span_ = ctx.entities.char_span(a, b)
        ctx.note("body_anaphor", span_["start"], span_["end"], "speaker")
        return Resolved(ent.name, "organization", True, (span_["start"], span_["end"]), None)

    def _parsed_speaker(self, ctx: Context, cue) -> Mention | None:
        """The cue's subject as the parse sees it, read as a whole noun phrase: the speaker the
        surface rules could not find ('отмечает Knight Frank', 'сообщила российская
        спецслужба'); an impersonal plural verb speaks for the body of its 'в' phrase
        ('сообщили в Роскосмосе')."""
        doc = ctx.doc
        self.models.parse(doc, [doc.tokens[cue.first].sent])
        verb = parse.predicate(doc, cue.first)
        subj = parse.clause_subject(doc, verb)
        case = None
        if subj is None and cue.form is not None and cue.form.plural:
            subj, case = parse.place_of(doc, verb), "loct"
        if subj is None or not doc.tokens[subj].is_word:
            return None
        a, b = parse.phrase(doc, subj)
        if a <= cue.first < b:
            return None
        m = ctx.sp.mention(doc, a, b, case)
        if m is None:
            hit = ctx.entities.person_in(doc.tokens[a].start, doc.tokens[b - 1].stop) or \
                ctx.entities.body_in(doc.tokens[a].start, doc.tokens[b - 1].stop)
            if hit is None:
                head = self.morph.parse(doc.tokens[subj].text)
                # a noun, or an adjective or participle standing for one ('Ведущий поинтересовался')
                if not head or head[0].tag.POS not in ("NOUN", "ADJF", "PRTF") or doc.tokens[subj].is_cap \
                        and subj != doc.sents[doc.tokens[subj].sent].first:
                    return None
                # 'сообщила российская спецслужба': a speaker the text names by description
                name, head_lemma, _, plural = ctx.sp.nominative_phrase(doc, a, b)
                m = Mention(doc.tokens[a].start, doc.tokens[b - 1].stop, "group", name[:1].lower() + name[1:],
                            head=head_lemma, plural=plural)
                ctx.note("parse_subject", m.start, m.end, "speaker")
                return m
            ent, (ea, eb) = hit
            m = Mention(doc.tokens[ea].start, doc.tokens[eb - 1].stop, "person" if ent.kind == "person"
                        else "organization", ent.name)
        ctx.note("parse_subject", m.start, m.end, "speaker")
        return m

    def _addressed(self, ctx: Context, cue, m: Mention) -> bool:
        """The body the rules took for the speaker is, in the parse, who the cue's verb speaks
        to, and the verb has a subject of its own elsewhere: 'сообщила РИА Новости
        представительница пресс-службы', 'Об этом РБК сообщила пресс-секретарь'."""
        doc = ctx.doc
        self.models.parse(doc, [doc.tokens[cue.first].sent])
        verb = parse.predicate(doc, cue.first)
        subj = parse.clause_subject(doc, verb)
        if subj is None:
            return False
        a, b = doc.token_at(m.start), doc.token_before(m.end) + 1
        for j in range(a, b):
            k = j
            for _ in range(3):  # up from a name to the noun it names: 'агентству «Север»'
                if doc.rel.get(k) not in NAME_RELS or doc.head.get(k, -1) < 0:
                    break
                k = doc.head[k]
            if doc.head.get(k) == verb and doc.rel.get(k) in ADDRESSEE_RELS:
                # the subject stands outside the phrase, or after the outlet inside it
                # ('РИА Новости представительница пресс-службы' read as one phrase)
                return not a <= subj < b or subj > j
        return False

    def _attribute(self, ctx: Context, chosen: list[Candidate]) -> tuple[list[dict], list[dict]]:
        doc = ctx.doc
        reg = Registry(doc, ctx.sp)
        reg.quoted = sorted((p.start, p.end) for p in ctx.quote_like)
        reg.prescan(ctx.entities)
        # the sentences whose cue has no speaker phrase the rules could read: parsed in one batch
        self.models.parse(doc, sorted({doc.tokens[c.cue.first].sent for c in chosen
                                       if c.cue is not None and c.cue.kind == "verb" and not c.inherit and (
                                           c.mention is None or c.mention.anaphor == "pronoun"
                                           or c.mention.name is None and c.mention.anaphor is None
                                           or c.mention.kind in ("organization", "media"))}))
        quotes: list[dict] = []
        groups: dict[str, dict] = {}
        seen_mentions: dict[str, set[tuple[int, int]]] = {}
        prev: tuple[dict, Resolved] | None = None
        prev_sent = -1
        for c in chosen:
            qid = f"q{len(quotes) + 1}"
            own_body = None
            speaker = None
            res = None
            conf = c.confidence
            m = c.mention
            if c.cue is not None and c.cue.kind == "verb" and not c.inherit:
                if m is None or reg.resolve(m, m.start).name is None and m.anaphor != "title":
                    m = self._parsed_speaker(ctx, c.cue) or m
                elif m.kind in ("organization", "media") and self._addressed(ctx, c.cue, m):
                    m = self._parsed_speaker(ctx, c.cue) or m
            if c.cue is not None and c.cue.lemma in CITING and m is not None and m.kind != "person":
                m = self._cited(ctx, c.cue.end, m) or m
            if m is not None:
                res = reg.resolve(m, m.start)
                if m.anaphor == "org" and not res.resolved and " " not in doc.text[m.start:m.end].strip():
                    res = self._body_called(ctx, m) or res  # a bare noun ('организация'), not 'пресс-службе базы'
                speaker = {"text": doc.text[m.start:m.end], "start": m.start, "end": m.end,
                           "name": res.name, "kind": res.kind, "resolved": res.resolved}
                if res.antecedent:
                    a, b = res.antecedent
                    speaker["antecedent"] = doc.span(a, b)
                    conf *= 0.95
                if m.anaphor == "pronoun" and not m.plural:
                    # 'он': the person last named as a subject or last heard, whichever is nearer
                    found = ctx.entities.pronoun(m.start, m.gender, PRONOUN_WINDOW, reg._in_quote)
                    said = reg.last_said_person(m.start, PRONOUN_WINDOW, m.gender)
                    if found is not None and (said is None or ctx.entities.char_span(*found[1])["start"] > said[0]):
                        ent, (a, b) = found
                        span_ = ctx.entities.char_span(a, b)
                        speaker.update(name=ent.name, kind="person", resolved=True, antecedent=span_)
                        res = Resolved(ent.name, "person", True, (span_["start"], span_["end"]), ent.gender)
                    elif said is not None and ctx.entities.person_named(said[1].name) is not None:
                        e = said[1]
                        speaker.update(name=e.name, kind="person", resolved=True, antecedent=doc.span(e.start, e.end))
                        res = Resolved(e.name, "person", True, (e.start, e.end), e.gender)
                    elif prev is not None and prev[0]["kind"] == "group" \
                            and doc.sent_of(c.start) - prev_sent <= CONTINUATION_SENTENCES:
                        # 'По его словам' right after an unnamed source spoke: that source
                        speaker, res = dict(_carried(prev[0]), text=doc.text[m.start:m.end], start=m.start,
                                            end=m.end), prev[1]
                if res.name is None and m.anaphor not in ("title",):
                    speaker = None
                    conf *= 0.6
                else:
                    if res.name is None:
                        speaker["name"], speaker["kind"] = m.name, "group"
                    last = prev[0] if prev is not None and prev[0]["kind"] == "person" and \
                        doc.sent_of(c.start) - prev_sent <= CONTINUATION_SENTENCES else None
                    describe(ctx.entities, speaker, m.anaphor, m.gender, last)
                    res = Resolved(speaker["name"], speaker["kind"], speaker["resolved"], res.antecedent
                                   if speaker.get("antecedent") is None else
                                   (speaker["antecedent"]["start"], speaker["antecedent"]["end"]), res.gender)
            elif c.cue is not None and c.cue.kind in ("passive", "source") and not c.inherit and (
                    prev is None or doc.sent_of(c.start) - prev_sent > CONTINUATION_SENTENCES
                    or (own_body := self._own_document_body(ctx, c.cue, reg)) is not None):
                owner = None
                if c.cue.kind == "passive" and self.cues.names_document(doc, c.cue):
                    # the body the document's own phrase names ('В карточке дела на сайте Мосгорсуда
                    # говорится'), else the author named just before
                    owner = own_body or self._own_document_body(ctx, c.cue, reg) \
                        or reg.document_owner(c.cue.start) or self._document_body(ctx, c.cue.start, reg._in_quote)
                if owner is None:
                    # "Сообщается, что ...": a document with no owner and no source before it
                    ctx.note("no_source", c.start, c.end, "rejected")
                    continue
                # "МИД России опубликовал комментарий. В нём сказано, что ...": its author
                speaker = {"text": doc.text[owner.start:owner.end], "start": owner.start, "end": owner.end,
                           "name": owner.name, "kind": owner.kind, "resolved": True,
                           "antecedent": doc.span(owner.start, owner.end)}
                res = Resolved(owner.name, owner.kind, True, (owner.start, owner.end), owner.gender)
                describe(ctx.entities, speaker)
                conf *= 0.8
            elif prev is not None and (c.inherit or (c.cue is not None and c.cue.kind in ("passive", "source"))):
                speaker, res = _carried(prev[0]), prev[1]
                conf *= 0.9
            else:
                conf *= 0.6
            if speaker is None and c.type != "direct" and self._impersonal(ctx, c):
                # 'Говорят, что весна будет ранней': a plural verb with no subject and no body to
                # name, like 'Сообщается, что ...': nobody reports
                ctx.note("no_source", c.start, c.end, "rejected")
                continue
            if speaker is not None:
                reg.record(res, (speaker["start"], speaker["end"]))
                prev = (speaker, res)
                prev_sent = doc.sent_of(c.end)
                g = groups.setdefault(speaker["name"], {"name": speaker["name"], "kind": speaker["kind"],
                                                        "organization": speaker["organization"],
                                                        "quotes": [], "mentions": []})
                g["organization"] = g["organization"] or speaker["organization"]
                seen = seen_mentions.setdefault(speaker["name"], set())
                g["quotes"].append(qid)
                for span_ in (speaker.get("antecedent"), {k: speaker[k] for k in ("text", "start", "end")}):
                    if span_ and (span_["start"], span_["end"]) not in seen:
                        seen.add((span_["start"], span_["end"]))
                        g["mentions"].append(span_)
            quotes.append({
                "id": qid,
                "type": c.type,
                "text": doc.text[c.start:c.end],
                "start": c.start,
                "end": c.end,
                "sentence": doc.sent_of(c.start),
                "cue": c.cue.as_dict(doc.text) if c.cue is not None else None,
                "speaker": speaker,
                "rule": c.rule,
                "confidence": round(min(max(conf, 0.0), 1.0), 3),
            })
        for g in groups.values():
            g["mentions"].sort(key=lambda s: s["start"])
        self._one_organization(quotes, groups)
        if reg.outlets:  # a body the text calls 'агентство' or 'издание' is an outlet in all of it
            for sp in [q["speaker"] for q in quotes if q["speaker"]] + list(groups.values()):
                if sp["kind"] == "organization" and sp["name"] in reg.outlets:
                    sp["kind"] = "media"
        return quotes, list(groups.values())


def _carried(speaker: dict) -> dict:
    """The previous quote's speaker for a quote that goes on with it: resolved, pointing at
    where the previous one was named."""
    ante = speaker.get("antecedent") or {k: speaker[k] for k in ("text", "start", "end")}
    return dict(speaker, resolved=True, antecedent=ante)
