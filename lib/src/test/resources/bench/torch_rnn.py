"""PyTorch peer of imitation.bench.RecurrentBench: LSTM and GRU, input 8, hidden 64, a linear readout of
every step, sequence 50, batch 32, MSE, Adam, float32, one intra-op thread.

Prints one line per measurement, "<name> <median seconds per call>", plus "threads <n>".
Usage: python3 torch_rnn.py [fast]
"""
import sys

import torch

from torch_timing import median_seconds

INPUTS, HIDDEN, STEPS, BATCH = 8, 64, 50, 32


def main():
    fast = len(sys.argv) > 1 and sys.argv[1] == "fast"
    repeats = 3 if fast else 15
    torch.set_num_threads(1)
    torch.manual_seed(42)
    print("threads", torch.get_num_threads())
    for kind, cls in (("lstm", torch.nn.LSTM), ("gru", torch.nn.GRU)):
        rnn = cls(INPUTS, HIDDEN)
        readout = torch.nn.Linear(HIDDEN, 1)
        opt = torch.optim.Adam(list(rnn.parameters()) + list(readout.parameters()), lr=1e-3)
        loss_fn = torch.nn.MSELoss()
        x = torch.randn(STEPS, BATCH, INPUTS)
        y = torch.randn(STEPS, BATCH, 1)

        def train_step():
            opt.zero_grad()
            out, _ = rnn(x)  # from a zero state, as each window of new sequences
            loss = loss_fn(readout(out), y)
            loss.backward()
            opt.step()
            loss.item()
        print(kind + "_train", median_seconds(train_step, 5, repeats, 10))

        x1 = torch.randn(1, 1, INPUTS)
        state = [None]

        def step():
            with torch.no_grad():
                out, state[0] = rnn(x1, state[0])
                readout(out)
        print(kind + "_step", median_seconds(step, 200, repeats, 500))


if __name__ == "__main__":
    main()
