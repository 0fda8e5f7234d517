"""Accuracy side by side: hetao_facts and quantulum3 against the seeds gold.

Only the kinds both tools cover are scored: areas (land and floor), lengths, durations
(quantulum3's "time"), percentages, money and other physical quantities. Counts, years,
dates, ordinals and periods are hetao_facts-only and left out; quantulum3's unitless
numbers ("dimensionless", except percentages) are left out for the same reason.

Matching follows /work/shared/eval/score.py: a gold claim is matched by the first
not-yet-used system item of the same family whose span overlaps it, preferring one whose
value is equal (relative tolerance 1e-6). Values are compared normalized as the gold has
them: m² for areas, m for lengths, years for durations, the percent number, the amount of
money. quantulum3 writes "five to 10 years" as 7.5 ± 2.5: an uncertainty is read back as
the range [v - u, v + u]. quantulum3 reports no hedges or bounds, so its qualifier is
always "exact"; the table also counts how many of the gold's non-exact qualifiers
("about", "more than") each tool captured.

Usage::

    .venv/bin/python benchmarks/accuracy.py                     # seeds gold, both tools
    .venv/bin/python benchmarks/accuracy.py --no-quantulum
    .venv/bin/python benchmarks/accuracy.py --json /tmp/acc.json --verbose
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
QUANTULUM_PY = HERE / ".venv-quantulum" / "bin" / "python"
DEFAULT_GOLD = ROOT.parent / "shared" / "gold" / "seeds"

#: Gold or hetao_facts kind -> family scored here (None: not scored).
FAMILY: dict[str, str] = {
    "area": "area",
    "floor_area": "area",
    "land_area": "area",
    "length": "length",
    "duration": "duration",
    "percent": "percent",
    "percentage": "percent",
    "money": "money",
    "quantity": "quantity",
    "density": "quantity",
}
#: quantulum3 unit name -> (family, factor to the gold's normalized unit).
Q_UNITS: dict[str, tuple[str, float]] = {
    "square kilometre": ("area", 1e6),
    "square metre": ("area", 1.0),
    "hectare": ("area", 1e4),
    "square foot": ("area", 0.09290304),
    "acre": ("area", 4046.8564224),
    "square mile": ("area", 2589988.110336),
    "square centimetre": ("area", 1e-4),
    "metre": ("length", 1.0),
    "kilometre": ("length", 1000.0),
    "centimetre": ("length", 0.01),
    "millimetre": ("length", 0.001),
    "mile": ("length", 1609.344),
    "foot": ("length", 0.3048),
    "inch": ("length", 0.0254),
    "yard": ("length", 0.9144),
    "year": ("duration", 1.0),
    "month": ("duration", 1 / 12),
    "week": ("duration", 7 / 365.25),
    "day": ("duration", 1 / 365.25),
    "decade": ("duration", 10.0),
    "century": ("duration", 100.0),
    "percentage": ("percent", 1.0),
}
Q_ENTITY: dict[str, str] = {
    "area": "area",
    "length": "length",
    "time": "duration",
    "currency": "money",
}


def _num(v: Any) -> Any:
    if isinstance(v, list | tuple):
        return [_num(x) for x in v]
    if isinstance(v, dict) and "amount" in v:
        return _num(v["amount"])
    if isinstance(v, str | Decimal | int | float) and not isinstance(v, bool):
        try:
            return float(v)
        except ValueError:
            return v
    return v


def values_equal(g: Any, s: Any) -> bool:
    g, s = _num(g), _num(s)
    if isinstance(g, float) and isinstance(s, float):
        return abs(g - s) <= 1e-6 * max(1.0, abs(g))
    if isinstance(g, list) and isinstance(s, list) and len(g) == len(s):
        return all(values_equal(a, b) for a, b in zip(g, s, strict=True))
    return str(g) == str(s)


def load_gold(gold: Path) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for f in (
        sorted((gold / "claims").glob("*.json"))
        if (gold / "claims").is_dir()
        else sorted(gold.glob("*.json"))
    ):
        data = json.loads(f.read_text(encoding="utf-8"))
        if "claims" not in data:
            continue
        stem = Path(data.get("doc") or f.name).stem
        claims = []
        for c in data["claims"]:
            if FAMILY.get(c["kind"]) is None:
                continue
            value = c["value"]
            if c.get("value_end") is not None and not isinstance(value, list):
                value = [value, c["value_end"]]
            claims.append({**c, "value": value, "family": FAMILY[c["kind"]]})
        out[stem] = claims
    return out


def ours(docs: Path) -> list[dict[str, Any]]:
    """hetao_facts claims of the scored families, as {doc, start, end, family, value, qualifier}."""
    from hetao_facts.engine import run

    report = json.loads(run([str(docs)]).to_json())
    stems = {d["id"]: Path(d.get("path") or d["id"]).stem for d in report["documents"]}
    out = []
    for c in report["claims"]:
        fam = FAMILY.get(c["kind"])
        if fam is None:
            continue
        out.append(
            {
                "doc": stems.get(c["document"], Path(c["document"]).stem),
                "start": c["start"],
                "end": c["end"],
                "family": fam,
                "value": c.get("value"),
                "text": c.get("text"),
                "qualifier": c.get("qualifier") or "exact",
            }
        )
    return out


def quantulum(docs: Path, python: Path, whole: bool = False) -> list[dict[str, Any]]:
    """quantulum3's quantities of the scored families (run in its own environment)."""
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "q.json"
        args = [str(python), str(HERE / "quantulum_run.py"), str(docs), "--dump", str(dump)]
        if whole:
            args.append("--whole")
        subprocess.run(args, check=True, capture_output=True, text=True)
        found = json.loads(dump.read_text(encoding="utf-8"))
    out = []
    for q in found:
        unit, entity = q["unit"], q["entity"]
        if unit in Q_UNITS:
            fam, factor = Q_UNITS[unit]
        elif entity in Q_ENTITY:
            fam, factor = Q_ENTITY[entity], (1.0 if entity == "currency" else float("nan"))
        elif entity == "dimensionless":
            continue  # plain numbers: counts, years... not scored
        else:
            fam, factor = "quantity", 1.0
        v, u = q["value"], q["uncertainty"]
        value: Any = [(v - u) * factor, (v + u) * factor] if u else v * factor
        out.append(
            {
                "doc": q["doc"],
                "start": q["start"],
                "end": q["end"],
                "family": fam,
                "value": value,
                "text": q["surface"],
                "qualifier": "exact",
                "unit": unit,
            }
        )
    return out


def score(
    gold: dict[str, list[dict[str, Any]]],
    system: list[dict[str, Any]],
    verbose: bool = False,
    name: str = "",
) -> dict[str, Any]:
    system = [s for s in system if s["doc"] in gold]
    for i, s in enumerate(system):
        s["_i"] = i
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for s in system:
        by_doc[s["doc"]].append(s)
    used: set[int] = set()
    tp = value_ok = qual_ok = hedged = hedged_ok = 0
    fam: dict[str, Counter[str]] = defaultdict(Counter)
    missed = []
    for doc, gl in gold.items():
        for g in gl:
            fam[g["family"]]["gold"] += 1
            if g.get("qualifier", "exact") != "exact":
                hedged += 1
            best = None
            for s in by_doc.get(doc, []):
                if s["_i"] in used or s["family"] != g["family"]:
                    continue
                if g["start"] < s["end"] and s["start"] < g["end"]:
                    best = s
                    if values_equal(g["value"], s["value"]):
                        break
            if best is None:
                missed.append(g)
                continue
            used.add(best["_i"])
            tp += 1
            fam[g["family"]]["tp"] += 1
            value_ok += values_equal(g["value"], best["value"])
            q_ok = (best["qualifier"] or "exact") == (g.get("qualifier") or "exact")
            qual_ok += q_ok
            if g.get("qualifier", "exact") != "exact":
                hedged_ok += q_ok
    for s in system:
        fam[s["family"]]["system"] += 1
    n_gold = sum(len(v) for v in gold.values())
    p = tp / len(system) if system else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    if verbose:
        print(f"# {name}: missed", file=sys.stderr)
        for g in missed:
            print(
                f"  {g['start']}-{g['end']} {g['kind']} {g['text']!r} = {g['value']}",
                file=sys.stderr,
            )
        print(f"# {name}: spurious", file=sys.stderr)
        for s in system:
            if s["_i"] not in used:
                print(
                    f"  {s['doc'][:3]} {s['start']}-{s['end']} {s['family']} "
                    f"{s['text']!r} = {s['value']}",
                    file=sys.stderr,
                )
    return {
        "gold": n_gold,
        "system": len(system),
        "tp": tp,
        "precision": p,
        "recall": r,
        "f1": f1,
        "value_accuracy": value_ok / tp if tp else 0.0,
        "qualifier_accuracy": qual_ok / tp if tp else 0.0,
        "non_exact_gold": hedged,
        "non_exact_captured": hedged_ok,
        "per_family": {k: dict(v) for k, v in sorted(fam.items())},
    }


def table(results: dict[str, dict[str, Any]]) -> str:
    lines = [
        "| tool | gold | system | matched | precision | recall | F1 | value accuracy "
        "| qualifier accuracy | hedges/bounds captured |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, s in results.items():
        lines.append(
            f"| {name} | {s['gold']} | {s['system']} | {s['tp']} | {s['precision']:.3f} "
            f"| {s['recall']:.3f} | "
            f"{s['f1']:.3f} | {s['value_accuracy']:.3f} | {s['qualifier_accuracy']:.3f} | "
            f"{s['non_exact_captured']}/{s['non_exact_gold']} |"
        )
    fams = sorted({f for s in results.values() for f in s["per_family"]})
    lines += [
        "",
        "| family | " + " | ".join(f"{n} gold / system / matched" for n in results) + " |",
        "|---|" + "---:|" * len(results),
    ]
    for f in fams:
        cells = []
        for s in results.values():
            c = s["per_family"].get(f, {})
            cells.append(f"{c.get('gold', 0)} / {c.get('system', 0)} / {c.get('tp', 0)}")
        lines.append(f"| {f} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--docs", type=Path, default=ROOT / "seeds")
    ap.add_argument("--no-quantulum", action="store_true")
    ap.add_argument("--whole", action="store_true", help="quantulum3 parses whole documents")
    ap.add_argument("--json", type=Path, help="write the figures as JSON")
    ap.add_argument("--verbose", "-v", action="store_true", help="list missed and spurious items")
    a = ap.parse_args(argv)
    gold = load_gold(a.gold)
    results: dict[str, dict[str, Any]] = {
        "hetao_facts": score(gold, ours(a.docs), a.verbose, "hetao_facts")
    }
    if not a.no_quantulum:
        if QUANTULUM_PY.exists():
            results["quantulum3"] = score(
                gold, quantulum(a.docs, QUANTULUM_PY, a.whole), a.verbose, "quantulum3"
            )
        else:
            print(f"accuracy.py: {QUANTULUM_PY} not found; quantulum3 skipped", file=sys.stderr)
    print(table(results))
    if a.json:
        a.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
