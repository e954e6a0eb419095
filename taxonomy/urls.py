from django.urls import path

from . import converters, views  # noqa: F401 - converters registers <vocabulary:>

app_name = "taxonomy"
urlpatterns = [
    path("<vocabulary:vocabulary>/", views.vocabulary_detail, name="vocabulary"),
]
