import reversion
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItemBase

from osce_site.languages import site_language
from osce_site.links import link
from taxonomy.models import Vocabulary

from . import datelines
from .renditions import make_renditions
from .validators import ATTACHMENT_TYPES, validate_attachment, validate_image

FIELD_OF_WORK_CHOICES = {"vocabulary": Vocabulary.FIELDS_OF_WORK, "kind": "topic"}
# Information pages ("About us", "Institutions") are sections of the site, not issuing bodies.
ISSUING_BODY_CHOICES = ~models.Q(kind="information-page")
MEETING_CHOICES = {"vocabulary": Vocabulary.MEETINGS, "kind": "meeting-series"}
COUNTRY_CHOICES = {"kind": "country"}


class PressReleaseQuerySet(models.QuerySet):
    def published(self):
        """What lists, feeds and search show: published, and its publication time has come."""
        return self.filter(status=PressRelease.Status.PUBLISHED, published_at__lte=timezone.now())

    def viewable(self):
        """What has a public page: the published, and the withdrawn, which keep their address
        with a notice but leave lists and feeds."""
        return self.filter(
            status__in=[PressRelease.Status.PUBLISHED, PressRelease.Status.WITHDRAWN],
            published_at__lte=timezone.now(),
        )

    def tags(self):
        """The tags these releases carry. A tag exists for visitors only while a release
        they can see carries it: PressRelease.objects.viewable().tags()."""
        carried = TaggedRelease.objects.filter(tag=models.OuterRef("pk"), content_object__in=self)
        return Tag.objects.filter(models.Exists(carried))

    def scheduled(self):
        """Published, but waiting for their publication time; soonest first."""
        return self.filter(
            status=PressRelease.Status.PUBLISHED, published_at__gt=timezone.now()
        ).order_by("published_at")

    def under_embargo(self):
        """Scheduled releases shared with accredited journalists, who read them in the press
        room until their publication time makes them public; the soonest to end first."""
        return self.scheduled().filter(embargo_shared_at__isnull=False)

    def drafts(self):
        return self.filter(status=PressRelease.Status.DRAFT)

    def submitted(self):
        """Drafts waiting for a publisher; longest waiting first."""
        return self.drafts().filter(submitted_at__isnull=False).order_by("submitted_at")

    def next_scheduled_time(self):
        """When the next scheduled release goes live (None if none is waiting): the time
        at which pages that list releases change by themselves."""
        return self.scheduled().values_list("published_at", flat=True).first()

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

    def originals(self):
        """Releases that are no translation of another."""
        return self.filter(translation_of__isnull=True)

    def missing_language(self, language):
        """Originals in another language that have no version in this one yet."""
        versions = PressRelease.objects.filter(
            translation_of=models.OuterRef("pk"), language=language
        )
        return self.originals().exclude(language=language).exclude(models.Exists(versions))

    def missing_some_language(self):
        """Originals that lack a version in one of the other release languages or more: one
        aggregate over them (an anti-join per language, OR-ed, took 0.9 s at 100,000)."""
        return (
            self.originals()
            .alias(
                versions=models.Count(
                    "translations__language",
                    distinct=True,
                    filter=~models.Q(translations__language=models.F("language")),
                )
            )
            .filter(versions__lt=len(settings.RELEASE_LANGUAGES) - 1)
        )

    def missing_counts(self):
        """{language: how many of these originals lack a version in it}, in two queries:
        the originals in each language, and those with a version in each."""
        originals = self.originals()
        by_language = dict(
            originals.order_by().values_list("language").annotate(n=models.Count("pk"))
        )
        translated = dict(
            PressRelease.objects.filter(translation_of__in=originals.values("pk"))
            .exclude(language=models.F("translation_of__language"))
            .order_by()
            .values_list("language")
            .annotate(n=models.Count("translation_of", distinct=True))
        )
        total = sum(by_language.values())
        return {
            code: total - by_language.get(code, 0) - translated.get(code, 0)
            for code, _name in settings.RELEASE_LANGUAGES
        }

    def with_stale_translations(self):
        """Originals whose text changed after one of their translations was last saved."""
        stale = PressRelease.objects.filter(
            translation_of=models.OuterRef("pk"), updated_at__lt=models.OuterRef("text_changed_at")
        )
        return self.originals().filter(models.Exists(stale))

    def with_translations(self):
        """Originals with their translations, for the translation matrix (press.translations)."""
        versions = PressRelease.objects.only(
            "pk", "title", "slug", "language", "status", "published_at", "updated_at",
            "translation_of_id", "embargo_shared_at",
        )  # fmt: skip
        return self.prefetch_related(models.Prefetch("translations", queryset=versions))

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

    name = models.CharField(verbose_name=_("name"), max_length=200)
    role = models.CharField(
        verbose_name=_("role"), max_length=200, blank=True, help_text=_("e.g. Spokesperson.")
    )
    organisation = models.CharField(verbose_name=_("organisation"), max_length=200, blank=True)
    email = models.EmailField(verbose_name=_("email"), unique=True)
    phone = models.CharField(verbose_name=_("phone"), max_length=50, blank=True)

    objects = ContactManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return f"{self.name}, {self.role}" if self.role else self.name

    def natural_key(self):
        return (self.email,)


# The body's editor and its sanitiser share one list: what the toolbar can make is exactly
# what survives sanitising.
BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
}


TEXT_FIELDS = ("title", "summary", "body")  # what a translation translates


class PressRelease(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    title = models.CharField(verbose_name=_("title"), max_length=300)
    # Unicode: a Russian title gives a readable Russian address, as taggit does for tags,
    # rather than a transliteration whose spelling differs from standard to standard.
    slug = models.SlugField(
        verbose_name=_("slug"),
        max_length=255,
        unique=True,
        allow_unicode=True,
        help_text=_("Part of the page address; unique across releases."),
    )
    # Filled by import_legacy only, and how it recognises the release on the next run.
    legacy_id = models.CharField(
        _("address on the old site"),
        max_length=500,
        blank=True,
        editable=False,
        help_text=_(
            "The page's address on the old website or, when the saved page did not record it, "
            "its date, source and title as first imported."
        ),
    )
    status = models.CharField(
        verbose_name=_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    withdrawal_reason = models.TextField(
        verbose_name=_("withdrawal reason"),
        blank=True,
        help_text=_("Shown on the release's page when it is withdrawn; required then."),
    )
    language = models.CharField(
        verbose_name=_("language"),
        max_length=10,
        choices=settings.RELEASE_LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        help_text=_("The original release, when this is a translation of it."),
    )
    published_at = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_(
            "Vienna time. The release shows from this moment; a future time schedules it. "
            "Leave it empty to date the release when it is published."
        ),
    )
    place = models.CharField(
        verbose_name=_("place"),
        max_length=100,
        blank=True,
        help_text=_("Dateline city, as printed: LJUBLJANA."),
    )
    source = models.ForeignKey(
        "structures.Structure",
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        related_name="releases",
        limit_choices_to=ISSUING_BODY_CHOICES,
        help_text=_("The body that issues the release."),
    )
    structures = models.ManyToManyField(
        "structures.Structure",
        blank=True,
        related_name="mentioning_releases",
        limit_choices_to=ISSUING_BODY_CHOICES,
        verbose_name=_("further structures"),
        help_text=_("Other bodies the release concerns."),
    )
    fields_of_work = models.ManyToManyField(
        "taxonomy.Term",
        verbose_name=_("fields of work"),
        blank=True,
        related_name="releases_by_field",
        limit_choices_to=FIELD_OF_WORK_CHOICES,
    )
    meetings = models.ManyToManyField(
        "taxonomy.Term",
        blank=True,
        related_name="releases_by_meeting",
        limit_choices_to=MEETING_CHOICES,
        verbose_name=_("meetings and conferences"),
    )
    countries = models.ManyToManyField(
        "taxonomy.Term",
        verbose_name=_("countries"),
        blank=True,
        related_name="releases_by_country",
        limit_choices_to=COUNTRY_CHOICES,
    )
    tags = TaggableManager(through="TaggedRelease", blank=True)
    summary = models.TextField(
        verbose_name=_("summary"),
        max_length=1000,
        help_text=_("One or two sentences for lists, feeds and search results."),
    )
    body = ProseEditorField(
        verbose_name=_("body"),
        config={"extensions": BODY_EXTENSIONS},
        sanitize=True,
        help_text=_("Sanitised on save: only what the editor's toolbar makes is kept."),
    )
    contacts = models.ManyToManyField(
        Contact, blank=True, related_name="releases", verbose_name=_("media contacts")
    )
    featured = models.BooleanField(
        verbose_name=_("featured"),
        default=False,
        help_text=_("Shown prominently on the home page."),
    )
    # Filled by a PostgreSQL trigger from title, summary and body (migration 0002), with a
    # GIN index; unused on SQLite, which searches with a simpler fallback.
    search_vector = SearchVectorField(null=True, editable=False, serialize=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # When the title, summary or body last changed (unknown for releases loaded from a fixture
    # or older than this field): translations saved before it are stale.
    text_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
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
    # Whether the dateline that opens the body disagrees with the place or the date
    # (press.datelines), kept on save so that the admin's list can filter on it.
    dateline_mismatch = models.BooleanField(default=False, editable=False)
    # When readers were last told of a change (press.services.note_change): what feeds and
    # search engines take as the release's update; minor corrections leave it alone.
    publicly_updated_at = models.DateTimeField(
        _("last public update"), null=True, blank=True, editable=False
    )
    # Set by "Submit for publication" (press.workflow); cleared when a publisher acts on it.
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # Set by "Share under embargo" (press.workflow) on a scheduled release: accredited
    # journalists read it in the press room until its publication time. A draft is never
    # shared; a release made public keeps the date, as a record that it was embargoed.
    embargo_shared_at = models.DateTimeField(
        _("shared under embargo"), null=True, blank=True, editable=False
    )

    objects = PressReleaseManager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        permissions = [("publish_pressrelease", "Can publish, schedule and withdraw releases")]
        # Lists filter on status and order by (published_at, id) descending: one index walk.
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="release_listing_idx"),
            # The home page's featured release is one row in many thousands.
            models.Index(
                fields=["-published_at"],
                condition=models.Q(featured=True),
                name="release_featured_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["legacy_id"],
                condition=~models.Q(legacy_id=""),
                name="release_legacy_id_unique",
                violation_error_message=_("Another release was imported from this page."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_body(self.body)
        if self.published_at is None and self.status != self.Status.DRAFT:
            self.published_at = timezone.now()  # a draft left undated is dated when published
        self.dateline_mismatch = bool(self.dateline_problems())
        if self.status == self.Status.DRAFT:
            self.embargo_shared_at = None  # back to draft: journalists lose it too
        fields = kwargs.get("update_fields")
        if fields is not None and {"body", "place", "published_at"} & set(fields):
            kwargs["update_fields"] = {*fields, "dateline_mismatch"}
        if fields is not None and "status" in fields:
            kwargs["update_fields"] = {*kwargs["update_fields"], "embargo_shared_at"}
        old_slug = None
        if self.pk is None:
            self.text_changed_at = timezone.now()
        else:
            stored = PressRelease.objects.filter(pk=self.pk).values(*TEXT_FIELDS, "slug").first()
            old_slug = stored and stored["slug"]
            if stored and any(stored[name] != getattr(self, name) for name in TEXT_FIELDS):
                self.text_changed_at = timezone.now()
                if fields is not None:
                    kwargs["update_fields"] = {*kwargs["update_fields"], "text_changed_at"}
        super().save(*args, **kwargs)
        SlugRedirect.objects.filter(old_slug=self.slug).delete()  # the slug is live again
        if old_slug and old_slug != self.slug:
            SlugRedirect.objects.update_or_create(old_slug=old_slug, defaults={"release": self})

    def get_absolute_url(self):
        """Its address in its own language's part of the site (English's for a language the
        site's interface does not have)."""
        with translation.override(site_language(self.language)):
            return link("press:detail", self.slug)

    def dateline_problems(self):
        """Where the body's opening dateline disagrees with the place or the date."""
        return datelines.problems(self.body, self.place, self.published_at)

    def clean(self):
        if self.status == self.Status.WITHDRAWN and not self.withdrawal_reason.strip():
            raise ValidationError(
                {"withdrawal_reason": _("Say publicly why the release is withdrawn.")}
            )
        if self.translation_of_id and self.translation_of_id == self.pk:
            raise ValidationError({"translation_of": _("A release cannot translate itself.")})
        if self.translation_of and self.translation_of.translation_of_id:
            raise ValidationError(
                {"translation_of": _("Choose the original release, not another translation.")}
            )

    def natural_key(self):
        return (self.slug,)

    @property
    def is_public(self):
        published = self.status == self.Status.PUBLISHED and self.published_at is not None
        return published and self.published_at <= timezone.now()

    @property
    def is_scheduled(self):
        published = self.status == self.Status.PUBLISHED and self.published_at is not None
        return published and self.published_at > timezone.now()

    @property
    def is_under_embargo(self):
        return self.is_scheduled and self.embargo_shared_at is not None

    @property
    def state_label(self):
        if self.is_under_embargo:
            return _("Under embargo")
        return _("Scheduled") if self.is_scheduled else self.get_status_display()

    @property
    def modified_at(self):
        """When the release last changed for its readers: published, or publicly updated."""
        return self.publicly_updated_at or self.published_at

    @property
    def lead_image(self):
        """The first image by position; uses the prefetch of for_listing() when present."""
        return next(iter(self.images.all()), None)


class ChangeNote(models.Model):
    """A change to a published release that readers should know about, in the editor's
    public words ("Corrected the date of the visit."); minor corrections have none."""

    release = models.ForeignKey(PressRelease, on_delete=models.CASCADE, related_name="change_notes")
    note = models.CharField(max_length=500)
    noted_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-noted_at", "-pk"]
        verbose_name = _("change note")
        verbose_name_plural = _("change notes")

    def __str__(self):
        return self.note


class JournalistQuerySet(models.QuerySet):
    def accredited(self):
        """Those whose accreditation runs today or later."""
        return self.filter(accredited_until__gte=timezone.localdate(), user__is_active=True)


class Journalist(models.Model):
    """An accredited journalist: a reader, not staff. They sign in to the press room with a
    one-time link sent to their address (no password) and read releases under embargo
    there; each reading is logged (EmbargoView). Their sign-in account is kept in step
    with this record on save."""

    name = models.CharField(verbose_name=_("name"), max_length=200)
    outlet = models.CharField(
        verbose_name=_("outlet"),
        max_length=200,
        help_text=_("The newspaper, agency or broadcaster."),
    )
    email = models.EmailField(
        verbose_name=_("email"),
        unique=True,
        help_text=_("Sign-in links and embargo notices are sent to this address."),
    )
    accredited_until = models.DateField(
        verbose_name=_("accredited until"),
        help_text=_(
            "The last day of the accreditation: the press room is closed to them after it."
        ),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        editable=False,
        related_name="journalist",
    )
    # When the last sign-in link was sent: a new one waits a minute, so that the form
    # cannot be used to flood a journalist's mailbox.
    link_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = JournalistQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("journalist")
        verbose_name_plural = _("journalists")

    def __str__(self):
        return f"{self.name} ({self.outlet})"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        user = self.user if self.user_id else get_user_model()(is_active=True)
        if user.pk is None:
            user.set_unusable_password()
        user.username = f"journalist+{self.email}"[:150]
        user.email = self.email
        user.first_name = self.name[:150]
        user.is_staff = user.is_superuser = False  # a journalist never enters the admin
        user.save()
        self.user = user
        super().save(*args, **kwargs)

    @property
    def is_accredited(self):
        return self.accredited_until >= timezone.localdate() and self.user.is_active


class EmbargoEvent(models.Model):
    """A change to a release's embargo, by whom: the embargo's log for editors."""

    class Kind(models.TextChoices):
        SHARED = "shared", _("Shared under embargo")
        EXTENDED = "extended", _("Embargo extended")
        BROUGHT_FORWARD = "brought-forward", _("Embargo brought forward")
        LIFTED = "lifted", _("Embargo lifted early: public now")
        REVOKED = "revoked", _("Embargo revoked: back to draft")

    release = models.ForeignKey(
        PressRelease, on_delete=models.CASCADE, related_name="embargo_events"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    until = models.DateTimeField(
        null=True, blank=True, help_text=_("When the embargo ends after this change.")
    )
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("embargo event")
        verbose_name_plural = _("embargo events")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.release}"


class EmbargoView(models.Model):
    """A journalist read a release under embargo (its page or its media kit)."""

    class What(models.TextChoices):
        PAGE = "page", _("Read the release")
        MEDIA_KIT = "media-kit", _("Downloaded the media kit")

    release = models.ForeignKey(
        PressRelease,
        verbose_name=pgettext_lazy("the field of an embargo view", "release"),
        on_delete=models.CASCADE,
        related_name="embargo_views",
    )
    # Protected: the log stays complete; an accreditation ends by its date, not by deletion.
    journalist = models.ForeignKey(
        Journalist, on_delete=models.PROTECT, related_name="embargo_views"
    )
    what = models.CharField(
        verbose_name=_("what"), max_length=20, choices=What.choices, default=What.PAGE
    )
    viewed_at = models.DateTimeField(verbose_name=_("viewed at"), default=timezone.now)

    class Meta:
        ordering = ["-viewed_at", "-pk"]
        verbose_name = _("embargo view")
        verbose_name_plural = _("embargo views")

    def __str__(self):
        return f"{self.journalist}: {self.release}, {self.viewed_at:%Y-%m-%d %H:%M}"


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
        verbose_name = _("tagged release")
        verbose_name_plural = _("tagged releases")
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
    class Licence(models.TextChoices):
        EDITORIAL = "editorial", _("Free for editorial use with credit")
        CC_BY = "cc-by-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")
        CC_BY_SA = "cc-by-sa-4.0", _("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)")
        CC_BY_ND = (
            "cc-by-nd-4.0",
            _("Creative Commons Attribution-NoDerivatives 4.0 (CC BY-ND 4.0)"),
        )
        RESERVED = "reserved", _("All rights reserved: ask the press office before any use")

    release = models.ForeignKey(PressRelease, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(
        verbose_name=_("image"), upload_to="releases/%Y/%m/", validators=[validate_image]
    )
    # Set with the renditions. (ImageField's width_field would read the file each time an
    # image is loaded while these are empty, and fail when the file is missing.)
    width = models.PositiveIntegerField(null=True, editable=False)
    height = models.PositiveIntegerField(null=True, editable=False)
    alt_text = models.CharField(
        verbose_name=_("alt text"),
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = models.CharField(verbose_name=_("caption"), max_length=500, blank=True)
    credit = models.CharField(
        verbose_name=_("credit"), max_length=200, blank=True, help_text=_("e.g. OSCE/Jane Doe.")
    )
    licence = models.CharField(
        verbose_name=_("licence"),
        max_length=20,
        choices=Licence.choices,
        default=Licence.EDITORIAL,
        help_text=_("How journalists may use the image; it goes with the image in the media kit."),
    )
    position = models.PositiveSmallIntegerField(
        verbose_name=_("position"), default=0, help_text=_("The first image leads the release.")
    )

    objects = ReleaseImageManager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("release image")
        verbose_name_plural = _("release images")

    def __str__(self):
        return self.alt_text

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        make_renditions(self)

    def natural_key(self):
        return (self.release.slug, self.image.name)

    natural_key.dependencies = ["press.pressrelease"]


def sanitize_body(html):
    """The body's allow-list, for every save, not only the admin form's."""
    return PressRelease._meta.get_field("body").sanitize(html or "")


class SlugRedirect(models.Model):
    """An address a release had before its slug changed: it redirects there for good."""

    old_slug = models.SlugField(max_length=255, unique=True, allow_unicode=True)
    release = models.ForeignKey(PressRelease, on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("slug redirect")
        verbose_name_plural = _("slug redirects")

    def __str__(self):
        return f"{self.old_slug} → {self.release.slug}"


class ReleaseAttachment(models.Model):
    """A document that goes with a release: a report, a statement, a speech."""

    release = models.ForeignKey(PressRelease, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(
        verbose_name=_("file"), upload_to="attachments/%Y/%m/", validators=[validate_attachment]
    )
    title = models.CharField(verbose_name=_("title"), max_length=300)
    position = models.PositiveSmallIntegerField(verbose_name=_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("release attachment")
        verbose_name_plural = _("release attachments")

    def __str__(self):
        return self.title

    @property
    def kind(self):
        return ATTACHMENT_TYPES.get(self.file.name.rsplit(".", 1)[-1].lower(), ("File",))[0]


# Every save of a release keeps a revision of it with its images, attachments and tags.
reversion.register(ReleaseImage)
reversion.register(ReleaseAttachment)
reversion.register(TaggedRelease)
reversion.register(SlugRedirect)
reversion.register(PressRelease, follow=("images", "attachments", "tagged_items", "old_slugs"))


class FacetKey(models.Model):
    """What one release is found by: each filter value that selects it (its fields of work,
    meetings, countries and source with all their ancestors, its tags,
    its year). Kept for every release, whatever its status, by press.facets; `counted` says
    whether the release is in FacetCount now."""

    derived_data = True  # rebuilt by press.facets.recount(); not in backups

    release_id = models.BigIntegerField()  # not a foreign key: outlives a delete
    facet = models.CharField(max_length=16)
    key = models.BigIntegerField()
    counted = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True)  # the release's, for the listing index

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["release_id", "facet", "key"], name="facet_key_unique")
        ]
        # A list per filter value, newest first: a term's, a structure's or a tag's page is
        # one walk of this index, however many releases there are and however few match.
        indexes = [
            models.Index(
                fields=["facet", "key", "-published_at", "-release_id"],
                condition=models.Q(counted=True),
                name="facet_key_listing",
            )
        ]

    def __str__(self):
        return f"{self.release_id}: {self.facet} {self.key}"


class FacetCount(models.Model):
    """How many visible releases have the value (facet, key) among those that have the filter
    value (filter_facet, filter_key); filter_facet '' is no filter. Maintained on write by
    press.facets, so that a list with no filter or one reads its facet counts by index."""

    derived_data = True  # rebuilt by press.facets.recount(); not in backups

    filter_facet = models.CharField(max_length=16, blank=True)
    filter_key = models.BigIntegerField(default=0)
    facet = models.CharField(max_length=16)
    key = models.BigIntegerField()
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["filter_facet", "filter_key", "facet", "key"], name="facet_count_unique"
            )
        ]

    def __str__(self):
        return f"{self.filter_facet} {self.filter_key}: {self.facet} {self.key} = {self.count}"


class FacetWatermark(models.Model):
    """FacetCount counts the published releases whose publication time is up to
    `counted_until`; those that went live since (scheduled ones: nothing is saved when their
    time comes) are added when counts are read, and moved in by the next write."""

    derived_data = True  # rebuilt by press.facets.recount(); not in backups

    counted_until = models.DateTimeField()

    def __str__(self):
        return f"counted until {self.counted_until}"
