from django.urls import path, re_path

from . import views

app_name = "structures"
urlpatterns = [
    path("", views.structure_index, name="index"),
    re_path(r"^(?P<path>[-\w]+(?:/[-\w]+)*)/$", views.structure_detail, name="detail"),
]
