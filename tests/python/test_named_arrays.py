"""The measures that take named arrays (binary cross-entropies, Gaussians, bits per dimension)
through the Python package, against mpmath at 60 digits (rounded once to binary64 by float(),
which rounds to nearest): the package's value must equal that rounding exactly.
"""
import mpmath
import numpy as np
import pytest

import gibbs

mpmath.mp.dps = 60
M = mpmath.mpf


def softplus(z):
    return mpmath.log1p(mpmath.exp(z)) if z < 0 else z + mpmath.log1p(mpmath.exp(-z))


def test_binary_cross_entropy_mean_and_sum():
    x, y = [0.75, 0.5, 0.125], [0.25, 0.5, 0.875]
    terms = [-(M(b) * mpmath.log(M(a)) + (1 - M(b)) * mpmath.log(1 - M(a))) for a, b in zip(x, y)]
    # PyTorch's argument order: F.binary_cross_entropy(input, target)
    assert gibbs.binary_cross_entropy(x, y).value == float(sum(terms) / 3)  # mean: default
    assert gibbs.binary_cross_entropy(x, y, reduction="sum").value == float(sum(terms))
    assert gibbs.binary_cross_entropy(target=y, input=x).value == float(sum(terms) / 3)
    # no clamp of log at -100: torch's F.binary_cross_entropy answers 100 here
    assert gibbs.binary_cross_entropy([1e-50], [1.0]).value == float(-mpmath.log(M(1e-50)))
    with pytest.raises(TypeError):
        gibbs.binary_cross_entropy(x, y, input=x)  # input given twice


def test_binary_cross_entropy_with_logits():
    z, y = [-3.0, 0.5, 20.0, 40.0], [1.0, 0.25, 0.0, 1.0]
    terms = [M(b) * softplus(-M(a)) + (1 - M(b)) * softplus(M(a)) for a, b in zip(z, y)]
    r = gibbs.binary_cross_entropy_with_logits(z, y, reduction="sum")
    assert r.value == float(sum(terms))
    # torch's binary_cross_entropy_with_logits(40, 1) answers 0
    assert gibbs.binary_cross_entropy_with_logits([40.0], [1.0]).value == float(softplus(M(-40)))


def test_gaussian_kl_and_vae_kl():
    mp_, sp, mq, sq = [0.0, 1.0], [1.0, 0.5], [0.5, 1.0], [1.0, 0.75]
    ref = sum(mpmath.log(M(c) / M(b)) + (M(b) ** 2 + (M(a) - M(d)) ** 2) / (2 * M(c) ** 2) - M(1) / 2
              for a, b, d, c in zip(mp_, sp, mq, sq))
    assert gibbs.gaussian_kl(mu_p=mp_, sigma_p=sp, mu_q=mq, sigma_q=sq).value == float(ref)
    assert gibbs.gaussian_kl(mp_, sp, mq, sq).value == float(ref)  # the declared order
    mu, lv = [0.5, -1.0, 0.0], [0.25, -2.0, 1e-17]
    ref = sum(M(m) ** 2 + mpmath.exp(M(v)) - 1 - M(v) for m, v in zip(mu, lv)) / 2
    assert gibbs.vae_kl(mu=mu, logvar=lv).value == float(ref)


def test_bits_per_dim():
    ll = [-1000.0, -2000.0, -1500.5]
    ref = -sum(M(v) for v in ll) / 3 / (784 * mpmath.log(2))
    assert gibbs.bits_per_dim(log_likelihood=ll, dims=784).value == float(ref)


def test_a_negative_sigma_is_named():
    with pytest.raises(gibbs.InvalidInput, match=r"sigma_p\[1\] = -0.5"):
        gibbs.gaussian_kl(mu_p=[0.0, 0.0], sigma_p=[1.0, -0.5], mu_q=[0.0, 0.0],
                          sigma_q=[1.0, 1.0])


def test_an_input_outside_the_unit_interval_is_named():
    with pytest.raises(gibbs.InvalidInput, match=r"input\[1\] = 1.5"):
        gibbs.binary_cross_entropy(np.array([0.25, 1.5]), np.array([0.5, 0.5]))


def test_parameters_are_numbers_taken_exactly():
    with pytest.raises(gibbs.InvalidInput, match=r"alpha = '2' is not a number"):
        gibbs.renyi([0.5, 0.5], [0.25, 0.75], alpha="2")
    with pytest.raises(gibbs.InvalidInput, match=r"dims = 9007199254740993 is not a binary64"):
        gibbs.bits_per_dim([-1.0], dims=2**53 + 1)
    assert gibbs.bits_per_dim([-1.0], dims=2**53).value > 0
