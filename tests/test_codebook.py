"""The CAMEO code table: values from the reference files, and validation of edited tables."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from telex.errors import KnowledgeError
from telex.events.codebook import PLOVER_CATEGORIES, load_codebook

HEADER = "code\troot\tlabel\tquad_class\tgoldstein\tgoldstein_from\tplover\tplover_mode\tplover_context\tplover_from\n"


def write_table(tmp_path, rows: str):
    path = tmp_path / "cameo.tsv"
    path.write_text("# test table\n" + HEADER + rows, encoding="utf-8")
    return path


def test_043_is_host_a_visit_with_plover_consult():
    code = load_codebook().get("043")
    assert code.label == "Host a visit"
    assert code.plover == "CONSULT"
    assert code.plover_mode == "visit"
    assert code.quad_class == 1
    assert code.goldstein == 2.8


def test_goldstein_of_190_is_minus_10():
    assert load_codebook().get("190").goldstein == -10.0


def test_goldstein_values_follow_gdelt_table():
    book = load_codebook()
    assert book.get("0874").goldstein == 10.0
    assert book.get("057").goldstein == 8.0
    assert book.get("016").goldstein == -2.0
    assert book.get("163").goldstein == -8.0


def test_codes_missing_from_goldstein_table_inherit_from_parent():
    book = load_codebook()
    assert book.get("1951").goldstein == book.get("195").goldstein == -10.0
    assert book.get("1951").goldstein_from == "parent"
    assert book.get("1213").goldstein_from == "parent"
    assert book.get("195").goldstein_from == "own"


def test_every_cameo_codefile_code_is_in_the_table_with_leading_zeros():
    book = load_codebook()
    assert len(book) == 315
    assert book.is_valid("010") and book.is_valid("10")
    assert book.get("010").label == "Make statement"
    assert book.get("10").label == "DEMAND"
    assert not book.is_valid("0811i")
    assert not book.is_valid("43")


def test_quad_class_follows_gdelt_convention():
    book = load_codebook()
    assert [book.get(code).quad_class for code in ("051", "073", "112", "195")] == [1, 2, 3, 4]
    assert book.get("09").quad_class == 2
    assert book.get("14").quad_class == 3
    assert book.get("15").quad_class == 4


def test_root_of_four_digit_code():
    book = load_codebook()
    assert book.root_of("0311") == "03"
    assert book.get("0311").parent == "031"
    assert book.get("031").parent == "03"


def test_plover_categories_come_from_cameo2plover_special_lines():
    book = load_codebook()
    assert book.get("163").plover == "COERCE"  # listed under the 16 header but COERCE
    assert book.get("0841").plover == "RETREAT"  # second "08: RETREAT" group
    assert book.get("081").plover == "CONCEDE"
    assert book.get("1712").plover == "ASSAULT"
    assert book.get("1121").plover_contexts == ("crime", "corruption")
    assert book.get("1952").plover == "ASSAULT" and book.get("1952").plover_from == "parent"


def test_plover_drops_statements_and_appeals_except_deny_and_acknowledge():
    book = load_codebook()
    assert book.get("010").plover is None
    assert book.get("020").plover is None
    assert book.get("016").plover == "REJECT" and book.get("016").plover_from == "telex"
    assert book.get("015").plover == "AGREE"


def test_every_plover_category_is_one_of_the_sixteen():
    categories = {code.plover for code in load_codebook() if code.plover}
    assert categories <= PLOVER_CATEGORIES
    assert len(PLOVER_CATEGORIES) == 16


def test_unknown_code_raises_key_error_naming_it():
    with pytest.raises(KeyError, match="999"):
        load_codebook().get("999")


def test_goldstein_out_of_range_is_rejected_with_code_and_field(tmp_path):
    path = write_table(
        tmp_path, "04\t04\tCONSULT\t1\t1.0\town\tCONSULT\t\t\town\n040\t04\tConsult\t1\t12.0\town\tCONSULT\t\t\town\n"
    )
    with pytest.raises(KnowledgeError, match=r"code 040, field 'goldstein'"):
        load_codebook(path)


def test_code_without_parent_is_rejected(tmp_path):
    path = write_table(tmp_path, "0411\t04\tOrphan\t1\t1.0\town\tCONSULT\t\t\town\n")
    with pytest.raises(KnowledgeError, match=r"0411.*parent 041"):
        load_codebook(path)


def test_unknown_plover_category_is_rejected(tmp_path):
    path = write_table(tmp_path, "04\t04\tCONSULT\t1\t1.0\town\tCONSULTING\t\t\town\n")
    with pytest.raises(KnowledgeError, match=r"field 'plover'"):
        load_codebook(path)


def test_duplicate_code_is_rejected(tmp_path):
    row = "04\t04\tCONSULT\t1\t1.0\town\tCONSULT\t\t\town\n"
    with pytest.raises(KnowledgeError, match=r"listed twice"):
        load_codebook(write_table(tmp_path, row + row))


def test_build_script_reproduces_the_packaged_table(tmp_path, monkeypatch):
    from conftest import ROOT, requires_shared

    requires_shared("data/cameo/CAMEO_codefile.txt")
    spec = importlib.util.spec_from_file_location("build_codebook", ROOT / "scripts" / "build_codebook.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "build_codebook", module)
    spec.loader.exec_module(module)
    out = tmp_path / "cameo.tsv"
    assert module.main(["--out", str(out)]) == 0
    packaged = ROOT / "src" / "telex" / "data" / "codes" / "cameo.tsv"
    assert out.read_text(encoding="utf-8") == packaged.read_text(encoding="utf-8")
