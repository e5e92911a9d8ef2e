"""What a bench database holds, row by row, as a pure function of its size.

Row k of every table is computed from k alone, so each table streams into
COPY in its own pass with nothing else kept in memory, and the same sizes
always give the same rows. Every holder is a corporation with a valid
法人番号 and one 倒産防止共済 contract; every application is a 26766
掛金月額変更 with, once submitted, its detail row and its history.

Contract k's current application is, in this order: a complete draft ready
to submit (the first `drafts` contracts), an accepted application waiting
for export (the next `accepted`), then every other state in turn.
Applications beyond one per contract are closed ones (completed, rejected,
withdrawn) spread over the contracts, as years of use leave behind.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property, lru_cache
from itertools import pairwise
from zoneinfo import ZoneInfo

from stdnum.jp import cn

from kyosai_portal.schemes import safety_net
from kyosai_portal.schemes.calendar import add_months, first_of_month

JST = ZoneInfo("Asia/Tokyo")
PROCEDURE_ID = 26766
SCHEME = "T"
# Submissions are spread over this many past days; each day's 受付番号
# serials then stay far below the 7-digit limit even at millions of rows.
HISTORY_DAYS = 365
AGENCIES = 50
# Django reads a password starting with "!" as unusable: nobody logs in
# with a password, the bench creates sessions instead.
NO_PASSWORD = "!bench-login-by-session-only"
ISSUER = "https://gbiz.bench.invalid/"
DRAFT_PREMIUM = 50_000
DRAFT_NEW_PREMIUM = 100_000
SUPERUSER_NAME = "bench-admin"

_COMPANY_NAMES = (
    ("株式会社ベンチ商事", "カブシキガイシャベンチショウジ"),
    ("有限会社試験工業", "ユウゲンガイシャシケンコウギョウ"),
    ("合同会社計測物産", "ゴウドウガイシャケイソクブッサン"),
    ("株式会社負荷製作所", "カブシキガイシャフカセイサクショ"),
)
_PATHS = {
    "draft": ("draft",),
    "submitted": ("draft", "submitted"),
    "in_review": ("draft", "submitted", "in_review"),
    "returned": ("draft", "submitted", "in_review", "returned"),
    "accepted": ("draft", "submitted", "in_review", "accepted"),
    "exported": ("draft", "submitted", "in_review", "accepted", "exported"),
    "completed": (
        "draft",
        "submitted",
        "in_review",
        "accepted",
        "exported",
        "completed",
    ),
    "rejected": ("draft", "submitted", "in_review", "rejected"),
    "withdrawn": ("draft", "submitted", "withdrawn"),
    "withdrawn_draft": ("draft", "withdrawn"),
}
# Current applications after the drafts and the accepted ones.
_CURRENT_CYCLE = (
    "submitted",
    "in_review",
    "returned",
    "exported",
    "completed",
    "rejected",
    "withdrawn",
    "withdrawn_draft",
    "draft",
)
_HISTORY_CYCLE = ("completed", "rejected", "withdrawn", "completed")
_UNSUBMITTED = ("draft", "withdrawn_draft")
_MESSAGES = {
    "returned": "添付書類の記載に不備があります。内容をご確認のうえ再提出してください。",
    "rejected": "掛金の総額が上限に達しているため、お受けできません。",
}


@dataclass(frozen=True)
class Plan:
    """The sizes of one bench database and the day (JST) it is seeded for."""

    contracts: int
    applications: int
    accepted: int
    drafts: int
    today: date

    def __post_init__(self):
        if self.drafts + self.accepted > self.current:
            raise ValueError(
                "drafts + accepted must not exceed min(contracts, applications)"
            )

    @cached_property
    def current(self):
        """Return how many contracts have an application of their own."""
        return min(self.contracts, self.applications)

    @property
    def reviewer_id(self):
        return self.contracts + 1

    def agency_clerk_id(self, agency_index):
        return self.contracts + 2 + agency_index

    @property
    def superuser_id(self):
        return self.contracts + 2 + AGENCIES


@dataclass(frozen=True)
class Day:
    """One past day applications were submitted on, with its derived texts."""

    date: date
    compact: str  # YYYYMMDD, as in the 受付番号
    morning: datetime
    pdf_dir: str
    month: date  # the month a change submitted that day applies from
    month_text: str


@dataclass(frozen=True, slots=True)
class ApplicationRow:
    """Everything the tables need to know of application k."""

    id: int
    contract: int
    path: tuple
    status: str
    submitted: bool
    day: Day
    at: datetime
    agency: int | None


def corporate_no(index):
    """Return the valid 13-digit 法人番号 of holder `index`."""
    body = f"{500_000_000_000 + index:012d}"
    return cn.calc_check_digit(body) + body


def contract_premium(plan, index):
    """Return the 掛金月額 of contract `index`; drafts raise it to ¥100,000."""
    if index < plan.drafts:
        return DRAFT_PREMIUM
    return safety_net.PREMIUM_STEP * (1 + index % 40)


@lru_cache(maxsize=4)
def draft_month(today):
    """Return the month a seeded draft asks for, allowed on `today`."""
    return safety_net.allowed_effective_months(safety_net.ChangeKind.INCREASE, today)[0]


@lru_cache(maxsize=4)
def days(today):
    """Return the HISTORY_DAYS days before `today`, newest first."""
    result = []
    for d in range(HISTORY_DAYS):
        day = today - timedelta(days=1 + d)
        month = add_months(first_of_month(day), 1)
        result.append(
            Day(
                date=day,
                compact=f"{day:%Y%m%d}",
                morning=datetime.combine(day, time(9), JST),
                pdf_dir=f"receipts/{day:%Y/%m}/",
                month=month,
                month_text=f"{month:%Y-%m}",
            )
        )
    return tuple(result)


def application(plan, k):
    """Return application k (0-based) of the plan."""
    if k < plan.current:
        contract = k
        if k < plan.drafts:
            name = "draft"
        elif k < plan.drafts + plan.accepted:
            name = "accepted"
        else:
            cycle = _CURRENT_CYCLE
            name = cycle[(k - plan.drafts - plan.accepted) % len(cycle)]
    else:
        history = k - plan.current
        contract = history % plan.current
        name = _HISTORY_CYCLE[history % len(_HISTORY_CYCLE)]

    path = _PATHS[name]
    day = days(plan.today)[k % HISTORY_DAYS]
    at = day.morning + timedelta(seconds=k % 28_800)
    agency = k % AGENCIES if k % 10 == 9 else None
    return ApplicationRow(
        k + 1, contract, path, path[-1], name not in _UNSUBMITTED, day, at, agency
    )


def filer(plan, row):
    """Return the id of the user who filed the row: the holder's or a clerk."""
    if row.agency is None:
        return row.contract + 1
    return plan.agency_clerk_id(row.agency)


def receipt_no(row):
    """Return the 受付番号 of a submitted application row.

    Day and serial both derive from k, so numbers never repeat, and they
    lie before today: the counter the portal issues from stays untouched.
    """
    return f"{SCHEME}{row.day.compact}{(row.id - 1) // HISTORY_DAYS + 1:07d}"


def change(plan, row):
    """Return (current, new, kind, reason_code) of the row's premium change."""
    current = contract_premium(plan, row.contract)
    if row.contract < plan.drafts:
        return current, DRAFT_NEW_PREMIUM, safety_net.ChangeKind.INCREASE, None
    decrease = row.id % 4 == 0 or current == safety_net.MAX_PREMIUM
    if decrease and current > safety_net.MIN_PREMIUM:
        return (
            current,
            current - safety_net.PREMIUM_STEP,
            safety_net.ChangeKind.DECREASE,
            1 + row.id % 3,
        )
    new = current + safety_net.PREMIUM_STEP * (1 + row.id % 3)
    return (
        current,
        min(new, safety_net.MAX_PREMIUM),
        safety_net.ChangeKind.INCREASE,
        None,
    )


def effective_month(plan, row):
    """Return the month the row's change applies from, and its YYYY-MM text."""
    if row.status == "draft":
        month = draft_month(plan.today)
        return month, f"{month:%Y-%m}"
    return row.day.month, row.day.month_text


# ---------------------------------------------------------------- tables


def agencies(plan):
    """Yield (id, code, name) of the 委託機関."""
    for a in range(AGENCIES):
        yield a + 1, f"B{a:07d}", f"ベンチ商工会{a}"


AGENCY_COLUMNS = ("id", "code", "name")

USER_COLUMNS = (
    "id",
    "password",
    "is_superuser",
    "username",
    "first_name",
    "last_name",
    "email",
    "is_staff",
    "is_active",
    "date_joined",
)


def users(plan):
    """Yield a user per holder, a reviewer, agency clerks and a superuser."""
    joined = datetime.combine(plan.today - timedelta(days=400), time(9), JST)

    def user(pk, username, staff=False, superuser=False):
        email = f"{username.replace(':', '-')}@example.jp"
        return (
            pk,
            NO_PASSWORD,
            superuser,
            username,
            "",
            "",
            email,
            staff,
            True,
            joined,
        )

    for i in range(plan.contracts):
        yield user(i + 1, f"gbiz:bench-{i}")
    yield user(plan.reviewer_id, "bench-reviewer", staff=True)
    for a in range(AGENCIES):
        yield user(plan.agency_clerk_id(a), f"bench-agency-{a}")
    yield user(plan.superuser_id, SUPERUSER_NAME, staff=True, superuser=True)


HOLDER_COLUMNS = (
    "id",
    "kind",
    "name",
    "name_kana",
    "corporate_no",
    "gbizid_account_no",
    "representative",
    "birth_date",
    "gender",
    "postal_code",
    "address",
    "phone",
    "email",
)


def holders(plan):
    """Yield one corporation per contract."""
    for i in range(plan.contracts):
        name, kana = _COMPANY_NAMES[i % len(_COMPANY_NAMES)]
        yield (
            i + 1,
            2,
            f"{name}{i}",
            f"{kana}{i}",
            corporate_no(i),
            "",
            "山田　太郎",
            None,
            0,
            "1050001",
            "東京都港区虎ノ門三丁目５番１号",
            "03-1234-5678",
            f"company{i}@example.jp",
        )


IDENTITY_COLUMNS = (
    "id",
    "provider",
    "issuer",
    "subject",
    "account_type",
    "corporate_number",
    "holder_id",
    "user_id",
)


def identities(plan):
    """Yield the GビズID プライム identity linking user i to holder i."""
    for i in range(plan.contracts):
        yield i + 1, "gbizid", ISSUER, f"bench-{i}", 2, corporate_no(i), i + 1, i + 1


CONTRACT_COLUMNS = (
    "id",
    "contract_no",
    "scheme",
    "status",
    "monthly_premium",
    "months_paid",
    "premiums_paid_total",
    "prepaid_months",
    "started_on",
    "registered_agency_id",
    "holder_id",
)


def contracts(plan):
    """Yield one active 倒産防止共済 contract per holder."""
    for i in range(plan.contracts):
        premium = contract_premium(plan, i)
        months = 24 if i < plan.drafts else 12 + i % 100
        agency = i % AGENCIES + 1 if i % 10 == 9 else None
        started = date(2015, 4, 1) + timedelta(days=i % 3000)
        yield (
            i + 1,
            f"T{i:09d}",
            SCHEME,
            "active",
            premium,
            months,
            premium * months,
            0,
            started,
            agency,
            i + 1,
        )


BATCH_COLUMNS = (
    "id",
    "scheme",
    "run_date",
    "run_seq",
    "created_at",
    "file_name",
    "sha256",
    "record_count",
    "premium_total",
    "written_at",
)


def export_batches(plan):
    """Yield one written export batch per past day (counts filled in later)."""
    for d in range(HISTORY_DAYS):
        day = plan.today - timedelta(days=1 + d)
        at = datetime.combine(day, time(23), JST)
        name = f"KYO{SCHEME}{day:%Y%m%d}01.DAT"
        yield d + 1, SCHEME, day, 1, at, name, "", 0, 0, at


APPLICATION_COLUMNS = (
    "id",
    "receipt_no",
    "procedure_id",
    "scheme",
    "status",
    "channel",
    "created_at",
    "submitted_at",
    "status_changed_at",
    "wizard_step",
    "draft_data",
    "applicant_message",
    "receipt_pdf",
    "agency_id",
    "contract_id",
    "export_batch_id",
    "filed_by_id",
    "holder_id",
)


_HALF_HOUR = timedelta(minutes=30)
_HOURS = tuple(timedelta(hours=h) for h in range(len(max(_PATHS.values(), key=len))))


def draft_json(new_premium, month_text=None, reason_code=None):
    """Return the wizard's draft_data as JSON: amount, then timing if given."""
    amount = f'{{"amount": {{"new_premium": {new_premium}}}'
    if month_text is None:
        return amount + "}"
    reason = "null" if reason_code is None else reason_code
    timing = f'"timing": {{"effective_month": "{month_text}", "reason_code": {reason}}}'
    return f"{amount}, {timing}}}"


def applications(plan):
    """Yield every application row."""
    for k in range(plan.applications):
        row = application(plan, k)
        _current, new, _kind, reason = change(plan, row)
        if row.status == "draft" and k >= plan.drafts:
            draft, wizard_step = draft_json(new), "amount"
        else:
            draft = draft_json(new, effective_month(plan, row)[1], reason)
            wizard_step = "timing"
        number = pdf = submitted_at = None
        if row.submitted:
            number = receipt_no(row)
            pdf = f"{row.day.pdf_dir}uketsukehyo-{number}.pdf"
            submitted_at = row.at
        batch = (k % HISTORY_DAYS) + 1 if "exported" in row.path else None
        yield (
            row.id,
            number,
            PROCEDURE_ID,
            SCHEME,
            row.status,
            1 if row.agency is None else 2,
            row.at - _HALF_HOUR,
            submitted_at,
            row.at + _HOURS[len(row.path) - 1],
            wizard_step,
            draft,
            _MESSAGES.get(row.status, ""),
            pdf or "",
            None if row.agency is None else row.agency + 1,
            row.contract + 1,
            batch,
            filer(plan, row),
            row.contract + 1,
        )


DETAIL_COLUMNS = (
    "application_id",
    "current_premium",
    "new_premium",
    "change_kind",
    "effective_month",
    "reason_code",
)


def details(plan):
    """Yield the 26766 detail row of every application that was submitted."""
    for k in range(plan.applications):
        row = application(plan, k)
        if row.submitted:
            current, new, kind, reason = change(plan, row)
            month = effective_month(plan, row)[0]
            yield row.id, current, new, int(kind), month, reason


EVENT_COLUMNS = (
    "application_id",
    "created_at",
    "from_status",
    "to_status",
    "reason",
    "actor_id",
)


def events(plan):
    """Yield the history of every application: one event per move."""
    for k in range(plan.applications):
        row = application(plan, k)
        applicant = filer(plan, row)
        for step, (before, after) in enumerate(pairwise(row.path)):
            if after in ("submitted", "withdrawn"):
                actor = applicant
            elif after in ("exported", "completed"):
                actor = None
            else:
                actor = plan.reviewer_id
            at = row.at + _HOURS[step]
            yield row.id, at, before, after, _MESSAGES.get(after, ""), actor
