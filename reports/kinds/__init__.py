"""The report kinds. Each module registers its kinds with `reports.registry.register` on import.

Add a module here to plug in a new kind (the SiSa export per municipality, for instance).
"""

from importlib import import_module

MODULES = [
    "reports.kinds.area",
    "reports.kinds.national",
    "reports.kinds.jobs",
    "reports.kinds.exports",
    "reports.kinds.sisa",
]


def load() -> None:
    for module in MODULES:
        import_module(module)
