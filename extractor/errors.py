"""The errors jixiao reports to its user, each with a documented exit code."""

from __future__ import annotations

import errno

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


EXIT_MACHINE = 4  # the machine failed, not the input: disk full, I/O error, no permission, database down
EXIT_BUSY = 5  # the OUTDIR is in use by another jixiao run

# errno values of a failed *read* that say the machine failed (the disk under the input), not the file.
# On the output side every OSError is the machine's.
MACHINE_ERRNOS = frozenset({errno.EIO, errno.ENOSPC, errno.EDQUOT, errno.ENOMEM, errno.ENXIO})


class MachineError(Exception):
    """A fault of the machine or a service (write failed, database unreachable): retried next run."""

    exit_code = EXIT_MACHINE

    def __init__(self, where: str, reason: str) -> None:
        self.where, self.reason = where, reason
        super().__init__(f"{where}: {reason}")

    @classmethod
    def from_os(cls, exc: OSError, where: str = "") -> MachineError:
        """An OSError of a write as one line: the file and the system's reason."""
        return cls(str(exc.filename or where), f"cannot write ({exc.strerror or exc})")


class OutdirBusy(MachineError):
    """Another jixiao run holds the OUTDIR's lock."""

    exit_code = EXIT_BUSY


class DatabaseUrlError(MachineError):
    """A --db value that names no database jixiao can load into (a usage error)."""

    exit_code = EXIT_USAGE
