#!/usr/bin/env python3
"""Write the project-local kernelspec for the Rapaio Java kernel (used by bin/notebooks).

usage: write_kernelspec.py KERNEL_DIR JAVA KERNEL_JAR CLASSPATH_FILE MIMA_CACHE [JVM_OPTION...]
Writes KERNEL_DIR/kernel.json: the kernel runs `JAVA JVM_OPTIONS -cp KERNEL_JAR MainApp {connection_file}`
with RJK_CLASSPATH set to the ';'-separated classpath read from CLASSPATH_FILE.
"""

import json
import os
import sys


def main():
    if len(sys.argv) < 6:
        print(__doc__, file=sys.stderr)
        return 2
    kernel_dir, java, kernel_jar, classpath_file, mima_cache = sys.argv[1:6]
    jvm_options = sys.argv[6:]
    with open(classpath_file, encoding="utf-8") as f:
        classpath = f.read().strip()
    missing = [p for p in classpath.split(";") if p and not os.path.exists(p)]
    if missing:
        print(f"kernel classpath in {classpath_file} names missing files, e.g. {missing[0]}; "
              "rebuild with bin/notebooks (without --no-build)", file=sys.stderr)
        return 1
    spec = {
        "argv": [java, *jvm_options, "-cp", kernel_jar, "org.rapaio.jupyter.kernel.MainApp", "{connection_file}"],
        "display_name": "Java (imitation)",
        "language": "java",
        "interrupt_mode": "message",
        "env": {"RJK_CLASSPATH": classpath, "RJK_MIMA_CACHE": mima_cache},
    }
    os.makedirs(kernel_dir, exist_ok=True)
    with open(os.path.join(kernel_dir, "kernel.json"), "w", encoding="utf-8") as f:
        json.dump(spec, f, indent=2)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
