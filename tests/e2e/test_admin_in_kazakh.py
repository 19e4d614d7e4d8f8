"""A school administrator walks the admin in Kazakh (issue 9): dashboard, page explorer, the
page editor of every content type a school can create and of an existing news item and photo
gallery (StreamField bodies, choosers), the image library (index, upload, edit) and the
documents, every site setting and snippet of the platform the administrator may change
(menus, news categories, surveys...), members, the helpdesk (agent desk, a ticket in the
desk, the ticket form) and the e-signed survey results. Any English word in the visible text
that is not a proper name or an abbreviation fails the test, naming the screen."""

import re

import pytest

from tests.e2e.admin_screens import admin_screens, log_in, make_school_admin, populate, school_url

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Names that stay in Latin script in a Kazakh text, as written (phrases are removed first).
PROPER_NAMES = [
    "Google Tag Manager",
    "Google Analytics",
    "Google Search Console",
    "Yandex Metrika",
    "Google",
    "Yandex",
    "OpenStreetMap",
    "Wagtail",
    "Mektep",
    "NCALayer",
    "English",  # the language switcher names each language in itself
]
# Abbreviations and file types, written in capitals as in Kazakh texts.
ABBREVIATIONS = {
    "URL", "SEO", "PDF", "CSV", "XLSX", "HTML", "CSS", "JS", "JavaScript", "QR", "SVG", "PNG",
    "JPEG", "JPG", "GIF", "WEBP", "AVIF", "API", "RSS", "JSON", "SLA", "EDS", "TOTP", "ID",
    "GA4", "GTM", "IIN", "BIN", "ICS", "MB", "GB", "KB", "HTTPS", "OK", "ALT", "WebP", "WCAG",
    "AA",
    # Keyboard keys are written as on the keyboard.
    "Ctrl", "Shift", "Esc", "Enter", "Tab", "Cmd",
}  # fmt: skip
# Codes the administrator types as they are: a robots.txt rule, role codes of a survey.
CODES = {"Disallow", "parent", "teacher"}
# The text a user meets: rendered text nodes (CSS-hidden dialogs and templates excluded),
# placeholders and the values of buttons (those for screen readers included); not the
# options of drop-downs (time zone names are proper names) nor what is typed in text fields.
VISIBLE_TEXT = """() => {
  const out = [];
  const root = document.body || document.documentElement;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('select, script, style, template, noscript, textarea')) continue;
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    out.push(node.textContent);
  }
  document.querySelectorAll('input[placeholder], textarea[placeholder]').forEach(el => {
    if (el.checkVisibility()) out.push(el.placeholder);
  });
  document.querySelectorAll('input[type=submit], input[type=button]').forEach(el => {
    if (el.checkVisibility() && el.value) out.push(el.value);
  });
  return out.join(' \\n ');
}"""
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'-]{1,}")


def english_words(text, own_names):
    """Latin words of `text` that are neither proper names, abbreviations nor the test's
    own data (the school's slug, the administrator's e-mail)."""
    text = re.sub(r"\S+@\S+|\S+\.\S+/?\S*|/\S+", " ", text)  # e-mails, host names, paths
    text = re.sub(r"\d+\s*[x×]\s*\d+", " ", text)  # image sizes (640x480)
    for name in PROPER_NAMES:
        text = text.replace(name, " ")
    words = {w.strip("'-") for w in LATIN_WORD.findall(text)}
    return sorted(
        w
        for w in words
        if len(w) > 1 and w not in ABBREVIATIONS | CODES and w.lower() not in own_names
    )


def test_english_words_are_found():
    assert english_words("Жаңалықтар Search 12 PDF Google Analytics", set()) == ["Search"]
    assert english_words("Ctrl + Enter · kk-admin@example.kz · 640x480", set()) == []
    assert english_words("Add child page", set()) == ["Add", "child", "page"]


def test_admin_speaks_kazakh(live_server, page, school_a):
    admin = make_school_admin(school_a, "kk-admin@example.kz")
    content = populate(school_a, admin)
    # The test's own data: the school's slug, the administrator's name, the Latin slugs and
    # the survey's question key and answer values.
    own_names = {school_a.slug, *re.split(r"\W+", admin.email), "q1", "yes", "no"}
    own_names |= {part.lower() for part in re.split(r"\W+", admin.get_full_name()) if part}
    own_names |= {content["category"].slug}
    log_in(page, live_server, school_a, admin)

    screens = admin_screens(school_a, admin, content)
    # The walk reaches what issue 9 names, whatever else the platform adds.
    news, gallery = content["news"], content["gallery"]
    required = {
        "edit newspage": f"/admin/pages/{news.pk}/edit/",
        "edit photogallerypage": f"/admin/pages/{gallery.pk}/edit/",
        "settings schoolsitesettings": None,
        "snippets menu": None,
        "edit snippet menu": None,
        "edit snippet survey": None,
        "helpdesk desk": None,
        "helpdesk ticket form": None,
        "survey results": None,
    }
    for name, path in required.items():
        assert name in screens, f"the walk misses {name}"
        assert path is None or screens[name] == path, name
    found = {}
    for name, path in screens.items():
        response = page.goto(school_url(live_server, school_a, path))
        assert response.status < 400, f"{name}: HTTP {response.status}"
        # The admin lives on its own host: the school host's URL redirects there.
        page.wait_for_load_state("load")
        assert page.locator("html").get_attribute("lang") == "kk", name
        words = english_words(page.evaluate(VISIBLE_TEXT), own_names)
        if words:
            found[name] = words
    assert not found, f"English words in the Kazakh admin: {found}"
