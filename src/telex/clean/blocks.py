"""The article's block structure: title, standfirst, section headings and paragraphs.

Rules that stop at a paragraph (a floating quote continues its paragraph's speaker; an event takes
its arguments from its own paragraph) need to know where paragraphs are, and a heading such as
"- Rebond en Chine -" must never be read as a sentence. Pages arrive as lines (trafilatura gives
one line per element) or as paragraphs separated by blank lines, sometimes hard-wrapped; this module
finds the blocks and rebuilds the text with one blank line between them, keeping the offset map.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from telex.clean.boilerplate import BoilerplateRules, load_boilerplate_rules
from telex.clean.offsets import OffsetMap
from telex.records import Block

SEPARATOR = "\n\n"
_LINE_END = re.compile(r"[.!?»\"”:;…)]\s*$")
WRAP_MIN_LENGTH = 50  # a line this long that ends mid-sentence was wrapped by the page, not ended


@dataclass(frozen=True, slots=True)
class BlockedText:
    text: str
    offsets: OffsetMap  # text → the input text of :func:`build_blocks`
    blocks: tuple[Block, ...]


def _spans(text: str) -> list[list[tuple[int, int]]]:
    """Groups of lines separated by blank lines: each line as (start, end) without its spaces."""
    groups: list[list[tuple[int, int]]] = [[]]
    position = 0
    for raw_line in text.split("\n"):
        stripped = raw_line.strip()
        if stripped:
            start = position + (len(raw_line) - len(raw_line.lstrip()))
            groups[-1].append((start, start + len(stripped)))
        elif groups[-1]:
            groups.append([])
        position += len(raw_line) + 1
    return [group for group in groups if group]


def _wrapped(text: str, lines: Sequence[tuple[int, int]]) -> bool:
    """True when a group's lines are one hard-wrapped paragraph: every line but the last is long
    and stops mid-sentence."""
    return len(lines) > 1 and all(
        end - start >= WRAP_MIN_LENGTH and not _LINE_END.search(text[start:end]) for start, end in lines[:-1]
    )


def build_blocks(
    text: str,
    *,
    title: str | None = None,
    standfirst: str | None = None,
    headings: frozenset[str] = frozenset(),
    rules: BoilerplateRules | None = None,
) -> BlockedText:
    """The text as blocks separated by blank lines, the title and standfirst first.

    ``title`` and ``standfirst`` come from the page's metadata; a standfirst that is already the
    text's first paragraph (many sites repeat it) marks that paragraph instead of being added.
    ``headings`` are lines the page marked up as headings; others are found by the data's patterns.
    """
    rules = rules or load_boilerplate_rules()
    pieces: list[tuple[int, int, str]] = []  # spans of ``text`` with their kind
    for group in _spans(text):
        if _wrapped(text, group):
            pieces.append((group[0][0], group[-1][1], "paragraph"))
            continue
        for start, end in group:
            line = text[start:end]
            kind = "heading" if line in headings or rules.is_heading(line) else "paragraph"
            pieces.append((start, end, kind))
    offsets = OffsetMap()
    parts: list[str] = []
    blocks: list[Block] = []

    length = 0  # of the text so far: summing the parts at each block would be quadratic

    def add(piece: str, kind: str, source: tuple[int, int] | None) -> None:
        nonlocal length
        if parts:
            parts.append(SEPARATOR)
            offsets.replace(source[0] if source else 0, 0, len(SEPARATOR))
            length += len(SEPARATOR)
        start = length
        parts.append(piece)
        length += len(piece)
        if source is None:
            offsets.replace(0, 0, len(piece))  # metadata: no place in the input text
        else:
            offsets.copy(source[0], len(piece))
        blocks.append(Block(start, start + len(piece), kind))

    title = " ".join(title.split()) if title else None
    standfirst = " ".join(standfirst.split()) if standfirst else None
    first_text = " ".join(text[pieces[0][0] : pieces[0][1]].split()) if pieces else ""
    if title and title != first_text:
        add(title, "title", None)
    elif title and pieces:
        pieces[0] = (pieces[0][0], pieces[0][1], "title")
    if standfirst and not _repeated(standfirst, text, pieces):
        add(standfirst, "standfirst", None)
    for index, (start, end, kind) in enumerate(pieces):
        if standfirst and kind == "paragraph" and index <= 1 and _same(standfirst, text[start:end]):
            kind = "standfirst"
        add(text[start:end], kind, (start, end))
    return BlockedText("".join(parts), offsets, tuple(blocks))


def _same(one: str, other: str) -> bool:
    return " ".join(one.split()) == " ".join(other.split())


def _repeated(standfirst: str, text: str, pieces: Sequence[tuple[int, int, str]]) -> bool:
    """Is the standfirst already one of the first paragraphs (or their beginning)?"""
    for start, end, _kind in pieces[:3]:
        paragraph = " ".join(text[start:end].split())
        if paragraph.startswith(standfirst[: max(40, len(standfirst) - 5)]) or standfirst.startswith(paragraph):
            return True
    return False
