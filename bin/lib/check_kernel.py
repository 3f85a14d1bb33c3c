#!/usr/bin/env python3
"""Checks of the project's Java kernel through jupyter_client, driven the way the notebook server drives it.

usage: check_kernel.py KERNEL_NAME LOG_DIR STARTS
Run by bin/test-scripts (with JUPYTER_PATH pointing at the project-local kernelspec). Starts the kernel STARTS
times and sends one kernel_info_request right after each start, as the notebook server does (it waits 60 s for
the reply and does not ask again before); checks that the starts print nothing to the terminal unless
IMITATION_KERNEL_VERBOSE=1; then interrupts four kinds of long cell (a plain Java loop, a loop that prints
progress, Thread.sleep, a loop that checks Thread.currentThread().isInterrupted()) and checks that each cell ends
soon as interrupted, that the next cell's print shows, and that nothing leaks into the server terminal.
Prints one 'ok' or 'FAIL' line per check and the measured times; exit status 1 if a check failed.
"""

import os
import queue
import statistics
import sys
import time

from jupyter_client import KernelManager

SERVER_KERNEL_INFO_TIMEOUT = 60  # seconds the notebook server waits for the first kernel_info_reply
INTERRUPT_LIMIT = 2.0  # seconds from the interrupt to the cell's reply: "within about a second", with slack for a busy machine
CELL_TIMEOUT = 60  # seconds any cell here may take before the check gives up on it
VERBOSE_ENV = "IMITATION_KERNEL_VERBOSE"  # read by bin/lib/KernelLauncher.java

passes = failures = 0


def check(what, passed, detail=""):
    """Prints the check's line; detail is shown when the check fails."""
    global passes, failures
    print(f"  {'ok  ' if passed else 'FAIL'}  {what}{(': ' + detail) if detail and not passed else ''}", flush=True)
    if passed:
        passes += 1
    else:
        failures += 1


def start(kernel_name, log):
    """Starts a kernel and sends one kernel_info_request; returns (manager, client, seconds to the reply or None)."""
    began = time.monotonic()
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel(stdout=log, stderr=log)
    kc = km.client()
    kc.start_channels()
    msg_id = kc.kernel_info()
    deadline = began + SERVER_KERNEL_INFO_TIMEOUT
    while True:
        try:
            reply = kc.get_shell_msg(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            return km, kc, None
        if reply["parent_header"].get("msg_id") == msg_id:
            return km, kc, time.monotonic() - began


def execute(kc, code, interrupt=None):
    """Runs code in the kernel. With interrupt, calls it once the cell has printed 'started'.

    Returns (reply content or None if none came, printed text, error outputs, seconds from interrupt to reply)."""
    msg_id = kc.execute(code)
    text, errors, interrupted_at = "", [], None
    deadline = time.monotonic() + CELL_TIMEOUT
    while True:
        try:
            msg = kc.get_iopub_msg(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            return None, text, errors, None
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            text += content["text"]
        elif kind == "error":
            errors.append(content)
        elif kind == "status" and content["execution_state"] == "idle":
            break
        if interrupt and interrupted_at is None and "started" in text:
            interrupted_at = time.monotonic()
            interrupt()
    while True:
        try:
            reply = kc.get_shell_msg(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            return None, text, errors, None
        if reply["parent_header"].get("msg_id") == msg_id:
            seconds = time.monotonic() - interrupted_at if interrupted_at else None
            return reply["content"], text, errors, seconds


def interrupt_by_message(kc):
    """Sends interrupt_request on the control channel, as Jupyter does for interrupt_mode "message"; returns its id."""
    msg = kc.session.msg("interrupt_request", {})
    kc.control_channel.send(msg)
    return msg["header"]["msg_id"]


def check_interrupt(km, kc, what, code, interrupt, expected=""):
    """Interrupts the running cell; checks its end, what it shows (expected: a text in its output) and the next cell."""
    reply, text, errors, seconds = execute(kc, code, interrupt)
    check(f"{what}: the cell ends after the interrupt", reply is not None, f"no reply within {CELL_TIMEOUT} s")
    if reply is None:
        return
    check(f"{what}: the reply says error", reply["status"] == "error", f"status {reply['status']}")
    shown = "\n".join(line for e in errors for line in e.get("traceback", []))
    check(f"{what}: the cell shows an InterruptedException", "java.lang.InterruptedException" in shown,
          shown or "no error output")
    check(f"{what}: output printed before the interrupt is in the cell", "started" in text, repr(text))
    if expected:
        check(f"{what}: the cell shows '{expected}'", expected in text + shown, repr(text + shown))
    took = f"{seconds:.2f} s" if seconds is not None else "not interrupted"
    check(f"{what}: stopped within {INTERRUPT_LIMIT} s ({took})", seconds is not None and seconds <= INTERRUPT_LIMIT)
    reply, text, errors, _ = execute(kc, 'System.out.println("after " + (kept + 2));')
    check(f"{what}: the next cell runs, sees earlier variables and its print shows",
          reply is not None and reply["status"] == "ok" and "after 42" in text, repr(text))


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    kernel_name, log_dir, starts = sys.argv[1], sys.argv[2], int(sys.argv[3])
    os.makedirs(log_dir, exist_ok=True)

    print("kernel start: one kernel_info_request, answered (the notebook server waits "
          f"{SERVER_KERNEL_INFO_TIMEOUT} s and does not ask again)")
    times, logs = [], []
    for i in range(starts):
        logs.append(os.path.join(log_dir, f"start-{i}.log"))
        with open(logs[-1], "w") as log:
            km, kc, seconds = start(kernel_name, log)
            took = f"{seconds:.2f} s" if seconds is not None else f"none within {SERVER_KERNEL_INFO_TIMEOUT} s"
            check(f"start {i + 1} of {starts}: kernel_info_reply ({took})", seconds is not None)
            if seconds is not None:
                times.append(seconds)
            kc.stop_channels()
            km.shutdown_kernel(now=False)
    if times:
        print(f"  start to kernel_info_reply: median {statistics.median(times):.2f} s, "
              f"min {min(times):.2f} s, max {max(times):.2f} s over {len(times)} starts", flush=True)
    noisy = [path for path in logs if os.path.getsize(path) > 0]
    check("quiet: the starts print nothing to the server terminal", not noisy, f"see {', '.join(noisy)}")

    print(f"verbose ({VERBOSE_ENV}=1)")
    verbose_log = os.path.join(log_dir, "verbose.log")
    os.environ[VERBOSE_ENV] = "1"
    with open(verbose_log, "w") as log:
        km, kc, seconds = start(kernel_name, log)
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    del os.environ[VERBOSE_ENV]
    with open(verbose_log) as log:
        printed = log.read()
    check("verbose: the kernel prints its classpath", "to classpath" in printed, f"see {verbose_log}")
    check("verbose: the kernel logs each message", "shell: kernel_info_request" in printed, f"see {verbose_log}")

    interrupt_log = os.path.join(log_dir, "interrupt.log")
    with open(interrupt_log, "w") as log:
        km, kc, seconds = start(kernel_name, log)
        print("interrupt (interrupt_mode " + str(km.kernel_spec.interrupt_mode) + ")")
        check("the kernel started", seconds is not None)
        if seconds is not None:
            reply, _, _, _ = execute(kc, "int kept = 40;")
            check("a variable is defined", reply is not None and reply["status"] == "ok")
            # Each long cell is one snippet that prints 'started' from inside, so the interrupt finds it running.
            check_interrupt(km, kc, "plain Java loop",
                            'for (long spins = 0; spins >= 0; spins++) {\n'
                            '    if (spins == 0) System.out.println("started");\n'
                            '}', km.interrupt_kernel, "its thread was stopped")
            check_interrupt(km, kc, "loop printing progress",
                            'for (long step = 0; step >= 0; step++) {\n'
                            '    if (step == 0) System.out.println("started");\n'
                            '    if (step % 1_000_000 == 0) System.out.println("progress " + step);\n'
                            '}', km.interrupt_kernel)
            check_interrupt(km, kc, "Thread.sleep(60000)",
                            '{\n    System.out.println("started");\n    Thread.sleep(60000);\n}', km.interrupt_kernel)
            control_reply = {}

            def interrupt_and_read_reply():
                control_reply["msg_id"] = interrupt_by_message(kc)
                control_reply["reply"] = kc.get_control_msg(timeout=10)

            check_interrupt(km, kc, "loop checking isInterrupted()",
                            '{\n'
                            '    System.out.println("started");\n'
                            '    long rounds = 0;\n'
                            '    while (!Thread.currentThread().isInterrupted()) rounds++;\n'
                            '    System.out.println("stopped cleanly after " + rounds + " rounds");\n'
                            '}', interrupt_and_read_reply, "stopped cleanly after")
            reply = control_reply.get("reply")
            check("interrupt_reply comes on the control channel", reply is not None
                  and reply["msg_type"] == "interrupt_reply"
                  and reply["parent_header"].get("msg_id") == control_reply["msg_id"],
                  str(reply and reply["msg_type"]))
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    with open(interrupt_log) as log:
        leaked = [line for line in log if "started" in line or "progress" in line or "stopped cleanly" in line]
    check("no cell output leaks into the server terminal", not leaked, "".join(leaked[:3]).strip())

    print(f"check_kernel: {passes} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
