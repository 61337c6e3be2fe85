"""Markdown to safe HTML: markdown-it-py renders, nh3 cleans.

Reader comments get a small subset; staff-written story bodies get more (headings, images, figures).
Output is rendered once when written and stored, never per page view.
"""

from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt

_URL_SCHEMES = {"http", "https", "mailto"}
_LINK_REL = "nofollow ugc noopener"

_comment_md = MarkdownIt("zero", {"linkify": False, "html": False, "breaks": True}).enable(
    ["emphasis", "link", "blockquote", "list", "backticks", "newline", "autolink"]
)
_COMMENT_TAGS = {"p", "br", "em", "strong", "a", "blockquote", "ul", "ol", "li", "code"}

_story_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": True})
_STORY_TAGS = _COMMENT_TAGS | {
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "img",
    "figure",
    "figcaption",
    "hr",
    "pre",
}


def render_comment(source: str) -> str:
    """Return sanitized HTML for a reader's comment."""
    return clean_comment_html(_comment_md.render(source))


def clean_comment_html(html: str) -> str:
    """Cut any HTML (rendered here, or imported from another system) to what a comment may carry."""
    return nh3.clean(
        html,
        tags=_COMMENT_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes=_URL_SCHEMES,
        link_rel=_LINK_REL,
    )


def render_story(source: str) -> str:
    """Return sanitized HTML for a hosted story body; an image with a title becomes a figure."""
    tokens = _story_md.parse(source)
    html = _story_md.renderer.render(tokens, _story_md.options, {})
    html = _figures(html)
    return nh3.clean(
        html,
        tags=_STORY_TAGS,
        attributes={"a": {"href", "title"}, "img": {"src", "alt", "title", "loading"}},
        url_schemes=_URL_SCHEMES,
        link_rel=_LINK_REL,
    )


def _figures(html: str) -> str:
    """Turn a paragraph holding only an image with a title into <figure> with its caption."""

    pattern = re.compile(
        r'<p><img src="(?P<src>[^"]*)" alt="(?P<alt>[^"]*)" title="(?P<title>[^"]*)" ?/?></p>'
    )
    return pattern.sub(
        lambda m: (
            f'<figure><img src="{m["src"]}" alt="{m["alt"]}" loading="lazy">'
            f"<figcaption>{m['title']}</figcaption></figure>"
        ),
        html,
    )
