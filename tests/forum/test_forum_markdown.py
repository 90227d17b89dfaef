"""Posts' Markdown: rendered with raw HTML disabled and sanitised (no script, no handler, no
javascript: link, no image, no style)."""

from __future__ import annotations

from stdgap.forum.markdown import render


def test_markdown_is_rendered() -> None:
    html = render("**bold** and *em*\n\n- one\n- two\n\n`code` [ITU](https://www.itu.int)")
    assert "<strong>bold</strong>" in html and "<em>em</em>" in html
    assert "<li>one</li>" in html and "<code>code</code>" in html
    assert 'href="https://www.itu.int"' in html and 'rel="nofollow noopener noreferrer"' in html


def test_raw_html_is_shown_as_text() -> None:
    html = render("<script>alert(1)</script> and <b onclick='x()'>b</b>")
    assert "<script" not in html and "<b" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_javascript_and_data_links_are_removed() -> None:
    for link in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x"):
        html = render(f"[click]({link})")
        assert "href" not in html, (link, html)
        assert "alert" not in html or "href" not in html


def test_images_are_not_embedded() -> None:
    html = render("![a chart](https://example.org/x.png)")
    assert "<img" not in html


def test_autolinks_and_mail_keep_safe_schemes() -> None:
    html = render("<https://example.org> <mailto:a@example.org>")
    assert 'href="https://example.org"' in html and 'href="mailto:a@example.org"' in html


def test_tables_are_kept_without_styles() -> None:
    html = render("| a | b |\n|:-|-:|\n| 1 | 2 |")
    assert "<table>" in html and "style" not in html
