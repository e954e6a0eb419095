"""Reading numbers from query strings. str.isdigit() accepts "²" and "٣", which int()
refuses or reads as another number, and int() of a 5,000-digit string raises: a page or
year is ASCII digits, and few of them."""

import re

_DIGITS = re.compile(r"[0-9]{1,9}")  # re's [0-9] is ASCII only, unlike \d


def positive_int(value, maximum=10**9 - 1):
    """The integer in a query value, if it is one from 1 to `maximum`; None otherwise."""
    if not isinstance(value, str) or not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if 1 <= number <= maximum else None
