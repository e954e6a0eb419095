from django.urls import path, register_converter

from osce_site import converters  # noqa: F401 - registers <uslug:>

from . import views
from .models import Vocabulary


class VocabularyConverter:
    regex = "|".join(Vocabulary.values)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(VocabularyConverter, "vocabulary")

app_name = "taxonomy"
urlpatterns = [
    path("<vocabulary:vocabulary>/", views.vocabulary_detail, name="vocabulary"),
    path("<vocabulary:vocabulary>/<uslug:slug>/", views.term_detail, name="term"),
]
