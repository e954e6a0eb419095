from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from mptt.exceptions import InvalidMove
from mptt.models import TreeForeignKey

from osce_site.links import link
from osce_site.trees import TreeNode, TreeNodeManager, TreeNodeQuerySet


class Vocabulary(models.TextChoices):
    FIELDS_OF_WORK = "fields-of-work", "Fields of work"
    MEETINGS = "meetings", "Meetings and conferences"
    COUNTRIES = "countries", "Countries"


class TermQuerySet(TreeNodeQuerySet):
    def fields_of_work(self):
        return self.filter(vocabulary=Vocabulary.FIELDS_OF_WORK).exclude(kind=Term.Kind.VOCABULARY)

    def countries(self):
        return self.filter(kind=Term.Kind.COUNTRY)


class TermManager(TreeNodeManager.from_queryset(TermQuerySet)):
    def get_by_natural_key(self, vocabulary, slug):
        return self.get(vocabulary=vocabulary, slug=slug)

    def move_node(self, node, target, position="last-child"):
        """Every tree move (drag and drop included) goes through here: terms stay in their
        vocabulary, and vocabularies stay at the top."""
        new_parent = target if position in ("first-child", "last-child") else target.parent
        if node.kind == Term.Kind.VOCABULARY:
            if new_parent is not None:
                raise InvalidMove("A vocabulary stays at the top of the tree.")
        elif new_parent is None or new_parent.vocabulary != node.vocabulary:
            raise InvalidMove(f"“{node}” can only move within {node.get_vocabulary_display()}.")
        super().move_node(node, target, position)


class Term(TreeNode):
    """A node of the classification tree; each root is a vocabulary."""

    class Kind(models.TextChoices):
        VOCABULARY = "vocabulary", "Vocabulary"
        TOPIC = "topic", "Topic"
        MEETING_SERIES = "meeting-series", "Meeting series"
        COUNTRY_GROUP = "country-group", "Country group"
        COUNTRY = "country", "Country"

    name = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, help_text="Part of the page address; unique within its vocabulary."
    )
    # Copied from the root on save: it scopes the slug and lets forms restrict choices
    # to one vocabulary with a plain column filter instead of a tree query.
    vocabulary = models.CharField(max_length=20, choices=Vocabulary.choices, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TOPIC)
    iso_code = models.CharField(
        "ISO code",
        max_length=2,
        blank=True,
        help_text="ISO 3166-1 alpha-2 code, upper case; countries only.",
    )
    description = models.TextField(blank=True)
    in_menu = models.BooleanField(
        "show in menu", default=True, help_text="Shown in the site's navigation menu."
    )
    parent = TreeForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = TermManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["vocabulary", "slug"],
                name="term_slug_unique_in_vocabulary",
                violation_error_message="A term with this slug already exists in the vocabulary.",
            ),
            models.UniqueConstraint(
                fields=["iso_code"],
                condition=~models.Q(iso_code=""),
                name="term_iso_code_unique",
                violation_error_message="Another country already has this ISO code.",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.vocabulary, self.slug)

    def get_absolute_url(self):
        return self.page_url(self.vocabulary, self.kind, self.slug)

    @classmethod
    def page_url(cls, vocabulary, kind, slug):
        """The page of a term, from its row (as `outline()` gives it)."""
        if kind == cls.Kind.VOCABULARY:
            return link("taxonomy:vocabulary", vocabulary)
        return link("press:term", vocabulary, slug)

    def releases_using_subtree(self):
        releases = apps.get_model("press", "PressRelease").objects
        return releases.using_terms(self.get_descendants(include_self=True))

    def _vocabulary_from_parent(self):
        if self.parent_id is None:
            return self.vocabulary
        return self.parent.vocabulary

    def clean(self):
        self.vocabulary = self._vocabulary_from_parent()
        errors = {}
        if self.parent_id is None:
            if self.kind != self.Kind.VOCABULARY:
                errors["parent"] = "Only a vocabulary can stand at the top of the tree."
            if not self.vocabulary:
                errors["slug"] = "A vocabulary needs one of the known vocabulary codes."
        elif self.kind == self.Kind.VOCABULARY:
            errors["kind"] = "A vocabulary cannot sit inside another term."
        if self.pk and self.vocabulary != Term.objects.get(pk=self.pk).vocabulary:
            errors["parent"] = "A term stays in its vocabulary; choose a parent within it."
        if self.kind == self.Kind.COUNTRY:
            if self.vocabulary != Vocabulary.COUNTRIES:
                errors["kind"] = "Countries belong in the Countries vocabulary."
            if not self.iso_code:
                errors["iso_code"] = "A country needs its ISO 3166-1 alpha-2 code."
        elif self.iso_code:
            errors["iso_code"] = "Only countries carry an ISO code."
        if self.iso_code and not (self.iso_code.isalpha() and self.iso_code.isupper()):
            errors["iso_code"] = "Two upper-case letters, as in ISO 3166-1 (for example AT)."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.vocabulary = self._vocabulary_from_parent()
        super().save(*args, **kwargs)
