"""`ingest --out-parquet` then `telex import` gives the store a direct ingest gives."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from conftest import SEED
from telex.cli import app
from telex.export.dataset import column_types
from telex.export.tables import TABLES
from telex.store import Store

runner = CliRunner()
OTHER = (
    "Bamako, 12 mars 2021\n\nLe Premier ministre malien a reçu mercredi à Bamako l'ambassadeur de France. "
    "« Nous voulons renforcer notre coopération », a déclaré le Premier ministre."
)

UNDATED = "Le ministre malien des Affaires étrangères a reçu son homologue nigérien à Bamako pour parler de sécurité."


def _records(db) -> list[dict]:
    output = runner.invoke(app, ["export", "--db", str(db)]).output
    records = [json.loads(line) for line in output.splitlines()]
    for record in records:
        record.pop("ingested_at")
    return sorted(records, key=lambda record: record["id"])


@pytest.mark.slow
def test_a_dataset_written_by_workers_imports_into_the_store_a_direct_ingest_makes(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a-seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (pages / "b-other.txt").write_text(OTHER, encoding="utf-8")
    (pages / "c-seed-again.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (pages / "d-empty.txt").write_text("", encoding="utf-8")
    (pages / "e-undated.txt").write_text(UNDATED, encoding="utf-8")

    direct = runner.invoke(app, ["ingest", str(pages), "--db", str(tmp_path / "direct.db")])
    dataset = tmp_path / "dataset"
    written = runner.invoke(app, ["ingest", str(pages), "--out-parquet", str(dataset), "--batch-size", "2"])
    assert written.exit_code == direct.exit_code == 1  # the empty file is reported by both
    assert "empty document" in written.output and "written to the dataset" in written.output

    months = sorted(path.name for path in (dataset / "articles").iterdir())
    assert months == ["month=2021-03", "month=2023-09", "month=unknown"]
    for table in TABLES:
        for part in (dataset / table).glob("*/*.parquet"):
            schema = pq.read_schema(part)
            assert all(
                schema.field(name).type == kind for name, kind in column_types(table).items() if name in schema.names
            )

    imported = tmp_path / "imported.db"
    first = runner.invoke(app, ["import", str(dataset), "--db", str(imported)])
    assert first.exit_code == 0 and "imported 3 articles, 1 already present" in first.output, first.output
    assert _records(imported) == _records(tmp_path / "direct.db")
    again = runner.invoke(app, ["import", str(dataset), "--db", str(imported)])
    assert "imported 0 articles" in again.output and "4 units imported before" in again.output
    assert _records(imported) == _records(tmp_path / "direct.db")
    seed_record = next(r for r in _records(imported) if r["source"].endswith("a-seed.txt"))
    assert [s.rsplit("/", 1)[1] for s in seed_record["sources"]] == ["a-seed.txt", "c-seed-again.txt"]


@pytest.mark.slow
def test_a_re_run_of_a_dataset_job_skips_the_units_already_written(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "other.txt").write_text(OTHER, encoding="utf-8")
    dataset = tmp_path / "dataset"
    runner.invoke(app, ["ingest", str(pages), "--out-parquet", str(dataset)])
    again = runner.invoke(app, ["ingest", str(pages), "--out-parquet", str(dataset)])
    assert again.exit_code == 0 and "units done by an earlier run" in again.output


def test_export_parquet_types_columns_from_the_records_even_when_empty(tmp_path):
    out = tmp_path / "export"
    Store(tmp_path / "empty.db").close()  # export opens a store read-only: it never creates one
    result = runner.invoke(
        app, ["export", "--format", "parquet", "--out", str(out), "--db", str(tmp_path / "empty.db")]
    )
    assert result.exit_code == 0
    schema = pq.read_schema(out / "events.parquet")
    assert schema.field("source").type.value_type == pa.string()
    assert schema.field("goldstein").type == pa.float64()
