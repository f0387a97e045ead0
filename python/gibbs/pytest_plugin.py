"""The gibbs pytest plugin: an ``oracle`` fixture.

Installed with the package it is loaded by pytest automatically (entry point ``pytest11``);
from a build directory, load it with ``-p gibbs.pytest_plugin``.

    def test_my_kl(oracle):
        oracle.assert_ulp_close(my_kl(p, q), "kl", p, q)      # max_ulps: ini gibbs_max_ulps
        assert oracle.kl(p, p).value == 0

ini option ``gibbs_max_ulps`` (default 1): the tolerance of ``oracle.assert_ulp_close``.
"""
import pytest


def pytest_addoption(parser):
    parser.addini("gibbs_max_ulps", "default max_ulps of the oracle fixture's assert_ulp_close",
                  default="1")


@pytest.fixture
def oracle(request):
    """The gibbs oracle: ``oracle.kl(p, q)``, ``oracle.assert_ulp_close(actual, "kl", p, q)``."""
    from gibbs.testing import Oracle
    return Oracle(max_ulps=int(request.config.getini("gibbs_max_ulps")))
