"""``python -m analysis``: see :mod:`analysis.app.cli`."""

import sys

from analysis.app.cli import main

sys.exit(main())
