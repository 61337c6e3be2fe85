"""Tests of reads routed to a replica: "replica" is a second connection to the test database
(TEST MIRROR in tests/settings.py), so which connection ran a query tells where it was routed.

A module uses `pytestmark = ON_REPLICA` (the replica_on fixture is in tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

ON_REPLICA = [
    pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
    pytest.mark.usefixtures("replica_on"),
]


@contextmanager
def queries_by_connection() -> Iterator[tuple[CaptureQueriesContext, CaptureQueriesContext]]:
    """The queries the primary and the replica ran inside the block."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        yield primary, replica
