"""What the editors' admin shows of this project's own (model and field names, help texts,
choices, column headings, filters, actions, fieldsets, the release form's own fields) is
marked for translation: makemessages puts it in the catalogues, and each interface language
can have the whole admin (Django translates its own strings)."""

import pytest
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import FieldDoesNotExist
from django.utils.functional import Promise

from press.admin import ReleaseForm

OUR_APPS = {"press", "events"}


def our_admins():
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in OUR_APPS:
            yield model_admin
            yield from (inline(model, admin.site) for inline in model_admin.inlines)


ADMINS = list(our_admins())


def ids(model_admin):
    return type(model_admin).__name__


def shown_names(model_admin):
    """The fields and columns the admin shows; its default form shows every editable field."""
    model = model_admin.model
    if model_admin.fieldsets:
        names = flatten_fieldsets(model_admin.fieldsets)
    elif model_admin.fields:
        names = list(model_admin.fields)
    else:
        names = [
            field.name
            for field in model._meta.get_fields()
            if getattr(field, "editable", False) and not field.auto_created
        ]
    columns = getattr(model_admin, "list_display", ())
    return [name for name in (*names, *columns) if not name.startswith("__")]


def translatable(text):
    return isinstance(text, Promise)


@pytest.mark.parametrize("model_admin", ADMINS, ids=ids)
def test_fields_and_columns_the_admin_shows_are_translatable(model_admin):
    for name in shown_names(model_admin):
        shown_by_admin = getattr(model_admin, name, None)
        if callable(shown_by_admin):
            assert translatable(shown_by_admin.short_description), name
            continue
        try:
            field = model_admin.model._meta.get_field(name)
        except FieldDoesNotExist:
            continue  # a field of the form alone: test_release_form_fields_are_translatable
        assert translatable(field.verbose_name), name
        assert field.help_text == "" or translatable(field.help_text), name
        # The release languages' names come from settings.RELEASE_LANGUAGES.
        if field.choices and name != "language":
            assert all(translatable(label) for _value, label in field.choices), name


@pytest.mark.parametrize("model_admin", ADMINS, ids=ids)
def test_names_filters_actions_and_fieldsets_are_translatable(model_admin):
    options = model_admin.model._meta
    assert translatable(options.verbose_name)
    assert translatable(options.verbose_name_plural)
    for name in ("verbose_name", "verbose_name_plural"):
        if name in vars(type(model_admin)):  # an inline's own
            assert translatable(getattr(model_admin, name)), name
    for title, fieldset in model_admin.fieldsets or ():
        assert title is None or translatable(title)
        description = fieldset.get("description")
        assert description is None or translatable(description), title
    for entry in getattr(model_admin, "list_filter", ()):
        if isinstance(entry, type):
            assert translatable(entry.title), entry
        else:
            name = entry[0] if isinstance(entry, tuple) else entry
            assert translatable(options.get_field(name).verbose_name), name
    for name in getattr(model_admin, "actions", None) or ():
        assert translatable(getattr(model_admin, name).short_description), name


def test_release_form_fields_are_translatable():
    for name, field in ReleaseForm.declared_fields.items():
        assert translatable(field.label), name
        assert field.help_text == "" or translatable(field.help_text), name
        assert all(translatable(label) for _value, label in getattr(field, "choices", ())), name
