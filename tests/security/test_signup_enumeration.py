"""Issue 24, finding 5: sign-up answered "An account with this IIN already exists", so
anyone could learn whether a person (by IIN) has an account. Before the fix the second
sign-up below got that error (200 with the form) instead of the same answer as any other
sign-up."""

from django.core import mail
from django.test import Client

import pytest

from accounts.factories import UserFactory
from accounts.identity_numbers import control_digit
from accounts.models import User
from tests.conftest import ADMIN_HOST

pytestmark = pytest.mark.django_db


def make_iin(prefix):
    for last_but_one in range(10):
        first_eleven = prefix + str(last_but_one)
        control = control_digit(first_eleven)
        if control is not None:
            return first_eleven + str(control)
    raise AssertionError(prefix)


@pytest.fixture(autouse=True)
def _no_email_verification(settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "none"


def sign_up(email, iin, language="ru"):
    return Client().post(
        f"/{language}/accounts/signup/",
        {
            "email": email,
            "password1": "Long-pass-2024!",
            "password2": "Long-pass-2024!",
            "last_name": "Сейітова",
            "first_name": "Ару",
            "iin": iin,
            "consent": "on",
        },
        HTTP_HOST=ADMIN_HOST,
    )


def test_signup_does_not_reveal_a_registered_iin(school_a):
    taken = make_iin("0503155123")  # born 2005-03-15
    fresh = make_iin("0604205456")
    holder = UserFactory(email="holder@example.kz", iin=taken, preferred_language="kk")

    known = sign_up("someone@example.kz", taken)
    unknown = sign_up("other@example.kz", fresh)
    # The same answer either way: the account is made and the browser moves on.
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert known.status_code == 302
    for response in (known, unknown):
        text = response.content.decode().lower()
        assert "iin" not in text and "иин" not in text and "жсн" not in text

    # The IIN stays with its holder; the new account does not get it.
    assert User.objects.get(email="someone@example.kz").iin is None
    assert User.objects.get(email="other@example.kz").iin == fresh
    holder.refresh_from_db()
    assert holder.iin == taken
    # The holder is told, in their language, and only they are.
    (notice,) = [m for m in mail.outbox if m.to == [holder.email]]
    assert "ЖСН" in notice.subject
    assert not [m for m in mail.outbox if "someone@example.kz" in m.to and "ЖСН" in m.body]
