"""The raw article every reader yields, before cleaning."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime

from accord.errors import BadDate

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class RawArticle:
    """An article as read: body text plus whatever metadata the input carried.

    ``origin`` names where it came from (``path`` or ``path:line``) for error messages.
    """

    text: str
    origin: str
    id: str | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None
    published: str | None = None
    language: str | None = None

    @property
    def content_hash(self) -> str:
        """Hash of what determines the record: body, title, id and publication date."""
        h = hashlib.sha256()
        for part in (self.id or "", self.title or "", self.published or "", self.text):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
        return h.hexdigest()

    def article_id(self) -> str:
        """The input's id when given, else a stable id from the content."""
        return self.id if self.id else "h" + self.content_hash[:12]


def parse_published(value: str | None, *, source: str | None = None) -> str | None:
    """Validate a publication date; returns it in ISO form (date or datetime).

    Dates that do not exist (2025-02-31) and unparseable strings raise :class:`BadDate`
    naming the input.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadDate(f"published must be an ISO date string, got {type(value).__name__}", source=source)
    v = value.strip()
    if not v:
        return None
    try:
        if _ISO_DATE.match(v):
            return date.fromisoformat(v).isoformat()
        dt = datetime.fromisoformat(v.replace("Z", "+00:00"))
        return dt.isoformat()
    except ValueError as exc:
        raise BadDate(
            f"published date {v!r} is not a valid ISO date or datetime ({exc}); use e.g. 2025-05-16",
            source=source,
        ) from None


def published_date(value: str | None) -> date | None:
    """The calendar date of an ISO published value (already validated)."""
    if not value:
        return None
    if _ISO_DATE.match(value):
        return date.fromisoformat(value)
    return datetime.fromisoformat(value).date()
