"""TLS: certificates are verified by default, ca_path trusts a private CA, validate_certs=false skips the check.

A throwaway CA and a server certificate for 127.0.0.1 are made for each test session; the simulator
serves HTTPS with them. The modules run in-process through the run_module harness.
"""

import datetime
import ipaddress
import json

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from ansible_collections.sailpoint_community.isc.plugins.module_utils.client import IscClient
from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import TransportError
from ansible_collections.sailpoint_community.isc.plugins.modules import password_policy, password_policy_info

INSECURE = pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")


def _key():
    return ec.generate_private_key(ec.SECP256R1())


def _name(common_name):
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "isc-sim tests"), x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _write(path, *blobs):
    path.write_bytes(b"".join(blobs))
    return str(path)


def make_ca(directory, label):
    """A self-signed CA: (certificate, key, path of its PEM bundle)."""
    key = _key()
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(label))
        .issuer_name(_name(label))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                crl_sign=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return cert, key, _write(directory / (label + ".pem"), cert.public_bytes(serialization.Encoding.PEM))


def make_server_cert(directory, ca_cert, ca_key, label, hosts=("127.0.0.1",)):
    """A server certificate signed by the CA for ``hosts``: (certificate path, key path)."""
    key = _key()
    now = datetime.datetime.now(datetime.timezone.utc)
    names = [x509.IPAddress(ipaddress.ip_address(host)) if host[0].isdigit() else x509.DNSName(host) for host in hosts]
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(hosts[0]))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    cert_path = _write(directory / (label + ".crt"), cert.public_bytes(serialization.Encoding.PEM))
    key_path = _write(
        directory / (label + ".key"), key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    """The test CA's bundle, a server certificate for 127.0.0.1, one for another host, and an unrelated CA."""
    directory = tmp_path_factory.mktemp("pki")
    ca_cert, ca_key, ca_bundle = make_ca(directory, "test-ca")
    other_bundle = make_ca(directory, "other-ca")[2]
    return {
        "ca_bundle": ca_bundle,
        "other_ca_bundle": other_bundle,
        "server": make_server_cert(directory, ca_cert, ca_key, "server"),
        "wrong_host": make_server_cert(directory, ca_cert, ca_key, "wrong-host", hosts=("isc.example.test",)),
    }


@pytest.fixture
def https_sim(sim_factory, pki):
    cert, key = pki["server"]
    sim = sim_factory(tls_cert=cert, tls_key=key)
    assert sim.base_url.startswith("https://127.0.0.1:")
    return sim


def client_for(sim, **kwargs):
    return IscClient(sim.base_url, client_id=sim.client_id, client_secret=sim.client_secret, sleep=lambda seconds: None, **kwargs)


def assert_clear_tls_refusal(sim, error):
    text = str(error.fail_kwargs())
    assert "TLS verification failed" in error.msg
    assert "certificate verify failed" in error.msg  # the reason, from the TLS library
    assert "Set ca_path to the CA bundle" in error.msg and "validate_certs: false" in error.msg
    assert sim.client_secret not in text and "Bearer" not in text
    for token in sim.issued_tokens():
        assert token not in text


def test_certificates_are_verified_by_default(https_sim):
    client = client_for(https_sim)
    with pytest.raises(TransportError) as error:
        client.get("/v3/password-policies")
    assert_clear_tls_refusal(https_sim, error.value)
    assert error.value.details["path"] == "/oauth/token"  # the first request: nothing was sent
    assert client.request_count == 1  # a TLS failure is final, never retried
    assert https_sim.journal()["count"] == 0 and https_sim.issued_tokens() == []


def test_a_certificate_from_another_ca_is_refused(https_sim, pki):
    with pytest.raises(TransportError) as error:
        client_for(https_sim, ca_path=pki["other_ca_bundle"]).get("/v3/password-policies")
    assert_clear_tls_refusal(https_sim, error.value)


def test_a_certificate_for_another_host_is_refused(sim_factory, pki):
    cert, key = pki["wrong_host"]
    sim = sim_factory(tls_cert=cert, tls_key=key)
    with pytest.raises(TransportError) as error:
        client_for(sim, ca_path=pki["ca_bundle"]).get("/v3/password-policies")
    assert_clear_tls_refusal(sim, error.value)
    assert "127.0.0.1" in error.value.msg


@pytest.mark.isc_sim_quirks(False)  # every status is checked: no 400 at the end offset here
def test_ca_path_trusts_the_private_ca(https_sim, pki):
    client = client_for(https_sim, ca_path=pki["ca_bundle"])
    assert [p["name"] for p in client.list_all("/v3/password-policies")] == ["Default"]
    assert [entry["status"] for entry in https_sim.journal()["requests"]] == [200, 200]


@INSECURE
def test_validate_certs_false_skips_the_check(https_sim):
    client = client_for(https_sim, validate_certs=False)
    assert client.get("/v3/password-policies").status == 200


@INSECURE
def test_validate_certs_false_wins_over_ca_path(https_sim, pki):
    client = client_for(https_sim, validate_certs=False, ca_path=pki["other_ca_bundle"])
    assert client.get("/v3/password-policies").status == 200


def test_module_refuses_an_untrusted_certificate_by_default(https_sim, run_module):
    result = run_module(password_policy, dict(name="Over TLS", min_length=12), sim=https_sim)
    assert result["failed"] is True
    assert "TLS verification failed" in result["msg"] and "ca_path" in result["msg"]
    assert "validate_certs" in result["msg"]
    assert https_sim.client_secret not in json.dumps(result)
    assert https_sim.journal()["writes"] == 0


def test_module_works_with_ca_path(https_sim, pki, run_module):
    args = dict(name="Over TLS", min_length=12, ca_path=pki["ca_bundle"])
    created = run_module(password_policy, args, sim=https_sim)
    assert created["changed"] is True and created["password_policy"]["min_length"] == 12, created
    again = run_module(password_policy, args, sim=https_sim)
    assert again["changed"] is False
    info = run_module(password_policy_info, dict(name="Over TLS", ca_path=pki["ca_bundle"]), sim=https_sim)
    assert [item["id"] for item in info["password_policies"]] == [created["password_policy"]["id"]]
    assert https_sim.journal()["writes"] == 1


@INSECURE
def test_module_works_with_validate_certs_false(https_sim, run_module):
    result = run_module(password_policy_info, dict(validate_certs=False), sim=https_sim)
    assert result["exit_code"] == 0 and len(result["password_policies"]) == 1
