"""Permissions of the monitor: everyone on staff reads it, the national team keeps it."""

from __future__ import annotations

from accounts.rules import is_national, is_staff_role, register_perms


def _register() -> None:
    from . import models as m

    for model in (m.Indicator, m.IndicatorValue):
        register_perms(model, view=is_staff_role, add=is_national, change=is_national)


_register()
