from datetime import timedelta

from django.utils import timezone

import pytest

from schools.models import Portal
from schools.provisioning import provision_portal
from sites.vacancies.models import VacancyIndexPage, VacancyPage


def host(site_or_school):
    site = getattr(site_or_school, "site", site_or_school)
    return {"HTTP_HOST": site.hostname}


def make_index(school):
    index = VacancyIndexPage(title="Бос жұмыс орындары", slug="vacancies")
    school.site.root_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_vacancy(index, title="Математика мұғалімі", days=30, **fields):
    values = {
        "position": title,
        "subjects": ",math,",
        "valid_through": timezone.localdate() + timedelta(days=days),
        "contacts": "+7 7172 00 00 00",
    }
    values.update(fields)
    vacancy = VacancyPage(title=title, **values)
    index.add_child(instance=vacancy)
    vacancy.save_revision().publish()
    return vacancy


@pytest.fixture
def platform_portal(db):
    return provision_portal(
        Portal.Kind.PLATFORM,
        "platform.localhost",
        {"kk": "Платформа", "ru": "Платформа", "en": "Platform"},
        "platform-home",
    )
