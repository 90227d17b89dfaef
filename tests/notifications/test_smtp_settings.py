"""The SMTP server's settings come from the environment: the port follows the TLS mode, a wrong
value is refused naming its variable, a password is never shown nor sent unencrypted."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from stdgap.notifications.smtp import SmtpConfig, SmtpConfigError, from_env

BASE = {"STDGAP_SMTP_HOST": "mail.example.org", "STDGAP_SMTP_FROM": "obs@example.org"}


def test_the_port_follows_the_tls_mode_and_the_lease_the_timeout() -> None:
    assert from_env(BASE).port == 587 and from_env(BASE).tls == "starttls"
    assert from_env(BASE | {"STDGAP_SMTP_TLS": "TLS"}).port == 465
    assert from_env(BASE | {"STDGAP_SMTP_TLS": "none"}).port == 25
    given = from_env(BASE | {"STDGAP_SMTP_PORT": "2525", "STDGAP_SMTP_TIMEOUT": "12.5"})
    assert (given.port, given.timeout, given.lease) == (2525, 12.5, timedelta(seconds=185))
    named = from_env(BASE | {"STDGAP_SMTP_FROM": "Observatoire <obs@example.org>"})
    assert (named.sender_name, named.sender_address) == ("Observatoire", "obs@example.org")


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"STDGAP_SMTP_HOST": " "}, "STDGAP_SMTP_HOST is not set"),
        ({"STDGAP_SMTP_FROM": ""}, "STDGAP_SMTP_FROM is not set"),
        ({"STDGAP_SMTP_FROM": "observatory"}, "STDGAP_SMTP_FROM='observatory'"),
        ({"STDGAP_SMTP_TLS": "ssl"}, "STDGAP_SMTP_TLS='ssl': use one of none, starttls, tls"),
        ({"STDGAP_SMTP_PORT": "70000"}, "STDGAP_SMTP_PORT='70000'"),
        ({"STDGAP_SMTP_PORT": "smtp"}, "STDGAP_SMTP_PORT='smtp'"),
        ({"STDGAP_SMTP_TIMEOUT": "0"}, "STDGAP_SMTP_TIMEOUT='0'"),
        ({"STDGAP_SMTP_USER": "mailer"}, "STDGAP_SMTP_PASSWORD is not"),
        ({"STDGAP_SMTP_CA_FILE": "/no/such/ca.pem"}, "STDGAP_SMTP_CA_FILE='/no/such/ca.pem'"),
    ],
)
def test_a_wrong_setting_is_refused_naming_its_variable(
    changes: dict[str, str], named: str
) -> None:
    with pytest.raises(SmtpConfigError) as refused:
        from_env(BASE | changes)
    assert named in str(refused.value)


def test_a_password_is_not_sent_unencrypted_nor_shown(tmp_path: Path) -> None:
    secret = {"STDGAP_SMTP_USER": "mailer", "STDGAP_SMTP_PASSWORD": "hunter2-long-secret"}
    with pytest.raises(SmtpConfigError, match="unencrypted") as refused:
        from_env(BASE | secret | {"STDGAP_SMTP_TLS": "none"})
    assert "hunter2" not in str(refused.value)
    local = from_env(BASE | secret | {"STDGAP_SMTP_TLS": "none", "STDGAP_SMTP_HOST": "localhost"})
    assert local.password == "hunter2-long-secret" and "hunter2" not in repr(local)
    assert "hunter2" not in repr(SmtpConfig("h", "a@example.org", password="hunter2"))


def test_the_site_address_makes_the_pages_an_e_mail_names_links() -> None:
    from stdgap.notifications.mail import linked

    assert from_env(BASE).site_url is None
    site = from_env(BASE | {"STDGAP_SITE_URL": "https://stdgap.example.org/"}).site_url
    assert site == "https://stdgap.example.org"
    for wrong in ("stdgap.example.org", "ftp://x.org", "https://x.org/?a=1", "https://"):
        with pytest.raises(SmtpConfigError, match="STDGAP_SITE_URL"):
            from_env(BASE | {"STDGAP_SITE_URL": wrong})
    body = "See the jury's page (/awards/YA-2027/jury). Results: /awards/YA-2027/results.\n1/2"
    assert linked(body, site) == (
        "See the jury's page (https://stdgap.example.org/awards/YA-2027/jury). "
        "Results: https://stdgap.example.org/awards/YA-2027/results.\n1/2"
    )
    assert linked(body, None) == body
