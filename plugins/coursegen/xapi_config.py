"""The ``xapi`` option: statements to the team's own learning record store, and cmi5's LRS origins.

Everything a static site carries is public: the credentials in ``mkdocs.yml`` end up in
``record-config.js`` for anyone to read. So they must be *write-only* (README: "xAPI to
your own record store"); this module cannot check that, only say it, and refuses what
would leak more (plain ``http:`` to another machine sends them in clear text).
"""

from __future__ import annotations

import base64
import difflib
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .option_base import Option, OptionError
from .validation import describe

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
"""Hosts an endpoint may reach over plain ``http:`` (a record store on the author's machine)."""
FIELDS = ("endpoint", "username", "password", "auth", "activity_id", "ask_name")
DEFAULT_CMI5_ORIGINS = ("https:",)
"""Where a cmi5 package's launch page may send statements: any https origin, since the
platform tells the package its record store only at launch."""


@dataclass(frozen=True)
class Xapi:
    """The ``xapi`` option, checked."""

    endpoint: str
    """The LRS's xAPI base, ending in ``/`` (``statements`` is appended)."""
    auth: str
    """The ``Authorization`` header value."""
    activity_id: str | None
    ask_name: bool

    @property
    def origin(self) -> str:
        """The endpoint's origin, the one address the pages may connect to besides their own."""
        parts = urlsplit(self.endpoint)
        return f"{parts.scheme}://{parts.netloc}"

    def browser_part(self, course_iri: str) -> dict[str, Any]:
        """What ``xapi.js`` reads from ``record-config.js`` (public, as every byte of the site)."""
        base = (self.activity_id or course_iri).rstrip("/") + "/"
        return {"endpoint": self.endpoint, "auth": self.auth, "activity": base, "askName": self.ask_name,
                "host": urlsplit(self.endpoint).hostname}


def _text(value: object, key: str) -> str:
    if value is None:
        raise OptionError(f"`{key}` is empty (an `!ENV` variable that is not set?)", (key,))
    if not isinstance(value, str) or not value.strip():
        raise OptionError(f"`{key}`: expected text, got {describe(value)}", (key,))
    return value.strip()


def _endpoint(value: object) -> str:
    text = _text(value, "endpoint")
    parts = urlsplit(text)
    if parts.scheme not in {"https", "http"} or not parts.hostname:
        raise OptionError(f"`endpoint`: expected the record store's xAPI address (https://…/xAPI/), got {text!r}",
                               ("endpoint",))
    if parts.scheme == "http" and parts.hostname not in LOCAL_HOSTS:
        raise OptionError(
            f"`endpoint`: {text!r} is plain http to another machine, which would send the credentials and every "
            "learner's answers in clear text; use https (http only for 127.0.0.1 or localhost)", ("endpoint",))
    if parts.username or parts.password or parts.query or parts.fragment:
        raise OptionError("`endpoint`: give the address without a user, query or fragment "
                               "(credentials go in `username`/`password` or `auth`)", ("endpoint",))
    return text if text.endswith("/") else text + "/"


def _iri(value: object) -> str | None:
    if value is None:
        return None
    text = _text(value, "activity_id")
    parts = urlsplit(text)
    if not parts.scheme or not (parts.netloc or parts.path) or " " in text:
        raise OptionError(f"`activity_id`: expected an absolute IRI (https://example.org/courses/power/), got {text!r}",
                               ("activity_id",))
    return text


class XapiOption(Option[Xapi | None]):
    """``xapi: {endpoint, username, password | auth, activity_id, ask_name}``; off when not given."""

    def __init__(self) -> None:
        super().__init__(None)

    def validate(self, value: object) -> Xapi | None:
        if value is None or value is False:
            return None
        if not isinstance(value, dict):
            raise OptionError(f"expected a mapping (`endpoint:`, `username:`, `password:` …), got {describe(value)}")
        for key in value:
            if key not in FIELDS:
                close = difflib.get_close_matches(str(key), FIELDS, n=1)
                hint = f" (did you mean `{close[0]}`?)" if close else ""
                raise OptionError(f"unknown field `{key}`{hint}; the fields are {', '.join(FIELDS)}", (str(key),))
        if "endpoint" not in value:
            raise OptionError("`endpoint` is missing: the record store's xAPI address (https://…/xAPI/)")
        endpoint = _endpoint(value["endpoint"])
        if "auth" in value and ("username" in value or "password" in value):
            raise OptionError("give either `auth` (the whole Authorization header) or `username` and `password`, "
                                   "not both", ("auth",))
        if "auth" in value:
            auth = _text(value["auth"], "auth")
        elif "username" in value or "password" in value:
            username, password = _text(value.get("username"), "username"), _text(value.get("password"), "password")
            if ":" in username:
                raise OptionError("`username` cannot hold `:` (HTTP Basic authentication)", ("username",))
            auth = "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
        else:
            raise OptionError("no credentials: give `username` and `password` (or `auth`) of a WRITE-ONLY key; "
                                  "they are public in the built site")
        ask = value.get("ask_name", True)
        if not isinstance(ask, bool):
            raise OptionError(f"`ask_name`: expected true or false, got {describe(ask)}", ("ask_name",))
        return Xapi(endpoint, auth, _iri(value.get("activity_id")), ask)


class OriginList(Option[list[str]]):
    """Content-Security-Policy sources a cmi5 package's launch page may send statements to."""

    def __init__(self) -> None:
        super().__init__(list(DEFAULT_CMI5_ORIGINS))

    def validate(self, value: object) -> list[str]:
        if value is None:
            return list(DEFAULT_CMI5_ORIGINS)
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            raise OptionError(f"expected a list of origins (https://lrs.example.org, or https:), got {describe(value)}")
        chosen: list[str] = []
        for item in value:
            if not isinstance(item, str):
                raise OptionError(f"expected an origin, got {describe(item)}")
            if item != "https:":
                parts = urlsplit(item)
                local = parts.scheme == "http" and parts.hostname in LOCAL_HOSTS
                if (parts.scheme != "https" and not local) or not parts.netloc or parts.path not in {"", "/"} \
                        or parts.query or any(c in item for c in " ;,'\""):
                    raise OptionError(
                        f"{item!r} is not an origin like https://lrs.example.org (http only for 127.0.0.1 or "
                        "localhost; a port may be `:*`), nor `https:` (any https origin)")
                item = item.rstrip("/")
            chosen.append(item)
        return chosen
