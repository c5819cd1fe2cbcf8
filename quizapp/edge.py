"""The edge of the app: what a request must look like before any view or database sees it.

Bounded URL converters turn malformed ids and out-of-range positions into 404s; one hook
refuses oversize requests (413) and control characters in the path, query or form (400).
"""

from flask import current_app, request
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import BaseConverter, IntegerConverter

from quizapp.domain.usertext import FORM_CONTROL_ALLOWED, control_characters

# Far above any quiz's length, far below the database's integer range.
MAX_POSITION = 10_000


class SlugConverter(BaseConverter):
    """A quiz or source slug, as the bank files define it: a-z, 0-9 and -, 80 at most."""

    regex = r"[a-z0-9][a-z0-9-]{0,79}"  # bankfiles.SLUG without its anchors


class PublicIdConverter(BaseConverter):
    """An attempt's public id: a lower-case UUID, kept as text."""

    regex = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


class PositionConverter(IntegerConverter):
    """A question's position in an attempt: 1 to MAX_POSITION."""

    regex = r"[0-9]{1,9}"  # not \d, which matches every script's digits

    def __init__(self, url_map):
        super().__init__(url_map, min=1, max=MAX_POSITION)


class UnreadableInput(BadRequest):
    """A request whose path, query or form holds characters no person types."""

    explained = True  # its description is written for people: the error page shows it


def accepts_upload(view):
    """Mark a view that takes a file: its requests may be as large as UPLOAD_MAX_BYTES.

    Every other request keeps the small MAX_CONTENT_LENGTH a learner's form needs. The
    file's own field may fill the whole body; the other fields keep MAX_FORM_MEMORY_SIZE.
    """
    view.accepts_upload = True
    return view


def _upload_allowed():
    """Tell whether the request goes to a view marked with `accepts_upload`."""
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    return getattr(view, "accepts_upload", False)


def init_app(app):
    """Register the converters, the proxy settings and the request checks."""
    app.url_map.converters.update(
        slug=SlugConverter, public_id=PublicIdConverter, position=PositionConverter)
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies,
                                x_host=proxies, x_port=proxies)
    # First in line, so that nothing (CSRF checks included) reads a body that is refused.
    app.before_request_funcs.setdefault(None, []).insert(0, check_request)


def check_request():
    """Refuse oversize bodies and control characters before any view sees the request."""
    if _upload_allowed():
        request.max_content_length = current_app.config["UPLOAD_MAX_BYTES"]
    limit = request.max_content_length
    if limit is not None and (request.content_length or 0) > limit:
        # Said by Content-Length: refuse without reading a byte of the body.
        raise RequestEntityTooLarge()
    _refuse_control_characters(request.path)
    for key, value in request.args.items(multi=True):
        _refuse_control_characters(key, value)
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        _check_form()


def _check_form():
    """Refuse forms with too many fields or with control characters in them."""
    form = request.form  # parsing applies MAX_CONTENT_LENGTH and MAX_FORM_MEMORY_SIZE
    if request.content_length is None and getattr(request.stream, "is_exhausted", False):
        # Werkzeug cuts a body sent without Content-Length (chunked) at MAX_CONTENT_LENGTH
        # and parses what it read: refuse one that reached the limit instead.
        raise RequestEntityTooLarge()
    parts = current_app.config["MAX_FORM_PARTS"]
    # Werkzeug counts multipart fields only; count url-encoded ones the same way.
    fields = list(form.items(multi=True))
    if parts is not None and len(fields) + len(request.files) > parts:
        raise RequestEntityTooLarge()
    for key, value in fields:
        _refuse_control_characters(key)
        _refuse_control_characters(value, allowed=FORM_CONTROL_ALLOWED)


def _refuse_control_characters(*texts, allowed=frozenset()):
    """Abort with 400 when any text holds a NUL or another control character."""
    for text in texts:
        if control_characters(text, allowed):
            raise UnreadableInput(_("This request held characters that cannot be typed "
                                    "(such as NUL). Nothing was saved."))
