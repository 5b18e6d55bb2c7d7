"""The extension point through which interventions reads what funding knows about an intervention.

Funding sits above interventions (docs/decisions/0008-kernel-layout.md): interventions never imports
funding and never names its models, fields or reverse relations. The SPUK theme of an intervention,
the SPUK money of the application lines that point at it and the theme choices are funding's data;
funding registers a `FundingProvider` in its `AppConfig.ready()` and the interventions pages,
filters, exports, API and services ask `funding_provider()`.

With nothing registered (`NoFunding`) interventions still works: no theme choices, no theme, and no
SPUK money (zero).

The annotations a provider adds to a queryset of interventions are part of the contract:
`theme_id` and `theme_name` (`with_theme`, `with_funding`), and `spuk_requested` and `spuk_granted`
(`with_funding`, summed in the database over the lines `user` may see, as a correlated subquery so
that a list costs the same number of queries whatever its length).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Protocol

from django.db.models import CharField, DecimalField, IntegerField, QuerySet, Value

MONEY_FIELD = DecimalField(max_digits=16, decimal_places=2)
NO_MONEY = Value(Decimal("0.00"), output_field=MONEY_FIELD)


class FundingProvider(Protocol):
    def theme_choices(self) -> QuerySet:
        """The themes an intervention may work under, newest scheme first."""

    def theme_label(self, theme) -> str:
        """How a theme reads in a choice list: its name and scheme."""

    def theme_of(self, intervention) -> Any | None:
        """The intervention's theme (one of `theme_choices()`), or None."""

    def set_theme(self, *, intervention, theme) -> None:
        """Link the intervention to `theme` (None removes the link). Called inside the service's transaction."""

    def with_theme(self, interventions: QuerySet) -> QuerySet:
        """Annotate `theme_id` and `theme_name`."""

    def with_funding(self, interventions: QuerySet, *, user) -> QuerySet:
        """Annotate `theme_id`, `theme_name`, `spuk_requested` and `spuk_granted` (for `user`)."""

    def filter_theme(self, interventions: QuerySet, theme) -> QuerySet:
        """The interventions that work under `theme`."""

    def spuk_lines(self, *, intervention, user) -> list[dict]:
        """The SPUK money per scheme and theme: dicts with `stream`, `theme`, `requested`, `granted`."""

    def spuk_totals(self, *, interventions: QuerySet, user) -> dict:
        """`requested` and `granted` over the lines (that `user` may see) of these interventions."""

    def spuk_sums(self, *, interventions: QuerySet, user) -> dict[int, tuple[Decimal, Decimal]]:
        """Per intervention id: (requested, granted) over the lines `user` may see, in one grouped query
        (for a whole list, e.g. an export); an intervention without lines is left out (zero)."""


class NoFunding:
    """What interventions knows of funding when no funding app is installed: nothing."""

    def theme_choices(self) -> QuerySet:
        from .models import Intervention

        return Intervention.objects.none()

    def theme_label(self, theme) -> str:
        return str(theme)

    def theme_of(self, intervention) -> None:
        return None

    def set_theme(self, *, intervention, theme) -> None:
        if theme is not None:
            raise ValueError("no funding provider is registered to store a theme")

    def with_theme(self, interventions: QuerySet) -> QuerySet:
        return interventions.annotate(
            theme_id=Value(None, output_field=IntegerField()), theme_name=Value(None, output_field=CharField())
        )

    def with_funding(self, interventions: QuerySet, *, user) -> QuerySet:
        return self.with_theme(interventions).annotate(spuk_requested=NO_MONEY, spuk_granted=NO_MONEY)

    def filter_theme(self, interventions: QuerySet, theme) -> QuerySet:
        return interventions.none()

    def spuk_lines(self, *, intervention, user) -> list[dict]:
        return []

    def spuk_totals(self, *, interventions: QuerySet, user) -> dict:
        return {"requested": Decimal("0.00"), "granted": Decimal("0.00")}

    def spuk_sums(self, *, interventions: QuerySet, user) -> dict:
        return {}


NO_FUNDING = NoFunding()
_provider: FundingProvider | None = None


def register_funding_provider(provider: FundingProvider | None) -> FundingProvider | None:
    """Register the funding provider (funding's `AppConfig.ready()`); returns the previous one, so that
    a test can put it back. `None` unregisters."""
    global _provider
    previous, _provider = _provider, provider
    return previous


def funding_provider() -> FundingProvider:
    return _provider or NO_FUNDING
