"""Demo data for `make run`: companies, agencies, staff and applications.

Everything goes through the same code the portal uses (the wizard's draft
format, the state machine, the legacy export), so the demo shows real states
with real histories and receipts.
"""

import hashlib
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from stdnum.jp import cn

from kyosai_portal.applications import workflow
from kyosai_portal.applications.models import Application, Channel, Status
from kyosai_portal.applications.staff_groups import (
    READERS,
    REVIEWERS,
    ensure_staff_groups,
)
from kyosai_portal.contracts.models import (
    Agency,
    AgencyStaffMember,
    Contract,
    ContractHolder,
    Gender,
    HolderKind,
    Scheme,
)
from kyosai_portal.legacy.export import export_accepted_applications
from kyosai_portal.schemes import safety_net
from maintenance.models import SafetyNetPremiumChange

CLERK_PASSWORD = "kyosai-demo-2026"
CLERKS = (("shinsa", "審査 花子", REVIEWERS), ("etsuran", "閲覧 次郎", READERS))

AGENCIES = (
    ("13100001", "東京商工会議所"),
    ("27100002", "大阪府商工会連合会"),
    ("40100003", "ふくおか中央信用金庫"),
)
# (username, name, agency code): signs in under /agency/ with CLERK_PASSWORD.
AGENCY_STAFF = (("itaku", "委託 三郎", "13100001"),)

# (name, kana, premium, total paid, prepaid months, the state its demo application is in)
COMPANIES = (
    (
        "株式会社さくら製作所",
        "カブシキガイシャサクラセイサクショ",
        50_000,
        1_200_000,
        0,
        None,
    ),
    ("𠮷田運輸株式会社", "ヨシダウンユカブシキガイシャ", 100_000, 3_000_000, 0, None),
    (
        "合同会社みどり商店",
        "ゴウドウガイシャミドリショウテン",
        30_000,
        900_000,
        2,
        None,
    ),
    (
        "株式会社満額工業",
        "カブシキガイシャマンガクコウギョウ",
        200_000,
        8_000_000,
        0,
        None,
    ),
    (
        "株式会社あおば建設",
        "カブシキガイシャアオバケンセツ",
        40_000,
        960_000,
        0,
        Status.DRAFT,
    ),
    (
        "株式会社ひまわり食品",
        "カブシキガイシャヒマワリショクヒン",
        60_000,
        720_000,
        0,
        Status.SUBMITTED,
    ),
    (
        "株式会社つばき印刷",
        "カブシキガイシャツバキインサツ",
        80_000,
        1_600_000,
        0,
        Status.IN_REVIEW,
    ),
    (
        "株式会社かえで電機",
        "カブシキガイシャカエデデンキ",
        20_000,
        480_000,
        0,
        Status.RETURNED,
    ),
    (
        "株式会社すみれ物流",
        "カブシキガイシャスミレブツリュウ",
        70_000,
        840_000,
        0,
        Status.EXPORTED,
    ),
    (
        "株式会社もみじ商事",
        "カブシキガイシャモミジショウジ",
        90_000,
        2_160_000,
        0,
        Status.COMPLETED,
    ),
    (
        "株式会社あやめ技研",
        "カブシキガイシャアヤメギケン",
        45_000,
        540_000,
        0,
        Status.REJECTED,
    ),
    (
        "株式会社なでしこ堂",
        "カブシキガイシャナデシコドウ",
        35_000,
        420_000,
        0,
        Status.WITHDRAWN,
    ),
    (
        "株式会社ききょう精機",
        "カブシキガイシャキキョウセイキ",
        25_000,
        300_000,
        0,
        Status.ACCEPTED,
    ),
    (
        "株式会社ゆり総業",
        "カブシキガイシャユリソウギョウ",
        55_000,
        660_000,
        0,
        Status.ACCEPTED,
    ),
)

# 小規模企業共済 members who log in with a demo マイナンバーカード (the
# development signing channel issues one per member): (name, kana, birth
# date, gender, address, premium). 髙 is outside JIS X 0208, so the card
# carries a 代替文字; the half-width space shows that spaces do not matter.
SMALL_BUSINESS_MEMBERS = (
    (
        "小規模　一郎",
        "ショウキボ　イチロウ",
        date(1968, 5, 12),
        Gender.MALE,
        "東京都中央区日本橋一丁目１番１号",
        30_000,
    ),
    (
        "髙橋　和子",
        "タカハシ　カズコ",
        date(1975, 11, 3),
        Gender.FEMALE,
        "大阪府大阪市北区梅田一丁目２番３号",
        50_000,
    ),
    (
        "山本 次郎",
        "ヤマモト　ジロウ",
        date(1982, 2, 28),
        Gender.MALE,
        "福岡県福岡市博多区博多駅前三丁目４番５号",
        10_000,
    ),
)

# How each demo state is reached from a submitted application.
PATHS = {
    Status.DRAFT: [],
    Status.SUBMITTED: [Status.SUBMITTED],
    Status.IN_REVIEW: [Status.SUBMITTED, Status.IN_REVIEW],
    Status.RETURNED: [Status.SUBMITTED, Status.IN_REVIEW, Status.RETURNED],
    Status.ACCEPTED: [Status.SUBMITTED, Status.IN_REVIEW, Status.ACCEPTED],
    Status.REJECTED: [Status.SUBMITTED, Status.IN_REVIEW, Status.REJECTED],
    Status.WITHDRAWN: [Status.SUBMITTED, Status.WITHDRAWN],
    Status.EXPORTED: [Status.SUBMITTED, Status.IN_REVIEW, Status.ACCEPTED],
    Status.COMPLETED: [Status.SUBMITTED, Status.IN_REVIEW, Status.ACCEPTED],
}
REASONS = {
    Status.RETURNED: "変更月の記載をご確認のうえ、再提出してください。",
    Status.REJECTED: "掛金の払込みが滞っているため、変更をお受けできません。",
}


def corporate_no(index):
    """Return a demo 法人番号 with a valid check digit."""
    body = f"{9_000_000_000_00 + index:012d}"
    return cn.calc_check_digit(body) + body


def seed(stdout=None):
    """Create the demo data once; return False when it is already there."""
    members_created = _create_small_business_members()
    if ContractHolder.objects.filter(corporate_no=corporate_no(1)).exists():
        return members_created
    ensure_staff_groups()
    with transaction.atomic():
        agencies = [Agency.objects.create(code=c, name=n) for c, n in AGENCIES]
        _create_clerks()
        contracts = _create_companies(agencies)
    # Exported and completed ones go through a real export run; the ones
    # meant to stay accepted are filed after it, waiting for the next run.
    for contract, state in contracts:
        if state not in (None, Status.ACCEPTED):
            _file_demo_application(contract, state)
    export_accepted_applications()
    for contract, state in contracts:
        if state == Status.COMPLETED:
            # As the core's result file would (result code 0).
            workflow.transition(
                Application.objects.get(contract=contract), Status.COMPLETED
            )
        if state == Status.ACCEPTED:
            _file_demo_application(contract, state)
    return True


def _create_clerks():
    users = get_user_model()
    for username, name, group in CLERKS:
        family, given = name.split(" ")
        user = users.objects.create_user(
            username,
            password=CLERK_PASSWORD,
            is_staff=True,
            last_name=family,
            first_name=given,
        )
        user.groups.add(Group.objects.get(name=group))


def create_agency_staff():
    """Create the demo agency staff members once, at their demo agencies.

    Apart from `seed`, so a database seeded before they existed gets them.
    """
    users = get_user_model()
    for username, name, agency_code in AGENCY_STAFF:
        agency = Agency.objects.filter(code=agency_code).first()
        if agency is None or users.objects.filter(username=username).exists():
            continue
        family, given = name.split(" ")
        user = users.objects.create_user(
            username, password=CLERK_PASSWORD, last_name=family, first_name=given
        )
        AgencyStaffMember.objects.create(user=user, agency=agency)


def demo_staff_usernames():
    """Return the usernames of the demo clerks and agency staff members."""
    return [row[0] for row in CLERKS + AGENCY_STAFF]


def demo_totp_key(username):
    """Return the published key (hex) of a demo staff member's authenticator."""
    return hashlib.sha1(f"kyosai-demo-totp:{username}".encode()).hexdigest()


def give_staff_authenticators():
    """Give each demo clerk and agency staff member a published authenticator.

    Clerks and agency staff are asked for the second factor in development
    too; with a known key they log in from an authenticator app or from
    `manage.py demo_totp_code`. Staff seeded before this keep working.
    """
    for username in demo_staff_usernames():
        user = get_user_model().objects.filter(username=username).first()
        if user is not None and not TOTPDevice.objects.filter(user=user).exists():
            TOTPDevice.objects.create(
                user=user,
                name="authenticator",
                key=demo_totp_key(username),
                confirmed=True,
            )


def _create_companies(agencies):
    contracts = []
    for index, (name, kana, premium, total, prepaid, state) in enumerate(
        COMPANIES, start=1
    ):
        holder = ContractHolder.objects.create(
            kind=HolderKind.CORPORATION,
            name=name,
            name_kana=kana,
            corporate_no=corporate_no(index),
            representative="代表　太郎",
            birth_date=date(1965 + index, 4, index),
            postal_code="1000005",
            address=f"東京都千代田区丸の内一丁目{index}番{index}号",
            phone="03-0000-0000",
            email=f"demo{index}@example.jp",
        )
        contract = Contract.objects.create(
            contract_no=f"T{index:09d}",
            scheme=Scheme.SAFETY_NET,
            holder=holder,
            monthly_premium=premium,
            months_paid=total // premium,
            premiums_paid_total=total,
            prepaid_months=prepaid,
            registered_agency=agencies[index % len(agencies)],
            started_on=date(2020, 4, 1),
        )
        contracts.append((contract, state))
    return contracts


def _create_small_business_members():
    # Separate from the companies, so a database seeded before they existed
    # gets them too.
    created = False
    for index, (name, kana, born, gender, address, premium) in enumerate(
        SMALL_BUSINESS_MEMBERS, start=1
    ):
        if Contract.objects.filter(contract_no=f"S{index:09d}").exists():
            continue
        holder = ContractHolder.objects.create(
            kind=HolderKind.INDIVIDUAL,
            name=name,
            name_kana=kana,
            birth_date=born,
            gender=gender,
            postal_code="1000005",
            address=address,
            phone="090-0000-0000",
            email=f"member{index}@example.jp",
        )
        Contract.objects.create(
            contract_no=f"S{index:09d}",
            scheme=Scheme.SMALL_BUSINESS,
            holder=holder,
            monthly_premium=premium,
            months_paid=120,
            premiums_paid_total=premium * 120,
            started_on=date(2016, 4, 1),
        )
        created = True
    return created


def _demo_user(contract):
    users = get_user_model()
    user, _created = users.objects.get_or_create(
        username=f"demo-filer-{contract.contract_no}",
        defaults={"email": contract.holder.email},
    )
    return user


def _file_demo_application(contract, state):
    filer = _demo_user(contract)
    clerk = get_user_model().objects.get(username="shinsa")
    new_premium = min(contract.monthly_premium + 50_000, safety_net.MAX_PREMIUM)
    month = safety_net.allowed_effective_months(
        safety_net.ChangeKind.INCREASE, timezone.localdate()
    )[-1]
    application = Application.objects.create(
        procedure_id=26766,
        scheme=Scheme.SAFETY_NET,
        holder=contract.holder,
        contract=contract,
        # Filed through the member's agency, so its staff see it under /agency/.
        channel=Channel.AGENCY,
        agency=contract.registered_agency,
        filed_by=filer,
        draft_data={
            "amount": {"new_premium": new_premium},
            "timing": {"effective_month": f"{month:%Y-%m}", "reason_code": None},
        },
    )
    if state == Status.DRAFT:
        return
    SafetyNetPremiumChange.objects.create(
        application=application,
        current_premium=contract.monthly_premium,
        new_premium=new_premium,
        change_kind=safety_net.ChangeKind.INCREASE,
        effective_month=month,
    )
    for step in PATHS[state]:
        actor = filer if step in (Status.SUBMITTED, Status.WITHDRAWN) else clerk
        workflow.transition(
            application, step, actor=actor, reason=REASONS.get(step, "")
        )
