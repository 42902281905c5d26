"""The run settings: one table, from which the job config's TOML keys, the command line's options,
their checks and help, and the README's settings table all come.

Adding a setting is adding one field to RunOptions with `setting(...)`: its type of value
(`Is`), its default and its help. A wrong value in the job config is a ConfigError naming the
file and the key (exit 4); on the command line it is a usage error (exit 2).
"""

from __future__ import annotations

import datetime
import re
import tomllib
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
from enum import StrEnum
from pathlib import Path
from typing import Any, cast

import click

from summarizer.backends import BACKEND_NAMES
from summarizer.errors import ConfigError
from summarizer.records import Backend
from summarizer.runtime import COMPUTE_TYPES, DEFAULT_BATCH_SIZE, DEVICES, ENGINES, Runtime
from summarizer.stages.settings import StageSettings
from summarizer.writers import DEFAULT_FORMATS, WRITERS


class Is(StrEnum):
    """What sort of value a setting takes: decides its check, its command-line type and its path handling."""

    TEXT = "text"
    PATH = "path"
    """A file or folder; in the job config, relative to the config file."""
    PATHS = "paths"
    """A list of files or folders; in the job config, relative to the config file."""
    MODEL = "model"
    """A configured model name (kept as it is), or a folder or TOML file (a path)."""
    DATE = "date"
    CHOICE = "choice"
    CHOICES = "choices"
    """A list, each one of the choices."""
    COUNT = "count"
    """A whole number, at least the minimum."""
    NUMBER = "number"
    FLAG = "flag"
    TEXTS = "texts"
    """A list of non-empty strings (names, kept as they are)."""
    MAIL = "mail"
    """The `[mail]` table of the job config (see MailSettings)."""


LISTS = (Is.PATHS, Is.CHOICES, Is.TEXTS)
"""The sorts whose value is a list (on the command line: the option given once per item)."""


@dataclass(frozen=True)
class Setting:
    """One run setting as the table states it."""

    key: str
    sort: Is
    help: str
    what: str
    """What a value must be, as an error message says it ("a whole number, 1 or more")."""
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    above_minimum: bool = False
    """NUMBER: the value must be above the minimum, not equal to it."""
    option: str | None = None
    """The command-line option (`--out`); None: the setting is the command's argument."""
    default: Any = None
    config_only: bool = False
    """A table only the job config can hold: no command-line option."""

    def check(self, value: Any, where: str) -> Any:
        """The value in its one form, or a ConfigError naming where, the key and what it must be."""
        if self.sort == Is.MAIL:
            return value if isinstance(value, MailSettings) else MailSettings.from_table(value, where)
        wrong = ConfigError(f"{where}: {self.key} must be {self.what}, not {value!r}")
        if self.sort in LISTS:
            value = list(value) if isinstance(value, tuple) else value
            if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
                raise wrong
            if self.sort == Is.CHOICES and (not value or any(item not in self.choices for item in value)):
                raise wrong
            return value
        if self.sort in (Is.COUNT, Is.NUMBER):
            kinds = (int,) if self.sort == Is.COUNT else (int, float)
            if isinstance(value, bool) or not isinstance(value, kinds):
                raise wrong
            if self.minimum is not None and (value < self.minimum or (self.above_minimum and value == self.minimum)):
                raise wrong
            return value
        if self.sort == Is.FLAG:
            if not isinstance(value, bool):
                raise wrong
            return value
        if self.sort == Is.DATE:
            return _check_date(value, where, self.key, wrong)
        if self.sort == Is.CHOICE and value not in self.choices:
            raise wrong
        if not isinstance(value, str) or not value.strip():
            raise wrong
        return value


def _check_date(value: Any, where: str, key: str, wrong: ConfigError) -> str:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise wrong
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{where}: {key} {value!r} is no real day") from None
    return value


def setting(sort: Is, default: Any, help: str, what: str = "", *, choices: tuple[str, ...] = (),
            minimum: float | None = None, above_minimum: bool = False, option: str | None = "",
            config_only: bool = False) -> Any:
    """A RunOptions field that is a run setting: `option` "" gives `--the-key`, None no option (the
    argument); `config_only`: a table of the job config, with no command-line option."""
    spec = {"sort": sort, "help": help, "what": what, "choices": choices, "minimum": minimum,
            "above_minimum": above_minimum, "option": None if config_only else option, "config_only": config_only}
    if isinstance(default, list):
        return field(default_factory=lambda: list(default), metadata=spec)
    return field(default=default, metadata=spec)


def _what(sort: Is, what: str, choices: tuple[str, ...], minimum: float | None, above: bool) -> str:
    if what:
        return what
    if sort == Is.CHOICE:
        return f"one of {', '.join(sorted(choices))}"
    if sort == Is.CHOICES:
        return f"a list of {', '.join(sorted(choices))}"
    if sort == Is.COUNT:
        return f"a whole number, {minimum:g} or more"
    if sort == Is.NUMBER:
        return f"a number above {minimum:g}" if above else f"a number, {minimum:g} or more"
    return {Is.DATE: "a date, YYYY-MM-DD", Is.FLAG: "true or false", Is.TEXTS: "a list of non-empty strings",
            Is.MAIL: "a table (see jobs/nightly.toml)"}.get(sort, "a non-empty string")


SECURITY = ("starttls", "tls", "none")
"""How a mail server is reached: STARTTLS on a plain connection, TLS from the start, or neither."""
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}


@dataclass(frozen=True)
class MailRecipient:
    """A reader with a watchlist of their own (`[[mail.recipients]]`)."""

    address: str
    watch: tuple[str, ...] | None = None
    """Their watchlist; None: the job's `watch`."""
    only_when_watched: bool = False
    """Mail them only on nights when their watchlist has a hit."""


@dataclass(frozen=True)
class MailSettings:
    """The `[mail]` table: where the editions are mailed, and how. The password is never here:
    `password_env` names the environment variable that holds it."""

    host: str
    sender: str
    to: tuple[str, ...] = ()
    port: int = 587
    security: str = "starttls"
    user: str | None = None
    password_env: str | None = None
    list_id: str = ""
    """The List-Id header (`Foreign-affairs digest <digest.example.org>`); default: from the sender's domain."""
    timeout: float = 30
    recipients: tuple[MailRecipient, ...] = ()

    @property
    def list_header(self) -> str:
        return self.list_id or f"Digest <digest.{self.sender_domain}>"

    @property
    def sender_domain(self) -> str:
        return self.sender.rpartition("@")[2].strip(" >") or "localhost"

    @classmethod
    def from_table(cls, table: Any, where: str) -> MailSettings:
        """The table checked: a ConfigError names the key and what it must be."""
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: mail must be a table ([mail]), not {table!r}")
        known = {"host", "port", "security", "user", "password_env", "sender", "to", "list_id", "timeout",
                 "recipients"}
        if "password" in table:
            raise ConfigError(f"{where}: mail.password: never write the password in a file; put it in an "
                              "environment variable and name that in mail.password_env")
        unknown = sorted(set(table) - known)
        if unknown:
            raise ConfigError(f"{where}: unknown mail setting {unknown[0]!r}; they are {', '.join(sorted(known))}")

        def text(key: str, required: bool = False) -> str | None:
            value = table.get(key)
            if value is None and not required:
                return None
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{where}: mail.{key} must be a non-empty string, not {value!r}")
            return value

        def texts(value: Any, key: str) -> tuple[str, ...]:
            if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
                raise ConfigError(f"{where}: {key} must be a list of non-empty strings, not {value!r}")
            return tuple(value)

        security = table.get("security", "starttls")
        if security not in SECURITY:
            raise ConfigError(f"{where}: mail.security must be one of {', '.join(SECURITY)}, not {security!r}")
        port = table.get("port", DEFAULT_PORTS[security])
        if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
            raise ConfigError(f"{where}: mail.port must be a port number, not {port!r}")
        timeout = table.get("timeout", 30)
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
            raise ConfigError(f"{where}: mail.timeout must be a number of seconds above 0, not {timeout!r}")
        user, password_env = text("user"), text("password_env")
        if user and not password_env:
            raise ConfigError(f"{where}: mail.user needs mail.password_env (the environment variable holding "
                              "the password)")
        recipients = []
        for number, entry in enumerate(table.get("recipients", []), 1):
            key = f"mail.recipients[{number}]"
            if not isinstance(entry, dict) or not isinstance(entry.get("address"), str) or not entry["address"].strip():
                raise ConfigError(f"{where}: {key} must be a table with an address, not {entry!r}")
            if set(entry) - {"address", "watch", "only_when_watched"}:
                raise ConfigError(f"{where}: {key}: unknown key(s) {', '.join(sorted(set(entry) - {'address', 'watch', 'only_when_watched'}))}")
            only = entry.get("only_when_watched", False)
            if not isinstance(only, bool):
                raise ConfigError(f"{where}: {key}.only_when_watched must be true or false, not {only!r}")
            watch = texts(entry["watch"], f"{key}.watch") if "watch" in entry else None
            recipients.append(MailRecipient(entry["address"], watch, only))
        to = texts(table.get("to", []), "mail.to")
        if not to and not recipients:
            raise ConfigError(f"{where}: mail needs `to` addresses or [[mail.recipients]]")
        return cls(host=cast(str, text("host", required=True)), sender=cast(str, text("sender", required=True)), to=to,
                   port=port, security=security, user=user, password_env=password_env, list_id=text("list_id") or "",
                   timeout=timeout, recipients=tuple(recipients))


@dataclass
class RunOptions:
    """Everything a run needs: the job config's settings, overridden by the command line's."""

    inputs: list[str] = setting(Is.PATHS, [], "Page files, or folders of them.", "a list of page files or folders",
                                option=None)
    out: str | None = setting(Is.PATH, None, "Output folder (digests go to OUT/<paper>/<date>/).", "a folder path")
    paper: str | None = setting(Is.TEXT, None, "Paper name for pages whose header and file name give none.",
                                "a paper name")
    date: str | None = setting(Is.DATE, None, "Edition date (YYYY-MM-DD) for pages whose header and file name "
                                              "give none.")
    summarizer_model: str | None = setting(
        Is.MODEL, None, "A configured summarizer name, a model TOML file, a local model directory (seq2seq, "
                        "CTranslate2 or instruct LLM), or 'extractive'.", "a model name, folder or TOML file")
    translator_model: str | None = setting(
        Is.MODEL, None, "A configured translator name, a model TOML file, or a local model directory (seq2seq, "
                        "CTranslate2 or instruct LLM).", "a model name, folder or TOML file")
    glossary: list[str] = setting(Is.PATHS, [], "Extra glossary TOML file(s); entries override the built-in "
                                                "glossary.", "a list of glossary files")
    backend: str | None = setting(Is.CHOICE, None, "Run both models on this backend instead of the one their "
                                                   "TOML file names.", choices=tuple(BACKEND_NAMES))
    device: str = setting(Is.CHOICE, "auto", "Run the models on the CPU or a CUDA GPU (auto: the GPU where there "
                                             "is one).", choices=DEVICES)
    compute_type: str | None = setting(Is.CHOICE, None, "Number format of the models (default: int8 on the CPU "
                                                        "with CTranslate2, float16-based on a GPU).",
                                       choices=COMPUTE_TYPES)
    batch_size: int = setting(Is.COUNT, DEFAULT_BATCH_SIZE, "Articles per model batch (sentences: twice as many). "
                                                            "Hundreds on a GPU.", minimum=1)
    threads: int | None = setting(Is.COUNT, None, "CPU threads for the models (default: all cores).", minimum=1)
    name_workers: int | None = setting(Is.COUNT, None, "Processes that find names ahead of the models (default: "
                                                       "cores - 1 on a GPU, 0 on the CPU).", minimum=0)
    cache: str | None = setting(Is.PATH, None, "The brief cache (default: OUT/.summarizer-cache.sqlite3).",
                                "a file path")
    formats: list[str] = setting(Is.CHOICES, list(DEFAULT_FORMATS), "Output formats, each a writer's name.",
                                 choices=tuple(WRITERS))
    watch: list[str] = setting(Is.TEXTS, [], "Watchlist: countries, cities, organisations, people or terms, in "
                                            "Chinese or English; briefs that mention one are flagged.",
                               "a list of names")
    mail: MailSettings | None = setting(Is.MAIL, None, "Mail each edition to a list: [mail] with host, port, "
                                                       "security, user, password_env, sender, to, list_id, "
                                                       "recipients (see jobs/nightly.toml).", config_only=True)
    dry_run_mail: str | None = setting(Is.PATH, None, "Write each edition's mail as a .eml file in this folder "
                                                      "instead of sending it.", "a folder path")
    quiet: bool = setting(Is.FLAG, False, "Print only errors and the summary line.")
    engine: str = setting(Is.CHOICE, "local", "Where the models run: local (this process) or ray (a Ray "
                                              "cluster).", choices=ENGINES)
    ray_address: str | None = setting(Is.TEXT, None, "ray: auto, host:port or ray://host:10001 (default: a local "
                                                     "Ray on this machine).", "auto, host:port or ray://host:port")
    workers: int = setting(Is.COUNT, 1, "ray: actors, each holding both models.", minimum=1)
    cpus_per_worker: float = setting(Is.NUMBER, 1, "ray: CPUs per actor.", minimum=0, above_minimum=True)
    gpus_per_worker: float = setting(Is.NUMBER, 0, "ray: GPUs per actor.", minimum=0)

    from_command_line: frozenset[str] = frozenset()
    """The settings the command line gave (not a setting itself): a digest names where a guess came from."""

    @property
    def runtime(self) -> Runtime:
        return Runtime(device=self.device, compute_type=self.compute_type, threads=self.threads,
                       batch_size=self.batch_size, name_workers=self.name_workers)

    @property
    def stage_settings(self) -> StageSettings:
        return StageSettings(self.summarizer_model, self.translator_model, tuple(self.glossary),
                             Backend(self.backend) if self.backend else None, self.runtime)

    @classmethod
    def load(cls, config: str | Path | None, **overrides: Any) -> RunOptions:
        """The config file's settings, checked against the table, then the overrides (checked the same way)."""
        values = read_config(Path(config)) if config else {}
        given = set()
        for key, value in overrides.items():
            if value not in (None, (), []):
                values[key] = check_setting(key, value, "command line")
                given.add(key)
        options = cls(**values, from_command_line=frozenset(given))
        if not options.inputs:
            raise ConfigError("no input pages: give PAGE or FOLDER arguments, or `inputs` in the job config")
        if not options.out:
            raise ConfigError("no output folder: give --out DIR, or `out` in the job config")
        for name in options.formats:
            for need in WRITERS[name].needs:
                if need not in options.formats:
                    raise ConfigError(f"formats: {name} needs {need} too (it is built from the editions' "
                                      f"digest.{need} files)")
        if options.dry_run_mail and not options.mail:
            raise ConfigError("--dry-run-mail needs a [mail] table in the job config")
        return options


def _table() -> dict[str, Setting]:
    table = {}
    for spec in fields(RunOptions):
        meta = spec.metadata
        if "sort" not in meta:
            continue
        default = spec.default if spec.default is not MISSING else cast(Callable[[], Any], spec.default_factory)()
        option = None if meta["option"] is None else f"--{spec.name.replace('_', '-')}"
        table[spec.name] = Setting(
            spec.name, meta["sort"], meta["help"],
            _what(meta["sort"], meta["what"], meta["choices"], meta["minimum"], meta["above_minimum"]),
            meta["choices"], meta["minimum"], meta["above_minimum"], option, default, meta["config_only"])
    return table


SETTINGS: dict[str, Setting] = _table()
"""Every run setting, by its TOML key: the one schema the job config and the command line share."""


def check_setting(key: str, value: Any, where: str) -> Any:
    if key not in SETTINGS:
        raise ConfigError(f"{where}: unknown setting {key!r}; the settings are {', '.join(SETTINGS)}")
    return SETTINGS[key].check(value, where)


def read_config(path: Path) -> dict[str, Any]:
    """A job config's settings, checked, with its paths made relative to the file."""
    try:
        raw = tomllib.loads(path.read_bytes().decode("utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read job config: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: job config is not UTF-8 text (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    values = {key: check_setting(key, value, str(path)) for key, value in raw.items()}
    base = path.resolve().parent
    for key, value in values.items():
        sort = SETTINGS[key].sort
        if sort == Is.PATH or (sort == Is.MODEL and ("/" in value or value.endswith(".toml"))):
            values[key] = str(base / value)  # a model folder or TOML file; a configured name stays a name
        elif sort == Is.PATHS:
            values[key] = [str(base / item) for item in value]
    return values


class _SettingValue(click.ParamType):
    """A command-line value, converted and checked by its table entry (a wrong one is a usage error)."""

    def __init__(self, entry: Setting):
        self.entry = entry
        self.name = entry.sort.value

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            if self.entry.sort == Is.COUNT and isinstance(value, str):
                value = int(value)
            elif self.entry.sort == Is.NUMBER and isinstance(value, str):
                value = float(value)
        except ValueError:
            self.fail(f"{value!r} is not {self.entry.what}", param, ctx)
        try:
            checked = self.entry.check(value if self.entry.sort not in LISTS else [value], "")
        except ConfigError as exc:
            self.fail(str(exc).removeprefix(": "), param, ctx)
        return checked[0] if self.entry.sort in LISTS else checked


def setting_options(*keys: str):
    """A decorator adding the named settings to a click command, as the table states them."""
    def decorate(command):
        for key in reversed(keys):
            entry = SETTINGS[key]
            many = entry.sort in LISTS
            if entry.config_only:
                raise ValueError(f"{key} is a table of the job config, with no command-line option")
            if entry.option is None:
                command = click.argument(key, nargs=-1 if many else 1, type=_SettingValue(entry))(command)
            elif entry.sort == Is.FLAG:
                command = click.option(entry.option, key, is_flag=True, default=None, help=entry.help)(command)
            else:
                metavar = "|".join(entry.choices) if entry.choices else entry.sort.value.upper().rstrip("S")
                default = f" (default {_shown(entry.default)})" if entry.default not in (None, []) else ""
                command = click.option(entry.option, key, type=_SettingValue(entry), multiple=many, metavar=metavar,
                                       help=entry.help + default)(command)
        return command
    return decorate


def _shown(value: Any) -> str:
    return ", ".join(value) if isinstance(value, list) else str(value)


def settings_table() -> str:
    """The README's table of settings (a test keeps the README's copy the same)."""
    rows = ["| key | command line | must be | default | what it does |", "| --- | --- | --- | --- | --- |"]
    for entry in SETTINGS.values():
        option = f"`{entry.option}`" if entry.option else ("job config only" if entry.config_only else "the arguments")
        default = f"`{_shown(entry.default)}`" if entry.default not in (None, []) else ""
        rows.append(f"| `{entry.key}` | {option} | {entry.what} | {default} | {entry.help} |")
    return "\n".join(rows)
