from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from mptt.admin import TreeRelatedFieldListFilter

from . import services
from .models import Contact, PressRelease, ReleaseImage


class YearFilter(admin.SimpleListFilter):
    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).dates("published_at", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(published_at__year=int(self.value()))
        return queryset


class ReleaseImageInline(admin.StackedInline):
    model = ReleaseImage
    extra = 0
    fields = ("preview", "image", "alt_text", "caption", "credit", "position")
    readonly_fields = ("preview",)

    @admin.display(description="Preview")
    def preview(self, image):
        if not image.image:
            return "—"
        return format_html('<img class="release-image-preview" src="{}" alt="">', image.image.url)


@admin.register(PressRelease)
class PressReleaseAdmin(admin.ModelAdmin):
    list_display = ("thumbnail", "title", "published_at", "source_label", "state")
    list_display_links = ("thumbnail", "title")
    list_select_related = ("source",)
    list_filter = (
        "status",
        ("source", TreeRelatedFieldListFilter),
        "fields_of_work",
        "countries",
        YearFilter,
    )
    search_fields = ("title", "summary", "body")
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = (
        "source",
        "structures",
        "fields_of_work",
        "meetings",
        "countries",
        "contacts",
    )
    inlines = [ReleaseImageInline]
    actions = ["publish_selected", "unpublish_selected"]
    list_per_page = 50

    class Media:
        css = {"all": ["admin/osce_admin.css"]}

    fieldsets = [
        (None, {"fields": ("title", "slug", "summary", "body")}),
        ("Publication", {"fields": ("status", "published_at", "place", "featured")}),
        (
            "Classification",
            {"fields": ("source", "structures", "fields_of_work", "meetings", "countries", "tags")},
        ),
        ("Media contacts", {"fields": ("contacts",)}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("body").prefetch_related("images")

    @admin.display(description="Status", ordering="status")
    def state(self, release):
        if (
            release.status == PressRelease.Status.PUBLISHED
            and release.published_at > timezone.now()
        ):
            return "Scheduled"
        return release.get_status_display()

    @admin.display(description="Image")
    def thumbnail(self, release):
        image = release.lead_image
        if image is None:
            return ""
        return format_html('<img class="release-thumbnail" src="{}" alt="">', image.image.url)

    @admin.display(description="Source", ordering="source__name")
    def source_label(self, release):
        source = release.source
        return format_html(
            '<span title="{}">{}</span>', source.name, source.short_name or source.name
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Publish selected press releases", permissions=["change"])
    def publish_selected(self, request, queryset):
        count = services.publish(queryset, request.user)
        self.message_user(request, f"{count} press release(s) published.")

    @admin.action(description="Return selected press releases to draft", permissions=["change"])
    def unpublish_selected(self, request, queryset):
        count = services.unpublish(queryset, request.user)
        self.message_user(request, f"{count} press release(s) returned to draft.")


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("name", "role", "organisation", "email", "phone")
    search_fields = ("name", "role", "organisation", "email")
