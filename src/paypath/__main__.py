"""`python -m paypath …` (and `spark-submit …/paypath/__main__.py market ingest …`)."""

from paypath.cli import main

if __name__ == "__main__":
    main()
