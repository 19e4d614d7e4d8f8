"""Fill the project's kk and ru catalogues from the translation table below, then report
coverage. Run after `make translations` extracted new strings; strings missing here stay
empty and the translation coverage test names them."""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]

# msgid: (kk, ru)
T = {
    "Accounts": ("Аккаунттар", "Учётные записи"),
    "Last name": ("Тегі", "Фамилия"),
    "First name": ("Аты", "Имя"),
    "IIN": ("ЖСН", "ИИН"),
    "Optional. Needed to sign documents with an EDS.": (
        "Міндетті емес. Құжаттарға ЭЦҚ-мен қол қою үшін қажет.",
        "Необязательно. Нужен для подписания документов ЭЦП.",
    ),
    "Phone": ("Телефон", "Телефон"),
    "An account with this IIN already exists.": (
        "Осы ЖСН-мен аккаунт бұрыннан бар.",
        "Учётная запись с этим ИИН уже существует.",
    ),
    "Enter a valid IIN: 12 digits with a correct birth date and control digit.": (
        "Дұрыс ЖСН енгізіңіз: туған күні мен бақылау цифры дұрыс 12 цифр.",
        "Введите правильный ИИН: 12 цифр с верной датой рождения и контрольной цифрой.",
    ),
    "Enter a valid BIN: 12 digits with a correct registration month and control digit.": (
        "Дұрыс БСН енгізіңіз: тіркелген айы мен бақылау цифры дұрыс 12 цифр.",
        "Введите правильный БИН: 12 цифр с верным месяцем регистрации и контрольной цифрой.",
    ),
    "Enter a phone number such as +7 701 234 56 78.": (
        "Телефон нөмірін +7 701 234 56 78 түрінде енгізіңіз.",
        "Введите номер телефона в виде +7 701 234 56 78.",
    ),
    "e-mail address": ("электрондық пошта мекенжайы", "адрес электронной почты"),
    "patronymic": ("әкесінің аты", "отчество"),
    "Individual identification number, 12 digits.": (
        "Жеке сәйкестендіру нөмірі, 12 цифр.",
        "Индивидуальный идентификационный номер, 12 цифр.",
    ),
    "phone": ("телефон", "телефон"),
    "preferred language": ("қалаулы тіл", "предпочитаемый язык"),
    "user": ("пайдаланушы", "пользователь"),
    "users": ("пайдаланушылар", "пользователи"),
    "role": ("рөл", "роль"),
    "school": ("мектеп", "школа"),
    "region": ("облыс", "область"),
    "district": ("аудан", "район"),
    "created": ("құрылған күні", "создано"),
    "role assignment": ("рөл тағайындау", "назначение роли"),
    "role assignments": ("рөл тағайындаулары", "назначения ролей"),
    "The role “%(role)s” is held in a %(scope)s: choose one.": (
        "«%(role)s» рөлі белгілі бір аумақта беріледі (%(scope)s): біреуін таңдаңыз.",
        "Роль «%(role)s» назначается в пределах (%(scope)s): выберите его.",
    ),
    "The role “%(role)s” is not held in this kind of scope.": (
        "«%(role)s» рөлі мұндай аумақта берілмейді.",
        "Роль «%(role)s» не назначается в таких пределах.",
    ),
    "mother": ("анасы", "мать"),
    "father": ("әкесі", "отец"),
    "legal representative": ("заңды өкіл", "законный представитель"),
    "parent": ("ата-ана", "родитель"),
    "child": ("бала", "ребёнок"),
    "relation": ("туыстық қатынасы", "степень родства"),
    "parent–child link": ("ата-ана мен бала байланысы", "связь родителя и ребёнка"),
    "parent–child links": ("ата-ана мен бала байланыстары", "связи родителей и детей"),
    "A person cannot be their own parent.": (
        "Адам өзіне-өзі ата-ана бола алмайды.",
        "Человек не может быть родителем самому себе.",
    ),
    "Platform superadmin": ("Платформаның бас әкімшісі", "Главный администратор платформы"),
    "Support agent": (
        "Орындаушы (техникалық қолдау маманы)",
        "Исполнитель (специалист техподдержки)",
    ),
    "Region coordinator": ("Облыс үйлестірушісі", "Координатор области"),
    "District coordinator": ("Аудан үйлестірушісі", "Координатор района"),
    "Site administrator": ("Сайт әкімшісі", "Администратор сайта"),
    "Editor": ("Редактор", "Редактор"),
    "Director": ("Директор", "Директор"),
    "Deputy director for upbringing": (
        "Директордың тәрбие ісі жөніндегі орынбасары",
        "Заместитель директора по воспитательной работе",
    ),
    "School psychologist": ("Педагог-психолог", "Педагог-психолог"),
    "Social pedagogue": ("Әлеуметтік педагог", "Социальный педагог"),
    "Class teacher": ("Сынып жетекшісі", "Классный руководитель"),
    "Career counsellor": ("Кәсіптік бағдар беруші", "Профориентатор"),
    "Methodologist": ("Әдіскер", "Методист"),
    "Tutor": ("Тьютор", "Тьютор"),
    "Teacher": ("Мұғалім", "Учитель"),
    "Student": ("Оқушы", "Ученик"),
    "Parent": ("Ата-ана", "Родитель"),
    "Platform": ("Платформа", "Платформа"),
    "Region": ("Облыс", "Область"),
    "District": ("Аудан", "Район"),
    "School": ("Мектеп", "Школа"),
    "Plugins": ("Плагиндер", "Плагины"),
    "Schools and territories": ("Мектептер мен аумақтар", "Школы и территории"),
    "Theme": ("Тақырып", "Тема"),
    "Services": ("Сервистер", "Сервисы"),
    "Switched-off services disappear from the site and its admin menu.": (
        "Өшірілген сервистер сайттан және басқару тақтасының мәзірінен жойылады.",
        "Отключённые сервисы исчезают с сайта и из меню панели управления.",
    ),
    "name (Kazakh)": ("атауы (қазақша)", "название (на казахском)"),
    "name (Russian)": ("атауы (орысша)", "название (на русском)"),
    "name (English)": ("атауы (ағылшынша)", "название (на английском)"),
    "city of republican significance": (
        "республикалық маңызы бар қала",
        "город республиканского значения",
    ),
    "code": ("код", "код"),
    "kind": ("түрі", "вид"),
    "active": ("белсенді", "активно"),
    "Former regions stay for history but are hidden.": (
        "Бұрынғы облыстар тарих үшін сақталады, бірақ жасырылады.",
        "Прежние области сохраняются для истории, но скрыты.",
    ),
    "regions": ("облыстар", "области"),
    "city": ("қала", "город"),
    "district or city": ("аудан немесе қала", "район или город"),
    "districts and cities": ("аудандар мен қалалар", "районы и города"),
    "Kazakh": ("Қазақ тілі", "Казахский"),
    "Russian": ("Орыс тілі", "Русский"),
    "English": ("Ағылшын тілі", "Английский"),
    "Uzbek": ("Өзбек тілі", "Узбекский"),
    "Uyghur": ("Ұйғыр тілі", "Уйгурский"),
    "Tajik": ("Тәжік тілі", "Таджикский"),
    "Choose at least one language of instruction.": (
        "Кемінде бір оқыту тілін таңдаңыз.",
        "Выберите хотя бы один язык обучения.",
    ),
    "site": ("сайт", "сайт"),
    "short name": ("қысқа атауы", "краткое имя"),
    "BIN": ("БСН", "БИН"),
    "languages of instruction": ("оқыту тілдері", "языки обучения"),
    "media collection": ("медиа жинағы", "медиаколлекция"),
    "schools": ("мектептер", "школы"),
    "school group": ("мектеп тобы", "группа школы"),
    "school groups": ("мектеп топтары", "группы школ"),
    "platform": ("платформа", "платформа"),
    "region portal": ("облыс порталы", "портал области"),
    "district portal": ("аудан порталы", "портал района"),
    "portal": ("портал", "портал"),
    "portals": ("порталдар", "порталы"),
    "A region portal needs its region.": (
        "Облыс порталына оның облысы керек.",
        "Для портала области нужна его область.",
    ),
    "A district portal needs its district.": (
        "Аудан порталына оның ауданы керек.",
        "Для портала района нужен его район.",
    ),
    "theme": ("тақырып", "тема"),
    "services": ("сервистер", "сервисы"),
    "Which services (plugins) are switched on for this site.": (
        "Осы сайт үшін қандай сервистер (плагиндер) қосулы.",
        "Какие сервисы (плагины) включены для этого сайта.",
    ),
    "disk quota (bytes)": ("дискілік кеңістік квотасы (байт)", "дисковая квота (байт)"),
    "Leave empty for the platform default (1 GB).": (
        "Платформаның әдепкі мәні (1 ГБ) үшін бос қалдырыңыз.",
        "Оставьте пустым для значения платформы по умолчанию (1 ГБ).",
    ),
    "Disk quota": ("Дискілік кеңістік квотасы", "Дисковая квота"),
    "site settings": ("сайт баптаулары", "настройки сайта"),
    "require two-factor authentication for administrators and specialists": (
        "әкімшілер мен мамандар үшін екі факторлы аутентификацияны талап ету",
        "требовать двухфакторную аутентификацию для администраторов и специалистов",
    ),
    "platform policy": ("платформа саясаты", "политика платформы"),
    "Page not found": ("Бет табылмады", "Страница не найдена"),
    "There is no page at this address. It may have been moved or deleted.": (
        "Бұл мекенжайда бет жоқ. Ол жылжытылған немесе жойылған болуы мүмкін.",
        "По этому адресу нет страницы. Возможно, она перемещена или удалена.",
    ),
    "Go to the home page": ("Басты бетке өту", "Перейти на главную страницу"),
    "My roles": ("Менің рөлдерім", "Мои роли"),
    "You have no roles yet.": ("Сізде әзірге рөл жоқ.", "У вас пока нет ролей."),
    "Site not found": ("Сайт табылмады", "Сайт не найден"),
    "The address %(hostname)s is not a site of the Mektep platform. Check the address or ask your school for the right one.": (
        "%(hostname)s мекенжайы Mektep платформасының сайты емес. Мекенжайды тексеріңіз немесе дұрысын мектебіңізден сұраңыз.",
        "Адрес %(hostname)s не является сайтом платформы Mektep. Проверьте адрес или узнайте правильный в своей школе.",
    ),
    "Site pages": ("Сайт беттері", "Страницы сайта"),
    "Heading": ("Тақырыпша", "Заголовок"),
    "Paragraph": ("Абзац", "Абзац"),
    "Image": ("Сурет", "Изображение"),
    "introduction": ("кіріспе", "вступление"),
    "body": ("мазмұны", "содержимое"),
    "platform home page": ("платформаның басты беті", "главная страница платформы"),
    "portal home page": ("порталдың басты беті", "главная страница портала"),
    "school home page": ("мектептің басты беті", "главная страница школы"),
    "summary": ("қысқаша сипаттамасы", "краткое описание"),
    "content page": ("мазмұн беті", "страница с содержимым"),
    "Skip to content": ("Мазмұнға өту", "Перейти к содержимому"),
    "Languages": ("Тілдер", "Языки"),
    "Main menu": ("Негізгі мәзір", "Главное меню"),
    "Mektep: the platform of school websites": (
        "Mektep: мектеп сайттарының платформасы",
        "Mektep: платформа школьных сайтов",
    ),
    "The platform requires two-factor authentication for your role: set it up to continue.": (
        "Платформа сіздің рөліңіз үшін екі факторлы аутентификацияны талап етеді: жалғастыру үшін оны баптаңыз.",
        "Платформа требует двухфакторную аутентификацию для вашей роли: настройте её, чтобы продолжить.",
    ),
    "domain": ("домен", "домен"),
    "This domain already belongs to another site.": (
        "Бұл домен басқа сайтқа тиесілі.",
        "Этот домен уже принадлежит другому сайту.",
    ),
    "The school “%(name)s” is ready.": ("«%(name)s» мектебі дайын.", "Школа «%(name)s» готова."),
    "Create the school": ("Мектепті құру", "Создать школу"),
    "A school with this short name already exists.": (
        "Мұндай қысқа атауы бар мектеп бұрыннан бар.",
        "Школа с таким кратким именем уже существует.",
    ),
    "A school with this BIN already exists.": (
        "Осы БСН-мен мектеп бұрыннан бар.",
        "Школа с этим БИН уже существует.",
    ),
    "New school": ("Жаңа мектеп", "Новая школа"),
}


def main():
    missing = 0
    for po_path in sorted(ROOT.glob("locale/**/LC_MESSAGES/*.po")):
        area, language = po_path.relative_to(ROOT).parts[1], po_path.parts[-3]
        if area in ("vendor", "tools") or language not in ("kk", "ru"):
            continue
        po = polib.pofile(str(po_path))
        index = 0 if language == "kk" else 1
        for entry in po:
            if entry.msgid in T and not entry.msgstr:
                entry.msgstr = T[entry.msgid][index]
            if "fuzzy" in entry.flags and entry.msgid in T:
                entry.flags.remove("fuzzy")
                entry.msgstr = T[entry.msgid][index]
            if not entry.translated():
                missing += 1
                print(f"missing {language}: {po_path.relative_to(ROOT)}: {entry.msgid!r}")
        po.save()
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
