"""django-axes, locking an account *from one address* with a growing back-off.

A lock is per (account, client address) pair (AXES_LOCKOUT_PARAMETERS): other people's
typos behind the same school NAT never lock my account, and my account still signs in from
another address while an attacker guesses from theirs. After AXES_FAILURE_LIMIT failures
the pair waits SECURITY_LOCKOUT_BASE; every further failure after a wait doubles it (up to
SECURITY_LOCKOUT_MAX). Failures are remembered for AXES_COOLOFF_TIME (24 h) after the last
one; attempts during a wait are refused and not counted
(AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False), so retrying does not lengthen it.
Addresses that try many accounts meet allauth's per-address ceiling
(ACCOUNT_RATE_LIMITS["login_failed"]), set high enough for a whole school behind one
address."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from axes.utils import reset


def login_of(request, credentials):
    """The account an attempt targets, whatever the form calls the field: allauth posts
    `login` and authenticates with `email`, Wagtail's admin form posts `username`."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not value and request is not None and request.method == "POST":
        value = request.POST.get("login") or request.POST.get("username")
    return (value or "").strip().lower() or None


def backoff(failures):
    """How long a pair waits after its last failure, given its failures so far."""
    if failures < settings.AXES_FAILURE_LIMIT:
        return timedelta(0)
    steps = min(failures - settings.AXES_FAILURE_LIMIT, 20)
    return min(settings.SECURITY_LOCKOUT_BASE * 2**steps, settings.SECURITY_LOCKOUT_MAX)


def _locked_until(failures, last_attempt):
    return last_attempt + backoff(failures) if last_attempt else None


class BackoffHandler(AxesDatabaseHandler):
    """axes' database handler whose lock ends after the pair's back-off, while its failures
    are remembered for the whole AXES_COOLOFF_TIME."""

    def pair_state(self, request, credentials=None):
        """(failures, locked until) of the request's (account, address) pair."""
        failures, until = 0, None
        for attempts in self.get_user_attempts(request, credentials):
            row = attempts.aggregate(n=Sum("failures_since_start"), last=Max("attempt_time"))
            if (row["n"] or 0) > failures:
                failures, until = row["n"], _locked_until(row["n"], row["last"])
        return failures, until

    def is_locked(self, request, credentials=None):
        if not super().is_locked(request, credentials):
            return False
        _failures, until = self.pair_state(request, credentials)
        return until is not None and timezone.now() < until


def locked_pairs():
    """(username, ip_address, failures, locked_until) of pairs waiting now."""
    rows = (
        AccessAttempt.objects.values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("username", "ip_address")
    )
    now = timezone.now()
    pairs = []
    for row in rows:
        until = _locked_until(row["failures"], row["last"])
        if until and until > now:
            pairs.append({**row, "locked_until": until})
    return pairs


def unlock(username=None, ip_address=None):
    """Clear the failed attempts of an account, of a client address, or (both given) of
    that pair; returns how many attempt records were removed."""
    if not (username or ip_address):
        return 0
    return reset(username=username or None, ip=ip_address or None)


def lockout_response(request, original_response=None, credentials=None):
    """What a locked-out client sees (AXES_LOCKOUT_CALLABLE): a page in its language with
    the way out, status 429."""
    from django.shortcuts import render

    from axes.handlers.proxy import AxesProxyHandler

    _failures, until = AxesProxyHandler.get_implementation().pair_state(request, credentials)
    wait = (until - timezone.now()) if until else settings.SECURITY_LOCKOUT_BASE
    minutes = max(1, -(-int(wait.total_seconds()) // 60))
    # page=None: base.html's language switcher needs the variable even outside pages.
    return render(request, "security/lockout.html", {"minutes": minutes, "page": None}, status=429)
