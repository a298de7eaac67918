"""Bytes to text: find the encoding a page was really written in, or say precisely why not.

French news pages arrive as UTF-8, windows-1252 or a "latin-1" that is really windows-1252, with or
without a byte order mark, and sometimes with a declaration that lies. The chain tried here is the
one browsers use, made strict so that a wrong guess fails instead of silently mangling accents:
byte order mark, BOM-less UTF-16, UTF-8 when the bytes are valid UTF-8 beyond ASCII (a stale declaration is
the commoner mistake), declared charset, UTF-8, windows-1252, then charset-normalizer, whose guess
is only trusted when it yields Western European text (see :func:`_confident_guess`).
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from telex.errors import UndecodableDocument

SNIFF_BYTES = 8 * 1024
# Where a page may declare its charset: the head, before <body>, within the first 16 KB.
DECLARATION_SCAN_BYTES = 16 * 1024
# charset-normalizer's "mess" ratio above which a guess is not even considered.
MAX_GUESS_CHAOS = 0.1
# Share of control bytes in the first 8 KB above which a file is binary, not text.
MAX_CONTROL_SHARE = 0.05

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Browsers read these declarations as windows-1252, which defines 0x80-0x9F (’, €, œ, «…).
DECLARED_AS_WINDOWS_1252 = frozenset({"latin-1", "iso8859-1", "ascii"})
# Python codecs a page may name but no browser would use: escape decoders that turn "\ud83d" into a lone
# surrogate, IDNA and punycode, "undefined", and UTF-7 (dropped by browsers as an injection vector).
NOT_CHARSETS = frozenset({"unicode-escape", "raw-unicode-escape", "punycode", "idna", "undefined", "utf-7", "charmap"})
# Without a byte order mark a UTF-16/32 declaration is not believed (HTML reads it as UTF-8).
IGNORED_DECLARATIONS = frozenset({"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"})

BINARY_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1f\x8b", "gzip data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
)
# C0 controls that never appear in text (tab, newlines, form feed and escape are allowed).
_CONTROL_BYTES = (frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x20)) | {0x0B, 0x7F}) - {0x1B}
_C0_CONTROLS_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_C1_CONTROLS = re.compile(r"[\x80-\x9f]")

_XML_PROLOG_ENCODING = re.compile(rb"""\A\s*<\?xml[^>]*?\bencoding\s*=\s*["']\s*([A-Za-z0-9._:-]+)""", re.I)
# Matches both <meta charset="x"> and <meta http-equiv=... content="text/html; charset=x">.
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_BODY_START = re.compile(rb"<body\b", re.I)


def split_byte_order_mark(data: bytes) -> tuple[str | None, bytes]:
    """The encoding a byte order mark announces, and the bytes after it."""
    for mark, codec in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return codec, data[len(mark) :]
    return None, data


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the bytes look like BOM-less UTF-16 text, else None.

    Latin text in UTF-16 has a NUL in nearly every other byte and almost none in the others.
    """
    sample = data[:SNIFF_BYTES]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nuls, odd_nuls = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nuls >= 0.4 and even_nuls <= 0.01:
        codec = "utf-16-le"
    elif even_nuls >= 0.4 and odd_nuls <= 0.01:
        codec = "utf-16-be"
    else:
        return None
    # Binary data can have the same NUL pattern; text decoded from it has few control characters.
    text = sample[: len(sample) // 2 * 2].decode(codec, errors="replace")
    controls = len(_C0_CONTROLS_IN_TEXT.findall(text))
    return codec if controls <= MAX_CONTROL_SHARE * len(text) else None


def binary_evidence(data: bytes) -> str | None:
    """Why these bytes are binary rather than text, or None if they may be text."""
    if split_byte_order_mark(data)[0] or utf16_without_bom(data):
        return None
    for signature, name in BINARY_SIGNATURES:
        if data.startswith(signature):
            return f"starts like {name}"
    sample = data[:SNIFF_BYTES]
    if not sample:
        return None
    nul_at = sample.find(b"\x00")
    if nul_at >= 0:
        return f"NUL byte at offset {nul_at}"
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    if controls / len(sample) > MAX_CONTROL_SHARE:
        return f"{controls} control bytes in the first {len(sample)} bytes"
    return None


def sniff_binary(data: bytes) -> bool:
    """True for bytes that are not text: NULs outside UTF-16, a known file signature, or many controls."""
    return binary_evidence(data) is not None


def find_declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares for itself, as written (not normalised)."""
    _, data = split_byte_order_mark(data)
    head = data[:DECLARATION_SCAN_BYTES]
    prolog = _XML_PROLOG_ENCODING.match(head)
    if prolog:
        return prolog.group(1).decode("ascii")
    body = _BODY_START.search(head)
    if body:
        head = head[: body.start()]
    meta = _META_CHARSET.search(head)
    return meta.group(1).decode("ascii") if meta else None


def normalize_declared_charset(declared: str | None) -> str | None:
    """Python's codec name for a declared charset, read the way browsers read it; None if unusable."""
    if not declared:
        return None
    try:
        codec = codecs.lookup(declared.strip())
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        return None
    name = codec.name
    # Bytes-to-bytes transforms (base64, zlib) are codecs too, but not charsets; Python marks them.
    if name in NOT_CHARSETS or not getattr(codec, "_is_text_encoding", True):
        return None
    if name in DECLARED_AS_WINDOWS_1252:
        return "cp1252"
    if name in IGNORED_DECLARATIONS:
        return None
    return "utf-8" if name == "utf-8-sig" else name


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode a document's bytes, trying in turn: byte order mark, valid non-ASCII UTF-8, ``declared``,
    UTF-8, windows-1252, charset-normalizer; raises :class:`UndecodableDocument` naming bad offsets."""
    bom_codec, after_bom = split_byte_order_mark(data)
    if bom_codec:
        try:
            return after_bom.decode(bom_codec)
        except UnicodeDecodeError as error:
            offset = error.start + len(data) - len(after_bom)
            raise UndecodableDocument(
                source, f"byte order mark says {bom_codec} but byte offset {offset} is not valid {bom_codec}"
            ) from error
    for codec in _codecs_to_try(data, declared):
        text = _strict_decode(data, codec)
        if text is not None:
            return text
    guess = _confident_guess(data)
    if guess is not None:
        return guess
    raise UndecodableDocument(source, _undecodable_detail(data))


def _codecs_to_try(data: bytes, declared: str | None) -> list[str]:
    """Codecs in the order they are believed; UTF-8 comes before any declaration when there are
    non-ASCII bytes, since a stale ``charset=iso-8859-1`` is commoner than cp1252 that is valid UTF-8."""
    candidates = [
        utf16_without_bom(data),
        None if data.isascii() else "utf-8",
        normalize_declared_charset(declared),
        "utf-8",
        "cp1252",
    ]
    return list(dict.fromkeys(codec for codec in candidates if codec))


def _strict_decode(data: bytes, codec: str) -> str | None:
    try:
        text = data.decode(codec)
    except UnicodeError:
        return None
    # A single-byte charset that yields C1 controls is the wrong one (’ in cp1252 read as U+0092).
    if not codec.startswith("utf") and _C1_CONTROLS.search(text):
        return None
    return text


def _confident_guess(data: bytes) -> str | None:
    """charset-normalizer's best candidate that is tidy (low chaos) and Western European.

    Bytes that fail both UTF-8 and windows-1252 are far more often a damaged windows-1252 page than
    a page in another charset, and charset-normalizer happily "rescues" them into Slavic or Cyrillic
    letters ("prťsident", "cafщ"). So a guess is kept only if every character it produces could be
    written in windows-1252 (Latin-1 letters, œ, €, typographic quotes) and it has no control
    characters: this still recovers French written in DOS (cp850) or Mac Roman, and refuses the rest.
    """
    for match in from_bytes(data):
        if match.chaos > MAX_GUESS_CHAOS:
            continue
        text = str(match)
        if _is_western_european(text):
            return text
    return None


def _is_western_european(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return not _C0_CONTROLS_IN_TEXT.search(text)


def _undecodable_detail(data: bytes) -> str:
    reasons = []
    for codec, label in (("utf-8", "UTF-8"), ("cp1252", "windows-1252")):
        try:
            data.decode(codec)
        except UnicodeDecodeError as error:
            bad = data[error.start]
            reasons.append(f"byte 0x{bad:02X} at offset {error.start} is not valid {label}")
    reasons.append("no confident guess of a Western European charset")
    return "; ".join(reasons)
