"""The committed gold TSV files are exactly what their build scripts write.

Fails when a gold TSV is edited by hand without changing its build script, or a build script
is changed without regenerating its files (run `python tests/gold/build_X_gold.py`).
Each script runs once, in a subprocess started from a temporary folder, and writes into that
folder (its optional OUT_DIR argument), so the committed files are never touched.
"""

import subprocess
import sys
from pathlib import Path

import pytest

GOLD_DIR = Path(__file__).parent / "gold"
SCRIPTS = sorted(GOLD_DIR.glob("build_*_gold.py"))
SUFFIXES = (".quantities.tsv", ".nonquantities.tsv")


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, list[Path]]:
    """script name -> the files it writes into a fresh folder."""
    out = {}
    for script in SCRIPTS:
        folder = tmp_path_factory.mktemp(script.stem)
        subprocess.run([sys.executable, str(script), str(folder)], cwd=folder, check=True, capture_output=True, text=True, timeout=60)
        out[script.name] = sorted(folder.iterdir())
    return out


def test_there_are_build_scripts():
    assert len(SCRIPTS) >= 6, SCRIPTS


@pytest.mark.parametrize("script", [s.name for s in SCRIPTS])
def test_committed_gold_equals_script_output(script, written):
    names = [p.name for p in written[script]]
    assert len(names) == 2 and all(any(n.endswith(s) for n in names) for s in SUFFIXES), names
    for path in written[script]:
        committed = GOLD_DIR / path.name
        assert committed.is_file(), f"{path.name} is written by {script} but not committed"
        assert path.read_bytes() == committed.read_bytes(), (
            f"{committed.name} differs from what {script} writes: change the script, not the TSV, and rerun it"
        )


def test_every_gold_tsv_has_a_build_script(written):
    generated = {p.name for paths in written.values() for p in paths}
    committed = {p.name for p in GOLD_DIR.iterdir() if p.name.endswith(SUFFIXES)}
    assert committed == generated
