#!/usr/bin/env python3
"""Fits the assistant's confidence model (TopicVote) on tuning data only (Banking77 plus out-of-domain texts), simulating TopicModel + TopicVote with exact
cosine kNN over the embeddings that Dump.java wrote (numpy only). Run through ./run.

Protocol, mirroring deployment: SPLITS random splits of Banking77's topics into known and unknown (no sibling
selection: a seeded shuffle), each in four datasets: {10 examples per known topic, all examples} x {a third of the
topics known, three quarters known}. Every Banking77 test question is asked: known topic = in scope (right when the
winning topic is its topic), unknown topic = out of scope (should be declined).

Out-of-domain unknowns (2 December, stated before any CLINC150 run): Banking77's unknown questions are all siblings
of known topics (one domain); deployment also meets questions about things no topic is near. So each dataset also
asks out-of-domain texts from tuning data only (ood.txt: sentiment-dev reviews and the customer-service sentiment
set's train split, without texts about money, cards or accounts; see ./run). The out-of-domain pool is cut into SPLITS
folds; split s asks fold s only, so the left-out split of the cross-validation never reuses a text it was fitted on.
Unknowns are weighted HALF SIBLINGS, HALF OUT-OF-DOMAIN (OOD_SHARE), with the same total weight as the siblings had
alone (the in-scope / unknown balance of the protocol is unchanged): we do not know deployment's mix, and half and
half is the prior that favours neither kind. The decline rate is the same mix: (siblings declined + OOD declined) / 2.

Signals of the winning topic (from the RETRIEVE nearest sources, as retrieval gives them, plus the topic model):
  n1   similarity of its nearest source              m1   n1 minus the second topic's n1
  k3   mean of its 3 nearest sources' similarity      mk   k3 minus the second topic's k3
       (missing ones count as the RETRIEVE-th similarity)
  c    similarity to its centroid                     mc   c minus the second topic's c
  zn   n1 as a z-score against the topic's own sources (left one out, shrunk)
  zc   c likewise
  f    the RETRIEVE-th nearest source's similarity (how crowded the knowledge around the question is; absolute)
The winning topic is the one with the best n1 + c (the current ranking) or k3 + c (kNN aggregated per topic).

Choice of the signal set (3 December, stated before the run that chose it): each candidate is fitted on Banking77 and
judged twice: by leave-one-split-out cross-validation on Banking77 (fit on the other splits, pick the threshold on
them by the rule, judge on the left-out split), and on a second domain it was never fitted on, the written transfer
set (src/test/resources/assistant/transfer: 30 intents in six other customer-service domains and 300 out-of-scope
texts) at the threshold the rule chose on Banking77. Among the candidates that decline at least 80 % of the transfer
set's out-of-scope questions there, the one whose worse figure (Banking77 CV in-scope accuracy, transfer in-scope
accuracy) is best wins. The ranking stays the product's (nearest + centroid). Until 2 December the best Banking77 CV
alone chose, and the absolute similarities it chose held poorly in other domains (transfer in-scope 0.57 / 0.63).
Threshold rule, stated before any run: the lowest threshold (step 0.01) at which the out-of-scope decline rate,
averaged over the datasets it is chosen on, reaches 0.85 (the decline rate of a dataset being the half-and-half mix).
"""
import numpy as np, os, random, sys

KPRIOR, S0, RETRIEVE, TOPK = 3.0, 0.05, 30, 3
SPLITS = 5
DECLINE_TARGET = 0.85
OOD_SHARE = 0.5
ALL = ['n1', 'm1', 'k3', 'mk', 'c', 'mc', 'zn', 'zc', 'f']
# The same signals in units of the knowledge's own spread (3 December): similarities minus the mean, and margins, over
# the standard deviation of the pooled left-one-out similarities of all topics (nearest phrasing for n1, k3, f; the
# centroid's for c), i.e. TopicModel's all-topics prior. Banking77's bge similarities sit in 0.85-0.95; another
# domain's (shorter, more varied questions) lower, so absolute weights fitted on Banking77 decline most of another
# domain's right answers (the written transfer set below: 0.57 answered right at the threshold chosen on Banking77).
NORMED = ['Nn1', 'Nm1', 'Nk3', 'Nmk', 'Nc', 'Nmc', 'Nf']
SIGNALS = ALL + NORMED
EIGHT = ALL[:8]
CANDIDATES = [
    ['n1', 'm1', 'c', 'mc', 'zn', 'zc'],            # the current model's signals (topic chosen by k3 + c here)
    ['n1', 'm1', 'k3', 'mk', 'c', 'mc'],
    ['k3', 'mk', 'c', 'mc', 'zn', 'zc'],
    EIGHT,                                          # the 2 December model's signals
    ['m1', 'mk', 'mc', 'zn', 'zc'],                 # relative signals only
    ['k3', 'mk', 'mc', 'zn'],
    ALL,                                            # plus the absolute crowding f
    ['n1', 'm1', 'k3', 'mk', 'c', 'mc', 'f'],       # absolute similarities and margins, no z-scores
    ['Nn1', 'Nm1', 'Nk3', 'Nmk', 'Nc', 'Nmc', 'zn', 'zc', 'Nf'],  # ALL, standardised by the knowledge's own spread
    ['Nm1', 'Nk3', 'Nmk', 'Nmc', 'zn', 'zc', 'Nf'],
    ['Nn1', 'Nm1', 'Nk3', 'Nmk', 'Nc', 'Nmc', 'zn', 'zc'],
]

def load(n):
    X = np.fromfile(n + '.f32', dtype='<f4').reshape(-1, 384)
    return X, np.array(open(n + '.lab').read().split('\n')[:-1])

def loo(E):
    c = E.sum(0)
    if len(E) < 2: return np.array([]), np.array([])
    S = E @ E.T; np.fill_diagonal(S, -2)
    l = c[None, :] - E; nl = np.linalg.norm(l, axis=1); nl[nl == 0] = 1
    return S.max(1), (E * l).sum(1) / nl

# Pseudo-values of the tuning data's pooled statistics (Banking77, 10 examples per topic) that the knowledge's own are
# mixed with (TopicModel.KNOWLEDGE_PRIOR_WEIGHT): a knowledge of a few sources, often unrelated articles rather than
# phrasings of one question, says little about how close two phrasings of a question are; standardised by its own
# spread alone, a question loosely related to one of nine demo articles read as typical and was answered. 20 costs the
# transfer set about a point (A 0.797 -> 0.785 in-scope, B 0.831 -> 0.829) and Banking77 nothing; 50 cost 3 points.
KPOOL = float(os.environ.get('KPOOL', '20'))

def mixed(v, m0, s0):
    """Mean and spread of the values together with KPOOL pseudo-values of mean m0 and spread s0."""
    n = len(v)
    if n < 2 and KPOOL == 0: return m0, s0
    m = (v.sum() + KPOOL * m0) / (n + KPOOL)
    var = (((v - m) ** 2).sum() + KPOOL * (s0 ** 2 + (m0 - m) ** 2)) / (n + KPOOL)
    return m, np.sqrt(var)

def pooled_spread(raw):
    """The knowledge's spread as TopicModel reads it: every topic's left-one-out values pooled, mixed with KPOOL."""
    allnn = np.concatenate([r[1] for r in raw.values()]); alllc = np.concatenate([r[2] for r in raw.values()])
    return mixed(allnn, 0.90, 0.06) + mixed(alllc, 0.89, 0.05)

# Whose spread the standardised signals (NORMED) are read in: the winning topic's own left-one-out statistics
# (3 December, late; 'topic'), or the knowledge's pooled over all topics ('pooled', the model until then).
# local-spread.py showed the pooled reading makes a knowledge of two domains cautious in the one whose phrasings lie
# further apart (the written transfer set beside Banking77: in-scope 0.848 alone, 0.676 together; by the topic's own
# spread 0.848 and 0.806), as CLINC150's protocol 2 (ten domains) had been (0.745); by the choice rule below, stated
# before, 'topic' also wins on Banking77 and the transfer set alone.
SPREAD = os.environ.get('SPREAD', 'topic')

# How model() reads the knowledge's spread from the topics' (centroid, nearest, to-centroid) values; a side experiment
# (knowledge-spread.py) puts another reading here.
knowledge_spread = pooled_spread

def model(KX, KL):
    raw = {}
    for t in sorted(set(KL)):
        E = KX[KL == t]; nn, lc = loo(E); c = E.sum(0); raw[t] = (c / np.linalg.norm(c), nn, lc)
    pm = knowledge_spread(raw)
    def shr(v, m0, s0):
        if len(v) == 0: return m0, s0
        return (v.sum() + KPRIOR * m0) / (len(v) + KPRIOR), np.sqrt((((v - v.mean()) ** 2).sum() + KPRIOR * s0 ** 2) / (len(v) + KPRIOR))
    st = {t: (c,) + shr(nn, pm[0], pm[1]) + shr(lc, pm[2], pm[3]) for t, (c, nn, lc) in raw.items()}
    return st, pm

def signals(KX, KL, QX, stpm, rank='k3c'):
    st, (nm, ns, cm, cs) = stpm
    T = sorted(st); ti = {t: i for i, t in enumerate(T)}; li = np.array([ti[l] for l in KL])
    S = QX @ KX.T; SC = QX @ np.stack([st[t][0] for t in T]).T
    nq, nt = len(QX), len(T)
    top = np.argpartition(-S, RETRIEVE, axis=1)[:, :RETRIEVE]
    N1 = np.full((nq, nt), -9.0); K3 = np.full((nq, nt), -9.0); cand = np.zeros((nq, nt), bool)
    for q in range(nq):
        sims = S[q, top[q]]; pad = sims.min(); labs = li[top[q]]
        order = np.argsort(-sims); sims, labs = sims[order], labs[order]
        for t in np.unique(labs):
            v = sims[labs == t][:TOPK]
            N1[q, t] = v[0]; K3[q, t] = (v.sum() + pad * (TOPK - len(v))) / TOPK; cand[q, t] = True
    score = {'k3c': K3 + SC, 'n1c': N1 + SC}[rank]
    o = np.argsort(-np.where(cand, score, -99), 1); b1, b2 = o[:, 0], o[:, 1]; r = np.arange(nq)
    has2 = cand[r, b2]
    def mg(A): return np.where(has2, A[r, b1] - A[r, b2], A[r, b1])
    s = np.array([st[T[b]][1:] for b in b1])
    zn = (N1[r, b1] - s[:, 0]) / np.sqrt(s[:, 1] ** 2 + S0 ** 2); zc = (SC[r, b1] - s[:, 2]) / np.sqrt(s[:, 3] ** 2 + S0 ** 2)
    pad = S[r[:, None], top].min(1)
    if SPREAD == 'topic':
        # The winning topic's own spread (shrunk toward the knowledge's, floored as zn's), not the knowledge's pooled one.
        nm, ns, cm, cs = s[:, 0], np.sqrt(s[:, 1] ** 2 + S0 ** 2), s[:, 2], np.sqrt(s[:, 3] ** 2 + S0 ** 2)
    F = np.stack([N1[r, b1], mg(N1), K3[r, b1], mg(K3), SC[r, b1], mg(SC), zn, zc, pad,
                  (N1[r, b1] - nm) / ns, mg(N1) / ns, (K3[r, b1] - nm) / ns, mg(K3) / ns, (SC[r, b1] - cm) / cs,
                  mg(SC) / cs, (pad - nm) / ns], 1)
    return np.array(T)[b1], F

def dataset(trX, trL, teX, teL, oodX, shots, known_share, seed, rank='k3c'):
    """Signals of every question, right answers, in-scope mask, fit weights and kind (0 in scope, 1 sibling, 2 OOD)."""
    topics = sorted(set(trL)); rng = random.Random(seed); rng.shuffle(topics)
    known = set(topics[:round(len(topics) * known_share)])
    idx = [i for i in range(len(trL)) if trL[i] in known]
    if shots:
        by = {}
        for i in idx: by.setdefault(trL[i], []).append(i)
        idx = [j for t in sorted(by) for j in rng.sample(by[t], min(shots, len(by[t])))]
    QX = np.vstack([teX, oodX]); QL = np.concatenate([teL, np.array(['(out of domain)'] * len(oodX))])
    top, F = signals(trX[idx], trL[idx], QX, model(trX[idx], trL[idx]), rank)
    ins = np.array([l in known for l in QL])
    kind = np.where(ins, 0, 1); kind[len(teX):] = 2
    nsib, nood = (kind == 1).sum(), (kind == 2).sum()
    wt = np.where(kind == 0, 1.0, np.where(kind == 1, 1 - OOD_SHARE, OOD_SHARE * nsib / nood))
    return F, ins & (top == QL), ins, wt, kind

def fit(X, y, a, l2=1e-3):
    """Weighted logistic regression (weights a), Newton steps."""
    mu, sd = X.mean(0), X.std(0) + 1e-9
    Z = np.hstack([np.ones((len(X), 1)), (X - mu) / sd]); w = np.zeros(Z.shape[1]); n = a.sum()
    for _ in range(50):
        p = 1 / (1 + np.exp(-Z @ w))
        w -= np.linalg.solve((Z.T * (a * p * (1 - p))) @ Z / n + l2 * np.eye(len(w)), Z.T @ (a * (p - y)) / n + l2 * w)
    # back to raw signals: z = b + sum w_i (x_i - mu_i)/sd_i
    W = w[1:] / sd
    return np.concatenate([[w[0] - (W * mu).sum()], W])

def conf(w, F, cols): return 1 / (1 + np.exp(-(w[0] + F[:, cols] @ w[1:])))

def rates(w, cols, sets, t):
    """Mean over the datasets of: in-scope accuracy, declined (the mix), siblings declined, out-of-domain declined."""
    r = []
    for F, y, ins, wt, kind in sets:
        ans = conf(w, F, cols) >= t
        sib, ood = (~ans[kind == 1]).mean(), (~ans[kind == 2]).mean()
        r.append(((ans & y).sum() / ins.sum(), (1 - OOD_SHARE) * sib + OOD_SHARE * ood, sib, ood))
    return np.mean(r, 0)

def rule(w, cols, sets):
    for t in np.arange(0.01, 1.0, 0.01):
        if rates(w, cols, sets, t)[1] >= DECLINE_TARGET: return round(t, 2)
    return 0.99

def fitted(sets, cols):
    return fit(np.vstack([d[0][:, cols] for d in sets]), np.concatenate([d[1] for d in sets]).astype(float),
               np.concatenate([d[3] for d in sets]))

def auc_like(w, cols, sets):
    """In-scope accuracy at the threshold where each dataset itself declines DECLINE_TARGET (separation alone)."""
    out = []
    for F, y, ins, wt, kind in sets:
        c = conf(w, F, cols); u = ~ins; o = np.argsort(c[u]); cw = np.cumsum(wt[u][o]) / wt[u].sum()
        t = c[u][o][min(np.searchsorted(cw, DECLINE_TARGET), u.sum() - 1)]
        out.append(((c > t) & y).sum() / ins.sum())
    return np.mean(out)

TRANSFER_DECLINE = 0.80

def transfer_sets(rank):
    """The written cross-domain set (src/test/resources/assistant/transfer: 30 intents in six other customer-service
    domains, 300 out-of-scope texts), in CLINC150's two protocols' shapes, 5 seeded splits each, two thirds of the
    intents known: A) 10 examples per known intent, its test questions and the out-of-scope texts asked; B) all 20
    examples, every test question (unknown intents' ones out of scope) and the out-of-scope texts asked.
    C (3 December, evening): CLINC150's protocol 2 in full: 100 examples per known intent (the 20 of B and 80 more
    phrasings per intent, many/*.tsv), three quarters of the intents known, every test question and the out-of-scope
    texts asked. Protocol 2 was the one CLINC150 figure short of the target (0.745 in-scope at 0.891 declined), and
    neither Banking77 nor A and B showed a regime of many examples per intent in another domain."""
    X = np.fromfile('tr_intents.f32', dtype='<f4').reshape(-1, 384)
    rows = [l.rstrip('\n').split('\t') for l in open('tr_intents.meta')]
    L = np.array([r[0] for r in rows]); S = np.array([r[1] for r in rows])
    oX = np.fromfile('tr_oos.f32', dtype='<f4').reshape(-1, 384)
    if os.path.exists('tr_more.f32'):
        more = [l.rstrip('\n').split('\t') for l in open('tr_more.meta')]
        X = np.vstack([X, np.fromfile('tr_more.f32', dtype='<f4').reshape(-1, 384)])
        L = np.concatenate([L, np.array([r[0] for r in more])]); S = np.concatenate([S, np.array(['more'] * len(more))])
    out = {}
    shapes = (('A', 10, False, 2 / 3, ('train',)), ('B', None, True, 2 / 3, ('train',)))
    if 'more' in S:
        shapes += (('C', None, True, 3 / 4, ('train', 'more')),)
    for name, shots, siblings, share, splits in shapes:
        out[name] = []
        for seed in range(SPLITS):
            intents = sorted(set(L)); rng = random.Random(seed); rng.shuffle(intents)
            known = set(intents[:round(len(intents) * share)])
            tr = [i for i in range(len(L)) if S[i] in splits and L[i] in known]
            if shots:
                by = {}
                for i in tr: by.setdefault(L[i], []).append(i)
                tr = [j for t in sorted(by) for j in rng.sample(by[t], min(shots, len(by[t])))]
            te = [i for i in range(len(L)) if S[i] == 'test' and (siblings or L[i] in known)]
            QX = np.vstack([X[te], oX]); QL = np.concatenate([L[te], np.array(['(out of scope)'] * len(oX))])
            top, F = signals(X[tr], L[tr], QX, model(X[tr], L[tr]), rank)
            ins = np.array([l in known for l in QL])
            out[name].append((F, ins & (top == QL), ins))
    return out

def transfer_rates(w, cols, sets, t):
    """Mean over the splits of in-scope accuracy and the share of out-of-scope questions declined."""
    return np.mean([(((conf(w, F, cols) >= t) & y).sum() / ins.sum(), (conf(w, F, cols) < t)[~ins].mean())
                    for F, y, ins in sets], 0)

if __name__ == '__main__':
    trX, trL = load('b77_train'); teX, teL = load('b77_test'); oodX, oodS = load('ood')
    folds = np.array_split(np.random.default_rng(2026_12_02).permutation(len(oodX)), SPLITS)
    print('out-of-domain texts per split: %s; unknowns weighted %.0f %% siblings, %.0f %% out of domain'
          % (', '.join(str(len(f)) for f in folds), 100 * (1 - OOD_SHARE), 100 * OOD_SHARE))
    results = []; data = {}
    for rank in ['n1c', 'k3c']:
        TR = transfer_sets(rank)
        D = {}
        for seed in range(1, SPLITS + 1):
            D[seed] = [dataset(trX, trL, teX, teL, oodX[folds[seed - 1]], shots, share, 1000 + seed, rank)
                       for shots in (10, None) for share in (1 / 3, 3 / 4)]
        data[rank] = D
        alls = [d for v in D.values() for d in v]
        print('ranking by %s: right topic on top, in scope: %s' % (rank, ' '.join(
            '%.3f' % np.mean([d[1][d[2]].mean() for d in [v[i] for v in D.values()]]) for i in range(4))),
            '(10-shot 1/3, 10-shot 3/4, all 1/3, all 3/4)')
        for names in CANDIDATES:
            cols = [SIGNALS.index(n) for n in names]
            cv = []
            for s in D:
                train = [d for k, v in D.items() if k != s for d in v]
                w = fitted(train, cols); t = rule(w, cols, train)
                cv.append(list(rates(w, cols, D[s], t)) + [t])
            cv = np.array(cv).mean(0)
            w = fitted(alls, cols); t = rule(w, cols, alls)
            ta, tb = transfer_rates(w, cols, TR['A'], t), transfer_rates(w, cols, TR['B'], t)
            tc = transfer_rates(w, cols, TR['C'], t) if 'C' in TR else (np.nan, np.nan)
            print('  %-45s CV: in-scope %.3f, declined %.3f (siblings %.3f, out of domain %.3f; threshold %.2f); '
                  'separation %.3f; transfer at %.2f: A %.3f/%.3f, B %.3f/%.3f, C %.3f/%.3f'
                  % (','.join(names), *cv, auc_like(w, cols, alls), t, *ta, *tb, *tc))
            ok = (ta[1] + tb[1]) / 2 >= TRANSFER_DECLINE
            if rank == 'n1c':
                results.append((ok, min(cv[0], (ta[0] + tb[0]) / 2), rank, names))
    # Choice (3 December, stated before the run): a model must hold in a domain it was not fitted on. Among the
    # candidates whose transfer set declines TRANSFER_DECLINE of its out-of-scope questions (mean of A and B) at the
    # threshold the rule chose on Banking77, the best of the worse of (cross-validated in-scope accuracy on Banking77,
    # mean in-scope accuracy on the transfer set). The ranking stays the product's, nearest + centroid (n1c): it puts
    # the right topic first more often on Banking77 in all four regimes; k3c is printed for comparison only.
    _, _, rank, names = max(results); cols = [SIGNALS.index(n) for n in names]
    D = data[rank]; alls = [d for v in D.values() for d in v]
    w = fitted(alls, cols); t = rule(w, cols, alls)
    print('chosen: ranking', rank, 'signals', names)
    print('BIAS %.4f W %s' % (w[0], ', '.join('%.4f' % x for x in w[1:])))
    print('threshold: in-scope/declined(mix)/siblings/OOD for 10-shot 1/3 known, 10-shot 3/4, all 1/3, all 3/4; mean')
    for tt in sorted(set(np.round(np.arange(0.20, 0.91, 0.05), 2)) | {t}):
        per = [rates(w, cols, [v[i] for v in D.values()], tt) for i in range(4)]
        print('threshold %.2f: ' % tt + ', '.join('%.3f/%.3f/%.3f/%.3f' % tuple(p) for p in per),
              ' mean %.3f/%.3f/%.3f/%.3f' % tuple(rates(w, cols, alls, tt)))
    TR = transfer_sets(rank)
    print('transfer set at each threshold (in-scope / out-of-scope declined): A, B, C')
    for tt in sorted(set(np.round(np.arange(0.20, 0.61, 0.05), 2)) | {t}):
        print('threshold %.2f: ' % tt + ', '.join('%s %.3f/%.3f' % (k, *transfer_rates(w, cols, TR[k], tt)) for k in TR))
    print('min-confidence (rule: lowest threshold with mean declined >= %.2f): %.2f' % (DECLINE_TARGET, t),
          'in-scope %.3f declined %.3f (siblings %.3f, out of domain %.3f)' % tuple(rates(w, cols, alls, t)))
    print('mean (spread) over topics of the nearest phrasing, left one out, and of the similarity to the centroid, '
          '10 examples per topic: TopicModel\'s defaults')
    nn, lc = zip(*[loo(trX[trL == t][:10]) for t in sorted(set(trL))])
    print('  nearest %.2f (%.2f), centroid %.2f (%.2f)' % (np.concatenate(nn).mean(), np.concatenate(nn).std(),
                                                       np.concatenate(lc).mean(), np.concatenate(lc).std()))
