"""A Word ``.docx`` chronicle -> lines and footnotes, for the core splitter.

Paragraphs are read in body order (table cells included); each paragraph is a
block and a manual line break (``<w:br/>``) breaks a line. Footnote markers are
kept as ``[N]`` whether typed, superscript digits, or Word's own footnotes. Word
numbers its footnotes by order of appearance, and so does this reader; their
text (``word/footnotes.xml``, read with zipfile + lxml because python-docx has no
footnote API) gives the reference list. Endnotes are read the same way.

A paragraph's line number is its 1-based position among the body's paragraphs.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import ReadError
from ..model import Reference
from .text import Line, find_url

__all__ = ["MAX_UNZIPPED_BYTES", "docx_lines"]

MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # a zip bomb is refused before it is unpacked
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_NOTE_PARTS = {"footnoteReference": "word/footnotes.xml", "endnoteReference": "word/endnotes.xml"}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def docx_lines(data: bytes, *, name: str) -> tuple[list[Line], list[Reference]]:
    """The body's lines and the document's own footnotes as references."""
    archive = _open_zip(data, name)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001
        # python-docx reports a malformed package with whatever error its parsing
        # hits first (KeyError, AttributeError, XMLSyntaxError...): all mean the same.
        raise ReadError(f"{name} is not a readable Word document ({type(exc).__name__})") from None
    rels = {rid: rel.target_ref for rid, rel in document.part.rels.items() if rel.is_external}
    reader = _BodyReader(rels)
    reader.read(document.element.body)
    references = _notes(archive, reader.notes, name)
    return reader.lines, references


def _open_zip(data: bytes, name: str) -> zipfile.ZipFile:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise ReadError(f"{name} is an old Word .doc file; save it as .docx")
        raise ReadError(f"{name} is not a Word document (not a zip archive)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ReadError(f"{name} is a damaged zip archive: {exc}") from None
    if "word/document.xml" not in {i.filename for i in infos}:
        raise ReadError(f"{name} is a zip archive but not a Word document")
    if sum(i.file_size for i in infos) > MAX_UNZIPPED_BYTES:
        raise ReadError(
            f"{name} unpacks to more than {MAX_UNZIPPED_BYTES // 2**20} MB; refusing it"
        )
    return archive


@dataclass
class _BodyReader:
    rels: dict[str, str]
    lines: list[Line] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (part, id) in order of display
    _parts: list[str] = field(default_factory=list)
    _links: list[str] = field(default_factory=list)
    _markers: list[tuple[int, str]] = field(default_factory=list)
    _para: int = 0
    _sup: str = ""  # superscript digits not yet written as a marker

    def read(self, body: Any) -> None:
        for p in body.iter(_w("p")):
            # A text box's paragraphs appear twice, once in the Fallback copy.
            if _inside(p, {_w("del"), _w("footnote"), _w("endnote"), f"{{{MC}}}Fallback"}):
                continue
            self._para += 1
            self._paragraph(p)
            self._flush()
            if self.lines and self.lines[-1].text:
                self.lines.append(Line("", None))

    def _paragraph(self, p: Any) -> None:
        for child in p:
            tag = child.tag
            if tag == _w("r"):
                self._run(child)
            elif tag == _w("hyperlink"):
                self._hyperlink(child)
            elif tag in (_w("ins"), _w("smartTag"), _w("customXml"), _w("fldSimple"), _w("sdt")):
                for run in child.iter(_w("r")):
                    self._run(run)

    def _hyperlink(self, link: Any) -> None:
        url = self.rels.get(link.get(f"{{{R}}}id") or "", "")
        text = "".join(t.text or "" for t in link.iter(_w("t")))
        number = text.strip().strip("[]^ ")
        if number.isdigit() and len(number) <= 4:
            self._end_sup()
            self._parts.append(f"[{int(number)}]")
            if url.lower().startswith(("http://", "https://")):
                self._markers.append((int(number), url))
            return
        if url:
            self._links.append(url)
        for run in link.iter(_w("r")):
            self._run(run)

    def _run(self, run: Any) -> None:
        valign = run.find(f"{_w('rPr')}/{_w('vertAlign')}")
        superscript = valign is not None and valign.get(_w("val")) == "superscript"
        for el in run:
            tag = el.tag.rsplit("}", 1)[-1]
            if tag == "t":
                text = el.text or ""
                if superscript and text.strip().isdigit():
                    self._sup += text.strip()
                    continue
                self._end_sup()
                self._parts.append(text)
            elif tag == "tab":
                self._end_sup()
                self._parts.append("\t")
            elif tag in ("br", "cr") and el.get(_w("type")) in (None, "textWrapping"):
                self._flush()
            elif tag in _NOTE_PARTS:
                self._end_sup()
                self.notes.append((_NOTE_PARTS[tag], el.get(_w("id")) or ""))
                self._parts.append(f"[{len(self.notes)}]")

    def _end_sup(self) -> None:
        if self._sup:
            self._parts.append(f"[{int(self._sup)}]" if len(self._sup) <= 4 else self._sup)
            self._sup = ""

    def _flush(self) -> None:
        self._end_sup()
        text = "".join(self._parts).strip()
        if text:
            self.lines.append(Line(text, self._para, tuple(self._links), tuple(self._markers)))
        self._parts, self._links, self._markers = [], [], []


def _inside(el: Any, tags: set[str]) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _notes(archive: zipfile.ZipFile, notes: list[tuple[str, str]], name: str) -> list[Reference]:
    """The footnotes and endnotes cited in the body, numbered as Word shows them."""
    if not notes:
        return []
    texts: dict[tuple[str, str], tuple[str, list[str]]] = {}
    for part in {p for p, _ in notes}:
        texts.update(_read_notes(archive, part, name))
    out: list[Reference] = []
    for number, key in enumerate(notes, start=1):
        text, links = texts.get(key, ("", []))
        url = find_url(text) or (links[0] if links else text.strip())
        out.append(Reference(number, url, None))
    return out


def _read_notes(
    archive: zipfile.ZipFile, part: str, name: str
) -> Iterator[tuple[tuple[str, str], tuple[str, list[str]]]]:
    from lxml import etree

    try:
        xml = archive.read(part)
    except KeyError:
        return
    rels = _part_rels(archive, part)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"{name}: its {part} is not valid XML ({exc.msg})") from None
    for note in root:
        if note.get(_w("type")) not in (None, "normal"):
            continue  # the separator lines Word keeps as notes -1 and 0
        text = "".join(t.text or "" for t in note.iter(_w("t")))
        links = [
            rels[h.get(f"{{{R}}}id")]
            for h in note.iter(_w("hyperlink"))
            if h.get(f"{{{R}}}id") in rels
        ]
        yield (part, note.get(_w("id")) or ""), (text, links)


def _part_rels(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    from lxml import etree

    folder, _, file = part.rpartition("/")
    try:
        xml = archive.read(f"{folder}/_rels/{file}.rels")
    except KeyError:
        return {}
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError:
        return {}
    return {
        rel.get("Id"): rel.get("Target")
        for rel in root.iter(f"{{{REL}}}Relationship")
        if rel.get("TargetMode") == "External"
    }
