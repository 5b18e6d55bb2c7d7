from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("Middelen (SPUK)")

    def ready(self) -> None:
        # Interventions sits below funding and reads the SPUK theme and money through its extension point.
        from interventions.extensions import register_funding_provider

        from . import signals  # noqa: F401  (connects the guards)
        from .intervention_funding import SpukFunding

        register_funding_provider(SpukFunding())
