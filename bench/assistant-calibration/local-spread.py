#!/usr/bin/env python3
"""Side experiment (3 December, late), tuning data only: read the similarities in units of the spread around the
question (MODE topic: the winning topic's own left-one-out statistics, shrunk toward the knowledge's as zn is; local:
the statistics of the topics among the retrieved sources, weighted by how many of them each has) instead of the
knowledge's pooled spread (MODE pooled, shipped). multi-domain.py showed the pooled reading makes a knowledge of two
domains cautious in the domain with the lower similarities. Judged as fit.py judges: Banking77 cross-validation,
the transfer set's A, B, C, plus a knowledge of two domains with many examples per intent (CLINC150's protocol 2
is 112 intents of ten domains, about 100 examples each): three quarters of Banking77's topics with all their examples
and three quarters of the transfer set's intents with all 100 phrasings (C), taught together, and asked both domains'
test questions (the unknown topics' out of scope), the transfer set's 300 out-of-scope texts and a fold of the
out-of-domain texts; each domain is measured alone too. Run from target/assistant-calibration after ./run:
python3 ../../bench/assistant-calibration/local-spread.py pooled|topic|local"""
import sys, os, random, numpy as np
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fit as FT
from fit import *
MODE = sys.argv[1] if len(sys.argv) > 1 else 'pooled'
FT.SPREAD = 'pooled'  # the reading this experiment replaced; its modes patch the signals themselves
orig = FT.signals
def local_signals(KX, KL, QX, stpm, rank='n1c'):
    st, pm = stpm
    T, F = orig(KX, KL, QX, stpm, rank)
    T_sorted = sorted(st); ti = {t: i for i, t in enumerate(T_sorted)}
    s = np.array([st[t][1:] for t in T])  # winning topic's nn mean, nn sd, c mean, c sd (shrunk)
    if MODE == 'local':
        li = np.array([ti[l] for l in KL]); S = QX @ KX.T
        top = np.argpartition(-S, RETRIEVE, axis=1)[:, :RETRIEVE]
        allst = np.array([st[t][1:] for t in T_sorted])
        s = np.array([allst[li[top[q]]].mean(0) for q in range(len(QX))])
    nm, ns, cm, cs = s[:, 0], np.sqrt(s[:, 1] ** 2 + S0 ** 2), s[:, 2], np.sqrt(s[:, 3] ** 2 + S0 ** 2)
    n1, m1, k3, mk, c, mc, zn, zc, f = [F[:, i] for i in range(9)]
    G = np.stack([n1, m1, k3, mk, c, mc, zn, zc, f, (n1 - nm) / ns, m1 / ns, (k3 - nm) / ns, mk / ns, (c - cm) / cs,
                  mc / cs, (f - nm) / ns], 1)
    return T, G
if MODE != 'pooled':
    FT.signals = local_signals
names = ['Nm1', 'Nk3', 'Nmk', 'Nmc', 'zn', 'zc', 'Nf']; cols = [SIGNALS.index(n) for n in names]
trX, trL = load('b77_train'); teX, teL = load('b77_test'); oodX, oodS = load('ood')
folds = np.array_split(np.random.default_rng(2026_12_02).permutation(len(oodX)), SPLITS)
D = {seed: [FT.dataset(trX, trL, teX, teL, oodX[folds[seed - 1]], shots, share, 1000 + seed, 'n1c')
            for shots in (10, None) for share in (1 / 3, 3 / 4)] for seed in range(1, SPLITS + 1)}
alls = [d for v in D.values() for d in v]
cv = []
for sd in D:
    train = [d for k, v in D.items() if k != sd for d in v]
    w = fitted(train, cols); t = rule(w, cols, train); cv.append(list(rates(w, cols, D[sd], t)) + [t])
cv = np.array(cv).mean(0); w = fitted(alls, cols); t = rule(w, cols, alls)
TR = FT.transfer_sets('n1c')
per = [rates(w, cols, [v[i] for v in D.values()], t) for i in range(4)]
print(MODE, 'CV in-scope %.3f declined %.3f (siblings %.3f, ood %.3f; t %.2f) | threshold %.2f | B77 at it: %s | transfer %s'
      % (*cv, t, ' '.join('%.3f/%.3f' % (p[0], p[1]) for p in per),
         ' '.join('%s %.3f/%.3f' % (k, *FT.transfer_rates(w, cols, TR[k], t)) for k in TR)))
print('BIAS %.4f W %s' % (w[0], ', '.join('%.4f' % x for x in w[1:])))
X = np.fromfile('tr_intents.f32', dtype='<f4').reshape(-1, 384)
rows = [l.rstrip('\n').split('\t') for l in open('tr_intents.meta')]
L = np.array(['tr:' + r[0] for r in rows]); S = np.array([r[1] for r in rows])
more = [l.rstrip('\n').split('\t') for l in open('tr_more.meta')]
X = np.vstack([X, np.fromfile('tr_more.f32', dtype='<f4').reshape(-1, 384)])
L = np.concatenate([L, np.array(['tr:' + r[0] for r in more])]); S = np.concatenate([S, np.array(['more'] * len(more))])
oX = np.fromfile('tr_oos.f32', dtype='<f4').reshape(-1, 384)
def run(use_b77, use_tr, seed):
    rng = random.Random(seed)
    bt = sorted(set(trL)); rng.shuffle(bt); bk = set(bt[:round(len(bt) * 3 / 4)])
    it = sorted(set(L)); rng.shuffle(it); ik = set(it[:round(len(it) * 3 / 4)])
    KX, KL, QX, QL, dom = [], [], [], [], []
    if use_b77:
        m = np.isin(trL, list(bk)); KX.append(trX[m]); KL.append(trL[m])
        QX.append(teX); QL.append(teL); dom += ['b77'] * len(teL)
    if use_tr:
        m = np.isin(S, ['train', 'more']) & np.isin(L, list(ik)); KX.append(X[m]); KL.append(L[m])
        m = S == 'test'; QX.append(X[m]); QL.append(L[m]); dom += ['tr'] * int(m.sum())
        QX.append(oX); QL.append(np.array(['(oos)'] * len(oX))); dom += ['tr-oos'] * len(oX)
    QX.append(oodX[folds[seed % SPLITS]]); QL.append(np.array(['(ood)'] * len(folds[seed % SPLITS]))); dom += ['ood'] * len(folds[seed % SPLITS])
    KX, KL, QX, QL, dom = np.vstack(KX), np.concatenate(KL), np.vstack(QX), np.concatenate(QL), np.array(dom)
    top, F = FT.signals(KX, KL, QX, model(KX, KL), 'n1c')
    known = bk | ik
    ins = np.array([l in known for l in QL]); right = ins & (top == QL); c = conf(w, F, cols); ans = c >= t
    out = {}
    for d in ('b77', 'tr'):
        m = dom == d
        if m.any():
            out[d] = ((ans & right)[m & ins].mean(), right[m & ins].mean(), (~ans)[m & ~ins].mean(), c[m & right].mean())
    for d in ('tr-oos', 'ood'):
        m = dom == d
        if m.any(): out[d] = ((~ans)[m].mean(),)
    return out
for label, ub, ut in (('Banking77 alone', True, False), ('transfer C alone', False, True), ('both together', True, True)):
    rs = [run(ub, ut, 2000 + s) for s in range(SPLITS)]
    keys = rs[0].keys()
    print(label + ': ' + '; '.join(
        k + ' ' + '/'.join('%.3f' % np.mean([r[k][i] for r in rs]) for i in range(len(rs[0][k]))) for k in keys))
print('(per domain: in-scope answered right / right topic on top / unknown topics declined / mean confidence of right'
      ' tops; tr-oos and ood: declined)')
