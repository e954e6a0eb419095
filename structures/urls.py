from django.urls import path

from osce_site import converters  # noqa: F401 - registers <uslugpath:>

from . import views

app_name = "structures"
urlpatterns = [
    path("", views.structure_index, name="index"),
    path("<uslugpath:path>/", views.structure_detail, name="detail"),
]
