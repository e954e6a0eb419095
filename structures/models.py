import datetime

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from mptt.models import TreeForeignKey

from osce_site.links import link
from osce_site.trees import TreeNode, TreeNodeManager, TreeNodeQuerySet


def _not_closed_on(day):
    return models.Q(closed__isnull=True) | models.Q(closed__gt=day)


class StructureQuerySet(TreeNodeQuerySet):
    def open_on(self, day):
        return self.filter(
            models.Q(established__isnull=True) | models.Q(established__lte=day),
            _not_closed_on(day),
        )

    def in_menu_on(self, day):
        """What the menu shows on `day`: closed bodies leave it (their pages stay), and with
        them their units once `outline()` finds no parent; a top node always stays."""
        return self.filter(models.Q(parent=None) | _not_closed_on(day), in_menu=True)

    def active(self):
        return self.open_on(timezone.localdate())

    def closed(self):
        return self.filter(closed__lte=timezone.localdate())


class StructureManager(TreeNodeManager.from_queryset(StructureQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def move_node(self, node, target, position="last-child"):
        """Every tree move (drag and drop included) goes through here."""
        super().move_node(node, target, position)
        node.refresh_paths()


class Structure(TreeNode):
    """A body of the organisation. Bodies are never deleted when they close: they keep
    their page and releases, and point to their successor."""

    class Kind(models.TextChoices):
        CHAIRPERSONSHIP = "chairpersonship", "Chairpersonship"
        SECRETARIAT = "secretariat", "Secretariat"
        UNIT = "unit", "Secretariat unit"
        INSTITUTION = "institution", "Institution"
        FIELD_OPERATION = "field-operation", "Field operation"
        PARLIAMENTARY_ASSEMBLY = "parliamentary-assembly", "Parliamentary Assembly"
        COURT = "court", "Court"
        INFORMATION_PAGE = "information-page", "Information page"

    name = models.CharField(max_length=200)
    short_name = models.CharField(
        max_length=50, blank=True, help_text="Acronym used in datelines, e.g. ODIHR."
    )
    slug = models.SlugField(
        max_length=200, unique=True, help_text="Part of the page address; unique across structures."
    )
    # The slugs from the root down, joined by "/": the page address, kept in step with the
    # tree on save and move so that any list can link to structures without tree queries.
    path = models.CharField(max_length=1000, unique=True, editable=False)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    parent = TreeForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    established = models.DateField(null=True, blank=True)
    closed = models.DateField(
        null=True, blank=True, help_text="Set when the body closes; it keeps its page and releases."
    )
    succeeded_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
        help_text="The body that took over its work when it closed or was renamed.",
    )
    host_country = models.ForeignKey(
        "taxonomy.Term",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_structures",
        limit_choices_to={"kind": "country"},
    )
    description = models.TextField(blank=True)
    address = models.TextField(blank=True)
    contact = models.TextField(blank=True, help_text="Telephone, e-mail and web, one per line.")
    in_menu = models.BooleanField(
        "show in menu",
        default=True,
        help_text="Shown in the site's navigation menu while the body is open.",
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="editorial_structures",
        verbose_name="press officers",
        help_text="They write the releases of this body and of the bodies below it.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = StructureManager()

    # The information page that lists the field operations which have closed.
    CLOSED_FIELD_ACTIVITIES = "closed-field-activities"

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed__isnull=True)
                | models.Q(established__isnull=True)
                | models.Q(closed__gt=models.F("established")),
                name="structure_closed_after_established",
                violation_error_message="The closing date must come after the opening date.",
            ),
        ]

    def __str__(self):
        return f"{self.name} (closed)" if self.is_closed else self.name

    def save(self, *args, **kwargs):
        old_path = self.path
        self.path = f"{self.parent.path}/{self.slug}" if self.parent_id else self.slug
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            self.refresh_paths()

    def get_absolute_url(self):
        return self.page_url(self.path)

    @staticmethod
    def page_url(path):
        """The page of a structure, from its path (as `outline()` gives it)."""
        return link("press:structure", path)

    def natural_key(self):
        return (self.slug,)

    def name_on(self, day):
        """The name the body had on `day` (in the active language): a former name whose years
        hold it, or its name now. Reads `former_names` (prefetch it where many bodies are
        shown)."""
        return self._named_on(day).name

    def holder_title_on(self, day):
        """The Chair's title on `day`, from the office's name then: "Chairman-in-Office"
        while it was the Chairmanship, "Chairperson-in-Office" since."""
        if self._named_on(day).name_en == "Chairmanship":
            return _("Chairman-in-Office")
        return _("Chairperson-in-Office")

    def _named_on(self, day):
        for former in self.former_names.all():
            since = former.used_from or datetime.date.min
            if since <= day <= (former.used_until or datetime.date.max):
                return former
        return self

    def is_closed_on(self, day):
        return self.closed is not None and self.closed <= day

    @property
    def is_closed(self):
        return self.is_closed_on(timezone.localdate())

    @property
    def current_successor(self):
        """The open body that carries this one's work on, through any closed successors
        between them (Mission to Tajikistan -> ... -> Programme Office in Dushanbe); None
        when the line ended."""
        seen = {self.pk}
        body = self.succeeded_by
        while body is not None and body.is_closed and body.succeeded_by_id not in seen:
            seen.add(body.pk)
            body = body.succeeded_by
        return body if body is not None and not body.is_closed else None

    def refresh_paths(self):
        """Recompute the paths of this node and everything below it (after a move)."""
        fresh = Structure.objects.get(pk=self.pk)  # this instance's tree numbers may be stale
        nodes = list(fresh.get_descendants(include_self=True).select_related("parent"))
        paths = {}
        for node in nodes:  # tree order: parents before their children
            parent_path = paths.get(node.parent_id) or (node.parent.path if node.parent_id else "")
            paths[node.pk] = node.path = f"{parent_path}/{node.slug}".lstrip("/")
        Structure.objects.bulk_update(nodes, ["path"])

    def releases_using_subtree(self):
        releases = apps.get_model("press", "PressRelease").objects
        return releases.using_structures(self.get_descendants(include_self=True))

    def clean(self):
        errors = {}
        if self.host_country_id and self.host_country.kind != "country":
            errors["host_country"] = "Choose a country."
        if self.succeeded_by_id and self.succeeded_by_id == self.pk:
            errors["succeeded_by"] = "A body cannot succeed itself."
        if errors:
            raise ValidationError(errors)


class StructureNameManager(models.Manager):
    def get_by_natural_key(self, structure_slug, name):
        return self.get(structure__slug=structure_slug, name=name)


class StructureName(models.Model):
    """A name the body carried for a while (Programme Office in Nur-Sultan, 2019–2022)."""

    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="former_names")
    name = models.CharField(max_length=200)
    used_from = models.DateField(null=True, blank=True)
    used_until = models.DateField(null=True, blank=True)

    objects = StructureNameManager()

    class Meta:
        ordering = ["used_from"]
        constraints = [
            models.UniqueConstraint(fields=["structure", "name"], name="structure_name_unique"),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (*self.structure.natural_key(), self.name)

    natural_key.dependencies = ["structures.structure"]


class ChairpersonshipQuerySet(models.QuerySet):
    def for_year(self, year):
        return self.select_related("country").filter(year=year).first()


class ChairpersonshipManager(models.Manager.from_queryset(ChairpersonshipQuerySet)):
    def get_by_natural_key(self, year):
        return self.get(year=year)


class Chairpersonship(models.Model):
    """Which participating State chairs the organisation in a year, and who is in office."""

    year = models.PositiveSmallIntegerField(unique=True)
    country = models.ForeignKey(
        "taxonomy.Term",
        on_delete=models.PROTECT,
        related_name="chairpersonships",
        limit_choices_to={"kind": "country"},
    )
    chairperson = models.CharField("Chairperson-in-Office", max_length=200)

    objects = ChairpersonshipManager()

    class Meta:
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}: {self.country}"

    def natural_key(self):
        return (self.year,)

    natural_key.dependencies = ["taxonomy.term"]

    @property
    def label(self):
        return _("%(country)s – OSCE Chairpersonship %(year)s") % {
            "country": self.country,
            "year": self.year,
        }

    def clean(self):
        if self.country_id and self.country.kind != "country":
            raise ValidationError({"country": "Choose a country."})
