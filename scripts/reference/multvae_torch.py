#!/usr/bin/env python3
"""Same-CPU reference for issue 12: Mult-VAE / Mult-DAE in plain PyTorch, the way RecBole trains it.

Not RecBole (RecBole cannot be installed on this machine: its wheel is not in the local package index). This is a
minimal loop written from the paper (Liang et al., WWW 2018) with RecBole's structure: one epoch = the users shuffled
into batches of 500 dense multi-hot rows, Adam, then a full-ranking validation NDCG@100 over every validation user
(RecBole's eval_step=1), the best epoch's weights kept; the test is scored once at the end. Having no data-loader or
logging machinery, it is a *stricter* reference than RecBole: whatever RecBole adds on top is not counted here.

Usage: multvae_torch.py DATA_DIR [--model vae|dae] [--epochs 20] [--threads 2] [--seed 42]
Prints one JSON line: fit seconds (training + per-epoch validation, the same span as GenRec's "fit s"), seconds per
epoch (training only), peak RSS of the process, and test recall@20 / ndcg@20 of the kept epoch.
"""
import argparse
import json
import resource
import time

import numpy as np
import torch
import torch.nn.functional as F


def read(path):
    a = np.loadtxt(path, dtype=np.int64, delimiter="\t", skiprows=1, ndmin=2)
    return a[:, 0], a[:, 1]


def dense_rows(users, items, n_users, n_items):
    m = torch.zeros(n_users, n_items)
    m[torch.from_numpy(users), torch.from_numpy(items)] = 1.0
    return m


class MultVae(torch.nn.Module):
    def __init__(self, n_items, hidden=600, latent=200, dropout=0.5, variational=True):
        super().__init__()
        self.variational = variational
        self.enc = torch.nn.Linear(n_items, hidden)
        self.lat = torch.nn.Linear(hidden, 2 * latent if variational else latent)
        self.dec = torch.nn.Linear(latent, hidden)
        self.out = torch.nn.Linear(hidden, n_items)
        self.latent = latent
        self.drop = dropout
        for layer in (self.enc, self.lat, self.dec, self.out):
            torch.nn.init.xavier_normal_(layer.weight)
            torch.nn.init.normal_(layer.bias, std=0.001)

    def forward(self, x):
        h = F.dropout(F.normalize(x), self.drop, training=self.training)
        h = torch.tanh(self.enc(h))
        z = self.lat(h)
        kl = None
        if self.variational:
            mu, logvar = z[:, :self.latent], z[:, self.latent:]
            if self.training:
                z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
            else:
                z = mu
            kl = 0.5 * torch.sum(-logvar + logvar.exp() + mu.pow(2) - 1, dim=1).mean()
        else:
            z = torch.tanh(z)
        return self.out(torch.tanh(self.dec(z))), kl


def ndcg_recall(scores, truth_rows, k):
    """Mean NDCG@k and Recall@k (min(k, |truth|) in the denominator, as GenRec and RecBole) over users with truth."""
    top = torch.topk(scores, k, dim=1).indices
    hits = torch.gather(truth_rows, 1, top)
    n_true = truth_rows.sum(1)
    disc = 1.0 / torch.log2(torch.arange(2, k + 2, dtype=torch.float32))
    dcg = (hits * disc).sum(1)
    ideal = torch.cumsum(disc, 0)[(n_true.clamp(max=k) - 1).clamp(min=0).long()]
    keep = n_true > 0
    ndcg = (dcg[keep] / ideal[keep]).mean().item()
    recall = (hits.sum(1)[keep] / n_true[keep].clamp(max=k)).mean().item()
    return ndcg, recall


def evaluate(model, train, masked, truth, k, batch=1000):
    model.eval()
    ndcgs, recalls, n = [], [], []
    with torch.no_grad():
        for s in range(0, train.shape[0], batch):
            scores, _ = model(train[s:s + batch])
            scores[masked[s:s + batch] > 0] = -float("inf")
            t = truth[s:s + batch]
            keep = t.sum(1) > 0
            if keep.any():
                nd, rc = ndcg_recall(scores[keep], t[keep], k)
                ndcgs.append(nd); recalls.append(rc); n.append(int(keep.sum()))
    w = np.array(n, dtype=np.float64)
    return float(np.dot(ndcgs, w) / w.sum()), float(np.dot(recalls, w) / w.sum())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--model", choices=["vae", "dae"], default="vae")
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    parts = [read(f"{a.data}/{p}.tsv") for p in ("train", "valid", "test")]
    n_users = 1 + max(int(u.max()) for u, _ in parts)
    n_items = 1 + max(int(i.max()) for _, i in parts)
    train, valid, test = (dense_rows(u, i, n_users, n_items) for u, i in parts)
    train_valid = train + valid
    model = MultVae(n_items, variational=a.model == "vae")
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=0.0 if a.model == "vae" else 4e-5)
    users = np.flatnonzero(train.sum(1).numpy() > 0)
    step, best, best_state, epoch_secs = 0, -1.0, None, []
    t_fit = time.perf_counter()
    for epoch in range(a.epochs):
        model.train()
        t0 = time.perf_counter()
        order = rng.permutation(users)
        for s in range(0, len(order), 500):
            x = train[torch.from_numpy(order[s:s + 500])]
            logits, kl = model(x)
            loss = -(F.log_softmax(logits, 1) * x).sum(1).mean()
            if kl is not None:
                step += 1
                loss = loss + min(0.2, step / 200000) * kl
            opt.zero_grad()
            loss.backward()
            opt.step()
        epoch_secs.append(time.perf_counter() - t0)
        nd, _ = evaluate(model, train, train, valid, 100)
        if nd > best:
            best, best_state = nd, {k: v.clone() for k, v in model.state_dict().items()}
    fit = time.perf_counter() - t_fit
    model.load_state_dict(best_state)
    nd20, rc20 = evaluate(model, train, train_valid, test, 20)
    print(json.dumps({"model": "torch-mult" + a.model, "epochs": a.epochs, "fit_s": round(fit, 2),
                      "s_per_epoch": round(float(np.mean(epoch_secs)), 3),
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                      "best_valid_ndcg@100": round(best, 4), "test_recall@20": round(rc20, 4),
                      "test_ndcg@20": round(nd20, 4), "torch": torch.__version__, "threads": a.threads}))


if __name__ == "__main__":
    main()
