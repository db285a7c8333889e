#!/usr/bin/env python3
"""Numbers quoted in rationale.md, section "Objections from the discussion", and in the EIP.

Every number is computed from protocol constants or from a stated assumption; nothing is
measured. Run: python3 eip-draft/scripts/objections.py  (Python 3.8+, no dependencies).
"""
from fractions import Fraction
from itertools import combinations
from math import ceil, comb

MIN_ACTIVATION_BALANCE = 32  # ETH
MAX_EFFECTIVE_BALANCE = 2048  # ETH (EIP-7251)
SHAPES = [(2, 3), (3, 4), (5, 7), (7, 10), (11, 16)]  # (m, n), all with 2m > n


def shape(m, n):
    return f"({m}, {n})".ljust(8)


def section(title):
    print()
    print("## " + title)


def small_stakers():
    section("A. Minimum stake of a group and signing load per ETH")
    print("n  | minimum balance | member messages per epoch per 32 ETH at the minimum")
    for n in (1, 2, 3, 4, 7, 10, 16):
        print(f"{n:<2} | {n * MIN_ACTIVATION_BALANCE:>5} ETH       | {Fraction(n * 32, n * MIN_ACTIVATION_BALANCE)}")
    print("without the n x 32 ETH rule, a 32 ETH validator with 16 members: 16 messages per 32 ETH")
    print(f"consolidated {MAX_EFFECTIVE_BALANCE} ETH validator: {Fraction(32, MAX_EFFECTIVE_BALANCE)} per 32 ETH")


def client_diversity():
    section("B. Client diversity inside a group (2m > n)")
    print("A bug in one client stops or misleads the members running it. The group stays live")
    print("if the others still reach m (k <= n - m) and the buggy members cannot reach m alone")
    print("(k < m); with 2m > n both hold iff k <= n - m. Fewest clients: ceil(n / (n - m)).")
    print("(m, n)   | members per client at most | fewest distinct clients")
    for m, n in SHAPES + [(4, 4)]:
        if n == m:
            print(f"{shape(m, n)} | 0 (one client's bug halts the group) | none suffices")
        else:
            print(f"{shape(m, n)} | {n - m:<26} | {ceil(n / (n - m))}")


def bft_comparison():
    section("C. Faults tolerated: leader promotion with 2m > n against a two-step BFT (n >= 5f + 1)")
    print("EDVT: f members may be silent (n - m >= f) and f colluders can neither sign alone")
    print("(m > f) nor get the honest rest slashed (2m - n > f); best m gives f = floor((n - 1) / 3).")
    print("n  | EDVT f (m)   | two-step BFT f")
    for n in range(4, 17):
        f_best = max(min(n - m, 2 * m - n - 1, m - 1) for m in range(n // 2 + 1, n + 1))
        m_best = min(m for m in range(n // 2 + 1, n + 1) if min(n - m, 2 * m - n - 1, m - 1) == f_best)
        best = (f_best, m_best)
        print(f"{n:<2} | {best[0]} (m = {best[1]:<2})  | {(n - 1) // 5}")
    for f in (1, 2, 3):
        print(f"f = {f}: EDVT needs n >= {3 * f + 1}, two-step BFT needs n >= {5 * f + 1}")


def p_at_least(k, n, q):
    return sum(comb(n, j) * q**j * (1 - q) ** (n - j) for j in range(k, n + 1))


def proposal_liveness():
    section("D. Probability that a group's slot gets a block, members offline independently with probability p")
    print("ranks tried = how many ranks can still lead in time (set by the validator guide's timeout).")
    print("Promotion with r ranks: the first online member is among ranks 0..r-1 and at least m")
    print("members are online. Individual proposals: the first online member is among ranks 0..r-1.")
    for p in (0.01, 0.05):
        q = 1 - p
        print(f"p = {p}: plain validator {q:.4f}")
        for m, n in ((3, 4), (5, 7), (11, 16)):
            r_max = min(3, n - m + 1)
            cells = []
            for r in range(1, r_max + 1):
                # first online member has rank i < r and at least m - 1 of the n - 1 - i after it are online
                promo = sum(p**i * q * p_at_least(m - 1, n - 1 - i, q) for i in range(r))
                indiv = 1 - p**r
                cells.append(f"{r} rank{'s' if r > 1 else ''}: promotion {promo:.6f}, individual {indiv:.6f}")
            print(f"  {shape(m, n)}: " + "; ".join(cells))


def grinding():
    section("E. RANDAO outcomes per controlled tail slot and bound on the relative proposal gain")
    print("K = mixes the controlling party can choose from (reveals that count, plus leaving the mix).")
    print("EDVT mixes only rank 0's reveal: K = 2. Every leading rank's reveal mixed in: K = n - m + 2.")
    print("bound = A (K - 1) / (1 - A K), from rationale.md#randao-grinding, for A K < 1.")
    print("(m, n)  | EDVT K = 2 | every leader mixed K = n - m + 2 | any member alone K = n + 1 | bound A=0.01 EDVT / every leader / alone")
    for m, n in SHAPES:
        k_edvt, k_leaders, k_alone = 2, n - m + 2, n + 1
        b = lambda k, a=0.01: a * (k - 1) / (1 - a * k) if a * k < 1 else float("inf")
        print(f"{shape(m, n)}| {k_edvt:<10} | {k_leaders:<31} | {k_alone:<25} | {b(k_edvt):.1%} / {b(k_leaders):.1%} / {b(k_alone):.1%}")


def censorship():
    section("F. Content control inside a group")
    print("(m, n)  | members who must refuse to stop an honest leader's block (n - m + 1)"
          " | share of the group's slots a given member leads at rank 0 (1/n)")
    for m, n in SHAPES:
        print(f"{shape(m, n)}| {n - m + 1:<69} | {Fraction(1, n)} = {1 / n:.1%}")


def tendermint_commit():
    section("G. Tendermint-style commit with groups")
    print("signatures per commit = sum of members over the validator set; bytes >= 84 per entry")
    print("(64-byte Ed25519 signature + 20-byte address, before timestamps and encoding).")
    for v, n in ((60, 1), (60, 4), (60, 7), (150, 4)):
        print(f"{v} validators, every one a group of {n}: {v * n} signatures, >= {v * n * 84:,} bytes")


if __name__ == "__main__":
    small_stakers()
    client_diversity()
    bft_comparison()
    proposal_liveness()
    grinding()
    censorship()
    tendermint_commit()
