"""Dependencies point one way: no lower app names a higher one, in code or in model relations.

Levels (docs/decisions/0008-kernel-layout.md): core 0; areas 1; accounts 2; monitoring and alliances 3
(they do not name each other); interventions 4; funding 5; reports 6; the project (nplv) may use all.
An app may name its own level only when it is itself. The one exception is the swappable user
(`settings.AUTH_USER_MODEL`), which core's transition log may point at, like Django's `LogEntry`.

Checked here: imports (`import x`, `from x import y`, relative imports stay inside the app), string model
references (`"funding.Theme"`, `apps.get_model("funding", ...)`, migration dependencies), every model
relation in the app registry (including simple-history's historical models and auto-created M2M
tables), `_meta.get_field(...).related_model` reach-arounds, and reverse relations of a higher app
(`application_lines__...`, `.application_lines`) used in a lower app.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
TOP = 100
LEVELS = {
    "core": 0,
    "areas": 1,
    "accounts": 2,
    "monitoring": 3,
    "alliances": 3,
    "interventions": 4,
    "funding": 5,
    "reports": 6,
    "nplv": TOP,
}
APPS = [name for name in LEVELS if (ROOT / name).is_dir()]
MODEL_LABEL = re.compile(r"^(?P<app>[a-z_]+)\.(?P<model>[A-Za-z_][A-Za-z0-9_]*)$")
QUERY_METHODS = {
    "filter",
    "exclude",
    "get",
    "values",
    "values_list",
    "select_related",
    "prefetch_related",
    "order_by",
    "annotate",
    "aggregate",
    "only",
    "defer",
    "get_or_create",
    "update_or_create",
    "distinct",
    "get_field",
}


def may_name(source: str, target: str) -> bool:
    """Whether code or models of app `source` may name app `target`."""
    if source == target or target not in LEVELS:
        return True
    return LEVELS[target] < LEVELS[source]


def python_files(app: str) -> list[Path]:
    return sorted(p for p in (ROOT / app).rglob("*.py") if "__pycache__" not in p.parts)


@cache
def parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def label(path: Path) -> str:
    return str(path.relative_to(ROOT))


def names_in_code(tree: ast.Module, name: str, *, migration: bool = False):
    """(app named, place) for every import and string model reference in one module."""
    for node in ast.walk(tree):
        place = f"{name}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], place
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0], place
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            match = MODEL_LABEL.match(node.value)
            if match and match["app"] in LEVELS and match["model"][0].isupper():
                yield match["app"], place
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get_model":
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield first.value.split(".")[0], place
        elif migration and isinstance(node, ast.Tuple) and len(node.elts) == 2:
            # migration dependencies and lazy references: ("funding", "0001_initial"), to="funding.theme"
            app, other = node.elts
            if (
                isinstance(app, ast.Constant)
                and isinstance(other, ast.Constant)
                and isinstance(other.value, str)
                and re.match(r"^\d{4}_", other.value)
            ):
                yield app.value, place
        if migration and isinstance(node, ast.keyword) and node.arg == "to" and isinstance(node.value, ast.Constant):
            yield str(node.value.value).split(".")[0], f"{name}:{node.value.lineno}"


def test_every_app_has_a_level():
    """A new app gets a level here (and in the decision record) before it is installed."""
    ours = {config.label for config in apps.get_app_configs() if Path(config.path).parent == ROOT}
    assert ours <= set(LEVELS), sorted(ours - set(LEVELS))


@pytest.mark.parametrize("app", APPS)
def test_imports_and_string_references_point_down(app):
    """No module of a lower app imports or names (as "app.Model") a higher app."""
    wrong = [
        f"{place} names {target}"
        for path in python_files(app)
        for target, place in names_in_code(parsed(path), label(path), migration=path.parent.name == "migrations")
        if not may_name(app, target)
    ]
    assert not wrong, "\n".join(wrong)


def model_relations():
    """(model label, field name, target label, allowed) for every forward relation of our models."""
    for model in apps.get_models(include_auto_created=True):
        source = model._meta.app_label
        if source not in LEVELS:
            continue
        for field in [*model._meta.fields, *model._meta.many_to_many]:
            if not field.is_relation or field.related_model is None:
                continue
            target = field.related_model._meta.app_label
            swappable_user = getattr(field, "swappable_setting", None) == "AUTH_USER_MODEL"
            yield (
                model._meta.label,
                field.name,
                field.related_model._meta.label,
                (may_name(source, target) or swappable_user),
            )


def test_model_relations_point_down():
    """Foreign keys, one-to-ones and many-to-manys (historical and through models too) point down."""
    relations = list(model_relations())
    assert any(label.split(".")[1].startswith("Historical") for label, *_ in relations)
    wrong = [f"{label}.{field} → {target}" for label, field, target, allowed in relations if not allowed]
    assert not wrong, "\n".join(wrong)


def test_only_the_user_is_swapped_in_from_above():
    """Core's link to the user goes through settings.AUTH_USER_MODEL, never a direct import."""
    core_user_links = [
        (label, field)
        for label, field, target, _allowed in model_relations()
        if label.startswith("core.") and target == settings.AUTH_USER_MODEL
    ]
    assert core_user_links, "core's transition log names the swappable user"


@pytest.mark.parametrize("app", APPS)
def test_no_meta_reach_arounds(app):
    """`Model._meta.get_field(name).related_model` is an import in disguise; read through a selector."""
    wrong = []
    for path in python_files(app):
        for node in ast.walk(parsed(path)):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in ("related_model", "remote_field")
                and isinstance(node.value, ast.Call)
                and isinstance(node.value.func, ast.Attribute)
                and node.value.func.attr == "get_field"
            ):
                wrong.append(f"{label(path)}:{node.lineno}")
    assert not wrong, "\n".join(wrong)


def reverse_names() -> dict[str, set[str]]:
    """Reverse query names and accessors that another app's relation adds to a model, with the apps
    whose relations add them."""
    names: dict[str, set[str]] = {}
    for model in apps.get_models():
        source = model._meta.app_label
        if source not in LEVELS:
            continue
        for field in [*model._meta.fields, *model._meta.many_to_many]:
            if not field.is_relation or field.related_model is None or field.remote_field.hidden:
                continue
            target = field.related_model._meta.app_label
            if target == source or target not in LEVELS:
                continue
            names.setdefault(field.related_query_name(), set()).add(source)
            names.setdefault(field.remote_field.get_accessor_name(), set()).add(source)
    return names


def reverse_uses(tree: ast.Module, name: str, names: dict[str, set[str]]):
    """(apps, place) for every lookup or attribute that follows a reverse relation another app adds."""

    def owner(text: str) -> set[str] | None:
        return names.get(text.lstrip("-").split("__")[0])

    for node in ast.walk(tree):
        place = f"{name}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in QUERY_METHODS:
            for keyword in node.keywords:
                if keyword.arg and (app := owner(keyword.arg)):
                    yield app, place
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and (app := owner(arg.value)):
                    yield app, place
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and "__" in node.value:
            if app := owner(node.value):
                yield app, place
        elif (
            isinstance(node, ast.Attribute)
            and (app := names.get(node.attr))
            # `self.interventions` on a form or view is its own attribute, not a relation.
            and not (isinstance(node.value, ast.Name) and node.value.id == "self")
        ):
            yield app, place


@pytest.mark.parametrize("app", APPS)
def test_no_reverse_relations_of_higher_apps(app):
    """A lower app does not query or follow a relation that a higher app adds (e.g. `application_lines__`)."""
    names = reverse_names()
    wrong = sorted(
        {
            f"{place} follows a relation of {', '.join(sorted(owners))}"
            for path in python_files(app)
            if path.parent.name != "migrations"
            for owners, place in reverse_uses(parsed(path), label(path), names)
            if not any(may_name(app, owner) for owner in owners)
        }
    )
    assert not wrong, "\n".join(wrong)


def test_the_checks_catch_what_they_look_for():
    """The scanners see an upward import, a string reference, a migration and a reverse lookup."""
    sample = ast.parse(
        "from funding.models import Theme\n"
        "theme = models.ForeignKey('funding.Theme', on_delete=models.PROTECT)\n"
        "qs.filter(application_lines__theme=1).values('application_lines__amount')\n"
        "line = intervention.application_lines.first()\n"
    )
    assert [place for _app, place in names_in_code(sample, "s")] == ["s:1", "s:2"]
    migration = ast.parse("dependencies = [('funding', '0001_initial')]\nx = F(to='funding.theme')\n")
    assert {app for app, _place in names_in_code(migration, "m", migration=True)} == {"funding"}
    uses = sorted(place for _app, place in reverse_uses(sample, "s", {"application_lines": {"funding"}}))
    assert uses == ["s:3", "s:3", "s:3", "s:4"]
    assert may_name("nplv", "funding") and may_name("funding", "core") and may_name("alliances", "alliances")
    assert not may_name("alliances", "monitoring") and not may_name("monitoring", "alliances")
    assert not may_name("core", "accounts") and not may_name("funding", "reports")
