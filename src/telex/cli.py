"""Command line: parses arguments, calls the library, prints. No logic of its own.

Article text is untrusted: it is always printed as plain :class:`rich.text.Text`, never
interpreted as rich markup, and with its control characters replaced by visible stand-ins
(:mod:`telex.terminal`), so an escape sequence in an article never reaches the terminal.
Commands that only read open the store read-only. Modules that load spaCy or trafilatura are
imported inside the commands that run them, so that the query commands start fast.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import sqlite3
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import click
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from typer.core import TyperGroup

from telex.errors import TelexError
from telex.export import FORMATS, article_record, article_records, export
from telex.ingest import DEFAULT_MAX_BYTES, iter_input_files, source_name
from telex.limits import DEFAULT_DOC_TIMEOUT, DEFAULT_MAX_CHARS
from telex.pipeline import DEFAULT_BATCH_SIZE, IngestReport, ingest, reprocess
from telex.render import analysis_tables, render_article_text
from telex.store import DB_ENVIRONMENT_VARIABLE, Store
from telex.terminal import plain, printable

EXIT_ERROR = 2
RAY_LOCAL = "local"  # telex.cluster.LOCAL, without importing Ray's module for every command


def _fail(message: str) -> NoReturn:
    """End the command with one plain ``error:`` line on stderr (never wrapped) and status 2."""
    typer.echo(f"error: {printable(' '.join(message.split()))}", err=True)
    raise typer.Exit(EXIT_ERROR)


class Terminated(KeyboardInterrupt):
    """SIGTERM (``timeout``, ``docker stop``, ``kill``), handled as Ctrl-C is: the batch in
    flight rolls back, worker processes stop, the command ends with status 128 + 15."""

    signal_number = signal.SIGTERM


def _on_sigterm(number: int, _frame: object) -> None:
    raise Terminated()


def _interrupted_status(interruption: KeyboardInterrupt) -> int:
    return 128 + int(getattr(interruption, "signal_number", signal.SIGINT))


class _TelexCommands(TyperGroup):
    """The command group, with the one place where what a user can cause becomes a message: a
    :class:`TelexError` (bad knowledge file, missing model, unknown id, bad search, a store that
    cannot be opened or written, an export path, a worker that cannot start), an SQLite error or
    an operating-system error ends the command with one ``error:`` line on stderr and exit
    status 2, no traceback. SIGTERM is turned into the interruption Ctrl-C raises."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # `--ray` alone starts a local cluster, `--ray ADDRESS` joins one: an option whose value may
        # be left out, as click allows and typer does not expose. A value is taken unless another
        # option or nothing follows, as click does.
        args = list(args)
        for position, arg in enumerate(args):
            if arg == "--":
                break
            if arg == "--ray" and (position + 1 == len(args) or args[position + 1].startswith("-")):
                args.insert(position + 1, RAY_LOCAL)
                break
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        previous = _handle_sigterm()
        try:
            return super().invoke(ctx)
        except TelexError as error:
            _fail(str(error))  # one line, even for a YAML parser's multi-line report
        except sqlite3.Error as error:
            _fail(f"the store cannot be used: {error}")
        except BrokenPipeError:
            _quiet_stdout()  # the reader went away (``| head``): nothing left to say
            raise typer.Exit(1) from None
        except OSError as error:
            _fail(f"{error.strerror or error}: {error.filename}" if error.filename else str(error))
        except Terminated as interruption:
            typer.echo("interrupted (SIGTERM)", err=True)
            raise typer.Exit(_interrupted_status(interruption)) from None
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)


def _handle_sigterm() -> Any:
    """Install the SIGTERM handler (main thread only, as Python allows); returns the previous one."""
    try:
        return signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread (an application calling the CLI from a thread)
        return None


def _quiet_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


app = typer.Typer(
    cls=_TelexCommands,
    help="telex: news pages in, who did what to whom, when, where and who said what out.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
errors = Console(stderr=True)

DbOption = Annotated[
    Path,
    typer.Option("--db", envvar=DB_ENVIRONMENT_VARIABLE, help="SQLite store (env TELEX_DB).", show_default=True),
]
HEADING_WIDTH = 60
DocTimeoutOption = Annotated[
    float,
    typer.Option(
        min=0,
        help="Seconds the NLP may spend on one document (per million characters for longer ones) before its"
        " worker is stopped and the document reported; 0: no limit, NLP in this process if --processes is 1.",
    ),
]
MaxCharsOption = Annotated[
    int, typer.Option(min=1, help="Refuse (report) an article whose clean text is longer than this many characters.")
]
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)


def parse_size(value: str) -> int:
    """'20MB', '500k', '1.5G' or a number of bytes."""
    match = _SIZE.match(value)
    if not match:
        raise typer.BadParameter(f"not a size: {value!r} (use e.g. 20MB, 500k, 1048576)")
    number, unit = float(match.group(1)), match.group(2).lower()
    return int(number * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit])


def _print_summary(report: IngestReport, interrupted: bool = False, written_to: Path | None = None) -> None:
    table = Table(title="Interrupted: stored so far" if interrupted else "Ingest summary", show_header=False)
    table.add_row("files read", str(report.files))
    if written_to is not None:
        table.add_row("written to the dataset", str(len(report.added)))
    else:
        table.add_row("ingested", str(len(report.added)))
        table.add_row("already present", str(len(report.present)))
    if report.units_skipped:
        table.add_row("units done by an earlier run", str(report.units_skipped))
    table.add_row("failed", str(len(report.failed)))
    table.add_row("skipped (not articles)", str(len(report.skipped)))
    console.print(table)
    if report.skipped:
        skipped = Table(title="Skipped, not failures (first example of each reason)")
        skipped.add_column("reason")
        skipped.add_column("count", justify="right")
        skipped.add_column("example", overflow="fold")
        by_reason: dict[str, list] = {}
        for item in report.skipped:
            by_reason.setdefault(item.reason, []).append(item)
        for reason, items in by_reason.items():
            example = items[0].source + (f" ({items[0].detail})" if items[0].detail else "")
            skipped.add_row(plain(reason), str(len(items)), plain(example))
        console.print(skipped)
    _print_notes(report)
    if report.failed:
        failures = Table(title="Failed documents", show_lines=False)
        failures.add_column("source", overflow="fold")
        failures.add_column("reason")
        failures.add_column("detail", overflow="fold")
        for failure in report.failed:
            failures.add_row(plain(failure.source), plain(failure.reason), plain(failure.detail))
        console.print(failures)


def _print_notes(report: IngestReport) -> None:
    """How some articles were read (a language without its model, a language telex does not read)."""
    if not report.notes:
        return
    notes = Table(title="Notes (stored with the articles; `telex show ID` repeats them)")
    notes.add_column("note", overflow="fold")
    notes.add_column("articles", justify="right")
    notes.add_column("example", overflow="fold")
    for note, sources in report.notes.items():
        notes.add_row(plain(note), str(len(sources)), plain(sources[0]))
    console.print(notes)


def _progress(label: str, *extra: Any) -> Progress:
    return Progress(
        TextColumn(f"[bold]{label}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        *extra,
        console=console,
        transient=True,
    )


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (read recursively).")],
    db: DbOption = Path("telex.db"),
    max_size: Annotated[str, typer.Option(help="Skip files larger than this.")] = f"{DEFAULT_MAX_BYTES // 2**20}MB",
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per transaction.")] = DEFAULT_BATCH_SIZE,
    nlp: Annotated[bool, typer.Option("--nlp/--no-nlp", help="Run the NLP stages on new articles.")] = True,
    show: Annotated[bool, typer.Option("--show", help="Print each ingested article afterwards.")] = False,
    processes: Annotated[
        int, typer.Option(min=1, help="Worker processes (each loads the model); with --ray, Ray workers.")
    ] = 1,
    follow_links: Annotated[
        bool, typer.Option("--follow-links", help="Read symbolic links that lead out of an input folder.")
    ] = False,
    doc_timeout: DocTimeoutOption = DEFAULT_DOC_TIMEOUT,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    ray: Annotated[
        str | None,
        typer.Option(
            "--ray",
            metavar="[ADDRESS]",
            help="Run on a Ray cluster: alone, a local one; 'auto' or an address, an existing one "
            "(put it after the paths). Needs pip install 'telex[ray]'.",
        ),
    ] = None,
    out_parquet: Annotated[
        Path | None,
        typer.Option(help="Workers write a Parquet dataset here (partitioned by month) instead of the store."),
    ] = None,
) -> None:
    """Read news pages (text, HTML, JSONL, WARC, RSS/Atom) into the store."""
    max_bytes = parse_size(max_size)
    try:
        files = list(iter_input_files(paths, follow_links=follow_links))
    except FileNotFoundError as error:
        _fail(f"no such file or folder: {error}")
    workers = None
    if ray is not None:
        from telex.cluster import RayWorkers
        from telex.unit_workers import WorkerOptions

        options = WorkerOptions(
            nlp=nlp,
            max_bytes=max_bytes,
            out_parquet=str(out_parquet) if out_parquet else None,
            doc_timeout=doc_timeout,
            max_chars=max_chars,
        )
        workers = RayWorkers(options, ray, workers=processes if processes > 1 else None)
    with contextlib.ExitStack() as stack:
        if workers is not None:
            stack.enter_context(workers)
        store = stack.enter_context(Store(db)) if out_parquet is None else None
        progress = _progress("ingest", TextColumn("{task.description}", markup=False))
        try:
            with progress:
                task = progress.add_task("", total=len(files))
                report = ingest(
                    paths,
                    store,
                    nlp=nlp,
                    processes=processes,
                    batch_size=batch_size,
                    max_bytes=max_bytes,
                    files=files,
                    on_progress=lambda path, share: progress.update(
                        task, advance=share, description=printable(source_name(path.name))
                    ),
                    workers=workers,
                    out_parquet=out_parquet,
                    doc_timeout=doc_timeout,
                    max_chars=max_chars,
                )
        except KeyboardInterrupt as interruption:
            where = f"{store.count()} articles in {store.path}" if store is not None else f"units done in {out_parquet}"
            console.print(plain(f"interrupted: {where}; re-run the same command to finish"))
            raise typer.Exit(_interrupted_status(interruption)) from None
        _print_summary(report, written_to=out_parquet)
        if show and store is not None:
            for article_id in dict.fromkeys(report.added + report.present):
                _show(store, article_id)
    raise typer.Exit(1 if report.failed else 0)


@app.command("import")
def import_command(
    folder: Annotated[Path, typer.Argument(help="A Parquet dataset written by telex ingest --out-parquet.")],
    db: DbOption = Path("telex.db"),
) -> None:
    """Load a Parquet dataset written by `telex ingest --out-parquet` into the store (idempotent)."""
    from telex.pipeline import import_dataset

    if not folder.is_dir():
        _fail(f"no such folder: {folder}")
    with Store(db) as store, _progress("import") as progress:
        task = progress.add_task("", total=None)
        report = import_dataset(
            folder, store, on_progress=lambda done, total: progress.update(task, completed=done, total=total)
        )
    console.print(
        plain(
            f"imported {len(report.added)} articles, {len(report.present)} already present, "
            f"{report.units_skipped} units imported before, into {db}"
        )
    )


@app.command("list")
def list_command(
    db: DbOption = Path("telex.db"),
    limit: Annotated[int, typer.Option(help="How many articles, newest first.")] = 50,
) -> None:
    """List stored articles."""
    with Store(db, read_only=True) as store:
        table = Table(title=plain(f"{store.count()} articles in {db}"))
        table.add_column("id", no_wrap=True, min_width=16)
        table.add_column("published", no_wrap=True, min_width=10)
        table.add_column("lang", no_wrap=True, min_width=4)
        table.add_column("site", no_wrap=True, overflow="ellipsis", min_width=14, max_width=20)
        table.add_column("title / beginning", no_wrap=True, overflow="ellipsis")
        table.add_column("v", no_wrap=True)
        for stored in store.list(limit=limit):
            article = stored.article
            heading = " ".join((article.title or article.text[:200]).split())
            width = max(20, min(HEADING_WIDTH, console.width - 72))
            heading = heading if len(heading) <= width else heading[: width - 1] + "…"
            table.add_row(
                plain(article.id),
                plain(article.published or ""),
                plain(article.language or ""),
                plain(article.site or ""),
                plain(heading),
                str(stored.version),
            )
        console.print(table)


def _show(store: Store, article_id: str) -> None:
    stored = store.get(article_id)
    article = stored.article
    meta = Table(show_header=False, title=plain(f"article {article.id}"))
    authors = ", ".join(a.name + (f" ({a.role})" if a.role else "") for a in article.authors)
    for label, value in (
        ("title", article.title),
        ("url", article.url),
        ("site", article.site),
        ("authors", authors),
        ("published", f"{article.published} (from {article.published_from})" if article.published else None),
        ("language", article.language),
        ("kind", article.kind),
        ("version", str(stored.version)),
        ("previous", stored.previous_id),
        ("sources", "\n".join(stored.sources)),
        ("ingested", stored.ingested_at),
    ):
        meta.add_row(label, plain(value or "—"))
    console.print(meta)
    analysis = store.analysis(article.id)
    for note in analysis.notes:
        console.print(plain(f"note: {note}", style="bold red"))
    console.print(render_article_text(article.text, analysis))
    for table in analysis_tables(analysis):
        console.print(table)


@app.command("show")
def show_command(
    article_id: Annotated[str, typer.Argument(help="Article id (a unique prefix is enough).")],
    db: DbOption = Path("telex.db"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the export record instead.")] = False,
) -> None:
    """Show one article: metadata, clean text with what was found in it."""
    with Store(db, read_only=True) as store:
        if as_json:
            stored = store.get(article_id)
            record = article_record(stored.article, store.analysis(stored.article.id), stored)
            sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        else:
            _show(store, article_id)


@app.command("export")
def export_command(
    fmt: Annotated[str, typer.Option("--format", help=f"One of {', '.join(FORMATS)}.")] = "jsonl",
    out: Annotated[Path | None, typer.Option(help="File (jsonl; stdout if absent) or folder (csv, parquet).")] = None,
    db: DbOption = Path("telex.db"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing export files (never the store).")] = False,
) -> None:
    """Export every stored article with all its fields."""
    if fmt not in FORMATS:
        _fail(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    with Store(db, read_only=True) as store:
        summary = export(article_records(store.articles_with_analyses()), fmt, out, force=force, protect=store.files())
    if out is not None or fmt not in ("jsonl", "gdelt"):
        errors.print(plain(f"exported {summary}"))


@app.command("reprocess")
def reprocess_command(
    db: DbOption = Path("telex.db"),
    everything: Annotated[bool, typer.Option("--all", help="Every article, not only stale ones.")] = False,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per transaction.")] = DEFAULT_BATCH_SIZE,
    processes: Annotated[int, typer.Option(min=1, help="NLP worker processes (each loads the model).")] = 1,
    doc_timeout: DocTimeoutOption = DEFAULT_DOC_TIMEOUT,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
) -> None:
    """Re-run the NLP stages on stored articles analysed with other knowledge files or code."""
    with Store(db, create=False) as store, _progress("reprocess") as progress:
        task = progress.add_task("", total=None)
        try:
            report = reprocess(
                store,
                everything=everything,
                batch_size=batch_size,
                on_progress=lambda done, total: progress.update(task, completed=done, total=total),
                processes=processes,
                doc_timeout=doc_timeout,
                max_chars=max_chars,
            )
        except KeyboardInterrupt as interruption:
            progress.stop()
            console.print(plain("interrupted: the batches before are reprocessed; re-run the same command to finish"))
            raise typer.Exit(_interrupted_status(interruption)) from None
    console.print(
        plain(f"reprocessed {len(report.added)} articles with pipeline {report.pipeline}; {len(report.failed)} failed")
    )
    _print_notes(report)
    for failure in report.failed:
        console.print(plain(str(failure)))
    raise typer.Exit(1 if report.failed else 0)


@app.command("upgrade")
def upgrade_command(db: DbOption = Path("telex.db")) -> None:
    """Bring a store made by an older telex to this version's schema (commands that only read
    never change a store, so they ask for this once)."""
    with Store(db, create=False) as store:
        done = f"upgraded ({', '.join(store.migrated)})" if store.migrated else "already up to date"
        console.print(plain(f"{store.path}: {done}, {store.count()} articles"), soft_wrap=True)


def _actor_filter(store: Store, name: str | None) -> list[str] | None:
    if name is None:
        return None
    from telex.query import actor_ids_for

    ids = actor_ids_for(name, store)
    if not ids:
        errors.print(plain(f"no actor matches {name!r}"))
    return ids


@app.command("actors")
def actors_command(
    db: DbOption = Path("telex.db"),
    actor_type: Annotated[
        str | None, typer.Option("--type", help="person, country, organization, place, group")
    ] = None,
    limit: Annotated[int, typer.Option(help="How many, most mentioned first.")] = 50,
) -> None:
    """Actors across the store, with mention and article counts."""
    with Store(db, read_only=True) as store:
        table = Table(title="Actors")
        for column in ("id", "name", "type", "country", "mentions", "articles"):
            table.add_column(column, justify="right" if column in ("mentions", "articles") else "left")
        for row in store.actor_counts(limit=limit, actor_type=actor_type):
            table.add_row(
                plain(row["id"]),
                plain(row["name"]),
                plain(row["type"]),
                plain(row["country"] or ""),
                str(row["mentions"]),
                str(row["articles"]),
            )
        console.print(table)


@app.command("quotes")
def quotes_command(
    db: DbOption = Path("telex.db"),
    speaker: Annotated[str | None, typer.Option(help="A name, alias or actor id.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before (YYYY-MM-DD).")] = None,
    search: Annotated[str | None, typer.Option(help="Words in the quote (SQLite FTS5 syntax).")] = None,
    limit: Annotated[int, typer.Option()] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Quotations with their speakers, filtered by speaker, date and words."""
    with Store(db, read_only=True) as store:
        speakers = _actor_filter(store, speaker)
        rows = store.search_quotes(speakers, since, until, search, limit)
    if as_json:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{len(rows)} quotes")
    for column in ("published", "speaker", "cue", "kind", "quote", "article"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            plain((row["published"] or "")[:10]),
            plain(row["speaker"] or "—"),
            plain(row["cue"] or ""),
            plain(row["kind"]),
            plain(row["text"]),
            plain(row["article_id"]),
        )
    console.print(table)


@app.command("events")
def events_command(
    db: DbOption = Path("telex.db"),
    actor: Annotated[str | None, typer.Option(help="Source or target: name, alias, actor id or country code.")] = None,
    code: Annotated[str | None, typer.Option(help="CAMEO code or prefix (04, 043).")] = None,
    since: Annotated[str | None, typer.Option(help="Event date on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Event date on or before (YYYY-MM-DD).")] = None,
    limit: Annotated[int, typer.Option()] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Coded events: who did what to whom, when."""
    with Store(db, read_only=True) as store:
        actors = _actor_filter(store, actor)
        rows = store.search_events(actors, code, since, until, limit)
    if as_json:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{len(rows)} events")
    for column in ("date", "source", "cameo", "plover", "target", "status", "trigger", "article"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            plain(row["date"] or ""),
            plain(", ".join(row["source_names"])),
            plain(row["cameo"]),
            plain(row["plover"] or ""),
            plain(", ".join(row["target_names"])),
            plain(row["status"]),
            plain(row["trigger"]),
            plain(row["article_id"]),
        )
    console.print(table)


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


@app.command("serve")
def serve_command(
    db: DbOption = Path("telex.db"),
    host: Annotated[str, typer.Option(help="Address to listen on; only this machine by default.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    max_upload: Annotated[
        str, typer.Option(help="Largest body POST /api/v1/ingest accepts.")
    ] = f"{DEFAULT_MAX_BYTES // 2**20}MB",
) -> None:
    """Serve the store: a JSON API under /api/v1 (docs at /docs) and web pages.

    Reads only, unless the environment variable TELEX_TOKEN is set: then POST /api/v1/ingest
    accepts pages with "Authorization: Bearer <token>".
    """
    import uvicorn

    from telex.web.app import ServerSettings, create_app

    token = os.environ.get("TELEX_TOKEN") or None
    application = create_app(ServerSettings(db=db, token=token, max_upload=parse_size(max_upload)))
    if host not in LOOPBACK_HOSTS:
        exposure = " and the token travels unencrypted over plain HTTP" if token else ""
        typer.echo(f"warning: listening on {host}: other machines can reach this server{exposure}", err=True)
    mode = "ingest allowed with the token" if token else "read-only"
    address = f"[{host}]" if ":" in host else host  # an IPv6 address in a URL
    typer.echo(f"serving {db} at http://{address}:{port}/ ({mode})", err=True)  # one line, never wrapped
    uvicorn.run(application, host=host, port=port, server_header=False, proxy_headers=False, log_level="info")


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Argument(help="Gold file (JSONL, see docs/gold-format.md).")],
    details: Annotated[bool, typer.Option("--details", help="Per-article misses and false positives.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable report.")] = False,
) -> None:
    """Score telex against a gold file: precision, recall and F1 per layer."""
    from telex.evaluate.command import run_eval

    raise typer.Exit(run_eval(gold, details=details, as_json=as_json, console=console, errors=errors))


def main() -> None:  # pragma: no cover - entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
