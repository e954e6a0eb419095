from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from taxonomy.models import Vocabulary

from .sanitize import sanitize_html

FIELD_OF_WORK_CHOICES = {"vocabulary": Vocabulary.FIELDS_OF_WORK, "kind": "topic"}
# Information pages ("About us", "Institutions") are sections of the site, not issuing bodies.
ISSUING_BODY_CHOICES = ~models.Q(kind="information-page")
MEETING_CHOICES = {"vocabulary": Vocabulary.MEETINGS, "kind": "meeting-series"}
COUNTRY_CHOICES = {"kind": "country"}


class PressReleaseQuerySet(models.QuerySet):
    def published(self):
        """What anonymous visitors may see: published, and its publication time has come."""
        return self.filter(status=PressRelease.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        """Published, but waiting for their publication time; soonest first."""
        return self.filter(
            status=PressRelease.Status.PUBLISHED, published_at__gt=timezone.now()
        ).order_by("published_at")

    @staticmethod
    def _linked(field, targets):
        """EXISTS over a many-to-many table: no join, so no duplicate rows to remove."""
        through = PressRelease._meta.get_field(field).remote_field.through
        target = PressRelease._meta.get_field(field).m2m_reverse_field_name()
        return models.Exists(
            through.objects.filter(pressrelease=models.OuterRef("pk"), **{f"{target}__in": targets})
        )

    def in_fields(self, terms):
        """Releases classified under any of these fields of work."""
        return self.filter(self._linked("fields_of_work", terms))

    def in_meetings(self, terms):
        return self.filter(self._linked("meetings", terms))

    def in_countries(self, terms):
        return self.filter(self._linked("countries", terms))

    def using_terms(self, terms):
        """Releases that would lose a classification if these terms went away."""
        return self.filter(
            self._linked("fields_of_work", terms)
            | self._linked("meetings", terms)
            | self._linked("countries", terms)
        )

    def using_structures(self, structures):
        """Releases issued by, or concerning, any of these structures."""
        return self.filter(models.Q(source__in=structures) | self._linked("structures", structures))

    def for_listing(self):
        """Everything a list item shows, in a fixed number of queries, without the body."""
        return (
            self.defer("body", "search_vector")
            .select_related("source")
            .prefetch_related(
                "fields_of_work",
                models.Prefetch("images", queryset=ReleaseImage.objects.order_by("position", "pk")),
            )
        )


class PressReleaseManager(models.Manager.from_queryset(PressReleaseQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class ContactManager(models.Manager):
    def get_by_natural_key(self, email):
        return self.get(email=email)


class Contact(models.Model):
    """A media contact, reused across the releases of a structure."""

    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True, help_text="e.g. Spokesperson.")
    organisation = models.CharField(max_length=200, blank=True)
    email = models.EmailField(unique=True)
    phone = models.CharField(max_length=50, blank=True)

    objects = ContactManager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.role}" if self.role else self.name

    def natural_key(self):
        return (self.email,)


class PressRelease(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=255, unique=True, help_text="Part of the page address; unique across releases."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "publication date",
        default=timezone.now,
        help_text="The release shows from this moment; a future time schedules it.",
    )
    place = models.CharField(
        max_length=100, blank=True, help_text="Dateline city, as printed: LJUBLJANA."
    )
    source = models.ForeignKey(
        "structures.Structure",
        on_delete=models.PROTECT,
        related_name="releases",
        limit_choices_to=ISSUING_BODY_CHOICES,
        help_text="The body that issues the release.",
    )
    structures = models.ManyToManyField(
        "structures.Structure",
        blank=True,
        related_name="mentioning_releases",
        limit_choices_to=ISSUING_BODY_CHOICES,
        verbose_name="further structures",
        help_text="Other bodies the release concerns.",
    )
    fields_of_work = models.ManyToManyField(
        "taxonomy.Term",
        blank=True,
        related_name="releases_by_field",
        limit_choices_to=FIELD_OF_WORK_CHOICES,
    )
    meetings = models.ManyToManyField(
        "taxonomy.Term",
        blank=True,
        related_name="releases_by_meeting",
        limit_choices_to=MEETING_CHOICES,
        verbose_name="meetings and conferences",
    )
    countries = models.ManyToManyField(
        "taxonomy.Term",
        blank=True,
        related_name="releases_by_country",
        limit_choices_to=COUNTRY_CHOICES,
    )
    tags = TaggableManager(through="TaggedRelease", blank=True)
    summary = models.TextField(
        max_length=1000, help_text="One or two sentences for lists, feeds and search results."
    )
    body = models.TextField(help_text="Sanitised on save: scripts and styles are removed.")
    contacts = models.ManyToManyField(
        Contact, blank=True, related_name="releases", verbose_name="media contacts"
    )
    featured = models.BooleanField(default=False, help_text="Shown prominently on the home page.")
    # Filled by a PostgreSQL trigger from title, summary and body (migration 0002), with a
    # GIN index; unused on SQLite, which searches with a simpler fallback.
    search_vector = SearchVectorField(null=True, editable=False, serialize=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = PressReleaseManager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        # Lists filter on status and order by (published_at, id) descending: one index walk.
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="release_listing_idx")
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("press:detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    @property
    def lead_image(self):
        """The first image by position; uses the prefetch of for_listing() when present."""
        return next(iter(self.images.all()), None)


class TaggedReleaseManager(models.Manager):
    def get_by_natural_key(self, release_slug, tag_name):
        return self.get(content_object__slug=release_slug, tag__name=tag_name)


class TaggedRelease(TaggedItemBase):
    """Tags of releases, through a real foreign key rather than a generic relation."""

    content_object = models.ForeignKey(
        PressRelease, on_delete=models.CASCADE, related_name="tagged_items"
    )

    objects = TaggedReleaseManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="tagged_release_unique")
        ]

    def natural_key(self):
        return (self.content_object.slug, self.tag.name)

    natural_key.dependencies = ["press.pressrelease", "taggit.tag"]


class ReleaseImageManager(models.Manager):
    def get_by_natural_key(self, release_slug, image):
        return self.get(release__slug=release_slug, image=image)


class ReleaseImage(models.Model):
    release = models.ForeignKey(PressRelease, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(upload_to="releases/%Y/%m/")
    alt_text = models.CharField(
        max_length=250, help_text="What the image shows, for people who cannot see it."
    )
    caption = models.CharField(max_length=500, blank=True)
    credit = models.CharField(max_length=200, blank=True, help_text="e.g. OSCE/Jane Doe.")
    position = models.PositiveSmallIntegerField(
        default=0, help_text="The first image leads the release."
    )

    objects = ReleaseImageManager()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.alt_text

    def natural_key(self):
        return (self.release.slug, self.image.name)

    natural_key.dependencies = ["press.pressrelease"]
