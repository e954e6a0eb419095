from django.contrib import admin

from .models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "series", "starts_at", "city", "organiser")
    list_select_related = ("series", "organiser")
    list_filter = ("series",)
    search_fields = ("title", "city", "venue")
    date_hierarchy = "starts_at"
    autocomplete_fields = ("series", "organiser")
    prepopulated_fields = {"slug": ("title",)}
