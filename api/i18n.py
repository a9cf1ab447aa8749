"""Vietnamese first, English available: the page language and the message catalogue.

The language is ``?lang=`` (remembered in a cookie), else the cookie, else the server's
default (Vietnamese). Messages live in messages.json (data, not code): one key, one
Vietnamese and one English text.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request

LANGS = ("vi", "en")
COOKIE = "cchc_lang"


@lru_cache(maxsize=1)
def messages() -> dict[str, dict[str, str]]:
    return json.loads((Path(__file__).resolve().parent / "messages.json").read_text(encoding="utf-8"))


def language(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return asked
    remembered = request.cookies.get(COOKIE)
    if remembered in LANGS:
        return remembered
    settings = getattr(request.app.state, "settings", None)
    return getattr(settings, "default_lang", "vi")


class Translator:
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, **values: Any) -> str:
        entry = messages().get(key)
        if entry is None:
            return key
        text = entry.get(self.lang) or entry.get("vi") or key
        return text.format(**values) if values else text


def page_context(request: Request) -> dict[str, Any]:
    lang = language(request)
    other = "en" if lang == "vi" else "vi"
    params = dict(request.query_params)
    params["lang"] = other
    return {
        "request": request, "lang": lang, "t": Translator(lang), "other_lang": other,
        "switch_url": f"{request.url.path}?{urlencode(params)}",
    }
