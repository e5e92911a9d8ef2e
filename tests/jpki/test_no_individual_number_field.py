"""No model has a field for the 個人番号 (ARCHITECTURE.md, personal data)."""

import re
import unicodedata

import pytest
from django.apps import apps

_SUSPECT_NAMES = re.compile(r"mynumber|mynum|kojinbango|kojinbangou|individualnumber")
_SUSPECT_LABELS = re.compile(r"個人番号|マイナンバー(?!カード)")


def looks_like_an_individual_number(*texts):
    """Return whether a field's name, column or label suggests the 個人番号."""
    for text in texts:
        text = unicodedata.normalize("NFKC", str(text or ""))
        squeezed = re.sub(r"[\s_\-]", "", text).lower()
        if _SUSPECT_NAMES.search(squeezed) or _SUSPECT_LABELS.search(text):
            return True
    return False


def test_no_model_field_holds_the_individual_number():
    suspects = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models(include_auto_created=True)
        for field in model._meta.get_fields()
        if looks_like_an_individual_number(
            field.name,
            getattr(field, "column", ""),
            getattr(field, "verbose_name", ""),
            getattr(field, "help_text", ""),
        )
    ]

    assert suspects == []


@pytest.mark.parametrize(
    "text",
    [
        "my_number",
        "MyNumber",
        "holder_mynumber",
        "kojin_bango",
        "individual_number",
        "個人番号",
        "マイナンバー",
        "ﾏｲﾅﾝﾊﾞｰ",
    ],
)
def test_the_check_recognises_an_individual_number_field(text):
    assert looks_like_an_individual_number(text)


@pytest.mark.parametrize(
    "text",
    ["number", "corporate_number", "マイナンバーカード", "法人番号等", "receipt_no"],
)
def test_the_check_leaves_other_fields_alone(text):
    assert not looks_like_an_individual_number(text)
