"""The bodies' names and descriptions, and the Chairpersons' names, in each official language
(django-modeltranslation), falling back to English."""

from modeltranslation.translator import TranslationOptions, register

from .models import Chairpersonship, Structure, StructureName


@register(Structure)
class StructureTranslationOptions(TranslationOptions):
    fields = ("name", "short_name", "description")


@register(StructureName)
class StructureNameTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Chairpersonship)
class ChairpersonshipTranslationOptions(TranslationOptions):
    fields = ("chairperson",)
