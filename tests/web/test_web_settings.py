"""The web application's settings from the environment: defaults, the report cache's folder,
and a clear error for a value that is not a whole number."""

from __future__ import annotations

import pytest

from stdgap.http.settings import KIB, MIB, WebSettings


def test_defaults() -> None:
    settings = WebSettings.from_env({"XDG_CACHE_HOME": "/var/cache/x"})
    assert settings.max_upload == 200 * MIB
    assert settings.max_body == 1024 * KIB
    assert settings.max_public_body == 64 * KIB
    assert settings.hsts_seconds == 31536000
    assert settings.report_cache == "/var/cache/x/stdgap/reports"
    assert settings.report_cache_bytes == 256 * MIB
    assert (settings.report_threads, settings.report_builds_per_client) == (2, 2)


def test_values_from_the_environment() -> None:
    settings = WebSettings.from_env(
        {
            "STDGAP_MAX_UPLOAD_MB": "5",
            "STDGAP_MAX_BODY_KB": "100",
            "STDGAP_MAX_PUBLIC_BODY_KB": " 8 ",
            "STDGAP_HSTS_SECONDS": "0",
            "STDGAP_REPORT_CACHE_DIR": "/srv/reports",
            "STDGAP_REPORT_CACHE_MB": "10",
            "STDGAP_REPORT_THREADS": "1",
            "STDGAP_REPORT_BUILDS_PER_CLIENT": "3",
        }
    )
    assert (settings.max_upload, settings.max_body, settings.max_public_body) == (
        5 * MIB,
        100 * KIB,
        8 * KIB,
    )
    assert settings.hsts_seconds == 0
    assert (settings.report_cache, settings.report_cache_bytes) == ("/srv/reports", 10 * MIB)
    assert (settings.report_threads, settings.report_builds_per_client) == (1, 3)


@pytest.mark.parametrize("value", ["off", "none", "", "OFF"])
def test_the_report_cache_can_be_switched_off(value: str) -> None:
    assert WebSettings.from_env({"STDGAP_REPORT_CACHE_DIR": value}).report_cache == ""


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("STDGAP_MAX_BODY_KB", "1.5"),
        ("STDGAP_MAX_UPLOAD_MB", "lots"),
        ("STDGAP_REPORT_THREADS", "0"),
        ("STDGAP_HSTS_SECONDS", "-1"),
        ("STDGAP_REPORT_BUILDS_PER_CLIENT", "٣"),
    ],
)
def test_a_bad_value_is_named(name: str, value: str) -> None:
    with pytest.raises(ValueError, match=f"{name}='{value}': give a whole number"):
        WebSettings.from_env({name: value})
