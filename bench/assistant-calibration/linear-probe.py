#!/usr/bin/env python3
"""Experiment on tuning data only (5 December): does a linear classifier over the embeddings add separation to the
assistant's nearest-phrasing confidence? A ridge regression of the known sources onto their topics (one-hot, each
topic weighted as one, LAM the ridge) gives three more signals of the winning topic: its score (rs), its margin over
the best other topic (rm), and whether the classifier agrees on the topic (ra). Judged as fit.py judges its candidates:
Banking77 cross-validated per regime, separation, and the written transfer set at the threshold its rule chooses.
Run after ./run (which embeds the files): python3 bench/assistant-calibration/linear-probe.py [dir]; LAM=10 ..."""
import sys, os, numpy as np
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.chdir(sys.argv[1] if len(sys.argv) > 1 else 'target/assistant-calibration')
import fit
LAM = float(os.environ.get('LAM', '1.0'))
orig = fit.signals
def signals2(KX, KL, QX, stpm, rank='n1c'):
    top, F = orig(KX, KL, QX, stpm, rank)
    T = sorted(set(KL)); ti = {t: i for i, t in enumerate(T)}
    y = np.array([ti[l] for l in KL]); nt = len(T)
    X1 = np.hstack([KX, np.ones((len(KX), 1))]); Q1 = np.hstack([QX, np.ones((len(QX), 1))])
    Y = np.zeros((len(KX), nt)); Y[np.arange(len(KX)), y] = 1
    # balance topics: each topic weighs as one (many-example topics do not dominate)
    cnt = np.bincount(y, minlength=nt); a = (1.0 / cnt[y])[:, None] * len(KX) / nt
    A = (X1 * a).T @ X1 + LAM * np.eye(X1.shape[1]); B = (X1 * a).T @ Y
    W = np.linalg.solve(A, B); Sc = Q1 @ W
    r = np.arange(len(QX)); tix = np.array([ti[t] for t in top])
    st = Sc[r, tix]; M = Sc.copy(); M[r, tix] = -9; other = M.max(1)
    agree = (Sc.argmax(1) == tix).astype(float)
    return top, np.hstack([F, np.stack([st, st - other, agree], 1)])
fit.signals = signals2
fit.SIGNALS = fit.SIGNALS + ['rs', 'rm', 'ra']
base = ['Nn1', 'Nm1', 'Nk3', 'Nmk', 'Nc', 'Nmc', 'zn', 'zc', 'Nf']
cands = [base, base + ['rs', 'rm'], base + ['rs', 'rm', 'ra'], ['rs', 'rm', 'zn', 'zc']]
trX, trL = fit.load('b77_train'); teX, teL = fit.load('b77_test'); oodX, _ = fit.load('ood')
folds = np.array_split(np.random.default_rng(2026_12_02).permutation(len(oodX)), fit.SPLITS)
D = {s: [fit.dataset(trX, trL, teX, teL, oodX[folds[s - 1]], shots, share, 1000 + s, 'n1c')
         for shots in (10, None) for share in (1 / 3, 3 / 4)] for s in range(1, fit.SPLITS + 1)}
alls = [d for v in D.values() for d in v]
TR = fit.transfer_sets('n1c')
print('LAM', LAM)
for names in cands:
    cols = [fit.SIGNALS.index(n) for n in names]
    cv = []
    for s in D:
        train = [d for k, v in D.items() if k != s for d in v]
        w = fit.fitted(train, cols); t = fit.rule(w, cols, train)
        cv.append([list(fit.rates(w, cols, [D[s][i]], t))[:2] for i in range(4)])
    cv = np.array(cv).mean(0)
    w = fit.fitted(alls, cols); t = fit.rule(w, cols, alls)
    tr = {k: fit.transfer_rates(w, cols, TR[k], t) for k in TR}
    print('%-40s t=%.2f CV per regime (10/third, 10/3q, all/third, all/3q): %s | sep %.3f | transfer %s' % (
        ','.join(names), t, ' '.join('%.3f/%.3f' % tuple(x) for x in cv), fit.auc_like(w, cols, alls),
        ' '.join('%s %.3f/%.3f' % (k, *v) for k, v in tr.items())))
