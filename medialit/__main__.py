"""Run the command line: ``python -m medialit``."""

import sys

from medialit.cli import main

sys.exit(main())
