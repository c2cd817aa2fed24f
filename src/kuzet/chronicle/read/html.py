"""A saved web page of a chronicle -> lines of the article body, for the core splitter.

Only the article body is read: the first of ``.entry-content`` (WordPress),
``[itemprop=articleBody]``, ``article``, ``main``, ``[role=main]``, ``body`` that
holds text. Scripts, styles, forms, navigation, headers, footers, asides,
comments and share/comment/related-post blocks are dropped first. Each block
element (``p``, ``li``, ``div``, ``h2``...) is a paragraph; ``<br>`` breaks a line.

Footnote markers are kept as ``[N]`` whether written ``[3]``, ``<sup>3</sup>`` or
``<a href="#fn3"><sup>3</sup></a>``; a marker linking straight to a web page
records that page as the footnote's source. Items of a footnote list
(``<ol>`` of links, WordPress's footnotes block) become ``[N] URL`` lines.

Hostile pages: the HTML5 parser (lexbor, via selectolax) costs time in the
square of the nesting depth, so tags nested deeper than :data:`MAX_DEPTH` are
dropped (their text is kept) before parsing; the tree is walked without recursion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .text import Line

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

__all__ = ["MAX_DEPTH", "declared_charset", "html_lines"]

MAX_DEPTH = 256
_DROP = (
    "script, style, noscript, template, iframe, object, embed, svg, canvas, form, button, "
    "input, select, textarea, nav, header, footer, aside, dialog, head"
)
# Class or id tokens of page parts that are not the article (WordPress and common themes).
_CHROME_TOKENS = frozenset(
    {
        "comments",
        "comment-respond",
        "respond",
        "comments-area",
        "comment-list",
        "sharedaddy",
        "sd-sharing",
        "share",
        "share-buttons",
        "social-share",
        "addtoany",
        "jp-relatedposts",
        "related-posts",
        "related",
        "yarpp-related",
        "sidebar",
        "widget-area",
        "widget",
        "navigation",
        "post-navigation",
        "nav-links",
        "breadcrumbs",
        "breadcrumb",
        "entry-meta",
        "post-meta",
        "entry-footer",
        "cookie-notice",
        "cookie-banner",
        "screen-reader-text",
        "skip-link",
    }
)
_BODY_SELECTORS = (
    ".entry-content",
    "[itemprop=articleBody]",
    ".post-content",
    ".article-content",
    ".article-body",
    "article",
    "main",
    "[role=main]",
    "body",
)
_TITLE_SELECTORS = (".entry-title", "article h1", "h1", "title")
_BLOCK = frozenset(
    {
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "section",
        "article",
        "main",
        "table",
        "tr",
        "thead",
        "tbody",
        "tfoot",
        "dl",
        "dt",
        "dd",
        "figure",
        "figcaption",
        "address",
        "details",
        "summary",
        "center",
        "body",
        "html",
    }
)
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "keygen",
        "!doctype",
    }
)
# Elements the parser closes by itself: they never pile up.
_SELF_CLOSING = frozenset(
    {
        "p",
        "li",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "option",
        "optgroup",
        "rb",
        "rt",
        "rp",
        "thead",
        "tbody",
        "tfoot",
        "colgroup",
        "caption",
        "a",
        "nobr",
    }
)
# "[^<>]" (not "[^>]"): a run of unclosed "<a<a<a" must not be rescanned from each "<".
_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b[^<>]*?(/?)>")
_MARKER_TEXT_RE = re.compile(r"^\s*\[?\^?\s*(\d{1,4})\s*\]?\s*$")
_BRACKETED_RE = re.compile(r"^\s*\[\^?\s*\d{1,4}\s*\]\s*$")
_BACKLINK_RE = re.compile(r"^\s*[↩↑^⤴︎\u21a9\ufe0e]+\s*$")
_SPACE_RE = re.compile(r"[ \t\n\r\f\v\u00a0]+")
_CHARSET_RE = re.compile(
    rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_-]{2,40})", re.IGNORECASE
)
_URL_IN_TEXT_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first few kilobytes."""
    m = _CHARSET_RE.search(data[:8192])
    return m.group(1).decode("ascii").lower() if m else None


def html_lines(html: str) -> tuple[list[Line], str | None]:
    """The article body's lines and the page's title."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(limit_depth(html))
    title = _title(tree)
    for node in tree.css(_DROP):
        node.decompose()
    for node in tree.css("[class], [id]"):
        tokens = set((node.attributes.get("class") or "").lower().split())
        tokens.add((node.attributes.get("id") or "").lower())
        if tokens & _CHROME_TOKENS:
            node.decompose()
    body = _body(tree)
    if body is None:
        return [], title
    return _Walker().walk(body), title


def limit_depth(html: str, limit: int = MAX_DEPTH) -> str:
    """Drop tags nested deeper than ``limit`` (keeping their text), so parsing stays fast."""
    depth = 0
    deepest = 0
    for m in _TAG_RE.finditer(html):
        name = m.group(2).lower()
        if name in _VOID or name in _SELF_CLOSING or m.group(3):
            continue
        depth = max(0, depth - 1) if m.group(1) else depth + 1
        deepest = max(deepest, depth)
    if deepest <= limit:
        return html
    out: list[str] = []
    kept: list[str] = []
    excess: dict[str, int] = {}
    pos = 0
    for m in _TAG_RE.finditer(html):
        name = m.group(2).lower()
        if name in _VOID or name in _SELF_CLOSING or m.group(3):
            continue
        drop = False
        if not m.group(1):
            if len(kept) >= limit:
                excess[name] = excess.get(name, 0) + 1
                drop = True
            else:
                kept.append(name)
        elif excess.get(name):
            excess[name] -= 1
            drop = True
        elif kept and kept[-1] == name:
            kept.pop()
        if drop:
            out.append(html[pos : m.start()])
            out.append(" ")
            pos = m.end()
    out.append(html[pos:])
    return "".join(out)


def _text(node: LexborNode) -> str:
    return _SPACE_RE.sub(" ", node.text(deep=True, separator=" ")).strip()


def _title(tree: object) -> str | None:
    for selector in _TITLE_SELECTORS:
        node = tree.css_first(selector)  # type: ignore[attr-defined]
        if node is not None:
            text = _text(node)
            if text:
                return text
    return None


def _body(tree: object) -> LexborNode | None:
    for selector in _BODY_SELECTORS:
        nodes = tree.css(selector)  # type: ignore[attr-defined]
        best = max(nodes, key=lambda n: len(n.text(deep=True)), default=None)
        if best is not None and best.text(deep=True).strip():
            return best  # type: ignore[no-any-return]
    return None


def _is_web(href: str) -> bool:
    return href.lower().startswith(("http://", "https://"))


@dataclass
class _Walker:
    """Walks a tree in document order without recursion, building lines."""

    lines: list[Line] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    markers: list[tuple[int, str]] = field(default_factory=list)
    counters: dict[int, int] = field(default_factory=dict)  # <ol> -> its last item's number

    def walk(self, root: LexborNode) -> list[Line]:
        node = root.first_child
        while node is not None:
            descend = self._enter(node)
            if descend and node.first_child is not None:
                node = node.first_child
                continue
            self._leave(node, descended=descend)
            while node is not None and node.next is None:
                node = node.parent
                if node is None or node.mem_id == root.mem_id:
                    node = None
                    break
                self._leave(node, descended=True)
            if node is not None:
                node = node.next
        self._flush()
        return self.lines

    # -- events ---------------------------------------------------------------
    def _enter(self, node: LexborNode) -> bool:
        """Handle an element or text on the way in; False: do not read its children."""
        if node.is_text_node:
            self.parts.append(node.text_content or "")
            return False
        if node.is_comment_node or not node.is_element_node:
            return False
        tag = node.tag
        if tag in _BLOCK:
            self._paragraph_break()
            if tag == "li":
                self._list_item(node)
            return True
        if tag == "br":
            self._flush()
            return False
        if tag == "hr":
            self._paragraph_break()
            self.parts.append("***")
            self._paragraph_break()
            return False
        if tag in ("td", "th"):
            self.parts.append(" ")
            return True
        if tag in ("sup", "a"):
            return not self._marker(node)
        return tag != "img"

    def _leave(self, node: LexborNode, *, descended: bool) -> None:
        if node.is_element_node and node.tag in _BLOCK:
            self._paragraph_break()

    # -- pieces ---------------------------------------------------------------
    def _marker(self, node: LexborNode) -> bool:
        """Write a footnote marker for ``node`` if it is one; True if it was."""
        text = node.text(deep=True)
        href = node.attributes.get("href") or ""
        if node.tag == "a" and _BACKLINK_RE.match(text):
            return True  # "↩": a footnote's link back to its marker
        m = _MARKER_TEXT_RE.match(text)
        if not m:
            if node.tag == "a" and _is_web(href):
                self.links.append(href)
            return False
        inner_sup = node.tag == "sup" or node.css_first("sup") is not None
        parent = node.parent
        in_sup = parent is not None and parent.tag == "sup"
        if not (inner_sup or in_sup or _BRACKETED_RE.match(text) or href.startswith("#")):
            return False  # a plain number that happens to be a link ("page 2")
        n = int(m.group(1))
        if node.tag == "sup":
            link = node.css_first("a[href]")
            href = (link.attributes.get("href") or "") if link is not None else ""
        if _is_web(href):
            self.markers.append((n, href))
        self.parts.append(f"[{n}]")
        return True

    def _list_item(self, node: LexborNode) -> None:
        parent = node.parent
        if parent is None or parent.tag != "ol":
            return
        key = parent.mem_id
        if key not in self.counters:
            try:
                self.counters[key] = int(parent.attributes.get("start") or 1) - 1
            except ValueError:
                self.counters[key] = 0
        self.counters[key] += 1
        n = self.counters[key]
        has_link = any(_is_web(a.attributes.get("href") or "") for a in node.css("a[href]"))
        if has_link or _URL_IN_TEXT_RE.search(node.text(deep=True)):
            self.parts.append(f"[{n}] ")  # a footnote list: "[N] URL"
        else:
            self.parts.append(f"{n}. ")

    def _flush(self) -> None:
        text = _SPACE_RE.sub(" ", "".join(self.parts)).strip()
        if text:
            self.lines.append(Line(text, None, tuple(self.links), tuple(self.markers)))
        self.parts.clear()
        self.links = []
        self.markers = []

    def _paragraph_break(self) -> None:
        self._flush()
        if self.lines and self.lines[-1].text:
            self.lines.append(Line("", None))
