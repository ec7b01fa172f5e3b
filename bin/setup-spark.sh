#!/usr/bin/env bash
# Creates .venv-spark/ (gitignored) with the pinned pyspark of requirements-spark.txt, for --engine spark.
# Idempotent: a venv that already has the pinned version is left alone. Needs python3 (3.10+) and Java 17+.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-spark
want=$(grep -E '^pyspark==' requirements-spark.txt | cut -d= -f3)
if [ -x "$venv/bin/python" ] && [ "$("$venv/bin/python" -c 'import pyspark; print(pyspark.__version__)' 2>/dev/null)" = "$want" ]; then
  echo "setup-spark: $venv has pyspark $want"
  exit 0
fi
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements-spark.txt
echo "setup-spark: installed pyspark $want into $venv"
