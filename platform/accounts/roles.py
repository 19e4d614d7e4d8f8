"""The platform's roles (ARCHITECTURE.md) and the scope each one is held in."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SUPERADMIN = "superadmin", _("Platform superadmin")
    SUPPORT_AGENT = "support_agent", _("Support agent")
    REGION_COORDINATOR = "region_coordinator", _("Region coordinator")
    DISTRICT_COORDINATOR = "district_coordinator", _("District coordinator")
    SITE_ADMIN = "site_admin", _("Site administrator")
    EDITOR = "editor", _("Editor")
    DIRECTOR = "director", _("Director")
    DEPUTY_DIRECTOR_UPBRINGING = "deputy_director_upbringing", _("Deputy director for upbringing")
    PSYCHOLOGIST = "psychologist", _("School psychologist")
    SOCIAL_PEDAGOGUE = "social_pedagogue", _("Social pedagogue")
    CLASS_TEACHER = "class_teacher", _("Class teacher")
    CAREER_COUNSELLOR = "career_counsellor", _("Career counsellor")
    METHODOLOGIST = "methodologist", _("Methodologist")
    TUTOR = "tutor", _("Tutor")
    TEACHER = "teacher", _("Teacher")
    STUDENT = "student", _("Student")
    PARENT = "parent", _("Parent")


class Scope(models.TextChoices):
    PLATFORM = "platform", _("Platform")
    REGION = "region", _("Region")
    DISTRICT = "district", _("District")
    SCHOOL = "school", _("School")


PLATFORM_ROLES = frozenset({Role.SUPERADMIN, Role.SUPPORT_AGENT})
REGION_ROLES = frozenset({Role.REGION_COORDINATOR})
DISTRICT_ROLES = frozenset({Role.DISTRICT_COORDINATOR})
SCHOOL_ROLES = frozenset(set(Role) - PLATFORM_ROLES - REGION_ROLES - DISTRICT_ROLES)

# Roles that work in the Wagtail admin of their school and get per-school groups with page,
# collection and site-setting permissions.
SCHOOL_ADMIN_ROLES = (Role.SITE_ADMIN, Role.EDITOR)

# Roles whose accounts must use MFA when the platform setting requires it: they administer
# sites or read children's data.
MFA_ROLES = frozenset(
    {
        Role.SUPERADMIN,
        Role.SUPPORT_AGENT,
        Role.SITE_ADMIN,
        Role.DIRECTOR,
        Role.DEPUTY_DIRECTOR_UPBRINGING,
        Role.PSYCHOLOGIST,
        Role.SOCIAL_PEDAGOGUE,
        Role.REGION_COORDINATOR,
        Role.DISTRICT_COORDINATOR,
    }
)


def scope_of(role: str) -> str:
    if role in PLATFORM_ROLES:
        return Scope.PLATFORM
    if role in REGION_ROLES:
        return Scope.REGION
    if role in DISTRICT_ROLES:
        return Scope.DISTRICT
    return Scope.SCHOOL
