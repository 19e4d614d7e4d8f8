"""Demo galleries of a school site: a photo gallery built from a sub-collection of the
school's media and a video gallery, in kk, ru and en.

populate(school, rng) is idempotent (pages by slug, images by title, the sub-collection by
name)."""

from schools.localization import translate_page
from sites.pages.demo_images import demo_image

from .models import PhotoGalleryPage, VideoGalleryPage

PHOTO_TITLES = {"kk": "Фотогалерея", "ru": "Фотогалерея", "en": "Photo gallery"}
PHOTO_INTROS = {
    "kk": "<p>Мектеп өмірінен суреттер: сабақтар, мерекелер, спорт.</p>",
    "ru": "<p>Фотографии из жизни школы: уроки, праздники, спорт.</p>",
    "en": "<p>Photos of school life: lessons, celebrations, sport.</p>",
}
VIDEO_TITLES = {"kk": "Бейнегалерея", "ru": "Видеогалерея", "en": "Video gallery"}
VIDEO_CAPTIONS = {
    "kk": "Наурыз мерекесі",
    "ru": "Праздник Наурыз",
    "en": "Nauryz celebration",
}
COLLECTION_NAME = "Фотогалерея"
PHOTO_COUNT = 8


def _sub_collection(school):
    existing = school.collection.get_children().filter(name=COLLECTION_NAME).first()
    return existing or school.collection.add_child(name=COLLECTION_NAME)


def _ensure(home, model, slug, fields_by_language):
    page = model.objects.child_of(home).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, show_in_menus=True, **fields_by_language["kk"])
        home.add_child(instance=page)
        page.save_revision().publish()
    translate_page(page, lambda code: fields_by_language[code])
    return page


def populate(school, rng):
    home = school.site.root_page.specific
    collection = _sub_collection(school)
    for index in range(PHOTO_COUNT):
        colour = (rng.randint(30, 200), rng.randint(30, 200), rng.randint(30, 200))
        demo_image(collection, f"Мектеп өмірі {index + 1}", colour=colour)
    photo_gallery = _ensure(
        home,
        PhotoGalleryPage,
        "photos",
        {
            code: {
                "title": PHOTO_TITLES[code],
                "intro": PHOTO_INTROS[code],
                "collection": collection,
            }
            for code in PHOTO_TITLES
        },
    )
    video = {
        code: {
            "title": VIDEO_TITLES[code],
            "videos": [
                {
                    "type": "video",
                    "value": {
                        "title": VIDEO_CAPTIONS[code],
                        "file": None,
                        "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                        "poster": None,
                    },
                }
            ],
        }
        for code in VIDEO_TITLES
    }
    video_gallery = _ensure(home, VideoGalleryPage, "videos", video)
    return photo_gallery, video_gallery
