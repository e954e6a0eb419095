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
        r'class="release-item-title"><a href="[^"]*"[^>]*>(.*?)</a>', main_content(response)
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


class _Form(HTMLParser):
    """The values a browser would submit from the form with the given id (files left out)."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.values = form_id, False, {}
        self.select = self.textarea = None

    def add(self, name, value):
        self.values.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "disabled" in attrs:
            return
        kind = attrs.get("type", "text")
        if tag == "input" and attrs.get("name") and kind not in ("submit", "button", "file"):
            if kind not in ("checkbox", "radio") or "checked" in attrs:
                self.add(attrs["name"], attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select":
            self.select, self.multiple, self.first = attrs.get("name"), "multiple" in attrs, None
            self.values.setdefault(self.select, [])
        elif tag == "option" and self.select:
            self.first = attrs.get("value", "") if self.first is None else self.first
            if "selected" in attrs:
                self.add(self.select, attrs.get("value", ""))
        elif tag == "textarea":
            self.textarea = attrs.get("name")
            self.add(self.textarea, "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select:
            if not self.multiple and not self.values[self.select] and self.first is not None:
                self.add(self.select, self.first)  # what a browser sends: the first option
            self.select = None
        elif tag == "textarea" and self.textarea:
            value = self.values[self.textarea][-1]
            self.values[self.textarea][-1] = value[1:] if value.startswith("\n") else value
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.values[self.textarea][-1] += data


def form_values(response, form_id):
    """A page's form as a dict for the test client: lists for repeated names."""
    scan = _Form(form_id)
    scan.feed(response.content.decode())
    return {name: values[0] if len(values) == 1 else values for name, values in scan.values.items()}
