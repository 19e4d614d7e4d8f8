"""HTTP hardening: the Content-Security-Policy (django-csp, with a separate policy for the
Wagtail admin) and a Permissions-Policy header.

The public policy allows scripts and styles from the site's own origin and inline ones only
with the request's nonce. The admin (/admin/) gets its own, stricter policy
(SECURITY_ADMIN_CSP_DIRECTIVES, docs/security.md): no inline script at all (Wagtail's few
inline start-up scripts are rendered as data, security.admin_csp), and scripts only from the
static files and the admin's own URLs, so that neither a school's custom JavaScript
(/site-look/custom.js on the same host) nor an uploaded file can ever run there."""

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
        if "sandbox" in response.get("Content-Security-Policy", ""):
            # A served user file (security.media, private_files) keeps its sandbox, also
            # under /admin/.
            return response
        if request.path_info.startswith(_admin_prefix()) and "Content-Security-Policy" in response:
            # A preview renders the public page through a dummy request of its own
            # (Wagtail's make_preview_request), whose pass through this middleware already
            # set the public policy; inside the admin the admin's policy applies.
            del response["Content-Security-Policy"]
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(_admin_prefix())
        ):
            parts.config = {
                **settings.SECURITY_ADMIN_CSP_DIRECTIVES,
                "script-src": admin_script_sources(request),
            }
            # Nothing in the admin runs inline, with or without a nonce.
            parts.nonce = None
        return parts


def admin_script_sources(request):
    """The admin's script sources: the static files and the admin's own URLs (its
    JavaScript catalogues), as path-scoped sources of the request's origin. 'self' would
    also allow every other path of the school's host, its custom JavaScript included."""
    origin = f"{request.scheme}://{request.get_host()}"
    sources = []
    for path in (settings.STATIC_URL, _admin_prefix()):
        sources.append(path if "://" in path else origin + path)
    return sources


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
