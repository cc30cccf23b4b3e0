"""The page at `GET /`, without a browser: it is HTML, comes with its own
CSS and script, and loads nothing from outside the service."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest


class Assets(HTMLParser):
    """Every src/href of a page, and whether it has inline script or style."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.inline: list[str] = []
        self.textarea = ""
        self._in_textarea = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.urls += [value for name, value in attrs.items() if name in ("src", "href") and value]
        if tag == "script" and "src" not in attrs or tag == "style" or "style" in attrs:
            self.inline.append(tag)
        if any(name.startswith("on") for name in attrs):
            self.inline.append(f"{tag} event handler")
        self._in_textarea = tag == "textarea"

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._in_textarea = False

    def handle_data(self, data):
        if self._in_textarea:
            self.textarea += data


@pytest.fixture
def page(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assets = Assets()
    assets.feed(response.get_data(as_text=True))
    return response, assets


def test_the_page_is_html_with_the_seed_article(page):
    response, assets = page
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    # The public article the product started from, ready to submit.
    assert "Посольстве РФ в РК" in assets.textarea
    assert "отметили в МИД РФ" in assets.textarea
    assert len(assets.textarea) > 3000


def test_the_page_loads_nothing_from_outside(page, client):
    response, assets = page
    assert set(assets.urls) >= {"static/page.css", "static/page.js"}
    assert not assets.inline, assets.inline   # the CSP allows no inline script or style
    texts = [response.get_data(as_text=True)]
    for url in assets.urls:
        assert not re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url, re.I), url
        served = client.get("/" + url)
        assert served.status_code == 200, url
        texts.append(served.get_data(as_text=True))
    for text in texts:
        assert not re.search(r"https?://", text)
        assert not re.search(r"""["'(]//[a-z0-9]""", text, re.I)


@pytest.mark.parametrize("path, mimetype", [
    ("/static/page.css", "text/css"),
    ("/static/page.js", "text/javascript"),
    ("/static/index.html", "text/html"),
])
def test_the_static_files_are_served(client, path, mimetype):
    response = client.get(path)
    assert response.status_code == 200
    assert response.mimetype == mimetype
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_script_never_puts_text_into_html(client):
    script = client.get("/static/page.js").get_data(as_text=True)
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write", script)
