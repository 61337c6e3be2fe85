"""Site settings and word lists are edited in admin; site admins see only their own sites."""

from __future__ import annotations

import pytest

from civility.moderation.models import ModerationSettings, Role, SiteRole, WordRule
from civility.stories.models import Site

pytestmark = pytest.mark.django_db


@pytest.fixture
def herald():
    return Site.objects.create(slug="herald", name="The Herald")


def test_a_superuser_opens_every_moderation_admin_page(client, make_user, site):
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    for url in [
        "/admin/moderation/moderationsettings/",
        "/admin/moderation/moderationsettings/add/",
        "/admin/moderation/wordrule/",
        "/admin/moderation/wordrule/add/",
        "/admin/moderation/siterole/",
        "/admin/moderation/moderationevent/",
    ]:
        assert client.get(url).status_code == 200, url


def test_a_superuser_saves_settings_and_bad_lexicon_entries_are_refused(client, make_user, site):
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    page = client.get("/admin/moderation/moderationsettings/add/")
    form = page.context["adminform"].form
    data = {name: field.initial for name, field in form.fields.items()}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data.update(
        site=site.pk,
        ml_thresholds='{"toxicity": 0.5}',
        coded_hate_extra='[{"pattern": "(unclosed"}]',
    )
    data = {k: v for k, v in data.items() if v is not False}
    response = client.post("/admin/moderation/moderationsettings/add/", data)
    assert response.status_code == 200
    assert "bad pattern" in response.content.decode()
    data["coded_hate_extra"] = '[{"term": "juice crew", "meaning": "Local slur"}]'
    response = client.post("/admin/moderation/moderationsettings/add/", data)
    assert response.status_code == 302
    saved = ModerationSettings.objects.get(site=site)
    assert saved.ml_thresholds == {"toxicity": 0.5}


def test_a_site_admin_sees_only_their_sites_word_lists(client, make_user, site, herald):
    user = make_user("siteadmin", is_staff=True)
    SiteRole.objects.create(user=user, site=site, role=Role.SITE_ADMIN)
    WordRule.objects.create(site=site, phrase="gazetteword")
    WordRule.objects.create(site=herald, phrase="heraldword")
    client.force_login(user)
    page = client.get("/admin/moderation/wordrule/").content.decode()
    assert "gazetteword" in page and "heraldword" not in page
    other = WordRule.objects.get(phrase="heraldword")
    assert client.get(f"/admin/moderation/wordrule/{other.pk}/change/").status_code in (
        302,
        403,
        404,
    )
    assert client.get("/admin/moderation/siterole/").status_code == 403


def test_a_moderator_without_admin_role_cannot_edit_settings(client, make_user, site):
    user = make_user("mod", is_staff=True)
    SiteRole.objects.create(user=user, site=site, role=Role.MODERATOR)
    client.force_login(user)
    assert client.get("/admin/moderation/moderationsettings/").status_code == 403
