from django.urls import path

from . import views

app_name = "press"
urlpatterns = [
    path("", views.home, name="home"),
    path("press-releases/", views.release_list, name="list"),
    path("press-releases/<slug:slug>/", views.release_detail, name="detail"),
]
