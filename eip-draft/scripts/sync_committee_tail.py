#!/usr/bin/env python3
"""Probability per sync committee period that an adversary holds a 2/3 supermajority of the 512
seats (at least 342), for seat layouts of the EDVT sync committee (rationale.md, "Sync committee
seats"). Exact: a dynamic programme over the accepted draws of get_next_sync_committee_indices.

Model: every validator has the same effective balance per member slot (the acceptance test then
only sees the per-draw weights). A fraction `g` of the stake is in groups of `n` members; the
adversary holds a fraction `a` of the stake, all of it in such groups when a <= g (its worst case:
all its seats correlated). Per accepted draw the candidate is adversarial or honest, a group or a
plain validator, with probabilities proportional to the stake times the layout's acceptance weight.

Layouts:
  blocks: a group is accepted with 1/n of a plain validator's weight and fills n seats (the layout
          before the soundness revision);
  single: every validator (group or not) is accepted with its full balance weight and fills one
          seat, held by one member (the revised layout): seats are independent, Binomial(512, a).

Usage: sync_committee_tail.py  (prints the table quoted in rationale.md)
"""

SEATS = 512
SUPERMAJORITY = (2 * SEATS + 2) // 3  # 342: at least two thirds of the bits


def tail_blocks(a, g, n):
    """P(adversary seats >= 342) with the blocks layout."""
    adv_group = min(a, g) / n
    adv_plain = a - min(a, g)
    honest_group = (g - min(a, g)) / n
    honest_plain = 1 - g - adv_plain
    z = adv_group + adv_plain + honest_group + honest_plain
    steps = [(adv_group / z, n, True), (adv_plain / z, 1, True), (honest_group / z, n, False), (honest_plain / z, 1, False)]
    steps = [s for s in steps if s[0] > 0]

    # dist[adv] = probability of the current number of adversarial seats, over draws; iterate by filled seats
    # (every draw adds at least one seat, so process states in order of seats filled)
    from collections import defaultdict
    states = defaultdict(float)  # (filled, adv) -> probability of passing through that state
    states[(0, 0)] = 1.0
    tail = 0.0
    for filled in range(SEATS):
        row = [(adv, pr) for (f, adv), pr in list(states.items()) if f == filled]
        for adv, pr in row:
            del states[(filled, adv)]
            for prob, size, adversarial in steps:
                take = min(size, SEATS - filled)
                key = (filled + take, adv + (take if adversarial else 0))
                if key[0] >= SEATS:
                    if key[1] >= SUPERMAJORITY:
                        tail += pr * prob
                else:
                    states[key] += pr * prob
    return tail


def tail_single(a):
    """P(Binomial(512, a) >= 342): independent seats."""
    from math import comb
    return sum(comb(SEATS, k) * a**k * (1 - a) ** (SEATS - k) for k in range(SUPERMAJORITY, SEATS + 1))


if __name__ == "__main__":
    print("P(adversary holds >= 342 of 512 seats) per period; adversary stake all in n-member groups")
    print("| adversary stake a | groups' share g | n = 1 | n = 4 | n = 7 | n = 16 | one seat per draw |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for a in (0.2, 0.25, 0.3, 1 / 3):
        for g in sorted({a, 0.5, 1.0}):
            if g < a:
                continue
            row = [f"{tail_blocks(a, g, n):.1e}" for n in (1, 4, 7, 16)]
            print(f"| {a:.3g} | {g:.3g} | " + " | ".join(row) + f" | {tail_single(a):.1e} |")
