import factory

from .models import RoleAssignment, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"user{n}@example.kz")
    first_name = factory.Faker("first_name", locale="ru_RU")
    last_name = factory.Faker("last_name", locale="ru_RU")
    password = factory.PostGenerationMethodCall("set_password", "Secret-pass-123")


def assign_role(user, role, **scope):
    return RoleAssignment.objects.get_or_create(user=user, role=role, **scope)[0]
