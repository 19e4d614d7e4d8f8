"""Lock-out after repeated failed logins (django-axes), per account and per IP address."""

from django.contrib.auth.backends import ModelBackend

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """axes' check, first in AUTHENTICATION_BACKENDS.

    Logins without a request (the test client's login(), management commands) cannot come
    from the network, so there is nothing to throttle: they pass to the next backend instead
    of raising as axes does."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id):
        # force_login() records the first backend of AUTHENTICATION_BACKENDS in the session;
        # the session's user is then loaded through it.
        return ModelBackend().get_user(user_id)
