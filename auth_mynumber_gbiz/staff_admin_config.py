"""Django's admin app, whose default site is the staff one with a second factor.

Kept apart from the site class: app configs are imported before models are
ready, and the site imports forms that need them.
"""

from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    default_site = "auth_mynumber_gbiz.staff_admin_site.StaffAdminSite"
