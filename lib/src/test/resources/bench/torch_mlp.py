"""PyTorch peer of imitation.bench.NetworkBench: the same 8-64-64-1 tanh MLP, Adam, float32.

Prints one line per measurement, "<name> <median seconds per call>", plus "threads <n>".
Usage: python3 torch_mlp.py [fast]
"""
import sys
import time

import torch


def median_seconds(work, warmup, repeats, calls):
    for _ in range(warmup):
        work()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            work()
        times.append((time.perf_counter() - start) / calls)
    times.sort()
    return times[repeats // 2]


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


if __name__ == "__main__":
    main()
