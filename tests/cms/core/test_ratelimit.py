"""Who the client is: REMOTE_ADDR unless our own proxies are declared; the client-written left end
of X-Forwarded-For is never trusted."""

from django.test import RequestFactory

from cms.core.ratelimit import client_ip, count_hit

FORGED = "6.6.6.6, 203.0.113.7"  # the client wrote 6.6.6.6; our proxy appended 203.0.113.7


def request(**meta):
    return RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", **meta)


def test_without_declared_proxies_forwarded_for_is_ignored(settings):
    settings.JIYUE_TRUSTED_PROXY_COUNT = 0
    settings.JIYUE_CLIENT_IP_HEADER = ""
    assert client_ip(request(HTTP_X_FORWARDED_FOR=FORGED)) == "10.0.0.2"


def test_with_one_proxy_the_right_most_address_is_the_client(settings):
    settings.JIYUE_TRUSTED_PROXY_COUNT = 1
    assert client_ip(request(HTTP_X_FORWARDED_FOR=FORGED)) == "203.0.113.7"
    settings.JIYUE_TRUSTED_PROXY_COUNT = 2
    assert client_ip(request(HTTP_X_FORWARDED_FOR=FORGED)) == "6.6.6.6"
    assert client_ip(request()) == "10.0.0.2"  # no chain: the proxy's own address


def test_a_named_header_is_read_from_the_right(settings):
    settings.JIYUE_TRUSTED_PROXY_COUNT = 0
    settings.JIYUE_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    assert client_ip(request(HTTP_X_FORWARDED_FOR=FORGED)) == "203.0.113.7"


def test_the_counter_allows_then_refuses_within_a_window():
    results = [count_hit("test", "a", allowed=2, window=60) for _ in range(4)]
    assert results == [True, True, False, False]
    assert count_hit("test", "b", allowed=2, window=60)
