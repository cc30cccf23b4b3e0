"""The evaluator on the hand-annotated dev set: the numbers the product holds.

The floors are the measured numbers rounded down a little: a change that loses
accuracy fails here. Skipped where ../shared/dev/ is absent (a user's clone).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.evaluate import evaluate, match, norm_name

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "dev"
needs_dev = pytest.mark.skipif(not (DEV / "news" / "gold.jsonl").is_file(),
                               reason="the dev set (../shared/dev/) is not in this checkout")

NEWS_FLOORS = {                 # measured: 0.943 / 0.941 / 0.946 / 0.916 / 0.864
    "f1": 0.93,
    "recall": 0.93,
    "precision": 0.93,
    "speaker_accuracy": 0.90,
    "end_to_end_f1": 0.85,
}
TYPE_FLOORS = {"direct": 0.91, "indirect": 0.96, "mixed": 0.86}  # measured: 0.921 / 0.979 / 0.879


@pytest.fixture(scope="module")
def news_report(pipeline):
    return evaluate(DEV / "news", pipeline)


@needs_dev
@pytest.mark.parametrize("metric,floor", sorted(NEWS_FLOORS.items()))
def test_news_metric(news_report, metric, floor):
    assert news_report[metric] >= floor, json.dumps(news_report, ensure_ascii=False)


@needs_dev
@pytest.mark.parametrize("kind,floor", sorted(TYPE_FLOORS.items()))
def test_news_recall_by_type(news_report, kind, floor):
    assert news_report["recall_by_type"][kind] >= floor


@needs_dev
def test_seed_article_all_seven_quotes(pipeline):
    report = evaluate(DEV / "seed", pipeline)
    assert (report["gold"], report["matched"], report["predicted"]) == (7, 7, 7)
    assert report["speaker_accuracy"] == 1.0


@needs_dev
def test_seed_direct_spans_exact(pipeline):
    text = (DEV / "seed" / "texts" / "seed_ru_kz.txt").read_text(encoding="utf-8")
    gold = [json.loads(line) for line in (DEV / "seed" / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    want = {tuple(q["content_span"]) for q in gold[0]["quotes"] if q["type"] == "direct"}
    got = {(q["start"], q["end"]) for q in pipeline.extract(text)["quotes"] if q["type"] == "direct"}
    assert want == got


MATCHES = [
    # gold spans, predicted spans, expected (gold, predicted) index pairs
    ([(0, 10)], [(0, 10)], [(0, 0)]),
    ([(0, 10)], [(4, 10)], [(0, 0)]),        # 6 of 10 gold chars, all of the prediction
    ([(0, 10)], [(0, 4)], []),               # under half of the gold span
    ([(0, 10)], [(0, 30)], []),              # under half of the predicted span
    ([(0, 10), (10, 20)], [(0, 20)], [(0, 0)]),  # exactly half counts; one-to-one: the first wins the tie
    ([(0, 10)], [(0, 9), (1, 10)], [(0, 0)]),
]


@pytest.mark.parametrize("gold,pred,pairs", MATCHES)
def test_matching(gold, pred, pairs):
    assert match(gold, pred) == pairs


@pytest.mark.parametrize("a,b", [("Посольство РФ в РК", "посольство рф в рк"), ("Коммерсантъ", "«Коммерсантъ»"),
                                 ("Алёна", "Алена"), ("С.Абрамов", "С Абрамов")])
def test_name_normalisation(a, b):
    assert norm_name(a) == norm_name(b)


def test_evaluator_on_a_directory_it_is_given(tmp_path, pipeline):
    (tmp_path / "texts").mkdir()
    text = "«Мы продолжим работу», — заявил Песков. Погода будет теплой."
    (tmp_path / "texts" / "a.txt").write_text(text, encoding="utf-8")
    gold = {"doc": "a.txt", "quotes": [{"type": "direct", "content": "Мы продолжим работу",
                                        "content_span": [1, 20], "speaker_name": "Дмитрий Песков",
                                        "speaker_aliases": ["Песков"], "speaker_kind": "person"}]}
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    report = evaluate(tmp_path, pipeline)
    assert (report["precision"], report["recall"], report["speaker_accuracy"], report["exact_boundary"]) == \
        (1.0, 1.0, 1.0, 1.0)
