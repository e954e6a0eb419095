from django.urls import path

from . import views

app_name = "structures"
urlpatterns = [
    path("", views.structure_index, name="index"),
]
