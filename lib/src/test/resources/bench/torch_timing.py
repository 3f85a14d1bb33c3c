"""The timing harness the PyTorch peers of the benchmark share."""
import time


def median_seconds(work, warmup, repeats, calls):
    """Median over `repeats` of the mean seconds per call of `work` over `calls` calls, after `warmup` calls."""
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
