"""Reading news articles: .txt, .html (text only, scripts and styles dropped) and .jsonl (issue #4)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hudna.errors import DataError

__all__ = ["Article", "html_to_text", "iter_articles", "parse_date"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read: ``text`` verbatim (for HTML: the extracted text)."""

    doc_id: str
    text: str
    title: str | None = None
    published_on: date | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None
    line: int | None = None


def parse_date(value: str | None, *, path: str | None = None, line: int | None = None,
               field: str = "published_on") -> date | None:
    """Parse ``YYYY-MM-DD`` (a time part after it is ignored); ``None``/empty gives ``None``.

    Examples
    --------
    >>> parse_date("2015-08-03 20:10:48")
    datetime.date(2015, 8, 3)
    """
    if not value:
        return None
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError as exc:
        raise DataError(f"not a date: {value!r}", path=path, line=line, field=field) from exc


def html_to_text(html: str) -> tuple[str, str | None]:
    """Visible text and title of an HTML page (scripts, styles, templates dropped).

    Examples
    --------
    >>> html_to_text("<html><title>T</title><script>x=1</script><p>قصف على حلب</p></html>")
    ('قصف على حلب', 'T')
    """
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(html)
    title_node = tree.css_first("title")
    title = title_node.text(strip=True) if title_node is not None else None
    for tag in ("script", "style", "noscript", "template", "title", "head"):
        for node in tree.css(tag):
            node.decompose()
    body = tree.body or tree.root
    if body is None:
        return "", title
    parts = [n.text(separator=" ", strip=True) for n in body.css("h1,h2,h3,h4,p,li,td,blockquote")]
    text = "\n\n".join(p for p in parts if p)
    if not text:
        text = body.text(separator="\n", strip=True)
    return text, title


def iter_articles(path: str | Path, *, on_invalid: str = "raise") -> Iterator[Article]:
    """Articles of a file: ``.txt`` / ``.html`` give one, ``.jsonl`` one per line.

    JSONL fields: ``doc_id``, ``content`` or ``text``, ``title``, ``published_on`` (or the date
    part of ``date_extracted``), ``source``, ``url``.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    try:
        raw = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read: {exc}", path=str(p)) from exc
    if suffix in (".html", ".htm"):
        text, title = html_to_text(raw)
        yield Article(doc_id=p.stem, text=text, title=title, path=str(p))
        return
    if suffix != ".jsonl":
        yield Article(doc_id=p.stem, text=raw, path=str(p))
        return
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            text = row.get("content") if row.get("content") is not None else row.get("text")
            if not isinstance(text, str):
                raise DataError("needs 'content' or 'text'", path=str(p), line=n, field="content")
            published = row.get("published_on") or (row.get("date_extracted") or "")[:10]
            yield Article(
                doc_id=str(row.get("doc_id") or f"{p.stem}-{n}"),
                text=text,
                title=row.get("title"),
                published_on=parse_date(published, path=str(p), line=n),
                source=row.get("source"),
                url=row.get("url"),
                path=str(p),
                line=n,
            )
        except (json.JSONDecodeError, DataError) as exc:
            if on_invalid == "raise":
                if isinstance(exc, DataError):
                    raise
                raise DataError(f"invalid JSON: {exc.msg}", path=str(p), line=n) from exc
            if on_invalid == "warn":
                logger.warning("%s:%d: skipped: %s", p, n, exc)
