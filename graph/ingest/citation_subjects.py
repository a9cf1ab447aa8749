"""What a citation says the cited document is about (its stated subject, trích yếu).

Convention encoded: Vietnamese documents are cited as ``[type] số NUMBER ngày DATE của ISSUER``
followed by the cited document's abstract (trích yếu), introduced by "về" / "về việc" or
directly by the verb of the abstract: "ban hành", "quy định", "phê duyệt", "hướng dẫn",
"sửa đổi, bổ sung", "bãi bỏ" — "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ về ban
hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030;". The subject
runs to the end of the clause: ";", ":", a full stop before a space, a blank line (clean
text; OCR text keeps going over one blank line, which is usually a page break), a bulleted
line, the next citation, or another document named after "và" ("và Nghị quyết Đại hội ..."). The subject is kept as printed (OCR damage included): it is
stated text, compared by the link stage on folded text.
"""

from __future__ import annotations

import re

_OPENER = re.compile(
    r"[ \t]*,?[ \t]*(?:\n[ \t]*){0,3}(?P<subject>(?:ve\s+viec|ve|quy\s+dinh|ban\s+hanh|phe\s+duyet"
    r"|huong\s+dan|sua\s+doi|bai\s+bo)\b)"
)
# A new clause with its own subject: ", UBND thành phố ... ban hành ...".
# Another cited document joined by "và"/"," ("... giai đoạn 2026-2030 và Nghị quyết Đại hội ...").
_NEW_CLAUSE = (
    r",\s+(?:ubnd|uy ban|hdnd|hoi dong nhan dan)\b"
    r"|(?:\s+va|,)\s+(?:nghi quyet|quyet dinh|nghi dinh|chi thi|thong tu|ke hoach|chuong trinh|ket luan"
    r"|cong van|luat|bo luat)\b"
)
_END_CLEAN = re.compile(_NEW_CLAUSE + r"|[;:]|\.(?=\s|$)|\n[ \t]*\n|\n[ \t]*[-+•*]\s|\n[ \t]*(?:can cu|thuc hien|theo de nghi)\b")
# OCR text: a column rule or bracket of a scrambled table ends the clause too.
_END_OCR = re.compile(_NEW_CLAUSE + r"|[;:|\]\[]|\.(?=\s|$)|\n[ \t]*\n[ \t]*\n|\n[ \t]*[-+•*~]\s|\n[ \t]*(?:c[a-z]n c[a-z]{1,2}|th[a-z]{1,2}c hi[a-z]n)\b")
_CAPS_RUN = re.compile(r"(?<!\w)[A-ZĐÀ-Ỹ]{2,}(?:[ \t]+[A-ZĐÀ-Ỹ]{2,}){2,}(?!\w)")
_TRAILING = re.compile(r"(?:\s+(?:và|va|của|cua|về|ve|theo))+$", re.IGNORECASE)
MAX_CHARS = 300
MIN_WORDS = 3


def subject_after(clean: str, folded: str, pos: int, *, stop: int | None = None, ocr: bool = False) -> str | None:
    """The stated subject that starts right after offset ``pos`` (the end of the citation's
    number, date and issuer), or None. ``stop`` is where the next citation starts."""
    m = _OPENER.match(folded, pos)
    if not m:
        return None
    start = m.start("subject")
    limit = min(len(folded), start + MAX_CHARS, stop if stop is not None and stop > start else len(folded))
    end_m = (_END_OCR if ocr else _END_CLEAN).search(folded, start, limit)
    end = end_m.start() if end_m else limit
    caps = _CAPS_RUN.search(clean, start, end)  # a heading (OCR: scrambled into the line)
    if caps:
        end = caps.start()
    text = re.sub(r"\s+", " ", clean[start:end]).strip(" ,*_")
    text = _TRAILING.sub("", text)
    # A bare "về" followed by too little is not an abstract ("về Sở Nội vụ" is an addressee).
    if len(text.split()) < MIN_WORDS:
        return None
    if end == start + MAX_CHARS:  # cut mid-clause: end on a word boundary
        text = text.rsplit(" ", 1)[0]
    return text
