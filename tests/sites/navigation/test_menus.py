"""Menus per site and language: rendering, fall-back to the page tree, cache invalidation,
admin editing and tenancy."""

from django.utils import translation

from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data

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


def _menu_post(site, location, items):
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
