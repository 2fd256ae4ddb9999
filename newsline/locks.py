"""Stale Snakemake locks. A run killed with SIGKILL (or a power cut) leaves ``.snakemake/locks``
behind, and Snakemake then refuses every later run until someone types ``--unlock``. A lock is
stale when no Snakemake main process is alive in the same working directory; newsline removes
such locks while the DAG is built (in the main process only), so the next run just resumes.

Only processes on this machine are visible: do not share one working directory between
Snakemake runs started on different machines.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

LOCKS = Path(".snakemake") / "locks"


def _is_snakemake_main(argv: list[str]) -> bool:
    """``.../bin/snakemake ...`` or ``python -m snakemake ...``; not a job's script process."""
    head = argv[:3]
    return any(Path(arg).name == "snakemake" for arg in head[:2]) or head[1:3] == [
        "-m",
        "snakemake",
    ]


def _ancestors(pid: int) -> Iterator[int]:
    while pid > 1:
        yield pid
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return
        pid = int(stat.rsplit(")", 1)[1].split()[1])


def other_snakemake_running(workdir: Path) -> bool:
    """Whether a Snakemake main process other than this one (or its parents) works in
    ``workdir``. Where processes cannot be listed, assume one is, and keep the lock."""
    proc = Path("/proc")
    if not proc.is_dir():
        return True
    own = set(_ancestors(os.getpid()))
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) in own:
            continue
        try:
            argv = (entry / "cmdline").read_bytes().decode(errors="replace").split("\0")
            cwd = Path(os.readlink(entry / "cwd"))
        except OSError:
            continue
        if _is_snakemake_main(argv) and cwd == workdir:
            return True
    return False


def remove_stale_locks(workdir: Path) -> list[Path]:
    """Remove the locks of ``workdir`` when no other Snakemake runs there; the removed files."""
    locks = sorted((workdir / LOCKS).glob("*.lock"))
    if not locks or other_snakemake_running(workdir.resolve()):
        return []
    for lock in locks:
        lock.unlink(missing_ok=True)
    return locks
