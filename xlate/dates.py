"""Publication dates as pages write them, read, and shown in one form: ISO 8601.

Saved pages and scrapers write dates every way (``20.11.2024``, ``2024年11月21日``,
``Nov 19, 2024``, ``2024-11-19T06:15:00Z``); ingest keeps them as found, and what xlate shows a
reader is :func:`shown_date`: the ISO date, with the page's own form beside it when that was
not ISO.
"""

from __future__ import annotations

import re
from datetime import date

# Publication dates as saved pages and scrapers write them (ingest keeps them as found).
_MONTHS = {
    **{m: k for k, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)},
    **{m: k for k, m in enumerate("янв фев мар апр ма июн июл авг сен окт ноя дек".split(), 1)},
}
# A date of numbers across slashes (5/3/2013): the order of day and month is the outlet's
SLASHED = re.compile(r"(?<![\w/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?![\w/])")
_NTH = "(?i:st|nd|rd|th)?"  # May 3rd, 2013; JUNE 11TH, 2012
_DATES = [
    (re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"), None),
    (re.compile(r"(?P<y>\d{4})年\s*(?P<m>\d{1,2})月\s*(?P<d>\d{1,2})日"), None),
    (re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})"), None),
    (re.compile(rf"(?P<d>\d{{1,2}}){_NTH}\s+(?P<name>[^\W\d_]+)\.?,?\s+(?P<y>\d{{4}})"), "name"),
    # (a name starts where a word does: tried inside a long word at every letter, the
    # pattern read the rest of it each time)
    (
        re.compile(
            rf"(?<![^\W\d_])(?P<name>[^\W\d_]+)\.?\s+(?P<d>\d{{1,2}}){_NTH},?\s+(?P<y>\d{{4}})"
        ),
        "name",
    ),
    # 5/3/2013 is read only where it is plain: 25/3/2013 and 3/25/2013
    (SLASHED, "slashed"),
]


def parse_date(text: str) -> date | None:
    """A publication date as pages write it: 2024-11-19 (and ISO times), 19.11.2024,
    2024年11月19日, Nov 19, 2024, 19 November 2024, 19 ноября 2024; None otherwise."""
    for pattern, named in _DATES:
        for m in pattern.finditer(text or ""):
            found = _day_month(m, named)
            if found is None:
                continue
            try:
                return date(int(m["y"]), found[1], found[0])
            except ValueError:
                continue
    return None


def _day_month(m: re.Match[str], named: str | None) -> tuple[int, int] | None:
    """The day and month of one match of :data:`_DATES`, None when they cannot be told."""
    if named == "slashed":
        a, b = int(m["a"]), int(m["b"])
        if (a > 12) == (b > 12):  # which is the month is the outlet's custom
            return None
        return (a, b) if a > 12 else (b, a)
    if named:
        word = m["name"].lower()
        month = _MONTHS.get(word[:3]) or _MONTHS.get(word[:2] if word[:2] == "ма" else "")
        return None if month is None else (int(m["d"]), month)
    return int(m["d"]), int(m["m"])


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")


def iso_date(text: str) -> str:
    """The ISO date (2024-11-20) that ``text`` names, or "" when it names none."""
    found = parse_date(text)
    return found.isoformat() if found else ""


def shown_date(text: str) -> str:
    """``text`` as a reader sees it: the ISO date, the original beside it when it was written
    otherwise ("2024-11-20 (20.11.2024)"); an ISO time of day is left out; a text that names no
    date is shown as it is."""
    text = text.strip()
    iso = iso_date(text)
    if not iso:
        return text
    return iso if _ISO.fullmatch(text) else f"{iso} ({text})"
