"""factory_boy factories for territories and schools, used by the demo and by tests."""

import factory

from accounts.identity_numbers import control_digit

from .models import District, Region
from .provisioning import SchoolSpec, provision_school


def make_bin(sequence: int) -> str:
    """A checksum-valid BIN registered in January 2010 as a resident legal entity."""
    n = sequence
    while True:
        prefix = f"100140{n:05d}"
        digit = control_digit(prefix)
        if digit is not None:
            return prefix + str(digit)
        n += 1


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("code",)

    region = factory.LazyFunction(lambda: Region.objects.get(code="karaganda"))
    code = factory.Sequence(lambda n: f"district-{n}")
    kind = District.Kind.DISTRICT
    name_kk = factory.Sequence(lambda n: f"Аудан {n}")
    name_ru = factory.Sequence(lambda n: f"Район {n}")
    name_en = factory.Sequence(lambda n: f"District {n}")


def create_school(slug, district=None, hostname=None, names=None, sequence=1, port=None):
    district = district or DistrictFactory()
    names = names or {"kk": f"{slug} мектебі", "ru": f"Школа {slug}", "en": f"{slug} school"}
    return provision_school(
        SchoolSpec(
            slug=slug,
            hostname=hostname or f"{slug}.localhost",
            bin=make_bin(sequence),
            district=district,
            names=names,
            languages_of_instruction=["kk", "ru"],
            port=port,
        )
    )
