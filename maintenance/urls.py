from django.urls import path

from kyosai_portal.applications import wizard_views
from maintenance.safety_net_forms import ContractChoiceForm
from maintenance.safety_net_wizard import WIZARD as T_PREMIUM_CHANGE

app_name = "maintenance"

urlpatterns = [
    path(
        "safety-net/premium-change/",
        wizard_views.start_view,
        {"wizard": T_PREMIUM_CHANGE, "contract_form_class": ContractChoiceForm},
        name="t_premium_change_start",
    ),
    path(
        "safety-net/premium-change/<int:pk>/confirm/",
        wizard_views.confirm_view,
        {"wizard": T_PREMIUM_CHANGE},
        name="t_premium_change_confirm",
    ),
    path(
        "safety-net/premium-change/<int:pk>/<slug:step_name>/",
        wizard_views.step_view,
        {"wizard": T_PREMIUM_CHANGE},
        name="t_premium_change_step",
    ),
]
