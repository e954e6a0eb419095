"""The dated events of the meeting series (Ministerial Council, Permanent Council, Human
Dimension conferences...): the series are terms of the Meetings and conferences vocabulary;
an event is one meeting of a series, in a city and venue, organised by a structure."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from osce_site.links import link

EVENTS = "events"  # the surrogate key of every page and calendar that lists events
SERIES_CHOICES = {"vocabulary": "meetings", "kind": "meeting-series"}


class EventQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        """What has not ended yet, soonest first."""
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        """What has ended, the latest first."""
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")


class EventManager(models.Manager.from_queryset(EventQuerySet)):
    def get_by_natural_key(self, vocabulary, series_slug, slug):
        return self.get(series__vocabulary=vocabulary, series__slug=series_slug, slug=slug)


class Event(models.Model):
    series = models.ForeignKey(
        "taxonomy.Term",
        verbose_name=_("series"),
        on_delete=models.PROTECT,
        related_name="events",
        limit_choices_to=SERIES_CHOICES,
        help_text=_("The series this meeting belongs to, e.g. Ministerial Council meetings."),
    )
    title = models.CharField(
        verbose_name=_("title"), max_length=300, help_text=_("e.g. 32nd Ministerial Council.")
    )
    slug = models.SlugField(
        verbose_name=_("slug"),
        max_length=255,
        allow_unicode=True,
        help_text=_("Part of the page address, within the series."),
    )
    starts_at = models.DateTimeField(_("start"), help_text=_("Vienna time."))
    ends_at = models.DateTimeField(_("end"), help_text=_("Vienna time."))
    city = models.CharField(verbose_name=_("city"), max_length=100)
    venue = models.CharField(
        verbose_name=_("venue"), max_length=200, blank=True, help_text=_("e.g. Hofburg, Vienna.")
    )
    organiser = models.ForeignKey(
        "structures.Structure",
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="organised_events",
        help_text=_("The structure that organises the meeting."),
    )
    description = models.TextField(verbose_name=_("description"), blank=True)

    objects = EventManager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.UniqueConstraint(fields=["series", "slug"], name="event_slug_in_series"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_it_starts",
                violation_error_message=_("The end must not come before the start."),
            ),
        ]
        indexes = [models.Index(fields=["ends_at", "starts_at"], name="event_upcoming_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return link("press:event", self.series.slug, self.slug)

    def natural_key(self):
        return (*self.series.natural_key(), self.slug)

    natural_key.dependencies = ["taxonomy.term", "structures.structure"]

    def clean(self):
        if self.series_id and self.series.kind != "meeting-series":
            raise ValidationError({"series": _("Choose a meeting series.")})
