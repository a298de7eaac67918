"""Texts of any length and content through the spaCy pipeline, with every character kept.

Two things in a long or hostile text make spaCy fail or crawl; both are handled here without
changing a character, so every offset the components produce still points into the text:

- **Runs of symbols.** The tokenizer strips prefixes and suffixes one at a time, copying the rest
  of the word each time: a 100 KB run of ``[`` or ``«`` took over ten minutes. Such runs (and
  any word over :data:`LONGEST_WORD` characters) are cut into short pieces before the tokenizer
  sees them, each piece tokenised alone, and the pieces joined back: linear in the run's length.
- **Length.** The model's components hold memory in proportion to the doc, and spaCy refuses a
  text over ``nlp.max_length`` (1,000,000 characters, error E088). A doc over
  :data:`BLOCK_CHARS` runs through the model in blocks cut at paragraph boundaries (at sentence
  ends inside a paragraph too long for one block), and the blocks are joined back into one Doc,
  on which telex's own components then run across the whole text: a pronoun still finds the
  person named three blocks earlier. Nothing is ever truncated.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc

BLOCK_CHARS = 100_000  # about 30 news articles: what one batch of ``nlp.pipe`` holds anyway
BLOCK_TOKENS = 25_000  # and never more tokens than that (the model's memory goes by tokens)
LONGEST_WORD = 1_000  # characters without a space: no word or URL is longer
SYMBOL_RUN = 32  # non-word, non-space characters in a row before the run is cut into pieces

_SYMBOL_RUN = re.compile(rf"[^\w\s]{{{SYMBOL_RUN + 1},}}")
_LONG_WORD = re.compile(rf"\S{{{LONGEST_WORD + 1},}}")


def _pieces(start: int, end: int, size: int) -> Iterator[tuple[int, int]]:
    for piece in range(start, end, size):
        yield piece, min(piece + size, end)


def _cut_points(text: str) -> list[tuple[int, int, bool]]:
    """The stretches to tokenise alone, in order and covering ``text``, as ``(start, end, whole)``:
    runs of symbols in pieces of :data:`SYMBOL_RUN` characters, each ``whole`` (one token: a
    hundred thousand ``[`` are junk, not a hundred thousand words for the parser), what remains of
    a longer word in pieces of :data:`LONGEST_WORD`, and the ordinary text between them. Empty
    when nothing needs cutting."""
    symbol_runs = [(m.start(), m.end()) for m in _SYMBOL_RUN.finditer(text)]
    long_words = [(m.start(), m.end()) for m in _LONG_WORD.finditer(text)]
    if not symbol_runs and not long_words:
        return []
    cuts = [(*piece, True) for start, end in symbol_runs for piece in _pieces(start, end, SYMBOL_RUN)]
    run_starts = [start for start, _end in symbol_runs]
    for start, end in long_words:  # a run of symbols lies inside a word: cut the rest of the word
        position = start
        for run_start, run_end in symbol_runs[bisect_left(run_starts, start) :]:
            if run_start >= end:
                break
            cuts.extend((*piece, False) for piece in _pieces(position, run_start, LONGEST_WORD))
            position = run_end
        cuts.extend((*piece, False) for piece in _pieces(position, end, LONGEST_WORD))
    cuts.sort()
    segments: list[tuple[int, int, bool]] = []
    position = 0
    for start, end, whole in cuts:
        if start > position:
            segments.append((position, start, False))
        segments.append((start, end, whole))
        position = end
    if position < len(text):
        segments.append((position, len(text), False))
    return segments


def tokenize(nlp: Language, text: str) -> Doc:
    """``nlp``'s tokenizer on ``text``, of any length, in time linear in it.

    Whole when the text holds no pathological run; else the pieces :func:`_cut_points` gives are
    tokenised one by one and joined with exactly the text's characters. A space right after a
    piece goes with it, as the whole text's tokenizer would attach it to the token before (the
    tokenizer alone has no length limit; the model's components are run by :func:`run_model`).
    """
    segments = _cut_points(text)
    if not segments:
        return nlp.tokenizer(text)
    docs = []
    taken = 0  # text before this position is in ``docs``
    for number, (start, end, whole) in enumerate(segments):
        start = max(start, taken)
        space = number + 1 < len(segments) and end < len(text) and text[end] == " "
        if whole:
            docs.append(Doc(nlp.vocab, words=[text[start:end]], spaces=[space]))
        elif end + space > start:
            docs.append(nlp.tokenizer(text[start : end + space]))
        taken = end + space
    return Doc.from_docs(docs, ensure_whitespace=False)


def needs_blocks(doc: Doc, block_chars: int = BLOCK_CHARS) -> bool:
    """Whether the model should see ``doc`` in blocks: over ``block_chars`` characters or
    :data:`BLOCK_TOKENS` tokens."""
    return len(doc) > BLOCK_TOKENS or (len(doc) > 0 and doc[-1].idx + len(doc[-1].text_with_ws) > block_chars)


def block_bounds(doc: Doc, block_chars: int = BLOCK_CHARS, block_tokens: int = BLOCK_TOKENS) -> list[tuple[int, int]]:
    """Token ranges of at most ``block_chars`` characters and ``block_tokens`` tokens each (or one
    token, if longer), covering the doc in order, cut before a sentence start (a paragraph is one
    or more sentences), else after a space, else anywhere."""
    bounds: list[tuple[int, int]] = []
    start = 0
    count = len(doc)
    while start < count:
        limit_char = doc[start].idx + block_chars
        last = min(count, start + block_tokens)
        if last == count and doc[count - 1].idx + len(doc[count - 1].text_with_ws) <= limit_char:
            bounds.append((start, count))
            break
        end = min(_last_token_before(doc, start, limit_char), last)
        cut = _cut(doc, start, end)
        bounds.append((start, cut))
        start = cut
    return bounds


def _last_token_before(doc: Doc, start: int, limit_char: int) -> int:
    """The largest token index ``end`` > ``start`` such that tokens ``start..end-1`` end by ``limit_char``."""
    low, high = start + 1, len(doc)
    while low < high:  # bisection over token starts
        middle = (low + high + 1) // 2
        if doc[middle - 1].idx + len(doc[middle - 1].text_with_ws) <= limit_char:
            low = middle
        else:
            high = middle - 1
    return max(low, start + 1)


def _cut(doc: Doc, start: int, end: int) -> int:
    """Where to end the block starting at ``start``, at or before token ``end``."""
    lowest = start + max(1, (end - start) // 2)  # never make a block smaller than half the limit
    for index in range(end, lowest - 1, -1):
        if index < len(doc) and doc[index].is_sent_start:
            return index
    for index in range(end, lowest - 1, -1):
        if doc[index - 1].whitespace_ or doc[index - 1].is_space:
            return index
    return end


def run_model(nlp: Language, doc: Doc, components: Sequence[str], block_chars: int = BLOCK_CHARS) -> Doc:
    """Run ``components`` (the model's own: tok2vec, parser, ner...) on ``doc`` block by block and
    join the blocks back; the result has the doc's exact text and preset sentence starts, and no
    user data or extension values (the caller sets them again)."""
    steps = [(name, process) for name, process in nlp.pipeline if name in components]
    attrs = Doc._get_array_attrs()
    array = doc.to_array(attrs)
    blocks = []
    for start, end in block_bounds(doc, block_chars):  # each block alone: the model's memory stays flat
        block = doc[start:end].as_doc(array_head=attrs, array=array)
        for _name, process in steps:
            block = process(block)
        blocks.append(block)
    joined = Doc.from_docs(blocks, ensure_whitespace=False, exclude=["user_data"])
    return joined
