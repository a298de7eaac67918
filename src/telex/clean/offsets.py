"""Offset maps: where each character of a derived text came from.

Cleaning and normalisation rewrite text (drop boilerplate lines, turn ``’`` into ``'``, expand
``ﬁ`` into ``fi``). Every fact telex extracts must still point at the characters users see, so
each rewrite records its edits in an :class:`OffsetMap` that translates spans back.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass(slots=True)
class OffsetMap:
    """Maps spans of a target text back to spans of the source text it was built from.

    The target is a sequence of segments. A *copied* segment is source text taken verbatim,
    mapped character by character; a *replaced* segment stands for a source stretch of any
    length (possibly empty, for inserted separators) and maps as a whole.
    """

    _target_starts: list[int] = field(default_factory=list)
    _segments: list[tuple[int, int, int, int, bool]] = field(default_factory=list)
    _target_length: int = 0
    _source_starts: list[int] = field(default_factory=list, compare=False, repr=False)  # cache: target_start

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        offsets = cls()
        offsets.copy(0, length)
        return offsets

    @property
    def target_length(self) -> int:
        return self._target_length

    def copy(self, source_start: int, length: int) -> None:
        """Append ``length`` characters copied from the source at ``source_start``."""
        if length <= 0:
            return
        if self._segments:
            t_start, t_len, s_start, s_len, exact = self._segments[-1]
            if exact and s_start + s_len == source_start:  # extend the previous run
                self._segments[-1] = (t_start, t_len + length, s_start, s_len + length, True)
                self._target_length += length
                return
        self._add(length, source_start, length, exact=True)

    def replace(self, source_start: int, source_length: int, target_length: int) -> None:
        """Append ``target_length`` characters standing for a source stretch as a whole."""
        if target_length <= 0:
            return
        self._add(target_length, source_start, source_length, exact=False)

    def _add(self, target_length: int, source_start: int, source_length: int, *, exact: bool) -> None:
        self._target_starts.append(self._target_length)
        self._segments.append((self._target_length, target_length, source_start, source_length, exact))
        self._target_length += target_length

    def _segment_at(self, target_index: int) -> tuple[int, int, int, int, bool]:
        if not self._segments:
            raise ValueError("empty offset map")
        position = max(0, bisect_right(self._target_starts, target_index) - 1)
        return self._segments[position]

    def source_start(self, target_start: int) -> int:
        t_start, t_len, s_start, s_len, exact = self._segment_at(target_start)
        if exact:
            return s_start + min(target_start - t_start, s_len)
        return s_start if target_start < t_start + t_len else s_start + s_len

    def source_end(self, target_end: int) -> int:
        if target_end <= 0:
            return self.source_start(0)
        t_start, _t_len, s_start, s_len, exact = self._segment_at(target_end - 1)
        if exact:
            return s_start + (target_end - t_start)
        return s_start + s_len

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source span that the target span ``[start, end)`` was made from."""
        if end <= start:
            position = self.source_start(start)
            return position, position
        return self.source_start(start), self.source_end(end)

    def append_slice(self, other: OffsetMap, start: int, end: int) -> None:
        """Append ``other``'s target ``[start, end)``, each character still mapped to ``other``'s source:
        how a text rebuilt from pieces of an intermediate text keeps pointing at the original.

        Only the segments overlapping the slice are visited (found by bisection), so rebuilding a
        long text from thousands of pieces stays linear."""
        first = max(0, bisect_right(other._target_starts, start) - 1)
        for t_start, t_len, s_start, s_len, exact in other._segments[first:]:
            if t_start >= end:
                break
            low, high = max(start, t_start), min(end, t_start + t_len)
            if low >= high:
                continue
            if exact:
                self.copy(s_start + (low - t_start), high - low)
            else:
                self.replace(s_start, s_len, high - low)

    def then(self, inner: OffsetMap) -> OffsetMap:
        """This map followed by ``inner`` (whose target is this map's source): target → inner's source."""
        result = OffsetMap()
        for _t_start, t_len, s_start, s_len, exact in self._segments:
            if exact:
                result.append_slice(inner, s_start, s_start + t_len)
            elif inner._segments:
                first = inner.source_start(s_start)
                last = inner.source_end(s_start + s_len) if s_len else first
                result.replace(first, max(0, last - first), t_len)
            else:
                result.replace(0, 0, t_len)
        return result

    def target_start(self, source_index: int) -> int:
        """Where the character at ``source_index`` of the source went in the target (the start of the
        replacement when it was replaced; the next kept character when it was dropped)."""
        if len(self._source_starts) != len(self._segments):  # built once per map, not per question
            self._source_starts = [segment[2] for segment in self._segments]
        position = bisect_right(self._source_starts, source_index) - 1
        if position < 0:
            return 0
        t_start, t_len, s_start, s_len, exact = self._segments[position]
        if source_index >= s_start + max(s_len, 1):
            return t_start + t_len
        return t_start + (source_index - s_start if exact else 0)

    def tail(self, start: int) -> OffsetMap:
        """The map of ``target[start:]``: used when a prefix (a headline) leaves the text."""
        remainder = OffsetMap()
        for t_start, t_len, s_start, s_len, exact in self._segments:
            if t_start + t_len <= start:
                continue
            cut = max(0, start - t_start)
            if exact:
                remainder.copy(s_start + cut, t_len - cut)
            else:
                remainder.replace(s_start, s_len, t_len - cut)
        return remainder

    def copied_runs(self) -> tuple[tuple[int, int, int], ...]:
        """``(target_start, source_start, length)`` for every verbatim run: a compact, storable form."""
        return tuple((t, s, n) for t, n, s, _sl, exact in self._segments if exact)
