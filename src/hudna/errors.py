"""The one error hierarchy of hudna.

Library code raises these; the CLI turns them into one clear line and a non-zero exit, the web
layer into problem+json responses. Every class has a stable ``code``.
"""

from __future__ import annotations


class HudnaError(Exception):
    """Root of every error hudna raises on purpose."""

    code = "HUDNA-000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


class NotFound(HudnaError, LookupError):
    """A requested object does not exist."""

    code = "HUDNA-404"


class RegimeNotFound(NotFound):
    """No regime with this id is registered."""

    code = "HUDNA-REGIME-404"


class EventNotFound(NotFound):
    """No event with this id is stored."""

    code = "HUDNA-EVENT-404"


class Conflict(HudnaError):
    """The operation conflicts with what is stored."""

    code = "HUDNA-409"


class DataError(HudnaError, ValueError):
    """Input data is invalid; the message names the file, line and field where known."""

    code = "HUDNA-DATA-400"

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        field: str | None = None,
        code: str | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.field = field
        self.problem = message
        super().__init__(format_location(message, path=path, line=line, field=field), code=code)


class RegimeFileError(DataError):
    """A regime definition file is invalid."""

    code = "HUDNA-REGIME-400"


class ImportRowError(DataError):
    """A row of an imported file is invalid."""

    code = "HUDNA-IMPORT-400"


class ValidationError(DataError):
    """A domain value was constructed with invalid content."""

    code = "HUDNA-VALUE-400"


class ConfigError(HudnaError):
    """Settings are missing or unsafe."""

    code = "HUDNA-CONFIG-500"


class StorageError(HudnaError):
    """The store could not be opened or migrated."""

    code = "HUDNA-STORE-500"


class RuleNotFound(NotFound):
    """No adjudication rule is registered under this name."""

    code = "HUDNA-RULE-404"


class HudnaWarning(UserWarning):
    """Root of hudna's data-quality warnings."""


class AmbiguousPlaceWarning(HudnaWarning):
    """A place name matched several gazetteer entries with close scores."""


def format_location(
    message: str, *, path: str | None = None, line: int | None = None, field: str | None = None
) -> str:
    """Render ``file:line: field: problem`` leaving out the parts that are unknown.

    Examples
    --------
    >>> format_location("not a date", path="events.csv", line=3, field="date_start")
    'events.csv:3: date_start: not a date'
    >>> format_location("missing", field="id")
    'id: missing'
    """
    where = ""
    if path is not None:
        where = path if line is None else f"{path}:{line}"
    parts = [p for p in (where, field) if p]
    return ": ".join([*parts, message])
