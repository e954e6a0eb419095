from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from mptt.admin import DraggableMPTTAdmin

from osce_site.admin_mixins import RefuseDeleteInUseMixin, UnreadableFilterMixin
from osce_site.edit_conflicts import EditConflictAdminMixin
from osce_site.languages import in_every_language

from .models import Term


@admin.register(Term)
class TermAdmin(
    UnreadableFilterMixin,
    EditConflictAdminMixin,
    RefuseDeleteInUseMixin,
    TranslationAdmin,  # a name and a description per language
    DraggableMPTTAdmin,
):
    list_display = ("tree_actions", "indented_title", "kind", "iso_code", "in_menu")
    list_display_links = ("indented_title",)
    list_filter = ("vocabulary", "kind", "in_menu")
    search_fields = (*in_every_language("name"), "slug", "iso_code")
    prepopulated_fields = {"slug": ("name",)}
    fields = ("parent", "name", "slug", "kind", "iso_code", "in_menu", "description")
    mptt_level_indent = 24
