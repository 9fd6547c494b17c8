"""``python -m unzh``: the command line."""
import sys

from unzh.cli import main

sys.exit(main())
