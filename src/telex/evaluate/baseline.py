"""The regression floor: the seed's F1 per layer, stored in ``eval/baseline.json``.

Raise it after an improvement (run from the repository root)::

    python -m telex.evaluate.baseline --write

Check it (what the slow test does)::

    python -m telex.evaluate.baseline
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from telex.evaluate.runner import EvalReport, evaluate

ROOT = Path(__file__).resolve().parents[3]
SEED_GOLD = ROOT / "eval" / "gold" / "seed.jsonl"
BASELINE_FILE = ROOT / "eval" / "baseline.json"
TOLERANCE = 1e-9


def baseline_from_report(report: EvalReport) -> dict[str, Any]:
    """The numbers the guard keeps: F1 per layer (None where the layer is empty) and the number of
    forbidden events produced."""
    return {
        "gold": "eval/gold/seed.jsonl",
        "written": date.today().isoformat(),
        "command": "python -m telex.evaluate.baseline --write",
        "f1": report.f1(),
        "forbidden_produced": report.forbidden.produced,
    }


def write_baseline(report: EvalReport, path: Path = BASELINE_FILE) -> dict[str, Any]:
    baseline = baseline_from_report(report)
    path.write_text(json.dumps(baseline, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return baseline


def load_baseline(path: Path = BASELINE_FILE) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def regressions(report: EvalReport, baseline: dict[str, Any]) -> list[str]:
    """Every layer whose F1 fell below the stored floor, and more forbidden events than before."""
    found = []
    current = report.f1()
    for layer, floor in baseline.get("f1", {}).items():
        if floor is None:
            continue
        value = current.get(layer)
        if value is None or value < floor - TOLERANCE:
            found.append(f"{layer}: F1 {value} < baseline {floor}")
    allowed = baseline.get("forbidden_produced")
    if allowed is not None and report.forbidden.produced > allowed:
        found.append(f"forbidden events produced: {report.forbidden.produced} > baseline {allowed}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m telex.evaluate.baseline", description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="store the current scores as the new floor")
    parser.add_argument("--gold", type=Path, default=SEED_GOLD)
    parser.add_argument("--baseline", type=Path, default=BASELINE_FILE)
    args = parser.parse_args(argv)
    report = evaluate(args.gold)
    if args.write:
        baseline = write_baseline(report, args.baseline)
        print(json.dumps(baseline["f1"], indent=2))
        print(f"written to {args.baseline}")
        return 0
    found = regressions(report, load_baseline(args.baseline))
    for line in found:
        print(f"regression: {line}")
    if not found:
        print(f"no regression against {args.baseline}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
