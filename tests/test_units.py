"""Units of work: big WARC and JSONL files cut into record ranges read exactly as a whole-file read."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from telex.errors import NoArticleFound, SkippedLink
from telex.ingest import read_documents
from telex.ingest.jsonl import plan_jsonl
from telex.ingest.units import WorkUnit, plan_units, read_unit
from telex.ingest.warc import plan_warc
from test_ingest_warc import build_warc


def _described(items) -> list[tuple]:
    """What a reader yielded, comparable across reads: class, source, and text, url or detail."""
    return [
        (type(item).__name__, item.source, getattr(item, "html", None) or getattr(item, "text", None) or item.detail)
        for item in items
    ]


def _read_in_ranges(path: Path, cuts: list[tuple[int, int]]) -> list:
    items = []
    for number, (start, first) in enumerate(cuts):
        count = cuts[number + 1][1] - first if number + 1 < len(cuts) else None
        items.extend(read_documents(path, part=(start, first, count)))
    return items


@pytest.mark.parametrize("compress", [True, False])
def test_an_archive_read_in_ranges_gives_the_records_of_a_whole_read_with_their_numbers(tmp_path, compress):
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    path.write_bytes(build_warc(compress=compress))
    cuts = plan_warc(path, 2)
    assert [first for _start, first in cuts] == [1, 3, 5, 7, 9]
    whole = _described(read_documents(path))
    assert _described(_read_in_ranges(path, cuts)) == whole
    assert any(source.endswith("#record=9") for _kind, source, _value in whole)


def test_damage_in_the_last_range_is_reported_as_a_whole_read_reports_it(tmp_path):
    data = build_warc(compress=True)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - 40])  # the last record's gzip member is cut
    cuts = plan_warc(path, 3)
    whole = _described(read_documents(path))
    assert whole[-1][0] == "TruncatedArchive"
    assert _described(_read_in_ranges(path, cuts)) == whole


def test_a_jsonl_file_read_in_ranges_keeps_its_line_numbers_and_errors(tmp_path):
    lines = [
        json.dumps({"text": f"Dépêche {n} : le ministre a parlé à Dakar.", "url": f"https://ex.sn/{n}"})
        for n in range(7)
    ]
    lines[3] = "{broken"
    lines.insert(5, "")  # a blank line is not a document
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cuts = plan_jsonl(path, 3)
    assert [first for _start, first in cuts] == [1, 4, 7]
    whole = _described(read_documents(path))
    assert _described(_read_in_ranges(path, cuts)) == whole
    assert ("BrokenJsonLine", f"{path}:4") in [(kind, source) for kind, source, _ in whole]


def test_small_files_are_grouped_and_big_ones_cut_into_their_own_units_in_input_order(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(f"Texte {name} : le président a parlé.", encoding="utf-8")
    big = tmp_path / "b2.warc.gz"
    big.write_bytes(build_warc(compress=True))
    files = [tmp_path / "a.txt", big, tmp_path / "b.txt", tmp_path / "c.txt"]
    link = SkippedLink(tmp_path / "x", "x", "/etc/passwd")
    units = plan_units([*files, link], 2, split_bytes=1000)
    shapes = [
        u if isinstance(u, SkippedLink) else [(Path(p.path).name, p.first, p.count) for p in u.parts] for u in units
    ]
    assert shapes == [
        [("a.txt", 1, None)],
        [("b2.warc.gz", 1, 6)],
        [("b2.warc.gz", 7, None)],
        [("b.txt", 1, None), ("c.txt", 1, None)],
        link,
    ]
    assert [u.index for u in units if isinstance(u, WorkUnit)] == [0, 1, 2, 3]
    assert len({u.key for u in units if isinstance(u, WorkUnit)}) == 4
    assert plan_units(files, 2, split_bytes=1000)[1].key == units[1].key  # stable across runs
    documents = [item for unit in units[1:3] for _part, item in read_unit(unit, 10**6)]
    assert _described(documents) == _described(read_documents(big))


def test_reading_errors_survive_the_trip_from_a_worker_process():
    error = pickle.loads(pickle.dumps(NoArticleFound("page.html", "main text has only 12 characters")))
    assert (error.source, error.reason, error.detail) == (
        "page.html",
        "no article text found",
        "main text has only 12 characters",
    )
    skipped = pickle.loads(pickle.dumps(SkippedLink(Path("x"), "x", "/etc/passwd")))
    assert (skipped.reason, skipped.detail, skipped.path) == (
        "symbolic link out of the input folder, not followed",
        "points to /etc/passwd",
        Path("x"),
    )
