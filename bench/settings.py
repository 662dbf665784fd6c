"""The site's settings, plus the answer floor of bench/floor.py: for the benchmark's server only."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.floor"
