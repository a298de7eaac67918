"""The ingest job over folders of mixed inputs: counts, failures, re-runs, versions."""

from __future__ import annotations

import io
import json

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from telex.pipeline import ingest

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
    report = ingest([tmp_path / "in"], store)
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
    by_kind = {r["kind"]: r for r in store.records()}
    assert set(by_kind) == {"text", "html", "jsonl", "warc"}
    assert by_kind["warc"]["url"] == "https://ex.org/w"
    assert by_kind["html"]["published"].startswith("2024-03-06")
    assert by_kind["jsonl"]["published"] == "2024-03-01"
    texts = [r["text"] for r in store.records()]
    assert any("Réaction attendue à Abidjan" in t for t in texts)  # windows-1252 decoded
    scraped = next(r for r in store.records() if r["source"].endswith("scraped.txt"))
    assert scraped["site"] == "Lefaso.net" and "Partager" not in scraped["text"]


def test_second_run_stores_nothing_new(tmp_path, store):
    _corpus(tmp_path / "in")
    ingest([tmp_path / "in"], store)
    again = ingest([tmp_path / "in"], store)
    assert again.added == [] and len(again.present) == 5
    assert store.count() == 5


def test_changed_page_at_same_url_becomes_version_two(tmp_path, store):
    first = tmp_path / "v1.jsonl"
    first.write_text(json.dumps({"url": "https://ex.org/a", "text": PARAGRAPH}), encoding="utf-8")
    second = tmp_path / "v2.jsonl"
    second.write_text(json.dumps({"url": "https://ex.org/a", "text": PARAGRAPH + " Mise à jour."}), encoding="utf-8")
    ingest([first], store)
    report = ingest([second], store)
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
