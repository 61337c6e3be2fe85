"""Parse HTML the way a browser does (html5lib) and list whatever in it could run script."""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

import html5lib

# What a reader's comment may carry after nh3 (civility.core.markdown).
COMMENT_TAGS = {"p", "br", "em", "strong", "a", "blockquote", "ul", "ol", "li", "code"}
COMMENT_ATTRIBUTES = {"a": {"href", "title", "rel"}}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
# Control characters and whitespace that browsers strip before reading a URL's scheme.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\u200b-\u200f\u2028\u2029\ufeff]")
SAFE_SCHEMES = {"http", "https", "mailto"}


def parse(html: str) -> Element:
    return html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)


def local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _elements(root: Element):  # type: ignore[no-untyped-def]
    for element in root.iter():
        if isinstance(element.tag, str):  # comments and doctype have callables as tags
            yield element


def url_scheme(value: str) -> str | None:
    cleaned = _IGNORED_IN_SCHEME.sub("", value).lower()
    match = re.match(r"^([a-z][a-z0-9+.\-]*):", cleaned)
    return match.group(1) if match else None


def _is_image_data(value: str) -> bool:
    return value.strip().lower().startswith("data:image/")


def page_problems(html: str) -> list[str]:
    """Anything on a whole page that runs or loads script: inline or foreign scripts, event
    handler and style attributes, script-capable URLs, frames, plugins and <base>."""
    problems = []
    for element in _elements(parse(html)):
        tag = local(element.tag)
        if tag == "script":
            src = element.get("src", "")
            kind = element.get("type", "")
            if kind == "application/json":
                continue  # data, not code (Swagger UI's settings)
            if not src.startswith("/static/") or (element.text or "").strip():
                problems.append(f"<script src={src!r}> with text {element.text!r}")
        if tag in {"iframe", "frame", "object", "embed", "base", "applet"}:
            problems.append(f"<{tag}>")
        if tag == "meta" and element.get("http-equiv", "").lower() == "refresh":
            problems.append("<meta http-equiv=refresh>")
        for name, value in element.attrib.items():
            attribute = local(name)
            if attribute.startswith("on"):
                problems.append(f"<{tag} {attribute}={value[:120]!r}>")
            if attribute == "style":
                problems.append(f"<{tag} style={value[:120]!r}>")
            if attribute in URL_ATTRIBUTES or name.endswith("}href"):
                scheme = url_scheme(value)
                # An image document never runs script, even SVG (the initials avatars).
                image = tag == "img" and attribute == "src" and _is_image_data(value)
                if scheme is not None and scheme not in SAFE_SCHEMES and not image:
                    problems.append(f"<{tag} {attribute}={value[:120]!r}>")
    return problems


def _subtree_problems(container: Element) -> list[str]:
    problems = []
    for element in _elements(container):
        if element is container:
            continue
        tag = local(element.tag)
        if tag not in COMMENT_TAGS:
            problems.append(f"<{tag}> is not allowed in a comment")
        allowed = COMMENT_ATTRIBUTES.get(tag, set())
        problems.extend(
            f"<{tag} {name}> is not allowed in a comment"
            for name in element.attrib
            if local(name) not in allowed
        )
        if tag == "a" and "href" in element.attrib:
            rel = set(element.get("rel", "").split())
            if not {"nofollow", "noopener"} <= rel:
                problems.append(f"<a href={element.get('href')!r}> without rel=nofollow noopener")
    return problems


def fragment_problems(html: str) -> list[str]:
    """Anything in a comment's HTML (an API `html` field) beyond what comments may carry."""
    root = parse(html)
    body = root.find("body")
    assert body is not None
    head = root.find("head")
    leaked_into_head = [f"<{local(e.tag)}> in head" for e in _elements(head) if e is not head]
    return page_problems(html) + leaked_into_head + _subtree_problems(body)


def body_problems(page: str, css_class: str) -> tuple[int, list[str]]:
    """Check every element of the page with this class (comment bodies): how many, and what in
    them goes beyond what comments may carry."""
    count, problems = 0, []
    for element in _elements(parse(page)):
        if css_class in element.get("class", "").split():
            count += 1
            problems.extend(_subtree_problems(element))
    return count, problems
