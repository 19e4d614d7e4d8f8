"""Builds the intake corpus (*.eml) and its manifest (manifest.json): e-mail as it really
arrives, written for the helpdesk's intake (not copied from any project's test data).

Run `python tests/plugins/helpdesk/corpus/build.py` after changing it; the files are
committed. Senders: parent-a@example.kz (a requester, ru), agent-a@example.kz (the school's
agent, kk), stranger@evil.test (nobody). In the files, {TAG} becomes the tag of an existing
ticket of the requester ("[s-school-a-12]") and {TICKET} its number.

Each manifest entry: outcome (intake's), and as the case needs: text (substrings of the
ticket's or reply's stored text), absent (substrings that must not be there), attachments
(how many kept), reason (substring of the logged reason), answered (an automatic answer
went back), first_response (the agent's message counted as the first response)."""

import base64
import json
import quopri
from email.header import Header
from pathlib import Path

HERE = Path(__file__).parent
REQ = "parent-a@example.kz"
AGENT = "agent-a@example.kz"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4DwABAQEABRjYTgAAAABJRU5ErkJggg=="
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
RU = "Здравствуйте! Не могу войти в электронный журнал, пароль не подходит."
KK = "Сәлеметсіз бе! Электрондық журналға кіре алмаймын, құпиясөз сәйкес келмейді."
CASES = {}


def b64(data):
    return base64.encodebytes(data).decode("ascii")


def head(sender=REQ, subject="Вопрос", mid=None, extra=(), date=True, name="x"):
    lines = []
    if sender is not None:
        lines.append(f"From: {sender}")
    lines.append("To: support@school-a.kz")
    if subject is not None:
        lines.append(f"Subject: {subject}")
    if date:
        lines.append("Date: Mon, 07 Dec 2026 09:30:00 +0500")
    if mid is not False:
        lines.append(f"Message-ID: {mid or f'<{name}@corpus.example.kz>'}")
    lines.extend(extra)
    return "\n".join(lines) + "\n"


def add(name, data, **expected):
    if isinstance(data, str):
        data = data.encode("utf-8")
    CASES[name] = (data, expected)


def simple(name, body, charset="utf-8", cte="8bit", raw_body=None, **kw):
    expected = kw.pop("expect")
    sender = kw.pop("sender", REQ)
    subject = kw.pop("subject", "Вопрос")
    extra = kw.pop("extra", ())
    ctype = "text/plain" + (f"; charset={charset}" if charset else "")
    text = head(sender, subject, extra=extra, name=name, **kw)
    text += f"MIME-Version: 1.0\nContent-Type: {ctype}\nContent-Transfer-Encoding: {cte}\n\n"
    data = text.encode("ascii", "surrogateescape") if text.isascii() else text.encode("utf-8")
    add(name, data + (raw_body if raw_body is not None else body.encode("utf-8")), **expected)


def multipart(
    name,
    parts,
    subtype="mixed",
    boundary="b1",
    sender=REQ,
    subject="Вопрос",
    extra=(),
    params="",
    expect=None,
):
    text = head(sender, subject, extra=extra, name=name)
    text += (
        f'MIME-Version: 1.0\nContent-Type: multipart/{subtype}; boundary="{boundary}"{params}\n\n'
    )
    text += "This is a multi-part message in MIME format.\n"
    for part in parts:
        text += f"--{boundary}\n{part}\n"
    text += f"--{boundary}--\n"
    add(name, text, **(expect or {}))


def part(ctype, body, cte="8bit", extra=""):
    return f"Content-Type: {ctype}\nContent-Transfer-Encoding: {cte}\n{extra}\n{body}"


def attachment(ctype, filename, data):
    return part(
        ctype, b64(data), "base64", f'Content-Disposition: attachment; filename="{filename}"\n'
    )


T = {"outcome": "ticket"}

# --- MIME shapes --------------------------------------------------------------------------
simple("plain_ru_utf8.eml", RU, expect={**T, "text": ["пароль не подходит"], "answered": True})
simple(
    "plain_kk_qp.eml",
    "",
    cte="quoted-printable",
    raw_body=quopri.encodestring(KK.encode()),
    expect={**T, "text": ["құпиясөз"]},
)
simple(
    "plain_en_ascii.eml",
    "Hello, the timetable page shows an error 500.",
    charset="us-ascii",
    cte="7bit",
    subject="Timetable",
    expect={**T, "text": ["error 500"]},
)
multipart(
    "alternative.eml",
    [
        part("text/plain; charset=utf-8", RU),
        part("text/html; charset=utf-8", f"<html><body><p>{RU} (HTML)</p></body></html>"),
    ],
    "alternative",
    expect={**T, "text": ["пароль не подходит"], "absent": ["(HTML)"]},
)
multipart(
    "alternative_empty_plain.eml",
    [
        part("text/plain; charset=utf-8", "  "),
        part("text/html; charset=utf-8", f"<div>{KK}</div>"),
    ],
    "alternative",
    expect={**T, "text": ["құпиясөз"]},
)
add(
    "html_only.eml",
    head(name="html_only") + "MIME-Version: 1.0\nContent-Type: text/html; "
    "charset=utf-8\n\n<html><head><title>T</title><style>p{color:red}</style></head><body><p>"
    f"{RU}</p><script>alert(1)</script></body></html>\n",
    **T,
    text=["пароль не подходит"],
    absent=["alert", "color:red"],
)
add(
    "html_without_body.eml",
    head(name="html_without_body") + "MIME-Version: 1.0\n"
    "Content-Type: text/html; charset=utf-8\n\n<p>Сәлеметсіз бе!</p><div>Бағалар көрінбейді."
    "<br>Көмектесіңізші.</div>\n",
    **T,
    text=["Бағалар көрінбейді", "Көмектесіңізші"],
)
add(
    "html_fragment_table.eml",
    head(name="html_fragment_table") + "MIME-Version: 1.0\n"
    "Content-Type: text/html; charset=utf-8\n\n<table><tr><td>Класс</td><td>7А</td></tr>"
    "<tr><td>Ошибка</td><td>нет оценок</td></tr></table>\n",
    **T,
    text=["нет оценок"],
)
multipart(
    "related_inline_image.eml",
    [
        part("text/html; charset=utf-8", f'<p>{RU}</p><img src="cid:img1">'),
        part("image/png", b64(PNG), "base64", "Content-ID: <img1>\nContent-Disposition: inline\n"),
    ],
    "related",
    expect={**T, "text": ["пароль"], "attachments": 1},
)
multipart(
    "mixed_png.eml",
    [part("text/plain; charset=utf-8", RU), attachment("image/png", "screen.png", PNG)],
    expect={**T, "attachments": 1},
)
multipart(
    "mixed_pdf.eml",
    [part("text/plain; charset=utf-8", RU), attachment("application/pdf", "справка.pdf", PDF)],
    expect={**T, "attachments": 1},
)
add(
    "nested_alternative_in_mixed.eml",
    head(name="nested") + "MIME-Version: 1.0\n"
    'Content-Type: multipart/mixed; boundary="out"\n\n--out\nContent-Type: multipart/alternative;'
    ' boundary="in"\n\n--in\nContent-Type: text/plain; charset=utf-8\n\n' + RU + "\n--in\n"
    "Content-Type: text/html; charset=utf-8\n\n<p>HTML</p>\n--in--\n--out\n"
    + attachment("image/png", "a.png", PNG)
    + "\n--out--\n",
    **T,
    text=["пароль"],
    attachments=1,
)
add(
    "multipart_digest.eml",
    head(name="digest", subject="Две жалобы") + "MIME-Version: 1.0\n"
    'Content-Type: multipart/digest; boundary="d"\n\n--d\n\nFrom: a@example.kz\n'
    "Subject: Первое\n\nПервая жалоба: нет расписания.\n--d\n\nFrom: b@example.kz\n"
    "Subject: Второе\n\nВторая жалоба: нет оценок.\n--d--\n",
    **T,
    text=["нет расписания", "нет оценок"],
)
add(
    "multipart_no_boundary.eml",
    head(name="nob") + "MIME-Version: 1.0\n"
    "Content-Type: multipart/mixed\n\nСайт школы не открывается.\n",
    **T,
    text=["не открывается"],
)
add(
    "multipart_missing_end.eml",
    head(name="noend") + "MIME-Version: 1.0\n"
    'Content-Type: multipart/mixed; boundary="zz"\n\n--zz\nContent-Type: text/plain; '
    "charset=utf-8\n\nНет закрывающей границы, но текст есть.\n",
    **T,
    text=["текст есть"],
)
add(
    "forwarded_rfc822.eml",
    head(name="fwd", subject="Fwd: Оплата") + "MIME-Version: 1.0\n"
    'Content-Type: multipart/mixed; boundary="f"\n\n--f\nContent-Type: text/plain; charset=utf-8'
    "\n\nПересылаю письмо, помогите.\n--f\nContent-Type: message/rfc822\n"
    'Content-Disposition: attachment; filename="original.eml"\n\nFrom: bank@example.kz\n'
    "Subject: =?utf-8?b?0J7Qv9C70LDRgtCw?=\nContent-Type: text/plain; charset=utf-8\n\n"
    "Оплата за питание не прошла.\n--f--\n",
    **T,
    text=["помогите", "Оплата за питание не прошла", "From: bank@example.kz"],
)
add(
    "forwarded_rfc822_with_attachment.eml",
    head(name="fwd2", subject="Fwd") + "MIME-Version: 1.0"
    '\nContent-Type: multipart/mixed; boundary="f"\n\n--f\nContent-Type: message/rfc822\n\n'
    "From: teacher@example.kz\nSubject: Fw\nMIME-Version: 1.0\nContent-Type: multipart/mixed; "
    'boundary="g"\n\n--g\nContent-Type: text/plain; charset=utf-8\n\nСкрин ошибки внутри.\n--g\n'
    + attachment("image/png", "err.png", PNG)
    + "\n--g--\n--f--\n",
    **T,
    text=["Скрин ошибки внутри"],
    attachments=1,
)
simple(
    "forwarded_inline_gmail.eml",
    "Смотрите ниже.\n\n---------- Forwarded message ---------\n"
    "From: Директор <dir@example.kz>\nSubject: Доступ\n\nПрошу открыть доступ учителю Ахметовой.",
    expect={**T, "text": ["Смотрите ниже", "открыть доступ учителю Ахметовой"]},
)
simple(
    "forwarded_inline_outlook_ru.eml",
    "Пересылаю.\n\n-----Исходное сообщение-----\nОт: "
    "Завуч\nТема: Журнал\n\nВ 5Б не видно оценок за четверть.",
    expect={**T, "text": ["не видно оценок за четверть"]},
)
simple(
    "reply_with_quote.eml",
    "Ошибка осталась после сброса пароля.\n\nOn Mon, Dec 7, 2026 at 9:00"
    " AM Support <support@school-a.kz> wrote:\n> Попробуйте сбросить пароль.\n",
    subject="Re: {TAG} Ваша заявка",
    expect={"outcome": "reply", "text": ["Ошибка осталась"], "absent": ["Попробуйте сбросить"]},
)

# A multipart inside a mixed after its text (Apple Mail's shape, a digest of complaints):
# django-helpdesk's reading called get_content() on it (KeyError 'multipart/mixed').
add(
    "mixed_inside_mixed.eml",
    head(name="mixmix") + 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="o"\n\n--o\n'
    "Content-Type: text/plain; charset=utf-8\n\nСмотрите вложения.\n--o\n"
    'Content-Type: multipart/mixed; boundary="i"\n\n--i\nContent-Type: text/plain; '
    "charset=utf-8\n\nВторая часть письма.\n--i\n"
    + attachment("image/png", "b.png", PNG)
    + "\n--i--\n--o--\n",
    **T,
    text=["Смотрите вложения", "Вторая часть письма"],
    attachments=1,
)
add(
    "digest_inside_mixed.eml",
    head(name="digmix", subject="Жалобы родителей")
    + 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="o"\n\n--o\n'
    "Content-Type: text/plain; charset=utf-8\n\nСобрал жалобы.\n--o\n"
    'Content-Type: multipart/digest; boundary="d"\n\n--d\n\nFrom: a@example.kz\n'
    "Subject: 1\n\nНет расписания.\n--d\n\nFrom: b@example.kz\nSubject: 2\n\n"
    "Нет оценок.\n--d--\n--o--\n",
    **T,
    text=["Собрал жалобы", "Нет расписания", "Нет оценок"],
)

# Subject and display name in raw windows-1251 bytes, no encoded-words.
add(
    "raw_cp1251_headers.eml",
    (
        head("Иван Петров <parent-a@example.kz>", "Нет доступа к журналу", name="rawhdr")
        + "MIME-Version: 1.0\nContent-Type: text/plain; charset=windows-1251\n\n"
        + RU
        + "\n"
    ).encode("cp1251"),
    **T,
    title="Нет доступа к журналу",
    text=["пароль не подходит"],
)

# Only a photo and a subject (a phone's "share"): the subject is the text.
multipart(
    "attachment_only.eml",
    [attachment("image/jpeg", "IMG_2041.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40)],
    subject="Скрин ошибки журнала",
    expect={**T, "text": ["Скрин ошибки журнала"], "attachments": 1},
)
multipart(
    "reply_attachment_only.eml",
    [attachment("image/png", "screen2.png", PNG)],
    subject="Re: {TAG}",
    expect={"outcome": "reply", "text": ["screen2.png"], "attachments": 1},
)

# --- ordinary mail furniture ----------------------------------------------------------------
add(
    "smime_signed.eml",
    head(name="smime") + "MIME-Version: 1.0\nContent-Type: multipart/signed;"
    ' protocol="application/pkcs7-signature"; micalg=sha-256; boundary="s"\n\n--s\n'
    "Content-Type: text/plain; charset=utf-8\n\n" + RU + "\n--s\nContent-Type: "
    'application/pkcs7-signature; name="smime.p7s"\nContent-Transfer-Encoding: base64\n'
    'Content-Disposition: attachment; filename="smime.p7s"\n\nMIAGCSqGSIb3DQEHAqCAMIACAQExDzAN\n'
    "--s--\n",
    **T,
    text=["пароль"],
    attachments=0,
)
add(
    "pgp_signed.eml",
    head(name="pgp") + "MIME-Version: 1.0\nContent-Type: multipart/signed; "
    'micalg=pgp-sha256; protocol="application/pgp-signature"; boundary="p"\n\n--p\n'
    "Content-Type: text/plain; charset=utf-8\n\n" + KK + "\n--p\nContent-Type: "
    'application/pgp-signature; name="signature.asc"\nContent-Disposition: attachment; '
    'filename="signature.asc"\n\n-----BEGIN PGP SIGNATURE-----\niQEzBAEBCAAdFiEE\n'
    "-----END PGP SIGNATURE-----\n--p--\n",
    **T,
    text=["құпиясөз"],
    attachments=0,
)
add(
    "pgp_inline_signed.eml",
    head(name="pgpinline") + "MIME-Version: 1.0\nContent-Type: "
    "text/plain; charset=utf-8\n\n-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n"
    + RU
    + "\n-----BEGIN PGP SIGNATURE-----\niQEzBAEBCAAdFiEE\n-----END PGP SIGNATURE-----\n",
    **T,
    text=["пароль"],
)
multipart(
    "winmail_dat.eml",
    [
        part("text/plain; charset=utf-8", RU),
        attachment("application/ms-tnef", "winmail.dat", b"\x78\x9f\x3e\x22"),
    ],
    expect={**T, "text": ["пароль"], "attachments": 0},
)
multipart(
    "vcard.eml",
    [
        part("text/plain; charset=utf-8", RU),
        attachment("text/x-vcard", "Иван.vcf", "BEGIN:VCARD\nFN:Иван\nEND:VCARD\n".encode()),
    ],
    expect={**T, "attachments": 0},
)
multipart(
    "heic_photo.eml",
    [
        part("text/plain; charset=utf-8", "Фото экрана во вложении."),
        attachment(
            "image/heic", "IMG_0042.HEIC", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"
        ),
    ],
    expect={**T, "text": ["Фото экрана"], "attachments": 0},
)
multipart(
    "calendar_invite.eml",
    [
        part("text/plain; charset=utf-8", "Приглашаю на встречу по журналу."),
        part("text/calendar; method=REQUEST; charset=utf-8", "BEGIN:VCALENDAR\nEND:VCALENDAR"),
    ],
    "alternative",
    expect={**T, "text": ["встречу"]},
)
multipart(
    "exe_attachment.eml",
    [
        part("text/plain; charset=utf-8", "Смотрите программу."),
        attachment("application/octet-stream", "tool.exe", b"MZ\x90\x00"),
    ],
    expect={"outcome": "refused", "reason": "tool.exe", "answered": True},
)
multipart(
    "png_named_pdf.eml",
    [
        part("text/plain; charset=utf-8", "Справка."),
        attachment("application/pdf", "spravka.pdf", PNG),
    ],
    expect={"outcome": "refused", "reason": "spravka.pdf"},
)
# Refusal reasons are logged in the sender's language (the requester's is ru).
simple("empty_body.eml", "   \n\n", expect={"outcome": "refused", "reason": "Напишите сообщение"})
add(
    "empty_html.eml",
    head(name="empty_html") + "MIME-Version: 1.0\nContent-Type: text/html; "
    "charset=utf-8\n\n<html><body><p>&nbsp;</p><style>x{}</style></body></html>\n",
    outcome="refused",
    reason="Напишите сообщение",
)
simple(
    "too_long.eml",
    "Слишком длинно. " * 1400,
    expect={"outcome": "refused", "reason": "слишком длинное"},
)

# --- charsets ------------------------------------------------------------------------------
simple(
    "cp1251_declared.eml",
    "",
    charset="windows-1251",
    raw_body=RU.encode("cp1251"),
    expect={**T, "text": ["пароль не подходит"]},
)
simple(
    "cp1251_no_charset.eml",
    "",
    charset=None,
    raw_body=RU.encode("cp1251"),
    expect={**T, "text": ["пароль не подходит"], "absent": ["\ufffd"]},
)
simple(
    "cp1251_labelled_utf8.eml",
    "",
    charset="utf-8",
    raw_body=RU.encode("cp1251"),
    expect={**T, "text": ["пароль не подходит"], "absent": ["\ufffd"]},
)
simple(
    "cp1251_base64_no_charset.eml",
    "",
    charset=None,
    cte="base64",
    raw_body=b64(RU.encode("cp1251")).encode(),
    expect={**T, "text": ["пароль не подходит"]},
)
simple(
    "koi8r_declared.eml",
    "",
    charset="koi8-r",
    raw_body=RU.encode("koi8_r"),
    expect={**T, "text": ["пароль не подходит"]},
)
simple(
    "koi8r_undeclared.eml",
    "",
    charset=None,
    raw_body=RU.encode("koi8_r"),
    expect={**T, "text": ["пароль не подходит"]},
)
simple(
    "kz1048_declared.eml",
    "",
    charset="kz-1048",
    raw_body=KK.encode("kz1048"),
    expect={**T, "text": ["құпиясөз сәйкес келмейді"]},
)
simple(
    "kz1048_undeclared.eml",
    "",
    charset=None,
    raw_body=KK.encode("kz1048"),
    expect={**T, "text": ["құпиясөз сәйкес келмейді"]},
)
simple(
    "kk_utf8_labelled_cp1251.eml",
    "",
    charset="windows-1251",
    raw_body=KK.encode(),
    expect={**T, "text": ["құпиясөз сәйкес келмейді"]},
)
simple(
    "kk_utf8_unknown_8bit.eml",
    "",
    charset="unknown-8bit",
    raw_body=KK.encode(),
    expect={**T, "text": ["құпиясөз"]},
)
simple(
    "ru_x_user_defined.eml",
    "",
    charset="x-user-defined",
    raw_body=RU.encode("cp1251"),
    expect={**T, "text": ["пароль не подходит"]},
)
simple(
    "ru_whatwg_x_cp1251.eml",
    "",
    charset="x-cp1251",
    raw_body=RU.encode("cp1251"),
    expect={**T, "text": ["пароль не подходит"]},
)
simple(
    "ru_win_1251_label.eml",
    "",
    charset="win-1251",
    raw_body=RU.encode("cp1251"),
    expect={**T, "text": ["пароль не подходит"]},
)
simple(
    "utf16_bom_base64.eml",
    "",
    charset="utf-16",
    cte="base64",
    raw_body=b64(KK.encode("utf-16")).encode(),
    expect={**T, "text": ["құпиясөз"]},
)
simple(
    "cp866_declared.eml",
    "",
    charset="ibm866",
    raw_body=RU.encode("cp866"),
    expect={**T, "text": ["пароль не подходит"]},
)
simple(
    "iso8859_5_declared.eml",
    "",
    charset="iso-8859-5",
    raw_body=RU.encode("iso8859_5"),
    expect={**T, "text": ["пароль не подходит"]},
)
simple(
    "base64_bad_padding.eml",
    "",
    cte="base64",
    raw_body=b64(RU.encode()).replace("=", "").encode() + b"!!",
    expect={**T, "text": ["Здравствуйте"]},
)
simple(
    "qp_soft_breaks.eml",
    "",
    cte="quoted-printable",
    raw_body=quopri.encodestring(("Длинная строка " * 20).encode()),
    expect={**T, "text": ["Длинная строка Длинная строка"]},
)
simple(
    "unknown_cte.eml",
    "Текст с неизвестной кодировкой передачи.",
    cte="x-unknown",
    expect={**T, "text": ["неизвестной кодировкой"]},
)
simple(
    "raw_utf8_subject.eml",
    RU,
    subject="Журнал не открывается",
    expect={**T, "text": ["пароль"], "title": "Журнал не открывается"},
)
simple(
    "encoded_subject_kk.eml",
    KK,
    subject=Header("Журналға кіре алмаймын", "utf-8").encode(),
    expect={**T, "title": "Журналға кіре алмаймын"},
)
simple(
    "encoded_subject_ru_koi8.eml",
    RU,
    subject=Header("Нет доступа к журналу", "koi8-r").encode(),
    expect={**T, "title": "Нет доступа к журналу"},
)
simple(
    "encoded_subject_broken.eml",
    RU,
    subject="=?utf-8?B?0J3QtdGC!!?= =?unknown?Q?x?=",
    expect={**T, "text": ["пароль"]},
)
multipart(
    "rfc2231_filename.eml",
    [
        part("text/plain; charset=utf-8", "Скриншот."),
        part(
            "image/png",
            b64(PNG),
            "base64",
            "Content-Disposition: attachment; "
            "filename*=utf-8''%D1%81%D0%BA%D1%80%D0%B8%D0%BD.png\n",
        ),
    ],
    expect={**T, "attachments": 1, "files": ["скрин.png"]},
)
multipart(
    "encoded_word_filename.eml",
    [
        part("text/plain; charset=utf-8", "Скриншот."),
        attachment("image/png", "=?utf-8?B?0YHQutGA0LjQvS5wbmc=?=", PNG),
    ],
    expect={**T, "attachments": 1, "files": ["скрин.png"]},
)
multipart(
    "attachment_path_name.eml",
    [
        part("text/plain; charset=utf-8", "Скриншот."),
        attachment("image/png", "..\\..\\etc\\passwd.png", PNG),
    ],
    expect={**T, "attachments": 1, "files": ["passwd.png"]},
)
multipart(
    "inline_image_no_name.eml",
    [
        part("text/plain; charset=utf-8", "Снимок."),
        part("image/png", b64(PNG), "base64", "Content-Disposition: inline\n"),
    ],
    expect={**T, "attachments": 1},
)

# --- automatic mail -----------------------------------------------------------------------
VACATION = "Я в отпуске до 15 декабря. I am on vacation."
simple(
    "auto_submitted_requester_reply.eml",
    VACATION,
    subject="Re: {TAG} Ваша заявка",
    extra=["Auto-Submitted: auto-replied"],
    expect={"outcome": "auto_note", "reason": "Auto-Submitted"},
)
simple(
    "auto_generated_no_tag.eml",
    "Ваш отчёт готов.",
    extra=["Auto-Submitted: auto-generated"],
    expect={"outcome": "ignored", "reason": "auto-generated"},
)
simple("auto_submitted_no.eml", RU, extra=["Auto-Submitted: no"], expect={**T, "answered": True})
simple(
    "x_autoreply.eml",
    VACATION,
    subject="Автоответ: Вопрос",
    extra=["X-Autoreply: yes"],
    expect={"outcome": "ignored", "reason": "X-Autoreply"},
)
simple(
    "x_autorespond.eml",
    VACATION,
    extra=["X-Autorespond: vacation"],
    expect={"outcome": "ignored", "reason": "X-Autorespond"},
)
simple(
    "precedence_bulk.eml",
    "Рассылка.",
    extra=["Precedence: bulk"],
    expect={"outcome": "ignored", "reason": "bulk"},
)
simple(
    "precedence_junk.eml",
    "Спам.",
    extra=["Precedence: junk"],
    expect={"outcome": "ignored", "reason": "junk"},
)
simple(
    "precedence_auto_reply.eml",
    VACATION,
    subject="Re: {TAG}",
    extra=["Precedence: auto_reply"],
    expect={"outcome": "auto_note", "reason": "auto_reply"},
)
simple("precedence_list.eml", RU, extra=["Precedence: list"], expect={**T, "answered": False})
simple(
    "list_id.eml",
    RU,
    extra=["List-Id: <parents.school-a.kz>", "List-Unsubscribe: <mailto:leave@school-a.kz>"],
    expect={**T, "answered": False},
)
simple(
    "list_unsubscribe_refused.eml",
    "  ",
    extra=["List-Unsubscribe: <mailto:u@x.kz>"],
    expect={"outcome": "refused", "answered": False},
)
simple(
    "auto_response_suppress.eml",
    RU,
    extra=["X-Auto-Response-Suppress: All"],
    expect={**T, "answered": False},
)
simple(
    "agent_vacation_reply.eml",
    "Я в отпуске. Мен демалыстамын.",
    sender=AGENT,
    subject="Re: {TAG} Жаңа өтініш",
    extra=["Auto-Submitted: auto-replied"],
    expect={"outcome": "auto_note", "first_response": False},
)
simple(
    "agent_outlook_oof.eml",
    "Out of office.",
    sender=AGENT,
    subject="Автоответ: {TAG}",
    extra=["X-Auto-Response-Suppress: All", "Auto-Submitted: auto-replied"],
    expect={"outcome": "auto_note", "first_response": False},
)
simple(
    "empty_return_path.eml",
    VACATION,
    extra=["Return-Path: <>"],
    expect={"outcome": "ignored", "reason": "Return-Path"},
)
simple(
    "own_loop_header.eml",
    "Уведомление.",
    extra=["X-Mektep-Loop: helpdesk"],
    expect={"outcome": "ignored", "reason": "X-Mektep-Loop"},
)
simple(
    "mailer_daemon_plain.eml",
    "Delivery failed.",
    sender="MAILER-DAEMON@mx.example.kz",
    subject="Undelivered Mail",
    expect={"outcome": "ignored", "reason": "mailer-daemon"},
)

DSN = (
    "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; "
    'boundary="r"\n\n--r\nContent-Type: text/plain; charset=utf-8\n\nThe mail system: '
    "user unknown.\n--r\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; "
    "mx.example.kz\n\nFinal-Recipient: rfc822; parent-a@example.kz\nAction: failed\n"
    "Status: 5.1.1\n--r\nContent-Type: text/rfc822-headers\n\nFrom: support@school-a.kz\n"
    "Subject: {SUBJECT}\n{EXTRA}\n--r--\n"
)
add(
    "dsn_matched.eml",
    head(
        "MAILER-DAEMON@mx.example.kz",
        "Undelivered Mail Returned to Sender",
        extra=["Return-Path: <>"],
        name="dsn1",
    )
    + DSN.replace("{SUBJECT}", "{TAG} Ответ").replace("{EXTRA}", "X-Mektep-Ticket: {TICKET}"),
    outcome="bounce",
)
add(
    "dsn_unmatched.eml",
    head("MAILER-DAEMON@mx.example.kz", "Undelivered Mail", name="dsn2")
    + DSN.replace("{SUBJECT}", "Hello").replace("{EXTRA}", ""),
    outcome="quarantined",
    reason="matches no ticket",
)
add(
    "mdn_read_receipt.eml",
    head(REQ, "Прочитано: {TAG} Ответ", name="mdn") + "MIME-Version: 1.0"
    '\nContent-Type: multipart/report; report-type=disposition-notification; boundary="m"\n\n'
    "--m\nContent-Type: text/plain; charset=utf-8\n\nСообщение прочитано.\n--m\nContent-Type: "
    "message/disposition-notification\n\nFinal-Recipient: rfc822; parent-a@example.kz\n"
    "Disposition: manual-action/MDN-sent-manually; displayed\n--m--\n",
    outcome="bounce",
)
add(
    "mdn_unmatched_with_text.eml",
    head(REQ, "Read: hello", name="mdn2") + "MIME-Version: 1.0"
    '\nContent-Type: multipart/report; report-type=disposition-notification; boundary="m"\n\n'
    "--m\nContent-Type: text/plain\n\nRead.\n--m\nContent-Type: message/disposition-notification"
    "\n\nDisposition: manual-action/MDN-sent-manually; displayed\n--m--\n",
    outcome="quarantined",
    reason="matches no ticket",
)

# --- sender authentication -----------------------------------------------------------------
AR = "Authentication-Results: mx.school-a.kz; "
simple(
    "forged_agent_dmarc_fail.eml",
    "Заявка решена, закрываю.",
    sender=AGENT,
    subject="Re: {TAG}",
    extra=[
        AR + "spf=fail smtp.mailfrom=evil.test; dkim=none; "
        "dmarc=fail (p=none) header.from=example.kz"
    ],
    expect={"outcome": "quarantined", "reason": "dmarc=fail", "first_response": False},
)
simple(
    "forged_agent_spf_softfail.eml",
    "Закрываю.",
    sender=AGENT,
    subject="Re: {TAG}",
    extra=[AR + "spf=softfail (sender not permitted) smtp.mailfrom=example.kz"],
    expect={"outcome": "quarantined", "reason": "spf=softfail"},
)
simple(
    "agent_dmarc_pass.eml",
    "Пароль сброшен, попробуйте снова.",
    sender=AGENT,
    subject="Re: {TAG}",
    extra=[
        AR + "spf=pass smtp.mailfrom=example.kz; dkim=pass "
        "header.d=example.kz; dmarc=pass header.from=example.kz"
    ],
    expect={"outcome": "reply", "first_response": True, "text": ["Пароль сброшен"]},
)
simple(
    "agent_dmarc_pass_dkim_fail.eml",
    "Проверили, всё работает.",
    sender=AGENT,
    subject="Re: {TAG}",
    extra=[
        AR + "spf=fail smtp.mailfrom=list.example.kz; dkim=fail; dmarc=pass header.from=example.kz"
    ],
    expect={"outcome": "reply", "first_response": True},
)
simple(
    "forged_requester_older_header_ignored.eml",
    RU,
    extra=[
        AR + "spf=pass smtp.mailfrom=example.kz; dmarc=pass",
        "Authentication-Results: evil.test; dmarc=fail",
    ],
    expect={**T},
)
simple(
    "agent_reply_no_results.eml",
    "Сделано.",
    sender=AGENT,
    subject="Re: {TAG}",
    expect={"outcome": "reply", "first_response": True},
)

# --- headers -------------------------------------------------------------------------------
simple(
    "missing_from.eml", RU, sender=None, expect={"outcome": "quarantined", "reason": "no sender"}
)
simple("missing_date.eml", RU, date=False, expect={**T})
simple("missing_message_id.eml", RU, mid=False, expect={**T})
simple("missing_subject.eml", RU, subject=None, expect={**T, "title": RU})
simple(
    "huge_references.eml",
    RU,
    extra=["References: " + " ".join(f"<ref{i}@example.kz>" for i in range(4000))],
    expect={**T},
)
simple(
    "long_message_id.eml",
    RU,
    mid="<" + "x" * 400 + "@example.kz>",
    expect={**T, "message_id_max": 255},
)
simple("malformed_from.eml", RU, sender="Иван <parent-a@example.kz", expect={"outcome": "ticket"})
simple(
    "encoded_display_name_kk.eml",
    KK,
    sender=Header("Әлия Серікқызы", "utf-8").encode() + " <parent-a@example.kz>",
    expect={**T, "text": ["құпиясөз"]},
)
simple("uppercase_address.eml", RU, sender="PARENT-A@EXAMPLE.KZ", expect={**T})
simple(
    "unknown_sender.eml",
    RU,
    sender="stranger@evil.test",
    expect={"outcome": "unknown_sender", "answered": False},
)
simple("nul_in_body.eml", "Текст\x00с нулевым байтом.", expect={**T, "text": ["с нулевым байтом"]})
simple("control_chars_in_subject.eml", RU, subject="Тема\x07с\x1bуправляющими", expect={**T})
simple("tag_huge_number.eml", RU, subject="Re: [s-school-a-99999999999999999999] x", expect={**T})
simple(
    "stranger_reply_to_ticket.eml",
    "Не мой тикет.",
    sender="parent-b@example.kz",
    subject="Re: {TAG}",
    expect={"outcome": "not_allowed"},
)
simple(
    "reply_unknown_ticket.eml",
    "Ответ.",
    subject="Re: [{QUEUE}-987654]",
    expect={"outcome": "unknown_ticket"},
)
nested = "Самое вложенное письмо."
for level in range(12):
    nested = (
        (f"From: l{level}@example.kz\nSubject: L{level}\nContent-Type: message/rfc822\n\n" + nested)
        if level
        else f"From: l0@example.kz\nSubject: L0\n\n{nested}"
    )
add(
    "nested_rfc822_bomb.eml",
    head(name="bomb") + "MIME-Version: 1.0\nContent-Type: "
    'multipart/mixed; boundary="n"\n\n--n\nContent-Type: text/plain; charset=utf-8\n\n'
    "Вложенные письма.\n--n\nContent-Type: message/rfc822\n\n" + nested + "\n--n--\n",
    **T,
    text=["Вложенные письма"],
)
add(
    "bare_cr_and_long_line.eml",
    (
        head(name="cr") + "X-Weird: a\rb\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n\n" + RU + "\n" + "ж" * 5000 + "\n"
    ),
    **T,
    text=["пароль"],
)
add(
    "header_without_colon.eml",
    head(name="nocolon") + "This is not a header\nContent-Type: "
    "text/plain; charset=utf-8\n\n" + RU + "\n",
    **T,
)
add(
    "binary_garbage_body.eml",
    head(name="garbage").encode() + b"Content-Type: text/plain\n\n" + bytes(range(256)) * 4,
    **T,
)


def main():
    for old in HERE.glob("*.eml"):
        old.unlink()
    manifest = {}
    for name, (data, expected) in CASES.items():
        (HERE / name).write_bytes(data)
        manifest[name] = expected
    (HERE / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    )
    print(f"{len(manifest)} messages")


if __name__ == "__main__":
    main()
