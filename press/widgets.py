"""The tags field of the release form: a text field of comma-separated tags (taggit's),
which the admin's select2 turns into a type-ahead over the existing tags, with their
counts; a new tag is added only by choosing "New tag: …" (static/admin/tag_suggestions.js).
Without the script the text field works as before."""

import json

from django import forms
from django.conf import settings
from taggit.forms import TagWidget
from taggit.utils import parse_tags


class TagSuggestionsWidget(TagWidget):
    def __init__(self, suggestions_url, attrs=None):
        super().__init__(attrs)
        self.suggestions_url = suggestions_url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        shown = context["widget"]["value"] or ""
        context["widget"]["attrs"].update(
            {
                "data-tag-suggestions": str(self.suggestions_url),
                "data-tags": json.dumps(parse_tags(shown)),
            }
        )
        return context

    @property
    def media(self):
        extra = "" if settings.DEBUG else ".min"
        return forms.Media(
            js=(
                f"admin/js/vendor/jquery/jquery{extra}.js",
                f"admin/js/vendor/select2/select2.full{extra}.js",
                "admin/js/jquery.init.js",
                "admin/tag_suggestions.js",
            ),
            css={"screen": (f"admin/css/vendor/select2/select2{extra}.css",)},
        )
