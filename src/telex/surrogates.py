"""Lone surrogates: the one kind of Python string that cannot be written as UTF-8.

Python strings may hold code points U+D800-U+DFFF on their own; SQLite, JSON exports and the
terminal all raise ``UnicodeEncodeError`` on them. They reach telex two ways, and each is mended
its own way, once, where input is read:

- a file name with bytes that are not UTF-8: Python decodes it with ``surrogateescape`` (byte 0xE9
  becomes U+DCE9). The name is shown with the byte written out, ``caf\\xe9.txt``, so the user can
  still find the file (:func:`escape_surrogates`).
- text that declared them: a JSON ``"\\ud83d"`` escape, an XML ``&#xD83D;`` reference, usually half
  of an emoji cut in two. A high-low pair is joined back into its character and a lone half becomes
  U+FFFD, as browsers do when they turn such a string into text (:func:`repair_surrogates`); one
  character for one, so the length of the text does not change.
"""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")
_PAIR_OR_LONE = re.compile("[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]")
REPLACEMENT_CHARACTER = "\ufffd"
_ESCAPED_BYTES = range(0xDC80, 0xDD00)  # what surrogateescape makes of the bytes 0x80-0xFF


def has_surrogates(text: str) -> bool:
    """True when ``text`` cannot be encoded as UTF-8."""
    return _SURROGATE.search(text) is not None


def escape_surrogates(text: str) -> str:
    """``text`` with undecodable bytes written as ``\\xNN`` (other lone surrogates as ``\\uDXXX``):
    for file names and error messages, which must stay printable and say what was there."""
    if not has_surrogates(text):
        return text
    return _SURROGATE.sub(_escaped, text)


def repair_surrogates(text: str) -> str:
    """``text`` with surrogate pairs joined into their character and lone surrogates as U+FFFD."""
    if not has_surrogates(text):
        return text
    return _PAIR_OR_LONE.sub(_repaired, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if code in _ESCAPED_BYTES else f"\\u{code:04x}"


def _repaired(match: re.Match[str]) -> str:
    found = match.group()
    if len(found) == 2:
        high, low = ord(found[0]), ord(found[1])
        return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
    return REPLACEMENT_CHARACTER
