"""Legacy Word and WPS files (.doc, .wps; .odt) and workbooks no library reads (.ods; a broken .et),
converted by LibreOffice and read like the file it wrote.

``soffice --headless --convert-to docx`` (or ``xlsx``) runs with a private profile
folder per call (``-env:UserInstallation``), so parallel batch workers never share
one, under a time limit; the temporary folder (input copy, profile, output) is
removed whatever happens. Where LibreOffice is missing the file is refused with
the Debian package to install.

With ``JIXIAO_CONVERT_CACHE`` naming a folder (a batch sets it for its run, so its
worker processes inherit it), each conversion is kept there under the SHA-256 of
the input bytes: a workbook of several report sheets is converted once, when the
batch lists its sheets, not again for each sheet.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from extractor.errors import InputError

TIMEOUT_ENV = "JIXIAO_SOFFICE_TIMEOUT"
CACHE_ENV = "JIXIAO_CONVERT_CACHE"
TIMEOUT_SECONDS = 120.0
PACKAGES = {"docx": "libreoffice-writer-nogui", "xlsx": "libreoffice-calc-nogui"}


def soffice() -> str | None:
    """The LibreOffice program, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(path: str, data: bytes, suffix: str, target: str) -> bytes:
    """The bytes of the file LibreOffice writes when converting ``data`` (a ``suffix`` file) to ``target``
    ('docx' or 'xlsx'); from the conversion cache when ``JIXIAO_CONVERT_CACHE`` is set and holds it."""
    cached = _cache_path(data, suffix, target)
    if cached is not None and cached.is_file():
        return cached.read_bytes()
    written = _convert(path, data, suffix, target)
    if cached is not None:
        _keep(cached, written)
    return written


def _cache_path(data: bytes, suffix: str, target: str) -> Path | None:
    folder = os.environ.get(CACHE_ENV)
    if not folder or not Path(folder).is_dir():
        return None
    return Path(folder) / f"{hashlib.sha256(data).hexdigest()}{suffix}.{target}"


def _keep(cached: Path, written: bytes) -> None:
    """Write the conversion whole (a temporary name, then renamed): a parallel reader never sees
    half of it. A failed write only costs the next reader a conversion."""
    part = cached.with_name(f"{cached.name}.{os.getpid()}.part")
    try:
        part.write_bytes(written)
        os.replace(part, cached)
    except OSError:
        part.unlink(missing_ok=True)


def _convert(path: str, data: bytes, suffix: str, target: str) -> bytes:
    program = soffice()
    if program is None:
        raise InputError(
            path, f"reading {suffix} files needs LibreOffice: install the Debian package {PACKAGES[target]}"
        )
    with tempfile.TemporaryDirectory(prefix="jixiao-soffice-") as tmp:
        work = Path(tmp)
        source = work / f"input{suffix}"
        source.write_bytes(data)
        cmd = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        _run(path, cmd, suffix)
        written = work / "out" / f"input.{target}"
        if not written.exists():
            raise InputError(path, f"LibreOffice could not read it as a {suffix} file (nothing converted)")
        return written.read_bytes()


def _run(path: str, cmd: list[str], suffix: str) -> None:
    limit = float(os.environ.get(TIMEOUT_ENV) or TIMEOUT_SECONDS)
    env = {**os.environ, "HOME": str(Path(cmd[-1]).parent)}  # LibreOffice writes under HOME too
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, env=env
    )
    try:
        proc.wait(timeout=limit)
    except subprocess.TimeoutExpired as exc:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        reason = f"LibreOffice took longer than {limit:g} s to convert the {suffix} file"
        raise InputError(path, reason) from exc
    if proc.returncode != 0:
        raise InputError(path, f"LibreOffice could not convert the {suffix} file (exit {proc.returncode})")
