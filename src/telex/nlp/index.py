"""Positional indexes over a doc's mentions, quotations and speeches: answers in O(log n).

The components keep asking positional questions of long lists: "is this character inside a
quotation", "which mentions lie in this sentence", "the latest person named before here, outside
quotations", "which speech cue starts in these tokens". Answered by scanning the whole list at
every token or every mention, each question makes an article's analysis quadratic in its length
(a 1,000,000-character text spent minutes in such scans). These indexes answer by bisection over
lists sorted once, and return exactly what the scans returned, in the same order.

- :class:`Intervals`: items with a ``(start, end)`` span; ``covers(x)`` and ``first_containing(x)``
  replace ``any(s <= x < e for s, e in spans)`` and ``next(i for i in items if s <= x < e)``.
- :class:`ByPosition`: items keyed by one position; ``between(lo, hi)`` and ``before(x)``.
- :class:`MentionIndex` (:func:`mentions_of`): a doc's actor mentions, built once per list of
  mentions, with ``starting_in``, ``inside``, ``ending_by`` and ``latest`` (what
  :func:`telex.nlp.salience.salient_actor` asks).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from itertools import accumulate
from typing import Any, Generic, TypeVar

from spacy.tokens import Doc

T = TypeVar("T")
Span = tuple[int, int]

# the token dependencies that make a mention the subject of its clause (see salience.py)
SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "expl:subj", "csubj"})


def _identity_span(item: Any) -> Span:
    return item[0], item[1]


class Intervals(Generic[T]):
    """Items with a half-open character (or token) span, sorted by start once.

    ``items`` may be ``(start, end)`` pairs, or anything ``span`` maps to one. Iterating gives
    the items in start order (stable: equal starts keep their order), so an ``Intervals`` can
    stand where a list of spans sorted by start was passed around.
    """

    __slots__ = ("_ends", "_ends_so_far", "_items", "_sorted_ends", "_starts")

    def __init__(self, items: Iterable[T] = (), span: Callable[[T], Span] = _identity_span) -> None:
        keyed = sorted(((span(item), item) for item in items), key=lambda pair: pair[0][0])
        self._items: list[T] = [item for _span, item in keyed]
        self._starts: list[int] = [start for (start, _end), _item in keyed]
        self._ends: list[int] = [end for (_start, end), _item in keyed]
        # the largest end among the first i+1 items: the first item whose span reaches past x
        # is found by bisection, since that running maximum never decreases
        self._ends_so_far: list[int] = list(accumulate(self._ends, max))
        self._sorted_ends: list[int] | None = None  # built on first use by latest_end_by

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, position: int) -> T:
        return self._items[position]

    def __bool__(self) -> bool:
        return bool(self._items)

    def first_containing(self, x: int) -> T | None:
        """The first item (in start order) whose span holds ``x`` (start <= x < end), or None."""
        position = bisect_right(self._ends_so_far, x)
        if position < len(self._items) and self._starts[position] <= x:
            return self._items[position]
        return None

    def covers(self, x: int) -> bool:
        """Whether any span holds ``x``: ``any(start <= x < end for start, end in spans)``."""
        return self.first_containing(x) is not None

    def containing(self, x: int) -> list[T]:
        """Every item whose span holds ``x``, in start order: ``[i for i in items if s <= x < e]``.
        Walks back from ``x`` only as far as some earlier item still reaches ``x``."""
        found = []
        for position in range(bisect_right(self._starts, x) - 1, -1, -1):
            if self._ends_so_far[position] <= x:
                break  # no item up to here reaches x
            if self._ends[position] > x:
                found.append(self._items[position])
        found.reverse()
        return found

    def latest_end_by(self, x: int) -> int | None:
        """The largest end among the spans that end at or before ``x`` (None if none does): where
        the text after the last span closed before ``x`` begins."""
        if self._sorted_ends is None:
            self._sorted_ends = sorted(self._ends)
        position = bisect_right(self._sorted_ends, x)
        return self._sorted_ends[position - 1] if position else None

    def starting_in(self, low: int, high: int) -> list[T]:
        """Items whose start is in ``[low, high)``, in start order."""
        return self._items[bisect_left(self._starts, low) : bisect_left(self._starts, high)]

    def containing_start(self, x: int) -> Span | None:
        """The union of the spans holding ``x`` reaches back to this start: the smallest start of
        an item holding ``x``, with the largest end among the items up to it (None if no item
        holds ``x``). Lets a backwards walk jump over a whole quotation at once."""
        position = bisect_right(self._ends_so_far, x)
        if position < len(self._items) and self._starts[position] <= x:
            return self._starts[position], self._ends_so_far[position]
        return None


class ByPosition(Generic[T]):
    """Items keyed by one position (a character or token offset), sorted once by it."""

    __slots__ = ("_items", "_keys")

    def __init__(self, items: Iterable[T], key: Callable[[T], int]) -> None:
        keyed = sorted(((key(item), item) for item in items), key=lambda pair: pair[0])
        self._keys = [position for position, _item in keyed]
        self._items = [item for _position, item in keyed]

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def between(self, low: int, high: int) -> list[T]:
        """Items whose position is in ``[low, high)``, in position order (ties in input order)."""
        return self._items[bisect_left(self._keys, low) : bisect_left(self._keys, high)]

    def before(self, x: int) -> Iterator[T]:
        """Items whose position is below ``x``, nearest first."""
        for position in range(bisect_left(self._keys, x) - 1, -1, -1):
            yield self._items[position]

    def at_or_after(self, x: int) -> Iterator[T]:
        """Items whose position is ``x`` or more, nearest first."""
        for position in range(bisect_left(self._keys, x), len(self._items)):
            yield self._items[position]


def span_set(spans: Sequence[Span] | Intervals) -> Intervals:
    """``spans`` as :class:`Intervals`; a list already converted is not converted again (the last
    few conversions are kept, so callers passing the same lists for every token, in turn, pay
    once for each). A list is recognised by identity and length: a list changed in place without
    a change of length would not be seen, which no caller does."""
    if isinstance(spans, Intervals):
        return spans
    if len(spans) <= _SPAN_SETS_SMALL:  # as cheap as the scan it replaces; kept out of the cache
        return Intervals(spans)
    cached = _SPAN_SETS.get(id(spans))
    if cached is not None and cached[0] is spans and cached[1] == len(spans):
        return cached[2]
    converted: Intervals = Intervals(spans)
    if len(_SPAN_SETS) >= _SPAN_SETS_KEPT:
        del _SPAN_SETS[next(iter(_SPAN_SETS))]  # the oldest
    _SPAN_SETS[id(spans)] = (spans, len(spans), converted)  # holding the list keeps its id its own
    return converted


_SPAN_SETS: dict[int, tuple[Sequence[Span], int, Intervals]] = {}
_SPAN_SETS_KEPT = 8  # a doc's quotation lists: the quotes component's, the events component's
_SPAN_SETS_SMALL = 16  # lists this short (often made for one call) are converted, not cached


class MentionIndex:
    """A doc's actor mentions (``doc._.telex_mentions``) for positional questions.

    Built by :func:`mentions_of`, once per list of mentions and directory of actors. The
    mentions keep the doc's order, which is text order (by start) as the components write them.
    """

    def __init__(self, doc: Doc) -> None:
        self.mentions: list[Any] = list(doc._.telex_mentions or ())
        self.starts = [mention.start for mention in self.mentions]
        self.ordered = all(a <= b for a, b in zip(self.starts, self.starts[1:], strict=False))
        actors = doc._.telex_actors or {}
        self._positions_by_type: dict[str | None, list[int]] = {}
        self._subject_positions_by_type: dict[str | None, list[int]] = {}
        for position, mention in enumerate(self.mentions):
            actor = actors.get(mention.actor)
            kind = actor.type if actor is not None else None
            self._positions_by_type.setdefault(kind, []).append(position)
            if _is_subject(doc, mention):
                self._subject_positions_by_type.setdefault(kind, []).append(position)
        self._starts_by_positions: dict[int, list[int]] = {}

    def starting_in(self, low: int, high: int) -> list[Any]:
        """Mentions starting in ``[low, high)`` (characters), in the doc's order."""
        if not self.ordered:
            return [m for m in self.mentions if low <= m.start < high]
        return self.mentions[bisect_left(self.starts, low) : bisect_left(self.starts, high)]

    def inside(self, start: int, end: int) -> list[Any]:
        """Mentions lying wholly in ``[start, end)``: ``start <= m.start and m.end <= end``."""
        return [m for m in self.starting_in(start, end + 1) if m.end <= end]

    def ending_by(self, char: int) -> Iterator[Any]:
        """Mentions that end at or before ``char``, latest first (``reversed`` doc order):
        ``m for m in reversed(mentions) if m.end <= char``, without visiting the later ones."""
        if not self.ordered:
            yield from (m for m in reversed(self.mentions) if m.end <= char)
            return
        for position in range(bisect_right(self.starts, char) - 1, -1, -1):
            mention = self.mentions[position]
            if mention.end <= char:
                yield mention

    def latest(
        self, before: int, types: Collection[str], excluded: Intervals | None = None, subject: bool = False
    ) -> Any | None:
        """The last mention (in doc order) of an actor of one of ``types`` that ends at or before
        ``before`` and does not start inside ``excluded``; with ``subject``, among the mentions
        whose words (or their heads) are the subject of a clause only."""
        table = self._subject_positions_by_type if subject else self._positions_by_type
        if not self.ordered:
            wanted = set().union(*(table.get(kind, ()) for kind in types))
            for position in range(len(self.mentions) - 1, -1, -1):
                mention = self.mentions[position]
                if position in wanted and mention.end <= before and not (excluded and excluded.covers(mention.start)):
                    return mention
            return None
        best = -1
        for kind in dict.fromkeys(types):
            positions = table.get(kind)
            if positions:
                best = max(best, self._last_position(positions, before, excluded))
        return self.mentions[best] if best >= 0 else None

    def _last_position(self, positions: list[int], before: int, excluded: Intervals | None) -> int:
        """The last of ``positions`` whose mention ends by ``before`` outside ``excluded`` (-1 if none).

        Walks back from the last mention starting by ``before``: a mention still open at
        ``before`` is stepped over (few can be), a quotation is jumped over whole."""
        starts = self._starts_by_positions.get(id(positions))
        if starts is None:
            starts = [self.starts[position] for position in positions]
            self._starts_by_positions[id(positions)] = starts
        index = bisect_right(starts, before) - 1
        while index >= 0:
            mention = self.mentions[positions[index]]
            inside = excluded.containing_start(mention.start) if excluded else None
            if inside is not None:
                index = min(index - 1, bisect_left(starts, inside[0]) - 1)  # before the quotation
            elif mention.end <= before:
                return positions[index]
            else:
                index -= 1
        return -1


def _is_subject(doc: Doc, mention: Any) -> bool:
    """Whether a word of the mention, or its head, is the subject of a clause."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and any(t.dep_ in SUBJECT_DEPS or t.head.dep_ in SUBJECT_DEPS for t in span)


_KEY = "telex_mentions_index"


def mentions_of(doc: Doc) -> MentionIndex:
    """The :class:`MentionIndex` of the doc's current mentions, built once: rebuilt only when a
    component replaces ``doc._.telex_mentions`` or ``doc._.telex_actors``."""
    mentions = doc._.telex_mentions
    actors = doc._.telex_actors
    cached = doc.user_data.get(_KEY)
    size = (len(mentions or ()), len(actors or ()))
    if cached is None or cached[0] is not mentions or cached[1] is not actors or cached[2] != size:
        cached = (mentions, actors, size, MentionIndex(doc))
        doc.user_data[_KEY] = cached
    return cached[3]
