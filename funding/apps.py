from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("Middelen (SPUK)")

    def ready(self) -> None:
        # The reviewer's workplace in the admin (kept apart from admin.py; see funding/admin_workplace.py).
        from . import admin_workplace

        admin_workplace.install()
