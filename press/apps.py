from django.apps import AppConfig


class PressConfig(AppConfig):
    name = "press"
    verbose_name = "Press"

    def ready(self):
        from . import signals, tagging

        signals.connect()
        tagging.install()
        signals.connect_facets()
        signals.connect_journalists()
