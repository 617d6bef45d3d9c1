"""`python -m linkcheck …`: the same program as the `linkcheck` console script."""
import sys

from linkcheck.cli import main

sys.exit(main())
