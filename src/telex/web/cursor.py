"""Opaque pagination cursors: the sort key of the last row of a page, as URL-safe text.

Clients pass back what they were given; a cursor is never parsed as anything but JSON values of
the expected types, and one that is not is a bad parameter (422), never an error of the server.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from typing import Any


class BadCursor(ValueError):
    """A cursor this server did not give out (edited, truncated, or from another listing)."""


def encode_cursor(key: Sequence[Any]) -> str:
    """The cursor that resumes a listing after the row whose sort key is ``key``."""
    data = json.dumps(list(key), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def decode_cursor(text: str, shape: Sequence[type]) -> tuple[Any, ...]:
    """The sort key in ``text``, checked against ``shape`` (one type per key column)."""
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        key = json.loads(data.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError) as error:
        raise BadCursor("not a cursor this server gave out") from error
    if (
        not isinstance(key, list)
        or len(key) != len(shape)
        or not all(type(value) is kind for value, kind in zip(key, shape, strict=True))
    ):
        raise BadCursor("not a cursor of this listing")
    return tuple(key)
