from kyosai_portal.applications.wizard_views import wizard_urls
from maintenance import safety_net_forms, small_business_forms
from maintenance.safety_net_wizard import WIZARD as T_PREMIUM_CHANGE
from maintenance.small_business_wizard import WIZARD as S_PREMIUM_CHANGE

app_name = "maintenance"


urlpatterns = wizard_urls(
    "safety-net/premium-change", T_PREMIUM_CHANGE, safety_net_forms.ContractChoiceForm
) + wizard_urls(
    "small-business/premium-change",
    S_PREMIUM_CHANGE,
    small_business_forms.ContractChoiceForm,
)
