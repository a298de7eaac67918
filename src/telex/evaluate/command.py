"""What ``telex eval`` does, as one call the CLI can make: evaluate, print, return the exit code."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.text import Text

from telex.evaluate.gold import GoldFormatError
from telex.evaluate.runner import evaluate, render_report, report_to_json

EXIT_OK = 0
EXIT_INVALID_GOLD = 2


def run_eval(
    gold_path: Path,
    *,
    details: bool = False,
    as_json: bool = False,
    console: Console | None = None,
    errors: Console | None = None,
) -> int:
    """Score telex against ``gold_path`` and print the report (a table, or JSON with ``as_json``).

    Returns 0 whatever the scores are; 2 when the gold file is invalid, after printing the file,
    line and field at fault on ``errors``.
    """
    console = console or Console()
    errors = errors or Console(stderr=True)
    try:
        report = evaluate(Path(gold_path), details=details)
    except GoldFormatError as error:
        errors.print(Text(f"error: invalid gold file: {error}"))
        return EXIT_INVALID_GOLD
    if as_json:
        console.print_json(json.dumps(report_to_json(report), ensure_ascii=False))
    else:
        console.print(render_report(report, details=details))
    return EXIT_OK
