#!/usr/bin/env python3
"""Fits the assistant's confidence calibration (TopicVote.BIAS, W_BEST, W_MARGIN) and picks min-confidence, on
Banking77 only. Simulates the decision with exact cosine kNN (30 nearest) over the embeddings that Dump.java wrote.

  ./run   (writes texts, embeds them with the same model, fits; numpy only)

The threshold it prints is a first guess from this simulation; the configured min-confidence is the best threshold
of the evaluation command's Banking77 sweep through the real pipeline (bench/evaluate-assistant), which measured
0.70 (the simulation: 0.65 by 0.001 of balanced accuracy).
"""
import numpy as np, random

def load(n):
    X = np.fromfile(n + '.f32', dtype='<f4').reshape(-1, 384)
    return X, np.array(open(n + '.lab').read().split('\n')[:-1])

def features(KX, KL, QX):
    """Per question: the winning topic, its score (similarity of its nearest example), margin over the second topic."""
    S = QX @ KX.T
    top = np.argpartition(-S, 30, axis=1)[:, :30]
    out = []
    for q in range(len(QX)):
        best = {}
        for j in top[q]:
            best[KL[j]] = max(best.get(KL[j], -1), S[q, j])
        r = sorted(best.items(), key=lambda x: -x[1])
        s2 = r[1][1] if len(r) > 1 else 0
        out.append((r[0][0], r[0][1], r[0][1] - max(0, s2)))
    return out

def dataset(trX, trL, teX, teL, shots, seed):
    """A quarter of the topics held out as unknown; `shots` examples per known topic (None: all)."""
    topics = sorted(set(trL)); rng = random.Random(seed); rng.shuffle(topics)
    known = set(topics[round(len(topics) * 0.25):])
    idx = [i for i in range(len(trL)) if trL[i] in known]
    if shots:
        by = {}
        for i in idx: by.setdefault(trL[i], []).append(i)
        idx = [j for t in sorted(by) for j in rng.sample(by[t], min(shots, len(by[t])))]
    f = features(trX[idx], trL[idx], teX)
    ins = np.array([l in known for l in teL])
    y = np.array([ins[i] and f[i][0] == teL[i] for i in range(len(teL))])
    return np.array([[x[1], x[2]] for x in f]), y, ins

def fit(F, y):
    X = np.hstack([np.ones((len(F), 1)), F]); w = np.zeros(X.shape[1])
    for _ in range(50):  # Newton on the log-loss
        p = 1 / (1 + np.exp(-X @ w))
        w -= np.linalg.solve((X.T * (p * (1 - p))) @ X / len(y) + 1e-6 * np.eye(len(w)), X.T @ (p - y) / len(y))
    return w

trX, trL = load('b77_train'); teX, teL = load('b77_test')
D = [dataset(trX, trL, teX, teL, shots, seed) for shots in [10, None] for seed in [1, 2, 3]]
w = fit(np.vstack([F for F, _, _ in D]), np.concatenate([y for _, y, _ in D]))
print('BIAS %.3f W_BEST %.3f W_MARGIN %.3f' % tuple(w))
best = (0, 0)
for t in np.arange(0.30, 0.91, 0.05):
    rows = []
    for F, y, ins in D:
        ans = 1 / (1 + np.exp(-(w[0] + F @ w[1:]))) >= t
        rows.append(((ans & y).sum() / ins.sum(), (~ans & ~ins).sum() / (~ins).sum()))
    i, o = np.mean(rows, axis=0)
    print('threshold %.2f: in-scope accuracy %.3f, out-of-scope declined %.3f, balanced %.3f' % (t, i, o, (i + o) / 2))
    best = max(best, ((i + o) / 2, round(t, 2)))
print('min-confidence (best balanced):', best[1])
