"""pytest configuration of the Python suite: the references module sits next to the tests, and
Hypothesis keeps no example database (runs are reproducible from the test code alone)."""
import os
import sys

from hypothesis import settings

sys.path.insert(0, os.path.dirname(__file__))
settings.register_profile("gibbs", database=None)
settings.load_profile("gibbs")
