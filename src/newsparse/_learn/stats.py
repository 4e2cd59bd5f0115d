"""The one statistic the learner needs: how likely a count is by chance.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import math

__all__ = ["binomial_tail"]


def binomial_tail(successes: int, trials: int, chance: float) -> float:
    """The probability of at least *successes* in *trials* draws that each succeed with
    *chance*: how likely a count this high is when only chance is at work.

    >>> round(binomial_tail(3, 3, 1 / 3), 4)
    0.037
    """
    if successes <= 0:
        return 1.0
    if successes > trials or chance <= 0.0:
        return 0.0
    if chance >= 1.0:
        return 1.0
    log_p, log_q = math.log(chance), math.log1p(-chance)
    log_n = math.lgamma(trials + 1)
    return min(
        1.0,
        sum(
            math.exp(
                log_n
                - math.lgamma(k + 1)
                - math.lgamma(trials - k + 1)
                + k * log_p
                + (trials - k) * log_q
            )
            for k in range(successes, trials + 1)
        ),
    )
