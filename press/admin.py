import json

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import path, reverse, reverse_lazy
from django.utils import formats, timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from js_asset.media import Media
from mptt.admin import TreeRelatedFieldListFilter
from reversion.errors import RevertError
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin
from taggit import admin as taggit_admin
from taggit.models import Tag

from osce_site.admin_mixins import UnreadableFilterMixin
from osce_site.edit_conflicts import EditConflictAdminMixin, VersionInput
from osce_site.query import positive_int
from structures.models import Structure

from . import kept_uploads, media_kit, rights, services, translations, views, workflow
from .models import (
    Contact,
    EmbargoView,
    Journalist,
    PressRelease,
    ReleaseAttachment,
    ReleaseImage,
)
from .previews import preview_token
from .revisions import ReadableCompareMixin
from .search import clean_query, search
from .templatetags.press_tags import rendition
from .widgets import TagSuggestionsWidget


class YearFilter(admin.SimpleListFilter):
    title = gettext_lazy("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).dates("published_at", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        year = positive_int(self.value(), maximum=9998)
        # Years 1 and 9999 overflow once the lookup's bounds move to UTC.
        if year is None or year < 2:
            return queryset
        return queryset.filter(published_at__year=year)


class TranslationFilter(admin.SimpleListFilter):
    title = gettext_lazy("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        missing = [
            (f"missing-{code}", _("No %(language)s version") % {"language": name})
            for code, name in RELEASE_LANGUAGES
        ]
        return [("stale", _("A translation is stale")), *missing]

    def queryset(self, request, queryset):
        value = self.value() or ""
        if value == "stale":
            return queryset.with_stale_translations()
        code = value.removeprefix("missing-")
        if value.startswith("missing-") and code in dict(RELEASE_LANGUAGES):
            return queryset.missing_language(code)
        return queryset


class DatelineFilter(admin.SimpleListFilter):
    title = gettext_lazy("dateline")
    parameter_name = "dateline"

    def lookups(self, request, model_admin):
        return [("mismatch", _("disagrees with the place or date"))]

    def queryset(self, request, queryset):
        if self.value() == "mismatch":
            return queryset.filter(dateline_mismatch=True)
        return queryset


class SourceFilter(TreeRelatedFieldListFilter):
    """The source tree of the structures this user writes for, with the headings above them
    (information pages such as "Field operations" issue nothing, but choosing one filters
    by all the bodies below it)."""

    template = "admin/tree_filter.html"

    def field_choices(self, field, request, model_admin):
        if request.user.is_superuser:
            shown = Structure.objects.all()
        else:
            own = rights.editable_sources(request.user)
            shown = Structure.objects.get_queryset_ancestors(own, include_self=True)
        return [
            (node.pk, node.name, mark_safe(f' style="padding-left: {node.level * 10}px"'))
            for node in shown.only("name", "level").order_by("tree_id", "lft")
        ]


class ReleaseImageForm(forms.ModelForm):
    """An image of the release form, which keeps a chosen file when the form comes back
    with an error (press.kept_uploads)."""

    kept_upload = forms.CharField(widget=VersionInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._use_kept(self.data.get(self.add_prefix("kept_upload")))

    def _use_kept(self, token):
        self.kept = kept_uploads.kept_file(token)
        if self.kept is not None:
            self.fields["image"].required = False
            self.fields["image"].help_text = _(
                "Kept from your last attempt: %(name)s. Choose a file only to replace it."
            ) % {"name": self.kept.name}
            self._bound_fields_cache.pop("image", None)  # it copied the help text

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if self.kept is not None and not self.files.get(self.add_prefix("image")):
            return self.kept
        return image

    def keep_upload(self):
        """After an error elsewhere in the form: keep the file just chosen, if valid."""
        chosen = self.files.get(self.add_prefix("image"))
        if chosen is None or self.errors.get("image"):
            return
        token = kept_uploads.keep(chosen)
        self.data = self.data.copy()
        self.data[self.add_prefix("kept_upload")] = token
        self._use_kept(token)

    def save(self, commit=True):
        image = super().save(commit)
        if commit and self.kept is not None:  # copied into the image's own file by now
            kept_uploads.forget(self.data.get(self.add_prefix("kept_upload")))
        return image


class ReleaseImageInline(admin.StackedInline):
    model = ReleaseImage
    form = ReleaseImageForm
    extra = 0
    verbose_name = gettext_lazy("image")
    verbose_name_plural = gettext_lazy("Images")
    fields = (
        "preview",
        "image",
        "kept_upload",
        "alt_text",
        "caption",
        "credit",
        "licence",
        "position",
    )
    readonly_fields = ("preview",)

    class Media:
        js = ["admin/release_images.js"]

    @admin.display(description=gettext_lazy("Preview"))
    def preview(self, image):
        if not image.image:
            return "—"
        return format_html('<img class="release-image-preview" src="{}" alt="">', image.image.url)


class ReleaseAttachmentInline(admin.TabularInline):
    model = ReleaseAttachment
    extra = 0
    classes = ["collapse"]
    verbose_name = gettext_lazy("attachment")
    verbose_name_plural = gettext_lazy("Attachments")
    fields = ("title", "file", "position")


ACTION = "_action"  # the name of the publishing buttons (press.workflow)
CHANGE_HELP = gettext_lazy(
    "The release is published: readers see “Updated” with your note for a change they "
    "should know about; a minor correction stays silent."
)
TAG_SUGGESTIONS = 10


class ReleaseForm(forms.ModelForm):
    """The release form of the admin: the button pressed says what happens to the release
    (press.workflow), validated with the rest of the form."""

    user = None  # set for each request by PressReleaseAdmin.get_form()
    ask_about_change = True  # a preview saves nothing: it need not say what changed

    # Asked on a published release only (PressReleaseAdmin.get_fieldsets).
    change_kind = forms.ChoiceField(
        label=gettext_lazy("This change is"),
        choices=[
            (
                "minor",
                gettext_lazy("A minor correction (a typo, formatting): readers are not told"),
            ),
            ("notable", gettext_lazy("A change readers should know about: say what changed below")),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    change_note = forms.CharField(
        label=gettext_lazy("Public note"),
        max_length=500,
        required=False,
        help_text=gettext_lazy(
            "Shown on the release's page under “Updated”, e.g. “Corrected the date of the visit.”"
        ),
    )

    class Meta:
        widgets = {
            "tags": TagSuggestionsWidget(reverse_lazy("admin:press_pressrelease_tag_suggestions"))
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Bold labels alone do not say it to everyone.
        for field in self.fields.values():
            if field.required and not field.widget.is_hidden:
                field.label = _("%(label)s (required)") % {"label": field.label}

    def clean(self):
        cleaned_data = super().clean()
        action = chosen_action(self.data, self.instance)
        try:
            changes = workflow.outcome(
                self.instance, action, self.user, cleaned_data.get("published_at")
            )
        except ValidationError as error:
            self.add_error(None, error)
            return cleaned_data
        if action in GOING_LIVE:
            when = changes.get("published_at", cleaned_data.get("published_at"))
            problem = translations.too_early(cleaned_data.get("translation_of"), when)
            if problem:
                self.add_error(None, problem)
                return cleaned_data
        if action == workflow.Action.SAVE and self.instance.is_public and self.ask_about_change:
            self._ask_about_the_change(cleaned_data)
        if "published_at" in changes:
            cleaned_data["published_at"] = changes.pop("published_at")
        for name, value in changes.items():  # fields the form does not show: status, submission
            setattr(self.instance, name, value)
        return cleaned_data

    def _ask_about_the_change(self, cleaned_data):
        """Readers of a published release are told of a change, unless it is minor."""
        edited = [name for name in self.changed_data if name not in ("change_kind", "change_note")]
        if not edited:
            return
        kind = cleaned_data.get("change_kind")
        if not kind:
            self.add_error("change_kind", _("Say whether readers should know of this change."))
        elif kind == "notable" and not cleaned_data.get("change_note", "").strip():
            self.add_error("change_note", _("Say in a sentence what changed, for readers."))

    def public_note(self):
        """The note readers get for this save, if any."""
        if self.cleaned_data.get("change_kind") != "notable":
            return ""
        return self.cleaned_data.get("change_note", "").strip()


RELEASE_LANGUAGES = settings.RELEASE_LANGUAGES
TODO_PER_PAGE = 50
GOING_LIVE = (
    workflow.Action.PUBLISH,
    workflow.Action.SCHEDULE,
    workflow.Action.EMBARGO,
    workflow.Action.LIFT_EMBARGO,
)


def chosen_action(data, release):
    """The button pressed; a form sent without one (a script, the Enter key in a field
    before the browser picks the first button) keeps the release as it is."""
    if ACTION not in data:
        draft = release.status == PressRelease.Status.DRAFT
        return workflow.Action.SAVE_DRAFT if draft else workflow.Action.SAVE
    return workflow.parse(data.get(ACTION))


@admin.register(PressRelease)
class PressReleaseAdmin(
    UnreadableFilterMixin, EditConflictAdminMixin, ReadableCompareMixin, CompareVersionAdmin
):
    list_display = (
        "thumbnail",
        "title",
        "published_at",
        "source_label",
        "state",
        "translations_column",
    )
    list_display_links = ("title",)  # the thumbnail beside it is decorative
    list_select_related = ("source", "translation_of")
    list_filter = (
        "status",
        ("source", SourceFilter),
        "fields_of_work",
        "countries",
        "language",
        YearFilter,
        DatelineFilter,
        TranslationFilter,
    )
    search_fields = ("title",)  # and the site's full-text search: get_search_results
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = (
        "source",
        "structures",
        "fields_of_work",
        "meetings",
        "countries",
        "contacts",
        "translation_of",
    )
    inlines = [ReleaseImageInline, ReleaseAttachmentInline]
    actions = ["publish_selected", "unpublish_selected"]
    list_per_page = 50
    form = ReleaseForm
    object_history_template = "admin/press/pressrelease/object_history.html"
    # In the order an officer writes; the images inline follows the first two (the change
    # form's template), the attachments close the form, collapsed like the advanced part.
    fieldsets = [
        (None, {"fields": ("title", "summary", "body")}),
        (
            gettext_lazy("Source and classification"),
            {"fields": ("source", "structures", "fields_of_work", "meetings", "countries", "tags")},
        ),
        (
            gettext_lazy("Publication"),
            {"fields": ("published_at", "place", "featured", "preview_links")},
        ),
        (
            gettext_lazy("Advanced"),
            {
                "fields": ("language", "translation_of", "contacts", "slug"),
                "classes": ["collapse"],
                "description": gettext_lazy(
                    "Language and translation, media contacts and the address."
                ),
            },
        ),
    ]
    fieldsets_before_images = 2

    def get_queryset(self, request):
        releases = (
            super()
            .get_queryset(request)
            .defer("body", "search_vector", "translation_of__body", "translation_of__search_vector")
        )
        releases = releases.prefetch_related("images").with_translations()
        return rights.editable_releases(request.user, releases)

    # Rights per structure: a press officer sees only their structures' releases, and changes
    # only the drafts among them.
    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or rights.can_edit(request.user, obj))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or rights.can_change(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or rights.can_change(request.user, obj))

    def has_publish_permission(self, request):
        return rights.can_publish(request.user)

    # History, compare, revert and recover come from django-reversion, which checks rights on
    # the object only after reverting it: an officer could revert a live release to a draft.
    # Each view first checks the release as it is and the version it would bring back.
    def _visible_release(self, request, object_id):
        release = self.get_object(request, unquote(object_id))
        if release is None or not self.has_view_permission(request, release):
            raise Http404("No such press release.")
        return release

    def _may_bring_back(self, request, version):
        try:
            saved = version.field_dict
        except RevertError:
            return False
        as_saved = PressRelease(source_id=saved["source_id"], status=saved["status"])
        return rights.can_change(request.user, as_saved)

    def get_urls(self):
        preview = self.admin_site.admin_view(self.unsaved_preview_view)
        suggestions = self.admin_site.admin_view(self.tag_suggestions_view)
        kit = self.admin_site.admin_view(self.media_kit_view)
        todo = self.admin_site.admin_view(self.translations_todo_view)
        return [
            path("translations/", todo, name="press_pressrelease_translations"),
            path("<path:object_id>/media-kit/", kit, name="press_pressrelease_media_kit"),
            path("tags/", suggestions, name="press_pressrelease_tag_suggestions"),
            path("preview/", preview, name="press_pressrelease_unsaved_preview"),
            path("<path:object_id>/preview/", preview, name="press_pressrelease_unsaved_preview"),
            *super().get_urls(),
        ]

    @method_decorator(never_cache)
    def media_kit_view(self, request, object_id):
        """The media kit of any release its editors may read, drafts included: built now,
        kept nowhere."""
        release = self._visible_release(request, object_id)
        response = HttpResponse(media_kit.build(release), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{media_kit.filename(release)}"'
        return response

    def translations_todo_view(self, request):
        """Published and scheduled originals that lack a language, or whose translations
        are stale, newest first; narrowed to one language or to the stale ones."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        originals = (
            rights.editable_releases(request.user)
            .originals()
            .filter(status=PressRelease.Status.PUBLISHED)
        )
        wanted = request.GET.get("language", "")
        stale_only = request.GET.get("stale") == "1"
        if stale_only:
            todo = originals.with_stale_translations()
        elif wanted in dict(RELEASE_LANGUAGES):
            todo = originals.missing_language(wanted)
        else:
            wanted = ""
            todo = originals.filter(
                Q(pk__in=originals.with_stale_translations().values("pk"))
                | Q(pk__in=originals.missing_some_language().values("pk"))
            )
        todo = todo.defer("body", "search_vector").select_related("source").with_translations()
        page = Paginator(todo.order_by("-published_at", "-pk"), TODO_PER_PAGE).get_page(
            request.GET.get("page")
        )
        missing = originals.missing_counts()
        counts = [(code, name, missing[code]) for code, name in RELEASE_LANGUAGES]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Translations to do"),
            "opts": self.model._meta,
            "page": page,
            "rows": [(release, translations.versions(release)) for release in page],
            "counts": counts,
            "stale_count": originals.with_stale_translations().count(),
            "wanted": wanted,
            "stale_only": stale_only,
        }
        return render(request, "admin/press/pressrelease/translations_todo.html", context)

    def get_changeform_initial_data(self, request):
        """A new translation starts as a copy of its original (`?translation_of=` and
        `?language=`): the same classification, and the text to translate."""
        initial = super().get_changeform_initial_data(request)
        original_id = positive_int(request.GET.get("translation_of"))
        language = request.GET.get("language", "")
        original = None
        if original_id is not None:
            readable = rights.editable_releases(request.user).originals()
            original = readable.filter(pk=original_id).first()
        if original is None or language not in dict(RELEASE_LANGUAGES):
            initial.pop("translation_of", None)
            return initial
        return {
            **initial,
            **{name: getattr(original, name) for name in ("title", "summary", "body", "place")},
            "source": original.source_id,
            "language": language,
            "translation_of": original.pk,
            "slug": f"{original.slug}-{language}"[:255],
            **{
                name: list(getattr(original, name).values_list("pk", flat=True))
                for name in ("structures", "fields_of_work", "meetings", "countries", "contacts")
            },
            "tags": list(original.tags.all()),
        }

    def tag_suggestions_view(self, request):
        """Existing tags that contain what was typed, most used first, with the number of
        releases this user can read that carry each (select2's JSON)."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        typed = " ".join(request.GET.get("q", "").split())[:100]
        if not typed:
            return JsonResponse({"results": []})
        readable = rights.readable_releases(request.user)
        items = "press_taggedrelease_items"
        carried = Count(items, filter=Q(**{f"{items}__content_object__in": readable}))
        tags = (
            rights.visible_tags(request.user)
            .filter(name__icontains=typed)
            .annotate(uses=carried)
            .order_by("-uses", "name")[:TAG_SUGGESTIONS]
        )
        results = [{"id": tag.name, "text": f"{tag.name} ({tag.uses})"} for tag in tags]
        return JsonResponse({"results": results})

    @method_decorator(never_cache)
    @method_decorator(require_POST)
    def unsaved_preview_view(self, request, object_id=None):
        """The public page of the form as it is now, before it is saved: the form is saved in
        a transaction that is rolled back once the page is rendered, so nothing is stored
        (new image files are not sent: the preview shows the images saved so far)."""
        release = None
        if object_id is not None:
            release = self.get_object(request, unquote(object_id))
            if release is None or not self.has_view_permission(request, release):
                raise Http404("No such press release.")
            if not self.has_change_permission(request, release):
                raise PermissionDenied
        elif not self.has_add_permission(request):
            raise PermissionDenied
        form_class = self.get_form(request, release, change=release is not None)
        form = form_class(request.POST, instance=release)
        form.ask_about_change = False
        with transaction.atomic():
            if form.is_valid():
                form.instance.created_by = form.instance.created_by or request.user
                saved = form.save()
                shown = views.full_release_queryset().get(pk=saved.pk)
                response = views.render_release(request, shown, preview=True)
            else:
                context = {**self.admin_site.each_context(request), "form": form}
                response = render(request, "admin/press/pressrelease/preview_errors.html", context)
            transaction.set_rollback(True)
        return response

    def history_view(self, request, object_id, extra_context=None):
        self._visible_release(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def compare_view(self, request, object_id, extra_context=None):
        self._visible_release(request, object_id)
        return super().compare_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        release = self._visible_release(request, object_id)
        version = get_object_or_404(Version.objects.get_for_object(release), pk=version_id)
        allowed = self.has_change_permission(request, release)
        if not (allowed and self._may_bring_back(request, version)):
            message = _(
                "Restoring this version would change what is published, or publish it: "
                "only the release's publishers can (%(names)s)."
            ) % {"names": workflow.publisher_names(release)}
            self.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(
                reverse("admin:press_pressrelease_history", args=[release.pk])
            )
        return super().revision_view(request, object_id, version_id, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        deleted = Version.objects.get_deleted(self.model).select_related("revision")
        ordered = self._reversion_order_version_queryset(request, deleted)
        mine = [version for version in ordered if self._may_bring_back(request, version)]
        return super().recoverlist_view(request, {**(extra_context or {}), "deleted": mine})

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(Version.objects.get_deleted(self.model), pk=version_id)
        if not self._may_bring_back(request, version):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    def get_search_results(self, request, queryset, search_term):
        """Part of a title, as typed, or words of the text as the public search finds them:
        on PostgreSQL through the full-text index, where HTML tags never match."""
        by_title, duplicates = super().get_search_results(request, queryset, search_term)
        if not clean_query(search_term):
            return by_title, duplicates
        return by_title | search(queryset, search_term), duplicates

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.status != PressRelease.Status.DRAFT:
            fieldsets = [
                (name, {**options, "fields": with_withdrawal_reason(options["fields"])})
                for name, options in fieldsets
            ]
        if obj is not None and obj.is_public and self.has_change_permission(request, obj):
            about = {"fields": ("change_kind", "change_note"), "description": CHANGE_HELP}
            fieldsets = [*fieldsets, (_("About this change"), about)]
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read-only, the body shows as readers see it rather than as its HTML source.
        formatted = {"body": "formatted_body"}
        return [
            (name, {**options, "fields": [formatted.get(f, f) for f in options["fields"]]})
            for name, options in fieldsets
        ]

    @admin.display(description=gettext_lazy("Body"))
    def formatted_body(self, release):
        return mark_safe(release.body)  # sanitised with an allow-list on every save

    def get_readonly_fields(self, request, obj=None):
        if rights.can_publish(request.user):
            return ("preview_links",)
        return ("preview_links", "withdrawal_reason")

    def get_autocomplete_fields(self, request):
        fields = super().get_autocomplete_fields(request)
        if request.user.is_superuser:
            return fields
        return tuple(f for f in fields if f != "source")  # a short list of their own bodies

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "source":
            kwargs["queryset"] = rights.editable_sources(request.user).complex_filter(
                db_field.get_limit_choices_to()
            )
            if not request.user.is_superuser:
                refusal = self._source_refusal(request.user)
                kwargs["error_messages"] = {"invalid_choice": refusal}
        if db_field.name == "translation_of":
            # The releases this user sees here, as the field's search offers them: an id
            # typed in by hand must not show another structure's draft title, nor link a
            # release into another structure's page.
            kwargs["queryset"] = rights.editable_releases(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @staticmethod
    def _source_refusal(user):
        own = ", ".join(structure.name for structure in rights.own_structures(user))
        if not own:
            return _("You write for no structure yet: an administrator can add you to one.")
        return _(
            "You may issue releases only for %(own)s and the bodies below: choose one of them."
        ) % {"own": own}

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        chosen = form.base_fields.get("translation_of")
        if chosen is not None and obj is not None and obj.translation_of_id:
            # Whoever linked it before may have had wider rights: the link stays valid.
            kept = PressRelease.objects.filter(pk=obj.translation_of_id)
            chosen.queryset = chosen.queryset | kept
        return form

    @admin.display(description=gettext_lazy("Status"), ordering="status")
    def state(self, release):
        if release.is_under_embargo:
            return _("Under embargo until %(when)s") % {"when": short_time(release.published_at)}
        if release.is_scheduled:
            return _("Scheduled for %(when)s") % {"when": short_time(release.published_at)}
        return release.state_label

    @admin.display(description=gettext_lazy("Languages"), ordering="language")
    def translations_column(self, release):
        context = {"release": release}
        if release.translation_of_id is None:
            context["versions"] = translations.versions(release)
        return render_to_string("admin/press/pressrelease/translations_cell.html", context)

    @admin.display(description=gettext_lazy("Image"))
    def thumbnail(self, release):
        image = release.lead_image
        if image is None:
            return ""
        return format_html('<img class="release-thumbnail" src="{}" alt="">', rendition(image, 320))

    @admin.display(description=gettext_lazy("Source"), ordering="source__name")
    def source_label(self, release):
        source = release.source
        return format_html(
            '<span title="{}">{}</span>', source.name, source.short_name or source.name
        )

    @admin.display(description=gettext_lazy("Preview"))
    def preview_links(self, release):
        if release.pk is None:
            return _("“Preview” below the form shows it on the site's page before it is saved.")
        kit = reverse("admin:press_pressrelease_media_kit", args=[release.pk])
        if release.is_public:
            return format_html(
                _(
                    '<a href="{page}" target="_blank">Its public page</a> · '
                    '<a href="{kit}">Media kit</a>'
                ),
                page=release.get_absolute_url(),
                kit=kit,
            )
        return format_html(
            _(
                '<a href="{preview}" target="_blank">Preview on the site</a> · '
                '<a href="{shared}" target="_blank">Link for a reviewer without an account</a> '
                '(works for 7 days) · <a href="{kit}">Media kit</a>'
            ),
            preview=reverse("press:preview", args=[release.pk]),
            shared=reverse("press:shared-preview", args=[preview_token(release)]),
            kit=kit,
        )

    def get_view_on_site_url(self, obj=None):
        # A draft or scheduled release has no public page yet: "view on site" previews it.
        unpublished = obj is not None and obj.status != PressRelease.Status.WITHDRAWN
        if unpublished and obj.pk and not obj.is_public:
            return reverse("press:preview", args=[obj.pk])
        return super().get_view_on_site_url(obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # The rich-text editor's import map is an inline script: it carries this request's
        # nonce, which the Content-Security-Policy allows.
        context["media"] = Media.from_media(context["media"], nonce=request.csp_nonce)
        if request.method == "POST":  # the form came back with errors
            for inline in context["inline_admin_formsets"]:
                for image_form in inline.formset.forms:
                    if isinstance(image_form, ReleaseImageForm):
                        image_form.keep_upload()
        # As stored: a form that came back with an error may have changed obj's status.
        release = PressRelease.objects.get(pk=obj.pk) if obj and obj.pk else PressRelease()
        context.update(
            release=release,
            publishing_buttons=workflow.buttons(release, request.user),
            action_name=ACTION,
            has_publish_right=rights.can_publish(request.user),
            unsaved_preview_url=reverse(
                "admin:press_pressrelease_unsaved_preview", args=[obj.pk] if obj else []
            ),
            publishers=workflow.publishers_of(release) if release.source_id else [],
            fieldsets_before_images=self.fieldsets_before_images,
            embargo_events=release.embargo_events.select_related("by") if release.pk else [],
            # The languages of the release's original (itself, when it is the original).
            versions=translations.versions(release.translation_of or release) if release.pk else [],
            embargo_views=(
                release.embargo_views.select_related("journalist") if release.pk else []
            ),
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        before = PressRelease.objects.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)
        services.record_embargo_change(before, obj, request.user, request.build_absolute_uri("/"))
        if note := form.public_note():
            services.note_change(obj, note, request.user)
        if chosen_action(request.POST, obj) == workflow.Action.SUBMIT:
            services.notify_publishers(obj, request.build_absolute_uri(self._change_url(obj)))

    def construct_change_message(self, request, form, formsets, add=False):
        """What the revision and the history say: what the button did, the public note or
        "minor correction", then which fields changed."""
        message = super().construct_change_message(request, form, formsets, add)
        release = form.instance
        done = workflow.comment(release, chosen_action(request.POST, release))
        told = ""
        if note := form.public_note():
            told = _("Public note: %(note)s") % {"note": note}
        elif form.cleaned_data.get("change_kind") == "minor":
            told = _("Minor correction.")
        if told:
            done = f"{done} {told}".strip()
        if not done:
            return message
        changed = LogEntry(change_message=json.dumps(message)).get_change_message()
        return f"{done} {changed}".strip()

    def response_add(self, request, obj, post_url_continue=None):
        if IS_POPUP_VAR in request.POST:
            return super().response_add(request, obj, post_url_continue)
        return self._show_result(request, obj)

    def response_change(self, request, obj):
        if IS_POPUP_VAR in request.POST:
            return super().response_change(request, obj)
        return self._show_result(request, obj)

    def _show_result(self, request, obj):
        """Back to the form, with what the button did and where to see it."""
        action = chosen_action(request.POST, obj)
        self.message_user(request, workflow.result_message(obj, action), messages.SUCCESS)
        for problem in obj.dateline_problems():  # a warning: the editor may mean it
            message = _("Check the dateline: %(problem)s") % {"problem": problem}
            self.message_user(request, message, messages.WARNING)
        return HttpResponseRedirect(self._change_url(obj))

    def _change_url(self, obj):
        return reverse("admin:press_pressrelease_change", args=[obj.pk])

    @admin.action(
        description=gettext_lazy("Publish selected press releases"), permissions=["publish"]
    )
    def publish_selected(self, request, queryset):
        early = [
            release
            for release in queryset.filter(translation_of__isnull=False).select_related(
                "translation_of"
            )
            if translations.too_early(release.translation_of, release.published_at)
        ]
        queryset = queryset.exclude(pk__in=[release.pk for release in early])
        count = services.publish(queryset, request.user, request.build_absolute_uri("/"))
        published = ngettext(
            # Translators: one English form for any number; give your language's plural forms.
            "%(count)d press release(s) published.",
            "%(count)d press release(s) published.",
            count,
        )
        self.message_user(request, published % {"count": count})
        if early:
            names = ", ".join(f"“{release.title}”" for release in early)
            message = ngettext(
                # Translators: one form in English for one or more releases.
                "Not published, as their originals are not live yet: %(names)s.",
                "Not published, as their originals are not live yet: %(names)s.",
                len(early),
            )
            self.message_user(request, message % {"names": names}, messages.WARNING)

    @admin.action(
        description=gettext_lazy("Return selected press releases to draft"),
        permissions=["publish"],
    )
    def unpublish_selected(self, request, queryset):
        count = services.unpublish(queryset, request.user, request.build_absolute_uri("/"))
        message = ngettext(
            # Translators: one English form for any number; give your language's plural forms.
            "%(count)d press release(s) returned to draft.",
            "%(count)d press release(s) returned to draft.",
            count,
        )
        self.message_user(request, message % {"count": count})


def short_time(moment):
    """A time as the changelist shows it: 5 Mar 2025, 14:00 CET, in the site's time zone."""
    return formats.date_format(timezone.localtime(moment), "j M Y, H:i T")


def with_withdrawal_reason(fields):
    """The Publication fieldset's fields, with the reason after the date."""
    if "published_at" not in fields:
        return fields
    at = list(fields).index("published_at") + 1
    return (*fields[:at], "withdrawal_reason", *fields[at:])


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("name", "role", "organisation", "email", "phone")
    search_fields = ("name", "role", "organisation", "email")

    # A contact shows on every release that names it: whoever changes it changes those
    # releases, so it takes the rights to change each of them (press.rights).
    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or rights.can_change_contact(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or rights.can_change_contact(request.user, obj))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        contact = self.get_object(request, unquote(object_id))
        if request.method == "GET" and contact and not self.has_change_permission(request, contact):
            self.message_user(
                request,
                _(
                    "This contact is named by releases you may not change: published ones, or "
                    "another structure's. A publisher can change it, or add a new contact."
                ),
                messages.INFO,
            )
        return super().change_view(request, object_id, form_url, extra_context)


class EmbargoViewInline(admin.TabularInline):
    """What this journalist read under embargo, newest first: the log, read-only."""

    model = EmbargoView
    fields = ("viewed_at", "release", "what")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = gettext_lazy("Read under embargo")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("release")


class AccreditationFilter(admin.SimpleListFilter):
    title = gettext_lazy("accreditation")
    parameter_name = "accredited"

    def lookups(self, request, model_admin):
        return [("yes", _("Valid today")), ("no", _("Ended"))]

    def queryset(self, request, queryset):
        accredited = Journalist.objects.accredited().values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=accredited)
        if self.value() == "no":
            return queryset.exclude(pk__in=accredited)
        return queryset


@admin.register(Journalist)
class JournalistAdmin(admin.ModelAdmin):
    """Accredited journalists: they sign in to the press room with a link sent to their
    address, and read the releases shared under embargo there."""

    list_display = ("name", "outlet", "email", "accredited_until", "accredited", "last_sign_in")
    list_select_related = ("user",)
    list_filter = (AccreditationFilter,)
    search_fields = ("name", "outlet", "email")
    fields = ("name", "outlet", "email", "accredited_until")
    inlines = [EmbargoViewInline]

    @admin.display(boolean=True, description=gettext_lazy("Accredited today"))
    def accredited(self, journalist):
        return journalist.is_accredited

    @admin.display(description=gettext_lazy("Last sign-in"), ordering="user__last_login")
    def last_sign_in(self, journalist):
        return journalist.user.last_login


# taggit's tag list shows every tag, among them those only drafts carry: others see the
# tags of public releases and of the releases they write.
admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(taggit_admin.TagAdmin):
    def get_queryset(self, request):
        tags = super().get_queryset(request)
        return tags.filter(pk__in=rights.visible_tags(request.user).values("pk"))

    def merge_tags_view(self, request):
        # taggit's merge page checks only that the user is staff.
        if not self.has_change_permission(request):
            raise PermissionDenied
        return super().merge_tags_view(request)
