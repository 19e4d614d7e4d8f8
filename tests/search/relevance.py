"""The relevance test set: documents of one school site and the queries that must find them
in the top 3, in Kazakh (inflected forms, Kazakh letters, Latin-script typing), Russian
(inflected forms) and English. tests/search/test_relevance.py runs it on whatever database
the tests use (SQLite by default, PostgreSQL with DATABASE_URL)."""

# (key, language, kind, title, text)
DOCUMENTS = [
    ("kk-school", "kk", "page", "Мектеп туралы",
     "Біздің мектеп 1975 жылы ашылған. Мектепте 900 оқушы білім алады."),
    ("kk-olympiad", "kk", "news", "Облыстық олимпиада жеңімпаздары",
     "Оқушыларымыз математикадан облыстық олимпиадада жүлделі орындар алды."),
    ("kk-library", "kk", "page", "Кітапхана",
     "Кітапханада оқулықтар мен көркем әдебиет бар. Кітапхананың жұмыс уақыты."),
    ("kk-teachers", "kk", "page", "Мұғалімдер",
     "Мұғалімдеріміздің біліктілігін арттыру курстары туралы ақпарат."),
    ("kk-admission", "kk", "news", "Бірінші сыныпқа қабылдау",
     "Бірінші сыныпқа құжаттар қабылдау сәуір айында басталады. Ата-аналарға арналған."),
    ("kk-sport", "kk", "news", "Спорт жарыстары",
     "Жасөспірімдер арасындағы футбол жарысында командамыз жеңіске жетті."),
    ("kk-news", "kk", "news", "Мектеп жаңалықтары",
     "Соңғы жаңалықтар: ата-аналар жиналысы және оқу жылының басталуы."),
    ("ru-school", "ru", "page", "О школе",
     "Наша школа открыта в 1975 году. В школе учатся 900 учеников."),
    ("ru-olympiad", "ru", "news", "Победители областной олимпиады",
     "Наши ученики заняли призовые места на областной олимпиаде по математике."),
    ("ru-teachers", "ru", "page", "Учителя",
     "Информация о курсах повышения квалификации учителей."),
    ("ru-admission", "ru", "news", "Приём в первый класс",
     "Приём документов в первый класс начинается в апреле. Для родителей."),
    ("ru-library", "ru", "page", "Библиотека",
     "В библиотеке есть учебники и художественная литература."),
    ("en-school", "en", "page", "About the school",
     "Our school opened in 1975. 900 students study here."),
    ("en-olympiad", "en", "news", "Regional olympiad winners",
     "Our students won prizes at the regional mathematics olympiad."),
    ("en-admission", "en", "news", "Admission to the first grade",
     "Applications for the first grade open in April. Information for parents."),
]  # fmt: skip

# (language, query, key expected in the top 3)
QUERIES = [
    # Kazakh: inflected forms of the indexed words
    ("kk", "мектептер", "kk-school"),
    ("kk", "мектебіміз", "kk-school"),
    ("kk", "мектептің", "kk-school"),
    ("kk", "олимпиадасы", "kk-olympiad"),
    ("kk", "олимпиадаға", "kk-olympiad"),
    ("kk", "оқушылар", "kk-olympiad"),
    ("kk", "кітапханасы", "kk-library"),
    ("kk", "кітапханаға", "kk-library"),
    ("kk", "мұғалімдер", "kk-teachers"),
    ("kk", "мұғалімге", "kk-teachers"),
    ("kk", "жарыстар", "kk-sport"),
    ("kk", "жаңалық", "kk-news"),
    # Kazakh letters ә ғ қ ң ө ұ ү һ і typed exactly
    ("kk", "қабылдау", "kk-admission"),
    ("kk", "сыныптарға қабылдау", "kk-admission"),
    ("kk", "жүлде", "kk-olympiad"),
    ("kk", "әдебиет", "kk-library"),
    ("kk", "жасөспірімдер", "kk-sport"),
    # Kazakh letters typed as their Russian neighbours
    ("kk", "кабылдау", "kk-admission"),
    ("kk", "жаналыктар", "kk-news"),
    # Latin-script Kazakh: 2021 alphabet, informal digraphs, apostrophes
    ("kk", "mektep", "kk-school"),
    ("kk", "mektepter", "kk-school"),
    ("kk", "qabyldau", "kk-admission"),
    ("kk", "jañalyqtar", "kk-news"),
    ("kk", "zhanalyktar", "kk-news"),
    ("kk", "kitaphana", "kk-library"),
    ("kk", "oqushylar", "kk-olympiad"),
    ("kk", "mug'alimder", "kk-teachers"),
    # Russian: inflected forms
    ("ru", "школы", "ru-school"),
    ("ru", "школой", "ru-school"),
    ("ru", "олимпиады", "ru-olympiad"),
    ("ru", "олимпиадах", "ru-olympiad"),
    ("ru", "ученикам", "ru-olympiad"),
    ("ru", "учителей", "ru-teachers"),
    ("ru", "библиотеки", "ru-library"),
    ("ru", "учебник", "ru-library"),
    ("ru", "документы первого класса", "ru-admission"),
    # English
    ("en", "schools", "en-school"),
    ("en", "olympiads", "en-olympiad"),
    ("en", "student", "en-school"),
    ("en", "parents admission", "en-admission"),
]
