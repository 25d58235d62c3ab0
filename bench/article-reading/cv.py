import numpy as np, sys
from an import F,H
from fit import fit,pred,X,ev,cands
tune=F['tune']; d=H['tune']
dom={'FOOD':0,'CAR':1,'STREAM':2}
fold=[];nm=0;gn=0
for f in tune:
    if f['inscope']:
        slug=[q[0] for q in d['Q'] if q[2]==f['text']][0]; fold.append(dom[d['topic'][slug].split('_')[0]])
    elif f['g']=='near-miss': fold.append(nm//20); nm+=1
    else: fold.append(gn%3); gn+=1
fold=np.array(fold); y=np.array([f['right'] for f in tune])
def logit(p): return np.log(p/(1-p))
for keys in cands+[['ts','tm','ps','bs'],['tm','ps'],['tm','cs'],['ts','tm','ps','unk','bs']]:
    P=np.zeros(len(tune))
    for k in range(3):
        tr=fold!=k; m=fit(X([tune[i] for i in np.where(tr)[0]],keys),y[tr])
        ptr=pred(m,X([tune[i] for i in np.where(tr)[0]],keys)); trf=[tune[i] for i in np.where(tr)[0]]
        sh=0
        while ev(trf,1/(1+np.exp(-(logit(ptr)-sh))))[1]<0.85: sh+=0.05
        pte=pred(m,X([tune[i] for i in np.where(~tr)[0]],keys))
        P[~tr]=1/(1+np.exp(-(logit(pte)-sh)))
    print('%-28s CV %.3f/%.3f(%.3f)/%.3f'%(','.join(keys),*ev(tune,P)))
