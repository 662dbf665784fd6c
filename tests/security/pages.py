"""Reading rendered pages: every start tag with its attributes, and what each script holds."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass
class Tag:
    name: str
    attrs: dict[str, str | None]
    text: str = ""  # for <script> and <style>: what they hold
    line: int = 0


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[Tag] = []
        self._open: Tag | None = None

    def handle_starttag(self, tag, attrs):
        found = Tag(tag, dict(attrs), line=self.getpos()[0])
        self.tags.append(found)
        if tag in ("script", "style"):
            self._open = found

    def handle_startendtag(self, tag, attrs):
        self.tags.append(Tag(tag, dict(attrs), line=self.getpos()[0]))

    def handle_data(self, data):
        if self._open is not None:
            self._open.text += data

    def handle_endtag(self, tag):
        if self._open is not None and tag == self._open.name:
            self._open = None


def tags(html: str) -> list[Tag]:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.tags


def inputs(html: str, name: str, *types: str) -> list[str]:
    """The values of the inputs called `name` (of these types), in page order."""
    return [
        tag.attrs.get("value") or ""
        for tag in tags(html)
        if tag.name == "input"
        and tag.attrs.get("name") == name
        and (not types or tag.attrs.get("type") in types)
    ]


def inline_code(html: str) -> list[str]:
    """Everything on the page that a strict Content-Security-Policy would block or that
    smuggles script: inline scripts, event handler attributes, style attributes and
    elements, javascript: URLs, scripts from other sites."""
    found = []
    for tag in tags(html):
        where = f"line {tag.line}: <{tag.name}"
        if tag.name == "script":
            if not tag.attrs.get("src"):
                found.append(f"{where}> inline script {tag.text.strip()[:60]!r}")
            elif not tag.attrs["src"].startswith("/"):
                found.append(f"{where} src={tag.attrs['src']!r}> from another site")
            elif tag.text.strip():
                found.append(f"{where}> with a src and inline code")
        if tag.name == "style":
            found.append(f"{where}> inline style element")
        for attribute, value in tag.attrs.items():
            if attribute.startswith("on"):
                found.append(f"{where} {attribute}=...> event handler attribute")
            if attribute == "style":
                found.append(f"{where} style={value!r}> style attribute")
            if attribute in ("href", "src", "action", "formaction", "hx-get", "hx-post") and (
                (value or "").strip().lower().startswith("javascript:")
            ):
                found.append(f"{where} {attribute}={value!r}> javascript: URL")
    return found
