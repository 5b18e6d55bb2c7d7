from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("Middelen (SPUK)")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the guards)
