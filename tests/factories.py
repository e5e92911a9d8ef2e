"""factory-boy factories for the shared core, with named personas as traits."""

from datetime import date

import factory
from django.contrib.auth import get_user_model

from kyosai_portal.applications.models import Application, Status
from kyosai_portal.contracts.models import (
    Agency,
    Contract,
    ContractHolder,
    HolderKind,
    Scheme,
)
from maintenance.models import SafetyNetPremiumChange


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery staple")


class CorporationFactory(factory.django.DjangoModelFactory):
    """A company holding contracts, identified by a valid 法人番号."""

    class Meta:
        model = ContractHolder

    kind = HolderKind.CORPORATION
    name = factory.Sequence(lambda n: f"株式会社テスト商事{n}")
    name_kana = factory.Sequence(lambda n: f"カブシキガイシャテストショウジ{n}")
    corporate_no = factory.Sequence(lambda n: _valid_corporate_no(100000000000 + n))
    representative = "山田　太郎"
    birth_date = date(1970, 4, 1)
    postal_code = "1050001"
    address = "東京都港区虎ノ門三丁目５番１号"
    phone = "03-1234-5678"
    email = factory.Sequence(lambda n: f"company{n}@example.jp")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"A{n:07d}")
    name = factory.Sequence(lambda n: f"テスト商工会{n}")


class SafetyNetContractFactory(factory.django.DjangoModelFactory):
    """A 倒産防止共済 contract at ¥50,000 a month with room below the cap."""

    class Meta:
        model = Contract

    contract_no = factory.Sequence(lambda n: f"T{n:09d}")
    scheme = Scheme.SAFETY_NET
    holder = factory.SubFactory(CorporationFactory)
    monthly_premium = 50_000
    months_paid = 24
    premiums_paid_total = 1_200_000
    started_on = date(2024, 12, 1)


class PremiumChangeApplicationFactory(factory.django.DjangoModelFactory):
    """A submitted 26766 増額 from ¥50,000 to ¥100,000."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    procedure_id = 26766
    scheme = Scheme.SAFETY_NET
    contract = factory.SubFactory(SafetyNetContractFactory)
    holder = factory.SelfAttribute("contract.holder")
    filed_by = factory.SubFactory(UserFactory)
    status = Status.DRAFT

    detail = factory.RelatedFactory(
        "tests.factories.SafetyNetPremiumChangeFactory",
        factory_related_name="application",
    )


class SafetyNetPremiumChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SafetyNetPremiumChange

    current_premium = 50_000
    new_premium = 100_000
    change_kind = 1
    effective_month = date(2026, 12, 1)
    reason_code = None


def _valid_corporate_no(base12):
    """Return a 13-digit 法人番号 with its check digit in front."""
    from stdnum.jp import cn

    body = f"{base12:012d}"
    return cn.calc_check_digit(body) + body


class SoleProprietorFactory(factory.django.DjangoModelFactory):
    """A person holding a 小規模企業共済 contract, as the マイナンバーカード names them."""

    class Meta:
        model = ContractHolder

    kind = HolderKind.INDIVIDUAL
    name = factory.Sequence(lambda n: f"共済　太郎{n}")
    name_kana = factory.Sequence(lambda n: f"キョウサイ　タロウ{n}")
    birth_date = date(1975, 6, 15)
    postal_code = "1000005"
    address = "東京都千代田区丸の内一丁目１番１号"
    phone = "090-1234-5678"
    email = factory.Sequence(lambda n: f"person{n}@example.jp")


class SmallBusinessContractFactory(factory.django.DjangoModelFactory):
    """A 小規模企業共済 contract at ¥30,000 a month."""

    class Meta:
        model = Contract

    contract_no = factory.Sequence(lambda n: f"S{n:09d}")
    scheme = Scheme.SMALL_BUSINESS
    holder = factory.SubFactory(SoleProprietorFactory)
    monthly_premium = 30_000
    months_paid = 120
    premiums_paid_total = 3_600_000
    started_on = date(2016, 12, 1)
