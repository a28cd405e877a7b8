"""A store written through a copy, swapped in whole, so readers never wait on a load.

DuckDB locks a database file for as long as a writer holds it open, so a reader (``paypath
market stats`` in another process) would be refused for the whole of an ingest's load
transaction. :func:`store_copy` instead copies the store file into a private staging
folder (0700, beside the store, so the rename below stays on one file system), lets the
caller load into the copy, checkpoints it (no write-ahead log is left), and renames it
over the store with one atomic ``os.replace``. Until that rename, every reader sees the
last committed state; after it, the new one. A failure or interrupt before the rename
leaves the store as it was, and the folder is removed (or, after SIGKILL, by the next
writable :func:`~paypath.market.store.open_store`).

Writers take turns: ``.<store name>.lock`` (0600, beside the store) is held with
``flock`` from the copy to the rename, so two ingests cannot lose each other's rows, and
the store itself is held open read-only while it is copied, so no other writer can change
it mid-copy.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from paypath.errors import StoreError
from paypath.market.store import Store, open_store

__all__ = ["lock_path", "store_copy"]


def lock_path(target: Path) -> Path:
    """The lock file writers of ``target`` take turns on."""
    return target.with_name(f".{target.name}.lock")


@contextmanager
def _writer_lock(target: Path) -> Iterator[None]:
    fd = os.open(lock_path(target), os.O_CREAT | os.O_RDWR, 0o600)
    try:
        if sys.platform != "win32":  # Windows: no flock; DuckDB's own lock still guards
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)  # released when fd closes, even on SIGKILL
        yield
    finally:
        os.close(fd)


@contextmanager
def store_copy(target: Path, prefix: str) -> Iterator[Store]:
    """Open a copy of the store ``target`` for writing; on a clean exit, swap it in.

    ``prefix`` names the staging folder (the ingest's staging prefix and process id, so
    :func:`paypath.market.ingest.clean_stale_staging` knows whose it is). An exception
    inside the block leaves ``target`` untouched. The swap's outcome is always the one
    the caller sees: an interrupt that lands once the rename took effect is absorbed
    (the work is done), one before it propagates (nothing changed).
    """
    with _writer_lock(target):
        if _wal(target).exists():
            open_store(target, bulk=True).close()  # fold a left-over write-ahead log in
        folder = Path(tempfile.mkdtemp(prefix=prefix, dir=target.parent))  # 0700
        copy = folder / target.name
        staged: int | None = None  # the copy's inode, once it is ready to swap in
        try:
            with open_store(target, read_only=True):  # no writer can change it mid-copy
                shutil.copyfile(target, copy)
            copy.chmod(0o600)
            store = open_store(copy, bulk=True)
            try:
                yield store
                store.con.execute("CHECKPOINT")
            finally:
                store.close()
            for wal in (_wal(copy), _wal(target)):
                if wal.exists():  # replaying it over the swapped file would corrupt it
                    raise StoreError(f"{wal} is left over; the store was not changed")
            staged = copy.stat().st_ino
            os.replace(copy, target)
        except BaseException:
            if staged is None or _inode(target) != staged:
                shutil.rmtree(folder, ignore_errors=True)
                raise  # the rename did not happen: the store is as it was
        with contextlib.suppress(BaseException):  # the work is done, whatever lands now
            shutil.rmtree(folder, ignore_errors=True)


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _inode(path: Path) -> int | None:
    try:
        return path.stat().st_ino
    except OSError:
        return None
