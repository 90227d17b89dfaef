"""The best one-to-many assignment as a minimum-cost flow, solved sparse and proven optimal.

source → mentee (capacity 1) → mentor (capacity 1 per allowed pair, cost −score) → slot k of
the mentor (capacity 1, cost penalty·k, first ≤ k < capacity) → sink; and source → sink for the
mentees left unmatched. Costs are integers (thousandths), so OR-Tools' cost-scaling solver
returns an exact optimum.

A large instance is first solved with each mentee's ``keep`` best mentors only. Node potentials
of that flow's residual graph (Bellman-Ford from a root joined to every node, vectorised) then
price every pair left out: when none has a negative reduced cost, no cycle of the whole residual
graph can lower the cost and the flow is optimal for every pair (linear-programming duality);
otherwise the pairs that do are added and the flow is solved again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
Scores = npt.NDArray[np.signedinteger[Any]]
#: Each mentee's best mentors kept in the first, sparse solve.
KEEP = 16
#: Rounds of Bellman-Ford before giving up the proof and solving the whole graph.
ROUNDS = 400
#: Sparse solves before solving the whole graph instead.
ATTEMPTS = 12


@dataclass(frozen=True)
class Network:
    """An instance: scores and allowed pairs (mentee × mentor), the mentors' first free slot
    and capacity, the cost of each further slot."""

    scores: Scores
    allowed: Bools
    first: Ints
    capacity: Ints
    penalty: int

    @property
    def free(self) -> Ints:
        left: Ints = np.maximum(self.capacity - self.first, 0)
        return left


@dataclass(frozen=True)
class Flow:
    chosen: Ints  # each mentee's mentor, −1 for none
    cost: int  # −(Σ scores − Σ slot costs)


def solve(network: Network, ei: Ints, ej: Ints) -> Flow:
    """The optimal flow using the pairs (ei[k], ej[k]) only."""
    from ortools.graph.python import (  # type: ignore[import-untyped]  # imported when needed
        min_cost_flow,
    )

    n, m = network.scores.shape
    free = network.free
    source, sink = n + m, n + m + 1
    flow = min_cost_flow.SimpleMinCostFlow()
    one = np.ones(n, dtype=np.int64)
    flow.add_arcs_with_capacity_and_unit_cost(np.full(n, source), np.arange(n), one, one * 0)
    pair_arcs = flow.add_arcs_with_capacity_and_unit_cost(
        ei,
        n + ej,
        np.ones(len(ei), dtype=np.int64),
        -network.scores[ei, ej].astype(np.int64),
    )
    slot_mentor = np.repeat(np.arange(m), free)
    rank = np.arange(len(slot_mentor)) - np.repeat(np.cumsum(free) - free, free)
    rank += network.first[slot_mentor]
    flow.add_arcs_with_capacity_and_unit_cost(
        n + slot_mentor,
        np.full(len(slot_mentor), sink),
        np.ones(len(slot_mentor), np.int64),
        rank * network.penalty,
    )
    flow.add_arc_with_capacity_and_unit_cost(source, sink, n, 0)
    flow.set_node_supply(source, n)
    flow.set_node_supply(sink, -n)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"the matching could not be solved ({status})")
    used = flow.flows(pair_arcs) > 0
    chosen = np.full(n, -1, dtype=np.int64)
    chosen[ei[used]] = ej[used]
    return Flow(chosen, int(flow.optimal_cost()))


def potentials(network: Network, ei: Ints, ej: Ints, chosen: Ints) -> tuple[Ints, Ints] | None:
    """Potentials (mentees, mentors) of the residual graph of ``chosen`` on the pairs (ei, ej):
    shortest distances from a root joined to every node. None when Bellman-Ford has not settled
    after :data:`ROUNDS` rounds."""
    n, m = network.scores.shape
    matched = chosen >= 0
    load = np.bincount(chosen[matched], minlength=m)
    rank = network.first + load
    has_free = rank < network.capacity
    next_cost = rank * network.penalty  # mentor → sink: its next free slot
    back_cost = -(rank - 1) * network.penalty  # sink → mentor: its last slot used
    busy = load > 0
    forward = chosen[ei] != ej
    order = np.argsort(ej[forward], kind="stable")
    fi, fj = ei[forward][order], ej[forward][order]
    fw = network.scores[fi, fj].astype(np.int64)
    starts = np.flatnonzero(np.r_[True, fj[1:] != fj[:-1]]) if len(fj) else fj
    targets = fj[starts]
    mine = np.flatnonzero(matched)
    mine_mentor = chosen[mine]
    mine_score = network.scores[mine, mine_mentor].astype(np.int64)
    some_unmatched = not matched.all()
    mentee = np.zeros(n, dtype=np.int64)
    mentor = np.zeros(m, dtype=np.int64)
    source = sink = 0
    for _round in range(ROUNDS):
        new_sink = min(sink, source, int((mentor + next_cost)[has_free].min(initial=0)))
        new_source = min(source, int(mentee[matched].min(initial=0)))
        if some_unmatched:
            new_source = min(new_source, new_sink)
        new_mentee = mentee.copy()
        new_mentee[~matched] = np.minimum(new_mentee[~matched], new_source)
        new_mentee[mine] = np.minimum(new_mentee[mine], mentor[mine_mentor] + mine_score)
        new_mentor = mentor.copy()
        if len(fi):
            best = np.minimum.reduceat(new_mentee[fi] - fw, starts)
            new_mentor[targets] = np.minimum(new_mentor[targets], best)
        new_mentor[busy] = np.minimum(new_mentor[busy], new_sink + back_cost[busy])
        settled = (
            (new_sink, new_source) == (sink, source)
            and np.array_equal(new_mentee, mentee)
            and np.array_equal(new_mentor, mentor)
        )
        mentee, mentor, source, sink = new_mentee, new_mentor, new_source, new_sink
        if settled:
            return mentee, mentor
    return None


def underpriced(network: Network, chosen: Ints, mentee: Ints, mentor: Ints) -> Bools:
    """The usable pairs of negative reduced cost under the potentials, chosen pairs aside."""
    wide = np.int64 if network.scores.dtype == np.int64 else np.int32
    limits = np.iinfo(wide)
    low, high = limits.min // 2, limits.max // 2
    left: Ints = np.clip(mentee, low, high).astype(wide)
    right: Ints = np.clip(mentor, low, high).astype(wide)
    threshold: Ints = left[:, None] - right[None, :]
    bad: Bools = network.scores > threshold
    bad &= network.allowed
    bad &= (network.free > 0)[None, :]
    rows = np.flatnonzero(chosen >= 0)
    bad[rows, chosen[rows]] = False
    return bad


def best_pairs(network: Network, usable: Bools, keep: int) -> tuple[Ints, Ints]:
    """Each mentee's ``keep`` best usable mentors, ties at the last place included (every usable
    one when there are fewer mentors), as (mentee, mentor) index arrays."""
    m = usable.shape[1]
    if keep < m:
        lowest = np.iinfo(network.scores.dtype).min
        masked = np.where(usable, network.scores, lowest)
        # a full sort: numpy's radix and SIMD sorts beat a partition on few distinct values
        threshold = np.sort(masked, axis=1)[:, m - keep]
        usable = usable & (masked >= threshold[:, None])
    ei, ej = np.nonzero(usable)
    return ei.astype(np.int64), ej.astype(np.int64)


def optimal_flow(network: Network, keep: int = KEEP) -> Flow:
    """The optimal flow over every allowed pair, found sparse first (see the module)."""
    usable = network.allowed & (network.free > 0)[None, :]
    total = int(usable.sum())
    ei, ej = best_pairs(network, usable, keep)
    for _attempt in range(ATTEMPTS):
        found = solve(network, ei, ej)
        if len(ei) == total:
            return found
        prices = potentials(network, ei, ej, found.chosen)
        if prices is None:
            break
        bad = underpriced(network, found.chosen, *prices)
        if not bad.any():
            return found
        more_i, more_j = np.nonzero(bad)
        ei = np.concatenate([ei, more_i.astype(np.int64)])
        ej = np.concatenate([ej, more_j.astype(np.int64)])
    ei, ej = np.nonzero(usable)
    return solve(network, ei.astype(np.int64), ej.astype(np.int64))
