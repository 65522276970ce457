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


def digits(x, width):
    """ASCII digits of positive integers x as a (len(x), width) byte matrix and the mask of the significant ones."""
    powers = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    mat = (x[:, None] // powers % 10 + 48).astype(np.uint8)
    n = (x[:, None] >= 10 ** np.arange(width, dtype=np.int64)).sum(axis=1)  # number of digits
    return mat, np.arange(width)[None, :] >= (width - n)[:, None]


def csv_rows(user, item, ts):
    """'user,item,4.0,ts\\n' for every row, formatted in numpy (a Python f-string per row is too slow for 100M rows)."""
    parts, masks = [], []
    for col, suffix in ((user, b","), (item, b",4.0,"), (ts, b"\n")):
        mat, mask = digits(col, len(str(int(col.max()))))
        parts += [mat, np.tile(np.frombuffer(suffix, np.uint8), (len(col), 1))]
        masks += [mask, np.ones((len(col), len(suffix)), bool)]
    return np.hstack(parts)[np.hstack(masks)].tobytes()


rows = 0
with open(os.path.join(out, "ratings.csv"), "wb") as f:
    f.write(b"userId,movieId,rating,timestamp\n")
    batch = []
    for u in range(users):
        n = int(counts[u])
        # Oversample then keep the first n distinct items: sampling without replacement from a skewed distribution.
        draw = cdf.searchsorted(rng.random(2 * n + 20), side="right")
        _, first = np.unique(draw, return_index=True)
        batch.append(order[draw[np.sort(first)][:n]])
        if len(batch) == 20_000 or u == users - 1:
            lens = np.array([len(c) for c in batch])
            user = np.repeat(np.arange(u + 1 - len(batch), u + 1), lens)
            k = np.arange(lens.sum()) - np.repeat(np.cumsum(lens) - lens, lens)  # position within the user's rows
            f.write(csv_rows(user + 1, np.concatenate(batch) + 1, 1_000_000_000 + user + k * 60))
            rows += int(lens.sum())
            batch = []
print(f"{out}: {users} users, {items} items, {rows} ratings")
