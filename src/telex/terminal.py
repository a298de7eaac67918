"""Text from articles made harmless for a terminal.

Article text, titles, names and even file names come from the web. A terminal acts on the
control characters in what it prints: ESC starts sequences that set the window title (OSC 0),
plant hyperlinks (OSC 8), move the cursor, rewrite the screen or, on some terminals, answer
back. :func:`printable` replaces every control character (C0 but tab and newline, DEL, C1) with
a visible stand-in of the same length (``␛`` for ESC), so what an article holds is shown, never
obeyed, and offsets into the text still point at the same characters.
"""

from __future__ import annotations

import re

from rich.text import Text

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␀ … ␛ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 controls (CSI U+009B, OSC U+009D...) have no picture


def printable(value: object) -> str:
    """``value`` as a string a terminal shows without acting on it (same length, tab and newline kept)."""
    text = "" if value is None else str(value)
    return _CONTROLS.sub(_stand_in, text)


def plain(value: object, **options: object) -> Text:
    """A rich :class:`Text` of ``value``: printable, and never read as rich markup."""
    return Text(printable(value), **options)  # type: ignore[arg-type]
