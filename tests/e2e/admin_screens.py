"""What a school administrator's admin holds, and the screens of it that browser walks visit.

Shared by the Kazakh-admin walk (tests/e2e/test_admin_in_kazakh.py) and the admin CSP walk
(tests/security/test_admin_csp_browser.py): both need the same real content (a news item and
a photo gallery with StreamField bodies, an image, a document, a menu, a helpdesk ticket, an
e-signed survey) so that the editors render their choosers, date pickers and inline panels.
"""

from django.urls import reverse
from django.utils import translation

from accounts.factories import UserFactory, assign_role
from accounts.roles import Role

ADMIN_PASSWORD = "Kazakh-pass-123"
# Top-level packages of the platform's own code (platform/ is an import root).
PROJECT_PACKAGES = {"accounts", "schools", "plugin_api", "security", "sites", "search", "plugins"}


def school_url(live_server, school, path):
    port = live_server.url.rsplit(":", 1)[1]
    return f"http://{school.site.hostname}:{port}{path}"


def make_school_admin(school, email, language="kk"):
    admin = UserFactory(email=email, password=ADMIN_PASSWORD, preferred_language=language)
    assign_role(admin, Role.SITE_ADMIN, school=school)
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = language
    profile.save()
    from allauth.account.models import EmailAddress

    # allauth's login (the only one, issue 24) wants a verified address.
    EmailAddress.objects.update_or_create(
        user=admin, email=admin.email, defaults={"verified": True, "primary": True}
    )
    return admin


def log_in(page, live_server, school, admin):
    # /admin/login/ sends to allauth's login (issue 24: the one that asks for MFA).
    page.goto(school_url(live_server, school, "/admin/login/"))
    page.fill("input[name=login]", admin.email)
    page.fill("input[name=password]", ADMIN_PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url("**/admin/")


def populate(school, admin):
    """Real content of every kind the walks open, in the school's own site and collection;
    the helpdesk and the e-signed surveys switched on for the school."""
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.rich_text import RichText

    from plugins.helpdesk import services as helpdesk
    from schools.models import SchoolSiteSettings
    from sites.galleries.models import PhotoGalleryPage
    from sites.navigation.models import Menu, MenuItem
    from sites.news.categories import NewsCategory
    from sites.news.models import NewsIndexPage, NewsPage

    site_settings = SchoolSiteSettings.for_site(school.site)
    site_settings.plugin_states = {
        **(site_settings.plugin_states or {}),
        "mektep_helpdesk": True,
        "esign_surveys": True,
    }
    site_settings.save()

    home = school.site.root_page.specific
    image = get_image_model().objects.create(
        title="Мектеп ғимараты",
        file=get_test_image_file(filename="building.png"),
        collection=school.collection,
        uploaded_by_user=admin,
    )
    document = get_document_model().objects.create(
        title="Оқу жоспары",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="plan.pdf"),
        collection=school.collection,
        uploaded_by_user=admin,
    )
    figure = {"image": image, "alt_text": "Мектеп ғимараты", "caption": "Күзгі ғимарат"}
    news_index = home.add_child(instance=NewsIndexPage(title="Жаңалықтар", slug="zhanalyqtar"))
    category = NewsCategory.objects.create(
        site=school.site, name="Оқушылар", slug="oqushylar", locale=home.locale
    )
    news = NewsPage(
        title="Оқу жылы басталды",
        slug="oqu-zhyly",
        summary="Бірінші қыркүйек",
        cover_image=image,
        body=[
            ("paragraph", RichText("<p>Оқушыларды құттықтаймыз.</p>")),
            ("image", {"image": image, "decorative": False, "alt_text": "Ғимарат"}),
        ],
    )
    news_index.add_child(instance=news)
    news.categories.add(category)
    news.save_revision().publish()
    gallery = home.add_child(
        instance=PhotoGalleryPage(
            title="Фотогалерея",
            slug="fotogalereya",
            collection=school.collection,
            images=[("image", figure)],
        )
    )
    menu = Menu.objects.create(site=school.site, location=Menu.Location.MAIN, locale=home.locale)
    MenuItem.objects.create(menu=menu, label="Жаңалықтар", link_page=news_index, locale=home.locale)

    helpdesk.open_school_queue(school, owner=admin, agents=[admin])
    ticket = helpdesk.create_ticket(
        admin, school, "fault", "Сайт қатесі", "Жаңалықтар беті ашылмайды."
    )
    from plugins.esign_surveys.models import Survey

    survey = Survey(site=school.site, slug="ata-analar", title_kk="Ата-аналар сауалнамасы")
    survey.questions = [
        (
            "single_choice",
            {
                "key": "q1",
                "text_kk": "Келісесіз бе?",
                "text_ru": "Согласны?",
                "text_en": "",
                "required": True,
                "show_if_key": "",
                "show_if_value": "",
                "choices": [
                    {"value": "yes", "label_kk": "Иә", "label_ru": "Да", "label_en": ""},
                    {"value": "no", "label_kk": "Жоқ", "label_ru": "Нет", "label_en": ""},
                ],
            },
        )
    ]
    survey.full_clean()
    survey.save()
    return {
        "home": home,
        "image": image,
        "document": document,
        "news_index": news_index,
        "news": news,
        "gallery": gallery,
        "category": category,
        "menu": menu,
        "ticket": ticket,
        "survey": survey,
    }


def page_editor_screens(home):
    """The "add" editor of every page type of the project that can be created somewhere in
    the school's tree (the first parent that allows it), and the "edit" editor of one
    existing page of each type."""
    from wagtail.models import Page, get_page_models

    tree = list(Page.objects.descendant_of(home, inclusive=True).specific())
    screens = {}
    for model in get_page_models():
        if model.__module__.split(".")[0] not in PROJECT_PACKAGES:
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


def settings_screens(user, site):
    """Every per-site setting of the site (a school administrator may change each one,
    schools.provisioning grants it per site) and every generic setting the user may change."""
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.contrib.settings.registry import registry

    screens = {}
    for model in registry:
        label, name = model._meta.app_label, model._meta.model_name
        if issubclass(model, BaseSiteSetting):
            screens[f"settings {name}"] = f"/admin/settings/{label}/{name}/{site.pk}/"
        elif user.has_perm(f"{label}.change_{name}"):
            screens[f"settings {name}"] = f"/admin/settings/{label}/{name}/{model.load().pk}/"
    return screens


def snippet_screens(user, content):
    """Listing, "add" form and the edit form of one object of every snippet of the platform
    the user may change (menus, news categories, surveys, customisation...)."""
    from wagtail.snippets.models import get_snippet_models

    screens = {}
    objects = {type(obj): obj for obj in content.values()}
    for model in get_snippet_models():
        if model.__module__.split(".")[0] not in PROJECT_PACKAGES:
            continue
        name = model._meta.model_name
        viewset = model.snippet_viewset
        policy = viewset.permission_policy
        if not policy.user_has_permission(user, "change"):
            continue
        screens[f"snippets {name}"] = reverse(viewset.get_url_name("list"))
        if policy.user_has_permission(user, "add"):
            screens[f"new snippet {name}"] = reverse(viewset.get_url_name("add"))
        if model in objects:
            edit = reverse(viewset.get_url_name("edit"), args=[objects[model].pk])
            screens[f"edit snippet {name}"] = edit
    return screens


def admin_screens(school, user, content):
    """{screen name: admin path} of everything a school administrator works with."""
    home, image, document = content["home"], content["image"], content["document"]
    with translation.override("kk"):
        plugin_screens = {
            "helpdesk desk": reverse("mektep_helpdesk:desk"),
            "helpdesk desk ticket": reverse(
                "mektep_helpdesk:desk_ticket", args=[content["ticket"].pk]
            ),
            "helpdesk ticket form": reverse("mektep_helpdesk:ticket_create"),
            "helpdesk my tickets": reverse("mektep_helpdesk:tickets"),
        }
    plugin_screens["survey results"] = reverse(
        "esign_surveys_admin:results", args=[content["survey"].pk]
    )
    return {
        "dashboard": "/admin/",
        "page explorer": f"/admin/pages/{home.pk}/",
        "home page editor": f"/admin/pages/{home.pk}/edit/",
        "news list": f"/admin/pages/{content['news_index'].pk}/",
        "images": "/admin/images/",
        "image upload": "/admin/images/multiple/add/",
        "image edit": f"/admin/images/{image.pk}/",
        "documents": "/admin/documents/",
        "document upload": "/admin/documents/multiple/add/",
        "document edit": f"/admin/documents/edit/{document.pk}/",
        "members": "/admin/school_members/",
        "delegated access": "/admin/delegations/",
        "account": "/admin/account/",
        **page_editor_screens(home),
        **settings_screens(user, school.site),
        **snippet_screens(user, content),
        **plugin_screens,
    }
