"""Optimistic concurrency for admin change forms: a form saved from a stale copy never
overwrites newer work.

The form carries the version of the object it was loaded from (its `updated_at`, exact to
the microsecond). Saving claims that version with `UPDATE ... WHERE updated_at = <version>`
inside the admin's save transaction: the row stays locked until the save commits, so two
saves at once cannot both pass (the second waits, then finds the new version). A stale form
is refused with a form error listing, field by field, the editor's value and the value saved
now; their input stays in the form, and nothing of it (inlines included: the admin saves
formsets only with a valid form) is applied. Ticking the box in that error saves the form
over the version it showed, and only that one.

Generic on purpose: osce_site knows no app's models (DESIGN.md).
"""

import datetime

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.db import models, router
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

VERSION = "edit_version"  # the version the form was loaded from
OVERWRITE = "edit_overwrite"  # the newer version the editor chose to save over


def version_token(obj, field):
    value = getattr(obj, field, None)
    return value.astimezone(datetime.UTC).isoformat() if value else ""


def parse_token(token):
    """The datetime in a version token; None for anything else (no 500 on bad input)."""
    try:
        value = datetime.datetime.fromisoformat(str(token))
        return value.astimezone(datetime.UTC) if timezone.is_aware(value) else None
    except (ValueError, OverflowError):  # not a date; a time past the year 1 or 9999 in UTC
        return None


class VersionInput(forms.HiddenInput):
    # No label points at a hidden control (the admin renders a label for every field).
    def id_for_label(self, id_):
        return None


class VersionCheckedForm(forms.ModelForm):
    """Mixed into an admin change form by EditConflictAdminMixin.get_form()."""

    version_field = "updated_at"
    conflict_template = "admin/includes/edit_conflict.html"

    edit_version = forms.CharField(widget=VersionInput, required=False, label="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault(VERSION, version_token(self.instance, self.version_field))

    def clean(self):
        cleaned_data = super().clean()
        # A POST without the field comes from no form the admin rendered (scripts, tests):
        # it is an explicit save, not a stale copy.
        if self.instance.pk is not None and VERSION in self.data:
            self._claim_version()
        return cleaned_data

    def _claim_version(self):
        model = type(self.instance)
        rows = model._base_manager.using(router.db_for_write(model)).filter(pk=self.instance.pk)
        accepted = [parse_token(self.data.get(name)) for name in (VERSION, OVERWRITE)]
        accepted = [version for version in accepted if version is not None]
        field = self.version_field
        # A no-op write that locks the row (PostgreSQL) or the database (SQLite) until the
        # admin's transaction commits the save; it matches only an accepted version.
        if accepted and rows.filter(**{f"{field}__in": accepted}).update(
            **{field: models.F(field)}
        ):
            return
        current = rows.first()
        if current is None:
            raise forms.ValidationError(
                _("This item was deleted after you opened the form; nothing was saved.")
            )
        self.add_error(None, forms.ValidationError(self._conflict_message(current)))

    def _conflict_message(self, current):
        """The refusal, from a template: who saved, when, and the differences."""
        return render_to_string(
            self.conflict_template,
            {
                "opts": current._meta,
                "saved_at": getattr(current, self.version_field),
                "saved_by": getattr(current, "updated_by", None),
                "changes": self.differences(current),
                "overwrite_name": OVERWRITE,
                "overwrite_token": version_token(current, self.version_field),
                "overwrite_chosen": self.data.get(OVERWRITE),
            },
        )

    def differences(self, current):
        """Field by field, where this form's input differs from the object saved now."""
        saved_form = type(self)(instance=current)  # unbound: what the form would show now
        changes = []
        for name, bound in self._bound_items():
            if name == VERSION or bound.field.disabled:
                continue
            if not bound.field.has_changed(saved_form[name].initial, bound.data):
                continue
            yours = self.cleaned_data.get(name, bound.data)
            changes.append(
                {
                    "name": name,
                    "label": bound.label,
                    "yours": readable(yours, bound.field),
                    "saved": readable(saved_value(current, name), bound.field),
                }
            )
        return changes


def saved_value(obj, name):
    value = getattr(obj, name, None)
    if hasattr(value, "all") and callable(value.all):  # many-to-many and tags
        return list(value.all())
    return value


def readable(value, field):
    """A value as an editor reads it: labels of choices, names of objects, local times.
    Plain text; the template escapes it."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (list, tuple, set, models.QuerySet)):
        return ", ".join(readable(item, field) for item in value)
    if isinstance(value, datetime.datetime):
        return formats.localize(timezone.localtime(value) if timezone.is_aware(value) else value)
    if isinstance(value, datetime.date):
        return formats.localize(value)
    if isinstance(value, models.Model):
        return str(value)
    labels = dict(getattr(field, "flatchoices", None) or getattr(field, "choices", None) or [])
    if not isinstance(field, forms.ModelChoiceField) and value in labels:
        return str(labels[value])
    return str(value)


class EditConflictAdminMixin:
    """For a ModelAdmin whose model has a `DateTimeField(auto_now=True)` (version_field):
    its change form refuses to save over a newer version."""

    version_field = "updated_at"

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            base = kwargs.get("form", self.form)
            kwargs["form"] = type(
                base.__name__, (VersionCheckedForm, base), {"version_field": self.version_field}
            )
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        # Added by get_fieldsets, where the editor may change the object, and nowhere else:
        # as a read-only field it would show an empty "version" row.
        return [name for name in super().get_fields(request, obj) if name != VERSION]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not fieldsets or not self.has_change_permission(request, obj):
            return fieldsets
        if VERSION in flatten_fieldsets(fieldsets):
            return fieldsets
        (name, options), *others = fieldsets
        return [(name, {**options, "fields": [*options["fields"], VERSION]}), *others]
