"""An event mention: what one sentence of one article says took place."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class EventMention:
    article_id: str
    sentence_index: int
    event_type: str
    participant_starts: tuple[int, ...]
    location_start: int | None
    location_priority: int
    date_value: str
    date_start: dt.date | None
    date_end: dt.date | None
    evidence: str
    status: str
    date_start_char: int | None = None  # the timex that dates it
