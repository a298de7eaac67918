"""Feeds: every entry is a document with its metadata; a feed that cannot be parsed is one error."""

from __future__ import annotations

from pathlib import Path

from telex.errors import BinaryDocument, NoArticleFound
from telex.ingest import read_documents
from telex.records import Author, RawDocument

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_rss_declared_latin1_keeps_windows_1252_quotes_and_euro():
    path = FIXTURES / "feed-latin1.rss"
    first, second, third = read_documents(path)

    assert isinstance(first, RawDocument) and first.kind == "feed"
    assert first.source == f"{path}#entry=1"
    assert first.html == (
        "<p>Les députés ont adopté mercredi le budget de l’État. « C’est un budget de rigueur », "
        "a déclaré le ministre, qui prévoit 12 € d’économies par habitant.</p>"
    )
    assert first.text is None
    assert first.title == "Bamako : l’Assemblée adopte le budget"
    assert first.url == "https://journal.example.ml/budget"
    assert first.site == "Le Journal de Bamako"
    assert first.published == "2023-09-13T08:30:00+00:00"  # 10:30 +02:00 in UTC
    assert first.authors == (Author("Awa Traoré"),)

    # A summary without markup is plain text; an RSS "email (name)" author keeps the name.
    assert second.text == "La récolte de coton a progressé de 8 % selon la chambre d’agriculture."
    assert second.html is None
    assert second.authors == (Author("Moussa Keïta"),)
    assert second.published == "2023-09-12T08:00:00+00:00"

    assert isinstance(third, NoArticleFound)
    assert third.source == f"{path}#entry=3"
    assert third.detail == "entry has neither content nor summary"


def test_atom_entries_carry_content_authors_and_utc_dates():
    path = FIXTURES / "feed.atom"
    first, second = read_documents(path)

    assert first.text.startswith("Le port d’Abidjan a traité un volume record")  # type="text" content
    assert first.html is None
    assert first.authors == (Author("Aya Koné"), Author("Yao N’Guessan"))
    assert first.published == "2023-09-13T00:00:00+00:00"  # published wins over updated
    assert first.site == "L’Écho d’Abidjan"  # markup in an html-typed feed title is dropped

    assert second.html == "<p>Le sommet s’est ouvert lundi en présence de <b>douze</b> chefs d’État.</p>"
    assert second.published == "2023-09-11T09:15:00+00:00"  # only <updated> is given
    assert second.authors == ()


def test_rdf_feed_without_extension_is_read_as_a_feed(tmp_path):
    rdf = """<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://ex.example.sn/"><title>Dakar Matin</title><link>https://ex.example.sn/</link>
<description>x</description></channel>
<item rdf:about="https://ex.example.sn/1"><title>Thiès : inauguration</title>
<link>https://ex.example.sn/1</link><description>Le maire a inauguré la gare de Thiès.</description></item>
</rdf:RDF>
"""
    (document,) = read_documents(write(tmp_path, "dakar-matin", rdf.encode()))
    assert (document.kind, document.site, document.title) == ("feed", "Dakar Matin", "Thiès : inauguration")
    assert document.text == "Le maire a inauguré la gare de Thiès."


def test_broken_feed_without_entries_is_one_error_with_the_parser_message(tmp_path):
    path = write(tmp_path, "broken.rss", b'<?xml version="1.0"?><rss><channel><title>Coup')
    (error,) = read_documents(path)
    assert isinstance(error, NoArticleFound)
    assert error.source == str(path)
    assert error.detail == "not a readable feed: line 1, column 63: no element found"


def test_valid_feed_without_entries_says_so(tmp_path):
    feed = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Vide</title></channel></rss>'
    (error,) = read_documents(write(tmp_path, "empty.rss", feed))
    assert isinstance(error, NoArticleFound) and error.detail == "feed has no entries"


def test_binary_file_named_rss_is_a_binary_document(tmp_path):
    (error,) = read_documents(write(tmp_path, "image.rss", b"GIF89a" + bytes(range(256))))
    assert isinstance(error, BinaryDocument)


def test_external_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("MOT DE PASSE", encoding="utf-8")
    feed = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}"><!ENTITY net SYSTEM "http://127.0.0.1:9/x">]>
<rss version="2.0"><channel><title>T</title><item><title>Titre &xxe;&net;</title>
<description>La dépêche &xxe; se termine ici.</description></item></channel></rss>"""
    (document,) = read_documents(write(tmp_path, "xxe.rss", feed.encode()))
    assert "MOT DE PASSE" not in document.text + document.title
    assert document.text == "La dépêche &xxe se termine ici."


def test_billion_laughs_is_not_expanded(tmp_path):
    levels = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    feed = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY l0 "ha">{levels}]>
<rss version="2.0"><channel><title>T</title><item><title>Rire</title>
<description>&l9;</description></item></channel></rss>"""
    items = list(read_documents(write(tmp_path, "lol.rss", feed.encode())))
    assert len(items) == 1
    assert len(items[0].text or items[0].detail) < 1000  # 10^9 "ha" would be 2 GB


def test_feed_dates_feedparser_misreads_are_passed_on_as_written(tmp_path):
    feed = """<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>
<entry><title>a</title><updated>10000-01-01T00:00:00Z</updated><summary>Dix mille.</summary></entry>
<entry><title>b</title><updated>2023-09-13T10:30:00+02:00</updated><summary>Normal.</summary></entry>
</feed>"""
    first, second = read_documents(write(tmp_path, "f.atom", feed.encode()))
    assert first.published == "10000-01-01T00:00:00Z"  # feedparser says 2010-12-01: cleaning refuses it
    assert second.published == "2023-09-13T08:30:00+00:00"
