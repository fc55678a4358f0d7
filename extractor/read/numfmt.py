"""A spreadsheet cell's value as the sheet shows it, from its number format.

``display(0.862, "0%")`` is ``"86%"``, ``display(0.862, "0.00%")`` is ``"86.20%"``,
``display(37.24, "0.00")`` is ``"37.24"``, ``display(43.2, "General")`` is ``"43.2"``.
Numbers go through ``Decimal(repr(x))`` (the shortest decimal that is the stored
double) and are rounded half away from zero as Excel rounds, never printed from a
binary float. General shows at most 15 significant digits (Excel's precision), so a
formula's cached 0.30000000000000004 is "0.3".

Formats understood: General, ``@``, fixed decimals (``0``, ``0.00``, ``#,##0.00``),
percent, literal text and currency signs around the number (``0.00"万元"``, ``¥#,##0``),
sections (positive;negative;zero), colours and locale tags (``[Red]``, ``[$-804]``),
padding (``_)``, ``*``), scientific (``0.00E+00``) and dates and times (``yyyy"年"m"月"d"日"``,
``yyyy-mm-dd``, ``h:mm``). Anything else falls back to General.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Context, Decimal

import regex

GENERAL_DIGITS = 15
# Excel's built-in short date (format id 14) follows the system locale; a zh-CN sheet shows 2024/3/5.
LOCALE_FORMATS = {"mm-dd-yy": "yyyy/m/d", "m/d/yy": "yyyy/m/d", "d-mmm-yy": "yyyy/m/d"}
_QUOTED = regex.compile(r'"([^"]*)"|\\(.)')
_BRACKET = regex.compile(r"\[[^\]]*\]")
_PAD = regex.compile(r"_.|\*.")
_DATE_TOKEN = regex.compile(r"(?i)yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm|a/p")


def display(value: object, number_format: str | None) -> str:
    """The text a spreadsheet shows for a cell holding ``value`` in ``number_format``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return format_date(value, number_format or "")
    if isinstance(value, int | float | Decimal):
        return format_number(to_decimal(value), number_format or "General")
    return str(value)


def to_decimal(value: int | float | Decimal) -> Decimal:
    """The exact decimal a user typed: Decimal of the shortest repr, never of the binary double."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(repr(value))


def format_number(number: Decimal, number_format: str) -> str:
    section = _section(number_format, number)
    if number < 0 and len(number_format.split(";")) > 1:
        number = -number  # the negative section writes its own sign (or brackets)
    spec = _BRACKET.sub("", _PAD.sub("", section))
    if spec.strip() in ("", "General", "general", "@"):
        return general(number)
    body = _QUOTED.sub("", spec)
    if not regex.search(r"[0#?]", body):
        return _literal(spec) if spec.strip() else general(number)
    if "%" in body:
        number *= 100
    if regex.search(r"[Ee][+-]", body):
        return _scientific(number, body)
    return _fixed(number, spec)


def general(number: Decimal) -> str:
    """General: up to 15 significant digits, no trailing zeros, no exponent for everyday sizes."""
    if number == 0:
        return "0"
    rounded = Context(prec=GENERAL_DIGITS, rounding=ROUND_HALF_UP).plus(number)
    text = f"{rounded.normalize():f}"
    return text


def _section(number_format: str, number: Decimal) -> str:
    sections = number_format.split(";")
    if number < 0 and len(sections) > 1:
        return sections[1]
    if number == 0 and len(sections) > 2:
        return sections[2]
    return sections[0]


def _literal(spec: str) -> str:
    return _QUOTED.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), spec)


def _fixed(number: Decimal, spec: str) -> str:
    """Fixed decimals with the literal text around the number part kept."""
    pieces: list[str] = []
    pos, placed = 0, False
    for m in regex.finditer(r'"[^"]*"|\\.|[0#?.,]+', spec):
        pieces.append(spec[pos : m.start()])
        token = m.group()
        if token.startswith('"') or token.startswith("\\"):
            pieces.append(token[1:-1] if token.startswith('"') else token[1])
        elif not placed and regex.search(r"[0#?]", token):
            pieces.append(_digits(number, token))
            placed = True
        else:
            pieces.append(token if not regex.search(r"[0#?]", token) else "")
        pos = m.end()
    pieces.append(spec[pos:])
    return "".join(pieces).strip()


def _digits(number: Decimal, token: str) -> str:
    whole, _, frac = token.partition(".")
    decimals = len(regex.findall(r"[0#?]", frac))
    optional = len(regex.findall(r"[#?]", frac))
    rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    grouped = "," in whole
    text = f"{rounded:,.{decimals}f}" if grouped else f"{rounded:.{decimals}f}"
    if optional and "." in text:
        keep = len(text) - optional
        text = text[:keep] + text[keep:].rstrip("0")
        text = text.rstrip(".")
    if not regex.search(r"0", whole) and text.lstrip("-").startswith("0."):
        text = text.replace("0.", ".", 1)
    return text


def _scientific(number: Decimal, body: str) -> str:
    mantissa = body.split("E")[0].split("e")[0]
    decimals = len(regex.findall(r"[0#?]", mantissa.partition(".")[2]))
    mantissa_text, _, exponent = f"{number:.{decimals}E}".partition("E")
    power = int(exponent)
    return f"{mantissa_text}E{'-' if power < 0 else '+'}{abs(power):02d}"


def format_date(value: dt.date | dt.time, number_format: str) -> str:
    """A date or time in the format's tokens (yyyy, m, d, h, mm, ss; quoted literals such as 年 kept)."""
    spec = _PAD.sub("", _BRACKET.sub("", number_format.split(";")[0]))
    spec = LOCALE_FORMATS.get(spec.strip().lower(), spec)
    if not _DATE_TOKEN.search(_QUOTED.sub("", spec)):
        spec = "yyyy/m/d" if not isinstance(value, dt.time) else "h:mm:ss"
        if isinstance(value, dt.datetime) and (value.hour or value.minute or value.second):
            spec += " h:mm:ss"
    out: list[str] = []
    pos, last = 0, ""
    tokens = list(regex.finditer(r'"[^"]*"|\\.|' + _DATE_TOKEN.pattern[4:], spec, flags=regex.IGNORECASE))
    for k, m in enumerate(tokens):
        out.append(spec[pos : m.start()])
        token = m.group()
        if token.startswith('"') or token.startswith("\\"):
            out.append(token[1:-1] if token.startswith('"') else token[1])
        else:
            following = next((t.group().lower() for t in tokens[k + 1 :] if t.group()[0] not in '"\\'), "")
            out.append(_date_part(value, token.lower(), last, following))
            last = token.lower()
        pos = m.end()
    out.append(spec[pos:])
    return "".join(out)


def _date_part(value: dt.date | dt.time, token: str, last: str, following: str) -> str:
    minutes = token in ("m", "mm") and (last.startswith("h") or following.startswith("s"))
    get = {
        "yyyy": lambda v: f"{v.year:04d}",
        "yy": lambda v: f"{v.year % 100:02d}",
        "mmmm": lambda v: v.strftime("%B"),
        "mmm": lambda v: v.strftime("%b"),
        "mm": lambda v: f"{v.minute:02d}" if minutes else f"{v.month:02d}",
        "m": lambda v: f"{v.minute}" if minutes else f"{v.month}",
        "dddd": lambda v: v.strftime("%A"),
        "ddd": lambda v: v.strftime("%a"),
        "dd": lambda v: f"{v.day:02d}",
        "d": lambda v: f"{v.day}",
        "hh": lambda v: f"{v.hour:02d}",
        "h": lambda v: f"{v.hour}",
        "ss": lambda v: f"{v.second:02d}",
        "s": lambda v: f"{v.second}",
        "am/pm": lambda v: "AM" if v.hour < 12 else "PM",
        "a/p": lambda v: "A" if v.hour < 12 else "P",
    }[token]
    try:
        return get(value)
    except AttributeError:  # a date part asked of a time, or the reverse
        return ""
