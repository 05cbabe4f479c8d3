"""Test only: a process that kills itself (SIGKILL) at its K-th file operation inside a folder.

The kill tests (``tests/test_kill9.py``) put this folder on the PYTHONPATH of the planpdf
processes they start, so Python loads it at start-up; planpdf knows nothing of it. With
``PLANPDF_KILL_UNDER=FOLDER`` it watches Python's audit events for file operations there (open,
mkdir, listing, chmod, rename, remove, flock) and

- with ``PLANPDF_KILL_AT=K`` sends itself SIGKILL just before the K-th one runs: the same as a
  ``kill -9`` from outside at that moment (no ``finally``, no ``atexit``, no flush);
- with ``PLANPDF_KILL_COUNT=FILE`` writes how many there were to FILE when it exits normally.
"""

from __future__ import annotations

import os
import signal
import sys

_EVENTS = {"open", "os.mkdir", "os.scandir", "os.listdir", "os.chmod", "os.rename", "os.remove",
           "os.rmdir", "os.truncate", "os.link", "os.symlink", "fcntl.flock", "tempfile.mkstemp"}


def _install(under: str, kill_at: int, count_file: str | None) -> None:
    # os.path, not pathlib, here and in the hook: plain string work that touches no file and
    # raises no audit event of its own, on every file Python opens
    prefix = os.path.abspath(under) + os.sep  # noqa: PTH100  (see above)
    seen = 0
    busy = False

    def where(value: object) -> str:
        if isinstance(value, int):  # a file descriptor (flock, fchmod)
            try:
                return os.readlink(f"/proc/self/fd/{value}")  # noqa: PTH115  (see above)
            except OSError:
                return prefix
        if isinstance(value, bytes):
            value = os.fsdecode(value)
        if not isinstance(value, (str, os.PathLike)):
            return ""
        return os.path.abspath(os.fspath(value))  # noqa: PTH100  (see above)

    def hook(event: str, args: tuple[object, ...]) -> None:
        nonlocal seen, busy
        if busy or event not in _EVENTS or not args:
            return
        busy = True
        try:
            path = where(args[0])
            if not (path + os.sep).startswith(prefix):
                return
            seen += 1
            if seen == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
        finally:
            busy = False

    sys.addaudithook(hook)
    if count_file:
        import atexit
        from pathlib import Path

        def report() -> None:
            Path(count_file).write_text(str(seen), encoding="utf-8")

        atexit.register(report)
        # the planpdf command ends with os._exit (no interpreter teardown, so no atexit):
        # report there as well
        real_exit = os._exit

        def exit_reporting(code: int) -> None:
            report()
            real_exit(code)

        os._exit = exit_reporting


if os.environ.get("PLANPDF_KILL_UNDER"):
    _install(os.environ["PLANPDF_KILL_UNDER"], int(os.environ.get("PLANPDF_KILL_AT") or 0),
             os.environ.get("PLANPDF_KILL_COUNT"))
