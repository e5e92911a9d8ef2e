"""The 受付票 PDF: what a person reads in it, and the fonts that draw it."""

import logging
from datetime import UTC, datetime

import pytest
import segno

from kyosai_portal.applications import receipts
from kyosai_portal.applications.links import status_page_url
from kyosai_portal.applications.models import Application, Channel
from tests import factories
from tests.receipts.pdf_tools import embedded_fonts, pdf_text

pytestmark = pytest.mark.django_db


# pdftotext breaks lines where the PDF does; compare text with them removed.
def _flat(text):
    return "".join(text.split())


def test_the_receipt_shows_the_applicant_number_procedure_and_values(application):
    text = _flat(pdf_text(receipts.render_receipt_pdf(application)))

    assert "受付票" in text
    assert application.holder.name in text
    assert application.receipt_no in text
    assert "倒産防止共済掛金月額変更の申込み" in text
    assert "変更の種類増額" in text
    assert "変更前の掛金月額50,000円" in text
    assert "変更後の掛金月額100,000円" in text
    assert "変更月2026年12月" in text
    assert application.contract.contract_no in text
    assert "ご本人による申請" in text


def test_a_name_beyond_jis_x_0213_survives_intact(yoshino_application):
    pdf = receipts.render_receipt_pdf(yoshino_application)

    assert "𠮷野家商事株式会社" in pdf_text(pdf)
    # The main font lacks 𠮷; the fallback draws it rather than an empty box.
    assert embedded_fonts(pdf).get("Noto-Sans-CJK-JP") is True


def test_the_received_time_is_shown_in_japan_time(application):
    Application.objects.filter(pk=application.pk).update(
        submitted_at=datetime(2026, 3, 31, 15, 30, tzinfo=UTC)
    )
    application.refresh_from_db()

    text = _flat(pdf_text(receipts.render_receipt_pdf(application)))

    assert "受付日時（日本時間）2026年4月1日00時30分" in text


def test_a_filing_by_an_agency_names_the_agency(submit):
    agency = factories.AgencyFactory(name="虎ノ門商工会")
    application = submit(
        factories.PremiumChangeApplicationFactory(channel=Channel.AGENCY, agency=agency)
    )

    text = _flat(pdf_text(receipts.render_receipt_pdf(application)))

    assert "委託機関による申請（虎ノ門商工会）" in text
    assert "ご本人による申請" not in text


def test_japanese_text_is_drawn_with_embedded_regular_and_real_bold_faces(application):
    fonts = embedded_fonts(receipts.render_receipt_pdf(application))

    # Text extraction succeeds even when every glyph is an empty box, so the
    # CJK fonts themselves must be embedded; a missing bold face would be
    # replaced by the regular one without any error.
    assert fonts.get("BIZ-UDPGothic") is True
    assert fonts.get("BIZ-UDPGothic-Bold") is True
    assert all(fonts.values())


def test_a_typical_receipt_stays_under_50_kib(application):
    pdf = receipts.render_receipt_pdf(application)

    assert pdf.startswith(b"%PDF-")
    assert len(pdf) <= 50 * 1024


def test_fonts_are_subset_by_harfbuzz_not_by_the_slow_fonttools_path(
    application, caplog
):
    """Without libharfbuzz-subset0 a one-page receipt takes ~13 s instead of ~0.2 s."""
    from weasyprint.text import ffi

    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        receipts.render_receipt_pdf(application)

    assert ffi.harfbuzz_subset is not None
    assert not [r for r in caplog.records if "fontTools" in r.getMessage()]


def test_the_qr_code_encodes_the_status_page(application):
    html = receipts.build_receipt_html(application)

    url = status_page_url(application)
    assert url.endswith(f"/applications/{application.receipt_no}/")
    expected = segno.make(url, error="m", micro=False).svg_inline(
        omitsize=True, svgclass="qr-code", lineclass=None
    )
    assert expected in html


def test_the_page_margin_boxes_use_the_receipt_fonts_too(application):
    pdf = receipts.render_receipt_pdf(application)

    # The page number lives in a margin box, which inherits from html only.
    assert "1/1" in _flat(pdf_text(pdf))
    assert set(embedded_fonts(pdf)) <= {"BIZ-UDPGothic", "BIZ-UDPGothic-Bold"}


def test_the_receipt_is_a_japanese_a4_document(application):
    html = receipts.build_receipt_html(application)

    assert '<html lang="ja">' in html
    assert "size: A4" in html
