"""Pair quotation marks in running text.

Pairing must survive what real pages do: an odd number of marks, « used as a bullet, quotes
that run over several paragraphs (French typography reopens each paragraph with «), quotes
nested in quotes, straight " marks whose direction must be guessed from the spacing.
"""

from __future__ import annotations

from dataclasses import dataclass

# opening mark → closing mark, for marks whose direction is written in the character
PAIRED_MARKS = {"«": "»", "“": "”", "‹": "›", "„": "“"}
STRAIGHT_MARK = '"'


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """The words between a pair of marks; ``open``/``close`` index the marks themselves."""

    open: int
    close: int
    start: int  # first character inside, after leading spaces
    end: int  # end of the content, before trailing spaces
    mark: str
    depth: int  # 0 for a top-level quote, 1 for a quote inside it, ...

    @property
    def outer_start(self) -> int:
        return self.open

    @property
    def outer_end(self) -> int:
        return self.close + 1


def _paragraph_start(text: str, position: int) -> bool:
    """Is ``position`` the first non-space character of a paragraph (after a line break)?"""
    index = position - 1
    while index >= 0 and text[index] in " \t\u00a0\u202f":
        index -= 1
    return index < 0 or text[index] == "\n"


def _content_bounds(text: str, open_index: int, close_index: int) -> tuple[int, int]:
    start, end = open_index + 1, close_index
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1  # English puts the sentence's comma inside the marks: "…," he said
    return start, end


def _straight_opens(text: str, index: int) -> bool:
    """A straight mark opens after a space or an opening sign, or glued to the end of the sentence
    before it ('dans la région"."Nous avons besoin…', as scraped copy often has it)."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:'.!?;") and not after.isspace()


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Every properly closed quotation in ``text``, ordered by opening position.

    An opening mark still open at a paragraph break is kept open only when the next paragraph
    starts with « or » (the French multi-paragraph convention); otherwise it was not a quote
    and is dropped, so one stray mark never swallows the rest of the article.
    """
    spans: list[QuotedSpan] = []
    stack: list[tuple[str, int]] = []  # (opening mark, index)
    straight_open: int | None = None
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char == "\n":
            # skip the whole break, then decide the fate of marks still open
            next_index = index
            while next_index < length and text[next_index].isspace():
                next_index += 1
            continues = next_index < length and text[next_index] in "«»"
            if stack and not continues:
                stack.clear()
            if straight_open is not None:
                straight_open = None
            if continues and stack:
                index = next_index + 1  # the reopening mark is typography, not a new quote
                continue
            index = next_index
            continue
        if char in PAIRED_MARKS and not (char == "“" and stack and stack[-1][0] == "„"):
            stack.append((char, index))
        elif stack and char == PAIRED_MARKS[stack[-1][0]]:
            mark, open_index = stack.pop()
            start, end = _content_bounds(text, open_index, index)
            if end > start:
                spans.append(QuotedSpan(open_index, index, start, end, mark, len(stack)))
        elif char in PAIRED_MARKS.values():
            # a closing mark of another kind than the innermost open one: close down to its match
            for depth in range(len(stack) - 1, -1, -1):
                if PAIRED_MARKS[stack[depth][0]] == char:
                    mark, open_index = stack[depth]
                    del stack[depth:]
                    start, end = _content_bounds(text, open_index, index)
                    if end > start:
                        spans.append(QuotedSpan(open_index, index, start, end, mark, depth))
                    break
        elif char == STRAIGHT_MARK:
            if straight_open is None and _straight_opens(text, index):
                straight_open = index
            elif straight_open is not None:
                start, end = _content_bounds(text, straight_open, index)
                if end > start:
                    spans.append(QuotedSpan(straight_open, index, start, end, STRAIGHT_MARK, len(stack)))
                straight_open = None
        index += 1
    return sorted(spans, key=lambda span: (span.open, -span.close))
