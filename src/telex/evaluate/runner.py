"""``telex eval``: run the pipeline on every gold item, score each layer, report.

The pipeline runs without the store: input → :func:`telex.pipeline.analyze_documents` (cleaning
and NLP, as ``telex ingest`` runs them) → :func:`telex.export.record.article_record`, the same
record ``telex export`` writes. Anything the pipeline does not produce yet (or fails on) is
scored as missing, so the report always shows where telex stands.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from telex.evaluate.gold import GoldItem, load_gold
from telex.evaluate.matching import (
    Dyad,
    LayerMatch,
    actor_matches,
    event_dyads,
    event_matches_date,
    event_matches_full,
    event_matches_root,
    event_matches_status,
    forbidden_matches,
    match_layer,
    metadata_outcome,
    quote_text_matches,
    speaker_matches,
    token_overlap,
)
from telex.evaluate.scoring import FORBIDDEN_LAYER, LAYERS, Counts, ForbiddenCounts
from telex.records import Analysis, Article, Author, RawDocument

Record = dict[str, Any]
Analyzer = Callable[[Sequence[Article]], list[Any]]


@dataclass(slots=True)
class ItemResult:
    """The outcome for one gold item: per-layer matches, forbidden events produced, any error."""

    id: str
    line: int
    constructions: tuple[str, ...] = ()
    layers: dict[str, LayerMatch] = field(default_factory=dict)
    forbidden: list[str] = field(default_factory=list)  # "note: produced event" for each violation
    forbidden_listed: int = 0
    error: str | None = None


@dataclass(slots=True)
class EvalReport:
    gold_path: str
    items: list[ItemResult]
    totals: dict[str, Counts]
    forbidden: ForbiddenCounts

    def f1(self) -> dict[str, float | None]:
        """Micro F1 of every layer (None where the layer is empty on both sides)."""
        return {layer: counts.f1 for layer, counts in self.totals.items()}


# --- scoring one record ---------------------------------------------------------------------


def score_item(item: GoldItem, record: Record, error: str | None = None) -> ItemResult:
    """Score one export record against its gold item. Pure: no model, no files."""
    result = ItemResult(item.id, item.line, item.constructions, error=error)
    actors: dict[str, Record] = {a["id"]: a for a in record.get("actors") or () if a.get("id")}

    for name, gold_value in item.metadata.items():
        result.layers[f"metadata.{name}"] = metadata_outcome(name, gold_value, record.get(name))

    if item.actors is not None:
        produced = list(actors.values())
        result.layers["actors"] = match_layer(
            item.actors,
            [a.optional for a in item.actors],
            produced,
            actor_matches,
            lambda g: g.names[0],
            _describe_actor,
        )
        coded = [g for g in item.actors if g.codes]
        uncoded = [g for g in item.actors if not g.codes]

        def code_scored(actor: Record) -> bool:
            # a code on an actor the gold gives no code for is not judged
            return bool(actor.get("code")) and not any(actor_matches(g, actor) for g in uncoded)

        result.layers["actor codes"] = match_layer(
            coded,
            [g.optional for g in coded],
            produced,
            lambda g, a: actor_matches(g, a) and a.get("code") in g.codes,
            lambda g: f"{g.names[0]} {'|'.join(g.codes)}",
            lambda a: f"{a.get('name')} {a.get('code')}",
            scored=code_scored,
        )

    if item.quotes is not None:
        quotes = list(record.get("quotes") or ())
        optional = [q.optional for q in item.quotes]

        def describe_quote(q: Record) -> str:
            speaker = actors.get(q.get("speaker") or "", {}).get("name") or q.get("speaker")
            return f"«{_short(q.get('text') or '')}» — {speaker or 'no speaker'} ({q.get('kind')})"

        def describe_gold_quote(g) -> str:
            speaker = "|".join(g.speaker) if g.speaker else "no speaker"
            return f"«{_short(g.text)}» — {speaker}" + (f" ({g.kind})" if g.kind else "")

        def overlap(g, q):
            return token_overlap(g.text, q.get("text") or "")

        result.layers["quotes"] = match_layer(
            item.quotes, optional, quotes, quote_text_matches, describe_gold_quote, describe_quote, overlap
        )
        result.layers["quote speakers"] = match_layer(
            item.quotes,
            optional,
            quotes,
            lambda g, q: quote_text_matches(g, q) and speaker_matches(g, q, actors),
            describe_gold_quote,
            describe_quote,
            overlap,
        )

    dyads = event_dyads(record)
    if item.events is not None:
        optional = [e.optional for e in item.events]

        def describe_dyad(d: Dyad) -> str:
            return d.describe(actors)

        for layer, rule in (
            ("events (root)", event_matches_root),
            ("events (full code)", event_matches_full),
            ("events (status)", event_matches_status),
            ("events (date)", event_matches_date),
        ):
            result.layers[layer] = match_layer(
                item.events,
                optional,
                dyads,
                lambda g, d, rule=rule: rule(g, d, actors),
                _describe_gold_event,
                describe_dyad,
            )

    result.forbidden_listed = len(item.forbidden_events)
    for forbidden in item.forbidden_events:
        hits = [d for d in dyads if forbidden_matches(forbidden, d, actors)]
        if hits:
            label = forbidden.note or "/".join(forbidden.cameo_prefixes or (forbidden.plover or "",))
            result.forbidden.append(f"{label}: " + "; ".join(d.describe(actors) for d in hits))
    return result


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe_actor(actor: Record) -> str:
    return f"{actor.get('name')} ({actor.get('type')}, {actor.get('country') or '—'})"


def _describe_gold_event(event) -> str:
    def side(refs) -> str:
        return "any" if refs is None else "|".join(refs)

    codings = []
    for coding in event.codings:
        code = (
            "|".join(coding.cameo)
            if coding.cameo
            else f"{coding.plover}" + (f"/{coding.plover_mode}" if coding.plover_mode else "")
        )
        codings.append(f"{code} {'|'.join(coding.statuses)}")
    text = f"{side(event.source)} → {side(event.target)} {' or '.join(codings)}"
    return text + (f" {event.date}" if event.date else "") + (f" ({event.note})" if event.note else "")


def aggregate(gold_path: str, results: list[ItemResult]) -> EvalReport:
    """Micro-average: add every article's counts per layer."""
    totals = {layer: Counts() for layer in LAYERS}
    forbidden = ForbiddenCounts()
    for result in results:
        for layer, match in result.layers.items():
            totals.setdefault(layer, Counts()).add(match.tp, match.fp, match.fn)
        forbidden.listed += result.forbidden_listed
        forbidden.produced += len(result.forbidden)
    return EvalReport(gold_path, results, totals, forbidden)


# --- running the pipeline -------------------------------------------------------------------


def raw_document(item: GoldItem) -> RawDocument:
    """The raw document a gold item describes: inline text, or the first document of its file."""
    gold_input = item.input
    if gold_input.text is not None:
        return RawDocument(
            source=f"gold:{item.id}",
            kind="text",
            text=gold_input.text,
            url=gold_input.url,
            title=gold_input.title,
            site=gold_input.site,
            authors=tuple(Author(name, role) for name, role in gold_input.authors),
            published=gold_input.published,
        )
    from telex.errors import DocumentError
    from telex.ingest import read_documents

    for document in read_documents(gold_input.path):
        if isinstance(document, DocumentError):
            raise document
        return document
    raise FileNotFoundError(f"no document in {gold_input.path}")


def build_records(items: Sequence[GoldItem], analyzer: Analyzer | None = None) -> list[tuple[Record, str | None]]:
    """The export record of every gold item, with the error (if any) that left parts of it empty.

    The documents go through :func:`telex.pipeline.analyze_documents`, the path ``telex ingest``
    takes. When the NLP cannot run at all, the records still carry what cleaning found (metadata
    is scored) and every item says why its analysis is empty.
    """
    from telex.export.record import article_record
    from telex.pipeline import analyze_documents

    documents: list[RawDocument | Exception] = []
    for item in items:
        try:
            documents.append(raw_document(item))
        except Exception as error:
            documents.append(error)
    analysis_error = None
    if analyzer is None:
        try:
            from telex.analysis import analyze_articles as analyzer
        except Exception as error:
            analysis_error = f"analysis unavailable: {type(error).__name__}: {error}"
    try:
        results = analyze_documents(documents, nlp=analyzer is not None, analyzer=analyzer)
    except Exception as error:
        analysis_error = f"analysis failed: {type(error).__name__}: {error}"
        results = analyze_documents(documents, nlp=False)
    records: list[tuple[Record, str | None]] = []
    for result in results:
        if result.article is None:
            records.append(({}, f"input: {type(result.error).__name__}: {result.error}"))
            continue
        error = analysis_error or (f"analysis: {result.error}" if result.error is not None else None)
        records.append((article_record(result.article, result.analysis or Analysis()), error))
    return records


def evaluate(gold_path: Path, details: bool = False, analyzer: Analyzer | None = None) -> EvalReport:
    """Score telex against a gold file. Raises :class:`GoldFormatError` when the file is invalid.

    ``details`` is accepted for the CLI's symmetry: misses and false positives are always kept in
    the report; :func:`render_report` decides whether to show them.
    """
    del details
    items = load_gold(gold_path)
    records = build_records(items, analyzer)
    results = [score_item(item, record, error) for item, (record, error) in zip(items, records, strict=True)]
    return aggregate(str(gold_path), results)


# --- output ---------------------------------------------------------------------------------


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def render_report(report: EvalReport, details: bool = False):
    """A rich renderable: the P/R/F1 table, then (with ``details``) each article's misses and
    false positives."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"telex eval — {report.gold_path} ({len(report.items)} articles, micro-averaged)")
    for column in ("layer", "gold", "produced", "matched", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "layer" else "right")
    for layer, counts in report.totals.items():
        if counts.gold == 0 and counts.produced == 0:
            continue
        table.add_row(
            layer,
            str(counts.gold),
            str(counts.produced),
            str(counts.tp),
            _number(counts.precision),
            _number(counts.recall),
            _number(counts.f1),
        )
    forbidden = report.forbidden
    if forbidden.listed:
        table.add_row(
            FORBIDDEN_LAYER,
            str(forbidden.listed),
            str(forbidden.produced),
            "",
            "",
            "",
            Text(f"{forbidden.produced} of {forbidden.listed}", style="red" if forbidden.produced else "green"),
        )
    parts: list[Any] = [table]
    failed = [r for r in report.items if r.error]
    if failed:
        parts.append(Text(f"{len(failed)} article(s) only partly analysed; first: {failed[0].id}: {failed[0].error}"))
    if details:
        for result in report.items:
            lines = _detail_lines(result)
            if lines:
                parts.append(Text(f"\n{result.id} (line {result.line})", style="bold"))
                parts.extend(Text(f"  {line}") for line in lines)
    return Group(*parts)


def _detail_lines(result: ItemResult) -> list[str]:
    """Misses and false positives, each listed once under the first (least strict) layer it fails:
    an event missed at root level is not listed again under full code, status and date."""
    lines = []
    if result.error:
        lines.append(f"error: {result.error}")
    seen: set[tuple[str, str]] = set()
    for layer, match in result.layers.items():
        for label, entries in (("miss ", match.misses), ("extra", match.false_positives)):
            for entry in entries:
                if (label, entry) not in seen:
                    seen.add((label, entry))
                    lines.append(f"{label} [{layer}] {entry}")
    lines.extend(f"FORBIDDEN produced: {violation}" for violation in result.forbidden)
    return lines


def report_to_json(report: EvalReport) -> dict[str, Any]:
    """The whole report as plain JSON types, for machines (``telex eval --json``)."""
    return {
        "gold": report.gold_path,
        "articles": len(report.items),
        "layers": {layer: counts.as_dict() for layer, counts in report.totals.items()},
        "forbidden_events": report.forbidden.as_dict(),
        "items": [
            {
                "id": result.id,
                "line": result.line,
                "constructions": list(result.constructions),
                "error": result.error,
                "layers": {
                    layer: {
                        "tp": match.tp,
                        "fp": match.fp,
                        "fn": match.fn,
                        "misses": list(match.misses),
                        "false_positives": list(match.false_positives),
                    }
                    for layer, match in result.layers.items()
                },
                "forbidden_produced": result.forbidden,
            }
            for result in report.items
        ],
    }
