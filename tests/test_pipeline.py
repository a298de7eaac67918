"""The ingest job over folders of mixed inputs: counts, failures, re-runs, versions."""

from __future__ import annotations

import io
import json
from typing import ClassVar

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from telex.export import article_records
from telex.pipeline import ingest, reprocess

PARAGRAPH = (
    "Le président burkinabè a reçu mercredi à Ouagadougou le ministre malien des Affaires étrangères pour "
    "des entretiens consacrés à la sécurité au Sahel, a indiqué la présidence dans un communiqué."
)
HTML = f"""<html><head><meta charset="utf-8"><title>Visite à Ouagadougou</title>
<meta property="article:published_time" content="2024-03-06T10:00:00+00:00"></head>
<body><nav>Accueil | Monde</nav><article><h1>Visite à Ouagadougou</h1><p>{PARAGRAPH}</p>
<p>Les deux délégations ont évoqué la coopération militaire et la lutte contre les groupes armés.</p></article>
<footer>© 2024 Exemple</footer></body></html>"""


def _warc_gz(path, pages):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=headers)
        )
    path.write_bytes(buffer.getvalue())


def _corpus(folder):
    (folder / "sub").mkdir(parents=True)
    (folder / "scraped.txt").write_text(f"{PARAGRAPH}\n\nLefaso.net\n\nPartager sur Facebook", encoding="utf-8")
    (folder / "latin1.txt").write_bytes(f"{PARAGRAPH} Réaction attendue à Abidjan.".encode("cp1252"))
    (folder / "page.html").write_text(HTML, encoding="utf-8")
    lines = [
        json.dumps({"url": "https://ex.org/1", "text": PARAGRAPH + " Premier.", "published": "2024-03-01"}),
        "{broken json",
        json.dumps({"url": "https://ex.org/2", "title": "Sans texte"}),
    ]
    (folder / "sub" / "batch.jsonl").write_text("\n".join(lines), encoding="utf-8")
    _warc_gz(folder / "sub" / "crawl.warc.gz", [("https://ex.org/w", HTML.replace("mercredi", "jeudi"))])
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "nav.html").write_text("<html><body><nav>Accueil</nav></body></html>", encoding="utf-8")


def test_mixed_folder_ingests_good_documents_and_reports_each_bad_one(tmp_path, store):
    _corpus(tmp_path / "in")
    report = ingest([tmp_path / "in"], store, nlp=False)
    assert len(report.added) == 5
    reasons = {f.source.rsplit("/", 1)[-1]: f.reason for f in report.failed}
    assert reasons == {
        "batch.jsonl:2": "invalid JSON line",
        "batch.jsonl:3": "no article text found",
        "empty.txt": "empty document",
        "image.png": "binary content, not text",
        "nav.html": "no article text found",
    }
    assert store.count() == 5
    by_kind = {r["kind"]: r for r in article_records(store.articles_with_analyses())}
    assert set(by_kind) == {"text", "html", "jsonl", "warc"}
    assert by_kind["warc"]["url"] == "https://ex.org/w"
    assert by_kind["html"]["published"].startswith("2024-03-06")
    assert by_kind["jsonl"]["published"] == "2024-03-01"
    texts = [r["text"] for r in article_records(store.articles_with_analyses())]
    assert any("Réaction attendue à Abidjan" in t for t in texts)  # windows-1252 decoded
    scraped = next(r for r in article_records(store.articles_with_analyses()) if r["source"].endswith("scraped.txt"))
    assert scraped["site"] == "Lefaso.net" and "Partager" not in scraped["text"]


def test_second_run_stores_nothing_new(tmp_path, store):
    _corpus(tmp_path / "in")
    ingest([tmp_path / "in"], store, nlp=False)
    again = ingest([tmp_path / "in"], store, nlp=False)
    assert again.added == [] and len(again.present) == 5
    assert store.count() == 5


def test_changed_page_at_same_url_becomes_version_two(tmp_path, store):
    first = tmp_path / "v1.jsonl"
    first.write_text(json.dumps({"url": "https://ex.org/a", "text": PARAGRAPH}), encoding="utf-8")
    second = tmp_path / "v2.jsonl"
    second.write_text(json.dumps({"url": "https://ex.org/a", "text": PARAGRAPH + " Mise à jour."}), encoding="utf-8")
    ingest([first], store, nlp=False)
    report = ingest([second], store, nlp=False)
    latest = store.get(report.added[0])
    assert latest.version == 2 and latest.previous_id is not None
    assert store.count() == 2


def test_analyzer_failure_reports_the_article_and_stores_the_rest(tmp_path, store):
    from telex.analysis import AnalysisFailed
    from telex.records import Analysis

    _corpus(tmp_path / "in")

    def analyzer(articles):
        return [AnalysisFailed(a.source, "boom") if a.kind == "html" else Analysis() for a in articles]

    report = ingest([tmp_path / "in"], store, analyzer=analyzer)
    assert any(f.reason == "NLP analysis failed" for f in report.failed)
    assert store.count() == 4


def test_analyzed_documents_line_up_with_their_documents():
    from telex.errors import EmptyDocument
    from telex.pipeline import analyze_documents
    from telex.records import Analysis, RawDocument

    seen = []

    def analyzer(articles):
        seen.extend(articles)
        return [Analysis() for _ in articles]

    unread = EmptyDocument("b.txt")
    documents = [
        RawDocument(source="a.txt", kind="text", text=PARAGRAPH),
        unread,  # what a reader yields for a document it cannot read
        RawDocument(source="c.html", kind="html", html="<html><body><nav>Accueil</nav></body></html>"),
        RawDocument(source="copy/a.txt", kind="text", text=PARAGRAPH),
    ]
    first, second, third, fourth = analyze_documents(documents, analyzer=analyzer)
    assert first.analysis == Analysis() and first.error is None
    assert second.error is unread and second.article is None
    assert third.article is None and third.error.reason == "no article text found"
    assert fourth.article.id == first.article.id and fourth.analysis is None  # the same text, analysed once
    assert [a.source for a in seen] == ["a.txt"]

    (known,) = analyze_documents(documents[:1], analyzer=analyzer, known=lambda hashes: set(hashes))
    assert known.article is not None and known.analysis is None and len(seen) == 1
    (plain,) = analyze_documents(documents[:1], nlp=False)
    assert plain.article is not None and plain.analysis is None


class _FakePool:
    """Stands in for the supervised NLP worker processes: records batch sizes and whether it was shut down."""

    instances: ClassVar[list[_FakePool]] = []

    def __init__(self, processes, **options):
        self.processes, self.options, self.batches, self.closed = processes, options, [], False
        _FakePool.instances.append(self)

    def submit(self, articles):
        from telex.records import Analysis

        self.batches.append(len(articles))
        return lambda: [Analysis() for _ in articles]

    def __call__(self, articles):
        return self.submit(articles)()

    def close(self):
        self.closed = True

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


class _FakeWorkers:
    """Stands in for the worker processes: runs units here, without the model, and records them."""

    instances: ClassVar[list[_FakeWorkers]] = []

    def __init__(self, processes, options):
        from dataclasses import replace

        from telex.unit_workers import InProcessWorker

        self.processes, self.units, self.closed = processes, [], False
        self.worker = InProcessWorker(replace(options, nlp=False))
        self.window = 2 * processes
        self.plan_files = self.worker.plan_files
        _FakeWorkers.instances.append(self)

    def submit(self, unit):
        from telex.records import Analysis

        self.units.append(len(unit.parts))
        result = self.worker.submit(unit)()
        for document in result.documents:
            document.analysis = Analysis() if document.article is not None else None
        result.fingerprint = "test-fingerprint"
        return lambda: result

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.closed = True


def _pages(folder, count):
    folder.mkdir()
    for number in range(count):
        (folder / f"{number:02d}.txt").write_text(f"Dépêche {folder.name} {number}. {PARAGRAPH}", encoding="utf-8")


def test_workers_get_units_of_a_batch_of_files_and_stop_even_on_ctrl_c(tmp_path, store, monkeypatch):
    monkeypatch.setattr("telex.unit_workers.LocalWorkers", _FakeWorkers)
    _FakeWorkers.instances.clear()
    _pages(tmp_path / "in", 10)
    report = ingest([tmp_path / "in"], store, processes=2, batch_size=4)
    (pool,) = _FakeWorkers.instances
    # a job of few files is cut into units of one, so that no worker waits long at its end
    assert pool.processes == 2 and pool.units == [1] * 10 and pool.closed
    assert report.pipeline == "test-fingerprint" and len(report.added) == 10
    assert store.stale_article_ids("test-fingerprint") == []

    def interrupt(path):
        if path.name == "05.txt":
            raise KeyboardInterrupt

    _pages(tmp_path / "more", 10)
    with pytest.raises(KeyboardInterrupt):
        ingest([tmp_path / "more"], store, processes=2, batch_size=2, on_file_done=interrupt)
    assert _FakeWorkers.instances[-1].closed
    # each unit is stored before its files count as read: the units up to 05.txt are in, no other
    assert store.count() == 10 + 6
    again = ingest([tmp_path / "more"], store, processes=2, batch_size=2)
    assert again.units_skipped == 6 and len(again.added) == 4 and store.count() == 20


def test_one_supervised_worker_analyses_a_batch_while_the_next_is_read_and_stops_even_on_ctrl_c(
    tmp_path, store, monkeypatch
):
    monkeypatch.setattr("telex.workers.AnalysisWorkers", _FakePool)
    monkeypatch.setattr("telex.knowledge.pipeline_fingerprint", lambda: "test-fingerprint")
    _FakePool.instances.clear()
    _pages(tmp_path / "in", 10)
    report = ingest([tmp_path / "in"], store, batch_size=2)
    (pool,) = _FakePool.instances
    assert pool.processes == 1 and pool.batches == [2, 2, 2, 2, 2] and pool.closed
    assert report.pipeline == "test-fingerprint" and len(report.added) == 10
    assert store.stale_article_ids("test-fingerprint") == []

    def interrupt(path):
        if path.name == "09.txt":
            raise KeyboardInterrupt

    _pages(tmp_path / "more", 10)
    with pytest.raises(KeyboardInterrupt):
        ingest([tmp_path / "more"], store, batch_size=2, on_file_done=interrupt)
    assert _FakePool.instances[-1].closed
    # each batch was stored when the next was ready; the last, in flight, was not
    assert store.count() == 10 + 8


def test_reprocess_on_supervised_workers_gives_each_a_chunk(tmp_path, store, monkeypatch):
    monkeypatch.setattr("telex.workers.AnalysisWorkers", _FakePool)
    monkeypatch.setattr("telex.knowledge.pipeline_fingerprint", lambda: "test-fingerprint")
    _FakePool.instances.clear()
    _pages(tmp_path / "in", 10)
    ingest([tmp_path / "in"], store, nlp=False)
    report = reprocess(store, everything=True, batch_size=2, processes=2)
    (pool,) = _FakePool.instances
    assert pool.processes == 2 and pool.batches == [4, 4, 2] and pool.closed
    assert len(report.added) == 10 and store.stale_article_ids("test-fingerprint") == []


def test_reprocess_reports_progress_and_replaces_analyses(tmp_path, store):
    from telex.records import Actor, Analysis

    _pages(tmp_path / "in", 3)
    ingest([tmp_path / "in"], store, nlp=False)
    progress = []

    def analyzer(articles):
        return [Analysis(actors=[Actor("BFA", "Burkina Faso", "country", "BFA")]) for _ in articles]

    report = reprocess(
        store, everything=True, batch_size=2, analyzer=analyzer, on_progress=lambda *done: progress.append(done)
    )
    assert progress == [(0, 3), (2, 3), (3, 3)] and len(report.added) == 3
    assert all(store.analysis(article_id).actors for article_id in store.article_ids())
