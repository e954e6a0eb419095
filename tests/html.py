import html
import re
from html.parser import HTMLParser


class _Scan(HTMLParser):
    def __init__(self):
        super().__init__()
        self.handlers = []  # (tag, attribute) of every on* event attribute
        self.scripts = []  # attributes of every <script>

    def handle_starttag(self, tag, attrs):
        self.handlers += [(tag, name) for name, _ in attrs if name.startswith("on")]
        if tag == "script":
            self.scripts.append(dict(attrs))


def assert_inert(html):
    """No event-handler attributes, and no script but our own file and JSON-LD data."""
    scan = _Scan()
    scan.feed(html)
    assert scan.handlers == []
    for script in scan.scripts:
        assert script.get("src", "").startswith("/static/") or script.get("type") in (
            "application/ld+json",
            "application/json",
        ), script


def main_content(response):
    """The page's <main> element: what the page says beyond the menu, header and footer."""
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def release_titles(response):
    """The titles of the release items on a page, in order."""
    found = re.findall(
        r'class="release-item-title"><a href="[^"]*">(.*?)</a>', main_content(response)
    )
    return [html.unescape(title) for title in found]


def facet_values(response):
    """{facet title: {value label: (count, link, selected)}} of the page's filter sidebar."""
    facets = {}
    aside = main_content(response).split('<aside class="facets"', 1)[-1]
    for title, body in re.findall(r"<summary>(.*?)</summary>(.*?)</details>", aside, re.S):
        values = re.findall(
            r'<a href="([^"]*)"( class="facet-selected")?[^>]*>(.*?) <span class="count">(\d+)',
            body,
        )
        facets[title] = {
            html.unescape(label): (int(count), html.unescape(url), bool(selected))
            for url, selected, label, count in values
        }
    return facets
