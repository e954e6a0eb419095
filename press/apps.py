from django.apps import AppConfig


class PressConfig(AppConfig):
    name = "press"
    verbose_name = "Press"

    def ready(self):
        from . import signals

        signals.connect()
        signals.connect_facets()
