"""The article's blocks as the components see them: which paragraph (or heading) a character is in.

``doc._.telex_blocks`` is set by telex's analysis from the cleaned article (title, standfirst,
headings, paragraphs). A Doc made elsewhere (``nlp("...")`` in a user's own pipeline) has none;
its blocks are then its non-empty lines, which is how scraped text and trafilatura lay paragraphs out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.attrs import SENT_START
from spacy.tokens import Doc

from telex.nlp.doccache import doc_text

_KEY = "telex_block_index"
_LINES = re.compile(r"[^\n]+")
HEADING, TITLE, STANDFIRST, PARAGRAPH = "heading", "title", "standfirst", "paragraph"
NEVER_STARTS = frozenset({",", ";"})


@dataclass(frozen=True, slots=True)
class DocBlock:
    index: int
    start: int
    end: int
    kind: str


def blocks_of(doc: Doc) -> tuple[DocBlock, ...]:
    """The doc's blocks in order, built once per doc."""
    cached = doc.user_data.get(_KEY)
    if cached is None:
        given = doc._.telex_blocks
        if given is None:
            text = doc_text(doc)
            given = [(m.start(), m.end(), PARAGRAPH) for m in _LINES.finditer(text) if m.group().strip()]
        blocks = tuple(DocBlock(index, start, end, kind) for index, (start, end, kind) in enumerate(given))
        cached = (blocks, [block.start for block in blocks])
        doc.user_data[_KEY] = cached
    return cached[0]


def block_at(doc: Doc, char: int) -> DocBlock | None:
    """The block holding the character at ``char`` (None between blocks or in an empty doc)."""
    blocks = blocks_of(doc)
    starts = doc.user_data[_KEY][1]
    position = bisect_right(starts, char) - 1
    if position < 0:
        return None
    block = blocks[position]
    return block if char < block.end else None


def block_index(doc: Doc, char: int) -> int:
    """The number of the block at or before ``char``: equal numbers, same paragraph."""
    blocks_of(doc)
    return max(bisect_right(doc.user_data[_KEY][1], char) - 1, 0)


def in_heading(doc: Doc, char: int) -> bool:
    block = block_at(doc, char)
    return block is not None and block.kind == HEADING


def set_sentence_starts(doc: Doc) -> None:
    """Sentences never cross a block, and a heading is one sentence: preset for the parser, which
    respects them (call on a Doc fresh from the tokenizer).

    Written as one array: spaCy's ``Token.is_sent_start`` setter scans the whole doc each time
    (to check it has no parse), which made presetting a long text's thousands of blocks quadratic.
    """
    blocks = blocks_of(doc)
    if not blocks or not len(doc):
        return
    starts = {block.start for block in blocks}
    headings = [block for block in blocks if block.kind == HEADING]  # in text order, never overlapping
    heading_starts = [heading.start for heading in headings]
    values = doc.to_array([SENT_START]).astype("int64")
    for token in doc:
        if token.idx in starts:
            values[token.i] = 1
        elif token.text in NEVER_STARTS or token.text[:1].islower():
            values[token.i] = -1  # "Allemagne, France, Italie et Pays-Bas ont signé": no sentence opens so
        elif headings:  # inside a heading? by bisection: a long text has thousands of them
            position = bisect_right(heading_starts, token.idx) - 1
            if position >= 0 and headings[position].start < token.idx < headings[position].end:
                values[token.i] = -1
    doc.from_array([SENT_START], values.astype("uint64"))  # -1 wraps and is read back as -1 (False)
