"""What the sections of the alliance's services share: the permission they check, its refusal, and
two small helpers (setting the changed fields, validating an upload).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from core.documents import validate_document

MANAGE_ALLIANCE = "alliances.manage_alliance"
NOT_YOUR_ALLIANCE = gettext_lazy("U mag de gegevens van deze alliantie niet wijzigen.")


def _assign(obj, changes: dict, *, allowed: tuple[str, ...]) -> None:
    """Set the changed fields on a locked object; a field outside `allowed` is a programming error."""
    for field, value in changes.items():
        if field not in allowed:
            raise ValueError(field)
        setattr(obj, field, value)


def _validate_upload(upload, *, field: str) -> None:
    try:
        validate_document(upload)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error
