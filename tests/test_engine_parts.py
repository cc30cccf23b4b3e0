"""Quote-mark pairing, reporting-word forms, names in the nominative."""
from __future__ import annotations

import pytest

from service.nlp.quotes import pair_marks
from service.nlp.segment import segment

PAIRS = [
    # text, contents of every pair in text order
    ("«Часть 1, — сказал он. — Часть 2»", ["Часть 1, — сказал он. — Часть 2"]),
    ('a "b "c" d" e', ['b "c" d', "c"]),
    ("«а «б» в", ["б"]),                                   # unbalanced: the inner pair stands
    ("«внешняя „внутренняя“ часть»", ["внешняя „внутренняя“ часть", "внутренняя"]),
    ("компании „Газпром“ и “Nord”", ["Газпром", "Nord"]),
    ('""""', ["", ""]),
    ("«без конца.\nДальше текст» и всё", []),              # a paragraph break closes nothing
    ('"Мы наблюдаем спад. За\nфевраль ввезли 25 авто", - сообщил он.',  # a hard wrap is no paragraph
     ["Мы наблюдаем спад. За\nфевраль ввезли 25 авто"]),
    ("ни одной кавычки", []),
    ("»наоборот«", []),
]


@pytest.mark.parametrize("text,contents", PAIRS)
def test_pairing(text, contents):
    assert [text[p.start:p.end] for p in pair_marks(text)] == contents


def test_pairing_is_bounded_on_deep_nesting():
    text = "«" * 10_000 + "»" * 10_000
    pairs = pair_marks(text)
    assert 0 < len(pairs) <= 10_000


FORMS = [
    ("заявил", "заявить"), ("заявила", "заявить"), ("заявили", "заявить"), ("заявляет", "заявлять"),
    ("заявив", "заявить"), ("отметили", "отметить"), ("сказано", "сказать"), ("говорится", "говориться"),
    ("уверен", "уверенный"), ("напомнили", "напомнить"), ("считают", "считать"), ("пишет", "писать"),
]


@pytest.mark.parametrize("form,lemma", FORMS)
def test_cue_forms_generated_from_lemmas(pipeline, form, lemma):
    assert pipeline.cues.forms[form].lemma == lemma


@pytest.mark.parametrize("form", ["заяви", "заявить", "заявивший", "сказать", "говорить"])
def test_no_cue_for_imperatives_infinitives_participles(pipeline, form):
    assert form not in pipeline.cues.forms


PHRASES = [
    ("По его словам, все хорошо.", "По его словам", "source"),
    ("Он выразил уверенность, что да.", "выразил уверенность", "phrase"),
    ("Марк выступил сегодня со специальным заявлением: «Да».", "выступил сегодня со специальным заявлением", "phrase"),
    ("«Да», — говорится в распространенном 21 июня заявлении.", "говорится в распространенном 21 июня заявлении", "passive"),
    ("Согласно сообщению, в доме нашли оружие.", "Согласно сообщению", "source"),
]


@pytest.mark.parametrize("text,cue,kind", PHRASES)
def test_cue_phrases(pipeline, text, cue, kind):
    found = [(text[c.start:c.end], c.kind) for c in pipeline.cues.find(segment(text))]
    assert (cue, kind) in found


NAMES = [
    # text, token range of the phrase, case it stands in, canonical name
    ("по словам Захаровой", (2, 3), "gent", "Захарова"),
    ("встреча Сергея Лаврова", (1, 3), "gent", "Сергей Лавров"),
    ("сказал С.Абрамов", (1, 4), None, "С.Абрамов"),
]


@pytest.mark.parametrize("text,span,case,name", NAMES)
def test_person_names_in_nominative(pipeline, text, span, case, name):
    doc = segment(text)
    m = pipeline.speakers.mention(doc, *span, case)
    assert (m.kind, m.name) == ("person", name)


ORGS = [
    ("порассуждали в Посольстве РФ в РК", (2, 6), "loct", "Посольство РФ в РК"),
    ("в Федеральном авиационном управлении", (1, 4), "loct", "Федеральное авиационное управление"),
    ("Министерство иностранных дел (МИД) России", (0, 7), None, "Министерство иностранных дел России"),
    ("пресс-служба полиции РА", (0, 3), None, "Полиция РА"),
]


@pytest.mark.parametrize("text,span,case,name", ORGS)
def test_organisations_in_nominative(pipeline, text, span, case, name):
    doc = segment(text)
    m = pipeline.speakers.mention(doc, *span, case)
    assert (m.kind, m.name) == ("organization", name)


SEGMENTS = [
    # text, the sentences razdel is handed (a hard wrap continues the sentence; a new line,
    # a headline without a full stop, a paragraph do not)
    ("Таможня отмечает спад ввоза\nавтомобилей. Об этом сообщает агентство.",
     ["Таможня отмечает спад ввоза\nавтомобилей.", "Об этом сообщает агентство."]),
    ("Сроки на 2008 год (проектирование еще\n10 зданий) сорваны.", ["Сроки на 2008 год (проектирование еще\n10 зданий) сорваны."]),
    ("Министр ушел в отставку\nМинистр финансов ушел в отставку вчера.",
     ["Министр ушел в отставку", "Министр финансов ушел в отставку вчера."]),
    ("Итоги года.\n10 мая начнется сезон.", ["Итоги года.", "10 мая начнется сезон."]),
    ("— Вы готовы?\n— Да.", ["— Вы готовы?", "— Да."]),
    ("Первый абзац.\n\nвторой абзац со строчной.", ["Первый абзац.", "второй абзац со строчной."]),
]


@pytest.mark.parametrize("text,sentences", SEGMENTS)
def test_hard_wrapped_lines_join_their_paragraph(text, sentences):
    doc = segment(text)
    assert [text[s.start:s.stop] for s in doc.sents] == sentences


ABBREVIATIONS = [
    # text, tokens: a lower-case abbreviation of single letters and dots is one token
    ("По словам и.о. начальника, план сорван.", ["По", "словам", "и.о.", "начальника", ",", "план", "сорван", "."]),
    ("Цены, т.е. тарифы, выросли.", ["Цены", ",", "т.е.", "тарифы", ",", "выросли", "."]),
    ("Пункты а. б. в. выполнены.", ["Пункты", "а", ".", "б", ".", "в", ".", "выполнены", "."]),   # spaced: apart
    ("Буква и.", ["Буква", "и", "."]),
]


@pytest.mark.parametrize("text,tokens", ABBREVIATIONS)
def test_lower_case_abbreviations_stay_one_token(text, tokens):
    doc = segment(text)
    assert [t.text for t in doc.tokens] == tokens
    assert all(text[t.start:t.stop] == t.text for t in doc.tokens)
