"""Demo news of a school site: a news index with ten items in kk, ru and en, generated cover
images (Pillow), three categories, tags and a few approved comments with an answer.

populate(school, rng) is idempotent: pages by slug, images by title, categories by slug,
users by e-mail, comments by (item, author, text)."""

import datetime

from django.utils import timezone

from wagtail.models import Locale
from wagtail.rich_text import RichText

from accounts.models import User

from .comments import CommentStatus, NewsComment
from .models import NewsCategory, NewsIndexPage, NewsPage

INDEX = {
    "kk": ("Жаңалықтар", "Мектебіміздің өмірінен соңғы жаңалықтар."),
    "ru": ("Новости", "Последние новости из жизни нашей школы."),
    "en": ("News", "The latest news from our school."),
}
CATEGORIES = {
    "sport": {"kk": "Спорт", "ru": "Спорт", "en": "Sport"},
    "olympiads": {"kk": "Олимпиадалар", "ru": "Олимпиады", "en": "Olympiads"},
    "events": {"kk": "Іс-шаралар", "ru": "Мероприятия", "en": "Events"},
}
# slug, category, tags, {language: (title, summary, paragraph)}
NEWS = [
    (
        "bilim-kuni",
        "events",
        ["мереке", "1 қыркүйек"],
        {
            "kk": (
                "Білім күні: 1 қыркүйекте салтанатты жиын өтті",
                "Бірінші сыныптар алғашқы қоңырауды естіді.",
                "Мектеп ауласында салтанатты жиын өтіп, директор оқушылар мен ата-аналарды "
                "жаңа оқу жылымен құттықтады.",
            ),
            "ru": (
                "День знаний: 1 сентября прошла торжественная линейка",
                "Первоклассники услышали первый звонок.",
                "Во дворе школы прошла торжественная линейка; директор поздравил учеников и "
                "родителей с началом учебного года.",
            ),
            "en": (
                "Knowledge Day: the school year opened on 1 September",
                "First-graders heard their first bell.",
                "A ceremony was held in the schoolyard; the principal welcomed pupils and "
                "parents to the new school year.",
            ),
        },
    ),
    (
        "futbol-turniri",
        "sport",
        ["футбол", "жарыс"],
        {
            "kk": (
                "Аудандық футбол турнирінде жүлделі екінші орын",
                "Мектеп командасы 8 команданың ішінде екінші болды.",
                "Жаттықтырушы мен оқушылар бүкіл күз бойы дайындалды. Жанкүйерлерге рахмет!",
            ),
            "ru": (
                "Второе место на районном турнире по футболу",
                "Команда школы заняла второе место среди 8 команд.",
                "Тренер и ученики готовились всю осень. Спасибо болельщикам!",
            ),
            "en": (
                "Second place in the district football tournament",
                "The school team finished second of 8 teams.",
                "The coach and the pupils trained all autumn. Thank you, supporters!",
            ),
        },
    ),
    (
        "matematika-olimpiadasy",
        "olympiads",
        ["математика", "олимпиада"],
        {
            "kk": (
                "Математикадан облыстық олимпиаданың жеңімпаздары",
                "9-сынып оқушысы бірінші орын алды.",
                "Облыстық олимпиадада мектебіміздің үш оқушысы жүлделі орындарға ие болды.",
            ),
            "ru": (
                "Победители областной олимпиады по математике",
                "Ученик 9 класса занял первое место.",
                "На областной олимпиаде трое учеников нашей школы стали призёрами.",
            ),
            "en": (
                "Winners of the regional mathematics olympiad",
                "A 9th-grade pupil took first place.",
                "Three of our pupils won prizes at the regional olympiad.",
            ),
        },
    ),
    (
        "kitap-aptalygy",
        "events",
        ["кітапхана", "оқу"],
        {
            "kk": (
                "Кітап апталығы басталды",
                "Кітапханада жаңа кітаптар көрмесі ашылды.",
                "Апта бойы оқушылар сүйікті кітаптары туралы әңгімелеп, мәнерлеп оқу "
                "байқауына қатысады.",
            ),
            "ru": (
                "Началась неделя книги",
                "В библиотеке открылась выставка новых книг.",
                "Всю неделю ученики рассказывают о любимых книгах и участвуют в конкурсе чтецов.",
            ),
            "en": (
                "Book week has begun",
                "The library opened an exhibition of new books.",
                "All week pupils talk about their favourite books and take part in a "
                "reading contest.",
            ),
        },
    ),
    (
        "ata-analar-jinalysy",
        "events",
        ["ата-аналар"],
        {
            "kk": (
                "Жалпы мектептік ата-аналар жиналысы",
                "Жиналыс 15 қазанда сағат 18:00-де акт залында өтеді.",
                "Күн тәртібінде: оқу жылының жоспары, ыстық тамақ және қауіпсіздік.",
            ),
            "ru": (
                "Общешкольное родительское собрание",
                "Собрание пройдёт 15 октября в 18:00 в актовом зале.",
                "На повестке: план учебного года, горячее питание и безопасность.",
            ),
            "en": (
                "School-wide parents' meeting",
                "The meeting is on 15 October at 18:00 in the assembly hall.",
                "On the agenda: the year's plan, school meals and safety.",
            ),
        },
    ),
    (
        "voleibol",
        "sport",
        ["волейбол", "жарыс"],
        {
            "kk": (
                "Қыздар волейбол командасы облыстық кезеңге шықты",
                "Аудандық кезеңде барлық ойында жеңіске жетті.",
                "Команда облыстық жарысқа желтоқсанда қатысады.",
            ),
            "ru": (
                "Женская команда по волейболу вышла в областной этап",
                "На районном этапе команда выиграла все игры.",
                "В декабре команда выступит на областных соревнованиях.",
            ),
            "en": (
                "Girls' volleyball team reaches the regional stage",
                "The team won every game of the district stage.",
                "The team will play the regional competition in December.",
            ),
        },
    ),
    (
        "robototehnika",
        "olympiads",
        ["робототехника", "STEM"],
        {
            "kk": (
                "Робототехника үйірмесі республикалық байқауда",
                "Оқушылар ақылды жылыжай жобасын ұсынды.",
                "Жоба қазылар алқасының арнайы жүлдесіне ие болды.",
            ),
            "ru": (
                "Кружок робототехники на республиканском конкурсе",
                "Ученики представили проект «умной теплицы».",
                "Проект получил специальный приз жюри.",
            ),
            "en": (
                "Robotics club at the national contest",
                "Pupils presented a smart greenhouse project.",
                "The project won the jury's special prize.",
            ),
        },
    ),
    (
        "muhalimder-kuni",
        "events",
        ["мереке", "ұстаздар"],
        {
            "kk": (
                "Ұстаздар күніне арналған мерекелік концерт",
                "Оқушылар ұстаздарына ән мен би сыйлады.",
                "Концертте жоғары сынып оқушылары өзін-өзі басқару күнін де өткізді.",
            ),
            "ru": (
                "Праздничный концерт ко Дню учителя",
                "Ученики подарили учителям песни и танцы.",
                "Старшеклассники также провели день самоуправления.",
            ),
            "en": (
                "Teachers' Day concert",
                "Pupils gave their teachers songs and dances.",
                "Senior pupils also ran a self-government day.",
            ),
        },
    ),
    (
        "shahmat",
        "sport",
        ["шахмат"],
        {
            "kk": (
                "Мектепішілік шахмат турнирі аяқталды",
                "Турнирге 40 оқушы қатысты.",
                "Жеңімпаздар аудандық турнирде мектеп намысын қорғайды.",
            ),
            "ru": (
                "Завершился школьный шахматный турнир",
                "В турнире участвовали 40 учеников.",
                "Победители будут защищать честь школы на районном турнире.",
            ),
            "en": (
                "The school chess tournament has ended",
                "40 pupils took part.",
                "The winners will represent the school at the district tournament.",
            ),
        },
    ),
    (
        "qazaq-tili-olimpiadasy",
        "olympiads",
        ["қазақ тілі", "олимпиада"],
        {
            "kk": (
                "Қазақ тілі мен әдебиетінен олимпиада",
                "Аудандық кезеңде екі оқушымыз жүлдегер атанды.",
                "Оқушыларды дайындаған ұстаздарға алғыс білдіреміз.",
            ),
            "ru": (
                "Олимпиада по казахскому языку и литературе",
                "Двое наших учеников стали призёрами районного этапа.",
                "Благодарим учителей, подготовивших учеников.",
            ),
            "en": (
                "Kazakh language and literature olympiad",
                "Two of our pupils won prizes at the district stage.",
                "We thank the teachers who prepared them.",
            ),
        },
    ),
]
# More stories: each school gets FIXED_SLUGS and a different draw from the rest (its own
# generator), so the demo schools do not all publish the same ten items.
EXTRA_NEWS = [
    (
        "nauryz",
        "events",
        ["наурыз"],
        {
            "kk": (
                "Наурыз мейрамы: ұлттық ойындар мен көже",
                "Оқушылар ата-аналармен бірге Наурызды тойлады.",
                "Ауладағы киіз үйде көже ұсынылып, асық ату мен арқан тартыс жарысы өтті.",
            ),
            "ru": (
                "Наурыз: национальные игры и көже",
                "Ученики отметили Наурыз вместе с родителями.",
                "В юрте во дворе угощали көже, прошли игры в асыки и перетягивание каната.",
            ),
            "en": (
                "Nauryz: national games and kozhe",
                "Pupils celebrated Nauryz with their parents.",
                "Kozhe was served in a yurt in the schoolyard; pupils played asyk and tug of war.",
            ),
        },
    ),
    (
        "ekologiya-aksiyasy",
        "events",
        ["экология"],
        {
            "kk": (
                "«Таза аула» акциясы: 120 көшет отырғызылды",
                "Еріктілер мектеп маңын көгалдандырды.",
                "Акцияға 9–11-сынып оқушылары мен ата-аналар қатысты.",
            ),
            "ru": (
                "Акция «Чистый двор»: высажено 120 саженцев",
                "Волонтёры озеленили территорию школы.",
                "В акции участвовали ученики 9–11 классов и родители.",
            ),
            "en": (
                "Clean Yard campaign: 120 saplings planted",
                "Volunteers planted trees around the school.",
                "Pupils of grades 9–11 and their parents took part.",
            ),
        },
    ),
    (
        "dombyra-ansambli",
        "events",
        ["домбыра"],
        {
            "kk": (
                "Домбырашылар ансамблі облыстық байқауда үздік атанды",
                "Ансамбль «Сарыарқа» күйін орындады.",
                "Жетекшісі — музыка пәнінің мұғалімі Бауыржан Тұрсынов.",
            ),
            "ru": (
                "Ансамбль домбристов — лучший на областном конкурсе",
                "Ансамбль исполнил кюй «Сарыарка».",
                "Руководитель — учитель музыки Бауыржан Турсынов.",
            ),
            "en": (
                "Our dombra ensemble wins the regional contest",
                "The ensemble played the kui Saryarka.",
                "It is led by music teacher Baurzhan Tursynov.",
            ),
        },
    ),
    (
        "kasiptik-bagdar",
        "events",
        ["кәсіби бағдар"],
        {
            "kk": (
                "Түлектерге арналған кәсіптік бағдар күні",
                "Қарағанды университеттерінің өкілдері келді.",
                "11-сынып оқушылары мамандықтар мен грант туралы сұрақтарына жауап алды.",
            ),
            "ru": (
                "День профориентации для выпускников",
                "В школу приехали представители вузов Караганды.",
                "Одиннадцатиклассники узнали о специальностях и грантах.",
            ),
            "en": (
                "Career day for school leavers",
                "Representatives of Karaganda universities visited.",
                "Grade 11 pupils asked about degree programmes and state grants.",
            ),
        },
    ),
    (
        "jol-qauipsizdigi",
        "events",
        ["қауіпсіздік"],
        {
            "kk": (
                "Жол қауіпсіздігі апталығы",
                "Бастауыш сынып оқушыларына жол ережелері түсіндірілді.",
                "Сабаққа жол полициясының инспекторы қатысты.",
            ),
            "ru": (
                "Неделя безопасности дорожного движения",
                "Ученикам начальных классов рассказали о правилах дорожного движения.",
                "На занятии выступил инспектор дорожной полиции.",
            ),
            "en": (
                "Road safety week",
                "Primary pupils learned the rules of the road.",
                "A traffic police inspector gave the lesson.",
            ),
        },
    ),
    (
        "kiber-sport",
        "sport",
        ["шахмат", "информатика"],
        {
            "kk": (
                "Информатика апталығы: бағдарламалау марафоны",
                "Командалар 24 сағат ішінде мектепке арналған қосымша жасады.",
                "Жеңімпаз команда асханадағы кезекті азайтатын қосымша ұсынды.",
            ),
            "ru": (
                "Неделя информатики: марафон программирования",
                "За сутки команды создали приложения для школы.",
                "Команда-победитель предложила приложение, которое сокращает очередь в столовой.",
            ),
            "en": (
                "Computer science week: a coding marathon",
                "Teams built apps for the school in 24 hours.",
                "The winning team made an app that shortens the canteen queue.",
            ),
        },
    ),
]
FIXED_SLUGS = ("bilim-kuni", "futbol-turniri", "ata-analar-jinalysy")
NEWS_PER_SCHOOL = 10


def news_for_school(rng):
    """The stories one school publishes: the fixed ones and a draw of the others."""
    fixed = [story for story in NEWS if story[0] in FIXED_SLUGS]
    others = [story for story in NEWS + EXTRA_NEWS if story[0] not in FIXED_SLUGS]
    drawn = rng.sample(others, NEWS_PER_SCHOOL - len(fixed))
    order = {story[0]: number for number, story in enumerate(NEWS + EXTRA_NEWS)}
    return sorted(fixed + drawn, key=lambda story: order[story[0]])


COMMENTERS = [
    ("aigul.parent@demo.mektep.kz", "Айгүл", "Серікова"),
    ("daniyar.student@demo.mektep.kz", "Данияр", "Омаров"),
]
COMMENTS = [
    ("Балаларымызға рахмет! Керемет мереке болды.", "Рахмет, келесі жылы да күтеміз!"),
    ("Командаға сәттілік тілейміз!", ""),
    ("Поздравляем победителей олимпиады!", "Спасибо! Передадим ребятам."),
]


def cover_image(school, title, rng, category=""):
    """A 1200x675 branded card in one of the school's colours with a sign of the category
    (a demo has no photos; a card reads as a designed placeholder, not as noise). No words:
    the same cover serves the kk, ru and en pages."""
    from sites.pages.demo_images import demo_image

    colour = rng.choice([(11, 92, 173), (0, 96, 107), (29, 58, 138), (150, 60, 20), (30, 110, 60)])
    return demo_image(
        school.collection, title, size=(1200, 675), colour=colour, kind="card", icon=category
    )


def _locales():
    return {code: Locale.objects.get(language_code=code) for code in ("kk", "ru", "en")}


def _translate(page, locale, fields):
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=True)
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save_revision().publish()
    return translation.specific


def _categories(school, locales):
    result = {}
    for slug, names in CATEGORIES.items():
        kk = NewsCategory.objects.filter(site=school.site, locale=locales["kk"], slug=slug).first()
        if kk is None:
            kk = NewsCategory.objects.create(
                site=school.site, locale=locales["kk"], slug=slug, name=names["kk"]
            )
        for code in ("ru", "en"):
            if kk.get_translation_or_none(locales[code]) is None:
                translation = kk.copy_for_translation(locales[code])
                translation.name = names[code]
                translation.save()
        result[slug] = kk
    return result


def _commenter(email, first, last):
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, first_name=first, last_name=last)
        user.set_unusable_password()
        user.save()
    return user


def populate(school, rng):
    locales = _locales()
    home = school.site.root_page.specific
    index = NewsIndexPage.objects.child_of(home).filter(slug="news").first()
    if index is None:
        index = NewsIndexPage(title=INDEX["kk"][0], intro=INDEX["kk"][1], slug="news")
        index.show_in_menus = True
        home.add_child(instance=index)
        index.save_revision().publish()
    for code in ("ru", "en"):
        _translate(index, locales[code], {"title": INDEX[code][0], "intro": INDEX[code][1]})
    categories = _categories(school, locales)
    start = timezone.make_aware(datetime.datetime(2026, 11, 20, 10, 0))
    items = []
    for number, (slug, category, tags, texts) in enumerate(news_for_school(rng)):
        item = NewsPage.objects.child_of(index).filter(slug=slug).first()
        if item is None:
            title, summary, paragraph = texts["kk"]
            item = NewsPage(
                title=title,
                slug=slug,
                summary=summary,
                date=start - datetime.timedelta(days=7 * number + rng.randint(0, 3)),
                cover_image=cover_image(school, f"Жаңалық: {slug}", rng, category),
                body=[("paragraph", RichText(f"<p>{paragraph}</p>"))],
            )
            index.add_child(instance=item)
            item.tags.add(*tags)
            item.categories.add(categories[category])
            item.save_revision().publish()
        for code in ("ru", "en"):
            title, summary, paragraph = texts[code]
            _translate(
                item,
                locales[code],
                {
                    "title": title,
                    "summary": summary,
                    "body": [("paragraph", RichText(f"<p>{paragraph}</p>"))],
                },
            )
        items.append(item)
    commenters = [_commenter(*person) for person in COMMENTERS]
    for number, (text, reply) in enumerate(COMMENTS):
        page = items[number * 2]
        author = commenters[number % len(commenters)]
        if not NewsComment.objects.filter(page=page, author=author, body=text).exists():
            NewsComment.objects.create(
                site=school.site,
                page=page,
                author=author,
                body=text,
                language="kk",
                status=CommentStatus.PUBLISHED,
                reply=reply,
                replied_at=timezone.now() if reply else None,
                moderated_at=timezone.now(),
                admins_notified_at=timezone.now(),
            )
    return index
