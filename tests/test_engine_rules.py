"""Tables of real Russian strings per attribution rule, negative cases beside
positive ones. Each row: the text, then the quotes expected as
(type, content, speaker name, rule); an empty list means no quote at all."""
from __future__ import annotations

import pytest

DIRECT = [
    ("«Мы не будем комментировать эти слухи», — заявил Песков.",
     [("direct", "Мы не будем комментировать эти слухи", "Песков", "quote_dash_cue_speaker")]),
    ('"Переговоры идут трудно", – отметили в МИД РФ.',          # the body as the text names it
     [("direct", "Переговоры идут трудно", "МИД РФ", "quote_dash_cue_speaker")]),
    ("«Решение будет принято до конца недели», сказал он. ",
     [("direct", "Решение будет принято до конца недели", None, "quote_comma_cue_speaker")]),
    ("Захарова заявила: «Россия ответит на любые санкции».",
     [("direct", "Россия ответит на любые санкции", "Захарова", "speaker_cue_colon_quote")]),
    ("Как сказал министр Сергей Лавров, «диалог возможен только на равных».",
     [("direct", "диалог возможен только на равных", "Сергей Лавров", "as_cue_speaker_quote")]),
    ("«Часть первая этой мысли, — сказал Лавров. — Часть вторая этой мысли».",
     [("direct", "Часть первая этой мысли", "Лавров", "quote_interrupted"),
      ("direct", "Часть вторая этой мысли", "Лавров", "quote_interrupted")]),
    ('"Съемки начнутся весной, - сообщил Петр Волков, президент студии "Север", выпускающей сериал. - '
     'Бюджет уже утвержден".',
     [("direct", "Съемки начнутся весной", "Петр Волков", "quote_interrupted"),
      ("direct", "Бюджет уже утвержден", "Петр Волков", "quote_interrupted")]),
    ("Песков: «Кремль не планирует менять позицию»",
     [("direct", "Кремль не планирует менять позицию", "Песков", "headline_speaker_colon")]),
    ("«Мы готовы к диалогу», — сказал Лавров. «Но никто не будет диктовать нам условия».",
     [("direct", "Мы готовы к диалогу", "Лавров", "quote_dash_cue_speaker"),
      ("direct", "Но никто не будет диктовать нам условия", "Лавров", "continuation")]),
    ('Делегация побывала в Посольстве РФ в РК. "Первый визит министра подчеркивает уровень '
     'отношений", – сказано в сообщении посольства.',
     [("direct", "Первый визит министра подчеркивает уровень отношений", "Посольство РФ в РК",
       "quote_dash_cue_speaker")]),
    ("«Это провокация», — написал в своем Telegram-канале глава Чечни Рамзан Кадыров.",
     [("direct", "Это провокация", "Рамзан Кадыров", "quote_dash_cue_speaker")]),
    # no reporting verb, but the clause before the colon has a speaker for a subject
    ("С ним не согласна сенатор Петрова: «Спешка вредна».",
     [("direct", "Спешка вредна", "Петрова", "subject_colon_quote")]),
    # the words alone right after the verb
    ("Марк завершил беседу, сказав «мы принялись за сохранение этого вида работы».",
     [("direct", "мы принялись за сохранение этого вида работы", "Марк", "cue_quote")]),
    # a line of dialogue opened by a dash, with its speaker named
    ("— Мы готовы к переговорам, — сказал Лавров журналистам.",
     [("direct", "Мы готовы к переговорам", "Лавров", "dash_dialogue")]),
    ("«Мы значительно расширили перечень вокзалов», - сказал С.Абрамов.",
     [("direct", "Мы значительно расширили перечень вокзалов", "С.Абрамов", "quote_dash_cue_speaker")]),
    # the relative pronoun speaks for the noun phrase before its comma
    ("Юханссон хотел бы видеть наследником Франца Бекенбауэра, который отшучивается словами: "
     "«В моём возрасте пора думать об удочке».",
     [("direct", "В моём возрасте пора думать об удочке", "Франц Бекенбауэр", "speaker_cue_colon_quote")]),
    # a line that names the speaker of the quotes after it
    ('Так говорил Андрей Воробьев\n\n"Наши строители большие молодцы, они строят жилье".',
     [("direct", "Наши строители большие молодцы, они строят жилье", "Андрей Воробьев", "intro_line")]),
    # a report and the quote after its colon are two quotes
    ("Игорь Бунин полагает, что логика назначения проста: «У каждого своя компания и свои люди».",
     [("indirect", "логика назначения проста", "Игорь Бунин", "cue_that_clause"),
      ("direct", "У каждого своя компания и свои люди", "Игорь Бунин", "speaker_cue_colon_quote")]),
    # nested straight quotes: the inner pair is part of the content
    ('"Лидеры регулярно проводят встречи, "сверяя часы" по всем вопросам", – добавили в МИД РФ.',
     [("direct", 'Лидеры регулярно проводят встречи, "сверяя часы" по всем вопросам', "МИД РФ",
       "quote_dash_cue_speaker")]),
]

REPORTED = [
    # a source phrase after a connector opens the report; a quoted source in the genitive
    ("Рост составил 3,9% и, по мнению аналитика Ивана Рыбина, в этом году спад сохранится.",
     [("indirect", "в этом году спад сохранится", "Иван Рыбин", "source_phrase")]),
    ('По информации "Ростелекома", хакеры атаковали не только банки.',
     [("indirect", "хакеры атаковали не только банки", "Ростелеком", "source_phrase")]),
    # indirect questions after a verb of asking; the one asked is no speaker
    ("Корреспондент Анна Белова спросила министра, не собирается ли он уйти в отставку.",
     [("indirect", "не собирается ли он уйти в отставку", "Анна Белова", "cue_that_clause")]),
    ("Ведущий поинтересовался у Петра Сомова, на какой результат рассчитывает команда.",
     [("indirect", "на какой результат рассчитывает команда", "ведущий", "cue_that_clause")]),
    # a cue between commas after a short opening adverbial
    ("Сейчас, сообщил министр Петр Орлов, ведомство анализирует предложение депутатов.",
     [("indirect", "ведомство анализирует предложение депутатов", "Петр Орлов", "parenthetical_cue")]),
    ("Между тем, как сообщил режиссер Иван Лось, соглашение о прокате уже достигнуто.",
     [("indirect", "соглашение о прокате уже достигнуто", "Иван Лось", "as_cue_clause")]),
    # a report passed on by an outlet: the speaker stands, the relay does not
    ("В столице ожидают перемен в правительстве, заявил журналистам министр Олег Соколов, сообщает ТАСС.",
     [("indirect", "В столице ожидают перемен в правительстве", "Олег Соколов", "trailing_cue")]),
    # two reports in one sentence, a connector between them
    ("Министерство считает, что цены вырастут, а сами торговые сети говорят, что они снизятся.",
     [("indirect", "цены вырастут", "Министерство", "cue_that_clause"),
      ("indirect", "они снизятся", "торговые сети", "cue_that_clause")]),
    # no connector: the second report belongs to the first one's content
    ("Аналитик подчеркнул, что многие не решили, из них половина утверждает, что придет на выборы.",
     [("indirect", "многие не решили, из них половина утверждает, что придет на выборы", "аналитик",
       "cue_that_clause")]),
    ("МИД России заявил, что переговоры продолжатся.",
     [("indirect", "переговоры продолжатся", "МИД России", "cue_that_clause")]),
    ("По словам посла, отношения двух стран развиваются успешно.",
     [("indirect", "отношения двух стран развиваются успешно", "посол", "source_phrase")]),
    ("Как сообщили в пресс-службе МВД, задержаны пять человек.",
     [("indirect", "задержаны пять человек", "МВД", "as_cue_clause")]),
    ("Переговоры завершились без результата, сообщает ТАСС.",
     [("indirect", "Переговоры завершились без результата", "ТАСС", "trailing_cue")]),
    ("Эксперты считают, что рынок восстановится к осени.",
     [("indirect", "рынок восстановится к осени", "эксперты", "cue_that_clause")]),
    ("В Кремле заявили, что не планируют менять позицию.",
     [("indirect", "не планируют менять позицию", "Кремль", "cue_that_clause")]),
    ("Министр заявил, что решение «не подлежит пересмотру».",
     [("mixed", "решение «не подлежит пересмотру»", "министр", "cue_that_clause")]),
    ("Переговоры завершились без результата. Об этом сообщил пресс-секретарь президента Дмитрий Песков.",
     [("indirect", "Переговоры завершились без результата", "Дмитрий Песков", "this_reported")]),
    ("Сергей Лавров прибыл в Анкару. Он заявил, что переговоры будут сложными.",
     [("indirect", "переговоры будут сложными", "Сергей Лавров", "cue_that_clause")]),
    ("Глава МИД России Сергей Лавров заявил, что диалог возможен.",
     [("indirect", "диалог возможен", "Сергей Лавров", "cue_that_clause")]),
    ("Министерство иностранных дел (МИД) России выступило с заявлением. Там напомнили, что визит "
     "состоялся в 2024 году.",
     [("indirect", "визит состоялся в 2024 году", "Министерство иностранных дел России", "cue_that_clause")]),
    ("Посольство США считает случившееся «неприятным инцидентом».",
     [("mixed", "случившееся «неприятным инцидентом»", "Посольство США", "cue_quoted_object")]),
    # relays: the medium passes on a named source's words; the source is the speaker
    ("Согласно сообщению агентства БелТА, судья заявила, что приговор законен.",
     [("indirect", "приговор законен", "судья", "cue_that_clause")]),
    ("Переговоры возобновятся в марте. Об этом говорится в заявлении МИД России, передает ТАСС.",
     [("indirect", "Переговоры возобновятся в марте", "МИД России", "this_reported")]),
    ("Леннарт Юханссон не будет баллотироваться на новый срок. Об этом Юханссон заявил на шведском телевидении.",
     [("indirect", "Леннарт Юханссон не будет баллотироваться на новый срок", "Леннарт Юханссон", "this_reported")]),
    # an outlet next to the verb is told, the person speaks
    ("Шойгу принял дела министра обороны. Об этом РБК сообщила пресс-секретарь министра Ирина Ковальчук.",
     [("indirect", "Шойгу принял дела министра обороны", "Ирина Ковальчук", "this_reported")]),
    # a country acting as a body; a gerund's subject is its main verb's
    ("Южная Корея опровергает эти сообщения, заявляя, что лидер КНДР здоров.",
     [("indirect", "лидер КНДР здоров", "Южная Корея", "cue_that_clause")]),
    ("Медведев связал высказывания Кудрина с кампанией, предположив, что она влияет на нервы.",
     [("indirect", "она влияет на нервы", "Медведев", "cue_that_clause")]),
    # two reports of one subject in one sentence
    ("Глава Минфина признал, что у него есть разногласия с президентом, однако сообщил, что примет решение позже.",
     [("indirect", "у него есть разногласия с президентом", "глава Минфина", "cue_that_clause"),
      ("indirect", "примет решение позже", "глава Минфина", "cue_that_clause")]),
    ("Как сообщает ТАСС со ссылкой на источник в правительстве, решение уже принято.",
     [("indirect", "решение уже принято", "источник в правительстве", "as_cue_clause")]),
    ("По данным Росстата, инфляция в октябре замедлилась до 7%.",
     [("indirect", "инфляция в октябре замедлилась до 7%", "Росстат", "source_phrase")]),
    ("В Минздраве сообщили, что вакцина безопасна.",
     [("indirect", "вакцина безопасна", "Минздрав", "cue_that_clause")]),
    ("Госдума приняла закон. Об этом сообщил спикер Вячеслав Володин.",
     [("indirect", "Госдума приняла закон", "Вячеслав Володин", "this_reported")]),
    ("«Газпром» сообщил, что поставки газа в Европу сокращены.",
     [("indirect", "поставки газа в Европу сокращены", "Газпром", "cue_that_clause")]),
    ("МИД России опубликовал комментарий по поводу решения. В нём сказано, что суд не оправдал надежд.",
     [("indirect", "суд не оправдал надежд", "МИД России", "cue_that_clause")]),
    ("По мнению руководства HP, покупка позволит компании расти.",
     [("indirect", "покупка позволит компании расти", "HP", "source_phrase")]),
    ("По мнению аналитика ФИНАМ Алексея Калачева, рубль продолжит укрепляться.",
     [("indirect", "рубль продолжит укрепляться", "Алексей Калачев", "source_phrase")]),
    # a headline: the speaker, a colon, the words (no final period)
    ("Лавров: Россия готова к переговорам\nМинистр выступил в Москве.",
     [("indirect", "Россия готова к переговорам", "Лавров", "headline_colon")]),
    # the outlet in the dative is told; the source after it speaks
    ("Как заявил «Интерфаксу» источник в отрасли, сделка будет закрыта до конца года.",
     [("indirect", "сделка будет закрыта до конца года", "источник в отрасли", "as_cue_clause")]),
    # the report ends where the speaker's next deed begins; a new subject keeps it going
    ("Сергей Лавров прибыл в Анкару. Он сказал, что придет, и ушел.",
     [("indirect", "придет", "Сергей Лавров", "cue_that_clause")]),
    ("Министр заявил, что цены выросли, и инфляция ускорилась.",
     [("indirect", "цены выросли, и инфляция ускорилась", "министр", "cue_that_clause")]),
    ('Посольство США выражает надежду что "США и Киргизия могли бы продолжить усилия".',
     [("mixed", '"США и Киргизия могли бы продолжить усилия"', "Посольство США", "cue_that_clause")]),
    # learning or asking reports words only when they are quoted
    ("Элтон Джон давно болел. Позднее он узнал, что его тело было «бомбой с часовым механизмом».",
     [("mixed", "его тело было «бомбой с часовым механизмом»", "Элтон Джон", "cue_that_clause")]),
    # outlets by their whole names, before or after the verb
    ("Решение принято, пишет The New York Times.",
     [("indirect", "Решение принято", "The New York Times", "trailing_cue")]),
    ("Интерфакс сообщил, что сделка закрыта.",
     [("indirect", "сделка закрыта", "Интерфакс", "cue_that_clause")]),
    ("Цены выросли, сообщает Лента.ру.",
     [("indirect", "Цены выросли", "Лента.ру", "trailing_cue")]),
    ("Как рассказала “Ведомостям” собеседница, близкая к компании, сделка может сорваться.",
     [("indirect", "сделка может сорваться", "собеседница", "as_cue_clause")]),
    ("Корреспондент ТАСС сообщил, что взрыв произошел утром.",
     [("indirect", "взрыв произошел утром", "корреспондент ТАСС", "cue_that_clause")]),
    ("По информации СМИ, министр подал в отставку.",
     [("indirect", "министр подал в отставку", "СМИ", "source_phrase")]),
    ("Губернатор подал в отставку. Эту информацию подтвердили в пресс-службе губернатора.",
     [("indirect", "Губернатор подал в отставку", "пресс-служба губернатора", "this_reported")]),
    ("Сегодня исполняется 33 года с момента установления отношений, сообщает Zakon.kz.",
     [("indirect", "Сегодня исполняется 33 года с момента установления отношений", "Zakon.kz", "trailing_cue")]),
    # a verb of the report joined by 'и' stays inside it, even a verb that is a cue elsewhere
    ("Бухгалтер Ольга Ветрова призналась, что подделывала отчеты и передавала данные конкурентам.",
     [("indirect", "подделывала отчеты и передавала данные конкурентам", "Ольга Ветрова", "cue_that_clause")]),
    # ... while a second report of the speaker's own still ends the first
    ("Министр Олег Белов заявил, что мост откроют в мае, и добавил, что ремонт дорог продолжится.",
     [("indirect", "мост откроют в мае", "Олег Белов", "cue_that_clause"),
      ("indirect", "ремонт дорог продолжится", "Олег Белов", "cue_that_clause")]),
    # source phrases of every shape the data lists, and a participle standing for a person
    ("Если верить словам подозреваемого, деньги он отдал брату.",
     [("indirect", "деньги он отдал брату", "подозреваемый", "source_phrase")]),
    ("Как следует из отчета Росстата, цены выросли на 5%.",
     [("indirect", "цены выросли на 5%", "Росстат", "source_phrase")]),
    # more passive cues: 'уточнялось' in a document named before
    ("Мэрия Казани опубликовала заявление. В заявлении уточнялось, что мост откроют в мае.",
     [("indirect", "мост откроют в мае", "Мэрия Казани", "cue_that_clause")]),
    # source phrases of estimate and forecast; verbs of complaining; a noun of speech named back
    ("По подсчетам экспертов, ущерб превысил миллион рублей.",
     [("indirect", "ущерб превысил миллион рублей", "эксперты", "source_phrase")]),
    ("Директор завода пожаловался, что поставки сорваны.",
     [("indirect", "поставки сорваны", "директор завода", "cue_that_clause")]),
    ("Реформа провалилась. Такое мнение высказал политолог Иван Петров.",
     [("indirect", "Реформа провалилась", "Иван Петров", "this_reported")]),
    ("Реформа провалилась. Такое решение принял совет директоров.",   # a decision is no speech
     []),
    # a headline whose speaker is a title with its body: tied to the holder the text names after it
    ("Глава банка «Альфа»: ставки вырастут уже весной\nСтавки вырастут весной, заявил Иван Орлов, президент банка «Альфа».",
     [("indirect", "ставки вырастут уже весной", "Иван Орлов", "headline_colon"),
      ("indirect", "Ставки вырастут весной", "Иван Орлов", "trailing_cue")]),
    ("Глава банка: ставки вырастут уже весной\nСтавки вырастут весной, заявил Иван Орлов.",   # no body: no headline
     [("indirect", "Ставки вырастут весной", "Иван Орлов", "trailing_cue")]),
    # a relative 'что' confirming a version is no speaker: the trailing outlet stays the source
    ("Рядом нашли шприц, что косвенно подтверждает версию о том, что певца погубили наркотики, сообщает NordNews.",
     [("indirect", "Рядом нашли шприц, что косвенно подтверждает версию о том, что певца погубили наркотики",
       "NordNews", "trailing_cue")]),
    # verbs of fear and forecast, a stance in every short form, a promise stated with 'что'
    ("Врачи опасаются, что эпидемия продлится до весны.",
     [("indirect", "эпидемия продлится до весны", "врачи", "cue_that_clause")]),
    ("Аналитики прогнозируют, что инфляция замедлится.",
     [("indirect", "инфляция замедлится", "аналитики", "cue_that_clause")]),
    ("Мария Петрова уверена, что всё закончится хорошо.",
     [("indirect", "всё закончится хорошо", "Мария Петрова", "cue_that_clause")]),
    ("Министр пообещал, что зарплаты вырастут.",
     [("indirect", "зарплаты вырастут", "министр", "cue_that_clause")]),
    ("Эксперты сходятся во мнении, что кризис позади.",
     [("indirect", "кризис позади", "эксперты", "cue_that_clause")]),
    ("Команда попросила остановить бой из-за того, что боксер пропустил много ударов.", []),  # a request
    ("Мэр пообещал разобраться в ситуации.", []),                  # a promise with an infinitive
    ("Губернатор пригрозил, что уволит чиновников.",
     [("indirect", "уволит чиновников", "губернатор", "cue_that_clause")]),
    ("Эксперт не исключил, что цены вырастут.",                     # a stance, not a negation
     [("indirect", "цены вырастут", "эксперт", "cue_that_clause")]),
    ("Говорят в Кремле, что визит перенесут.",                      # a plural verb with its body after it
     [("indirect", "визит перенесут", "Кремль", "cue_that_clause")]),
    # a light verb with a noun of speech in any case: 'отметился заявлением, что'
    ("А мэр Олег Белов уже отметился заявлением, что мост откроют в мае.",
     [("indirect", "мост откроют в мае", "Олег Белов", "cue_that_clause")]),
    ("Мэр Олег Белов отметился в списке победителей конкурса.", []),   # no noun of speech, no clause
    # 'По его словам «...»': the pronoun of the source phrase speaks the quote after it
    ("Генерал Иван Орлов прибыл на место. По его словам «все номера жетонов уже проверены».",
     [("direct", "все номера жетонов уже проверены", "Иван Орлов", "source_phrase_quote")]),
    # a report that ends on a quote, the speaker between it and the quote that resumes it
    ("Решение далось тяжело, потому что сборы «требуют полной отдачи», говорит Иван Орлов, «поэтому я лучше останусь дома».",
     [("mixed", "Решение далось тяжело, потому что сборы «требуют полной отдачи»", "Иван Орлов", "trailing_cue"),
      ("direct", "поэтому я лучше останусь дома", "Иван Орлов", "continuation")]),
    # a document whose own phrase names its body speaks for that body, even right after another quote
    ("Роспатент отозвал лицензию, сообщил Иван Орлов. В карточке дела на сайте Мосгорсуда говорится, что иск отклонен.",
     [("indirect", "Роспатент отозвал лицензию", "Иван Орлов", "trailing_cue"),
      ("indirect", "иск отклонен", "Мосгорсуд", "cue_that_clause")]),
    # a quote that does not end its clause makes the report mixed; a cue inside quoted words ends nothing
    ("Согласно Ивану Орлову, «подбили» рабочих захватить завод активисты профсоюза.",
     [("mixed", "«подбили» рабочих захватить завод активисты профсоюза", "Иван Орлов", "source_phrase")]),
    ("Главред Иван Орлов сообщил, что «состояние тяжелое, говорят врачи» и «больной в реанимации».",
     [("mixed", "«состояние тяжелое, говорят врачи» и «больной в реанимации»", "Иван Орлов", "cue_that_clause")]),
    # a source phrase inside a relative clause: the clause after it is the report
    ("Иван Орлов, которому, по сообщениям прессы, предложили пост министра, вернулся в Москву.",
     [("indirect", "предложили пост министра", "пресса", "source_phrase")]),
    ("Иван Орлов показал модель, которая, по его словам, лучше прежней, чем гордится вся команда.",
     [("indirect", "лучше прежней, чем гордится вся команда", "Иван Орлов", "source_phrase")]),
    # a document noun with its participle after the trailing cue
    ("Генпрокуратура завершила расследование. Обвинение утверждено, говорится в сообщении, размещенном на сайте.",
     [("indirect", "Обвинение утверждено", "Генпрокуратура", "trailing_cue")]),
    # a report nested in a direct quote, its speaker named there, is a quote of its own
    ("«Переговоры затянулись. Министр Олег Белов заявил, что договор подпишут в мае», — сказал источник.",
     [("direct", "Переговоры затянулись. Министр Олег Белов заявил, что договор подпишут в мае", "источник",
       "quote_dash_cue_speaker"),
      ("indirect", "договор подпишут в мае", "Олег Белов", "nested_report")]),
    # ... not the quoted speaker's own words about themselves, nor a pronoun
    ("«Я заявил, что договор подпишут в мае», — сказал министр Олег Белов.",
     [("direct", "Я заявил, что договор подпишут в мае", "Олег Белов", "quote_dash_cue_speaker")]),
    ("«Переговоры затянулись. Он заявил, что договор подпишут в мае», — сказал источник.",
     [("direct", "Переговоры затянулись. Он заявил, что договор подпишут в мае", "источник",
       "quote_dash_cue_speaker")]),
    # a hard-wrapped line does not cut the sentence it wraps
    ("Таможня отмечает спад ввоза подержанных\nавтомобилей. Об этом сообщает агентство «Восток».",
     [("indirect", "Таможня отмечает спад ввоза подержанных\nавтомобилей", "Восток", "this_reported")]),
]

NEGATIVE = [
    "Он спросил у врача таблетку и ушел.",                     # asking for a thing, no question
    "Акции «Газпрома» выросли на 2%.",                         # a company name in quote marks
    'Партия "Единая Россия" провела съезд в Москве.',          # a party
    "Строительство «Северного потока — 2» завершено.",         # a pipeline with a dash in its name
    'Так называемые "зеленые" вышли на улицы.',                # scare quotes
    "Он не сказал, что уйдет в отставку.",                     # negated
    "Я бы сказал, что это ошибка.",                            # conditional, first person
    "Как говорится, без труда не выловишь и рыбку из пруда.",  # idiom
    "Министр заявил о намерении уйти в отставку.",             # nominal complement
    "Президент призвал отстоять интересы страны.",             # a call with an infinitive
    "Известно, что переговоры продолжатся в среду.",           # nobody named
    "Погода в Москве будет теплой.",                           # no speech at all
    'Указ №1509 "О членах наблюдательного совета госкорпорации" подписан.',  # a title
    "Сообщается, что пострадавших нет.",                      # nobody can be named as the source
    "Говорят, что весна будет ранней.",                         # an impersonal plural: nobody reports
    "А говорят, что весна будет ранней.",
    "Он не сказал, что уйдет.",                                 # negated (beside 'не исключил', a stance)
    "Надпись на плакате гласила: «Руки прочь от парка».",      # a sign is no speaker
    "Он узнал, что поезд опаздывает.",                         # learning, nothing quoted
    "Внимание: завтра в столице ожидается сильный дождь\nТекст.",  # a colon after no speaker
    "Вопрос в том, скажет ли президент об этом завтра?",       # a question about speech
    "День рождения президента объявлен государственным праздником.",  # a participle, no document
    "Это, как говорится, вопрос времени.",                       # idiom inside a sentence
    "Он отказался от интервью, сославшись на занятость.",        # a gerund after the fact
    '"' * 500,                                                 # nothing but quote marks
    "",
]


def _summary(result):
    return [(q["type"], q["text"], q["speaker"]["name"] if q["speaker"] else None, q["rule"])
            for q in result["quotes"]]


@pytest.mark.parametrize("text,expected", DIRECT)
def test_direct_rules(pipeline, text, expected):
    got = _summary(pipeline.extract(text))
    if expected and expected[0][2] is None:  # a pronoun with nobody before it: speaker unresolved
        got = [(t, c, None, r) for t, c, _, r in got]
    assert got == expected


@pytest.mark.parametrize("text,expected", REPORTED)
def test_reported_rules(pipeline, text, expected):
    assert _summary(pipeline.extract(text)) == expected


@pytest.mark.parametrize("text", NEGATIVE)
def test_no_quote(pipeline, text):
    assert pipeline.extract(text)["quotes"] == []


def test_unbalanced_mark_does_not_swallow_the_rest(pipeline):
    text = "«Начало без конца и ещё текст\n«Мы продолжим работу», — заявил Песков."
    quotes = pipeline.extract(text)["quotes"]
    assert [(q["text"], q["speaker"]["name"]) for q in quotes] == [("Мы продолжим работу", "Песков")]


def test_speaker_fields_and_anaphora(pipeline):
    text = ("О том, как развиваются отношения, порассуждали в Посольстве РФ в РК. "
            "Там считают символичным, что встреча проходит именно сегодня.")
    q = pipeline.extract(text)["quotes"][0]
    sp = q["speaker"]
    assert (sp["text"], sp["name"], sp["kind"], sp["resolved"]) == ("Там", "Посольство РФ в РК", "organization", True)
    assert text[sp["antecedent"]["start"]:sp["antecedent"]["end"]] == "Посольстве РФ в РК"
    assert q["cue"] == {"text": "считают", "start": text.index("считают"), "end": text.index("считают") + 7,
                        "lemma": "считать"}


def test_person_organization_from_title(pipeline):
    q = pipeline.extract("Глава МИД России Сергей Лавров заявил, что диалог возможен.")["quotes"][0]
    assert q["speaker"]["organization"] == "МИД России"
    assert q["speaker"]["kind"] == "person"


def test_spans_slice_the_original_text(pipeline):
    text = "Там, где «все хорошо», — сказал он,\r\nа\u00a0«Мы продолжим работу», — заявил Песков."
    result = pipeline.extract(text)
    for q in result["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"]
        for part in (q["cue"], q["speaker"], (q["speaker"] or {}).get("antecedent")):
            if part:
                assert text[part["start"]:part["end"]] == part["text"]


@pytest.mark.parametrize("text,rule", [
    ("Об этом сам Лукин, как передает агентство, заявил журналистам.", "relay"),  # a subject in the lead
    ("Акции «Газпрома» выросли.", "name_or_term"),
    ("Он не сказал, что уйдет.", "negated"),
    ("Я бы сказал, что это ошибка.", "conditional"),
    ("Президент призвал, чтобы все отстояли интересы страны.", "request_or_call"),
    ("Переговоры идут. Об этом говорится в заявлении МИД, передает ТАСС.", "relay"),
    ("«Я скажу, что думаю», — заявил он.", "inside_quote"),
])
def test_debug_trace_names_the_rule(pipeline, text, rule):
    result = pipeline.extract(text, debug=True)
    assert rule in {d["rule"] for d in result["debug"]}


def test_anaphora_chains_point_at_the_named_mention(pipeline):
    text = ("О том, как развиваются отношения, порассуждали в Посольстве РФ в РК. "
            '"Проведена колоссальная работа по созданию прочной системы взаимодействия", '
            "– сказано в сообщении посольства. Там считают символичным, что встреча проходит сегодня.")
    quotes = pipeline.extract(text)["quotes"]
    assert [q["speaker"]["text"] for q in quotes] == ["посольства", "Там"]
    for q in quotes:
        assert q["speaker"]["name"] == "Посольство РФ в РК"
        assert q["speaker"]["antecedent"]["text"] == "Посольстве РФ в РК"
