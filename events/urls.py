from django.urls import path

from osce_site import converters  # noqa: F401 - registers <uslug:>

from . import views

app_name = "events"
urlpatterns = [
    path("feeds/meetings.ics", views.upcoming_calendar, name="calendar"),
    path("feeds/meetings/<uslug:series>.ics", views.upcoming_calendar, name="series-calendar"),
    path("meetings/<uslug:series>/<uslug:slug>.ics", views.event_calendar, name="event-calendar"),
]
