"""What the PDF reader gives for every committed PDF, dumped to one JSON file per PDF, and compared:
a change made for speed must leave the text, page starts, tables and glyph boxes as they were.

    .venv/bin/python bench/pdf_same.py dump /tmp/before      # on the old code
    .venv/bin/python bench/pdf_same.py dump /tmp/after       # on the new code
    .venv/bin/python bench/pdf_same.py diff /tmp/before /tmp/after
    .venv/bin/python bench/pdf_same.py dump /tmp/before --dir ../shared/corpus/dev   # and those PDFs

Every PDF under fixtures/ is read with ``ocr="off"`` (the scans and the broken files give their
one-line error, which is dumped too, so a changed refusal shows). ``diff`` prints each file whose
dump differs and the first key that does, and exits 1 when any does.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def pdfs(more: list[Path] | None = None) -> list[Path]:
    """Every committed PDF of fixtures/ (and of the folders ``more``), in path order."""
    return sorted(p for folder in [ROOT / "fixtures", *(more or [])] for p in folder.rglob("*.pdf"))


def dump_one(path: Path) -> dict:
    """The Document read from ``path`` as plain data (or the input error it raised)."""
    from extractor.errors import InputError
    from extractor.read import read

    try:
        doc = read(path, ocr="off")
    except InputError as exc:
        return {"error": str(exc).replace(str(ROOT), "")}
    return doc.model_dump(mode="json", exclude={"path", "sha256"})


def dump(folder: Path, more: list[Path]) -> None:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings on fonts without a box
    folder.mkdir(parents=True, exist_ok=True)
    found = pdfs(more)
    for path in found:
        name = "__".join(path.parts[-3:]) + ".json"
        text = json.dumps(dump_one(path), ensure_ascii=False, sort_keys=True)
        (folder / name).write_text(text, encoding="utf-8")
    print(f"{len(found)} PDFs dumped to {folder}")


def _first_difference(a: object, b: object, where: str = "") -> str:
    if type(a) is not type(b):
        return where or "/"
    if isinstance(a, dict):
        for key in sorted(a.keys() | b.keys()):
            if a.get(key) != b.get(key):
                return _first_difference(a.get(key), b.get(key), f"{where}/{key}")
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{where} (length {len(a)} vs {len(b)})"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return _first_difference(x, y, f"{where}/{i}")
    return where or "/"


def diff(before: Path, after: Path) -> int:
    names = sorted({p.name for p in before.glob("*.json")} | {p.name for p in after.glob("*.json")})
    changed = 0
    for name in names:
        a, b = before / name, after / name
        if not a.exists() or not b.exists():
            print(f"{name}: only in {'after' if b.exists() else 'before'}")
            changed += 1
            continue
        if a.read_bytes() != b.read_bytes():
            x, y = json.loads(a.read_text("utf-8")), json.loads(b.read_text("utf-8"))
            print(f"{name}: differs at {_first_difference(x, y)}")
            changed += 1
    print(f"{len(names)} files compared, {changed} differ")
    return 1 if changed else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("folder", type=Path)
    d.add_argument("--dir", type=Path, action="append", default=[], help="more PDFs: those of this folder")
    d = sub.add_parser("diff")
    d.add_argument("before", type=Path)
    d.add_argument("after", type=Path)
    args = ap.parse_args()
    if args.command == "dump":
        dump(args.folder, args.dir)
    else:
        sys.exit(diff(args.before, args.after))


if __name__ == "__main__":
    main()
