"""The page at `GET /`, driven in a real browser: Playwright for Python with
Debian's Chromium (/usr/bin/chromium, installed by .ci/run; no browser is
ever downloaded), against the real gunicorn servers of conftest.py.

Screenshots are written to artifacts/ (gitignored) for a human to look at."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from apitools import DIRECT
from conftest import API_KEYS, ROOT

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "artifacts"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# The ids of the quotes drawn, each once however many pieces it is cut in.
QUOTE_IDS = """els => [...new Set(els.map(e => e.dataset.quote))]"""


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} "
                    "(`apt-get install chromium`; .ci/run does it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[dev]')")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser):
    """A fresh page on `url` with the given viewport; fails the test on any
    script error or console error (a CSP violation shows up as one)."""
    contexts, problems = [], []

    def open_(url: str, viewport=DESKTOP, headers_for_page: dict | None = None, **options):
        context = browser.new_context(viewport=viewport, **options)
        contexts.append(context)
        if headers_for_page:
            # A browser cannot send a bearer token when it navigates: give the
            # page and its assets the key here; the page's own API calls are
            # left alone, so they carry only what the key field sends.
            def add_key(route):
                if "/v1/" in route.request.url:
                    route.continue_()
                else:
                    route.continue_(headers={**route.request.headers, **headers_for_page})
            context.route("**/*", add_key)
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        page.on("console", lambda message: message.type == "error"
                and not expected_console_error(message.text)
                and problems.append(f"console: {message.text}"))
        response = page.goto(url)
        assert response.status == 200, response.status
        return page

    yield open_
    for context in contexts:
        context.close()
    assert not problems, problems


def expected_console_error(text: str) -> bool:
    """The browser logs every non-2xx fetch; the error tests cause them on purpose."""
    return "Failed to load resource" in text


def submit(page) -> None:
    page.click("#run")    # disables the button until the answer is drawn
    page.wait_for_selector("#run:enabled")


def quote_ids(page, selector="#output mark.q[data-quote]") -> list[str]:
    return page.eval_on_selector_all(selector, QUOTE_IDS)


def no_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_speaker_list_shows_each_persons_organisation(open_page, server):
    page = open_page(server.url + "/")
    page.fill("#text", "«Мы готовы к переговорам», — заявил глава МИД России Сергей Лавров. "
                       "Ему возразил политолог Иван Петров: «Это не так».")
    submit(page)
    rows = page.locator("#speakers button.speaker")
    assert rows.locator(".name").all_inner_texts() == ["Сергей Лавров", "Иван Петров"]
    assert rows.filter(has_text="Лавров").locator(".org").inner_text() == "МИД России"
    assert rows.filter(has_text="Петров").locator(".org").count() == 0  # the text names no body for him


def test_the_seed_article_shows_who_said_what(open_page, server):
    page = open_page(server.url + "/")
    assert "Посольстве РФ в РК" in page.input_value("#text")
    submit(page)
    assert page.text_content("#error") == ""

    assert sorted(quote_ids(page)) == [f"q{i}" for i in range(1, 8)]
    assert page.locator("#stats").inner_text().startswith("7 quotes")
    speakers = page.locator("#speakers button.speaker")
    names = speakers.locator(".name").all_inner_texts()
    assert any("МИД" in name for name in names), names
    assert any("Посольство" in name for name in names), names
    mid = speakers.filter(has_text="МИД")
    assert "3 quotes" in mid.inner_text() and "organization" in mid.inner_text()

    # Each quote is drawn from the offsets, in its speaker's colour.
    q2 = page.locator('#output mark.q[data-quote="q2"]')
    assert q2.first.inner_text().startswith("За это время")
    colours = {q: page.eval_on_selector(f'#output mark.q[data-quote="{q}"]', "e => "
                                        "getComputedStyle(e).backgroundColor")
               for q in ("q2", "q4", "q5", "q7")}
    assert colours["q2"] == colours["q4"] != colours["q5"] == colours["q7"]

    # The cue and the speaker are underlined; an anaphor says what it points to.
    assert page.locator("#output .cue").filter(has_text="сказано в сообщении").count() == 1
    there = page.locator("#output .spk.resolved").filter(has_text=re.compile("^Там$")).first
    assert "МИД России" in there.get_attribute("title") or "Посольство" in there.get_attribute("title")
    embassy = page.locator("#output .spk.resolved").filter(has_text="посольства").first
    title = embassy.get_attribute("title")
    assert "Посольство РФ в РК" in title and "«Посольстве РФ в РК»" in title
    embassy.hover()
    assert page.locator("#output .ante.target").inner_text() == "Посольстве РФ в РК"
    page.screenshot(path=str(ARTIFACTS / "page-desktop.png"), full_page=True)

    # A click on a speaker keeps only their quotes highlighted; a second shows all again.
    mid.click()
    assert mid.get_attribute("aria-pressed") == "true"
    assert sorted(quote_ids(page, "#output mark.q:not(.dim)")) == ["q5", "q6", "q7"]
    assert sorted(quote_ids(page, "#output mark.q.dim")) == ["q1", "q2", "q3", "q4"]
    assert page.eval_on_selector('#output mark.q[data-quote="q2"]',
                                 "e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"
    page.screenshot(path=str(ARTIFACTS / "page-filtered.png"), full_page=True)
    mid.click()
    assert mid.get_attribute("aria-pressed") == "false"
    assert len(quote_ids(page, "#output mark.q:not(.dim)")) == 7


def test_the_page_fits_a_phone(open_page, server):
    page = open_page(server.url + "/", viewport=PHONE, device_scale_factor=2,
                     is_mobile=True, has_touch=True)
    assert no_horizontal_overflow(page)
    submit(page)
    assert len(quote_ids(page)) == 7
    assert no_horizontal_overflow(page)
    # One column: the speaker list sits above the text, both within the screen.
    side, text = page.locator("#side").bounding_box(), page.locator("#output").bounding_box()
    assert side["y"] < text["y"]
    assert text["x"] >= 0 and text["x"] + text["width"] <= PHONE["width"]
    # No hover on a phone: a tap writes the details under the text.
    page.locator("#output .spk.resolved").first.tap()
    assert "→" in page.text_content("#detail")
    page.locator("#speakers button.speaker").filter(has_text="Посольство").tap()
    assert sorted(quote_ids(page, "#output mark.q:not(.dim)")) == ["q2", "q3", "q4"]
    page.screenshot(path=str(ARTIFACTS / "page-phone.png"), full_page=True)


def test_errors_are_said_in_plain_words(open_page, server):
    from playwright.sync_api import expect
    page = open_page(server.url + "/")
    page.fill("#text", "")
    submit(page)
    assert "The text is empty" in page.text_content("#error")
    page.screenshot(path=str(ARTIFACTS / "page-error.png"))

    # A .txt file in Windows-1251 is read into the text area.
    page.set_input_files("#file", files=[{"name": "quote.txt", "mimeType": "text/plain",
                                          "buffer": DIRECT.encode("cp1251")}])
    expect(page.locator("#text")).to_have_value(DIRECT)  # no eval: the page's CSP forbids it
    submit(page)
    assert page.text_content("#error") == ""
    assert quote_ids(page) == ["q1"]
    assert page.locator("#speakers .name").all_inner_texts() == ["Сергей Лавров"]


def test_the_key_field_is_sent_as_a_bearer_token(open_page, secured_server):
    page = open_page(secured_server.url + "/",
                     headers_for_page={"Authorization": f"Bearer {API_KEYS[0]}"})
    page.fill("#text", DIRECT)
    submit(page)
    assert "needs an API key" in page.text_content("#error")

    page.fill("#key", "wrong-key")
    submit(page)
    assert "did not accept this API key" in page.text_content("#error")

    page.fill("#key", API_KEYS[0])
    with page.expect_request("**/v1/quotes") as request:
        submit(page)
    assert request.value.headers["authorization"] == f"Bearer {API_KEYS[0]}"
    assert page.text_content("#error") == ""
    assert quote_ids(page) == ["q1"]

    # The secured server takes at most 200 characters (and 4000 bytes).
    page.fill("#text", "Слово. " * 50)
    submit(page)
    message = page.text_content("#error")
    assert "too long" in message and "350" in message and "200" in message, message
    page.fill("#text", "Слово. " * 500)
    submit(page)
    assert "too long" in page.text_content("#error")
