#!/usr/bin/env bash
# Tests of the Python package (bindings/python) and of its Spark example, in a virtual
# environment this script creates (target/py-venv). Installs what it needs itself: Java for
# Spark (Debian's OpenJDK, when no `java` is on the PATH), then maturin, pytest, pandas,
# Polars, pyarrow and pyspark from PyPI; builds the package from this clone with
# `pip install ./bindings/python`.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v java >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            openjdk-17-jre-headless >/dev/null
    else
        echo "test_python: no java and no apt-get to install it (Spark needs Java 17+)" >&2
        exit 1
    fi
fi

venv=target/py-venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
# shellcheck disable=SC1091
. "$venv/bin/activate"
python -m pip install -q --upgrade pip
python -m pip install -q "maturin>=1.7,<2" "pytest>=7" "pandas>=1.5" "polars>=0.20" \
    "pyarrow>=10" "pyspark>=3.5"
python -m pip install -q --no-build-isolation --force-reinstall ./bindings/python
COLLECTGUARD_REQUIRE_SPARK=1 python -m pytest bindings/python/tests -q
