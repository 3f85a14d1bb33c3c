#!/usr/bin/env python3
"""Execute notebooks headless through a Jupyter kernel; write executed .ipynb and .html files.

Used by bin/notebooks --execute (run it through that script: it builds the library, registers the
kernel and picks the Python that has Jupyter). Prints the cells' printed output as it arrives, one
timing line per notebook, and on a failing cell the notebook, the cell and the error.
Exit status: 0 all notebooks ran, 1 at least one failed.
"""

import argparse
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbconvert import HTMLExporter
from nbconvert.preprocessors import coalesce_streams

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib", "templates")


def first_line(source):
    for line in source.splitlines():
        if line.strip():
            return line.strip()
    return "(empty cell)"


class EchoingClient(NotebookClient):
    """A NotebookClient that echoes the cells' printed lines to this process's stdout as they arrive.

    The kernel may send one line in several stream messages; only complete lines are echoed, and
    whatever is left over is echoed when the cell ends (flush_echo)."""

    echo = True
    _pending = ""

    def output(self, outs, msg, display_id, cell_index):
        if self.echo and msg["msg_type"] == "stream":
            self._pending += ANSI.sub("", msg["content"].get("text", ""))
            *lines, self._pending = self._pending.split("\n")
            for line in lines:
                print("    | " + line, flush=True)
        return super().output(outs, msg, display_id, cell_index)

    def flush_echo(self, **_):
        if self._pending:
            print("    | " + self._pending, flush=True)
            self._pending = ""


def describe_failure(name, nb, cell_index, error):
    lines = []
    if cell_index is None:
        lines.append(f"FAILED {name}: {error}")
    else:
        cell = nb.cells[cell_index]
        code_number = sum(1 for c in nb.cells[: cell_index + 1] if c.cell_type == "code")
        lines.append(f"FAILED {name}, cell {cell_index} (code cell {code_number}): {first_line(cell.source)}")
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if errors:
            err = errors[-1]
            lines.append(f"  {err.get('ename', '')}: {ANSI.sub('', err.get('evalue', ''))}")
            for tb in err.get("traceback", [])[:40]:
                for tl in ANSI.sub("", tb).splitlines():
                    lines.append("    " + tl)
        else:
            message = ANSI.sub("", str(error)).strip()
            lines.append("  " + (message.splitlines()[-1] if message else type(error).__name__))
    return "\n".join(lines)


def execute(path, out_dir, kernel, timeout, echo, workdir, mathjax_source):
    name = os.path.basename(path)
    stem = name[: -len(".ipynb")] if name.endswith(".ipynb") else name
    nb = nbformat.read(path, as_version=4)
    client = EchoingClient(
        nb,
        kernel_name=kernel,
        timeout=timeout,
        startup_timeout=180,
        allow_errors=False,
        record_timing=True,
        resources={"metadata": {"path": workdir}},
    )
    client.echo = echo
    current = {"index": None}
    client.on_cell_start = lambda cell, cell_index: current.__setitem__("index", cell_index)
    client.on_cell_executed = client.flush_echo
    log_path = os.path.join(out_dir, stem + ".kernel.log")
    failure = None
    start = time.monotonic()
    with open(log_path, "w") as log:
        try:
            client.execute(stdout=log, stderr=log)
        except CellTimeoutError as e:
            failure = describe_failure(name, nb, current["index"], f"timed out after {timeout} s: {e}")
        except DeadKernelError as e:
            failure = describe_failure(name, nb, current["index"], f"the kernel died ({e}); see {log_path}")
        except CellExecutionError as e:
            failure = describe_failure(name, nb, current["index"], e)
    seconds = time.monotonic() - start
    ipynb_out = os.path.join(out_dir, name)
    html_out = os.path.join(out_dir, stem + ".html")
    # The Java kernel sends each print() as its own stream message; join neighbours as Jupyter's UI does.
    nb, _ = coalesce_streams(nb, {})
    nbformat.write(nb, ipynb_out)
    # Self-contained page: MathJax inlined, so formulas render on any machine, without a network.
    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[TEMPLATES])
    body, _ = exporter.from_notebook_node(nb, resources={"mathjax_source": mathjax_source})
    with open(html_out, "w", encoding="utf-8") as f:
        f.write(body)
    return seconds, failure, html_out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", help="notebook files to execute, in order")
    parser.add_argument("--out", required=True, help="folder for executed notebooks, HTML and kernel logs")
    parser.add_argument("--kernel", required=True, help="kernelspec name to run every notebook with")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds one cell may run (default 1800)")
    parser.add_argument("--quiet", action="store_true", help="do not echo the cells' printed output")
    parser.add_argument("--mathjax", required=True, help="MathJax 3 single-file script to inline (es5/tex-svg-full.js)")
    args = parser.parse_args()
    with open(args.mathjax, encoding="utf-8") as f:
        mathjax_source = f.read()

    os.makedirs(args.out, exist_ok=True)
    results = []
    total = len(args.notebooks)
    for i, path in enumerate(args.notebooks, 1):
        name = os.path.basename(path)
        print(f"[{i}/{total}] {name}", flush=True)
        seconds, failure, html_out = execute(
            path, args.out, args.kernel, args.timeout, not args.quiet, os.path.dirname(os.path.abspath(path)),
            mathjax_source,
        )
        if failure:
            sys.stdout.flush()
            print(failure, file=sys.stderr, flush=True)
        print(f"  {'FAILED' if failure else 'ok'} {name} in {seconds:.1f} s -> {html_out}", flush=True)
        results.append((name, seconds, failure))

    width = max(len(n) for n, _, _ in results)
    print("\nnotebook".ljust(width + 3) + "seconds  result")
    for name, seconds, failure in results:
        print(f"  {name.ljust(width)}  {seconds:7.1f}  {'FAILED' if failure else 'ok'}")
    failures = [f for _, _, f in results if f]
    if failures:
        print(f"\n{len(failures)} of {total} notebooks failed (details above):", file=sys.stderr, flush=True)
        for f in failures:
            print("  " + f.splitlines()[0], file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
