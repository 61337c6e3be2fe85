"""Streaming, safe XML for the converters: defusedxml's iterparse, elements dropped once consumed.

defusedxml refuses entity declarations (billion laughs, external entities) and never fetches
anything; such a refusal, or a syntax error, becomes ImportFailed naming the problem.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from civility.imports.errors import ImportFailed


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
        for event, elem in iterparse(stream, events=("start", "end")):
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
