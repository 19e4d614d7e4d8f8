"""A school administrator walks the admin in Kazakh: dashboard, page explorer, the page
editor of every content type a school can create (news, events, feedback form, galleries,
contacts, vacancies...), image and document libraries, site settings, members, and the
helpdesk (agent desk, a ticket in the desk, the ticket form). Any English word in the visible text
that is not a proper name or a technical abbreviation fails the test, naming the screen."""

import re

from django.urls import reverse
from django.utils import translation

import pytest

from accounts.factories import UserFactory, assign_role
from accounts.roles import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Proper names, brands and abbreviations that stay Latin in Kazakh texts.
ALLOWED = {
    "wagtail",
    "mektep",
    "django",
    "google",
    "yandex",
    "gtm",
    "ga4",
    "id",
    "url",
    "urls",
    "seo",
    "pdf",
    "csv",
    "xlsx",
    "html",
    "css",
    "js",
    "javascript",
    "qr",
    "svg",
    "png",
    "jpg",
    "jpeg",
    "gif",
    "webp",
    "avif",
    "ico",
    "api",
    "rss",
    "atom",
    "json",
    "sla",
    "eds",
    "ncalayer",
    "totp",
    "e-mail",
    "email",
    "openstreetmap",
    "2gis",
    "kk",
    "ru",
    "en",
    "https",
    "http",
    "www",
    "localhost",
    "ok",
    "alt",
    "og",
    "opengraph",
    "slug",
    "mb",
    "gb",
    "kb",
    "ical",
    "ics",
    "iin",
    "bin",
    "helpdesk",
    "metrika",
    "analytics",
    "tag",
    "manager",
    # The language switcher names each language in itself (English, Русский, Қазақша).
    "english",
    # Keyboard keys are written as on the keyboard.
    "ctrl",
    "shift",
    "esc",
    "enter",
    "tab",
    "cmd",
}
# The text a user sees: rendered text nodes (CSS-hidden dialogs and templates excluded),
# plus placeholders and button values; not the options of drop-downs (time zone names
# are proper names) nor the content of text fields (what the user typed).
VISIBLE_TEXT = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('select, script, style, template, noscript, textarea')) continue;
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    out.push(node.textContent);
  }
  document.querySelectorAll('input[placeholder], textarea[placeholder]').forEach(el => {
    if (el.checkVisibility()) out.push(el.placeholder);
  });
  // Wagtail's dashboard hard-codes value="Search" on a screen-reader-only button
  // (wagtailadmin/home.html, no gettext upstream): buttons hidden from sight are skipped.
  document.querySelectorAll('input[type=submit], input[type=button]').forEach(el => {
    if (el.checkVisibility() && !el.closest('.w-sr-only')) out.push(el.value);
  });
  return out.join(' \\n ');
}"""
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}")


def _school_url(live_server, school, path):
    port = live_server.url.rsplit(":", 1)[1]
    return f"http://{school.site.hostname}:{port}{path}"


def _english_words(text, own_names):
    # Drop e-mail addresses, hostnames and paths before looking for words.
    text = re.sub(r"\S+@\S+|\S+\.\S+/?\S*|/\S+", " ", text)
    words = {w.strip("'-") for w in LATIN_WORD.findall(text)}
    return sorted(w for w in words if w.lower() not in ALLOWED and w.lower() not in own_names)


def _page_editor_screens(home):
    """The "add" editor of every page type of the project that can be created somewhere in
    the school's tree (the first parent that allows it), and the "edit" editor of one
    existing page of each type."""
    from wagtail.models import Page, get_page_models

    tree = list(Page.objects.descendant_of(home, inclusive=True).specific())
    screens = {}
    for model in get_page_models():
        if not model.__module__.startswith(("sites.", "plugins.")):
            continue
        name = model._meta.model_name
        for parent in tree:
            if model in type(parent).creatable_subpage_models() and model.can_create_at(parent):
                label = model._meta.app_label
                screens[f"new {name}"] = f"/admin/pages/add/{label}/{name}/{parent.pk}/"
                break
        existing = next((p for p in tree if type(p) is model and p.pk != home.pk), None)
        if existing is not None:
            screens[f"edit {name}"] = f"/admin/pages/{existing.pk}/edit/"
    return screens


def _settings_screens(user, site):
    """Every registered Wagtail setting the user may change (site settings of this site)."""
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.contrib.settings.registry import registry

    screens = {}
    for model in registry:
        label, name = model._meta.app_label, model._meta.model_name
        if not user.has_perm(f"{label}.change_{name}"):
            continue
        pk = site.pk if issubclass(model, BaseSiteSetting) else model.load().pk
        screens[f"settings {name}"] = f"/admin/settings/{label}/{name}/{pk}/"
    return screens


def test_admin_speaks_kazakh(live_server, page, school_a):
    admin = UserFactory(
        email="kk-admin@example.kz", password="Kazakh-pass-123", preferred_language="kk"
    )
    assign_role(admin, Role.SITE_ADMIN, school=school_a)
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "kk"
    profile.save()
    own_names = {school_a.slug, *re.split(r"\W+", school_a.slug + " " + admin.email)}
    own_names |= {
        part.lower() for part in re.split(r"\W+", f"{admin.first_name} {admin.last_name}")
    }

    page.goto(_school_url(live_server, school_a, "/admin/login/"))
    page.fill("input[name=username]", admin.email)
    page.fill("input[name=password]", "Kazakh-pass-123")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")

    home = school_a.site.root_page
    from plugins.helpdesk import services

    services.open_school_queue(school_a, owner=admin, agents=[admin])
    ticket = services.create_ticket(
        admin, school_a, "fault", "Сайт қатесі", "Жаңалықтар беті ашылмайды."
    )
    with translation.override("kk"):
        helpdesk = {
            "helpdesk desk": reverse("mektep_helpdesk:desk"),
            "helpdesk desk ticket": reverse("mektep_helpdesk:desk_ticket", args=[ticket.pk]),
            "helpdesk ticket form": reverse("mektep_helpdesk:ticket_create"),
            "helpdesk my tickets": reverse("mektep_helpdesk:tickets"),
        }
    screens = {
        "dashboard": "/admin/",
        "page explorer": f"/admin/pages/{home.pk}/",
        "page editor": f"/admin/pages/{home.pk}/edit/",
        "new content page": f"/admin/pages/add/sites_pages/contentpage/{home.pk}/",
        "images": "/admin/images/",
        "image upload": "/admin/images/multiple/add/",
        "documents": "/admin/documents/",
        "school settings": f"/admin/settings/mektep_schools/schoolsitesettings/{school_a.site.pk}/",
        "members": "/admin/school_members/",
        "delegated access": "/admin/delegations/",
        "account": "/admin/account/",
        **_page_editor_screens(home),
        **_settings_screens(admin, school_a.site),
        **helpdesk,
    }
    found = {}
    for name, path in screens.items():
        response = page.goto(_school_url(live_server, school_a, path))
        assert response.status < 400, f"{name}: HTTP {response.status}"
        assert page.locator("html").get_attribute("lang") == "kk", name
        words = _english_words(page.evaluate(VISIBLE_TEXT), own_names)
        if words:
            found[name] = words
    assert not found, f"English words in the Kazakh admin: {found}"
