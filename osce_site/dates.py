"""Dates as the site writes them, in the active language's own format (settings.
FORMAT_MODULE_PATH for English; Django's for the others: "4. Dezember 2026",
"4 декабря 2026 г."), never a format string that only suits English."""

from django.utils import formats, timezone


def time_and_day(moment):
    """14:00 CET, 4 December 2026: an embargo's end, time first."""
    local = timezone.localtime(moment)
    return f"{formats.time_format(local, 'H:i T')}, {formats.date_format(local, 'DATE_FORMAT')}"


def day_and_time(moment):
    """4 December 2026, 14:00 CET."""
    local = timezone.localtime(moment)
    return f"{formats.date_format(local, 'DATE_FORMAT')}, {formats.time_format(local, 'H:i T')}"
