"""``python -m planpdf.cli``: the same as the ``planpdf`` command."""

from . import run

run()
