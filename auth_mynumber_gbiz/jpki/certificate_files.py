"""Read certificates and CRLs from bytes that may be DER or PEM."""

from cryptography import x509

_PEM_MARKER = b"-----BEGIN "


def _is_pem(data):
    return data.lstrip().startswith(_PEM_MARKER)


def load_certificate(data):
    """Return the one certificate in `data` (DER or PEM).

    Raise ValueError when `data` holds no certificate or more than one.
    """
    if _is_pem(data):
        certificates = x509.load_pem_x509_certificates(data)
        if len(certificates) != 1:
            raise ValueError("expected one PEM certificate")
        return certificates[0]
    return x509.load_der_x509_certificate(data)


def load_certificates(data):
    """Return every certificate of a PEM bundle (or the one of a DER file)."""
    if _is_pem(data):
        return x509.load_pem_x509_certificates(data)
    return [x509.load_der_x509_certificate(data)]


def load_crls(data):
    """Return every CRL in `data`: one DER CRL, or one or more PEM blocks."""
    if not _is_pem(data):
        return [x509.load_der_x509_crl(data)]
    end = b"-----END X509 CRL-----"
    blocks = [block + end for block in data.split(end) if _PEM_MARKER in block]
    if not blocks:
        raise ValueError("no PEM CRL found")
    return [x509.load_pem_x509_crl(block) for block in blocks]
