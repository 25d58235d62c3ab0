#!/usr/bin/env python3
"""Fits the assistant's confidence model (TopicVote.BIAS and W) on Banking77 only, and prints a first guess of
min-confidence. Simulates TopicModel + TopicVote with exact cosine kNN (30 nearest) over the embeddings that Dump.java
wrote (numpy only):

  ./run   (writes texts, embeds them with the same model, fits)

Protocol: 3 seeds x (10 examples per known topic, all examples); a quarter of the topics held out as unknown, so the
model learns what an unknown question looks like. Signals of the winning topic (best nearest + centroid similarity):
nearest-source similarity, its margin over the second topic, centroid similarity, its margin, and both as z-scores
against the topic's own left-one-out statistics (shrunk toward the all-topics mean with 3 pseudo-sources).
It also prints the choice between candidate signal sets, on Banking77 only: the mean of in-scope accuracy and
out-of-scope decline rate at each set's best threshold, and the same when the model and threshold are fitted on one
regime (10 examples) and judged on the other (all examples), and back: a shift of domain inside the tuning set.
The configured min-confidence is the best threshold of the evaluation command's Banking77 sweep through the real
pipeline (bench/evaluate-assistant).
"""
import numpy as np, random

KPRIOR, S0, K = 3.0, 0.05, 30
ALL = ['smax', 'm', 'cent', 'mc', 'zn', 'zc']
CANDIDATES = [['smax', 'm'], ['smax', 'm', 'cent', 'mc'], ['zn', 'zc', 'm', 'mc'], ALL]

def load(n):
    X = np.fromfile(n + '.f32', dtype='<f4').reshape(-1, 384)
    return X, np.array(open(n + '.lab').read().split('\n')[:-1])

def loo(E):
    c = E.sum(0)
    if len(E) < 2: return np.array([]), np.array([])
    S = E @ E.T; np.fill_diagonal(S, -2)
    l = c[None, :] - E; nl = np.linalg.norm(l, axis=1); nl[nl == 0] = 1
    return S.max(1), (E * l).sum(1) / nl

def model(KX, KL):
    """TopicModel: centroid, shrunk mean/spread of left-one-out nearest and centroid similarities."""
    raw = {}
    for t in sorted(set(KL)):
        E = KX[KL == t]; nn, lc = loo(E); c = E.sum(0); raw[t] = (c / np.linalg.norm(c), nn, lc)
    allnn = np.concatenate([r[1] for r in raw.values()]); alllc = np.concatenate([r[2] for r in raw.values()])
    pm = (allnn.mean(), allnn.std(), alllc.mean(), alllc.std()) if len(allnn) > 1 else (0.7, 0.1, 0.75, 0.1)
    def shr(v, m0, s0):
        if len(v) == 0: return m0, s0
        return (v.sum() + KPRIOR * m0) / (len(v) + KPRIOR), np.sqrt((((v - v.mean()) ** 2).sum() + KPRIOR * s0 ** 2) / (len(v) + KPRIOR))
    return {t: (c,) + shr(nn, pm[0], pm[1]) + shr(lc, pm[2], pm[3]) for t, (c, nn, lc) in raw.items()}

def signals(KX, KL, QX, st):
    """TopicVote: candidate topics among the 30 nearest; the winner and its six signals."""
    T = sorted(st); ti = {t: i for i, t in enumerate(T)}
    S = QX @ KX.T; SC = QX @ np.stack([st[t][0] for t in T]).T
    M = np.full((len(QX), len(T)), -1.0)
    for t in T: M[:, ti[t]] = S[:, KL == t].max(1)
    top = np.argpartition(-S, K, axis=1)[:, :K]
    cand = np.zeros_like(M, dtype=bool)
    for q in range(len(QX)):
        for j in top[q]: cand[q, ti[KL[j]]] = True
    o = np.argsort(-np.where(cand, M + SC, -9), 1); b1, b2 = o[:, 0], o[:, 1]; r = np.arange(len(QX))
    has2 = cand[r, b2]
    m = np.where(has2, M[r, b1] - M[r, b2], M[r, b1]); mc = np.where(has2, SC[r, b1] - SC[r, b2], SC[r, b1])
    s = np.array([st[T[b]][1:] for b in b1])
    zn = (M[r, b1] - s[:, 0]) / np.sqrt(s[:, 1] ** 2 + S0 ** 2); zc = (SC[r, b1] - s[:, 2]) / np.sqrt(s[:, 3] ** 2 + S0 ** 2)
    return np.array(T)[b1], np.stack([M[r, b1], m, SC[r, b1], mc, zn, zc], 1)

def dataset(trX, trL, teX, teL, shots, seed):
    topics = sorted(set(trL)); rng = random.Random(seed); rng.shuffle(topics)
    known = set(topics[round(len(topics) * 0.25):])
    idx = [i for i in range(len(trL)) if trL[i] in known]
    if shots:
        by = {}
        for i in idx: by.setdefault(trL[i], []).append(i)
        idx = [j for t in sorted(by) for j in rng.sample(by[t], min(shots, len(by[t])))]
    top, F = signals(trX[idx], trL[idx], teX, model(trX[idx], trL[idx]))
    ins = np.array([l in known for l in teL])
    return F, ins & (top == teL), ins

def fit(X, y, l2=1e-4):
    X = np.hstack([np.ones((len(X), 1)), X]); w = np.zeros(X.shape[1])
    for _ in range(40):  # Newton on the (lightly regularised) log-loss
        p = 1 / (1 + np.exp(-X @ w))
        w -= np.linalg.solve((X.T * (p * (1 - p))) @ X / len(y) + l2 * np.eye(len(w)), X.T @ (p - y) / len(y) + l2 * w)
    return w

def rates(w, cols, sets, t):
    r = []
    for F, y, ins in sets:
        ans = 1 / (1 + np.exp(-(w[0] + F[:, cols] @ w[1:]))) >= t
        r.append(((ans & y).sum() / ins.sum(), (~ans & ~ins).sum() / (~ins).sum()))
    return np.mean(r, 0)

def best(w, cols, sets):
    return max((rates(w, cols, sets, t).mean(), round(t, 2)) for t in np.arange(0.05, 0.951, 0.05))

if __name__ == '__main__':
    trX, trL = load('b77_train'); teX, teL = load('b77_test')
    few = [dataset(trX, trL, teX, teL, 10, s) for s in [1, 2, 3]]
    every = [dataset(trX, trL, teX, teL, None, s) for s in [1, 2, 3]]
    for names in CANDIDATES:
        cols = [ALL.index(n) for n in names]
        def fitted(sets): return fit(np.vstack([F[:, cols] for F, _, _ in sets]), np.concatenate([y for _, y, _ in sets]))
        w = fitted(few + every); bal, t = best(w, cols, few + every)
        cross = []
        for a, b in [(few, every), (every, few)]:
            wa = fitted(a); cross.append(rates(wa, cols, b, best(wa, cols, a)[1]).mean())
        print('%-36s balanced %.3f at %.2f; fitted on one regime, judged on the other: %.3f, %.3f'
              % (','.join(names), bal, t, cross[0], cross[1]))
    cols = list(range(len(ALL))); w = fit(np.vstack([F for F, _, _ in few + every]), np.concatenate([y for _, y, _ in few + every]))
    print('BIAS %.4f W %s' % (w[0], ', '.join('%.4f' % x for x in w[1:])))
    for t in np.arange(0.30, 0.91, 0.05):
        i10, o10 = rates(w, cols, few, t); ia, oa = rates(w, cols, every, t)
        print('threshold %.2f: 10 examples %.3f / %.3f, all examples %.3f / %.3f, balanced %.3f'
              % (t, i10, o10, ia, oa, (i10 + o10 + ia + oa) / 4))
    print('min-confidence (best balanced):', best(w, cols, few + every)[1])
