"""Nothing a report, a disk, a cache or a caller does can break a run, lose data or run away:
the matrix of ``reliability_cases``, one test per case, and the zip bomb measured."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from reliability_cases import CASES, GIB, Case, gib_bomb
from typer.testing import CliRunner

from gzbg.cli import app

ROOT = Path(__file__).parent.parent.parent


def _run_cli(case: Case, folder: Path, env: dict, monkeypatch) -> tuple[int, str, str]:
    if case.patch is not None:
        case.patch(monkeypatch)
    monkeypatch.chdir(folder)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = CliRunner().invoke(app, list(case.command))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        return 99, result.stdout, "".join(traceback.format_exception(result.exception))
    return result.exit_code, result.stdout, result.stderr


def _process_env(env: dict) -> dict:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), **env}


def _run_process(case: Case, folder: Path, env: dict) -> tuple[int, str, str]:
    command = [sys.executable, "-m", "gzbg", *case.command]
    if case.stdout_to:
        with open(case.stdout_to, "wb") as device:
            proc = subprocess.run(command, cwd=folder, env=_process_env(env), stdout=device, stderr=subprocess.PIPE, timeout=300)
    else:
        proc = subprocess.run(command, cwd=folder, env=_process_env(env), capture_output=True, timeout=300)
    out = proc.stdout.decode("utf-8", "backslashreplace") if proc.stdout else ""
    return proc.returncode, out, proc.stderr.decode("utf-8", "backslashreplace")


def _run_sigterm(case: Case, folder: Path, env: dict) -> tuple[int, str, str]:
    """Start the run, wait for its temporary output to appear, then send SIGTERM. The run is the
    leader of its own process group, so that workers it leaves behind are ended by the test."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "gzbg", *case.command],
        cwd=folder,
        env=_process_env(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not list(folder.glob(".*.part*")) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, "the run ended before it could be interrupted"
        time.sleep(0.5)  # well into the work
        proc.send_signal(signal.SIGTERM)
        signalled = time.monotonic()
        out, err = proc.communicate(timeout=60)  # workers left running would hold the pipes open
        if case.stops_within is not None:
            assert time.monotonic() - signalled < case.stops_within, "the run waited for its workers"
        try:  # nothing of the run's process group is left behind
            os.killpg(proc.pid, 0)
            raise AssertionError("a worker outlived the run")
        except ProcessLookupError:
            pass
        return proc.returncode, out.decode(), err.decode()
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _written_output(folder: Path, untouched: dict) -> str:
    """The text of an output file the case wrote (out.*), for its ``stdout`` pattern."""
    for path in folder.glob("out.*"):
        if path.is_file() and not path.is_symlink() and path.name not in untouched:
            if path.suffix == ".parquet":
                import pandas as pd

                return pd.read_parquet(path).to_csv(index=False)
            return path.read_text(encoding="utf-8")
    return ""


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Case, tmp_path, monkeypatch):
    folder = tmp_path / "case"
    folder.mkdir()
    case.build(folder)
    before = {name: (folder / name).read_bytes() for name in case.untouched}
    env = {key: value.format(folder=folder) for key, value in case.env.items()}
    if case.run == "cli":
        status, out, err = _run_cli(case, folder, env, monkeypatch)
    elif case.run == "process":
        status, out, err = _run_process(case, folder, env)
    else:
        status, out, err = _run_sigterm(case, folder, env)

    assert "Traceback" not in err, err
    assert status == case.exit, err
    assert re.search(case.stderr, err, re.M), err
    assert all(line.startswith("gzbg: ") for line in err.splitlines()), err  # one clear line each
    if case.stdout:
        assert re.search(case.stdout, out + _written_output(folder, before)), out
    for name, data in before.items():
        assert (folder / name).read_bytes() == data, f"{name} changed"
    assert not [p.name for p in folder.rglob("*.part*")], "a temporary file was left behind"


def test_a_gib_zip_bomb_is_refused_in_under_a_second_and_200_mb():
    """Time in process (the check itself); memory as the whole command's peak resident size."""
    from gzbg.read.decode import ReadError
    from gzbg.read.formats import read_document

    bomb = gib_bomb()
    assert bomb.stat().st_size < GIB / 100
    started = time.perf_counter()
    with pytest.raises(ReadError, match="expands to 1 GiB"):
        read_document(bomb)
    assert time.perf_counter() - started < 1.0
    # VmHWM, the peak resident size of this process image: ru_maxrss would carry pytest's own
    # peak across fork and exec.
    script = (
        "import re, sys\nfrom gzbg.cli import main\n"
        f"sys.argv = ['gzbg', 'extract', {str(bomb)!r}, '-f', 'csv']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], env=_process_env({}), capture_output=True, timeout=120)
    *lines, peak_kib = proc.stderr.decode().splitlines()
    assert lines == [f"gzbg: {bomb}: expands to 1 GiB, over the limit of 256 MiB (--max-size)"]
    assert int(peak_kib) < 200 * 1024


def test_a_symlink_output_with_force_replaces_its_target_and_keeps_the_link(tmp_path, monkeypatch):
    (tmp_path / "good.txt").write_text("今年新增就业1万人。\n", encoding="utf-8")
    (tmp_path / "kept.csv").write_text("old\n", encoding="utf-8")
    (tmp_path / "out.csv").symlink_to("kept.csv")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["extract", "good.txt", "-o", "out.csv", "--force"])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out.csv").is_symlink()
    assert "1万人" in (tmp_path / "kept.csv").read_text(encoding="utf-8")


def test_the_readme_lists_every_case():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Bad input, and nothing lost", 1)[1].split("\n### ", 1)[0]
    missing = [c.name for c in CASES if c.name not in section]
    assert not missing, missing
