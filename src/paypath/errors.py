"""One exception tree for paypath.

Every error a library call raises on purpose is a :class:`PaypathError`. Where a
built-in fits, the error inherits it too, so ``except LookupError`` works::

    PaypathError
    ├── DataError                 package or user data is missing or invalid
    ├── InputError (ValueError)   a value the user gave cannot be used
    │   ├── SalaryParseError      text is not a salary we can read
    │   ├── CurrencyError         unknown currency or no FX rate for it
    │   └── ResumeError           unreadable, oversized or unsupported résumé
    ├── NotFound (LookupError)
    │   ├── UnknownRole
    │   ├── UnknownSkill
    │   ├── UnknownSOC
    │   ├── UnknownArea           unknown or ambiguous area name (with close matches)
    │   └── UnknownEmployer       no filings for that employer (with close matches)
    ├── IngestError               an ingest failed; the store is unchanged
    ├── StoreError                the DuckDB store cannot be opened or queried
    ├── InsufficientData          too few observations to report a number honestly
    └── EngineUnavailable (ImportError)  an optional engine's extra is not installed

Messages say what went wrong and what to do next. ``code`` is the stable
machine-readable name used by the CLI's JSON errors and the web API.
"""

from __future__ import annotations

__all__ = [
    "CurrencyError",
    "DataError",
    "EngineUnavailable",
    "IngestError",
    "InputError",
    "InsufficientData",
    "NotFound",
    "PaypathError",
    "ResumeError",
    "ResumeTooLarge",
    "SalaryParseError",
    "StoreError",
    "UnknownArea",
    "UnknownEmployer",
    "UnknownRole",
    "UnknownSOC",
    "UnknownSkill",
]


class PaypathError(Exception):
    """Base of every error paypath raises on purpose."""

    code = "paypath_error"
    status = 400

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.__class__.__name__


class DataError(PaypathError):
    code = "data_error"
    status = 500


class InputError(ValueError, PaypathError):
    code = "invalid_input"
    status = 422


class SalaryParseError(InputError):
    code = "salary_parse_error"


class CurrencyError(InputError):
    code = "currency_error"


class ResumeError(InputError):
    code = "resume_error"


class ResumeTooLarge(ResumeError):
    """A résumé over a size limit: the file itself, or what it would inflate to."""

    code = "resume_too_large"
    status = 413


class NotFound(LookupError, PaypathError):
    code = "not_found"
    status = 404


class UnknownRole(NotFound):
    code = "unknown_role"


class UnknownSkill(NotFound):
    code = "unknown_skill"


class UnknownSOC(NotFound):
    code = "unknown_soc"


class UnknownArea(NotFound):
    code = "unknown_area"

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.suggestions = suggestions or []


class UnknownEmployer(NotFound):
    code = "unknown_employer"

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.suggestions = suggestions or []


class IngestError(PaypathError):
    code = "ingest_error"


class StoreError(PaypathError):
    code = "store_error"


class InsufficientData(PaypathError):
    code = "insufficient_data"
    status = 422


class EngineUnavailable(ImportError, PaypathError):
    code = "engine_unavailable"
