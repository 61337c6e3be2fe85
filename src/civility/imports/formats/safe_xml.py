"""Streaming, safe XML for the converters: defusedxml's parser, elements dropped once consumed.

defusedxml refuses entity declarations (billion laughs, external entities) and never fetches
anything; such a refusal, or a syntax error, becomes ImportFailed naming the problem.

The file is fed in large chunks: expat before 2.6 re-scans an unfinished token on every feed, so
a huge attribute fed in iterparse's 16 KB chunks took quadratic time (a 64 MB attribute ran for
many minutes). A run of MAX_BYTES_PER_EVENT with no element starting or ending is refused, which
bounds both the time and the memory one hostile element can cost.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError, TreeBuilder, XMLPullParser

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from civility.imports.errors import ImportFailed

CHUNK_BYTES = 128 * 1024
MAX_BYTES_PER_EVENT = 8 * 1024 * 1024


def _without_stray_prefix(chunk: bytes) -> bytes:
    """Drop a few stray printable ASCII bytes before the first tag (a hand-edited export's stray
    backtick); a byte-order mark or anything else is left for the parser to judge."""
    start = chunk.find(b"<")
    prefix = chunk[:start] if 0 < start <= 16 else b""
    if prefix and all(32 <= byte < 127 or byte in b"\t\r\n" for byte in prefix):
        return chunk[start:]
    return chunk


def _events(stream: BinaryIO) -> Iterator[tuple[str, Element]]:
    """Yield iterparse's ("start" | "end", element) events, feeding the parser in big chunks."""
    parser = XMLPullParser(
        events=("start", "end"),
        _parser=DefusedXMLParser(target=TreeBuilder(), forbid_dtd=False),  # type: ignore[call-arg]
    )
    since_event = 0
    first = True
    while chunk := stream.read(CHUNK_BYTES):
        if first:
            chunk, first = _without_stray_prefix(chunk), False
        parser.feed(chunk)
        since_event += len(chunk)
        for event in parser.read_events():
            since_event = 0
            yield event  # type: ignore[misc]
        if since_event > MAX_BYTES_PER_EVENT:
            raise ImportFailed(
                f"Refused an element, attribute or text longer than "
                f"{MAX_BYTES_PER_EVENT // (1024 * 1024)} MB; no import record is that large."
            )
    parser.close()
    yield from parser.read_events()  # type: ignore[misc]


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def iter_elements(stream: BinaryIO, depth: int, names: set[str]) -> Iterator[Element]:
    """Yield each complete element at depth (root is 0) whose local name is in names.

    Every element at or above that depth is detached from its parent once it ends, so memory
    holds one record at a time however large the file.
    """
    stack: list[Element] = []
    try:
        for event, elem in _events(stream):
            if event == "start":
                stack.append(elem)
                continue
            stack.pop()
            level = len(stack)
            if level > depth:
                continue
            if level == depth and local_name(elem.tag) in names:
                yield elem
            if stack:
                stack[-1].remove(elem)
    except DefusedXmlException as exc:
        raise ImportFailed(
            f"Refused unsafe XML ({type(exc).__name__}): entity declarations and external "
            "references are not allowed in an import file."
        ) from None
    except ParseError as exc:
        line, column = exc.position
        reason = str(exc).split(":")[0]
        raise ImportFailed(f"Malformed XML at line {line}, column {column}: {reason}.") from None


def child(elem: Element, name: str) -> Element | None:
    """Return the first child with this local name, whatever its namespace."""
    for sub in elem:
        if local_name(sub.tag) == name:
            return sub
    return None


def child_text(elem: Element, name: str) -> str:
    sub = child(elem, name)
    return (sub.text or "").strip() if sub is not None else ""


def attr(elem: Element | None, name: str) -> str:
    """Return an attribute by local name (dsq:id and the like), or ""."""
    if elem is None:
        return ""
    for key, value in elem.attrib.items():
        if local_name(key) == name:
            return value.strip()
    return ""
