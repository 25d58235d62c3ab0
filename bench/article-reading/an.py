import numpy as np, re, collections
rows=[l.rstrip('\n').split('\t') for l in open(__import__('os').path.join(__import__('os').path.dirname(__import__('os').path.abspath(__file__)), '../../target/article-vectors.tsv'))]
def V(s): return np.array([float(x) for x in s.strip(',').split(',')])
H=collections.defaultdict(lambda: {'A':{},'B':{},'C':{},'S':collections.defaultdict(list),'Q':[],'topic':{},'text':{}})
for k,h,slug,g,text,v in rows:
    d=H[h]
    if k=='Q': d['Q'].append((slug,g,text,V(v)))
    elif k=='S': d['S'][slug].append((text,V(v)))
    else:
        d[k][slug]=V(v); d['topic'][slug]=g
        if k=='B': d['text'][slug]=text
        if k=='A': d['title']=d.get('title',{}); d['title'][slug]=text
STOP=set("a an the i my me we you your our us is are was were be been am do does did can could would should will how what when where why which who to of in on for with at by from and or not no it its this that there here have has had get got please hi hello any some about as if so just into out up off than then them they he she his her also one".split())
def words(s): return [w for w in re.findall(r"[a-z0-9]+",s.lower()) if w not in STOP and len(w)>1]
def feats(h):
    d=H[h]; slugs=list(d['A']); T=np.array([d['A'][s] for s in slugs])
    topics=sorted(set(d['topic'].values()))
    cent={t:np.mean([d['A'][s] for s in slugs if d['topic'][s]==t],0) for t in topics}
    for t in cent: cent[t]/=np.linalg.norm(cent[t])
    vocab=set()
    for s in slugs: vocab|=set(words(d['title'][s]+' '+d['text'][s]))
    out=[]
    for slug,g,text,q in d['Q']:
        sims=T@q
        # product ranking: topic by nearest+centroid, then nearest source of topic
        best=None
        for t in topics:
            idx=[i for i,s in enumerate(slugs) if d['topic'][s]==t]
            i=max(idx,key=lambda i:sims[i]); sc=sims[i]+cent[t]@q
            if best is None or sc>best[0]: best=(sc,i)
        i=best[1]; a=slugs[i]
        srt=np.sort(sims)[::-1]
        other=np.max(np.delete(sims,i))
        ps=max(v@q for _,v in d['S'][a])
        pss=sorted([v@q for _,v in d['S'][a]],reverse=True)
        # best passage over other articles
        po=max(v@q for s2 in slugs if s2!=a for _,v in d['S'][s2])
        aw=set(words(d['title'][a]+' '+d['text'][a]))
        qw=words(text)
        def held(w,ws): return any(w==x or (len(w)>=4 and len(x)>=4 and (x.startswith(w[:4]) )) for x in ws)
        unk_art=sum(1 for w in qw if not held(w,aw))/max(1,len(qw))
        unk_all=sum(1 for w in qw if not held(w,vocab))/max(1,len(qw))
        out.append(dict(h=h,text=text,g=g,right=int(a==slug),inscope=int(slug!='-'),ans=a,ts=sims[i],tm=sims[i]-other,
            bs=d['B'][a]@q,cs=d['C'][a]@q,ps=ps,pm=ps-po,unk=unk_art,unka=unk_all,nq=len(qw)))
    return out
F={h:feats(h) for h in ['tune','test','demo']}
if __name__=='__main__':
    for h in ['tune','demo']:
        for key in ['ts','tm','bs','cs','ps','pm','unk','unka']:
            r=[f[key] for f in F[h] if f['right']]; w=[f[key] for f in F[h] if f['inscope'] and not f['right']]; o=[f[key] for f in F[h] if not f['inscope']]
            print(h,key,'right %.3f±%.3f  wrong %.3f  oos %.3f±%.3f'%(np.mean(r),np.std(r),np.mean(w) if w else 0,np.mean(o),np.std(o)))
    for f in F['demo']: print('%-60s %s ts %.3f tm %.3f bs %.3f ps %.3f pm %.3f unk %.2f %s'%(f['text'],f['right'],f['ts'],f['tm'],f['bs'],f['ps'],f['pm'],f['unk'],f['ans']))
