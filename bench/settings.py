"""The portal's settings with the bench URLconf, for the load-test server only.

The bench's bare view lives in `bench.urls`, so production code never
carries it.
"""

from kyosai_portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
