"""Test-suite settings shared by every module.

Hypothesis explores new random inputs on each run on a developer's machine (that is how
it finds bugs such as ``int("²")``), but CI (``CI=true``) runs a fixed, derandomized set of
examples, so a submission's result does not depend on the luck of one run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")

# Fitted premiums are cached on disk (paypath.market.premium_cache): the tests use a cache
# of their own, never the user's.
if not os.environ.get("PAYPATH_CACHE_DIR"):
    import tempfile

    os.environ["PAYPATH_CACHE_DIR"] = tempfile.mkdtemp(prefix="paypath-test-cache-")


@pytest.fixture(scope="session")
def spark_session() -> Iterator[Any]:
    """One quiet local[2] Spark session for the whole run (starting a JVM costs seconds)."""
    pytest.importorskip("pyspark", reason="the Spark engine needs the spark extra")
    from paypath.market.engines.spark_ingest import quiet_session

    session = quiet_session("local[2]")
    session.conf.set("spark.sql.shuffle.partitions", "2")
    yield session
    session.stop()
