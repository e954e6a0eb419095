"""Events as iCalendar (RFC 5545), made by the icalendar library: what calendar programs
subscribe to (a whole series, or every upcoming meeting) or import ("Add to calendar")."""

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent


def ical(events, request, name):
    """The calendar of these events, with addresses absolute for `request`'s host."""
    calendar = Calendar()
    calendar.add("prodid", "-//OSCE//Meetings calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    host = request.get_host()
    stamped = timezone.now()
    for event in events:
        entry = CalendarEvent()
        entry.add("uid", f"event-{event.pk}@{host}")
        entry.add("dtstamp", stamped)
        entry.add("dtstart", event.starts_at)
        entry.add("dtend", event.ends_at)
        entry.add("summary", event.title)
        entry.add("location", ", ".join(part for part in (event.venue, event.city) if part))
        # ORGANIZER must be an address; the organising body goes into the description.
        organised = f"Organised by the {event.organiser.name}."
        entry.add("description", f"{event.description}\n\n{organised}".strip())
        entry.add("url", request.build_absolute_uri(event.get_absolute_url()))
        calendar.add_component(entry)
    return calendar.to_ical()
