"""Use case: ingest news articles as Reports with their claims (issue #4)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from hudna.domain.ids import content_hash
from hudna.domain.report import Report
from hudna.errors import DataError
from hudna.ingest.evaluate import claims_to_json, extract_article
from hudna.ingest.news import iter_articles
from hudna.ingest.pipeline import Pipeline, build_pipeline

__all__ = ["NewsIngestResult", "ingest_news"]

logger = logging.getLogger(__name__)


@dataclass
class NewsIngestResult:
    """Counts of one ``ingest_news`` run; ``report_ids`` of the new reports."""

    articles: int = 0
    added: int = 0
    unchanged: int = 0
    claims: int = 0
    report_ids: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def ingest_news(
    store: Any,
    paths: Iterable[str | Path],
    *,
    published_on: date | None = None,
    published_today: bool = False,
    source: str | None = None,
    lang: str = "auto",
    pipeline: Pipeline | None = None,
    today: date | None = None,
) -> NewsIngestResult:
    """Read articles (.txt/.html/.jsonl), extract claims, store reports and claims.

    A report's id is the content hash of (source, text): re-ingesting is a no-op. Relative dates
    need a publication date: without one (from the file or ``published_on``) a
    :class:`~hudna.errors.DataError` is raised, unless ``published_today`` is set, which uses
    ``today`` and records a warning on the report.
    """
    pipe = pipeline or build_pipeline()
    result = NewsIngestResult()
    with store.unit_of_work() as uow:
        for path in paths:
            for article in iter_articles(path):
                result.articles += 1
                pub = article.published_on or published_on
                warnings: list[str] = []
                if pub is None:
                    if not published_today or today is None:
                        raise DataError(
                            "no publication date: pass --published DATE (or --published today)",
                            path=article.path, line=article.line, field="published_on",
                        )
                    pub = today
                    warnings.append("published_on assumed to be the ingestion day")
                art = replace(article, published_on=pub, source=article.source or source)
                src = art.source or ""
                rid = content_hash(src, art.text)
                doc = extract_article(art, pipe, lang=lang)
                report = Report(
                    id=rid, source_id=art.source, text=art.text, content_hash=content_hash(art.text),
                    language=doc.get("lang"), title=art.title, url=art.url,
                    published_at=datetime.combine(pub, time(0, 0), tzinfo=UTC),
                    received_at=datetime.now(UTC), channel="news",
                    warnings=tuple(warnings + doc.warnings),
                )
                if not uow.add_report(report):
                    result.unchanged += 1
                    continue
                rows = claims_to_json(doc)["claims"]
                result.claims += uow.add_claims(rid, rows)
                result.added += 1
                result.report_ids.append(rid)
                result.warnings.extend(warnings)
                logger.info("report_id=%s claims=%d", rid, len(rows))
    return result


# -- issue #6: the web's report upload (appended) --------------------------------------------------
from typing import TYPE_CHECKING  # noqa: E402

if TYPE_CHECKING:
    from hudna.services.corroboration import CorroborateResult


def ingest_and_corroborate(
    store: Any,
    paths: Iterable[str | Path],
    *,
    corroborate: bool = True,
    **options: Any,
) -> tuple[NewsIngestResult, CorroborateResult | None]:
    """:func:`ingest_news`, then, with ``corroborate`` and something new, corroboration.

    Corroboration (:func:`hudna.services.corroboration.corroborate`) joins the new incident claims
    to events or forms new ones, grades them, turns regime-status claims into proposals and
    assesses. Returns the ingest result and the ``CorroborateResult`` (``None`` when skipped).
    ``options`` are those of :func:`ingest_news`.
    """
    ingested = ingest_news(store, paths, **options)
    if not corroborate or not ingested.added:
        return ingested, None
    from hudna.services.corroboration import corroborate as run_corroboration

    return ingested, run_corroboration(store)
