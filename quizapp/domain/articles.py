"""A teacher's own articles: turning pasted text or an uploaded file into a source draft.

What comes in is untrusted bytes or text; what comes out is an `ArticleDraft` whose `body`
is the text evidence offsets will index. The same input always gives the same body: the
decoding, the extraction options and the clean-up below are fixed, and nothing is fetched
from the network (trafilatura only reads the bytes it is given).

Versioning a source body when it is edited
------------------------------------------
Questions cite a body by character offsets, and attempts keep the question version their
learner saw, so a body that anything cites is never edited in place: an edit stores a new
source version (a new row with the new body), and the questions and attempts that cite the
old one keep pointing at it, with their highlights still right. A body nothing cites yet may
be replaced in place. When a teacher moves questions onto the new version, `relocate` says
for each old evidence passage whether its quote still stands in the new body and at which
offsets, or is gone and must be picked again; it never guesses a quote that was reworded.
"""

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

# Defaults the views may override: a saved news page is rarely over a few hundred KB.
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_BODY_CHARS = 100_000

# A page whose extracted text has no run of this many words is menus and forms, not news.
MIN_SENTENCE_WORDS = 12

# Decoded text with a larger share of control characters than this is binary data.
BINARY_CONTROL_SHARE = 0.05

# Leading bytes of file types a teacher might upload by mistake; none of them is an article.
MAGIC = (
    (b"%PDF-", "a PDF"),
    (b"\x89PNG\r\n\x1a\n", "an image"),
    (b"\xff\xd8\xff", "an image"),
    (b"GIF87a", "an image"),
    (b"GIF89a", "an image"),
    (b"II*\x00", "an image"),
    (b"MM\x00*", "an image"),
    (b"PK\x03\x04", "an archive or office document"),
    (b"PK\x05\x06", "an archive or office document"),
    (b"\x1f\x8b", "an archive"),
    (b"7z\xbc\xaf\x27\x1c", "an archive"),
    (b"Rar!", "an archive"),
    (b"\xd0\xcf\x11\xe0", "an office document"),
    (b"{\\rtf", "a rich text document"),
)

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
DECLARED_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
TRAILING_SPACE = re.compile(r"[ \t]+\n")

# Page parts trafilatura leaves out, named as a teacher would; matched on tag, class and id.
TRIMMED_PARTS = (
    ("navigation", re.compile(r"\bnav\b|navigation|menu|breadcrumb", re.I), ("nav",)),
    ("cookie banner", re.compile(r"cookie|consent|gdpr", re.I), ()),
    ("advertising", re.compile(r"\bads?\b|advert|sponsor|promo", re.I), ()),
    ("comments", re.compile(r"comment", re.I), ()),
    ("related links", re.compile(r"related|recommend|more-stories|read-more", re.I), ("aside",)),
    ("page header and footer", re.compile(r"masthead|site-header|site-footer", re.I),
     ("header", "footer")),
    ("scripts and styles", None, ("script", "style", "noscript")),
)


def _message(text):
    """Mark `text` for translation; the view passes it through gettext with the params."""
    return text


class ArticleError(ValueError):
    """Input that cannot become a source; `message` (with `params`) is for the teacher."""

    def __init__(self, code, message, **params):
        super().__init__(message % params if params else message)
        self.code = code
        self.message = message
        self.params = params

    def format(self, gettext):
        """Return the message translated by `gettext`."""
        text = gettext(self.message)
        return text % self.params if self.params else text


@dataclass
class ArticleDraft:
    """What an upload or a paste yields, for the teacher to check before saving a source."""

    body: str
    headline: str | None = None
    outlet: str | None = None
    published: date | None = None
    date_precision: str = "unknown"
    url: str | None = None
    trimmed: str | None = None
    # Messages for the teacher, untranslated: the view passes each through gettext.
    warnings: list[str] = field(default_factory=list)


def clean_text(text):
    """Return `text` with one kind of line ending, no control characters, no blank runs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    kept = []
    for ch in text:
        if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs"):
            kept.append(ch)
    text = "".join(kept).replace("\ufeff", "")  # a BOM left inside pasted text draws nothing
    text = TRAILING_SPACE.sub("\n", text)
    text = BLANK_LINES.sub("\n\n", text)
    return text.strip()


def _checked_body(text, max_chars):
    """Return the cleaned body, or raise if it is empty or over-long."""
    body = clean_text(text)
    if not body:
        raise ArticleError("empty", _message("The article is empty."))
    if len(body) > max_chars:
        raise ArticleError(
            "too_long",
            _message("The article is %(length)d characters long; the limit is %(limit)d."),
            length=len(body), limit=max_chars,
        )
    return body


def from_pasted_text(text, max_chars=MAX_BODY_CHARS):
    """Return a draft from text a teacher pasted in a form."""
    return ArticleDraft(body=_checked_body(text, max_chars))


def _refuse_binary(data):
    """Raise if `data` starts like a file type that is not an article."""
    for magic, kind in MAGIC:
        if data.startswith(magic):
            raise ArticleError(
                "unsupported",
                _message("This file is %(kind)s; upload a .txt or .html file, or paste the text."),
                kind=kind,
            )


def _declared_charset(data):
    """Return the codec an HTML page declares in its first bytes, if Python knows it."""
    found = DECLARED_CHARSET.search(data[:4096])
    if not found:
        return None
    try:
        return codecs.lookup(found.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def decode(data):
    """Return `data` as text: by its BOM, else UTF-8, else a declared charset, else cp1252."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                break
    else:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        declared = _declared_charset(data)
        if declared and declared not in ("utf-8", "utf-16", "utf-32"):
            try:
                return data.decode(declared)
            except UnicodeDecodeError:
                pass
        try:
            # Windows-1252 leaves five bytes undefined, so binary data rarely passes.
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = None
        if text is not None and not _looks_binary(text):
            return text
    raise ArticleError(
        "undecodable",
        _message("This file is not readable text. Save it as UTF-8 text and upload it again."),
    )


def _looks_binary(text):
    """Tell whether decoded text is mostly controls, as binary data is once decoded."""
    # A stray NUL or vertical tab is common in text saved by old editors, and is stripped.
    controls = sum(unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f" for ch in text)
    return controls > BINARY_CONTROL_SHARE * len(text)


def sniff(data):
    """Return "html" or "text" from the content of an upload, or raise if it is neither."""
    _refuse_binary(data)
    text = decode(data)
    if _looks_binary(text):
        raise ArticleError(
            "undecodable",
            _message("This file is not readable text. Save it as UTF-8 text and upload it again."),
        )
    return ("html" if HTML_START.match(text) else "text"), text


def from_upload(data, filename="", max_bytes=MAX_UPLOAD_BYTES, max_chars=MAX_BODY_CHARS):
    """Return a draft from an uploaded .txt or .html file's bytes; the content decides which."""
    if len(data) > max_bytes:
        raise ArticleError(
            "too_large",
            _message("The file is %(size)d KB; the limit is %(limit)d KB."),
            size=-(-len(data) // 1024), limit=max_bytes // 1024,
        )
    if not data.strip(b" \t\r\n\x00" + codecs.BOM_UTF8):
        raise ArticleError("empty", _message("The file is empty."))
    content_type, text = sniff(data)
    if content_type == "html":
        draft = from_html(text, max_chars)
    else:
        draft = ArticleDraft(body=_checked_body(text, max_chars))
    named_html = filename.lower().endswith((".html", ".htm"))
    if named_html != (content_type == "html") and filename:
        draft.warnings.append(
            _message("The file is named like plain text but holds a web page; it was read as one.")
            if content_type == "html" else
            _message("The file is named like a web page but holds plain text; it was read as text.")
        )
    return draft


def _extraction_config():
    """Return trafilatura settings without a time limit: the upload size limit bounds the work."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def from_html(html, max_chars=MAX_BODY_CHARS):
    """Return a draft from a saved news page: its article body, metadata and what was cut."""
    import trafilatura  # imported here: loading it costs a second the rest of the app need not

    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, include_links=False, deduplicate=False,
        config=_extraction_config(),
    )
    text = getattr(document, "text", None) if document is not None else None
    headline = _tidy(document.title) if document is not None else None
    paragraphs = _paragraphs(text or "", headline)
    if not any(len(p.split()) >= MIN_SENTENCE_WORDS for p in paragraphs):
        raise ArticleError(
            "no_article",
            _message("No article was found in this page. Paste the article's text instead."),
        )
    body = _checked_body("\n\n".join(paragraphs), max_chars)
    draft = ArticleDraft(
        body=body,
        headline=headline,
        outlet=_tidy(document.sitename),
        url=_tidy(document.url),
        trimmed=describe_trimmed(html, body),
    )
    draft.published, draft.date_precision = _published(document.date, html)
    if draft.published is None:
        draft.warnings.append(_message("No publication date was found; add it if you know it."))
    if not draft.headline:
        draft.warnings.append(_message("No headline was found; add it."))
    return draft


def _paragraphs(text, headline):
    """Return the extracted lines as paragraphs, without a first line repeating the headline."""
    paragraphs = [" ".join(line.split()) for line in clean_text(text).split("\n")]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs and headline and _words(paragraphs[0]) == _words(headline):
        paragraphs = paragraphs[1:]
    return paragraphs


def _tidy(value):
    """Return a metadata string with whitespace collapsed, or None if it is blank."""
    if not value:
        return None
    value = " ".join(str(value).split())
    return value or None


def _published(value, html):
    """Return (date, precision) from trafilatura's YYYY-MM-DD date, or (None, "unknown")."""
    if not value:
        return None, "unknown"
    try:
        day = date.fromisoformat(str(value)[:10])
    except ValueError:
        return None, "unknown"
    # The date finder fills a missing day or month (with 1, or even today's day): keep only
    # what the page itself states, so the same page always gives the same date.
    if _states(html, day, "day"):
        return day, "day"
    if _states(html, day, "month"):
        return day.replace(day=1), "month"
    if re.search(rf"\b{day.year}\b", html):
        return date(day.year, 1, 1), "year"
    return None, "unknown"


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def _states(html, day, precision):
    """Tell whether `html` writes `day` down to the `precision` ("day" or "month")."""
    month, y, m, d = MONTHS[day.month - 1][:3], day.year, day.month, day.day
    if precision == "month":
        forms = [rf"{y}-{m:02d}", rf"{y}/{m:02d}", rf"{month}[a-z]*\.?,?\s+{y}"]
    else:
        forms = [rf"{y}-{m:02d}-{d:02d}", rf"{y}/{m:02d}/{d:02d}", rf"0?{d}\.0?{m}\.{y}",
                 rf"0?{d}(?:st|nd|rd|th)?\s+{month}[a-z]*\.?,?\s+{y}",
                 rf"{month}[a-z]*\.?\s+0?{d}(?:st|nd|rd|th)?,?\s+{y}"]
    # Digits may not run on (2023-05 is not 2023-051), but a time may follow (2023-05-09T10).
    forms = [rf"(?<![\w]){form}(?!\d)" for form in forms]
    return any(re.search(form, html, re.IGNORECASE) for form in forms)


def _words(text):
    """Return `text` as a lower-case string of single-spaced words, for comparing blocks."""
    return " ".join(text.split()).lower()


def describe_trimmed(html, body):
    """Return what of the page is not in `body`, in words a teacher can read, or None."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):  # an unparsable page has nothing to report
        return None
    kept = _words(body)
    parts, counted = [], set()
    for label, pattern, tags in TRIMMED_PARTS:
        for element in root.iter():
            if not isinstance(element.tag, str) or _inside(element, counted):
                continue
            names = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"
            if element.tag in tags or (pattern is not None and pattern.search(names)):
                text = _words(element.text_content())
                if element.tag not in ("script", "style", "noscript") and (
                        not text or text in kept):
                    continue
                counted.add(element)
                if label not in parts:
                    parts.append(label)
    others = 0
    for element in root.iter("p", "li", "h2", "h3", "blockquote"):
        if element in counted or _inside(element, counted):
            continue
        text = _words(element.text_content())
        if text and text not in kept:
            others += 1
    if others:
        parts.append(f"{others} other paragraph{'s' if others != 1 else ''}")
    return ", ".join(parts) or None


def _inside(element, counted):
    """Tell whether `element` lies inside a page part already counted as trimmed."""
    return any(ancestor in counted for ancestor in element.iterancestors())


@dataclass(frozen=True)
class Relocated:
    """Where an old evidence passage stands in a new body: `start`/`end` None when gone."""

    old_start: int
    old_end: int
    quote: str
    start: int | None
    end: int | None

    @property
    def stands(self):
        """Tell whether the quote is still in the new body, verbatim."""
        return self.start is not None


TOKEN = re.compile(r"\s+|[^\s]+")


def relocate(old_body, new_body, spans):
    """Return, for each (start, end) of `old_body`, where its quote stands in `new_body`.

    A passage keeps its place when the edit left it untouched; otherwise it stands where it
    is found verbatim exactly once in the new body, and is gone when found nowhere or more
    than once (picking one would be a guess).
    """
    import difflib

    old_tokens, new_tokens = TOKEN.findall(old_body), TOKEN.findall(new_body)
    old_at, new_at = _offsets(old_tokens), _offsets(new_tokens)
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    # Character ranges of old text left untouched, with the shift to their new place.
    same = [(old_at[i], old_at[i + size], new_at[j] - old_at[i])
            for i, j, size in matcher.get_matching_blocks() if size]
    results = []
    for start, end in spans:
        quote = old_body[start:end]
        new_start = _kept_place(same, start, end)
        if new_start is None and quote and new_body.count(quote) == 1:
            new_start = new_body.find(quote)
        if new_start is None or not quote:
            results.append(Relocated(start, end, quote, None, None))
        else:
            results.append(Relocated(start, end, quote, new_start, new_start + len(quote)))
    return results


def _offsets(tokens):
    """Return the character offset of each token, plus the end offset."""
    at = [0]
    for token in tokens:
        at.append(at[-1] + len(token))
    return at


def _kept_place(same, start, end):
    """Return the new start of old [start, end) if one untouched block holds all of it."""
    for block_start, block_end, shift in same:
        if block_start <= start and end <= block_end:
            return start + shift
    return None
