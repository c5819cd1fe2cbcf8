"""CSV files a spreadsheet opens safely: the rules every export follows.

RFC 4180 (comma, CRLF line ends, quotes only where needed, doubled inside), UTF-8, with
a byte-order mark on request so Excel reads the UTF-8 right; times in ISO 8601 with
their zone (UTC); numbers with a dot, whatever the locale; and text that a spreadsheet
would run as a formula (a cell starting with =, +, -, @, a tab or a carriage return)
neutralised by a leading apostrophe, which spreadsheets show as text.
"""

import csv
import io
import math
from datetime import date, datetime

BOM = "\ufeff"
# A cell starting with one of these is a formula (or becomes one) in Excel, LibreOffice
# and Google Sheets; see OWASP's "CSV injection".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text):
    """Return `text` so that no spreadsheet runs it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def number(value):
    """Return a number as text with a dot and no needless zeros: 2, 0.5, 66.67."""
    if isinstance(value, bool):
        raise TypeError("a yes/no is not a number")
    if isinstance(value, int):
        return str(value)
    if value.is_integer():
        return str(int(value))
    if not math.isfinite(value):
        return ""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def cell(value):
    """Return the text of one cell: empty for None, ISO 8601 for times, safe text."""
    kind = type(value)  # by exact type first: exports write hundreds of thousands of cells
    if kind is str:
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if value is None:
        return ""
    if kind is bool:
        return "yes" if value else "no"
    if kind is int or kind is float:
        return number(value)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("times in exports must carry their zone")
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(str(value))


def lines(header, rows, bom=False):
    """Yield the CSV text line by line: the header, then one line per row.

    Nothing is held but the current line, so an export of any size streams in flat
    memory. `bom` puts a byte-order mark before the header, for Excel.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n")

    def line(values):
        writer.writerow(values)
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield (BOM if bom else "") + line([neutralise(name) for name in header])
    for row in rows:
        if len(row) != len(header):
            raise ValueError(f"a row has {len(row)} cells for {len(header)} columns")
        yield line([cell(value) for value in row])


def chunks(text_lines, size=64 * 1024):
    """Yield UTF-8 bytes in chunks of about `size`, joining short lines."""
    pending, length = [], 0
    for text in text_lines:
        data = text.encode("utf-8")
        pending.append(data)
        length += len(data)
        if length >= size:
            yield b"".join(pending)
            pending, length = [], 0
    if pending:
        yield b"".join(pending)
