"""Two files per warehouse, so that analysts never block a run: the pipeline
writes a working database beside the warehouse, and at the end of a run
publishes it as the warehouse file analysts open, by copying it to a
temporary name and renaming that over the warehouse in one step.

An analyst's open connection keeps reading the file it opened (on POSIX a
rename leaves an open file as it was, and its DuckDB lock goes with it), so
neither blocks the other; reconnecting shows the new data. A process killed
while publishing leaves the old warehouse or the new one, never a mix: the
rename is atomic, and a leftover temporary file is removed next time."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from pipelines import faults
from pipelines.store.database import connect, is_remote

WORK_SUFFIX = ".work"  # communique.duckdb -> communique.duckdb.work
PUBLISHING_SUFFIX = ".publishing"
COPY_CHUNK = 8 * 1024 * 1024


def working_path(warehouse: str | Path) -> str | Path:
    """The database the pipeline writes. A MotherDuck database has no
    second file: readers there never block a writer."""
    if is_remote(warehouse):
        return str(warehouse)
    return Path(f"{warehouse}{WORK_SUFFIX}")


def ensure_working(warehouse: str | Path) -> None:
    """Start the working database from the published warehouse when there is
    none (a warehouse from before this layout, or a working file deleted by
    hand): whatever the analysts' file holds is never lost."""
    if is_remote(warehouse):
        return
    work, published = Path(working_path(warehouse)), Path(warehouse)
    if work.exists() or not published.exists():
        return
    atomic_copy(published, work)


def publish(warehouse: str | Path, wait_seconds: float = 30.0, memory_limit: str = "") -> bool:
    """Make the warehouse file equal the working database; False when there
    is nothing to publish (MotherDuck, or no working database yet). The
    working database is held open (so no other writer can change it) and
    checkpointed (so the file alone holds every commit) while it is copied."""
    if is_remote(warehouse):
        return False
    work, published = Path(working_path(warehouse)), Path(warehouse)
    if not work.exists():
        return False
    with connect(work, wait_seconds=wait_seconds, memory_limit=memory_limit) as con:
        con.execute("CHECKPOINT")
        atomic_copy(work, published)
    return True


def atomic_copy(source: Path, target: Path) -> None:
    """Copy source to target such that target is always either its old self or
    a complete copy: write a temporary file beside it, flush it to disk, rename."""
    temp = target.with_name(target.name + PUBLISHING_SUFFIX)
    temp.unlink(missing_ok=True)  # left by a publish that was killed
    try:
        with open(source, "rb") as src, open(temp, "wb") as dst:
            dst.write(src.read(COPY_CHUNK))
            faults.checkpoint("publish:copying")  # the reliability tests kill the process here, half-way
            shutil.copyfileobj(src, dst, length=COPY_CHUNK)
            dst.flush()
            os.fsync(dst.fileno())
        faults.checkpoint("publish:before_rename")
        # A log DuckDB left beside the old file (someone wrote to it) must not be replayed onto the new one.
        Path(f"{target}.wal").unlink(missing_ok=True)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)
    faults.checkpoint("publish:after_rename")


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (a power cut keeps one of the two files)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
