"""The probing suite's allowlist: routes that may answer 2xx to a visitor who is not their
owner, each with its reason. A view of our own should rather carry
`security.public.public_view(reason)`; this list is for third-party views (Wagtail,
allauth) and for routes whose 2xx is harmless by construction.

Keys are matched against the route's name ("namespace:name"), then its view's dotted path,
then the route pattern. Keep reasons specific: the reviewer reads them."""

# Any visitor, any site: public pages and the account flows that must work logged out.
PUBLIC = {
    "wagtail_serve": "public pages of the requesting host's own site (Wagtail resolves the "
    "path inside request.site only)",
    "wagtail.views.serve": "public pages of the requesting host's own site",
    "wagtail.contrib.sitemaps.views.sitemap": "sitemap of the requesting host's own site",
    "wagtaildocs_serve": "documents: Wagtail checks the collection's view restrictions",
    "wagtaildocs_authenticate_with_password": "password form of a restricted document",
    "wagtailimages_serve": "signed image URLs (HMAC of the filter spec)",
    "wagtailcore_authenticate_with_password": "password form of a restricted page",
    "wagtailadmin_login": "the admin's login form",
    "wagtailadmin_password_reset": "the admin's password reset form",
    "wagtailadmin_password_reset_done": "password reset: confirmation page",
    "wagtailadmin_password_reset_confirm": "password reset: token-checked form",
    "wagtailadmin_password_reset_complete": "password reset: done page",
    "wagtailadmin_logout": "logging out needs no permission",
    "health": "liveness probe, no data",
    "set_language": "language switch",
    "javascript-catalog": "translations for scripts",
    "wagtailadmin_javascript_catalog": "the admin's script translations, no data",
    "wagtailadmin_icons": "the admin's icon sprite, no data",
}

# allauth's account flows: login, sign-up, password reset, e-mail confirmation, 2FA steps.
PUBLIC_PREFIXES = {
    "allauth.": "allauth's account flows (login, sign-up, reset, verification); its rate "
    "limits and axes throttle them",
}

# Views that logged-in users reach and that show only the visitor's own data (never
# looked up by a path parameter).
OWN_DATA = {
    "accounts_my_roles": "the visitor's own roles",
}

# Routes of other apps that are public on purpose but whose views do not carry
# @public_view yet (matched as a prefix of the URL route). Owners: mark the view and
# remove the line here.
PUBLIC_ROUTE_PREFIXES = {
    "site-look/": "sites.customisation: the requesting site's own colours and custom CSS/JS "
    "(published to its visitors; served from that site's host only)",
    "robots.txt": "sites.seo: robots.txt of the requesting site",
    "sitemap.xml": "sites.seo: sitemap of the requesting site",
    "api/news/": "sites.syndication: the public news exchange API (published news only)",
    "kk/feeds/": "sites.syndication: RSS/Atom/JSON feeds of the site's published news",
    "kk/search/": "search: public site search (results of the requesting site)",
    "kk/support/kb/suggest/": "plugins.helpdesk: knowledge-base suggestions (public articles)",
    "kk/_util/login/": "Wagtail's frontend login for password/login-restricted pages",
    "admin/sprite/": "Wagtail's icon sprite, no data",
}

# Responses that are errors by design, not leaks.
ERROR_BY_DESIGN = {
    "admin/failwhale/": "Wagtail's deliberate test error page (raises by design)",
    "admin/choose-external-link/": "Wagtail 7.4 raises on a POST without its fields "
    "(a 500, not a leak)",
}

# Known leaks found by this suite in code outside the security app, reported to the
# integrator (docs/security.md "Open findings"). They are reported as warnings on every run
# until fixed; remove each line when its owner fixes the leak.
KNOWN_LEAKS = {}

# Views exempt from CSRF on purpose (matched as a prefix of the URL route).
CSRF_EXEMPT_OK = {
    "stats/hit": "sites.stats: anonymous visit beacon (sendBeacon), writes only a counter",
    "admin/api/main/": "Wagtail's admin API (Django REST framework): read-only, GET only",
}
CSRF_EXEMPT_OK["documents/"] = "Wagtail's document serve view: POST changes nothing"

# CSRF findings in other apps, reported as warnings until their owners decide.
KNOWN_CSRF = {}
