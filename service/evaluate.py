"""Accuracy of the extraction on a gold directory, printed as JSON.

    python -m service.evaluate GOLD_DIR [--errors]

GOLD_DIR holds ``texts/*.txt`` and ``gold.jsonl`` (one line a document:
``{"doc": FILE, "quotes": [{"type", "content_span", "speaker_name",
"speaker_aliases", "speaker_kind", ...}]}``). The metrics:

- a predicted quote matches a gold one when their content spans overlap by at
  least half of each one's length; matching is one-to-one, largest overlap first;
- quote precision / recall / F1 from the matches;
- speaker accuracy: share of matched quotes whose speaker name equals the gold
  name or one of its aliases (lower-cased, ё → е, quote marks, brackets, dots
  and commas replaced by spaces, spaces collapsed);
- end-to-end F1: as quote F1, counting only matches with the right speaker;
- kind accuracy and exact-boundary share (content equal after trimming spaces,
  punctuation and quote marks at both ends) over matched quotes;
- recall per gold quote type.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from .nlp.pipeline import Pipeline

_PUNCT = re.compile(r"[\"«»„“”'()\[\].,]")
_TRIM = " \t\n\r\u00a0.,;:!?…—–-\"«»„“”'"


def norm_name(name: str | None) -> str:
    if not name:
        return ""
    s = _PUNCT.sub(" ", name.lower().replace("ё", "е"))
    return " ".join(s.split())


def match(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, largest overlap first."""
    options = []
    for gi, (gs, ge) in enumerate(gold):
        for pi, (ps, pe) in enumerate(pred):
            ov = min(ge, pe) - max(gs, ps)
            if ov > 0 and ov * 2 >= ge - gs and ov * 2 >= pe - ps:
                options.append((ov, gi, pi))
    options.sort(key=lambda o: (-o[0], o[1], o[2]))
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in options:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(gold_dir: Path, pipeline: Pipeline, errors: list | None = None) -> dict:
    n_gold = n_pred = n_match = n_speaker = n_kind = n_exact = 0
    by_type: dict[str, list[int]] = {}
    for line in (gold_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        text = (gold_dir / "texts" / entry["doc"]).read_text(encoding="utf-8")
        gold = entry["quotes"]
        pred = pipeline.extract(text)["quotes"]
        pairs = match([tuple(g["content_span"]) for g in gold], [(p["start"], p["end"]) for p in pred])
        n_gold += len(gold)
        n_pred += len(pred)
        n_match += len(pairs)
        for g in gold:
            by_type.setdefault(g["type"], [0, 0])[1] += 1
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        for gi, pi in pairs:
            g, p = gold[gi], pred[pi]
            by_type[g["type"]][0] += 1
            sp = p.get("speaker") or {}
            names = {norm_name(g["speaker_name"])} | {norm_name(a) for a in g.get("speaker_aliases") or []}
            ok = norm_name(sp.get("name")) in names
            n_speaker += ok
            n_kind += sp.get("kind") == g.get("speaker_kind")
            n_exact += g["content"].strip(_TRIM) == p["text"].strip(_TRIM)
            if errors is not None and not ok:
                errors.append({"doc": entry["doc"], "error": "speaker", "gold": g["speaker_name"],
                               "mention": g.get("speaker_mention"), "pred": sp.get("name"),
                               "pred_mention": sp.get("text"), "rule": p["rule"], "text": g["content"][:60]})
        if errors is not None:
            for gi, g in enumerate(gold):
                if gi not in matched_g:
                    errors.append({"doc": entry["doc"], "error": "missed", "type": g["type"], "cue": g.get("cue"),
                                   "span": g["content_span"], "text": g["content"][:80]})
            for pi, p in enumerate(pred):
                if pi not in matched_p:
                    errors.append({"doc": entry["doc"], "error": "spurious", "type": p["type"], "rule": p["rule"],
                                   "span": [p["start"], p["end"]], "text": p["text"][:80]})
    precision = n_match / n_pred if n_pred else 0.0
    recall = n_match / n_gold if n_gold else 0.0
    e2e_p = n_speaker / n_pred if n_pred else 0.0
    e2e_r = n_speaker / n_gold if n_gold else 0.0
    return {
        "documents": sum(1 for _ in (gold_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines() if _.strip()),
        "gold": n_gold, "predicted": n_pred, "matched": n_match,
        "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(_f1(precision, recall), 4),
        "speaker_accuracy": round(n_speaker / n_match, 4) if n_match else 0.0,
        "end_to_end_f1": round(_f1(e2e_p, e2e_r), 4),
        "kind_accuracy": round(n_kind / n_match, 4) if n_match else 0.0,
        "exact_boundary": round(n_exact / n_match, 4) if n_match else 0.0,
        "recall_by_type": {t: round(m / n, 4) for t, (m, n) in sorted(by_type.items())},
        "gold_by_type": {t: n for t, (_, n) in sorted(by_type.items())},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m service.evaluate", description=__doc__.split("\n\n")[0])
    ap.add_argument("gold_dir", type=Path, help="directory with texts/ and gold.jsonl")
    ap.add_argument("--errors", action="store_true", help="also list misses, spurious quotes and wrong speakers")
    args = ap.parse_args(argv)
    if not (args.gold_dir / "gold.jsonl").is_file():
        print(f"error: {args.gold_dir}/gold.jsonl not found", file=sys.stderr)
        return 2
    errors: list | None = [] if args.errors else None
    report = evaluate(args.gold_dir, Pipeline.load(), errors)
    if errors is not None:
        report["errors"] = errors
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
