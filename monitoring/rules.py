"""Permissions of the monitor: everyone signed in reads it; the national team keeps it.

Figures are written only by the importer: the national team loads any file, a programme bureau only
its own area's figures. Nobody edits a figure by hand, in the admin or the API.
"""

from __future__ import annotations

import rules

from accounts.rules import belongs_to_area, is_admin, is_national, is_programme_bureau, is_staff_role, register_perms

can_import_indicators = is_national | is_programme_bureau


@rules.predicate
def is_national_run(user, run) -> bool:
    return run is not None and run.area_id is None


# A bureau finishes (loads or discards) only its own area's runs; the national team every run.
can_finish_import = is_national | (is_programme_bureau & belongs_to_area & ~is_national_run)
can_view_import = is_national | (is_programme_bureau & belongs_to_area)

rules.set_perm("monitoring.import_indicators", can_import_indicators)
rules.set_perm("monitoring.finish_import", can_finish_import)


def _register() -> None:
    from . import models as m

    register_perms(m.IndicatorPartition, view=is_staff_role, add=is_national, change=is_national)
    register_perms(m.Indicator, view=is_staff_role, add=is_national, change=is_national)
    # Values and runs come from the importer only: read-only in the admin, even for the national team.
    register_perms(m.IndicatorValue, view=is_staff_role, add=rules.always_deny, change=rules.always_deny)
    register_perms(m.ImportRun, view=is_national, add=rules.always_deny, change=rules.always_deny)
    register_perms(m.ImportProblem, view=is_national, add=rules.always_deny, change=rules.always_deny, delete=is_admin)


_register()
