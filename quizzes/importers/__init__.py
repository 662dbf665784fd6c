"""Questions from other systems' files (Moodle's GIFT and Moodle XML), read as a teacher's own.

`read(data, ...)` returns a Reading: the questions as they will be stored, each with what
was left out and what makes it unusable, and the questions that cannot be imported, with
the reason. Nothing is stored here (quizzes.authoring.services.questions_import does that).
"""

from __future__ import annotations

import base64
import binascii
import zlib

from django.utils.translation import gettext as _

from quizzes.importers import gift, moodle_xml
from quizzes.importers.common import MAX_BYTES, ImportRefused, Reading

__all__ = ["ImportRefused", "Reading", "pack", "read", "unpack"]


def detect(data: bytes) -> str:
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return "moodlexml" if start == b"<" else "gift"


def read(data: bytes, *, fmt: str = "", language: str, topic: str) -> Reading:
    """Read a GIFT or Moodle XML file (``fmt`` "" tells it from the content)."""
    if len(data) > MAX_BYTES:
        raise ImportRefused(_("The file is larger than 1 MB: split it into smaller files."))
    if not data.strip():
        raise ImportRefused(_("The file is empty."))
    fmt = fmt or detect(data)
    if fmt == "moodlexml":
        return moodle_xml.read(data, language=language, topic=topic)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(
            _("The file is not text in UTF-8: save it as UTF-8 and try again.")
        ) from None
    if "\x00" in text:
        raise ImportRefused(_("The file holds binary data, not GIFT text."))
    return gift.read(text, language=language, topic=topic)


def pack(data: bytes) -> str:
    """The file, to carry from the preview to the confirmation in a hidden field."""
    return base64.b64encode(zlib.compress(data)).decode("ascii")


def unpack(packed: str) -> bytes:
    """The file back from `pack`; ImportRefused for anything `pack` did not write, or for
    more than the largest file an import reads (a small field cannot hide a huge file)."""
    try:
        compressed = base64.b64decode(packed.encode("ascii"), validate=True)
        inflater = zlib.decompressobj()
        data = inflater.decompress(compressed, MAX_BYTES + 1)
    except (binascii.Error, zlib.error, UnicodeEncodeError, ValueError):
        raise ImportRefused(_("The file to import was lost on the way: choose it again.")) from None
    if len(data) > MAX_BYTES or inflater.unconsumed_tail:
        raise ImportRefused(_("The file is larger than 1 MB: split it into smaller files."))
    return data
