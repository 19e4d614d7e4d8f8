"""HTTP hardening: the Content-Security-Policy (django-csp, with a separate policy for the
Wagtail admin) and a Permissions-Policy header.

The public policy allows scripts and styles from the site's own origin and inline ones only
with the request's nonce. Wagtail 7.4's admin still renders a few inline scripts without a
nonce (date pickers, inline panels) and inline styles, so /admin/ gets its own policy: it
allows inline script there, but still no third-party origin, no plugins, no framing by other
sites. The admin is reached only by logged-in staff, which is where that trade-off is
smallest; docs/security.md says so."""

from django.conf import settings

from csp.middleware import CSPMiddleware


def _admin_prefix():
    return getattr(settings, "SECURITY_ADMIN_PATH_PREFIX", "/admin/")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        prefixes = tuple(getattr(settings, "SECURITY_SANDBOX_PATH_PREFIXES", ()))
        if prefixes and request.path_info.startswith(prefixes):
            # Served documents: even if a browser renders one, it runs nothing and reaches
            # nothing (no scripts, no same-origin access to the site's cookies).
            response["Content-Security-Policy"] = "default-src 'none'; sandbox"
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(_admin_prefix())
        ):
            parts.config = settings.SECURITY_ADMIN_CSP_DIRECTIVES
            # Inline admin scripts have no nonce; a nonce in the policy would make browsers
            # ignore 'unsafe-inline' and block them.
            parts.nonce = None
        return parts


def _permissions_policy_header():
    policy = getattr(settings, "SECURITY_PERMISSIONS_POLICY", {})
    items = []
    for feature, allowlist in policy.items():
        items.append(f"{feature}=({' '.join(allowlist)})")
    return ", ".join(items)


class PermissionsPolicyMiddleware:
    """Switch off browser features no page of the platform uses (camera, microphone,
    geolocation, payment...), so that injected or third-party code cannot ask for them."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = _permissions_policy_header()

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response
