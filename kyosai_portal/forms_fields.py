"""Form fields shared by every procedure: forgiving of how people type numbers."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _


class YenField(forms.IntegerField):
    """A whole-yen amount; accepts full-width digits, commas and a trailing 円."""

    default_error_messages = {
        "invalid": _("金額は半角または全角の数字で入力してください（例：50000）。"),
        "required": _("金額を入力してください。"),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).strip()
            value = value.replace(",", "").removesuffix("円").strip()
        return super().to_python(value)
