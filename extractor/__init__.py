"""jixiao: Chinese budget-performance self-evaluation reports (绩效自评报告) to validated data.

The flow runs one way: read -> normalize -> split sections -> extract -> validate.

    from extractor import extract
    report = extract("report.txt")          # Report, with report.findings
    flat = extractor.flat.flatten(report)   # the contract's flat view
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor import code_store
from extractor.errors import InputError
from extractor.pydantic_plugins import skip_discovery

skip_discovery()  # before any module of the package defines a model
code_store.install()  # before any module of the package (or pydantic) defines a dataclass

if TYPE_CHECKING:
    from extractor.models import Finding, Report

__all__ = ["extract", "check", "InputError", "Report", "Finding"]


def __getattr__(name: str) -> Any:
    """Report and Finding on first use: ``import cli`` and ``jixiao --help`` load no pydantic model."""
    if name in ("Report", "Finding"):
        from extractor import models

        return getattr(models, name)
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")


def extract(path: str | Path, ocr: str = "auto") -> Report:
    """Read, extract and validate one report file. Raises InputError for unreadable input.

    ``ocr``: auto (OCR the pages without a text layer), force (every page) or off."""
    from extractor import pattern_store
    from extractor.files import file_source

    source = file_source(path)  # a missing or unreadable file fails here, before the pipeline is imported
    pattern_store.load()  # the compiled patterns of an earlier process, before the pipeline compiles them
    from extractor.pipeline import extract_document
    from extractor.read import read

    report = extract_document(read(path, ocr, source=source))
    report.findings = check(report)
    pattern_store.save()
    code_store.save()
    return report


def check(report: Report, fields: dict[str, Any] | None = None) -> list[Finding]:
    """The validator's findings for an extracted report (``fields``: its ``flat.field_view``, if made)."""
    try:
        from extractor.validate import validate
    except ImportError:  # the validator is optional while it is being built
        return []
    return validate(report, fields)
