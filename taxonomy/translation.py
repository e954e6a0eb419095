"""The terms' names and descriptions in each official language (django-modeltranslation):
`name` and `description` read the active language's column, falling back to English."""

from modeltranslation.translator import TranslationOptions, register

from .models import Term


@register(Term)
class TermTranslationOptions(TranslationOptions):
    fields = ("name", "description")
