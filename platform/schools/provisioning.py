"""Create a school (or portal) in one step: Wagtail Site, home pages in kk/ru/en, a media
collection, per-school groups with page, collection and site-setting permissions.

Every step is get-or-create, so provisioning again repairs what is missing and changes
nothing else (demo_load relies on it)."""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Locale,
    Page,
    Site,
)

from accounts.roles import Role

from .localization import adopt_translation
from .models import Portal, School, SchoolGroup

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

ROLE_PAGE_PERMISSIONS = {
    Role.SITE_ADMIN: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    Role.EDITOR: ["add_page", "change_page"],
}
ROLE_COLLECTION_PERMISSIONS = {
    Role.SITE_ADMIN: [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ],
    Role.EDITOR: [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "choose_document"),
    ],
}
ROLE_GROUP_NAMES = {Role.SITE_ADMIN: "site administrators", Role.EDITOR: "editors"}


@dataclass
class SchoolSpec:
    slug: str
    hostname: str
    bin: str
    district: object
    names: dict  # {"kk": ..., "ru": ..., "en": ...}
    languages_of_instruction: list
    port: int | None = None  # None: settings.SITE_PORT, the port the sites are served on


def ensure_locales():
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGE_CODES}


def ensure_home_pages(model_path, slug, titles):
    """The home page in kk (the site root) and its ru/en translations, all live."""
    model = apps.get_model(model_path)
    locales = ensure_locales()
    root = Page.get_first_root_node()
    default = settings.LANGUAGE_CODE
    home = model.objects.filter(slug=slug, locale=locales[default], depth=2).first()
    if home is None:
        home = model(title=titles[default], slug=slug, locale=locales[default])
        root.add_child(instance=home)
        home.save_revision().publish()
    pages = {default: home}
    for code in LANGUAGE_CODES:
        if code == default:
            continue
        translation = home.get_translation_or_none(locales[code])
        if translation is None:
            translation = home.copy_for_translation(locales[code])
            translation.title = titles[code]
            translation.save_revision().publish()
            adopt_translation(home, translation)
        pages[code] = translation.specific
    return pages


def ensure_site(hostname, port, root_page, site_name, is_default=False):
    """The site of `hostname`, on `port` (settings.SITE_PORT when None). Found by hostname
    alone, so provisioning again on another port moves the site instead of adding a second
    one: Wagtail builds every absolute URL of the site from the stored port."""
    site, _created = Site.objects.update_or_create(
        hostname=hostname,
        defaults={
            "port": settings.SITE_PORT if port is None else port,
            "root_page": root_page,
            "site_name": site_name,
            "is_default_site": is_default,
        },
    )
    return site


def ensure_school_groups(school, home_pages):
    site_setting_models = [m for m in settings_registry if issubclass(m, BaseSiteSetting)]
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for role, label in ROLE_GROUP_NAMES.items():
        group, _ = Group.objects.get_or_create(name=f"{school.slug}: {label}")
        SchoolGroup.objects.get_or_create(school=school, role=role, defaults={"group": group})
        group.permissions.add(access_admin)
        _grant_translation(group)
        for page in home_pages.values():
            for codename in ROLE_PAGE_PERMISSIONS[role]:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=page,
                    permission=Permission.objects.get(
                        content_type__app_label="wagtailcore", codename=codename
                    ),
                )
        for app_label, codename in ROLE_COLLECTION_PERMISSIONS[role]:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=school.collection,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )
        if role == Role.SITE_ADMIN:
            _grant_site_settings(group, school.site, site_setting_models)


def _grant_site_settings(group, site, models):
    for model in models:
        content_type = ContentType.objects.get_for_model(model)
        permission = Permission.objects.filter(
            content_type=content_type, codename=f"change_{model._meta.model_name}"
        ).first()
        if permission is not None:  # created by post_migrate; absent mid-migration
            GroupSitePermission.objects.get_or_create(group=group, site=site, permission=permission)


def _grant_translation(group):
    """wagtail-localize's "Translate this page": the submit view asks for this model-wide
    permission, the pages themselves stay limited by the group's page permissions and the
    admin guard (schools.admin_guard)."""
    # wagtail-localize creates this permission in a data migration (so a flush loses it);
    # made the same way here when missing.
    content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtail_localize", model="translation"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    group.permissions.add(permission)


def grant_site_settings_permissions():
    """Every school's administrators may edit every per-site setting of their site, and
    every school group may submit pages for translation (both added after some schools were
    provisioned reach them on the next migrate)."""
    models = [m for m in settings_registry if issubclass(m, BaseSiteSetting)]
    for school_group in SchoolGroup.objects.filter(role=Role.SITE_ADMIN).select_related(
        "group", "school__site"
    ):
        _grant_site_settings(school_group.group, school_group.school.site, models)
    for school_group in SchoolGroup.objects.select_related("group"):
        _grant_translation(school_group.group)


@transaction.atomic
def provision_school(spec: SchoolSpec) -> School:
    home_pages = ensure_home_pages(settings.SCHOOL_HOME_PAGE_MODEL, spec.slug, spec.names)
    site = ensure_site(
        spec.hostname, spec.port, home_pages[settings.LANGUAGE_CODE], spec.names["kk"]
    )
    root_collection = Collection.get_first_root_node()
    school = School.objects.filter(slug=spec.slug).first()
    if school is None:
        collection = root_collection.add_child(name=spec.names["kk"])
        school = School.objects.create(
            slug=spec.slug,
            site=site,
            bin=spec.bin,
            district=spec.district,
            name_kk=spec.names["kk"],
            name_ru=spec.names["ru"],
            name_en=spec.names["en"],
            languages_of_instruction=spec.languages_of_instruction,
            collection=collection,
        )
    ensure_school_groups(school, home_pages)
    from plugin_api.signals import school_created

    school_created.send(sender=School, site=site, school=school)
    return school


@transaction.atomic
def provision_portal(
    kind, hostname, titles, slug, region=None, district=None, port=None, is_default=False
):
    model_path = (
        settings.PLATFORM_HOME_PAGE_MODEL
        if kind == Portal.Kind.PLATFORM
        else settings.PORTAL_HOME_PAGE_MODEL
    )
    home_pages = ensure_home_pages(model_path, slug, titles)
    site = ensure_site(hostname, port, home_pages[settings.LANGUAGE_CODE], titles["kk"], is_default)
    portal, _ = Portal.objects.get_or_create(
        site=site, defaults={"kind": kind, "region": region, "district": district}
    )
    return portal
