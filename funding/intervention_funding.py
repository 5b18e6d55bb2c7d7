"""Funding's side of `interventions.extensions`: the SPUK theme and money of an intervention.

Registered in `FundingConfig.ready()`. Interventions sits below funding and may not name it; this
provider is how its pages, filters, exports, API and services read the theme choices, an
intervention's theme (`InterventionTheme`) and the SPUK money of the application lines that point at
it, and how its services store the theme.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import F, QuerySet, Value
from django.db.models.functions import Coalesce

from . import selectors
from .models import InterventionTheme, Theme


class SpukFunding:
    """The `interventions.extensions.FundingProvider` of this project."""

    def theme_choices(self) -> QuerySet[Theme]:
        return selectors.intervention_theme_choices()

    def theme_label(self, theme: Theme) -> str:
        return f"{theme.name} ({theme.scheme.short_name or theme.scheme.name})"

    def theme_of(self, intervention) -> Theme | None:
        link = InterventionTheme.objects.select_related("theme").filter(intervention=intervention).first()
        return link.theme if link else None

    def set_theme(self, *, intervention, theme: Theme | None) -> None:
        if theme is None:
            InterventionTheme.objects.filter(intervention=intervention).delete()
        else:
            InterventionTheme.objects.update_or_create(intervention=intervention, defaults={"theme": theme})

    def with_theme(self, interventions: QuerySet) -> QuerySet:
        return interventions.annotate(theme_id=F("spuk_theme__theme_id"), theme_name=F("spuk_theme__theme__name"))

    def with_funding(self, interventions: QuerySet, *, user) -> QuerySet:
        zero = Value(Decimal("0.00"), output_field=selectors.INTERVENTION_MONEY_FIELD)
        return self.with_theme(interventions).annotate(
            spuk_requested=Coalesce(selectors.intervention_spuk_sum("amount", user=user), zero),
            spuk_granted=Coalesce(selectors.intervention_spuk_sum("granted_amount", user=user), zero),
        )

    def filter_theme(self, interventions: QuerySet, theme: Theme) -> QuerySet:
        return interventions.filter(spuk_theme__theme=theme)

    def spuk_lines(self, *, intervention, user) -> list[dict]:
        return selectors.intervention_spuk_lines(intervention=intervention, user=user)

    def spuk_totals(self, *, interventions: QuerySet, user) -> dict:
        return selectors.intervention_spuk_totals(interventions=interventions, user=user)

    def spuk_sums(self, *, interventions: QuerySet, user) -> dict:
        return selectors.intervention_spuk_sums(interventions=interventions, user=user)
