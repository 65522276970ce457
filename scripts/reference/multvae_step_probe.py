"""Probes behind docs/results/training-profile.md (2026-12-05): time of one Mult-VAE training step in plain PyTorch
with the same graph as GenRec (sparse COO input, 2810 items, 600 hidden, 200 latent, batch 500, Adam), with the
variants dense input / embedding_bag, fused addmm, zero_grad(set_to_none). Synthetic rows of 68 items (ML-1M mean).

  python multvae_step_probe.py coo,dense,embbag        # ms per batch of each variant
  python multvae_step_probe.py coo prof                # + torch.profiler table by op and input shape
  python multvae_step_probe.py gemm                    # the three output-layer products alone, 1 and 2 threads
"""
import torch, time, numpy as np, sys
import torch.nn.functional as F
torch.set_num_threads(2); torch.manual_seed(0)
U,I,H,L,B=5949,2810,600,200,500
# synthetic multi-hot with ~68 items/user
rng=np.random.default_rng(0)
rows=[]; cols=[]
for u in range(B):
    it=rng.choice(I,68,replace=False); rows+= [u]*68; cols+=list(it)
rows=torch.tensor(rows); cols=torch.tensor(cols)
def params():
    ps={}
    for n,(a,b) in dict(enc0=(I,H),mu=(H,L),logvar=(H,L),dec0=(L,H),out=(H,I)).items():
        ps[n+'.w']=(torch.randn(a,b)*0.01).requires_grad_(); ps[n+'.b']=torch.zeros(b).requires_grad_()
    return ps
def step(ps, opt, mode):
    keep=torch.rand(len(rows))>0.5
    r,c=rows[keep],cols[keep]; v=torch.full((len(r),),2/np.sqrt(68.))
    if mode=='coo':
        x=torch.sparse_coo_tensor(torch.stack([r,c]),v,(B,I))
        h=(x.matmul(ps['enc0.w'])+ps['enc0.b']).tanh()
    elif mode=='dense':
        x=torch.zeros(B,I); x[r,c]=v
        h=(x@ps['enc0.w']+ps['enc0.b']).tanh()
    elif mode=='embbag':
        # per-row weighted sum of rows of enc0.w
        off=torch.searchsorted(r, torch.arange(B))
        h=(F.embedding_bag(c, ps['enc0.w'], off, mode='sum', per_sample_weights=v)+ps['enc0.b']).tanh()
    lin=(lambda x,n: x@ps[n+'.w']+ps[n+'.b']) if not fused else (lambda x,n: torch.addmm(ps[n+'.b'],x,ps[n+'.w']))
    mu=lin(h,'mu'); lv=lin(h,'logvar')
    z=mu+torch.randn(B,L)*(0.5*lv).exp()
    kl=(0.5*(-lv+lv.exp()+mu*mu-1)).sum(1).mean()
    h=lin(z,'dec0').tanh(); logits=lin(h,'out')
    flat=r*I+c
    nll=-logits.log_softmax(1).reshape(-1).take(flat).sum()/B
    loss=nll+0.1*kl
    opt.zero_grad(set_to_none=setnone); loss.backward(); opt.step()
if sys.argv[1] == 'gemm':
    a=torch.randn(500,600); w=torch.randn(600,2810); g=torch.randn(500,2810)
    for th in (1, 2):
        torch.set_num_threads(th)
        for name,f in [("fwd h@W",lambda: a@w),("dW h^T@g",lambda: a.t()@g),("dh g@W^T",lambda: g@w.t())]:
            for _ in range(3): f()
            t=time.perf_counter(); n=20
            for _ in range(n): f()
            dt=(time.perf_counter()-t)/n
            print(f"{th} thread(s) {name}: {dt*1e3:.2f} ms, {500*600*2810/dt/1e9:.1f} GMAC/s")
    sys.exit(0)
for mode in sys.argv[1].split(','):
  for fused in (False,True):
    for setnone in (False,True):
        ps=params(); opt=torch.optim.Adam(ps.values(),lr=1e-3, foreach=True)
        for _ in range(3): step(ps,opt,mode)
        t=time.perf_counter(); n=24
        for _ in range(n): step(ps,opt,mode)
        print(f"{mode} fused={fused} setnone={setnone}: {(time.perf_counter()-t)/n*1e3:.1f} ms/batch", flush=True)
if len(sys.argv)>2:
    from torch.profiler import profile, ProfilerActivity
    fused=False; setnone=True; mode='coo'
    ps=params(); opt=torch.optim.Adam(ps.values(),lr=1e-3, foreach=True)
    for _ in range(3): step(ps,opt,mode)
    with profile(activities=[ProfilerActivity.CPU], record_shapes=True) as prof:
        for _ in range(12): step(ps,opt,mode)
    print(prof.key_averages(group_by_input_shape=True).table(sort_by="self_cpu_time_total", row_limit=16))
