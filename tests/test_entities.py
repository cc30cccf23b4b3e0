"""The entity layer: the models adapter, the document's entity table, speakers through it.

Every sentence here was written for these tests (none is taken from the dev texts); each
table puts negative cases beside the positive ones.
"""
from __future__ import annotations

import subprocess
import sys

import pytest

from service.nlp import parse
from service.nlp.entities import EntityTable
from service.nlp.models import EntitySpan, bio_spans, natasha_data
from service.nlp.segment import segment
from service.nlp.speakers import _masculine_nominative


def table_of(pipeline, text: str) -> EntityTable:
    doc = segment(text)
    pipeline.models.annotate(doc, list(range(len(doc.sents))), [])
    return EntityTable.build(doc, pipeline.speakers)


def person(table: EntityTable, name: str):
    return next((p for p in table.persons if p.name == name), None)


# -- the adapter ----------------------------------------------------------------------

def test_model_files_come_from_the_installed_package():
    data = natasha_data()
    assert (data / "model" / "slovnet_ner_news_v1.tar").is_file()
    assert (data / "emb" / "navec_news_v1_1B_250K_300d_100q.tar").is_file()


def test_loading_the_models_never_imports_pymorphy2_or_natasha():
    code = ("import sys; from service.nlp.models import Models; Models.load(); "
            "print(sorted(m for m in ('natasha', 'pymorphy2') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


BIO = [
    (["B-PER", "I-PER", "O"], [(0, 2, "PER")]),
    (["B-ORG", "B-LOC", "O"], [(0, 1, "ORG"), (1, 2, "LOC")]),
    (["I-PER", "I-PER"], [(0, 2, "PER")]),              # an I- tag with nothing open opens a span
    (["B-PER", "I-ORG"], [(0, 1, "PER"), (1, 2, "ORG")]),  # another type: a new span
    (["O", "O"], []),
]


@pytest.mark.parametrize("tags,spans", BIO)
def test_bio_tags_become_token_spans(tags, spans):
    assert [(s.first - 10, s.last - 10, s.type) for s in bio_spans(tags, 10)] == spans


def test_entity_spans_are_offsets_into_the_text(pipeline):
    text = "Глава МИД России Сергей Лавров прибыл в Вашингтон.\nТам его встретил Энтони Блинкен."
    doc = segment(text)
    pipeline.models.annotate(doc, list(range(len(doc.sents))), [])
    found = {(text[doc.tokens[e.first].start:doc.tokens[e.last - 1].stop], e.type) for e in doc.ents}
    assert ("Сергей Лавров", "PER") in found and ("Энтони Блинкен", "PER") in found
    assert all(isinstance(e, EntitySpan) for e in doc.ents)


def test_a_long_line_is_read_in_windows(pipeline):
    text = "Иван Петров сказал, " * 200 + "и точка"
    doc = segment(text)
    pipeline.models.annotate(doc, list(range(len(doc.sents))), list(range(len(doc.sents))))
    assert sum(e.type == "PER" for e in doc.ents) >= 150
    assert len(doc.head) == len(doc.tokens)


def test_the_ner_reads_the_stretches_around_names_and_finds_the_same(pipeline, monkeypatch):
    from service.nlp import models
    text = ("Министр Сергей Лавров прибыл утром и долго говорил о погоде, о дорогах, о ценах на хлеб, "
            "о ремонте школ, о планах на лето и о многом другом, а вечером встретился с Энтони Блинкеном.")
    doc = segment(text)
    windows = list(models._named_windows(doc, 0, len(doc.tokens)))
    assert len(windows) == 2 and windows[0][1] < windows[1][0]   # the middle is never read
    assert sum(b - a for a, b in windows) < len(doc.tokens) * 0.6
    pipeline.models.annotate(doc, [0], [])
    whole = segment(text)
    monkeypatch.setattr(models, "_named_windows", lambda d, a, b: models._windows(a, b))
    pipeline.models.annotate(whole, [0], [])
    assert [(e.first, e.last, e.type) for e in doc.ents] == [(e.first, e.last, e.type) for e in whole.ents]
    assert {text[doc.tokens[e.first].start:doc.tokens[e.last - 1].stop] for e in doc.ents} >= {"Сергей Лавров"}


# -- the parse readers --------------------------------------------------------------------

SUBJECTS = [
    ("Министр финансов Антон Силуанов заявил, что бюджет исполнен.", "заявил", "Министр финансов Антон Силуанов"),
    ("Об этом сообщила российская спецслужба.", "сообщила", "российская спецслужба"),
    ("Как пояснил агентству представитель компании, сделка закрыта.", "пояснил", "представитель компании"),
    ("Вчера сообщили, что поезд опоздал.", "сообщили", None),   # an impersonal verb has no subject
]


@pytest.mark.parametrize("text,verb,subject", SUBJECTS)
def test_subject_of_a_verb_of_speech(pipeline, text, verb, subject):
    doc = segment(text)
    pipeline.models.parse(doc, [0])
    v = next(i for i, t in enumerate(doc.tokens) if t.text == verb)
    s = parse.subject(doc, v)
    if subject is None:
        assert s is None
        return
    a, b = parse.phrase(doc, s)
    assert text[doc.tokens[a].start:doc.tokens[b - 1].stop] == subject


# -- names in the nominative ------------------------------------------------------------

SURNAMES = [
    ("Моторина", "gent", "Моторин"), ("Бенца", "gent", "Бенц"), ("Бенцу", "datv", "Бенц"),
    ("Бенцем", "ablt", "Бенцем"),       # -ем is not an ending this table takes off
    ("Путиным", "ablt", "Путин"), ("Смитом", "ablt", "Смит"), ("Мнангагвы", "gent", "Мнангагва"),
    ("Гарсиа", "gent", "Гарсиа"),       # a vowel before the ending: not a consonant stem
    ("Бенц", "gent", "Бенц"), ("Моторина", "nomn", "Моторина"),
]


@pytest.mark.parametrize("word,case,nominative", SURNAMES)
def test_unknown_masculine_surnames_by_their_ending(word, case, nominative):
    assert _masculine_nominative(word, case) == nominative


# -- the entity table: names, roles, organisations ---------------------------------------------

PEOPLE = [
    # text, canonical name, its organisation (None: the text names none)
    ("Об этом рассказал глава МИД России Сергей Лавров.", "Сергей Лавров", "МИД России"),
    ("Переговоры вел глава Siemens Йозеф Мюллер.", "Йозеф Мюллер", "Siemens"),
    ("Тренер «Зенита» Сергей Семак доволен игрой.", "Сергей Семак", "Зенит"),
    ("Посла Израиля Йорама Бенца вызвали в министерство.", "Йорам Бенц", "Израиль"),
    ("Интервью дал президент Франции Эмманюэль Макрон.", "Эмманюэль Макрон", "Франция"),
    ("Письмо подписал мэр Казани Ильсур Метшин.", "Ильсур Метшин", "Казань"),
    ("Пресс-секретарь Кремля Дмитрий Песков ответил на вопросы.", "Дмитрий Песков", "Кремль"),
    ("Сделку одобрил Карл Браун, президент банка Deutsche Bank.", "Карл Браун", "Deutsche Bank"),
    ("Это подтвердил начальник отдела кадров завода Игорь Семенов.", "Игорь Семенов", "Отдел кадров завода"),
    ("Марк, рабочий из цеха окончательной обработки Vestas, говорил по телефону.", "Марк", "Vestas"),
    ("Французский премьер Мишель Барнье прибыл в Лион. Франция ждет решений.", "Мишель Барнье", "Франция"),
    ("Французский политолог Жан Дюпон прибыл в Лион. Франция ждет решений.", "Жан Дюпон", None),  # no official
    ("Политолог Иван Петров не согласен.", "Иван Петров", None),              # no body named
    ("Житель Москвы Петр Сидоров обратился в суд.", "Петр Сидоров", None),   # a resident is no official
    ("Журналисты хотели видеть наследником Франца Бекенбауэра.", "Франц Бекенбауэр", None),  # not his title
    # a foreign name on -и/-е does not decline, after a title in the genitive too
    ("Фильм снят по заказу сына режиссера Зигги Ньюмана.", "Зигги Ньюман", None),
    ("Премию вручили лично режиссеру Мартину Скорсезе.", "Мартин Скорсезе", None),
    ("Полёт Симони стал седьмым в истории. Чарльз Симони вернулся на Землю.", "Чарльз Симони", None),
    # a body attached to another by 'при' keeps it in its name
    ("Об этом сообщил представитель Следственного комитета при прокуратуре Олег Лунин.", "Олег Лунин",
     "Следственный комитет при прокуратуре"),
    # an 'и' inside one title: 'по делам и политике'; the body is read past it
    ("Это следует из заявления специального представителя ООН по делам беженцев и миграции Анны Ларсен.",
     "Анна Ларсен", "ООН"),
    ("Первый заместитель председателя комитета Госдумы по бюджету и налогам Олег Савин выступил с докладом.",
     "Олег Савин", "Комитет Госдумы по бюджету и налогам"),
    ("На встречу пришли журналисты и депутат Игорь Лапин.", "Игорь Лапин", None),  # 'и' joins two people
    # a representative speaks for the place his title names; an eyewitness does not
    ("С речью выступил представитель Бельгии Люк Мартенс.", "Люк Мартенс", "Бельгия"),
    ("Очевидец из Бельгии Люк Мартенс снял видео.", "Люк Мартенс", None),
    # a title written with a capital after its adjective: 'Австралийский Премьер-министр'
    ("Канадский Премьер-министр Марк Карни прибыл в Оттаву. Канада ждет решений.", "Марк Карни", "Канада"),
]


@pytest.mark.parametrize("text,name,org", PEOPLE)
def test_person_and_organisation(pipeline, text, name, org):
    p = person(table_of(pipeline, text), name)
    assert p is not None, [x.name for x in table_of(pipeline, text).persons]
    assert (p.organization.name if p.organization else None) == org


def test_a_surname_alone_joins_the_full_name(pipeline):
    t = table_of(pipeline, "Министр Сергей Лавров прибыл в Женеву. Лаврова встретили коллеги. Лавров улыбался.")
    assert [p.name for p in t.persons] == ["Сергей Лавров"]
    assert len(t.persons[0].mentions) == 3


def test_one_surname_two_first_names_two_people(pipeline):
    t = table_of(pipeline, "Анна Кузнецова и Павел Кузнецов приехали вместе. Павел Кузнецов выступил первым.")
    assert sorted(p.name for p in t.persons) == ["Анна Кузнецова", "Павел Кузнецов"]


def test_a_body_noun_before_a_place_makes_one_body(pipeline):
    t = table_of(pipeline, "В посольстве США в Москве сообщили об изменениях.")
    assert "Посольство США" in [o.name for o in t.orgs]


def test_an_organisation_in_an_oblique_case_is_named_in_the_nominative(pipeline):
    t = table_of(pipeline, "Представители Минфина и Ростелекома встретились.")
    assert {"Минфин", "Ростелеком"} <= {o.name for o in t.orgs}


def test_a_bare_role_finds_its_holder_and_a_source_does_not(pipeline):
    t = table_of(pipeline, "Генерал-майор Олег Ветров прибыл на место. Источник в штабе подтвердил это.")
    found = t.titled("генерал", len("Генерал-майор Олег Ветров прибыл на место. "))
    assert found is not None and found[0].name == "Олег Ветров"
    assert t.titled("источник", 60) is None


# -- speakers through the table, end to end --------------------------------------------------

SPEAKERS = [
    # text, (speaker name, kind, organisation) of each quote in order
    ("Глава Минэнерго Петр Соколов заявил, что поставки возобновятся в мае.",
     [("Петр Соколов", "person", "Минэнерго")]),
    ("«Мы готовы к диалогу», — сказал посол Израиля Йорам Бенц.",
     [("Йорам Бенц", "person", "Израиль")]),
    ("Тренер «Зенита» Сергей Семак подчеркнул, что команда готова. «Мы будем бороться», — добавил тренер.",
     [("Сергей Семак", "person", "Зенит"), ("Сергей Семак", "person", "Зенит")]),
    ("По словам замминистра финансов Михаила Моторина, тарифы вырастут.",
     [("Михаил Моторин", "person", None)]),
    ("Цены будут расти, отмечает Knight Frank.",
     [("Knight Frank", "organization", "Knight Frank")]),
    ("«Корабль вышел на орбиту», — сообщили в Роскосмосе.",
     [("Роскосмос", "organization", "Роскосмос")]),
    ("Атака была отражена, сообщила российская спецслужба.",
     [("российская спецслужба", "group", None)]),
    ("Экономист Олег Белов выступил на форуме. Рост замедлится, полагает экономист.",
     [("Олег Белов", "person", None)]),
    ("Источник в правительстве сообщил, что решение уже принято.",
     [("источник в правительстве", "group", "Правительство")]),
    ("Глава Росстата Павел Малков заявил, что инфляция снизилась. Ранее глава ведомства говорил, что цены стабильны.",
     [("Павел Малков", "person", "Росстат"), ("Павел Малков", "person", "Росстат")]),
    # a pronoun: the person last named as a subject or last quoted, not a name after a preposition
    ("Глава лиги Дэвид Смит утверждал, что случай с Джоном Брауном единичный. "
     "Тем не менее, он назвал ситуацию «самой неприятной за все годы».",
     [("Дэвид Смит", "person", None), ("Дэвид Смит", "person", None)]),
    ("После известия о смерти Ивана Орлова тренер Петр Волков заявил, что потрясен. Он добавил, что клуб поможет семье.",
     [("Петр Волков", "person", None), ("Петр Волков", "person", None)]),
    # a bare outlet noun: the outlet named before that goes by it
    ("Министр Олег Белов дал интервью газете «Северный вестник». Как напоминает газета, реформа идет второй год.",
     [("Северный вестник", "media", "Северный вестник")]),
    ("Адвокат Ивана Сорокина сообщил, что жалоба подана.",     # the lawyer speaks, not Сорокин
     [("адвокат Ивана Сорокина", "group", None)]),
    # the outlet a verb of speech is addressed to does not speak: the parse's subject does
    ("Как рассказала агентству «Север» представительница пресс-службы Минтранса, ремонт моста завершат к осени.",
     [("представительница пресс-службы Минтранса", "group", "Минтранс")]),
    ("Мост откроют в мае. Об этом газете «Вечерний город» сообщил глава района Олег Белов.",
     [("Олег Белов", "person", None)]),
    ("Как сообщила газета «Вечерний город», ремонт моста завершат к осени.",   # the outlet itself speaks
     [("Вечерний город", "media", "Вечерний город")]),
    # a relay: 'как передает X' inside the sentence is not the speaker
    ("Рынок ждет снижения ставки. Об этом, как передает агентство «Север», заявил на форуме глава банка «Альфа» Иван Орлов.",
     [("Иван Орлов", "person", "Альфа")]),
    # the outlet relays, the next sentence names who spoke
    ("Как передала радиостанция «Север», по делу о взятке задержан чиновник. "
     "Об этом сообщил официальный представитель Следственного комитета Петр Волков.",
     [("Петр Волков", "person", "Следственный комитет")]),
    ("Как передала радиостанция «Север», по делу о взятке задержан чиновник. Об этом сообщило и агентство «Восток».",
     [("Север", "media", "Север")]),
    # a bare body noun: the body named before it by that noun, or any body for 'организация'
    ("По данным консалтинговой компании Brightline, спрос на жилье вырос. Позже организация сообщила, что рост замедлится.",
     [("Brightline", "organization", "Brightline"), ("Brightline", "organization", "Brightline")]),
    # outlets without a list of their names: a verb of the press, an outlet noun, a web domain
    ("Цены на жилье выросли на 5%, пишет в понедельник «Северный курьер».",
     [("Северный курьер", "media", "Северный курьер")]),
    ("NordNews передает, что цены на жилье выросли на 5%.",
     [("NordNews", "media", "NordNews")]),
    ("Цены на жилье выросли на 5%, сообщает газета «Московские ведомости».",
     [("Московские ведомости", "media", "Московские ведомости")]),
    ("Прокуратура передала дело в суд. Прокуратура сообщила, что обвиняемый арестован.",  # passing a case
     [("Прокуратура", "organization", "Прокуратура")]),
    ("На сайте Роспатента появилась запись. В Роспатенте сообщили, что заявка принята.",  # its site, no outlet
     [("Роспатент", "organization", "Роспатент")]),
    ("Завод закроют в августе. Согласно отчёту Northwind, спрос на турбины падает.",  # a body by the NER alone
     [("Northwind", "organization", "Northwind")]),
    ("Мост откроют в мае, сообщает NordNews. По данным издания, ремонт обошелся в 2 млрд рублей.",
     [("NordNews", "media", "NordNews"), ("NordNews", "media", "NordNews")]),  # 'издание' says it is an outlet
    # an outlet that cites a source relays it; the body behind a document speaks
    ("Число заболевших выросло на 5%. Об этом сообщает агентство «Север» со ссылкой на данные оперативного штаба.",
     [("Оперативный штаб", "organization", "Оперативный штаб")]),
    ("Число заболевших выросло на 5%. Об этом сообщает агентство «Север».",
     [("Север", "media", "Север")]),
    ("Решение вызвало споры. Комментарий шведского телевидения: «Это ошибка, которую нельзя повторять».",
     [("шведское телевидение", "media", "шведское телевидение")]),
    # a group named by an adjective made from a body noun speaks for that body
    ("Правительственный чиновник сообщил, что тарифы заморозят.",
     [("правительственный чиновник", "group", "Правительство")]),
    ("Высокопоставленный чиновник сообщил, что тарифы заморозят.",     # no body in 'высокопоставленный'
     [("высокопоставленный чиновник", "group", None)]),
    # a bare title with its adjectives is the person who holds it
    ("Генеральный прокурор Литвы Ян Вилкас выступил в сейме. Генеральный прокурор также сообщил, что дело закрыто.",
     [("Ян Вилкас", "person", "Литва")]),
    # 'по его словам' right after an unnamed source spoke is that source; a name tagged as a
    # person but shaped like a body's name is no person for the pronoun
    ("Вчера источник в мэрии сообщил, что тендер отменят. По его словам, решение примут в пятницу.",
     [("источник в мэрии", "group", "Мэрия"), ("источник в мэрии", "group", "Мэрия")]),
    # the source inside a body speaks, not the body; a bare 'источник' later is that source
    ("Между тем источник в ЦИК Карелии заявил агентству «Север», что выборы пройдут в мае. "
     "Источник отметил, что комиссия соберется в среду.",
     [("источник в ЦИК Карелии", "group", "ЦИК Карелии"), ("источник", "group", "ЦИК Карелии")]),
    # 'ведомство' points back at a state body by the form of its name, not by a list of names
    ("Морозы продлятся до пятницы, сообщили в Росгидромете. В ведомстве уточнили, что снег пойдет в субботу.",
     [("Росгидромет", "organization", "Росгидромет"), ("Росгидромет", "organization", "Росгидромет")]),
    ("Морозы продлятся до пятницы, сообщила Генеральная ассамблея. В ведомстве уточнили, что снег пойдет в субботу.",
     [("Генеральная ассамблея", "organization", "Генеральная ассамблея"), ("ведомство", "organization", "ведомство")]),
    # two people of one surname: the name in the speaker's phrase decides, not the surname
    ("Вдова музыканта Анна Марли дала интервью. «Мы готовы», — заявил сын музыканта Зигги Марли.",
     [("Зигги Марли", "person", None)]),
    # the one cited speaks, the outlet that cites only relays
    ("«Мы готовы к переговорам», — цитирует Ивана Орлова агентство «Север».",
     [("Иван Орлов", "person", None)]),
    # an unnamed source: 'собеседник агентства' is the source brought in before, not the agency
    ("Представитель мэрии Казани сообщил агентству «Восток», что тендер отменят. "
     "По словам собеседника агентства, решение примут в пятницу.",
     [("представитель мэрии Казани", "group", "Мэрия Казани"), ("собеседник агентства", "group", "Мэрия Казани")]),
    ("По словам собеседника агентства, решение примут в пятницу.",     # nobody brought in: no body
     [("собеседник агентства", "group", None)]),
    # a person speaks for one body in the text; a title after a quote names it too
    ("Глава Росстата Павел Малков заявил, что инфляция снизилась. «Цены стабильны», — добавил Малков.",
     [("Павел Малков", "person", "Росстат"), ("Павел Малков", "person", "Росстат")]),
    ("Обозреватель Иван Орлов выступил в эфире. «Реформа провалилась», — пишет обозреватель «Северного курьера».",
     [("Иван Орлов", "person", "Северный курьер")]),
    # a body noun with adjectives is a body of its own, not the first of that kind named
    ("Временное правительство Киргизии ввело налог. Источники в британском правительстве сообщили, что визы выдадут.",
     [("источники в британском правительстве", "group", "Британское правительство")]),
    # a title opening a sentence as its subject stands for its holder; 'он' after it is them
    ("Президент банка «Альфа» Иван Орлов выступил в Давосе. Министр Петр Сидоров с ним не согласился. "
     "Вечером глава банка «Альфа» предрек рост ставок. Он сказал, что доллар подорожает.",
     [("Иван Орлов", "person", "Альфа")]),
    ("Президент банка «Альфа» Иван Орлов выступил в Давосе. Вечером представительница банка «Альфа» предрекла "
     "рост ставок. Она сказала, что доллар подорожает.",       # not the head, not him: nobody named for 'она'
     [(None, None, None)]),
    ("Мэр Олег Белов открыл мост. Позже организация сообщила, что рост замедлится.",   # no body named:
     [("организация", "organization", "организация")]),                               # it stands as it is
]


def _speakers(result):
    out = []
    for q in result["quotes"]:
        sp = q["speaker"] or {}
        out.append((sp.get("name"), sp.get("kind"), sp.get("organization")))
    return out


@pytest.mark.parametrize("text,expected", SPEAKERS)
def test_speakers_through_the_table(pipeline, text, expected):
    assert _speakers(pipeline.extract(text)) == expected


def test_organization_mention_slices_the_text(pipeline):
    text = "Глава МИД России Сергей Лавров заявил, что переговоры продолжатся."
    sp = pipeline.extract(text)["quotes"][0]["speaker"]
    om = sp["organization_mention"]
    assert sp["organization"] == "МИД России" and text[om["start"]:om["end"]] == om["text"] == "МИД России"


def test_the_speakers_list_carries_the_organisation(pipeline):
    result = pipeline.extract("«Работа продолжится», — сказал глава МИД России Сергей Лавров.")
    assert [(s["name"], s["organization"]) for s in result["speakers"]] == [("Сергей Лавров", "МИД России")]
