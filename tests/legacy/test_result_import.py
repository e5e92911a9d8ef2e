"""Importing the core's result files (LEGACY_INTERFACE.md, "Files and their
life", "Result data record")."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kyosai_portal.applications import workflow
from kyosai_portal.applications.models import ApplicationEvent, Status
from kyosai_portal.legacy.models import ResultImport
from kyosai_portal.legacy.result_file import ResultFileRefused
from kyosai_portal.legacy.result_import import import_result_file
from tests.legacy.batch_files import write_result_file, write_with_control

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(accepted_application):
    """Return a function creating applications waiting for the core's result."""

    def _create(count):
        applications = [accepted_application() for _ in range(count)]
        workflow.transition_many([a.pk for a in applications], Status.EXPORTED)
        for application in applications:
            application.refresh_from_db()
        return applications

    return _create


def _statuses(applications):
    for application in applications:
        application.refresh_from_db()
    return [application.status for application in applications]


def _import_refused(path):
    """Run the command on a bad file; return its message."""
    with pytest.raises(CommandError) as refused:
        call_command("import_legacy_results", str(path))
    return str(refused.value)


def test_results_complete_return_and_reject_the_applications(tmp_path, exported):
    """Result data record: 0 completed, 1 returned with the message, 2 rejected."""
    done, returned, rejected = exported(3)
    path = write_result_file(
        tmp_path,
        [
            (done.receipt_no, 0, "", ""),
            (returned.receipt_no, 1, "", "変更月が加入月より前です。"),
            (rejected.receipt_no, 2, "", "契約が解約済みです。"),
        ],
    )

    out = io.StringIO()
    call_command("import_legacy_results", str(path), stdout=out)

    assert _statuses([done, returned, rejected]) == [
        Status.COMPLETED,
        Status.RETURNED,
        Status.REJECTED,
    ]
    assert returned.applicant_message == "変更月が加入月より前です。"
    event = ApplicationEvent.objects.filter(application=rejected).last()
    assert (event.actor, event.reason) == (None, "契約が解約済みです。")
    result_import = ResultImport.objects.get()
    assert (result_import.record_count, result_import.applied_count) == (3, 3)
    assert "3件中3件を反映しました。" in out.getvalue()


def test_importing_the_same_file_twice_changes_nothing_the_second_time(
    tmp_path, exported
):
    """Files and their life: importing the same file twice changes nothing."""
    (application,) = exported(1)
    path = write_result_file(tmp_path, [(application.receipt_no, 0, "", "")])
    import_result_file(path)
    events = ApplicationEvent.objects.count()

    outcome = import_result_file(path)
    out = io.StringIO()
    call_command("import_legacy_results", str(path), stdout=out)

    assert outcome.already_imported
    assert ApplicationEvent.objects.count() == events
    assert ResultImport.objects.count() == 1
    assert "取込済み" in out.getvalue()


def test_an_unknown_receipt_is_reported_and_the_rest_still_applies(tmp_path, exported):
    """Files and their life: a result for an unknown receipt number is
    reported; the rest of the file still applies."""
    (application,) = exported(1)
    path = write_result_file(
        tmp_path,
        [("T209901010000001", 0, "", ""), (application.receipt_no, 0, "", "")],
    )

    outcome = import_result_file(path)

    assert _statuses([application]) == [Status.COMPLETED]
    assert outcome.result_import.applied_count == 1
    assert "T209901010000001" in outcome.result_import.report


def test_a_result_in_the_other_schemes_file_is_reported_not_applied(tmp_path, exported):
    """Header, scheme: a KYRS file speaks for 小規模企業共済 applications only."""
    (application,) = exported(1)
    path = write_result_file(
        tmp_path, [(application.receipt_no, 0, "", "")], scheme="S"
    )

    outcome = import_result_file(path)

    assert _statuses([application]) == [Status.EXPORTED]
    assert outcome.result_import.applied_count == 0
    assert application.receipt_no in outcome.result_import.report


def test_a_completed_enrolment_reports_its_new_contract_number(tmp_path, exported):
    """Result data record: the core assigns contract_no for a new enrolment."""
    (application,) = exported(1)
    path = write_result_file(tmp_path, [(application.receipt_no, 0, "S123456789", "")])

    outcome = import_result_file(path)

    assert "S123456789" in outcome.result_import.report


def _assert_nothing_changed(applications):
    assert set(_statuses(applications)) == {Status.EXPORTED}
    assert not ResultImport.objects.exists()


def test_a_trailer_count_that_does_not_match_is_refused_whole(tmp_path, exported):
    """Result trailer: record_count is the number of data records."""
    applications = exported(2)
    path = write_result_file(
        tmp_path, [(a.receipt_no, 0, "", "") for a in applications]
    )
    data = path.read_bytes().replace(b"\r\n8000002", b"\r\n8000003")
    write_with_control(path, data, 2)

    message = _import_refused(path)

    assert "トレーラーの件数 3" in message
    _assert_nothing_changed(applications)


def test_a_control_count_that_does_not_match_is_refused_whole(tmp_path, exported):
    """Files and their life: the .END must match the .DAT."""
    applications = exported(2)
    path = write_result_file(
        tmp_path, [(a.receipt_no, 0, "", "") for a in applications]
    )
    write_with_control(path, path.read_bytes(), 5)

    message = _import_refused(path)

    assert "制御ファイルの件数 5" in message
    _assert_nothing_changed(applications)


@pytest.mark.parametrize(
    "control, expected",
    [
        (None, "ありません"),
        (b"KYRT2026120401.DAT 1 abc\r\n", "形式"),
        ("KYRT2026120401.DAT 1 {sha}\n", "形式"),
        ("KYRT2026120401.DAT 1 {SHA}\r\n", "形式"),
        ("KYRT2026120402.DAT 1 {sha}\r\n", "KYRT2026120402.DAT"),
        ("KYRT2026120401.DAT 1 " + "0" * 64 + "\r\n", "SHA-256"),
    ],
)
def test_a_missing_or_broken_end_file_refuses_the_import(
    tmp_path, exported, control, expected
):
    """Files and their life: the control line is `<dat> <count> <sha256>` in
    lowercase hex with CR LF, and must match the .DAT."""
    import hashlib

    (application,) = exported(1)
    path = write_result_file(tmp_path, [(application.receipt_no, 0, "", "")])
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    end = path.with_suffix(".END")
    if control is None:
        end.unlink()
    else:
        if isinstance(control, str):
            control = control.format(sha=sha256, SHA=sha256.upper()).encode()
        end.write_bytes(control)

    assert expected in _import_refused(path)
    _assert_nothing_changed([application])


def test_a_record_of_the_wrong_length_is_refused_whole(tmp_path, exported):
    """Encoding: each result record is 200 bytes followed by CR LF."""
    applications = exported(2)
    path = write_result_file(
        tmp_path, [(a.receipt_no, 0, "", "") for a in applications]
    )
    header, first, *rest = path.read_bytes().split(b"\r\n")
    data = b"\r\n".join([header, first[:-1], *rest])
    write_with_control(path, data, 2)

    message = _import_refused(path)

    assert "2行目" in message and "199バイト" in message
    _assert_nothing_changed(applications)


@pytest.mark.parametrize(
    "header_part, expected",
    [(b"1KYO", "file_kind"), (b"1KYRS", "scheme")],
)
def test_a_header_for_another_file_kind_or_scheme_is_refused(
    tmp_path, exported, header_part, expected
):
    """Header: file_kind KYR and the scheme of the file name."""
    (application,) = exported(1)
    path = write_result_file(tmp_path, [(application.receipt_no, 0, "", "")])
    data = path.read_bytes()
    write_with_control(path, header_part + data[len(header_part) :], 1)

    assert expected in _import_refused(path)
    _assert_nothing_changed([application])


def test_a_return_without_a_message_is_refused(tmp_path, exported):
    """Result data record: 差戻し shows the message to the applicant."""
    (application,) = exported(1)
    path = write_result_file(tmp_path, [(application.receipt_no, 1, "", "")])

    assert "message" in _import_refused(path)
    _assert_nothing_changed([application])


def test_a_file_without_its_end_record_is_refused(tmp_path, exported):
    """Records: one header, the data records, one trailer and one end record."""
    (application,) = exported(1)
    path = write_result_file(tmp_path, [(application.receipt_no, 0, "", "")])
    data = path.read_bytes()
    write_with_control(path, data[:-202], 1)

    with pytest.raises(ResultFileRefused):
        import_result_file(path)
    _assert_nothing_changed([application])
