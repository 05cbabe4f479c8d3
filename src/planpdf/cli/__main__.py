"""``python -m planpdf.cli``: the same as the ``planpdf`` command."""

import sys

from . import main

sys.exit(main())
