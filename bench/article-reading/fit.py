import numpy as np, itertools, sys
from an import F
def X(fs,keys): return np.array([[f[k] for k in keys] for f in fs])
def fit(x,y,l2=1e-3):
    mu=x.mean(0); sd=x.std(0); z=(x-mu)/sd; Z=np.c_[np.ones(len(z)),z]; w=np.zeros(Z.shape[1])
    for _ in range(50):
        p=1/(1+np.exp(-Z@w)); g=Z.T@(p-y)+l2*w; Hm=Z.T@(Z*(p*(1-p))[:,None])+l2*np.eye(len(w)); w-=np.linalg.solve(Hm,g)
    return w,mu,sd
def pred(m,x):
    w,mu,sd=m; return 1/(1+np.exp(-(np.c_[np.ones(len(x)),(x-mu)/sd]@w)))
def ev(fs,p,t=0.41):
    ins=[f['inscope'] for f in fs]; r=np.array([f['right'] for f in fs]); i=np.array(ins)==1
    a=p>=t
    return (r&a).sum()/i.sum(), (~a[~i]).mean(), np.mean([not a[k] for k,f in enumerate(fs) if f['g']=='near-miss']), (r&a).sum()/max(1,a.sum())
cands=[['ts'],['tm'],['ts','tm'],['ts','tm','ps'],['ts','tm','ps','pm'],['ts','tm','unk'],['ts','tm','ps','unk'],['ts','tm','ps','pm','unk'],['ts','tm','bs'],['ts','ps'],['ts','tm','cs']]
if __name__ == '__main__':
    tune=F['tune']; y=np.array([f['right'] for f in tune])
    for keys in cands:
        m=fit(X(tune,keys),y); p=pred(m,X(tune,keys))
        # leave-one-article-out CV on tune? use 3-fold by domain (topic prefixes)
        # shift bias to reach 0.85 declined on tune, rule: lowest shift
        res=ev(tune,p)
        # shift
        sh=0
        while ev(tune,1/(1+np.exp(-(np.log(p/(1-p))-sh))))[1]<0.85: sh+=0.05
        p2=1/(1+np.exp(-(np.log(p/(1-p))-sh)))
        r2=ev(tune,p2)
        d=pred(m,X(F['demo'],keys)); d2=1/(1+np.exp(-(np.log(d/(1-d))-sh)))
        dl=d2[0]
        maxnm=max(d2[k] for k,f in enumerate(F['demo']) if not f['inscope'])
        nr=sum(1 for k,f in enumerate(F['demo']) if f['inscope'] and d2[k]>=0.41)
        print('%-28s calib %.3f/%.3f(%.3f)/%.3f | shift %.2f: %.3f/%.3f(%.3f)/%.3f | demo delete %.3f max-nm %.3f right-answered %d/10'%(','.join(keys),*res,sh,*r2,dl,maxnm,nr))

    # the chosen set (ts, tm, cs): raw weights for ArticleReading.article, bias lowered by the rule's shift
    keys=['ts','tm','cs']; w,mu,sd=fit(X(tune,keys),y); p=pred((w,mu,sd),X(tune,keys)); sh=0
    while ev(tune,1/(1+np.exp(-(np.log(p/(1-p))-sh))))[1]<0.85: sh+=0.05
    a=w[1:]/sd; print('chosen ts,tm,cs: shift %.2f, bias %.4f, weights %s'%(sh,w[0]-sh-(a*mu).sum(),np.round(a,4)))
