"""Menus per site and language: rendering, fall-back to the page tree, cache invalidation,
admin editing and tenancy."""

from django.utils import translation

from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from sites.navigation.models import Menu, MenuItem
from sites.pages.models import ContentPage

from ..pages.content import add_page, translate

pytestmark = pytest.mark.django_db

HOST_A = "school-a.localhost"


def _nav(html, css_class):
    start = html.index(f'class="{css_class}"')
    return html[start : html.index("</nav>", start)]


def _menu(site, location="main", code="kk", items=()):
    locale = Locale.objects.get(language_code=code)
    menu = Menu.objects.create(site=site, location=location, locale=locale)
    for order, (label, page, url) in enumerate(items):
        MenuItem.objects.create(
            menu=menu, sort_order=order, label=label, link_page=page, link_url=url, locale=locale
        )
    return menu


@pytest.fixture
def about_a(school_a):
    page = add_page(
        school_a.site.root_page,
        ContentPage(title="Мектеп туралы", slug="about", show_in_menus=True),
    )
    translate(page, {"ru": "О школе", "en": "About the school"})
    return page


def test_without_a_menu_the_page_tree_is_the_main_menu(client, school_a, about_a):
    kk = client.get("/kk/", HTTP_HOST=HOST_A).content.decode()
    assert 'href="/kk/about/">Мектеп туралы' in _nav(kk, "site-menu")
    ru = client.get("/ru/", HTTP_HOST=HOST_A).content.decode()
    assert 'href="/ru/about/">О школе' in _nav(ru, "site-menu")


def test_menu_in_each_language_with_page_links_following_the_language(client, school_a, about_a):
    _menu(
        school_a.site,
        items=[("", about_a, ""), ("Күнделік", None, "https://kundelik.kz/")],
    )
    _menu(school_a.site, "top", items=[("eGov", None, "https://egov.kz/")])
    _menu(school_a.site, "footer", items=[("Байланыс", None, "/kk/contacts/")])
    kk = client.get("/kk/", HTTP_HOST=HOST_A).content.decode()
    main = _nav(kk, "site-menu")
    assert main.index("Мектеп туралы") < main.index("Күнделік")
    assert "https://egov.kz/" in _nav(kk, "top-menu")
    assert "/kk/contacts/" in _nav(kk, "footer-menu")
    # No Russian menu yet: the Kazakh one, with links to the Russian pages.
    ru = client.get("/ru/", HTTP_HOST=HOST_A).content.decode()
    assert 'href="/ru/about/">О школе' in _nav(ru, "site-menu")
    _menu(school_a.site, code="ru", items=[("Дневник", None, "https://kundelik.kz/")])
    ru = client.get("/ru/", HTTP_HOST=HOST_A).content.decode()
    assert "Дневник" in _nav(ru, "site-menu") and "О школе" not in _nav(ru, "site-menu")


def test_saving_a_menu_updates_cached_pages(client, school_a, about_a):
    menu = _menu(school_a.site, items=[("Бірінші", None, "/kk/")])
    assert "Бірінші" in client.get("/kk/", HTTP_HOST=HOST_A).content.decode()
    item = menu.items.get()
    item.label = "Екінші"
    item.save()
    html = client.get("/kk/", HTTP_HOST=HOST_A).content.decode()
    assert "Екінші" in html and "Бірінші" not in html
    # Publishing a new title of a linked page shows too.
    MenuItem.objects.create(menu=menu, sort_order=1, link_page=about_a, locale=menu.locale)
    about_a.title = "Біз туралы"
    about_a.save_revision().publish()
    assert "Біз туралы" in client.get("/kk/", HTTP_HOST=HOST_A).content.decode()


def _menu_post(site, location, items, children=()):
    """Form data of the menu editor; `children` are the first item's sub-items."""
    return nested_form_data(
        {
            "site": site.pk,
            "location": location,
            "items": inline_formset(
                [
                    {
                        "label": label,
                        "link_page": page.pk if page else "",
                        "link_url": url,
                        "ORDER": str(order),
                        "children": streamfield(
                            [
                                (
                                    "link",
                                    {
                                        "label": c_label,
                                        "page": c_page.pk if c_page else "",
                                        "url": c_url,
                                    },
                                )
                                for c_label, c_page, c_url in (children if order == 0 else ())
                            ]
                        ),
                    }
                    for order, (label, page, url) in enumerate(items)
                ]
            ),
        }
    )


def test_admin_creates_a_menu_for_own_site_only(client, admin_a, school_a, school_b, about_a):
    client.force_login(admin_a)
    add = "/admin/snippets/sites_navigation/menu/add/?locale=kk"
    response = client.post(add, _menu_post(school_a.site, "main", [("", about_a, "")]))
    assert response.status_code == 302, response.content.decode()[:2000]
    menu = Menu.objects.get(site=school_a.site, location="main")
    assert menu.items.get().link_page_id == about_a.pk
    # Another school's site is not on offer; the form says so and nothing is saved.
    response = client.post(add, _menu_post(school_b.site, "top", [("x", None, "/kk/")]))
    assert response.status_code == 200
    assert not Menu.objects.filter(site=school_b.site).exists()
    # The same place and language twice gets a message, not an error page.
    with translation.override("en"):
        response = client.post(add, _menu_post(school_a.site, "main", [("y", None, "/kk/")]))
    assert response.status_code == 200
    assert Menu.objects.filter(site=school_a.site, location="main").count() == 1


def test_menu_cannot_link_another_schools_page(client, admin_a, school_a, school_b):
    page_b = add_page(school_b.site.root_page, ContentPage(title="B secret", slug="b-secret"))
    client.force_login(admin_a)
    response = client.post(
        "/admin/snippets/sites_navigation/menu/add/?locale=kk",
        _menu_post(school_a.site, "main", [("", page_b, "")]),
    )
    assert response.status_code == 200
    assert not Menu.objects.filter(site=school_a.site).exists()


def test_bad_addresses_refused(client, admin_a, school_a):
    client.force_login(admin_a)
    response = client.post(
        "/admin/snippets/sites_navigation/menu/add/?locale=kk",
        _menu_post(school_a.site, "main", [("Bad", None, "javascript:alert(1)")]),
    )
    assert response.status_code == 200
    assert not Menu.objects.exists()


def test_admin_cannot_see_or_change_other_schools_menus(client, admin_a, school_a, school_b):
    own = _menu(school_a.site, items=[("A item", None, "/kk/")])
    other = _menu(school_b.site, "footer", items=[("B item", None, "/kk/")])
    client.force_login(admin_a)
    listing = client.get("/admin/snippets/sites_navigation/menu/").content.decode()
    assert f"/admin/snippets/sites_navigation/menu/edit/{own.pk}/" in listing
    assert f"/edit/{other.pk}/" not in listing
    edit = f"/admin/snippets/sites_navigation/menu/edit/{other.pk}/"
    delete = f"/admin/snippets/sites_navigation/menu/delete/{other.pk}/"
    assert client.get(edit).status_code in (302, 403, 404)
    assert client.post(edit, _menu_post(school_a.site, "footer", [])).status_code in (
        302,
        403,
        404,
    )
    assert client.post(delete).status_code in (302, 403, 404)
    assert Menu.objects.get(pk=other.pk).site_id == school_b.site.pk
    chooser = client.get("/admin/snippets/choose/sites_navigation/menu/")
    assert chooser.status_code in (200, 404)
    assert "B item" not in chooser.content.decode() and f'"{other.pk}"' not in (
        chooser.content.decode()
    )
    # And school B's public pages never show school A's menu.
    html = client.get("/kk/", HTTP_HOST="school-b.localhost").content.decode()
    assert "A item" not in html


# --- one level of sub-items in the main menu -------------------------------------------


@pytest.fixture
def section_a(school_a, about_a):
    from sites.pages.models import SectionPage

    section = add_page(school_a.site.root_page, SectionPage(title="Мектебіміз", slug="school"))
    translate(section, {"ru": "Наша школа", "en": "Our school"})
    staff = add_page(section, ContentPage(title="Ұжым", slug="staff"))
    translate(staff, {"ru": "Коллектив", "en": "Staff"})
    return section, staff


def _children(*links):
    return [("link", {"label": label, "page": page, "url": url}) for label, page, url in links]


def test_main_menu_item_has_a_dropdown_of_sub_items_in_each_language(client, school_a, section_a):
    section, staff = section_a
    menu = _menu(school_a.site, items=[("", section, "")])
    item = menu.items.get()
    item.children = _children(("", staff, ""), ("Күнделік", None, "https://kundelik.kz/"))
    item.save()
    kk = _nav(client.get("/kk/", HTTP_HOST=HOST_A).content.decode(), "site-menu")
    assert '<li class="has-submenu"><a href="/kk/school/">Мектебіміз</a><ul class="submenu">' in kk
    assert '<li><a href="/kk/school/staff/">Ұжым</a></li>' in kk
    assert '<a href="https://kundelik.kz/">Күнделік</a>' in kk
    # The Kazakh menu serves Russian visitors too; sub-items follow their language.
    ru = _nav(client.get("/ru/", HTTP_HOST=HOST_A).content.decode(), "site-menu")
    assert '<a href="/ru/school/">Наша школа</a><ul class="submenu">' in ru
    assert '<a href="/ru/school/staff/">Коллектив</a>' in ru
    # A menu of its own for English visitors replaces it there.
    _menu(school_a.site, code="en", items=[("Contacts", None, "/en/contacts/")])
    en = _nav(client.get("/en/", HTTP_HOST=HOST_A).content.decode(), "site-menu")
    assert "submenu" not in en and "Contacts" in en


def test_dropdown_assets_are_static_files_and_work_without_js(client, school_a):
    html = client.get("/kk/", HTTP_HOST=HOST_A).content.decode()
    assert "/static/sites_navigation/menu.css" in html
    assert '<script src="/static/sites_navigation/menu.js" defer></script>' in html
    from django.contrib.staticfiles import finders

    with open(finders.find("sites_navigation/menu.css")) as stylesheet:
        css = stylesheet.read()
    assert ".has-submenu:focus-within>.submenu" in css  # keyboard, without JavaScript
    assert ".has-submenu:hover>.submenu" in css


def test_admin_edits_sub_items_of_own_pages_only(client, admin_a, school_a, school_b, section_a):
    section, staff = section_a
    page_b = add_page(school_b.site.root_page, ContentPage(title="B secret", slug="b-secret"))
    client.force_login(admin_a)
    add = "/admin/snippets/sites_navigation/menu/add/?locale=kk"
    # Another school's page as a sub-item: refused with a message, nothing saved.
    response = client.post(
        add, _menu_post(school_a.site, "main", [("", section, "")], [("", page_b, "")])
    )
    assert response.status_code == 200
    assert not Menu.objects.exists()
    # Sub-items belong to the main menu only.
    response = client.post(
        add, _menu_post(school_a.site, "footer", [("", section, "")], [("", staff, "")])
    )
    assert response.status_code == 200
    assert not Menu.objects.exists()
    # An address without a label is refused; the own page is accepted.
    response = client.post(
        add, _menu_post(school_a.site, "main", [("", section, "")], [("", None, "/kk/x/")])
    )
    assert response.status_code == 200
    assert not Menu.objects.exists()
    response = client.post(
        add,
        _menu_post(
            school_a.site,
            "main",
            [("", section, "")],
            [("", staff, ""), ("Күнделік", None, "https://k.kz/")],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    item = Menu.objects.get(site=school_a.site).items.get()
    assert [getattr(c.value["page"], "pk", None) for c in item.children] == [staff.pk, None]
    assert item.children[1].value["url"] == "https://k.kz/"
