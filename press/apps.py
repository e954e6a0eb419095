from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    name = "press"
    verbose_name = _("Press")

    def ready(self):
        from . import signals, tagging

        signals.connect()
        tagging.install()
        signals.connect_facets()
        signals.connect_journalists()
