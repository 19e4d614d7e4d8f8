"""Reference data: Kazakhstan's 17 regions and 3 cities of republican significance (2022
administrative division, with Abai, Jetisu and Ulytau regions)."""

REGIONS = [
    # code, kind, kk, ru, en
    ("abai", "region", "Абай облысы", "Абайская область", "Abai Region"),
    ("akmola", "region", "Ақмола облысы", "Акмолинская область", "Akmola Region"),
    ("aktobe", "region", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region"),
    ("almaty-region", "region", "Алматы облысы", "Алматинская область", "Almaty Region"),
    ("atyrau", "region", "Атырау облысы", "Атырауская область", "Atyrau Region"),
    (
        "east-kazakhstan",
        "region",
        "Шығыс Қазақстан облысы",
        "Восточно-Казахстанская область",
        "East Kazakhstan Region",
    ),
    ("jambyl", "region", "Жамбыл облысы", "Жамбылская область", "Jambyl Region"),
    ("jetisu", "region", "Жетісу облысы", "Жетысуская область", "Jetisu Region"),
    (
        "west-kazakhstan",
        "region",
        "Батыс Қазақстан облысы",
        "Западно-Казахстанская область",
        "West Kazakhstan Region",
    ),
    ("karaganda", "region", "Қарағанды облысы", "Карагандинская область", "Karaganda Region"),
    ("kostanay", "region", "Қостанай облысы", "Костанайская область", "Kostanay Region"),
    ("kyzylorda", "region", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region"),
    ("mangystau", "region", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region"),
    ("pavlodar", "region", "Павлодар облысы", "Павлодарская область", "Pavlodar Region"),
    (
        "north-kazakhstan",
        "region",
        "Солтүстік Қазақстан облысы",
        "Северо-Казахстанская область",
        "North Kazakhstan Region",
    ),
    ("turkistan", "region", "Түркістан облысы", "Туркестанская область", "Turkistan Region"),
    ("ulytau", "region", "Ұлытау облысы", "Улытауская область", "Ulytau Region"),
    ("astana", "city", "Астана қаласы", "город Астана", "Astana"),
    ("almaty", "city", "Алматы қаласы", "город Алматы", "Almaty"),
    ("shymkent", "city", "Шымкент қаласы", "город Шымкент", "Shymkent"),
]


def load_regions(Region):
    """Create or update the reference regions; safe to run again."""
    for code, kind, kk, ru, en in REGIONS:
        Region.objects.update_or_create(
            code=code, defaults={"kind": kind, "name_kk": kk, "name_ru": ru, "name_en": en}
        )
