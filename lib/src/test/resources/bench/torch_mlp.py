"""PyTorch peer of imitation.bench.NetworkBench: the same 8-64-64-1 tanh MLP, Adam, float32.

Prints one line per measurement, "<name> <median seconds per call>", plus "threads <n>".
Usage: python3 torch_mlp.py [fast]
"""
import math
import sys

import torch

from torch_timing import median_seconds


def main():
    fast = len(sys.argv) > 1 and sys.argv[1] == "fast"
    repeats = 3 if fast else 15
    torch.manual_seed(42)
    net = torch.nn.Sequential(
        torch.nn.Linear(8, 64), torch.nn.Tanh(),
        torch.nn.Linear(64, 64), torch.nn.Tanh(),
        torch.nn.Linear(64, 1))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.MSELoss()
    print("threads", torch.get_num_threads())

    for batch in (1, 64):
        x = torch.randn(batch, 8)

        def forward():
            with torch.no_grad():
                net(x)
        print("forward_b%d" % batch, median_seconds(forward, 200, repeats, 200))

    for batch in (64, 1024):
        x = torch.randn(batch, 8)
        y = torch.randn(batch, 1)

        def train_step():
            opt.zero_grad()
            loss = loss_fn(net(x), y)
            loss.backward()
            opt.step()
            loss.item()
        calls = 100 if batch == 64 else 20
        print("train_b%d" % batch, median_seconds(train_step, 50, repeats, calls))

    # issue 11: mixture density network, 5 diagonal Gaussians over 2-D actions, sigma = 1e-3 + exp(rho),
    # loss -mean logsumexp_k (log w_k + log N_k), batch 256
    k, d, batch = 5, 2, 256
    mdn = torch.nn.Sequential(
        torch.nn.Linear(8, 64), torch.nn.Tanh(),
        torch.nn.Linear(64, 64), torch.nn.Tanh(),
        torch.nn.Linear(64, k * (1 + 2 * d)))
    mdn_opt = torch.optim.Adam(mdn.parameters(), lr=1e-3)
    x = torch.rand(batch, 8)
    a = torch.rand(batch, 1, d)

    def mdn_step():
        mdn_opt.zero_grad()
        raw = mdn(x)
        log_w = torch.log_softmax(raw[:, :k], dim=1)
        mu = raw[:, k:k + k * d].reshape(batch, k, d)
        sigma = 1e-3 + torch.exp(raw[:, k + k * d:].reshape(batch, k, d))
        z = (a - mu) / sigma
        log_n = (-0.5 * z * z - torch.log(sigma) - 0.5 * math.log(2 * math.pi)).sum(dim=2)
        loss = -torch.logsumexp(log_w + log_n, dim=1).mean()
        loss.backward()
        mdn_opt.step()
        loss.item()
    print("mdn_b%d" % batch, median_seconds(mdn_step, 30, repeats, 100))


if __name__ == "__main__":
    main()
