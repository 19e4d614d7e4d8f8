"""The dashboard shows the admin's own site at a glance, and never another school's."""

from sites.feedback.models import FeedbackSubmission
from tests.conftest import ADMIN_HOST


def test_dashboard_panel_own_site_only(client, admin_a, school_a, school_b):
    client.force_login(admin_a)
    html = client.get("/admin/", HTTP_HOST=ADMIN_HOST).content.decode()
    assert "site-at-a-glance" in html
    assert school_a.site.site_name in html
    assert school_b.site.site_name not in html
    assert FeedbackSubmission.objects.count() == 0
