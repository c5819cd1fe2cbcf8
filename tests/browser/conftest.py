"""Real-browser fixtures: Debian's Chromium driven by Playwright against a live server.

Every test marked `browser` is skipped, with a loud warning at the end of the run, when
no Chromium is installed; with QUIZAPP_REQUIRE_BROWSER=1 (as in CI) they fail instead.
QUIZAPP_CHROMIUM names another Chromium binary (a missing path counts as no Chromium).
"""

import os
import shutil
import threading

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from quizapp import PROJECT_ROOT

DEBIAN_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1366, "height": 900}}
SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
MISSING = "BROWSER TESTS SKIPPED: no Chromium found; install Debian's chromium to run them"
REQUIRED = ("BROWSER TESTS FAILED: QUIZAPP_REQUIRE_BROWSER=1 but no Chromium found; "
            "install Debian's chromium (apt-get install chromium)")
MISSING_KEY = pytest.StashKey[str]()


def find_chromium():
    """Return the path of the Chromium to drive, or None when there is none."""
    wanted = os.environ.get("QUIZAPP_CHROMIUM")
    if wanted is not None:
        return wanted if os.path.isfile(wanted) else None
    if os.path.isfile(DEBIAN_CHROMIUM):
        return DEBIAN_CHROMIUM
    return shutil.which("chromium")


def browser_required():
    """Tell whether a missing Chromium must fail the run (CI) rather than skip."""
    return os.environ.get("QUIZAPP_REQUIRE_BROWSER") == "1"


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected what will not run
def pytest_collection_modifyitems(config, items):
    """Skip the browser tests when there is no Chromium, unless one is required."""
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    if not browser_items or find_chromium():
        return
    count = len(browser_items)
    if browser_required():
        config.stash[MISSING_KEY] = f"{REQUIRED} ({count} test{'s' if count != 1 else ''})"
        return
    config.stash[MISSING_KEY] = f"{MISSING} ({count} test{'s' if count != 1 else ''})"
    skip = pytest.mark.skip(reason=MISSING)
    for item in browser_items:
        item.add_marker(skip)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Say loudly that browser tests were skipped, or failed for want of Chromium."""
    message = config.stash.get(MISSING_KEY, None)
    if message is None:
        return
    bar = "!" * (len(message) + 8)
    blank = f"!!! {' ' * len(message)} !!!"
    terminalreporter.write_line("")
    for line in (bar, blank, f"!!! {message} !!!", blank, bar):
        terminalreporter.write_line(line, red=True, bold=True)


@pytest.fixture(scope="session")
def browser():
    """Launch one headless Chromium for the whole session."""
    executable = find_chromium()
    if executable is None:
        pytest.fail(REQUIRED if browser_required() else MISSING, pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS,
                                              headless=True)
        yield chromium
        chromium.close()


_BODY = "tests.response_body"


class _QuietHandler(WSGIRequestHandler):
    """Serve requests without logging each one; errors still reach the log."""

    def log_request(self, code="-", size="-"):
        """Log nothing for a request that was served."""

    def connection_dropped(self, error, environ=None):
        """Close the body the browser hung up on. Werkzeug's server skips that when the
        socket fails again as it drains it, and a static file left open would warn (and
        fail) in whichever test the garbage collector happens to run in."""
        body = (environ or {}).get(_BODY)
        if hasattr(body, "close"):
            body.close()


def _keeping_body(app):
    """Wrap `app` so the server's handler can find each response body in its environ."""
    def serve(environ, start_response):
        body = environ[_BODY] = app(environ, start_response)
        return body
    return serve


@pytest.fixture
def live_url(app):
    """Serve the test app for real, with CSRF on, and return its base URL."""
    app.config["WTF_CSRF_ENABLED"] = True
    server = make_server("127.0.0.1", 0, _keeping_body(app), threaded=True,
                         request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture
def open_page(browser, live_url):
    """Return a function opening a page at a viewport ("phone" or "laptop") in a new context."""
    contexts = {}

    def open_(viewport="laptop"):
        if viewport not in contexts:
            phone = viewport == "phone"
            context = browser.new_context(
                viewport=VIEWPORTS[viewport], base_url=live_url, is_mobile=phone,
                has_touch=phone, device_scale_factor=1,
                reduced_motion="reduce", locale="en-GB",
            )
            context.set_default_timeout(10_000)
            contexts[viewport] = context
        return contexts[viewport].new_page()

    yield open_
    for context in contexts.values():
        context.close()


@pytest.fixture
def new_page(browser, live_url):
    """Return a function opening a page in a browser context of its own (another device).

    Unlike `open_page`, every call is a new context: two calls are two people's browsers.
    """
    contexts = []

    def open_(viewport="laptop"):
        phone = viewport == "phone"
        context = browser.new_context(viewport=VIEWPORTS[viewport], base_url=live_url,
                                      is_mobile=phone, has_touch=phone, locale="en-GB",
                                      reduced_motion="reduce")
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def screenshot_dir():
    """Return the folder the screenshots go to, created."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
