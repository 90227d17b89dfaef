"""Posts are Markdown (CommonMark and tables) rendered to HTML with raw HTML disabled (markup in a
post is shown as text) and then sanitised with an allow-list (nh3): no scripts, no event
handlers, no styles, links only to http, https and mailto (a ``javascript:`` link is dropped),
and no images (``![alt](url)`` is shown as a link; images from other sites would leak readers'
visits)."""

from __future__ import annotations

from functools import cache

import nh3
from markdown_it import MarkdownIt

TAGS = frozenset(
    {
        "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "a",
        "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
        "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
SCHEMES = frozenset({"http", "https", "mailto"})


@cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.enable("table")
    parser.disable("image")
    return parser


def render(text: str) -> str:
    """The safe HTML of a post's Markdown."""
    html = _parser().render(text)
    return nh3.clean(
        html,
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(SCHEMES),
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )
