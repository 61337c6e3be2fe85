"""Workers racing for the same delivery: exactly one makes the attempt."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.utils import timezone

from civility.webhooks import delivery
from civility.webhooks.models import WebhookDelivery

WORKERS = 6


@pytest.mark.postgres_only
def test_only_one_of_several_simultaneous_claims_wins(transactional_db, endpoint):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every writer; row locks need PostgreSQL")
    rows = [
        WebhookDelivery.objects.create(
            endpoint=endpoint,
            event_id=f"evt_{n}",
            event="comment.created",
            payload="{}",
            next_attempt_at=timezone.now(),
        )
        for n in range(5)
    ]
    barrier = threading.Barrier(WORKERS)
    wins: list[int] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for row in rows:
                barrier.wait(timeout=30)
                if delivery._claim(row.pk) is not None:
                    wins.append(row.pk)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
            barrier.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(wins) == sorted(row.pk for row in rows)
    assert set(WebhookDelivery.objects.values_list("attempt_count", flat=True)) == {1}
