"""Which sites a search covers: a school site searches itself; a district or region portal its
own pages and its schools'; the platform every site."""

from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class SearchScope:
    site_id: int | None = None  # the site searched from (its own pages always count)
    region_id: int | None = None
    district_id: int | None = None
    everything: bool = False

    @classmethod
    def for_site(cls, site):
        if site is None:
            return cls(site_id=-1)  # nothing
        from schools.models import Portal

        portal = Portal.objects.filter(site=site).first()
        if portal is None:
            return cls(site_id=site.pk)
        if portal.kind == Portal.Kind.PLATFORM:
            return cls(site_id=site.pk, everything=True)
        if portal.kind == Portal.Kind.REGION:
            return cls(site_id=site.pk, region_id=portal.region_id)
        return cls(site_id=site.pk, district_id=portal.district_id)

    @property
    def is_territory(self):
        return self.everything or self.region_id is not None or self.district_id is not None

    def q(self):
        """The scope as a filter on search.models.SearchEntry."""
        if self.everything:
            return Q()
        condition = Q(site_id=self.site_id)
        if self.region_id is not None:
            condition |= Q(region_id=self.region_id)
        if self.district_id is not None:
            condition |= Q(district_id=self.district_id)
        return condition
