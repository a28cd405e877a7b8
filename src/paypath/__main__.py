"""`python -m paypath …` (for spark-submit, use `paypath.market.engines.spark_submit`'s file)."""

from paypath.cli import main

if __name__ == "__main__":
    main()
