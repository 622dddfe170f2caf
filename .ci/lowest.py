"""Print a pip constraints file that pins every dependency pyproject.toml declares (the runtime
ones and those of every extra) at its declared lower bound: `>=X` and `==X.*` become `==X`.

.ci/run installs the package under these constraints and runs the tests once more, so the lower
bounds in pyproject.toml are ones the tests have passed at, not guesses. Needs Python 3.11 (tomllib),
as CI has.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import tomllib

# a requirement: name, optional [extras], then its version clauses
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*)$")


def lower_bound(spec: str) -> str | None:
    """The lowest version a specifier admits (`>=1.5,<3` → 1.5; `==0.42.*` → 0.42), None if open."""
    for clause in spec.split(","):
        clause = clause.strip()
        if clause.startswith(">="):
            return clause[2:].strip()
        if clause.startswith("==") or clause.startswith("~="):
            return clause[2:].strip().removesuffix(".*")
    return None


def constraints(pyproject: Path) -> list[str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    declared = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        declared.extend(extra)
    pins: dict[str, str] = {}
    for requirement in declared:
        match = REQUIREMENT.match(requirement.split(";")[0])
        if match is None or match.group(1).lower() == project["name"]:
            continue  # gzbg[parquet,…]: the extras themselves are listed
        bound = lower_bound(match.group(2))
        if bound is None:
            raise SystemExit(f"{pyproject}: {requirement!r} declares no lower bound")
        pins[match.group(1).lower()] = bound
    return [f"{name}=={version}" for name, version in sorted(pins.items())]


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "pyproject.toml")
    print("\n".join(constraints(path)))
