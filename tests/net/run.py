#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Run the network test driver against tests/net/server.py.

Usage: run.py SERVER_PY TEST_FETCH [WRAPPER...]

Makes a scratch directory with the server's --files (x.bin, sheet.xlsx) and
an empty request log, starts the server on 127.0.0.1, runs
    [WRAPPER...] TEST_FETCH PORT LOG FILESDIR
(WRAPPER: e.g. "valgrind --error-exitcode=1 --leak-check=full"), then
closes the server's stdin, which stops it. Exits with the driver's status.
"""

import os
import subprocess
import sys
import tempfile


def main():
    if len(sys.argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    server_py, driver = sys.argv[1], sys.argv[2]
    wrapper = sys.argv[3:]
    with tempfile.TemporaryDirectory(prefix="cv-net-") as tmp:
        files = os.path.join(tmp, "files")
        os.mkdir(files)
        log = os.path.join(tmp, "requests.log")
        open(log, "w").close()
        # Every byte value, and more than one 16 KiB buffer's worth.
        with open(os.path.join(files, "x.bin"), "wb") as f:
            f.write(bytes(range(256)) * 300 + b"end")
        with open(os.path.join(files, "sheet.xlsx"), "wb") as f:
            f.write(b"PK\x03\x04 not really a workbook")
        server = subprocess.Popen(
            [sys.executable, server_py, "--log", log, "--files", files],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        try:
            port = server.stdout.readline().decode().strip()
            if not port.isdigit():
                sys.stderr.write("server did not start\n")
                return 1
            rc = subprocess.call(wrapper + [driver, port, log, files],
                                 timeout=300)
            if rc != 0:
                with open(log, encoding="utf-8") as f:
                    sys.stderr.write("server request log:\n" + f.read())
            return rc
        finally:
            server.stdin.close()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


if __name__ == "__main__":
    sys.exit(main())
