""".ci/lowest.py: the constraints that pin every declared dependency at its lower bound."""

import importlib.util
from pathlib import Path

import pytest

pytest.importorskip("tomllib")  # the script reads pyproject.toml with Python 3.11's tomllib, as CI runs it
ROOT = Path(__file__).parent.parent
spec = importlib.util.spec_from_file_location("lowest", ROOT / ".ci" / "lowest.py")
lowest = importlib.util.module_from_spec(spec)
spec.loader.exec_module(lowest)


@pytest.mark.parametrize(
    "spec, bound",
    [
        (">=1.5,<4", "1.5"),
        ("<3,>=1.23.2", "1.23.2"),
        ("==0.42.*", "0.42"),
        ("~=2.1", "2.1"),
        ("<2", None),
        ("", None),
    ],
)
def test_lower_bound(spec, bound):
    assert lowest.lower_bound(spec) == bound


def test_every_dependency_and_extra_is_pinned_once():
    pins = lowest.constraints(ROOT / "pyproject.toml")
    names = [p.split("==")[0] for p in pins]
    assert len(names) == len(set(names))
    assert {"jieba==0.42", "typer==0.16", "numpy==1.23.2", "pyarrow==14", "pytest==7"} <= set(pins)
    assert not any(name == "gzbg" for name in names)


def test_a_dependency_without_a_lower_bound_is_an_error(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = ["rich<16"]\n', encoding="utf-8")
    with pytest.raises(SystemExit, match="'rich<16' declares no lower bound"):
        lowest.constraints(tmp_path / "pyproject.toml")
