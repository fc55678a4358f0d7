"""The errors jixiao reports to its user, each with a documented exit code."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1  # --fail-on threshold reached
EXIT_USAGE = 2
EXIT_INPUT = 3  # input unreadable


class InputError(Exception):
    """A file that cannot be read as a report. ``str()`` is the one-line message."""

    exit_code = EXIT_INPUT

    def __init__(self, path: str, reason: str, stage: str = "read") -> None:
        self.path, self.reason, self.stage = path, reason, stage
        super().__init__(f"{path}: {reason}")
