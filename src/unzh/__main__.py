"""``python -m unzh``: the command line."""
import sys

from unzh.cli.main import main

sys.exit(main())
