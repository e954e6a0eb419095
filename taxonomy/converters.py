from django.urls import register_converter

from .models import Vocabulary


class VocabularyConverter:
    """The address segment of a vocabulary: fields-of-work, meetings, countries."""

    regex = "|".join(Vocabulary.values)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(VocabularyConverter, "vocabulary")
