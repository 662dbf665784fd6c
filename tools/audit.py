"""Audit the installed dependencies for known vulnerabilities; exit 1 if any is affected.

Two sources, both run by `make test`:
- pip-audit, against the Python Packaging Advisory Database through PyPI's service, when
  that service answers (an offline machine or a mirror without it answers for no package:
  this is said, and the audit goes on with the second source alone);
- tools/advisories.toml, advisories recorded in the repository, checked offline against
  every installed distribution.
Usage: python tools/audit.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

HERE = Path(__file__).resolve().parent


def installed() -> dict[str, Version]:
    versions = {}
    for distribution in metadata.distributions():
        name = distribution.metadata["Name"]
        if name:
            versions[canonicalize_name(name)] = Version(distribution.version)
    return versions


def offline(advisories_path: Path = HERE / "advisories.toml") -> list[str]:
    """Installed versions that a recorded advisory affects."""
    versions = installed()
    found = []
    for advisory in tomllib.loads(advisories_path.read_text())["advisory"]:
        name = canonicalize_name(advisory["package"])
        version = versions.get(name)
        if version is not None and version in SpecifierSet(advisory["affected"]):
            found.append(
                f"{name} {version}: {advisory['id']} ({advisory['summary']}); "
                f"affected {advisory['affected']}"
            )
    return found


def online() -> tuple[list[str], int, int]:
    """pip-audit's findings, and how many packages it could and could not audit."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pip_audit", "--format", "json", "--progress-spinner", "off",
             "--timeout", "20"],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        report = json.loads(done.stdout or "{}")
    except (subprocess.TimeoutExpired, json.JSONDecodeError, OSError):
        return [], 0, 0
    found, audited, skipped = [], 0, 0
    for dependency in report.get("dependencies", []):
        if dependency.get("skip_reason"):
            skipped += 1
            continue
        audited += 1
        for vulnerability in dependency.get("vulns", []):
            fixed = ", ".join(vulnerability.get("fix_versions", [])) or "no fix yet"
            found.append(
                f"{dependency['name']} {dependency['version']}: {vulnerability['id']} "
                f"(fixed in {fixed})"
            )
    return found, audited, skipped


def main() -> int:
    found, audited, skipped = online()
    if audited:
        print(f"pip-audit: {audited} packages audited against the advisory database")
    else:
        print(
            f"pip-audit: the vulnerability service answered for none of {skipped} packages "
            "(offline, or a mirror without it); checking tools/advisories.toml only"
        )
    found += offline()
    for line in found:
        print(f"VULNERABLE: {line}")
    print(f"dependency audit: {'FAILED' if found else 'no known vulnerability'}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
