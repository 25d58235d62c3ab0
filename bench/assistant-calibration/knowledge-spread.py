#!/usr/bin/env python3
"""Side experiment (3 December), tuning data only: how the knowledge's spread is read (MODE pooled = the shipped
TopicModel, all sources pooled with 20 pseudo-values; median = median over topics of each topic's mean and spread), judged
by Banking77 cross-validation, the written transfer set, and 300 unrelated texts (sentiment-dev reviews, as 30 topics
of 10) added to 10 examples of 58 Banking77 topics. Run from target/assistant-calibration after ./run:
python3 ../../bench/assistant-calibration/knowledge-spread.py pooled|median"""
import sys, os, random, numpy as np
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fit as FT
from fit import *
MODE = sys.argv[1]
def median_spread(raw):
    """The median over topics (of two or more sources) of each topic's own mean and spread, mixed with KPOOL / 10
    pseudo-topics of the tuning data's."""
    ts = np.array([(r[1].mean(), r[1].std(), r[2].mean(), r[2].std()) for r in raw.values() if len(r[1]) >= 2])
    if len(ts) == 0:
        return 0.90, 0.06, 0.89, 0.05
    n, k = len(ts), FT.KPOOL / 10
    return tuple((np.median(ts[:, i]) * n + k * d) / (n + k) for i, d in enumerate((0.90, 0.06, 0.89, 0.05)))
if MODE == 'median':
    FT.knowledge_spread = median_spread
trX, trL = load('b77_train'); teX, teL = load('b77_test'); oodX, oodS = load('ood')
folds = np.array_split(np.random.default_rng(2026_12_02).permutation(len(oodX)), SPLITS)
names = ['Nm1','Nk3','Nmk','Nmc','zn','zc','Nf']; cols = [SIGNALS.index(n) for n in names]
TR = FT.transfer_sets('n1c')
D = {seed: [FT.dataset(trX, trL, teX, teL, oodX[folds[seed - 1]], shots, share, 1000 + seed, 'n1c')
            for shots in (10, None) for share in (1 / 3, 3 / 4)] for seed in range(1, SPLITS + 1)}
alls = [d for v in D.values() for d in v]
cv = []
for s in D:
    train = [d for k, v in D.items() if k != s for d in v]
    w = fitted(train, cols); t = rule(w, cols, train); cv.append(list(rates(w, cols, D[s], t)) + [t])
cv = np.array(cv).mean(0); w = fitted(alls, cols); t = rule(w, cols, alls)
ta, tb = FT.transfer_rates(w, cols, TR['A'], t), FT.transfer_rates(w, cols, TR['B'], t)
print(MODE, 'CV %.3f/%.3f t %.2f | transfer A %.3f/%.3f B %.3f/%.3f' % (cv[0], cv[1], t, *ta, *tb))
# unrelated injection
topics = sorted(set(trL)); rng = random.Random(1001); rng.shuffle(topics); known = set(topics[:58])
by = {}
for i in range(len(trL)):
    if trL[i] in known: by.setdefault(trL[i], []).append(i)
idx = [j for tt in sorted(by) for j in rng.sample(by[tt], 10)]
KX, KL = trX[idx], trL[idx]
U = oodX[np.random.default_rng(7).permutation(len(oodX))[:300]]; UL = np.array(['unrelated-%d' % (i // 10) for i in range(300)])
KX2 = np.vstack([KX, U]); KL2 = np.concatenate([KL, UL])
qu = np.array([i for i in range(len(teL)) if teL[i] not in known]); qk = np.array([i for i in range(len(teL)) if teL[i] in known])
for lab, X, L in (('without', KX, KL), ('with 300 unrelated', KX2, KL2)):
    _, Fk = signals(X, L, teX[qk], FT.model(X, L), 'n1c'); _, Fu = signals(X, L, teX[qu], FT.model(X, L), 'n1c')
    print('  %s: in-scope answered %.3f, siblings declined %.3f' % (lab, (conf(w, Fk, cols) >= t).mean(), (conf(w, Fu, cols) < t).mean()))
