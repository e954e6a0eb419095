from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Meetings calendar")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from osce_site.cache import purge

        from .models import EVENTS

        def purge_event(sender, instance, **kwargs):
            # The event's page, and the pages and calendars that list events.
            purge(instance, EVENTS)

        event = self.get_model("Event")
        post_save.connect(purge_event, sender=event, dispatch_uid="purge-event-save", weak=False)
        post_delete.connect(purge_event, sender=event, dispatch_uid="purge-event-del", weak=False)
