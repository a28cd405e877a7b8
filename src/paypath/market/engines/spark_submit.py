"""The file to hand ``spark-submit``: it runs the paypath CLI as a Spark application.

    spark-submit --master spark://head:7077 \
      "$(python -m paypath.market.engines.spark_submit)" market ingest /shared/in/ ...

Run with no arguments it prints its own path (the ``$(...)`` above). spark-submit runs a
Python file with that file's folder first on ``sys.path``; paypath's own folder holds
``profile.py``, which would hide the standard library's ``profile`` that pyspark imports,
so ``paypath/__main__.py`` cannot be that file and this one, in a folder without such
names, is.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main() -> None:
    if len(sys.argv) <= 1:
        sys.stdout.write(f"{Path(__file__).resolve()}\n")
        return
    from paypath.cli import main as cli

    cli()


if __name__ == "__main__":
    main()
