#!/usr/bin/env python3
"""Writes a synthetic MovieLens-style ratings.csv + movies.csv of a chosen shape, for scale checks.

Default shape: the ML-20M data as Liang et al. (2018) use it after keeping ratings >= 3.5 and users with >= 5
ratings: 136,677 users, 20,108 items, about 10 million interactions. User activity is log-normal (median ~35,
mean ~73, min 5), item popularity Zipf-like (exponent 1.0 over the catalogue), every rating 4.0 so that the
implicit threshold keeps all rows. Not real data: used only to check memory and time at that size.

usage: synthetic-movielens.py OUT_DIR [users] [items] [interactions] [seed]
"""
import os
import sys

import numpy as np

out = sys.argv[1]
users = int(sys.argv[2]) if len(sys.argv) > 2 else 136_677
items = int(sys.argv[3]) if len(sys.argv) > 3 else 20_108
target = int(sys.argv[4]) if len(sys.argv) > 4 else 10_000_000
seed = int(sys.argv[5]) if len(sys.argv) > 5 else 42
rng = np.random.default_rng(seed)

sigma = 1.2
counts = rng.lognormal(mean=0.0, sigma=sigma, size=users)
counts = np.maximum(5, np.round(counts * target / counts.sum())).astype(np.int64)
counts = np.minimum(counts, items // 2)
pop = 1.0 / np.arange(1, items + 1) ** 1.0
pop /= pop.sum()
order = rng.permutation(items)  # popularity rank -> item id, so ids do not encode popularity
# rng.choice(items, size=m, p=pop) recomputes the cumulative distribution on every call (O(items) per user, too slow
# for millions of users); this is the same draw (cdf.searchsorted over rng.random, numpy's own algorithm), so the
# output for given arguments is unchanged, with the cdf computed once.
cdf = pop.cumsum()
cdf /= cdf[-1]

os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "movies.csv"), "w") as f:
    f.write("movieId,title,genres\n")
    for i in range(items):
        f.write(f"{i + 1},Synthetic movie {i + 1} (2000),Drama\n")
rows = 0
with open(os.path.join(out, "ratings.csv"), "w") as f:
    f.write("userId,movieId,rating,timestamp\n")
    for u in range(users):
        n = int(counts[u])
        # Oversample then keep the first n distinct items: sampling without replacement from a skewed distribution.
        draw = cdf.searchsorted(rng.random(2 * n + 20), side="right")
        _, first = np.unique(draw, return_index=True)
        chosen = order[draw[np.sort(first)][:n]]
        t0 = 1_000_000_000 + u
        f.write("".join(f"{u + 1},{it + 1},4.0,{t0 + k * 60}\n" for k, it in enumerate(chosen)))
        rows += len(chosen)
print(f"{out}: {users} users, {items} items, {rows} ratings")
