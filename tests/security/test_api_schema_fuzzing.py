"""Schemathesis against the OpenAPI schema, in-process through the WSGI app: no 5xx and no
answer that breaks the schema, for every operation, with a real token of each scope (and none).

Bounded and deterministic: a few derandomized examples per operation, half of them aimed at the
seeded site's real story and comment so requests reach past the 404s.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
)

from civility.api.models import Scope
from civility.discussion import actions
from civility.moderation.models import WordRule

pytestmark = [
    pytest.mark.django_db(transaction=False),
    pytest.mark.usefixtures("publish_everything"),
]

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
EXAMPLES = settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def connection_kept():
    """Keep the test's database connection open between requests, as Django's test Client does:
    schemathesis calls the WSGI app directly, whose request_finished would close it (and with it
    the test's transaction on PostgreSQL)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def seeded(story, site_admin, reader, second_reader, make_token):
    """A site with comments, a word rule and one token per scope, all made by the site admin."""
    first, _ = actions.do_post_comment(story=story, author=reader, text="A first comment")
    actions.do_post_comment(story=story, author=second_reader, text="A reply", parent=first)
    rule = WordRule.objects.create(site=story.site, phrase="dolt", kind="banned")
    tokens = {scope: make_token(story.site, site_admin, scope) for scope in Scope.values}
    real = {
        "site": story.site.slug,
        "story": story.slug,
        "comment_id": first.pk,
        "user_id": second_reader.pk,
        "rule_id": rule.pk,
    }
    return tokens, real


def test_every_operation_answers_within_the_schema(seeded, settings, connection_kept):
    settings.API_TOKEN_WRITE_RATE = "100000/60"
    settings.API_ADDRESS_WRITE_RATE = "100000/60"
    tokens, real = seeded
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    credentials = [None, *tokens.values()]
    for operation in operations:

        @EXAMPLES
        @given(case=operation.as_strategy(), aim=st.booleans(), key=st.sampled_from(credentials))
        def call(case, aim, key):  # type: ignore[no-untyped-def]
            if aim and case.path_parameters:
                for name in case.path_parameters:
                    if name in real:
                        case.path_parameters[name] = real[name]
            headers = {"Authorization": f"Bearer {key}"} if key else {}
            case.call_and_validate(headers=headers, checks=CHECKS)

        call()
