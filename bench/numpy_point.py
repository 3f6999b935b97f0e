#!/usr/bin/env python3
"""Minimal numpy equivalent of one diffsweep grid point, timed per stage.

Same algorithm, stage for stage, as org.diffsweep.bench.ReferencePoint (theory.md sections 2.3 and 2.5):

  features    W ~ N(0,1) p x d, two classes (A: r=1, theta=0, var 1; B: r=1, theta=180, var 0.5),
              training and test sets of n/2 points per class, H = e^{-t} W X^T / sqrt(d)
  quadrature  Gauss-Hermite (probabilists', K nodes) noise averages of He_s(u) tanh(h + sqrt(Delta_t) omega_i u),
              s = 0, 1, 2, of tanh^2 (exact diagonal of U) and of tanh' (Stein coefficient of V)
  gram        U_c = G0 + R o G1 + (R o R / 2) o G2 with exact diagonal, G_s = F_s F_s^T / n_c (syrk),
              R = W W^T / (d omega_i omega_j); V_c = diag(c_c) W sqrt(Delta_t / d); pooled U
  eigen       numpy.linalg.eigh (LAPACK dsyevd)
  curves      M = Q^T V V^T Q, N_c = Q^T U_c Q, P_c = diag(Q^T V_c V^T Q),
              L_c(tau) = 1 + (1/d) [f^T (M o N_c) f + 2 P_c . f] for all tau at once (O(p^2) per tau)

Usage: numpy_point.py [--point d:psiP:psiN[:label]]... [--repeats N] [--clock cpu|wall] [--csv FILE]
Keep it single-threaded for a fair comparison: OPENBLAS_NUM_THREADS=1 (bench/compare.sh sets it).
"""
import argparse
import ctypes
import glob
import os
import sys
import time

import numpy as np

STAGES = ["features", "quadrature", "gram", "eigen", "curves"]


def blas_info():
    """Which BLAS numpy uses: threadpoolctl when installed, else numpy's build config and the core name."""
    try:
        from threadpoolctl import threadpool_info
        infos = [i for i in threadpool_info() if i.get("user_api") == "blas"]
        if infos:
            i = infos[0]
            return "%s %s (%s, %s threads)" % (i.get("internal_api"), i.get("version"), i.get("architecture"),
                                              i.get("num_threads"))
    except ImportError:
        pass
    desc = "numpy %s" % np.__version__
    try:
        cfg = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        desc += ", blas %s %s" % (cfg.get("name"), cfg.get("version"))
    except Exception:  # older numpy: no dict mode
        pass
    libs = glob.glob(os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "libscipy_openblas*.so"))
    if libs:
        try:
            lib = ctypes.CDLL(libs[0])
            for sym in ("scipy_openblas_get_corename64_", "scipy_openblas_get_corename"):
                if hasattr(lib, sym):
                    f = getattr(lib, sym)
                    f.restype = ctypes.c_char_p
                    desc += ", core %s" % f().decode()
                    break
        except OSError:
            pass
    return desc


class Point:
    def __init__(self, d, psi_p, psi_n, t=0.01, quad=40, taus=200):
        self.d, self.psi_p, self.t = d, psi_p, t
        self.p = int(round(psi_p * d))
        self.nc = [int(round(0.5 * psi_n * d))] * 2
        self.off = [0, self.nc[0], self.nc[0] + self.nc[1]]
        self.n = self.off[2]
        self.delta = -np.expm1(-2 * t)
        u, w = np.polynomial.hermite_e.hermegauss(quad)
        self.gu, self.gw = u, w / w.sum()
        self.kq = np.stack([self.gw, self.gw * self.gu, self.gw * (self.gu ** 2 - 1)], axis=1)  # K x 3
        self.tau = np.exp(np.linspace(np.log(1e-2), np.log(1e7), taus))
        self.mu = [np.zeros(d), np.zeros(d)]
        self.mu[0][0] = np.sqrt(d)
        self.mu[1][0] = -np.sqrt(d)   # r = 1, theta = 180 degrees
        self.var = [1.0, 0.5]

    def quadrature(self, h, omega):
        """F0, F1, F2 (p x n), per-class mean diagonal D_c and Stein coefficient c_c (p)."""
        p, n = h.shape
        a = np.sqrt(self.delta) * omega
        fs = np.empty((3, p, n))
        sq = np.empty((p, n))
        rows = max(1, (4 << 20) // (n * len(self.gu)))   # ~32 MB per chunk
        for i in range(0, p, rows):
            z = h[i:i + rows, :, None] + a[i:i + rows, None, None] * self.gu[None, None, :]
            f = np.tanh(z)
            fs[:, i:i + rows, :] = np.moveaxis(f @ self.kq, 2, 0)
            sq[i:i + rows, :] = (f * f) @ self.gw
        diag = [sq[:, self.off[c]:self.off[c + 1]].mean(axis=1) for c in range(2)]
        stein = [1.0 - dc for dc in diag]            # E[1 - tanh^2], the GH weights sum to 1
        return fs, diag, stein

    def run(self, seed, clock):
        d, p, t = self.d, self.p, self.t
        rng = np.random.default_rng(seed)
        sec = {}
        t0 = clock()
        # features
        W = rng.standard_normal((p, d))
        omega = np.sqrt((W * W).sum(axis=1) / d)
        X = np.concatenate([self.mu[c] + np.sqrt(self.var[c]) * rng.standard_normal((self.nc[c], d)) for c in range(2)])
        Xt = np.concatenate([self.mu[c] + np.sqrt(self.var[c]) * rng.standard_normal((self.nc[c], d)) for c in range(2)])
        pre = np.exp(-t) / np.sqrt(d)
        H = pre * (W @ X.T)
        Ht = pre * (W @ Xt.T)
        t1 = clock()
        # quadrature
        fs, dg, st = self.quadrature(H, omega)
        fst, dgt, stt = self.quadrature(Ht, omega)
        t2 = clock()
        # gram
        R = (W @ W.T) / d / np.outer(omega, omega)
        R2 = 0.5 * R * R
        Uc = []
        for F, D in ((fs, dg), (fst, dgt)):
            for c in range(2):
                sl = slice(self.off[c], self.off[c + 1])
                inv = 1.0 / self.nc[c]
                A = [np.ascontiguousarray(F[s][:, sl]) for s in range(3)]
                U = A[0] @ A[0].T          # A @ A.T of one buffer: numpy calls dsyrk
                G = A[1] @ A[1].T
                G *= R
                U += G
                G = A[2] @ A[2].T
                G *= R2
                U += G
                U *= inv
                np.fill_diagonal(U, D[c])
                Uc.append(U)
        wa, wb = self.nc[0] / self.n, self.nc[1] / self.n
        U = wa * Uc[0] + wb * Uc[1]
        t3 = clock()
        # eigen
        lam, Q = np.linalg.eigh(U)
        t4 = clock()
        # curves
        vs = np.sqrt(self.delta / d)
        cpool = wa * st[0] + wb * st[1]
        Y = Q.T @ ((cpool * vs)[:, None] * W)
        M = Y @ Y.T
        Fm = np.expm1(-2 * self.delta * np.outer(lam, self.tau) / self.psi_p) / lam[:, None]
        curves = []
        for slot, cc in enumerate((st[0], st[1], stt[0], stt[1])):
            Yc = Q.T @ ((cc * vs)[:, None] * W)
            N = Q.T @ (Uc[slot] @ Q)
            Z = (M * N) @ Fm
            P = (Yc * Y).sum(axis=1)
            curves.append(1 + ((Fm * Z).sum(axis=0) + 2 * (P @ Fm)) / d)
        t5 = clock()
        for k, (a, b) in enumerate(((t0, t1), (t1, t2), (t2, t3), (t3, t4), (t4, t5))):
            sec[STAGES[k]] = b - a
        return sec, lam, curves


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--point", action="append", default=[])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--clock", choices=["cpu", "wall"], default="cpu")
    ap.add_argument("--csv")
    args = ap.parse_args()
    points = args.point or ["64:8:2:quickstart d64/p8/n2", "100:8:4:d100/p8/n4"]
    clock = time.thread_time if args.clock == "cpu" else time.perf_counter
    print("numpy point pipeline: %s, OPENBLAS_NUM_THREADS=%s, clock %s, %d repeats after 1 warm-up"
          % (blas_info(), os.environ.get("OPENBLAS_NUM_THREADS", "(unset)"),
             "thread CPU time" if args.clock == "cpu" else "wall", args.repeats))
    rows = ["section,item,size,median_s,min_s,max_s,gflops,pct_of_calibration"]
    for spec in points:
        f = spec.split(":")
        d, psi_p, psi_n = int(f[0]), float(f[1]), float(f[2])
        label = f[3] if len(f) > 3 else "d%s/p%s/n%s" % (f[0], f[1], f[2])
        pt = Point(d, psi_p, psi_n)
        pt.run(12345, clock)
        samples = {s: [] for s in STAGES + ["total"]}
        for r in range(args.repeats):
            sec, lam, curves = pt.run(1000 + r, clock)
            for s in STAGES:
                samples[s].append(sec[s])
            samples["total"].append(sum(sec.values()))
        print("\n-- %s: d=%d p=%d n=%d (check: mean eig %.5f, max eig %.3f, L_test,A(tau_max) %.5f)"
              % (label, d, pt.p, pt.n, lam.mean(), lam[-1], curves[2][-1]))
        print("%-12s %10s %10s %7s" % ("stage", "median s", "min s", "spread"))
        for s in STAGES + ["total"]:
            v = np.array(samples[s])
            med = float(np.median(v))
            print("%-12s %10.4f %10.4f %6.0f%%" % (s, med, v.min(), 100 * (v.max() - v.min()) / med if med else 0))
            rows.append("point:%s,%s,%d,%g,%g,%g,," % (label, s, pt.p, med, v.min(), v.max()))
        print("%.2f points/s at the median" % (1 / float(np.median(samples["total"]))))
    if args.csv:
        with open(args.csv, "w") as fh:
            fh.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    sys.exit(main())
