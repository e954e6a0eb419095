"""Control characters in stored text. Word's manual line break pastes as a vertical tab,
and other C0 controls come with copied text; XML (feeds, sitemaps) cannot carry any of
them, and HTML forbids them. They are removed before a row is saved, so nothing stored can
break a page; tab, newline and carriage return are text and stay."""

import re

from django.db import models

# A vertical tab or form feed separated words where it stood: it becomes a space.
_BREAKS = re.compile("[\x0b\x0c]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")


def strip_controls(text):
    return _CONTROLS.sub("", _BREAKS.sub(" ", text))


def strip_control_characters(sender, instance, **kwargs):
    """pre_save receiver: every text column of the row, slugs and e-mail addresses too."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, strip_controls(value))
