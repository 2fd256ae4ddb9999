from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from newsline.locks import _is_snakemake_main, remove_stale_locks


def test_snakemake_main_processes_are_told_from_job_scripts() -> None:
    assert _is_snakemake_main(["/venv/bin/python3", "/venv/bin/snakemake", "--cores", "4"])
    assert _is_snakemake_main(["python", "-m", "snakemake", "--cores", "2"])
    assert _is_snakemake_main(["snakemake", "--cores", "2"])
    assert not _is_snakemake_main(["python", "/work/.snakemake/scripts/tmpab.shard_tables.py"])


def test_a_lock_nobody_holds_is_removed(tmp_path: Path) -> None:
    locks = tmp_path / ".snakemake" / "locks"
    locks.mkdir(parents=True)
    (locks / "0.input.lock").write_text("seeds/a.txt\n")
    assert remove_stale_locks(tmp_path) == [locks / "0.input.lock"]
    assert not list(locks.iterdir())


def test_a_lock_of_a_live_run_is_kept(tmp_path: Path) -> None:
    locks = tmp_path / ".snakemake" / "locks"
    locks.mkdir(parents=True)
    (locks / "0.output.lock").write_text("results/a.parquet\n")
    # A process that looks like a snakemake run in that folder.
    fake = tmp_path / "snakemake"
    fake.write_text("import time\ntime.sleep(30)\n")
    live = subprocess.Popen([sys.executable, str(fake), "--cores", "2"], cwd=tmp_path)
    try:
        # Until the new process has exec'd, /proc shows the test's own command line: on a busy
        # machine that takes a moment.
        cmdline = Path(f"/proc/{live.pid}/cmdline")
        deadline = time.monotonic() + 10
        while str(fake).encode() not in cmdline.read_bytes() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert remove_stale_locks(tmp_path) == []
        assert (locks / "0.output.lock").exists()
    finally:
        live.kill()
        live.wait()
