from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.admin import TranslationAdmin
from mptt.admin import DraggableMPTTAdmin

from osce_site.admin_mixins import RefuseDeleteInUseMixin, UnreadableFilterMixin
from osce_site.edit_conflicts import EditConflictAdminMixin
from osce_site.languages import in_every_language

from .models import Chairpersonship, Structure, StructureName


class LifeFilter(admin.SimpleListFilter):
    title = _("life")
    parameter_name = "life"

    def lookups(self, request, model_admin):
        return [
            ("open", pgettext_lazy("structure filter", "Open")),
            ("closed", pgettext_lazy("structure filter", "Closed")),
        ]

    def queryset(self, request, queryset):
        closed = Q(closed__lte=timezone.localdate())
        if self.value() == "open":
            return queryset.exclude(closed)
        if self.value() == "closed":
            return queryset.filter(closed)
        return queryset


class StructureNameInline(admin.TabularInline):
    model = StructureName
    extra = 0
    verbose_name = _("former name")
    verbose_name_plural = _("former names")


@admin.register(Structure)
class StructureAdmin(
    UnreadableFilterMixin,
    EditConflictAdminMixin,
    RefuseDeleteInUseMixin,
    TranslationAdmin,  # names and a description per language
    DraggableMPTTAdmin,
):
    list_display = ("tree_actions", "indented_title", "kind", "established", "closed", "in_menu")
    list_display_links = ("indented_title",)
    list_filter = ("kind", "in_menu", LifeFilter)
    search_fields = (
        *in_every_language("name", "short_name"),
        "slug",
        "former_names__name",
    )
    list_select_related = ("host_country",)
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("succeeded_by", "host_country")
    inlines = [StructureNameInline]
    fieldsets = [
        (None, {"fields": ("parent", "name", "short_name", "slug", "kind", "in_menu")}),
        (_("Life"), {"fields": ("established", "closed", "succeeded_by")}),
        (_("Page"), {"fields": ("description", "host_country", "address", "contact")}),
    ]
    mptt_level_indent = 24


@admin.register(Chairpersonship)
class ChairpersonshipAdmin(TranslationAdmin):
    list_display = ("year", "country", "chairperson")
    list_select_related = ("country",)
    search_fields = (
        "year",
        *(f"country__{field}" for field in in_every_language("name")),
        *in_every_language("chairperson"),
    )
    autocomplete_fields = ("country",)
