"""Forms of the public site (the admin's are in press.admin)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class JournalistSignInForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("The address your accreditation is registered under."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)
