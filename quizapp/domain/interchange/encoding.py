"""Turn an uploaded file's bytes into text: UTF-8 (with or without a BOM), UTF-16 and
UTF-32 with a BOM, an XML file's declared encoding, else Windows-1252 when it fits.

Teachers' files come from Windows spreadsheets (Windows-1252, or UTF-16 for "Unicode
text"), from Moodle (UTF-8) and from editors that add a byte-order mark. What cannot be
read is refused with the line of the first byte that does not fit, never guessed at
silently: a file read as Windows-1252 says so in a note.
"""

import codecs
import re

from quizapp.domain.interchange.base import InterchangeError, Note

_BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_XML_ENCODING = re.compile(rb"\A<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]{1,40})[\"']")
# Bytes Windows-1252 leaves undefined: text holding one is not Windows-1252 either.
_UNDEFINED_1252 = frozenset(b"\x81\x8d\x8f\x90\x9d")


def _line_of(data, index):
    """Return the line (from 1) holding the byte at `index` of `data`."""
    return data[:index].count(b"\n") + 1


def _with_bom(data):
    """Decode text that starts with a byte-order mark; None when it has none."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError as error:
                raise InterchangeError(
                    f"the file starts with a {name} byte-order mark but is not valid {name} "
                    f"(at byte {error.start + len(bom)})") from None
    return None


def _declared(data):
    """Return the encoding an XML declaration names, when Python knows it."""
    found = _XML_ENCODING.match(data)
    if not found:
        return None
    try:
        return codecs.lookup(found.group(1).decode("ascii")).name
    except LookupError:
        raise InterchangeError(f"the XML declaration names the encoding "
                               f"{found.group(1).decode('ascii')!r}, which is not known",
                               line=1) from None


def _looks_like_utf16(data):
    """Tell whether BOM-less bytes are UTF-16: every other byte NUL, as in ASCII text."""
    sample = data[:400]
    return len(sample) >= 4 and (sample[1::2].count(0) > len(sample) // 3
                                 or sample[0::2].count(0) > len(sample) // 3)


def decode(data):
    """Return (text, notes) for a file's bytes; raise InterchangeError when unreadable."""
    text = _with_bom(data)
    if text is not None:
        return text, []
    declared = _declared(data)
    if declared and declared != "utf-8":
        try:
            return data.decode(declared), []
        except UnicodeDecodeError as error:
            raise InterchangeError(f"the file is not valid {declared}, as its XML declaration "
                                   "says it is", line=_line_of(data, error.start)) from None
    # ASCII written as UTF-16 is valid UTF-8 (full of NULs): look for it first.
    if _looks_like_utf16(data):
        raise InterchangeError("the file looks like UTF-16 without a byte-order mark: save "
                               "it as UTF-8 (or UTF-16 with a byte-order mark) and try again")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        utf8_error = error
    if b"\0" in data or _UNDEFINED_1252 & set(data):
        line = _line_of(data, utf8_error.start)
        raise InterchangeError(f"the file is neither UTF-8 nor Windows-1252: byte "
                               f"0x{data[utf8_error.start]:02x} cannot be read; save it as "
                               "UTF-8 and try again", line=line)
    return data.decode("cp1252"), [Note(
        f"the file is not UTF-8: it was read as Windows-1252 (first such byte on line "
        f"{_line_of(data, utf8_error.start)}); check accented letters in the preview")]
