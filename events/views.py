from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from osce_site.cache import public_page, show
from taxonomy.models import Term

from .calendar import ical
from .models import EVENTS, Event

CALENDAR_SIZE = 200  # upcoming events in a subscription


def _calendar_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _events():
    return Event.objects.select_related("series", "organiser")


@public_page(shows=[EVENTS])
def upcoming_calendar(request, series=None):
    """Every upcoming meeting, or a series' upcoming meetings, to subscribe to."""
    events = _events().upcoming()
    name = "OSCE meetings"
    if series is not None:
        term = Term.objects.filter(kind="meeting-series", slug=series).first()
        if term is None:
            raise Http404("No such meeting series.")
        events, name = events.filter(series=term), f"OSCE: {term.name}"
    return _calendar_response(
        ical(events[:CALENDAR_SIZE], request, name), f"{series or 'osce'}.ics"
    )


@public_page
def event_calendar(request, series, slug):
    """One meeting, for "Add to calendar"."""
    event = get_object_or_404(_events(), series__slug=series, slug=slug)
    show(request, event)
    return _calendar_response(ical([event], request, event.title), f"{event.slug}.ics")
