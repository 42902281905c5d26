"""Mail: each edition reaches the list once, as text and HTML, with the watchlist in the subject; a
server that refuses or times out is a recorded failure (exit 3) retried next run. Against an
aiosmtpd server on 127.0.0.1 that each test starts and stops."""

import email
import email.policy
import json
import re
import shutil
import socket
import ssl
import subprocess
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from click.testing import CliRunner

from summarizer import cli
from summarizer.config import MailRecipient, MailSettings, RunOptions, read_config
from summarizer.errors import EXIT_FAILURES, ConfigError
from summarizer.job import mail as mail_module
from summarizer.job.mail import SENT_NAME, subject
from summarizer.job.run import run_job
from summarizer.watching import watch_hits
from tests.helpers.digests import example_digest
from tests.helpers.paths import OWN_PAGES
from tests.helpers.stages import EAST, EAST_SLUG, run, scripted_stages

PASSWORD = "correct-horse-battery-staple"
EDITION = Path(EAST_SLUG) / "2024-05-07"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """What the server received: (envelope recipients, parsed message)."""

    def __init__(self):
        self.received: list[tuple[list[str], email.message.EmailMessage]] = []
        self.logins: list[tuple[bytes, bytes]] = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append((list(envelope.rcpt_tos),
                              email.message_from_bytes(envelope.original_content, policy=email.policy.default)))
        return "250 OK"

    def __call__(self, server, session, envelope, mechanism, auth_data):  # the authenticator
        self.logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == PASSWORD.encode())


@pytest.fixture
def server():
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=inbox, auth_require_tls=False)
    controller.start()
    inbox.port = port
    yield inbox
    controller.stop()


def _mail(port: int, **fields) -> MailSettings:
    return MailSettings(host="127.0.0.1", port=port, security="none", sender="Digest <digest@example.org>",
                        to=fields.pop("to", ("staff@example.org",)), timeout=5, **fields)


def test_the_subject_names_the_paper_the_day_the_count_and_the_countries():
    digest = example_digest()
    assert subject(digest) == "Jining Daily, 3 Dec 2025: 2 foreign-affairs items (Belarus, Republic of Korea)"
    digest.watch_hits = watch_hits(digest.briefs, ["白俄罗斯"])
    assert subject(digest).endswith("(Belarus, Republic of Korea) — watchlist: Belarus")
    digest.briefs = digest.briefs[2:]
    digest.watch_hits = None
    assert subject(digest) == "Jining Daily, 3 Dec 2025: no foreign-affairs items"


def test_a_run_mails_each_edition_with_both_parts_and_the_watchlist_subject(server, tmp_path):
    stages, _, _ = scripted_stages()
    report = run(EAST, tmp_path, stages, mail=_mail(server.port), watch=["东湖"])
    assert not report.failed and report.mails_sent == [f"{EDITION.as_posix()} to staff@example.org"]
    [(recipients, message)] = server.received
    assert recipients == ["staff@example.org"]
    assert message["List-Id"] == "Digest <digest.example.org>" and message["From"] == "Digest <digest@example.org>"
    assert message.get_content_type() == "multipart/alternative"
    text, html = message.get_payload()
    assert text.get_content_type() == "text/plain" and html.get_content_type() == "text/html"
    assert text.get_content().replace("\r\n", "\n") == (tmp_path / EDITION / "digest.md").read_text(encoding="utf-8")
    assert 'style="' in html.get_content() and "<style>" not in html.get_content()
    assert message["Subject"].startswith("Donghu Daily, 7 May 2024: ")
    assert message["Subject"].endswith(" — watchlist: Donghu")


def test_a_rerun_sends_nothing_new_unless_the_digest_changed(server, tmp_path):
    stages, _, _ = scripted_stages()
    run(EAST, tmp_path, stages, mail=_mail(server.port))
    assert len(server.received) == 1
    again = run(EAST, tmp_path, stages, mail=_mail(server.port))
    assert len(server.received) == 1 and again.mails_sent == [] and not again.failed
    changed = run(EAST, tmp_path, stages, mail=_mail(server.port), watch=["东湖"])  # new watch hits in the digest
    assert len(server.received) == 2 and changed.mails_sent
    sent = json.loads((tmp_path / SENT_NAME).read_text(encoding="utf-8"))["sent"]
    assert list(sent) == [f"{EDITION.as_posix()} to staff@example.org"]


def test_a_refusing_server_exits_3_keeps_the_digests_and_the_next_run_sends(server, tmp_path, monkeypatch):
    stages, _, _ = scripted_stages()
    monkeypatch.setattr(cli, "run_job", lambda options, progress=None: run_job(options, stages))
    refusing = _free_port()  # nothing listens there
    config = tmp_path / "job.toml"
    pages = ", ".join(f'"{page}"' for page in EAST)
    config.write_text(f'inputs = [{pages}]\nout = "out"\ndate = "2021-12-04"\nformats = ["markdown", "json", "html"]\n'
                      f'[mail]\nhost = "127.0.0.1"\nport = {refusing}\nsecurity = "none"\n'
                      f'sender = "digest@example.org"\nto = ["staff@example.org"]\ntimeout = 5\n', encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["run", "--config", str(config), "--quiet"])
    assert result.exit_code == EXIT_FAILURES, result.output
    assert "mail to 127.0.0.1" in result.output and "retried next run" in result.output
    out = tmp_path / "out"
    assert (out / EDITION / "digest.md").exists() and (out / EDITION / "index.html").exists()
    assert json.loads((out / SENT_NAME).read_text(encoding="utf-8")) == {"sent": {}, "pending": [EDITION.as_posix()]}
    report = json.loads((out / "run-report.json").read_text(encoding="utf-8"))
    assert len(report["mail_errors"]) == 1

    config.write_text(config.read_text(encoding="utf-8").replace(f"port = {refusing}", f"port = {server.port}"),
                      encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["run", "--config", str(config), "--quiet"])
    assert result.exit_code == 0, result.output
    assert len(server.received) == 1


def test_a_night_whose_mail_failed_is_mailed_by_the_next_nights_run(server, tmp_path):
    stages, _, _ = scripted_stages()
    failed = run(EAST, tmp_path, stages, mail=_mail(_free_port()))
    assert failed.failed and failed.mail_errors
    assert json.loads((tmp_path / SENT_NAME).read_text(encoding="utf-8"))["pending"] == [EDITION.as_posix()]
    report = run([OWN_PAGES / "evening-2023-03-15-a2.txt"], tmp_path, stages, mail=_mail(server.port))
    assert not report.failed and len(server.received) == 2
    assert {key.split(" to ")[0] for key in report.mails_sent} == {EDITION.as_posix(), "evening/2023-03-15"}
    text, _ = [message for _, message in server.received if "7 May 2024" in message["Subject"]][0].get_payload()
    assert text.get_content().replace("\r\n", "\n") == (tmp_path / EDITION / "digest.md").read_text(encoding="utf-8")
    assert json.loads((tmp_path / SENT_NAME).read_text(encoding="utf-8"))["pending"] == []
    run([OWN_PAGES / "evening-2023-03-15-a2.txt"], tmp_path, stages, mail=_mail(server.port))
    assert len(server.received) == 2


def test_a_server_that_never_answers_is_a_recorded_failure(tmp_path):
    stages, _, _ = scripted_stages()
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)  # accepts the connection, never greets
        mail = _mail(silent.getsockname()[1])
        mail = MailSettings(**{**mail.__dict__, "timeout": 0.5})
        report = run(EAST, tmp_path, stages, mail=mail)
    assert report.failed and "timed out" in report.mail_errors[0]
    assert (tmp_path / EDITION / "digest.md").exists()


@pytest.fixture
def certificate(tmp_path):
    """A self-signed certificate for 127.0.0.1, and a client context that trusts it alone."""
    if shutil.which("openssl") is None:
        pytest.skip("no openssl command to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    return server_context, cert


@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_starttls_and_tls_carry_the_login_and_the_mail(certificate, security, tmp_path, monkeypatch):
    server_context, cert = certificate
    inbox, port = Inbox(), _free_port()
    # aiosmtpd offers AUTH only after STARTTLS unless told otherwise; on a connection that is TLS
    # from the start (ssl_context) it does not know it is encrypted, hence auth_require_tls=False there.
    encryption = {"tls_context": server_context, "require_starttls": True} if security == "starttls" else {
        "server_hostname": "127.0.0.1", "ssl_context": server_context, "auth_require_tls": False}
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=inbox, **encryption)
    controller.start()
    try:
        monkeypatch.setattr(mail_module, "tls_context", lambda: ssl.create_default_context(cafile=cert))
        monkeypatch.setenv("DIGEST_SMTP_PASSWORD", PASSWORD)
        stages, _, _ = scripted_stages()
        mail = MailSettings(**{**_mail(port).__dict__, "security": security, "user": "digest",
                               "password_env": "DIGEST_SMTP_PASSWORD"})
        report = run(EAST, tmp_path, stages, mail=mail)
    finally:
        controller.stop()
    assert not report.failed, report.mail_errors
    assert inbox.logins == [(b"digest", PASSWORD.encode())] and len(inbox.received) == 1


def test_a_server_whose_certificate_is_not_trusted_gets_neither_password_nor_mail(certificate, tmp_path,
                                                                                  monkeypatch):
    server_context, _ = certificate
    inbox, port = Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=inbox, tls_context=server_context,
                            require_starttls=True)
    controller.start()
    try:
        monkeypatch.setenv("DIGEST_SMTP_PASSWORD", PASSWORD)
        stages, _, _ = scripted_stages()
        mail = MailSettings(**{**_mail(port).__dict__, "security": "starttls", "user": "digest",
                               "password_env": "DIGEST_SMTP_PASSWORD"})
        report = run(EAST, tmp_path, stages, mail=mail)
    finally:
        controller.stop()
    assert report.failed and "CERTIFICATE_VERIFY_FAILED" in report.mail_errors[0]
    assert inbox.logins == [] and inbox.received == []


def test_dry_run_writes_eml_files_and_sends_nothing(server, tmp_path):
    stages, _, _ = scripted_stages()
    report = run(EAST, tmp_path / "out", stages, mail=_mail(server.port), dry_run_mail=str(tmp_path / "mail"))
    assert server.received == [] and not (tmp_path / "out" / SENT_NAME).exists()
    [eml] = (tmp_path / "mail").glob("*.eml")
    assert report.mails_written == [str(eml)]
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert message.get_content_type() == "multipart/alternative" and message["To"] == "staff@example.org"


def test_a_reader_with_their_own_watchlist_hears_only_on_nights_it_is_hit(server, tmp_path):
    stages, _, _ = scripted_stages()
    readers = (MailRecipient("minsk@example.org", ("Minsk",), only_when_watched=True),
               MailRecipient("lake@example.org", ("东湖",), only_when_watched=True),
               MailRecipient("all@example.org"))
    run(EAST, tmp_path, stages, mail=_mail(server.port, to=(), recipients=readers))
    by_reader = {recipients[0]: message for recipients, message in server.received}
    assert sorted(by_reader) == ["all@example.org", "lake@example.org"]
    assert "watchlist:" in by_reader["lake@example.org"]["Subject"]
    assert "watchlist" not in by_reader["all@example.org"]["Subject"]


def test_the_password_comes_from_the_environment_and_is_written_nowhere(server, tmp_path, monkeypatch):
    stages, _, _ = scripted_stages()
    mail = _mail(server.port, user="digest", password_env="DIGEST_SMTP_PASSWORD")
    report = run(EAST, tmp_path / "missing", stages, mail=mail)
    assert report.failed and "DIGEST_SMTP_PASSWORD" in report.mail_errors[0] and server.received == []
    monkeypatch.setenv("DIGEST_SMTP_PASSWORD", PASSWORD)
    report = run(EAST, tmp_path / "out", stages, mail=mail)
    assert not report.failed and server.logins == [(b"digest", PASSWORD.encode())] and len(server.received) == 1
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file() and not path.name.endswith(".sqlite3"):
            assert PASSWORD not in path.read_text(encoding="utf-8", errors="replace"), path
    monkeypatch.setenv("DIGEST_SMTP_PASSWORD", "wrong")
    report = run(EAST, tmp_path / "wrong", stages, mail=mail)
    assert report.failed and "wrong" not in " ".join(report.mail_errors)


def test_the_mail_table_is_checked_and_never_holds_a_password(tmp_path):
    config = tmp_path / "job.toml"
    config.write_text('[mail]\nhost = "smtp.example.org"\nsender = "d@example.org"\nto = ["a@example.org"]\n'
                      'user = "d"\npassword_env = "P"\n[[mail.recipients]]\naddress = "b@example.org"\n'
                      'watch = ["Belarus"]\nonly_when_watched = true\n', encoding="utf-8")
    mail = read_config(config)["mail"]
    assert mail == MailSettings(host="smtp.example.org", sender="d@example.org", to=("a@example.org",), port=587,
                                security="starttls", user="d", password_env="P",
                                recipients=(MailRecipient("b@example.org", ("Belarus",), True),))
    assert mail.list_header == "Digest <digest.example.org>"
    for wrong, message in (('password = "x"', "never write the password"), ('security = "ssl"', "mail.security"),
                           ("port = 0", "mail.port"), ('to = "a@example.org"', "mail.to"), ('colour = "red"', "colour")):
        config.write_text(f'[mail]\nhost = "h"\nsender = "d@example.org"\nto = ["a@example.org"]\n{wrong}\n'
                          .replace('to = ["a@example.org"]\nto =', "to ="), encoding="utf-8")
        with pytest.raises(ConfigError, match=message):
            read_config(config)
    with pytest.raises(ConfigError, match="dry-run-mail needs a"):
        RunOptions.load(None, inputs=("a.txt",), out=str(tmp_path), dry_run_mail=str(tmp_path))


def test_the_nightly_config_reads_with_its_formats_and_watchlist(tmp_path):
    nightly = Path(__file__).resolve().parent.parent / "jobs" / "nightly.toml"
    options = read_config(nightly)
    assert {"html", "atom", "json"} <= set(options["formats"]) and options["watch"] and "mail" not in options
    text = nightly.read_text(encoding="utf-8")
    block = [re.sub(r"^# ?", "", line) for line in text[text.index("# [mail]"):].splitlines()
             if line.startswith("# [") or "=" in line]
    (tmp_path / "mail.toml").write_text("\n".join(block), encoding="utf-8")  # the commented block, switched on
    mail = read_config(tmp_path / "mail.toml")["mail"]
    assert mail.password_env == "SUMMARIZER_SMTP_PASSWORD" and mail.recipients[0].only_when_watched
