import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator

from schools.models import PlatformSettings
from tests.conftest import ADMIN_HOST  # the admin's own host (security.admin_host)

pytestmark = pytest.mark.django_db


def _require_mfa(on):
    policy = PlatformSettings.load()
    policy.require_mfa_for_admins = on
    policy.save()


def test_admin_without_totp_is_sent_to_activation_when_required(client, admin_a, school_a):
    client.force_login(admin_a)
    _require_mfa(False)
    assert client.get("/admin/", HTTP_HOST=ADMIN_HOST).status_code == 200
    _require_mfa(True)
    response = client.get("/admin/", HTTP_HOST=ADMIN_HOST)
    assert response.status_code == 302
    assert "/accounts/2fa/totp/activate/" in response["Location"]


def test_admin_with_totp_passes(client, admin_a, school_a):
    _require_mfa(True)
    Authenticator.objects.create(user=admin_a, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(admin_a)
    # What allauth's login records when the code was given in this session (issue 24: a
    # session without it is ended, tests/security/test_login_paths.py).
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [{"method": "mfa", "at": 0, "type": "totp"}]
    session["account_authentication_methods_user"] = str(admin_a.pk)
    session.save()
    assert client.get("/admin/", HTTP_HOST=ADMIN_HOST).status_code == 200
