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
- organisation accuracy: over matched quotes whose gold names an organisation, the
  share whose predicted organisation (an organisation or medium speaker with none:
  its own name) equals the gold one or an alias, normalised as names are;
- recall per gold quote type; every metric again per source (the file-name prefix).
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


class _Tally:
    """Counts behind every metric, for the whole set or for one source."""

    def __init__(self) -> None:
        self.docs = self.gold = self.pred = self.match = self.speaker = self.kind = self.exact = 0
        self.org_gold = self.org_ok = 0
        self.by_type: dict[str, list[int]] = {}

    def report(self) -> dict:
        precision = self.match / self.pred if self.pred else 0.0
        recall = self.match / self.gold if self.gold else 0.0
        e2e_p = self.speaker / self.pred if self.pred else 0.0
        e2e_r = self.speaker / self.gold if self.gold else 0.0
        share = (lambda n: round(n / self.match, 4) if self.match else 0.0)
        return {
            "documents": self.docs, "gold": self.gold, "predicted": self.pred, "matched": self.match,
            "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(_f1(precision, recall), 4),
            "speaker_accuracy": share(self.speaker),
            "end_to_end_f1": round(_f1(e2e_p, e2e_r), 4),
            "organization_accuracy": round(self.org_ok / self.org_gold, 4) if self.org_gold else 0.0,
            "organization_gold": self.org_gold,
            "kind_accuracy": share(self.kind),
            "exact_boundary": share(self.exact),
            "recall_by_type": {t: round(m / n, 4) for t, (m, n) in sorted(self.by_type.items())},
            "gold_by_type": {t: n for t, (_, n) in sorted(self.by_type.items())},
        }


def source_of(doc_name: str) -> str:
    """The corpus a dev document comes from: its file name up to the first '_'
    ('rucoco_lenta__012.txt' → 'rucoco_lenta', 'nerel__3.txt' → 'nerel')."""
    stem = doc_name.rsplit(".", 1)[0]
    return stem.split("__", 1)[0] if "__" in stem else stem.split("_", 1)[0]


def _names(value: str | None, aliases) -> set[str]:
    return {norm_name(value)} | {norm_name(a) for a in aliases or []}


def predicted_organization(speaker: dict) -> str | None:
    """The body a predicted speaker speaks for: its ``organization``; an organisation
    or medium with none speaks for itself."""
    if speaker.get("organization"):
        return speaker["organization"]
    if speaker.get("kind") in ("organization", "media"):
        return speaker.get("name")
    return None


def _score(entry: dict, pred: list[dict], tallies: list[_Tally], errors: list | None) -> None:
    gold = entry["quotes"]
    pairs = match([tuple(g["content_span"]) for g in gold], [(p["start"], p["end"]) for p in pred])
    for t in tallies:
        t.docs += 1
        t.gold += len(gold)
        t.pred += len(pred)
        t.match += len(pairs)
        for g in gold:
            t.by_type.setdefault(g["type"], [0, 0])[1] += 1
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        sp = p.get("speaker") or {}
        ok = norm_name(sp.get("name")) in _names(g["speaker_name"], g.get("speaker_aliases"))
        org_gold = g.get("speaker_organization")
        org_ok = bool(org_gold) and norm_name(predicted_organization(sp)) in _names(
            org_gold, g.get("speaker_organization_aliases"))
        for t in tallies:
            t.by_type[g["type"]][0] += 1
            t.speaker += ok
            t.kind += sp.get("kind") == g.get("speaker_kind")
            t.exact += g["content"].strip(_TRIM) == p["text"].strip(_TRIM)
            t.org_gold += bool(org_gold)
            t.org_ok += org_ok
        if errors is not None and not ok:
            errors.append({"doc": entry["doc"], "error": "speaker", "gold": g["speaker_name"],
                           "mention": g.get("speaker_mention"), "pred": sp.get("name"),
                           "pred_mention": sp.get("text"), "rule": p["rule"], "text": g["content"][:60]})
        if errors is not None and org_gold and not org_ok:
            errors.append({"doc": entry["doc"], "error": "organization", "gold": org_gold,
                           "speaker": g["speaker_name"], "pred": predicted_organization(sp),
                           "pred_speaker": sp.get("name"), "text": g["content"][:60]})
    if errors is not None:
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        for gi, g in enumerate(gold):
            if gi not in matched_g:
                errors.append({"doc": entry["doc"], "error": "missed", "type": g["type"], "cue": g.get("cue"),
                               "span": g["content_span"], "text": g["content"][:80]})
        for pi, p in enumerate(pred):
            if pi not in matched_p:
                errors.append({"doc": entry["doc"], "error": "spurious", "type": p["type"], "rule": p["rule"],
                               "span": [p["start"], p["end"]], "text": p["text"][:80]})


def evaluate(gold_dir: Path, pipeline: Pipeline, errors: list | None = None) -> dict:
    """Every metric over the whole directory, and the same per source under ``by_source``."""
    total = _Tally()
    sources: dict[str, _Tally] = {}
    for line in (gold_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        text = (gold_dir / "texts" / entry["doc"]).read_text(encoding="utf-8")
        pred = pipeline.extract(text)["quotes"]
        source = sources.setdefault(source_of(entry["doc"]), _Tally())
        _score(entry, pred, [total, source], errors)
    report = total.report()
    report["by_source"] = {name: t.report() for name, t in sorted(sources.items())}
    return report


TABLE_COLUMNS = (("quotes", "gold"), ("P", "precision"), ("R", "recall"), ("F1", "f1"),
                 ("speaker", "speaker_accuracy"), ("e2e F1", "end_to_end_f1"),
                 ("org", "organization_accuracy"), ("kind", "kind_accuracy"), ("exact", "exact_boundary"))


def table(report: dict) -> str:
    """The report as a plain-text table: one row per source and the total, recall by type after."""
    types = sorted(report["gold_by_type"])
    head = ["source"] + [c for c, _ in TABLE_COLUMNS] + [f"R {t}" for t in types]
    rows = [head]
    for name, r in list(report["by_source"].items()) + [("all", report)]:
        rows.append([name] + [str(r[k]) for _, k in TABLE_COLUMNS]
                    + [str(r["recall_by_type"].get(t, "-")) for t in types])
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    return "\n".join("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))
                     for row in rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m service.evaluate", description=__doc__.split("\n\n")[0])
    ap.add_argument("gold_dir", type=Path, help="directory with texts/ and gold.jsonl")
    ap.add_argument("--errors", action="store_true", help="also list misses, spurious quotes and wrong speakers")
    ap.add_argument("--table", action="store_true", help="print a table per source instead of JSON")
    args = ap.parse_args(argv)
    if not (args.gold_dir / "gold.jsonl").is_file():
        print(f"error: {args.gold_dir}/gold.jsonl not found", file=sys.stderr)
        return 2
    errors: list | None = [] if args.errors else None
    report = evaluate(args.gold_dir, Pipeline.load(), errors)
    if args.table:
        print(table(report))
        return 0
    if errors is not None:
        report["errors"] = errors
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
