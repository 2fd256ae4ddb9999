"""Publication dates that an input's file name or its URL's path gives.

News is filed under names that carry the day it ran: a story saved as
``2024-05-16-putin-beijing.txt``, a page at ``/2024/05/16/putin-in-beijing``, a wire story whose
agency document id is ``APW19980807.0261``. Where a name holds one such date and no other, that
date is given (``published_date_source`` ``filename`` or ``url``), as a header or a dateline
gives one; a name with none, or with two different ones, gives nothing. ``DATE_IN_NAME`` is the
ordered table of the layouts read; every match of every layout counts.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

DAY = r"(?P<d>0[1-9]|[12]\d|3[01])"
MONTH = r"(?P<m>0[1-9]|1[0-2])"
YEAR = r"(?P<y>(?:19|20)\d{2})"

DATE_IN_NAME: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 2024-05-16, 2024_05_16, 2024.05.16, and a URL's /2024/05/16/ (one- or two-digit parts).
    (
        "year-month-day",
        re.compile(
            r"(?<![\d])(?P<y>(?:19|20)\d{2})(?P<sep>[-_/.])(?P<m>0?[1-9]|1[0-2])(?P=sep)"
            r"(?P<d>0?[1-9]|[12]\d|3[01])(?![\d])"
        ),
    ),
    # A news agency's document id: letters, then the day as YYYYMMDD, then a serial number
    # (APW19980807.0261, NYT19980206.0460, ABC19980108.1830.0711, CNN19980227.2130.0067).
    ("agency id", re.compile(rf"(?<![A-Za-z\d])[A-Za-z]{{2,5}}{YEAR}{MONTH}{DAY}[._-]\d{{3,4}}")),
    # The same with a two-digit year (AP900815-0044, ea980120.1830.0071): years 70-99 are 19xx.
    (
        "agency id, two-digit year",
        re.compile(rf"(?<![A-Za-z\d])[A-Za-z]{{2,5}}(?P<yy>\d{{2}}){MONTH}{DAY}[._-]\d{{3,4}}"),
    ),
    # YYYYMMDD standing alone between separators: 20240516-putin.txt, /20240516/.
    ("compact year-month-day", re.compile(rf"(?:^|(?<=[/_.\-])){YEAR}{MONTH}{DAY}(?=[/_.\-]|$)")),
)


def _date_of(match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    if groups.get("yy") is not None:
        yy = int(groups["yy"])
        year = 1900 + yy if yy >= 70 else 2000 + yy
    else:
        year = int(groups["y"])
    try:
        return dt.date(year, int(groups["m"]), int(groups["d"]))
    except ValueError:  # 2023-02-30: no day of the calendar
        return None


def dates_in_name(name: str) -> list[tuple[str, dt.date]]:
    """Every date the layouts of ``DATE_IN_NAME`` read in ``name``, with the layout's name."""
    found = []
    for layout, pattern in DATE_IN_NAME:
        for match in pattern.finditer(name):
            if (date := _date_of(match)) is not None:
                found.append((layout, date))
    return found


def date_in_name(name: str) -> dt.date | None:
    """The one date ``name`` gives (a file's path without its input folder, or a URL's path);
    None where it gives none or two different ones."""
    dates = {date for _, date in dates_in_name(name)}
    return dates.pop() if len(dates) == 1 else None


def date_in_url(url: str | None) -> dt.date | None:
    """The one date a URL's path gives (its host and query are no date)."""
    if not url:
        return None
    return date_in_name(urlsplit(url).path)
