"""The dependency audit refuses an environment that holds a known-vulnerable version."""

import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from tools import audit


def test_the_installed_dependencies_have_no_recorded_advisory():
    assert audit.offline() == []


def test_an_advisory_affecting_the_installed_django_is_refused(tmp_path):
    version = metadata.version("django")
    advisories = tmp_path / "advisories.toml"
    advisories.write_text(
        '[[advisory]]\npackage = "Django"\nid = "TEST-1"\nsummary = "a test advisory"\n'
        f'affected = "<={version}"\n'
        '[[advisory]]\npackage = "django"\nid = "TEST-2"\nsummary = "fixed long ago"\n'
        'affected = "<1.0"\n'
    )
    found = audit.offline(advisories)
    assert len(found) == 1 and f"django {version}: TEST-1" in found[0]


def test_the_project_floors_exclude_the_recorded_advisories():
    """pyproject.toml's lower bounds are past every recorded advisory of a direct
    dependency, so a fresh install can never pick an affected version."""
    root = Path(audit.__file__).resolve().parent.parent
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    floors = {}
    for line in project["dependencies"]:
        requirement = Requirement(line)
        for spec in requirement.specifier:
            if spec.operator == ">=":
                floors[canonicalize_name(requirement.name)] = spec.version
    advisories = tomllib.loads((root / "tools/advisories.toml").read_text())["advisory"]
    for advisory in advisories:
        name = canonicalize_name(advisory["package"])
        if name in floors:
            assert floors[name] not in SpecifierSet(advisory["affected"]), advisory["id"]
